//! The checks for authors: ids, references, conditions, links, unused material, and the
//! exhaustive walk over every profile that proves each path is non-empty and ends properly.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::diagnostic::{Diagnostic, Location, Report};
use super::load::{find_field, find_string};
use super::{CollectionFiles, CompiledStep, CompiledTask, Guide};
use crate::condition::{Compiled, Condition, Facts};
use crate::markdown;

/// How far the exhaustive check may go before it samples instead.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Path walks (profile × decision answers) to enumerate at most.
    pub max_walks: u64,
    /// Walks to check when the space is larger than `max_walks`.
    pub sample_walks: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_walks: 2_000_000,
            sample_walks: 50_000,
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

const ID_HINT: &str = "ids use lowercase letters a–z, digits, `-` and `_` (they appear in links)";

struct Ctx<'a> {
    report: &'a mut Report,
    /// Byte offsets of line starts per file, built on first use: locating thousands of
    /// ids must not rescan a file from its start each time.
    lines: std::cell::RefCell<HashMap<String, std::rc::Rc<Vec<usize>>>>,
}

impl<'a> Ctx<'a> {
    fn new(report: &'a mut Report) -> Self {
        Ctx {
            report,
            lines: Default::default(),
        }
    }

    fn text(&self, file: &str) -> &str {
        self.report.sources.get(file).map_or("", String::as_str)
    }

    /// The location of byte `offset` in `file`, underlining `len` characters.
    fn loc(&self, file: &str, offset: usize, len: usize) -> Location {
        let text = self.text(file);
        let starts = self
            .lines
            .borrow_mut()
            .entry(file.to_string())
            .or_insert_with(|| {
                let mut v = vec![0];
                v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
                std::rc::Rc::new(v)
            })
            .clone();
        let offset = offset.min(text.len());
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let col = text.get(start..offset).map_or(1, |t| t.chars().count() + 1);
        Location { line, col, len }
    }

    /// Where `"needle"` is written in `file`, searching from `from`.
    fn at(&self, file: &str, needle: &str, from: usize) -> Location {
        let text = self.text(file);
        find_string(text, needle, from)
            .or_else(|| find_string(text, needle, 0))
            .map_or(Location::start(), |o| {
                self.loc(file, o, needle.chars().count() + 2)
            })
    }

    /// Where `key: "value"` is written in `file`, searching from `from`.
    fn field(&self, file: &str, key: &str, value: &str, from: usize) -> Location {
        let text = self.text(file);
        find_field(text, key, value, from)
            .or_else(|| find_field(text, key, value, 0))
            .map_or_else(
                || self.at(file, value, from),
                |o| self.loc(file, o, value.chars().count() + 2),
            )
    }

    fn push(&mut self, d: Diagnostic) {
        self.report.push(d);
    }
}

