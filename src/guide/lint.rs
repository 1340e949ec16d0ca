//! Checks on a resolved guide that need no walk over the profiles: conditions that can
//! never be true (error) or are always true, links with a forbidden scheme, and (warnings)
//! material nobody uses and sources without a year or a link.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, Report};
use super::load::INDEX_FILE;
use super::model::{NO_YEAR, valid_year};
use super::source::Sources;
use super::{Compiled, Guide};
use crate::condition::Facts;
use crate::markdown;

/// How much to lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lints {
    /// Only what makes a guide wrong for its readers: impossible conditions, bad links.
    Errors,
    /// Also warnings about unused or inert material, for authors.
    All,
}

pub fn run(guide: &Guide, sources: &Sources, report: &mut Report, lints: Lints) {
    conditions(guide, sources, report);
    links(guide, sources, report);
    if lints == Lints::All {
        unused(guide, sources, report);
        inert(guide, sources, report);
        efforts(guide, sources, report);
        citations(guide, sources, report);
        blank(guide, sources, report);
    }
}

/// Variants and tasks without text. Whether a step has text for everyone who sees it is
/// the walk's check (`coverage`); a blank paragraph or task shows for whoever its
/// condition names, „Weiß ich nicht“ answers included, so it is caught here for all.
fn blank(guide: &Guide, sources: &Sources, report: &mut Report) {
    for (i, s) in guide.steps.iter().enumerate() {
        let o = &guide.origins[i];
        let src = sources.file(&o.file);
        for (v, variant) in s.variants.iter().enumerate() {
            if variant.text.trim().is_empty() {
                let at = src.field("id", &s.id, o.offset);
                report.push(
                    Diagnostic::warning(&o.file, at, format!("variant {} has no text", v + 1))
                        .hint("write the paragraph or remove the variant")
                        .in_step(&s.id),
                );
            }
        }
        for t in &s.tasks {
            if t.text.trim().is_empty() {
                let at = src.field("id", &t.id, o.offset);
                report.push(
                    Diagnostic::warning(&o.file, at, format!("task `{}` has no text", t.id))
                        .hint("say what the reader should do, or remove the task")
                        .in_step(&s.id),
                );
            }
        }
    }
}

/// Every combination of answers to what `conds` name (decisions also unanswered), as
/// facts; `None` when there are too many to try.
fn combinations(guide: &Guide, conds: &[&Compiled]) -> Option<Vec<Facts>> {
    let mut leaves: Vec<(bool, usize)> = Vec::new();
    for c in conds {
        c.for_each_leaf(&mut |d, i, _| {
            if !leaves.contains(&(d, i)) {
                leaves.push((d, i));
            }
        });
    }
    let sizes: Vec<usize> = leaves
        .iter()
        .map(|&(d, i)| {
            if d {
                guide.decision_at(i).choices.len() + 1
            } else {
                guide.questions[i].choices.len()
            }
        })
        .collect();
    let total = sizes.iter().try_fold(1usize, |a, &s| a.checked_mul(s))?;
    if total > 20_000 {
        return None;
    }
    let empty = Facts {
        profile: vec![None; guide.questions.len()],
        decisions: vec![None; guide.decisions.len()],
    };
    Some(
        (0..total)
            .map(|n| {
                let mut facts = empty.clone();
                let mut rest = n;
                for (k, &(d, i)) in leaves.iter().enumerate() {
                    let v = rest % sizes[k];
                    rest /= sizes[k];
                    if d {
                        facts.decisions[i] = (v > 0).then(|| (v - 1) as u8);
                    } else {
                        facts.profile[i] = Some(v as u8);
                    }
                }
                facts
            })
            .collect(),
    )
}

