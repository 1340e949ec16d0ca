//! Checks on a resolved guide that need no walk over the profiles: conditions that can
//! never be true (error) or are always true, links with a forbidden scheme, and (warnings)
//! material nobody uses and sources without a year or a link.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, Report};
use super::load::INDEX_FILE;
use super::model::{NO_YEAR, valid_year};
use super::source::Sources;
use super::{Compiled, Guide};
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
        citations(guide, sources, report);
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

/// Every Markdown text a reader sees in steps, chapters and on the start page.
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
        refs.entry("resource")
            .or_default()
            .extend(s.resources.iter().map(String::as_str));
        refs.entry("example")
            .or_default()
            .extend(s.examples.iter().map(String::as_str));
        refs.entry("source")
            .or_default()
            .extend(s.sources.iter().map(String::as_str));
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