/// Checks ids and references and resolves every condition into `guide.compiled`.
pub(crate) fn ids_and_references(guide: &mut Guide, files: &CollectionFiles, report: &mut Report) {
    let mut cx = Ctx::new(report);
    let index = super::load::INDEX_FILE;

    // Intake questions and their choices.
    let mut seen = HashSet::new();
    let mut q_from = 0;
    for q in &guide.questions {
        let at = cx.field(index, "id", &q.id, q_from);
        q_from = find_field(cx.text(index), "id", &q.id, q_from).unwrap_or(q_from);
        if !seen.insert(q.id.as_str()) {
            cx.push(Diagnostic::error(
                index,
                at,
                format!("duplicate question id `{}`", q.id),
            ));
        }
        if !valid_id(&q.id) {
            cx.push(Diagnostic::error(index, at, format!("invalid id `{}`", q.id)).hint(ID_HINT));
        }
        choices(&mut cx, index, &q.id, &q.choices, q_from, None);
    }

    // Demo profiles: every answer names a real question and choice; every question answered.
    let mut demo_ids = HashSet::new();
    let mut d_from = 0;
    for dp in &guide.demo_profiles {
        d_from = find_field(cx.text(index), "id", &dp.id, d_from).unwrap_or(d_from);
        let at = cx.field(index, "id", &dp.id, d_from);
        if !demo_ids.insert(dp.id.as_str()) || !valid_id(&dp.id) {
            cx.push(
                Diagnostic::error(
                    index,
                    at,
                    format!("duplicate or invalid demo profile id `{}`", dp.id),
                )
                .hint(ID_HINT),
            );
        }
        for (q, a) in &dp.answers {
            match guide.questions.iter().find(|x| &x.id == q) {
                None => {
                    let at = cx.at(index, q, d_from);
                    cx.push(
                        Diagnostic::error(
                            index,
                            at,
                            format!("unknown question `{q}` in demo profile `{}`", dp.id),
                        )
                        .hint(suggest(q, guide.questions.iter().map(|x| x.id.as_str()))),
                    );
                }
                Some(question) if !question.choices.iter().any(|c| &c.id == a) => {
                    let at = cx.at(index, a, d_from);
                    cx.push(
                        Diagnostic::error(index, at, format!("`{q}` has no answer `{a}`"))
                            .hint(suggest(a, question.choices.iter().map(|c| c.id.as_str()))),
                    );
                }
                Some(_) => {}
            }
        }
        for q in &guide.questions {
            if !dp.answers.iter().any(|(x, _)| x == &q.id) {
                cx.push(
                    Diagnostic::error(
                        index,
                        at,
                        format!("demo profile `{}` does not answer `{}`", dp.id, q.id),
                    )
                    .hint("a demo profile answers every intake question"),
                );
            }
        }
    }

    // Chapters and steps.
    let mut chapter_ids = HashSet::new();
    for ch in &guide.chapters {
        if !chapter_ids.insert(ch.id.as_str()) {
            let at = cx.field(&ch.file, "id", &ch.id, 0);
            cx.push(Diagnostic::error(
                &ch.file,
                at,
                format!("duplicate chapter id `{}`", ch.id),
            ));
        }
    }
    let mut step_ids: HashMap<String, usize> = HashMap::new();
    let mut decision_ids: HashMap<String, usize> = HashMap::new();
    guide.decisions.clear();
    for (i, step) in guide.steps.iter().enumerate() {
        let origin = &guide.origins[i];
        let at = cx.field(&origin.file, "id", &step.id, origin.offset);
        if let Some(&first) = step_ids.get(&step.id) {
            let first = &guide.origins[first];
            let first_at = cx.loc(&first.file, first.offset, 1);
            cx.push(
                Diagnostic::error(&origin.file, at, format!("duplicate step id `{}`", step.id))
                    .hint(format!(
                        "the first step with this id is at {}:{}:{}; step ids must be unique across all chapters",
                        first.file, first_at.line, first_at.col
                    ))
                    .in_step(&step.id),
            );
        } else {
            step_ids.insert(step.id.clone(), i);
        }
        if !valid_id(&step.id) {
            cx.push(
                Diagnostic::error(&origin.file, at, format!("invalid step id `{}`", step.id))
                    .hint(ID_HINT)
                    .in_step(&step.id),
            );
        }
        let mut task_ids = HashSet::new();
        for t in &step.tasks {
            if !task_ids.insert(t.id.as_str()) || !valid_id(&t.id) {
                let at = cx.field(&origin.file, "id", &t.id, origin.offset);
                let msg = if valid_id(&t.id) {
                    format!("duplicate task id `{}`", t.id)
                } else {
                    format!("invalid task id `{}`", t.id)
                };
                cx.push(
                    Diagnostic::error(&origin.file, at, msg)
                        .hint("task ids must be unique within their step; ".to_string() + ID_HINT)
                        .in_step(&step.id),
                );
            }
        }
        if let Some(d) = &step.decision {
            let at = cx.field(&origin.file, "id", &d.id, origin.offset);
            if decision_ids.contains_key(&d.id) {
                cx.push(
                    Diagnostic::error(
                        &origin.file,
                        at,
                        format!("duplicate decision id `{}`", d.id),
                    )
                    .hint("each decision is asked in one step only")
                    .in_step(&step.id),
                );
            } else {
                decision_ids.insert(d.id.clone(), guide.decisions.len());
                guide.decisions.push(i);
            }
            let from = find_field(cx.text(&origin.file), "id", &d.id, origin.offset).unwrap_or(0);
            choices(
                &mut cx,
                &origin.file,
                &d.id,
                &d.choices,
                from,
                Some(&step.id),
            );
        }
    }
    guide.step_ids = step_ids;

    // Conditions and references, per step.
    let names = Names {
        questions: &guide.questions,
        decision_ids: &decision_ids,
        decision_steps: &guide.decisions,
        steps: &guide.steps,
    };
    let resources: HashSet<&str> = guide.resources.iter().map(|r| r.id.as_str()).collect();
    let examples: HashSet<&str> = guide.examples.iter().map(|r| r.id.as_str()).collect();
    let sources: HashSet<&str> = guide.sources.iter().map(|r| r.id.as_str()).collect();
    let mut compiled = Vec::with_capacity(guide.steps.len());
    for (i, step) in guide.steps.iter().enumerate() {
        let origin = &guide.origins[i];
        let mut c = |cond: &Condition| names.compile(cond, i, &mut cx, &origin.file, origin.offset);
        let tasks = step
            .tasks
            .iter()
            .map(|t| CompiledTask {
                when: t.when.as_ref().map(&mut c),
                priority_if: t.priority_if.iter().map(|p| (c(&p.when), p.then)).collect(),
            })
            .collect();
        compiled.push(CompiledStep {
            when: step.when.as_ref().map(&mut c),
            priority_if: step
                .priority_if
                .iter()
                .map(|p| (c(&p.when), p.then))
                .collect(),
            variants: step.variants.iter().map(|v| c(&v.when)).collect(),
            tasks,
            decision: step
                .decision
                .as_ref()
                .and_then(|d| decision_ids.get(&d.id).copied()),
        });
        for (kind, ids, known) in [
            ("resource", &step.resources, &resources),
            ("example", &step.examples, &examples),
            ("source", &step.sources, &sources),
        ] {
            for id in ids {
                if !known.contains(id.as_str()) {
                    let at = cx.at(&origin.file, id, origin.offset);
                    cx.push(
                        Diagnostic::error(&origin.file, at, format!("unknown {kind} `{id}`"))
                            .hint(suggest(id, known.iter().copied()))
                            .in_step(&step.id),
                    );
                }
            }
        }
    }
    guide.compiled = compiled;

    // Collections.
    unique(
        &mut cx,
        &files.resources,
        guide.resources.iter().map(|r| &r.id),
        "resource",
    );
    unique(
        &mut cx,
        &files.examples,
        guide.examples.iter().map(|r| &r.id),
        "example",
    );
    unique(
        &mut cx,
        &files.glossary,
        guide.terms.iter().map(|r| &r.id),
        "term",
    );
    unique(
        &mut cx,
        &files.sources,
        guide.sources.iter().map(|r| &r.id),
        "source",
    );
    let mut from = 0;
    for e in &guide.examples {
        from = find_field(cx.text(&files.examples), "id", &e.id, from).unwrap_or(from);
        if !sources.contains(e.source.as_str()) {
            let at = cx.at(&files.examples, &e.source, from);
            cx.push(
                Diagnostic::error(
                    &files.examples,
                    at,
                    format!("unknown source `{}`", e.source),
                )
                .hint(suggest(&e.source, sources.iter().copied())),
            );
        }
    }
}