/// Rules that change nothing: a `priority_if` that gives, wherever it decides, the
/// priority the step or task has by default (a rule may not merely shadow a later one),
/// and a variant shown to everyone or to no one who sees its step.
fn inert(guide: &Guide, sources: &Sources, report: &mut Report) {
    for (i, c) in guide.compiled.iter().enumerate() {
        let step = &guide.steps[i];
        let origin = &guide.origins[i];
        let at = sources.loc(&origin.file, origin.offset, step.id.len() + 2);
        let mut warn = |message: String, hint: &str| {
            report.push(
                Diagnostic::warning(&origin.file, at, message)
                    .hint(hint)
                    .in_step(&step.id),
            );
        };
        // A condition that can never be true is an error of its own already.
        let never = |cond: &Compiled| guide.outcomes(cond).is_some_and(|(t, _)| !t);
        if c.when.as_ref().is_some_and(never) {
            continue;
        }
        let when: Vec<&Compiled> = c.when.iter().collect();
        // (default priority, rules, the task's id and `when` for a task's rules)
        let lists = std::iter::once((step.priority, &c.priority_if, None, None)).chain(
            c.tasks.iter().enumerate().map(|(k, t)| {
                (
                    step.tasks[k].priority.unwrap_or(step.priority),
                    &t.priority_if,
                    Some(&step.tasks[k].id),
                    t.when.as_ref(),
                )
            }),
        );
        for (base, rules, task, task_when) in lists {
            if task_when.is_some_and(never) {
                continue;
            }
            for r in 0..rules.len() {
                if never(&rules[r].0) {
                    continue;
                }
                let mut conds = when.clone();
                conds.extend(rules.iter().map(|(w, _)| w));
                conds.extend(task_when);
                let Some(all) = combinations(guide, &conds) else {
                    continue;
                };
                let matters = all.iter().any(|f| {
                    c.when.as_ref().is_none_or(|w| w.eval(f))
                        && task_when.is_none_or(|w| w.eval(f))
                        && rules[..r].iter().all(|(w, _)| !w.eval(f))
                        && rules[r].0.eval(f)
                        && rules[r].1 != base
                });
                if !matters {
                    let whose = match task {
                        Some(t) => format!("task `{t}`'s"),
                        None => "the step's".to_string(),
                    };
                    warn(
                        format!(
                            "{whose} `priority_if` rule {} gives the default priority wherever it applies",
                            r + 1
                        ),
                        "remove it or change its `then`; if it is meant to win over a later rule, narrow that rule's `when` instead",
                    );
                }
            }
        }
        for (v, vc) in c.variants.iter().enumerate() {
            if never(vc) {
                continue;
            }
            let mut conds = when.clone();
            conds.push(vc);
            let Some(all) = combinations(guide, &conds) else {
                continue;
            };
            let visible: Vec<&Facts> = all
                .iter()
                .filter(|f| c.when.as_ref().is_none_or(|w| w.eval(f)))
                .collect();
            if visible.iter().all(|f| vc.eval(f)) {
                warn(
                    format!("variant {} is shown to everyone who sees the step", v + 1),
                    "put its text into the step's `body` or narrow its `when`",
                );
            } else if !visible.iter().any(|f| vc.eval(f)) {
                warn(
                    format!("variant {} is shown to no one who sees the step", v + 1),
                    "its `when` contradicts the step's `when`; change one of them",
                );
            }
        }
    }
}

/// Every step estimates the Kommune's own work, so the path can say what it takes.
fn efforts(guide: &Guide, sources: &Sources, report: &mut Report) {
    for (i, s) in guide.steps.iter().enumerate() {
        let o = &guide.origins[i];
        let at = sources.file(&o.file).field("id", &s.id, o.offset);
        match s.effort {
            None => report.push(
                Diagnostic::warning(&o.file, at, "step has no effort estimate")
                    .hint("add `effort: (hours: (2, 4), weeks: (1, 2))`: the Kommune's own hours and the typical duration, each as a range")
                    .in_step(&s.id),
            ),
            Some(e) => {
                let bad = |r: Option<(u32, u32)>| r.is_some_and(|(lo, hi)| lo > hi);
                if bad(Some(e.hours)) || bad(e.weeks) {
                    report.push(
                        Diagnostic::error(&o.file, at, "an effort range goes down (the first number is larger than the second)")
                            .hint("write ranges as (low, high), e.g. `hours: (2, 4)`")
                            .in_step(&s.id),
                    );
                }
            }
        }
        for t in &s.tasks {
            if let Some(e) = t.effort
                && e.hours.0 > e.hours.1
            {
                let at = sources.file(&o.file).field("id", &t.id, o.offset);
                report.push(
                    Diagnostic::error(
                        &o.file,
                        at,
                        format!("the effort range of task `{}` goes down", t.id),
                    )
                    .hint("write ranges as (low, high), e.g. `hours: (1, 2)`")
                    .in_step(&s.id),
                );
            }
        }
    }
}

