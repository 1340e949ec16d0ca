//! The guide: authored content loaded from RON and resolved into one immutable structure
//! that the path computation, the app and the CLI share. `Guide::load` is the one loader;
//! nothing in here knows answers, paths or progress.

pub mod bundle;
pub mod diagnostic;
pub mod glossary;
pub mod lint;
pub mod load;
pub mod model;
pub mod resolve;
pub mod source;
pub mod suggest;

use std::collections::{BTreeMap, HashMap};

use crate::condition::{Compiled, Condition, Facts, Vocabulary};
pub use diagnostic::{Diagnostic, Location, Report, Severity};
pub use lint::Lints;
pub use model::*;
pub use source::Sources;

/// The kinds of material a step lists by id (`Guide::steps_citing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Material {
    Resource,
    Example,
    Source,
}

/// A chapter of the loaded guide; its steps are `guide.steps[steps.clone()]`.
#[derive(Debug, Clone)]
pub struct ChapterInfo {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub file: String,
    pub steps: std::ops::Range<usize>,
}

/// Where a step was written, for messages.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: String,
    /// Byte offset of the step's `id: "..."` in the file (0 if not found).
    pub offset: usize,
}

/// A step's conditions resolved to indices.
#[derive(Debug, Clone)]
pub struct CompiledStep {
    pub when: Option<Compiled>,
    /// Whether `when` names a decision (then visibility changes along the path).
    pub when_uses_decision: bool,
    pub priority_if: Vec<(Compiled, Priority)>,
    pub variants: Vec<Compiled>,
    pub tasks: Vec<CompiledTask>,
    /// Index into `Guide::decisions` of the decision this step asks.
    pub decision: Option<usize>,
    pub effort_if: Vec<(Compiled, Effort)>,
}

#[derive(Debug, Clone)]
pub struct CompiledTask {
    pub when: Option<Compiled>,
    pub priority_if: Vec<(Compiled, Priority)>,
}

impl CompiledStep {
    /// Every condition of the step and its tasks.
    pub fn all_conditions(&self) -> impl Iterator<Item = &Compiled> {
        self.when
            .iter()
            .chain(self.priority_if.iter().map(|(w, _)| w))
            .chain(self.variants.iter())
            .chain(self.effort_if.iter().map(|(w, _)| w))
            .chain(
                self.tasks
                    .iter()
                    .flat_map(|t| t.when.iter().chain(t.priority_if.iter().map(|(w, _)| w))),
            )
    }
}

/// The loaded, resolved guide. Built once by `resolve`, never changed afterwards.
#[derive(Debug, Clone)]
pub struct Guide {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    pub intro: String,
    pub questions: Vec<Question>,
    pub demo_profiles: Vec<DemoProfile>,
    pub chapters: Vec<ChapterInfo>,
    /// All steps in guide order.
    pub steps: Vec<Step>,
    pub step_chapter: Vec<usize>,
    pub origins: Vec<Origin>,
    pub compiled: Vec<CompiledStep>,
    /// The step index that asks each decision, in guide order.
    pub decisions: Vec<usize>,
    pub about: About,
    pub resources: Vec<Resource>,
    pub examples: Vec<Example>,
    pub terms: Vec<Term>,
    pub sources: Vec<Source>,
    step_ids: HashMap<String, usize>,
    /// Per intake question: its implied-answer rules, compiled (condition, choice index).
    pub implied: Vec<Vec<(Compiled, u8)>>,
    /// The question whose answers say how many hours per month the Kommune has.
    pub capacity_question: Option<usize>,
    /// The files the collections came from, for locating messages about their entries.
    pub(crate) collection_files: CollectionFiles,
    /// The glossary's spellings, ready for marking terms in text.
    pub spellings: glossary::Spellings,
    /// A hash of everything a user reads, to tell when saved progress meets a changed guide.
    pub fingerprint: String,
}

impl Guide {
    /// Loads a guide from its files (path relative to the guide directory → text) and
    /// runs the checks a reader's guide must pass (`Lints::Errors`): RON syntax and
    /// schema, ids, references, impossible conditions, links. The full author check, with
    /// the walk over every profile, is `check::check`. Returns the guide and its
    /// warnings, or every problem found.
    pub fn load(files: &BTreeMap<String, String>) -> Result<(Guide, Report), Report> {
        Guide::load_linted(files, Lints::Errors)
    }