fn choices(
    cx: &mut Ctx,
    file: &str,
    owner: &str,
    choices: &[super::Choice],
    from: usize,
    step: Option<&str>,
) {
    let with_step = |d: Diagnostic| match step {
        Some(s) => d.in_step(s),
        None => d,
    };
    if choices.is_empty() || choices.len() > 64 {
        let at = cx.field(file, "id", owner, from);
        cx.push(with_step(
            Diagnostic::error(
                file,
                at,
                format!("`{owner}` needs between 1 and 64 choices"),
            )
            .hint("give each answer as `Choice(id: \"...\", label: \"...\")`"),
        ));
    }
    let mut seen = HashSet::new();
    for c in choices {
        if !seen.insert(c.id.as_str()) || !valid_id(&c.id) {
            let at = cx.field(file, "id", &c.id, from);
            let msg = if valid_id(&c.id) {
                format!("duplicate choice id `{}` in `{owner}`", c.id)
            } else {
                format!("invalid choice id `{}` in `{owner}`", c.id)
            };
            cx.push(with_step(Diagnostic::error(file, at, msg).hint(ID_HINT)));
        }
    }
}

fn unique<'a>(cx: &mut Ctx, file: &str, ids: impl Iterator<Item = &'a String>, kind: &str) {
    let mut seen = HashSet::new();
    let mut from = 0;
    for id in ids {
        let offset = find_field(cx.text(file), "id", id, from);
        let at = cx.field(file, "id", id, from);
        from = offset.map_or(from, |o| o + 1);
        if !seen.insert(id.as_str()) {
            cx.push(Diagnostic::error(
                file,
                at,
                format!("duplicate {kind} id `{id}`"),
            ));
        } else if !valid_id(id) {
            cx.push(Diagnostic::error(file, at, format!("invalid {kind} id `{id}`")).hint(ID_HINT));
        }
    }
}

/// A hint naming the closest known id, or all of them when there are few.
fn suggest<'a>(id: &str, known: impl Iterator<Item = &'a str>) -> String {
    let mut known: Vec<&str> = known.collect();
    known.sort_unstable();
    if let Some(close) = known.iter().find(|k| edit_distance(k, id) <= 2) {
        return format!("did you mean `{close}`?");
    }
    if known.is_empty() {
        return "nothing of this kind is defined yet".into();
    }
    let shown: Vec<String> = known.iter().take(12).map(|k| format!("`{k}`")).collect();
    let more = if known.len() > 12 { ", …" } else { "" };
    format!("known ids: {}{more}", shown.join(", "))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

struct Names<'a> {
    questions: &'a [super::Question],
    decision_ids: &'a HashMap<String, usize>,
    decision_steps: &'a [usize],
    steps: &'a [super::Step],
}

