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
                    Diagnostic::warning(&o.file, at, format!("Variante {} hat keinen Text", v + 1))
                        .hint("Schreiben Sie den Absatz oder entfernen Sie die Variante")
                        .in_step(&s.id),
                );
            }
        }
        for t in &s.tasks {
            if t.text.trim().is_empty() {
                let at = src.field("id", &t.id, o.offset);
                report.push(
                    Diagnostic::warning(&o.file, at, format!("Aufgabe `{}` hat keinen Text", t.id))
                        .hint("Schreiben Sie, was zu tun ist, oder entfernen Sie die Aufgabe")
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
                        Some(t) => format!("der Aufgabe `{t}`"),
                        None => "des Schritts".to_string(),
                    };
                    warn(
                        format!(
                            "Regel {} in `priority_if` {whose} ergibt überall, wo sie greift, die übliche Priorität",
                            r + 1
                        ),
                        "Entfernen Sie die Regel oder ändern Sie ihr `then`; soll sie Vorrang vor einer späteren Regel haben, schränken Sie stattdessen deren `when` ein",
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
                    format!(
                        "Variante {} erscheint für alle, die den Schritt sehen",
                        v + 1
                    ),
                    "Schreiben Sie ihren Text in den `body` des Schritts oder schränken Sie ihr `when` ein",
                );
            } else if !visible.iter().any(|f| vc.eval(f)) {
                warn(
                    format!(
                        "Variante {} erscheint für niemanden, der den Schritt sieht",
                        v + 1
                    ),
                    "Ihr `when` widerspricht dem `when` des Schritts; ändern Sie eines von beiden",
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
                Diagnostic::warning(&o.file, at, "Der Schritt hat keine Aufwandsschätzung")
                    .hint("Ergänzen Sie `effort: (hours: (2, 4), weeks: (1, 2))`: die eigenen Stunden der Kommune und die übliche Dauer in Wochen, jeweils als Bereich")
                    .in_step(&s.id),
            ),
            Some(e) => {
                let bad = |r: Option<(u32, u32)>| r.is_some_and(|(lo, hi)| lo > hi);
                if bad(Some(e.hours)) || bad(e.weeks) {
                    report.push(
                        Diagnostic::error(&o.file, at, "Ein Aufwandsbereich ist verkehrt herum (die erste Zahl ist größer als die zweite)")
                            .hint("Schreiben Sie Bereiche als (von, bis), z. B. `hours: (2, 4)`")
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
                        format!(
                            "Der Aufwandsbereich der Aufgabe `{}` ist verkehrt herum",
                            t.id
                        ),
                    )
                    .hint("Schreiben Sie Bereiche als (von, bis), z. B. `hours: (1, 2)`")
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
                Diagnostic::warning(file, at, format!("Quelle `{}` hat kein Jahr", s.id)).hint(
                    format!(
                        "Ergänzen Sie `year: \"2019\"`, einen Zeitraum wie `\"2017–2019\"` oder `\"{NO_YEAR}\"` für eine Quelle ohne Jahr"
                    ),
                ),
            ),
            Some(year) if !valid_year(year) => {
                let at = src.field("year", year, from);
                report.push(
                    Diagnostic::warning(file, at, format!("Das Jahr `{year}` der Quelle ist keine Jahreszahl"))
                        .hint(format!(
                            "Schreiben Sie vier Ziffern (`2019`), einen Zeitraum mit Gedankenstrich (`2017–2019`) oder `{NO_YEAR}`"
                        )),
                );
            }
            Some(_) => {}
        }
        if s.url.is_none() && !s.offline {
            report.push(
                Diagnostic::warning(file, at, format!("Quelle `{}` hat keinen Link", s.id)).hint(
                    "Ergänzen Sie die `url` der Seite oder des Dokuments selbst (nicht die einer Startseite); eine Quelle ganz ohne Webadresse (ein gedrucktes Buch, ein unveröffentlichtes Papier) bekommt `offline: true`",
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
            all.push((w, "Das `when` des Schritts"));
        }
        all.extend(
            c.priority_if
                .iter()
                .map(|(w, _)| (w, "Eine Regel in `priority_if`")),
        );
        all.extend(c.variants.iter().map(|w| (w, "Das `when` einer Variante")));
        all.extend(
            c.effort_if
                .iter()
                .map(|(w, _)| (w, "Eine Regel in `effort_if`")),
        );
        for t in &c.tasks {
            if let Some(w) = &t.when {
                all.push((w, "Das `when` einer Aufgabe"));
            }
            all.extend(
                t.priority_if
                    .iter()
                    .map(|(w, _)| (w, "Eine Regel in `priority_if` einer Aufgabe")),
            );
        }
        for (cond, what) in all {
            let Some((can_true, can_false)) = guide.outcomes(cond) else {
                continue;
            };
            let at = sources.loc(&origin.file, origin.offset, step.id.len() + 2);
            if !can_true {
                report.push(
                    Diagnostic::error(&origin.file, at, format!("{what} kann nie zutreffen"))
                        .hint("Prüfen Sie, ob sich Teile widersprechen, z. B. `All([...])` mit zwei verschiedenen Antworten auf dieselbe Frage")
                        .in_step(&step.id),
                );
            } else if !can_false {
                report.push(
                    Diagnostic::warning(&origin.file, at, format!("{what} trifft immer zu"))
                        .hint("Die Bedingung nennt jede Antwort; entfernen Sie sie oder schränken Sie sie ein")
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
                let d =
                    Diagnostic::error(t.file, at, format!("Der Link `{href}` ist nicht erlaubt"))
                        .hint("Links dürfen nur mit https://, http:// oder mailto: beginnen");
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
                    format!("Die `url` `{url}` der Quelle ist keine Webadresse"),
                )
                .hint("Die `url` einer Quelle beginnt mit https:// oder http://"),
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
                    format!("Keine Bedingung nutzt die Entscheidung `{}`", decision.id),
                )
                .hint("Nutzen Sie sie in einem späteren `when`, in `variants` oder `priority_if`, oder entfernen Sie sie")
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
                        format!("Keine Bedingung nutzt die Antwort `{}` der Entscheidung `{}`", c.id, decision.id),
                    )
                    .hint("Eine Antwort, die nichts ändert, führt in die Irre; nutzen Sie sie in einer späteren Bedingung oder entfernen Sie sie")
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
                let (message, hint) = match kind {
                    "resource" => (
                        format!("Kein Schritt verweist auf die Arbeitshilfe `{id}`"),
                        "Tragen Sie sie in `resources: [...]` eines Schritts ein oder entfernen Sie sie",
                    ),
                    "example" => (
                        format!("Kein Schritt verweist auf das Beispiel `{id}`"),
                        "Tragen Sie es in `examples: [...]` eines Schritts ein oder entfernen Sie es",
                    ),
                    _ => (
                        format!("Nichts verweist auf die Quelle `{id}`"),
                        "Tragen Sie sie in `sources: [...]` eines Schritts, eines Beispiels oder einer Arbeitshilfe ein oder entfernen Sie sie",
                    ),
                };
                report.push(Diagnostic::warning(file, at, message).hint(hint));
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
                Diagnostic::warning(&files.glossary, at, format!("Der Begriff `{}` kommt in keinem Schritt vor", term.term))
                    .hint("Ein Begriff wird markiert, wo seine Schreibweise (oder eine aus `also`) ein Wort beginnt; tragen Sie die Form, die die Texte verwenden, in `also` ein"),
            );
        }
    }

    // Steps that give the user nothing to do.
    for (i, s) in guide.steps.iter().enumerate() {
        if s.tasks.is_empty() {
            let o = &guide.origins[i];
            let at = sources.file(&o.file).field("id", &s.id, o.offset);
            report.push(
                Diagnostic::warning(&o.file, at, "Der Schritt hat keine Aufgaben")
                    .hint("Jeder Schritt sollte etwas Konkretes zu tun geben")
                    .in_step(&s.id),
            );
        }
    }
}