    /// Like `load`, with the given lints.
    pub fn load_linted(
        files: &BTreeMap<String, String>,
        lints: Lints,
    ) -> Result<(Guide, Report), Report> {
        match Guide::build(files, lints) {
            (Some(guide), report) if !report.has_errors() => Ok((guide, report)),
            (_, report) => Err(report),
        }
    }

    /// Reads, resolves and lints. The guide is returned whenever its ids and references
    /// are sound, even if a lint found errors, so that further checks can run on it.
    pub fn build(files: &BTreeMap<String, String>, lints: Lints) -> (Option<Guide>, Report) {
        let sources = Sources::new(files);
        let mut report = Report::default();
        let authored = load::read(files, &mut report);
        let guide = if report.has_errors() {
            // Ids defined in an unreadable file would show up as broken references
            // everywhere else; check those once every file can be read.
            report.incomplete = true;
            None
        } else {
            resolve::resolve(authored, &sources, &mut report).filter(|_| !report.has_errors())
        };
        if let Some(guide) = &guide {
            lint::run(guide, &sources, &mut report, lints);
        }
        report.sources = sources;
        report.sort();
        (guide, report)
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.step_ids.get(id).copied()
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The decision (by index into `decisions`) with this id.
    pub fn decision_index(&self, id: &str) -> Option<usize> {
        self.decisions
            .iter()
            .position(|&s| self.decision(s).is_some_and(|d| d.id == id))
    }

    fn decision(&self, step: usize) -> Option<&Decision> {
        self.steps[step].decision.as_ref()
    }

    /// The decision with index `d` (into `decisions`).
    pub fn decision_at(&self, d: usize) -> &Decision {
        self.steps[self.decisions[d]]
            .decision
            .as_ref()
            .expect("decisions only lists steps that ask one")
    }

    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.id == id)
    }

    /// The sources an Arbeitshilfe cites, in its order (unknown ids are skipped; `resolve`
    /// reports them).
    pub fn resource_sources(&self, r: &Resource) -> Vec<&Source> {
        r.sources.iter().filter_map(|id| self.source(id)).collect()
    }

    pub fn example(&self, id: &str) -> Option<&Example> {
        self.examples.iter().find(|e| e.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The steps (indices, in guide order) that list an Arbeitshilfe, a Beispiel or a
    /// source with this id: in their `resources` (their own or a variant's), `examples`,
    /// or `sources` (their own or a variant's).
    pub fn steps_citing(&self, kind: Material, id: &str) -> Vec<usize> {
        let has = |list: &[String]| list.iter().any(|x| x == id);
        (0..self.steps.len())
            .filter(|&i| {
                let s = &self.steps[i];
                match kind {
                    Material::Resource => {
                        has(&s.resources) || s.variants.iter().any(|v| has(&v.resources))
                    }
                    Material::Example => has(&s.examples),
                    Material::Source => {
                        has(&s.sources) || s.variants.iter().any(|v| has(&v.sources))
                    }
                }
            })
            .collect()
    }

    /// The answer question `q` takes by itself for these (earlier) answers, if any.
    pub fn implied_answer(&self, q: usize, facts: &Facts) -> Option<u8> {
        self.implied[q]
            .iter()
            .find(|(c, _)| c.eval(facts))
            .map(|&(_, k)| k)
    }

    /// Sets every implied answer, in question order (a rule sees the answers before it).
    pub fn apply_implied(&self, facts: &mut Facts) {
        for q in 0..self.questions.len() {
            if let Some(k) = self.implied_answer(q, facts) {
                facts.profile[q] = Some(k);
            }
        }
    }

    /// Hours per month the answered time means (a range), if the guide asks for it.
    pub fn capacity(&self, facts: &Facts) -> Option<(u32, u32)> {
        let q = self.capacity_question?;
        let choices = &self.questions[q].choices;
        let c = &choices[usize::from((*facts.profile.get(q)?)?)];
        c.hours_per_month.or_else(|| {
            let target = c.counts_as.as_ref()?;
            choices.iter().find(|x| &x.id == target)?.hours_per_month
        })
    }

    /// Whether step `i` is shown for `facts`. The one rule for visibility.
    pub fn step_visible(&self, i: usize, facts: &Facts) -> bool {
        self.compiled[i].when.as_ref().is_none_or(|c| c.eval(facts))
    }

    /// Puts a condition into words (without anyone's answers).
    pub fn explain(&self, cond: &Condition) -> String {
        crate::condition::explain(cond, self, false)
    }

    /// Whether a condition can be true and can be false, over all answers of what it
    /// names (decisions may also be unanswered). `None` when there are too many
    /// combinations to try.
    pub fn outcomes(&self, cond: &Compiled) -> Option<(bool, bool)> {
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
                    self.decision_at(i).choices.len() + 1
                } else {
                    self.questions[i].choices.len()
                }
            })
            .collect();
        let total: usize = sizes.iter().try_fold(1usize, |a, &s| a.checked_mul(s))?;
        if total > 100_000 {
            return None;
        }
        let mut facts = Facts {
            profile: vec![None; self.questions.len()],
            decisions: vec![None; self.decisions.len()],
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

    /// The short name and the choices of a question (`is_decision` false) or decision.
    pub fn choices_of(&self, is_decision: bool, id: &str) -> Option<(&str, &[Choice])> {
        if is_decision {
            let d = self.decision_at(self.decision_index(id)?);
            Some((&d.short, &d.choices))
        } else {
            let q = &self.questions[self.question_index(id)?];
            Some((&q.short, &q.choices))
        }
    }

    /// The number of words a reader sees in the guide (steps, resources, examples).
    pub fn word_count(&self) -> usize {
        let words = |s: &str| s.split_whitespace().count();
        let steps: usize = self
            .steps
            .iter()
            .map(|s| {
                words(&s.title)
                    + words(&s.body)
                    + s.variants.iter().map(|v| words(&v.text)).sum::<usize>()
                    + s.tasks.iter().map(|t| words(&t.text)).sum::<usize>()
            })
            .sum();
        let resources: usize = self.resources.iter().map(|r| words(&r.body)).sum();
        let examples: usize = self
            .examples
            .iter()
            .map(|e| words(&e.what) + words(&e.learn))
            .sum();
        steps + resources + examples
    }

    /// A short fingerprint of one step's content, to notice changes after completion.
    pub fn step_fingerprint(&self, i: usize) -> String {
        let s = &self.steps[i];
        let mut h = Fnv::default();
        h.write(&s.title);
        h.write(&s.body);
        for v in &s.variants {
            h.write(&v.text);
        }
        for t in &s.tasks {
            h.write(&t.id);
            h.write(&t.text);
        }
        format!("{:016x}", h.0)
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct CollectionFiles {
    pub resources: String,
    pub examples: String,
    pub glossary: String,
    pub sources: String,
}

impl Vocabulary for Guide {
    fn name(&self, is_decision: bool, id: &str) -> String {
        self.choices_of(is_decision, id)
            .map_or_else(|| id.to_string(), |(s, _)| s.to_string())
    }

    fn choice_label(&self, is_decision: bool, id: &str, choice: &str) -> String {
        self.choices_of(is_decision, id)
            .and_then(|(_, cs)| cs.iter().find(|c| c.id == choice))
            .map_or_else(|| choice.to_string(), |c| c.label.clone())
    }

    fn answer_label(&self, _is_decision: bool, _id: &str) -> Option<String> {
        None
    }
}

/// FNV-1a: tiny, stable across platforms and builds, good enough to notice changes.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, s: &str) {
        for b in s.bytes().chain([0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub(crate) fn fingerprint_of(guide: &Guide) -> String {
    let mut h = Fnv::default();
    h.write(&guide.id);
    h.write(&guide.version);
    for i in 0..guide.steps.len() {
        h.write(&guide.steps[i].id);
        h.write(&guide.step_fingerprint(i));
    }
    for r in &guide.resources {
        h.write(&r.id);
        h.write(&r.body);
    }
    format!("{:016x}", h.0)
}