impl Names<'_> {
    fn compile(
        &self,
        cond: &Condition,
        step: usize,
        cx: &mut Ctx,
        file: &str,
        from: usize,
    ) -> Compiled {
        let step_id = &self.steps[step].id;
        let recurse = |items: &[Condition], cx: &mut Ctx| -> Vec<Compiled> {
            items
                .iter()
                .map(|c| self.compile(c, step, cx, file, from))
                .collect()
        };
        match cond {
            Condition::All(items) => Compiled::All(recurse(items, cx)),
            Condition::Any(items) => Compiled::Any(recurse(items, cx)),
            Condition::Not(inner) => {
                Compiled::Not(Box::new(self.compile(inner, step, cx, file, from)))
            }
            Condition::Profile(q, wanted) => {
                let Some(qi) = self.questions.iter().position(|x| &x.id == q) else {
                    let at = cx.at(file, q, from);
                    cx.push(
                        Diagnostic::error(file, at, format!("unknown question `{q}`"))
                            .hint(suggest(q, self.questions.iter().map(|x| x.id.as_str())))
                            .in_step(step_id),
                    );
                    return Compiled::Never;
                };
                let choices = &self.questions[qi].choices;
                let mask = self.mask(cx, file, from, step_id, q, wanted, choices);
                Compiled::Profile { question: qi, mask }
            }
            Condition::Decision(d, wanted) => {
                let Some(&di) = self.decision_ids.get(d) else {
                    let at = cx.at(file, d, from);
                    let hint = if self.questions.iter().any(|q| &q.id == d) {
                        format!("`{d}` is an intake question: write `Profile(\"{d}\", [...])`")
                    } else {
                        suggest(d, self.decision_ids.keys().map(String::as_str))
                    };
                    cx.push(
                        Diagnostic::error(file, at, format!("unknown decision `{d}`"))
                            .hint(hint)
                            .in_step(step_id),
                    );
                    return Compiled::Never;
                };
                let asked_in = self.decision_steps[di];
                if asked_in >= step {
                    let at = cx.at(file, d, from);
                    cx.push(
                        Diagnostic::error(
                            file,
                            at,
                            format!(
                                "decision `{d}` is asked in step `{}`, which does not come before this step",
                                self.steps[asked_in].id
                            ),
                        )
                        .hint("a condition can only use decisions the user has already met on the path")
                        .in_step(step_id),
                    );
                }
                let choices = &self.steps[asked_in]
                    .decision
                    .as_ref()
                    .expect("asks")
                    .choices;
                let mask = self.mask(cx, file, from, step_id, d, wanted, choices);
                Compiled::Decision { decision: di, mask }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn mask(
        &self,
        cx: &mut Ctx,
        file: &str,
        from: usize,
        step_id: &str,
        owner: &str,
        wanted: &[String],
        choices: &[super::Choice],
    ) -> u64 {
        let mut mask = 0u64;
        if wanted.is_empty() {
            let at = cx.at(file, owner, from);
            cx.push(
                Diagnostic::error(
                    file,
                    at,
                    format!("the condition on `{owner}` lists no answers"),
                )
                .hint("name at least one answer, e.g. [\"ja\"]")
                .in_step(step_id),
            );
        }
        for w in wanted {
            match choices.iter().position(|c| &c.id == w) {
                Some(i) if i < 64 => mask |= 1 << i,
                _ => {
                    let at = cx.at(file, w, from);
                    cx.push(
                        Diagnostic::error(file, at, format!("`{owner}` has no answer `{w}`"))
                            .hint(suggest(w, choices.iter().map(|c| c.id.as_str())))
                            .in_step(step_id),
                    );
                }
            }
        }
        mask
    }
}

/// Runs every check that needs a fully resolved guide.
pub fn run(
    guide: &Guide,
    report: &mut Report,
    checks: super::Checks,
    limits: &Limits,
) -> Option<Exhaustive> {
    let mut cx = Ctx::new(report);
    conditions(guide, &mut cx);
    links(guide, &mut cx);
    if checks == super::Checks::Quick {
        // Unused material only gives warnings, which concern authors, not readers.
        return None;
    }
    unused(guide, &mut cx);
    let result = exhaustive(guide, limits);
    result.report(guide, &mut cx);
    Some(result)
}

/// Every condition must be able to be true and able to be false.
fn conditions(guide: &Guide, cx: &mut Ctx) {
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
            let Some((can_true, can_false)) = outcomes(guide, cond) else {
                continue;
            };
            let at = cx.loc(&origin.file, origin.offset, step.id.len() + 2);
            if !can_true {
                cx.push(
                    Diagnostic::error(&origin.file, at, format!("{what} can never be true"))
                        .hint("check for contradicting parts, e.g. All([...]) with two different answers to one question")
                        .in_step(&step.id),
                );
            } else if !can_false {
                cx.push(
                    Diagnostic::warning(&origin.file, at, format!("{what} is always true"))
                        .hint("it lists every answer; remove the condition or narrow it")
                        .in_step(&step.id),
                );
            }
        }
    }
}