/// Every source says when it appeared and where to read it. The rule for links: a
/// source without `url` is a warning unless `offline: true` says it has no web address.
fn citations(guide: &Guide, sources: &Sources, report: &mut Report) {
    let file = &guide.collection_files.sources;
    let src = sources.file(file);
    let mut from = 0;
    for s in &guide.sources {
        from = src.find_field("id", &s.id, from).unwrap_or(from);
        let at = src.field("id", &s.id, from);
        match &s.year {
            None => report.push(
                Diagnostic::warning(file, at, format!("source `{}` has no year", s.id)).hint(
                    format!(
                        "add `year: \"2019\"`, a range like `\"2017–2019\"` or `\"{NO_YEAR}\"` for an undated source"
                    ),
                ),
            ),
            Some(year) if !valid_year(year) => {
                let at = src.field("year", year, from);
                report.push(
                    Diagnostic::warning(file, at, format!("source year `{year}` is not a year"))
                        .hint(format!(
                            "write four digits (`2019`), a range with an en dash (`2017–2019`) or `{NO_YEAR}`"
                        )),
                );
            }
            Some(_) => {}
        }
        if s.url.is_none() && !s.offline {
            report.push(
                Diagnostic::warning(file, at, format!("source `{}` has no link", s.id)).hint(
                    "add the `url` of the page or document itself (not a home page); a source with no web address at all (a printed book, an unpublished paper) says `offline: true`",
                ),
            );
        }
    }
}

/// Every condition must be able to be true and able to be false.
fn conditions(guide: &Guide, sources: &Sources, report: &mut Report) {
    for (i, c) in guide.compiled.iter().enumerate() {
        let step = &guide.steps[i];
        let origin = &guide.origins[i];
        let mut all: Vec<(&Compiled, &str)> = Vec::new();
        if let Some(w) = &c.when {
            all.push((w, "the step's `when`"));
        }
        all.extend(
            c.priority_if
                .iter()
                .map(|(w, _)| (w, "a `priority_if` rule")),
        );
        all.extend(c.variants.iter().map(|w| (w, "a variant's `when`")));
        all.extend(c.effort_if.iter().map(|(w, _)| (w, "an `effort_if` rule")));
        for t in &c.tasks {
            if let Some(w) = &t.when {
                all.push((w, "a task's `when`"));
            }
            all.extend(
                t.priority_if
                    .iter()
                    .map(|(w, _)| (w, "a task's `priority_if` rule")),
            );
        }
        for (cond, what) in all {
            let Some((can_true, can_false)) = guide.outcomes(cond) else {
                continue;
            };
            let at = sources.loc(&origin.file, origin.offset, step.id.len() + 2);
            if !can_true {
                report.push(
                    Diagnostic::error(&origin.file, at, format!("{what} can never be true"))
                        .hint("check for contradicting parts, e.g. All([...]) with two different answers to one question")
                        .in_step(&step.id),
                );
            } else if !can_false {
                report.push(
                    Diagnostic::warning(&origin.file, at, format!("{what} is always true"))
                        .hint("it lists every answer; remove the condition or narrow it")
                        .in_step(&step.id),
                );
            }
        }
    }
}

/// One Markdown text an author wrote: the file, where to search from, the step it
/// belongs to and the text.
pub(crate) struct Text<'g> {
    pub file: &'g str,
    pub from: usize,
    pub step: Option<&'g str>,
    pub text: &'g str,
}

/// Every Markdown text a reader sees in steps (with their „Rechtlich prüfen“ box),
/// chapters and on the start page.
pub(crate) fn step_texts(guide: &Guide) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    for (i, s) in guide.steps.iter().enumerate() {
        let o = &guide.origins[i];
        let at = |text| Text {
            file: &o.file,
            from: o.offset,
            step: Some(&s.id),
            text,
        };
        out.push(at(&s.body));
        out.extend(s.variants.iter().map(|v| at(&v.text)));
        out.extend(s.tasks.iter().map(|t| at(&t.text)));
        out.push(at(&s.legal));
    }
    out.push(Text {
        file: INDEX_FILE,
        from: 0,
        step: None,
        text: &guide.intro,
    });
    for ch in &guide.chapters {
        out.push(Text {
            file: &ch.file,
            from: 0,
            step: None,
            text: &ch.intro,
        });
    }
    out
}

fn links(guide: &Guide, sources: &Sources, report: &mut Report) {
    let mut all = step_texts(guide);
    let files = &guide.collection_files;
    for r in &guide.resources {
        all.push(Text {
            file: &files.resources,
            from: 0,
            step: None,
            text: &r.body,
        });
    }
    for e in &guide.examples {
        for text in [&e.what, &e.learn] {
            all.push(Text {
                file: &files.examples,
                from: 0,
                step: None,
                text,
            });
        }
    }
    for t in all {
        for href in markdown::links(t.text) {
            if !markdown::safe_href(&href) {
                let at = sources.file(t.file).at_raw(&href, t.from);
                let d = Diagnostic::error(t.file, at, format!("link `{href}` is not allowed"))
                    .hint("links may only use https://, http:// or mailto:");
                report.push(match t.step {
                    Some(s) => d.in_step(s),
                    None => d,
                });
            }
        }
    }
    for s in &guide.sources {
        if let Some(url) = &s.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            let at = sources.file(&files.sources).at(url, 0);
            report.push(
                Diagnostic::error(
                    &files.sources,
                    at,
                    format!("source url `{url}` is not a web address"),
                )
                .hint("source urls start with https:// or http://"),
            );
        }
    }
}