/// Whether a condition can be true and can be false, over all answers of what it names
/// (decisions may also be unanswered). `None` when there are too many combinations.
fn outcomes(guide: &Guide, cond: &Compiled) -> Option<(bool, bool)> {
    let mut leaves: Vec<(bool, usize)> = Vec::new();
    cond.for_each_leaf(&mut |d, i, _| {
        if !leaves.contains(&(d, i)) {
            leaves.push((d, i));
        }
    });
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
    let total: usize = sizes.iter().try_fold(1usize, |a, &s| a.checked_mul(s))?;
    if total > 100_000 {
        return None;
    }
    let mut facts = Facts {
        profile: vec![None; guide.questions.len()],
        decisions: vec![None; guide.decisions.len()],
    };
    let (mut t, mut f) = (false, false);
    for n in 0..total {
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
        if cond.eval(&facts) {
            t = true;
        } else {
            f = true;
        }
        if t && f {
            break;
        }
    }
    Some((t, f))
}

/// Every Markdown text an author wrote, with the file it is in and where to search from.
fn texts(guide: &Guide) -> Vec<(String, usize, Option<&str>, &str)> {
    let mut out = Vec::new();
    for (i, s) in guide.steps.iter().enumerate() {
        let o = &guide.origins[i];
        let id = Some(s.id.as_str());
        out.push((o.file.clone(), o.offset, id, s.body.as_str()));
        out.extend(
            s.variants
                .iter()
                .map(|v| (o.file.clone(), o.offset, id, v.text.as_str())),
        );
        out.extend(
            s.tasks
                .iter()
                .map(|t| (o.file.clone(), o.offset, id, t.text.as_str())),
        );
    }
    out.push((
        super::load::INDEX_FILE.to_string(),
        0,
        None,
        guide.intro.as_str(),
    ));
    for ch in &guide.chapters {
        out.push((ch.file.clone(), 0, None, ch.intro.as_str()));
    }
    out
}

fn links(guide: &Guide, cx: &mut Ctx) {
    let mut all = texts(guide);
    let res_file = collection_file(guide, "resource");
    for r in &guide.resources {
        all.push((res_file.clone(), 0, None, r.body.as_str()));
    }
    let ex_file = collection_file(guide, "example");
    for e in &guide.examples {
        all.push((ex_file.clone(), 0, None, e.what.as_str()));
        all.push((ex_file.clone(), 0, None, e.learn.as_str()));
    }
    for (file, from, step, text) in all {
        for href in markdown::links(text) {
            if !markdown::safe_href(&href) {
                let at = cx.at_raw(&file, &href, from);
                let d = Diagnostic::error(&file, at, format!("link `{href}` is not allowed"))
                    .hint("links may only use https://, http:// or mailto:");
                cx.push(match step {
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
            let file = collection_file(guide, "source");
            let at = cx.at(&file, url, 0);
            cx.push(
                Diagnostic::error(
                    &file,
                    at,
                    format!("source url `{url}` is not a web address"),
                )
                .hint("source urls start with https:// or http://"),
            );
        }
    }
}

/// The file that holds the collection of `kind` (an id may also occur in other files).
fn collection_file(guide: &Guide, kind: &str) -> String {
    let files = &guide.collection_files;
    match kind {
        "resource" => &files.resources,
        "example" => &files.examples,
        "term" => &files.glossary,
        _ => &files.sources,
    }
    .clone()
}

impl Ctx<'_> {
    /// Like `at`, for text that is not a whole string literal.
    fn at_raw(&self, file: &str, needle: &str, from: usize) -> Location {
        let text = self.text(file);
        text.get(from..)
            .and_then(|t| t.find(needle))
            .map(|o| o + from)
            .or_else(|| text.find(needle))
            .map_or(Location::start(), |o| {
                self.loc(file, o, needle.chars().count())
            })
    }
}

fn unused(guide: &Guide, cx: &mut Ctx) {
    // Decision answers that no condition uses.
    let mut used: Vec<u64> = vec![0; guide.decisions.len()];
    for c in &guide.compiled {
        let mut note = |d: bool, i: usize, mask: u64| {
            if d {
                used[i] |= mask;
            }
        };
        let conds = c
            .when
            .iter()
            .chain(c.priority_if.iter().map(|(w, _)| w))
            .chain(c.variants.iter())
            .chain(
                c.tasks
                    .iter()
                    .flat_map(|t| t.when.iter().chain(t.priority_if.iter().map(|(w, _)| w))),
            );
        for cond in conds {
            cond.for_each_leaf(&mut note);
        }
    }
    for (d, &step) in guide.decisions.iter().enumerate() {
        let decision = guide.decision_at(d);
        let o = &guide.origins[step];
        let sid = &guide.steps[step].id;
        if used[d] == 0 {
            let at = cx.field(&o.file, "id", &decision.id, o.offset);
            cx.push(
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
                let at = cx.field(&o.file, "id", &c.id, o.offset);
                cx.push(
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
    let lists: [(&str, Vec<&str>); 3] = [
        (
            "resource",
            guide.resources.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "example",
            guide.examples.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "source",
            guide.sources.iter().map(|r| r.id.as_str()).collect(),
        ),
    ];
    for (kind, ids) in lists {
        let used = refs.get(kind);
        for id in ids {
            if !used.is_some_and(|u| u.contains(id)) {
                let file = collection_file(guide, kind);
                let at = cx.field(&file, "id", id, 0);
                cx.push(
                    Diagnostic::warning(&file, at, format!("no step references {kind} `{id}`"))
                        .hint(format!("add it to a step's `{kind}s: [...]` or remove it")),
                );
            }
        }
    }

    // Glossary terms that occur in no step text.
    let mut found = vec![false; guide.terms.len()];
    for (_, _, _, text) in texts(guide) {
        for m in crate::glossary::find(guide, text) {
            found[m.term] = true;
        }
    }
    for (t, term) in guide.terms.iter().enumerate() {
        if !found[t] {
            let file = collection_file(guide, "term");
            let at = cx.field(&file, "id", &term.id, 0);
            cx.push(
                Diagnostic::warning(&file, at, format!("term `{}` occurs in no step text", term.term))
                    .hint("terms are marked where their spelling (or one in `also`) starts a word; add the form the texts use to `also`"),
            );
        }
    }

    // Steps that give the user nothing to do.
    for (i, s) in guide.steps.iter().enumerate() {
        if s.tasks.is_empty() {
            let o = &guide.origins[i];
            let at = cx.field(&o.file, "id", &s.id, o.offset);
            cx.push(
                Diagnostic::warning(&o.file, at, "step has no tasks")
                    .hint("every step should give the reader something concrete to do")
                    .in_step(&s.id),
            );
        }
    }
}

/// What the exhaustive walk over all profiles found.
#[derive(Debug, Clone, Default)]
pub struct Exhaustive {
    /// Size of the answer space (profiles × decision answers), saturating.
    pub space: u64,
    /// Path walks actually checked.
    pub walks: u64,
    /// True when the space was too large and a deterministic sample was checked instead.
    pub sampled: bool,
    /// Per answer of the first question: (shortest, longest) path length.
    pub lengths: Vec<(usize, usize)>,
    pub reachable: Vec<bool>,
    /// Steps whose text is empty for some profile, with an example facts.
    pub empty_text: BTreeMap<usize, Facts>,
    /// Walks that ended wrongly, grouped by the last step (None: empty path).
    pub bad_endings: BTreeMap<Option<usize>, (u64, Facts)>,
}

impl Exhaustive {
    fn report(&self, guide: &Guide, cx: &mut Ctx) {
        let describe = |facts: &Facts| describe_facts(guide, facts);
        let index = super::load::INDEX_FILE;
        if self.sampled {
            cx.push(Diagnostic::warning(
                index,
                Location::start(),
                format!(
                    "the answer space has {} combinations, too many to walk; checked a fixed sample of {}",
                    self.space, self.walks
                ),
            ).hint("unreachable-step and path-ending errors may be missed; see `leitfaden stats`"));
        }
        for (i, r) in self.reachable.iter().enumerate() {
            // A `when` that can never be true is reported on its own already.
            let never = guide.compiled[i]
                .when
                .as_ref()
                .is_some_and(|w| outcomes(guide, w).is_some_and(|(t, _)| !t));
            if !r && !self.sampled && !never {
                let o = &guide.origins[i];
                let at = cx.field(&o.file, "id", &guide.steps[i].id, o.offset);
                cx.push(
                    Diagnostic::error(&o.file, at, "no profile ever sees this step")
                        .hint("its `when` cannot hold together with the decisions and answers that lead to it")
                        .in_step(&guide.steps[i].id),
                );
            }
        }
        for (i, facts) in &self.empty_text {
            let o = &guide.origins[*i];
            let at = cx.field(&o.file, "id", &guide.steps[*i].id, o.offset);
            cx.push(
                Diagnostic::error(
                    &o.file,
                    at,
                    format!("the step has no text for {}", describe(facts)),
                )
                .hint("give it a `body` or a variant that holds for this profile")
                .in_step(&guide.steps[*i].id),
            );
        }
        for (last, (count, facts)) in &self.bad_endings {
            match last {
                None => cx.push(
                    Diagnostic::error(
                        index,
                        Location::start(),
                        format!(
                            "{count} profile(s) get an empty path, e.g. {}",
                            describe(facts)
                        ),
                    )
                    .hint(
                        "make sure some steps have no `when`, or that every answer leads to steps",
                    ),
                ),
                Some(i) => {
                    let o = &guide.origins[*i];
                    let at = cx.field(&o.file, "id", &guide.steps[*i].id, o.offset);
                    cx.push(
                        Diagnostic::error(&o.file, at, format!(
                            "{count} path(s) end with this step, which is not marked `final: true`, e.g. {}",
                            describe(facts)))
                        .hint("show a final step to every profile (e.g. without `when`) or mark this one `final: true`")
                        .in_step(&guide.steps[*i].id),
                    );
                }
            }
        }
    }
}

/// Facts in words, for messages: `groesse=landgemeinde, mandat=ja, …`.
pub fn describe_facts(guide: &Guide, facts: &Facts) -> String {
    let mut parts = Vec::new();
    for (q, a) in guide.questions.iter().zip(&facts.profile) {
        if let Some(a) = a {
            parts.push(format!("{}={}", q.id, q.choices[*a as usize].id));
        }
    }
    for (d, a) in facts.decisions.iter().enumerate() {
        let decision = guide.decision_at(d);
        match a {
            Some(a) => parts.push(format!(
                "{}={}",
                decision.id, decision.choices[*a as usize].id
            )),
            None => parts.push(format!("{} unanswered", decision.id)),
        }
    }
    parts.join(", ")
}

/// Choices that no path-relevant condition tells apart behave the same; one of each
/// class is enough to walk. Returns, per question, the representative answers.
fn classes(guide: &Guide, is_decision: bool, index: usize, count: usize) -> Vec<Option<u8>> {
    let mut masks = Vec::new();
    for c in &guide.compiled {
        for cond in c.when.iter().chain(c.variants.iter()) {
            cond.for_each_leaf(&mut |d, i, m| {
                if d == is_decision && i == index {
                    masks.push(m);
                }
            });
        }
    }
    let mut seen: Vec<Vec<bool>> = Vec::new();
    let mut reps = Vec::new();
    if is_decision {
        // Unanswered is in no mask.
        seen.push(vec![false; masks.len()]);
        reps.push(None);
    }
    for k in 0..count {
        let sig: Vec<bool> = masks.iter().map(|m| m >> k & 1 == 1).collect();
        if !seen.contains(&sig) {
            seen.push(sig);
            reps.push(Some(k as u8));
        }
    }
    reps
}

/// Walks every path (every profile and every answer to each decision met on the way),
/// or a deterministic sample when there are more than `limits.max_walks`.
pub fn exhaustive(guide: &Guide, limits: &Limits) -> Exhaustive {
    let q_reps: Vec<Vec<Option<u8>>> = guide
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            if i == 0 {
                (0..q.choices.len()).map(|k| Some(k as u8)).collect()
            } else {
                classes(guide, false, i, q.choices.len())
            }
        })
        .collect();
    let d_reps: Vec<Vec<Option<u8>>> = (0..guide.decisions.len())
        .map(|d| classes(guide, true, d, guide.decision_at(d).choices.len()))
        .collect();
    let profiles: u64 = q_reps
        .iter()
        .map(|r| r.len() as u64)
        .fold(1, u64::saturating_mul);
    let space = d_reps
        .iter()
        .map(|r| r.len() as u64)
        .fold(profiles, u64::saturating_mul);
    let first_len = guide.questions.first().map_or(1, |q| q.choices.len());
    // Which steps' visibility depends on decisions; the rest is fixed per profile.
    let dynamic: Vec<bool> = guide
        .compiled
        .iter()
        .map(|c| {
            let mut d = false;
            if let Some(w) = &c.when {
                w.for_each_leaf(&mut |is_d, _, _| d |= is_d);
            }
            d
        })
        .collect();
    let empty_body: Vec<bool> = guide
        .steps
        .iter()
        .map(|s| s.body.trim().is_empty())
        .collect();
    let mut walker = Walker {
        guide,
        d_reps: &d_reps,
        dynamic: &dynamic,
        empty_body: &empty_body,
        candidates: Vec::new(),
        out: Exhaustive {
            space,
            lengths: vec![(usize::MAX, 0); first_len],
            reachable: vec![false; guide.steps.len()],
            ..Exhaustive::default()
        },
        rng: None,
    };
    let mut facts = Facts {
        profile: vec![None; guide.questions.len()],
        decisions: vec![None; guide.decisions.len()],
    };
    if space <= limits.max_walks {
        for n in 0..profiles {
            let mut rest = n;
            for (q, reps) in q_reps.iter().enumerate() {
                facts.profile[q] = reps[(rest % reps.len() as u64) as usize];
                rest /= reps.len() as u64;
            }
            walker.prepare(&facts);
            walker.walk(&mut facts, 0, 0, None);
        }
    } else {
        walker.out.sampled = true;
        walker.rng = Some(0x9e37_79b9_7f4a_7c15);
        for _ in 0..limits.sample_walks {
            for (q, reps) in q_reps.iter().enumerate() {
                let k = walker.next() as usize % reps.len();
                facts.profile[q] = reps[k];
            }
            walker.prepare(&facts);
            walker.walk(&mut facts, 0, 0, None);
        }
    }
    let mut out = walker.out;
    for l in &mut out.lengths {
        if l.0 == usize::MAX {
            *l = (0, 0);
        }
    }
    out
}

struct Walker<'a> {
    guide: &'a Guide,
    d_reps: &'a [Vec<Option<u8>>],
    /// Per step: whether its visibility depends on a decision.
    dynamic: &'a [bool],
    /// Per step: whether it has no body (then a variant must supply its text).
    empty_body: &'a [bool],
    /// For the current profile: steps that are visible or may become so, and whether
    /// that still needs evaluating on the way.
    candidates: Vec<(usize, bool)>,
    out: Exhaustive,
    /// Some(state) when sampling: one random branch per decision instead of all.
    rng: Option<u64>,
}

impl Walker<'_> {
    fn next(&mut self) -> u64 {
        let mut x = self.rng.unwrap_or(1);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = Some(x);
        x
    }

    /// Evaluates, once per profile, the steps whose visibility no decision changes.
    fn prepare(&mut self, facts: &Facts) {
        self.candidates.clear();
        for i in 0..self.guide.steps.len() {
            if self.dynamic[i] {
                self.candidates.push((i, true));
            } else if self.guide.step_visible(i, facts) {
                self.candidates.push((i, false));
            }
        }
    }

    /// Walks the path from candidate `from` on, branching at each decision.
    fn walk(&mut self, facts: &mut Facts, from: usize, len: usize, last: Option<usize>) {
        let guide = self.guide;
        let (mut len, mut last) = (len, last);
        for c in from..self.candidates.len() {
            let (i, evaluate) = self.candidates[c];
            if evaluate && !guide.step_visible(i, facts) {
                continue;
            }
            self.out.reachable[i] = true;
            if self.empty_body[i] && !guide.compiled[i].variants.iter().any(|v| v.eval(facts)) {
                self.out
                    .empty_text
                    .entry(i)
                    .or_insert_with(|| facts.clone());
            }
            len += 1;
            last = Some(i);
            if let Some(d) = guide.compiled[i].decision {
                let reps = &self.d_reps[d];
                if reps.len() > 1 {
                    let branches: Vec<Option<u8>> = if self.rng.is_some() {
                        vec![reps[self.next() as usize % reps.len()]]
                    } else {
                        reps.clone()
                    };
                    for answer in branches {
                        facts.decisions[d] = answer;
                        self.walk(facts, c + 1, len, last);
                    }
                    facts.decisions[d] = None;
                    return;
                }
            }
        }
        self.out.walks += 1;
        if let Some(Some(first)) = facts.profile.first() {
            let l = &mut self.out.lengths[*first as usize];
            l.0 = l.0.min(len);
            l.1 = l.1.max(len);
        }
        let ends_well = last.is_some_and(|i| guide.steps[i].is_final);
        if !ends_well {
            let e = self
                .out
                .bad_endings
                .entry(last)
                .or_insert((0, facts.clone()));
            e.0 += 1;
        }
    }
}