fn unused(guide: &Guide, sources: &Sources, report: &mut Report) {
    // Decision answers that no condition uses.
    let mut used: Vec<u64> = vec![0; guide.decisions.len()];
    for c in &guide.compiled {
        let mut note = |d: bool, i: usize, mask: u64| {
            if d {
                used[i] |= mask;
            }
        };
        for cond in c.all_conditions() {
            cond.for_each_leaf(&mut note);
        }
    }
    for (d, &step) in guide.decisions.iter().enumerate() {
        let decision = guide.decision_at(d);
        let o = &guide.origins[step];
        let src = sources.file(&o.file);
        let sid = &guide.steps[step].id;
        if used[d] == 0 {
            let at = src.field("id", &decision.id, o.offset);
            report.push(
                Diagnostic::warning(
                    &o.file,
                    at,
                    format!("no condition uses decision `{}`", decision.id),
                )
                .hint("use it in a later `when`, `variants` or `priority_if`, or remove it")
                .in_step(sid),
            );
            continue;
        }
        for (k, c) in decision.choices.iter().enumerate() {
            if used[d] >> k & 1 == 0 {
                let at = src.field("id", &c.id, o.offset);
                report.push(
                    Diagnostic::warning(
                        &o.file,
                        at,
                        format!("no condition uses answer `{}` of decision `{}`", c.id, decision.id),
                    )
                    .hint("an answer that changes nothing misleads the user; use it in a later condition or remove it")
                    .in_step(sid),
                );
            }
        }
    }

    // Collections nobody references.
    let mut refs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for s in &guide.steps {
        refs.entry("resource").or_default().extend(
            s.resources
                .iter()
                .chain(s.variants.iter().flat_map(|v| v.resources.iter()))
                .map(String::as_str),
        );
        refs.entry("example")
            .or_default()
            .extend(s.examples.iter().map(String::as_str));
        refs.entry("source").or_default().extend(
            s.sources
                .iter()
                .chain(s.variants.iter().flat_map(|v| v.sources.iter()))
                .map(String::as_str),
        );
    }
    refs.entry("source")
        .or_default()
        .extend(guide.examples.iter().map(|e| e.source.as_str()));
    refs.entry("source").or_default().extend(
        guide
            .resources
            .iter()
            .flat_map(|r| r.sources.iter().map(String::as_str)),
    );
    let files = &guide.collection_files;
    let lists: [(&str, &str, Vec<&str>); 3] = [
        (
            "resource",
            &files.resources,
            guide.resources.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "example",
            &files.examples,
            guide.examples.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "source",
            &files.sources,
            guide.sources.iter().map(|r| r.id.as_str()).collect(),
        ),
    ];
    for (kind, file, ids) in lists {
        let used = refs.get(kind);
        for id in ids {
            if !used.is_some_and(|u| u.contains(id)) {
                let at = sources.file(file).field("id", id, 0);
                report.push(
                    Diagnostic::warning(file, at, format!("no step references {kind} `{id}`"))
                        .hint(if kind == "source" {
                            "add it to the `sources: [...]` of a step or an Arbeitshilfe, or remove it".to_string()
                        } else {
                            format!("add it to a step's `{kind}s: [...]` or remove it")
                        }),
                );
            }
        }
    }

    // Glossary terms that occur in no step text.
    let mut found = vec![false; guide.terms.len()];
    for t in step_texts(guide) {
        for m in guide.spellings.find(t.text) {
            found[m.term] = true;
        }
    }
    for (t, term) in guide.terms.iter().enumerate() {
        if !found[t] {
            let at = sources.file(&files.glossary).field("id", &term.id, 0);
            report.push(
                Diagnostic::warning(&files.glossary, at, format!("term `{}` occurs in no step text", term.term))
                    .hint("terms are marked where their spelling (or one in `also`) starts a word; add the form the texts use to `also`"),
            );
        }
    }

    // Steps that give the user nothing to do.
    for (i, s) in guide.steps.iter().enumerate() {
        if s.tasks.is_empty() {
            let o = &guide.origins[i];
            let at = sources.file(&o.file).field("id", &s.id, o.offset);
            report.push(
                Diagnostic::warning(&o.file, at, "step has no tasks")
                    .hint("every step should give the reader something concrete to do")
                    .in_step(&s.id),
            );
        }
    }
}
