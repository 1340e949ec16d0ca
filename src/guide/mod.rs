//! The guide: authored content loaded from RON, resolved into one immutable structure that
//! the path computation, the app and the CLI share. `Guide::load` is the one loader.

pub mod check;
pub mod diagnostic;
pub mod load;
pub mod model;

use std::collections::{BTreeMap, HashMap};

use crate::condition::{Compiled, Condition, Facts, Vocabulary};
use crate::profile::Answers;
pub use diagnostic::{Diagnostic, Location, Report, Severity};
pub use model::*;

/// How much checking `Guide::load_with` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Everything, including the walk over every profile and decision answer.
    Full,
    /// Everything but that walk.
    Quick,
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
    pub priority_if: Vec<(Compiled, Priority)>,
    pub variants: Vec<Compiled>,
    pub tasks: Vec<CompiledTask>,
    /// Index into `Guide::decisions` of the decision this step asks.
    pub decision: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct CompiledTask {
    pub when: Option<Compiled>,
    pub priority_if: Vec<(Compiled, Priority)>,
}

/// The loaded, resolved guide. Immutable once loaded.
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
    pub resources: Vec<Resource>,
    pub examples: Vec<Example>,
    pub terms: Vec<Term>,
    pub sources: Vec<Source>,
    step_ids: HashMap<String, usize>,
    /// The files the collections came from, for locating messages about their entries.
    pub(crate) collection_files: CollectionFiles,
    /// The glossary's spellings, ready for marking terms in text.
    pub spellings: crate::glossary::Spellings,
    /// A hash of everything a user reads, to tell when saved progress meets a changed guide.
    pub fingerprint: String,
}

impl Guide {
    /// Loads and checks a guide from its files (path relative to the guide directory →
    /// text) with every check. Returns the guide and its warnings, or every problem found.
    pub fn load(files: &BTreeMap<String, String>) -> Result<(Guide, Report), Report> {
        Guide::load_with(files, Checks::Full)
    }

    /// Like `load`; `Checks::Quick` leaves out the walk over every profile, for a release
    /// app whose guide was checked in full when it was built.
    pub fn load_with(
        files: &BTreeMap<String, String>,
        checks: Checks,
    ) -> Result<(Guide, Report), Report> {
        let mut report = Report::default();
        let authored = load::read(files, &mut report);
        if report.has_errors() {
            // Ids defined in an unreadable file would show up as broken references
            // everywhere else; check those once every file can be read.
            report.incomplete = true;
            report.sort();
            return Err(report);
        }
        let guide = Guide::resolve(authored, &mut report);
        if let Some(guide) = &guide
            && !report.has_errors()
        {
            report.exhaustive = check::run(guide, &mut report, checks, &check::Limits::default());
        }
        report.sort();
        match guide {
            Some(guide) if !report.has_errors() => Ok((guide, report)),
            _ => Err(report),
        }
    }

    /// Builds the resolved guide and reports every broken id or reference.
    fn resolve(authored: load::Authored, report: &mut Report) -> Option<Guide> {
        let index = authored.index?;
        let mut guide = Guide {
            id: index.id,
            title: index.title,
            version: index.version,
            language: index.language,
            intro: index.intro,
            questions: index.questions,
            demo_profiles: index.demo_profiles,
            chapters: Vec::new(),
            steps: Vec::new(),
            step_chapter: Vec::new(),
            origins: Vec::new(),
            compiled: Vec::new(),
            decisions: Vec::new(),
            resources: authored.resources,
            examples: authored.examples,
            terms: authored.terms,
            sources: authored.sources,
            step_ids: HashMap::new(),
            collection_files: CollectionFiles::default(),
            fingerprint: String::new(),
            spellings: Default::default(),
        };
        for (file, chapter) in authored.chapters {
            let text = report.sources.get(&file).cloned().unwrap_or_default();
            let start = guide.steps.len();
            let mut at = load::find_field(&text, "id", &chapter.id, 0).unwrap_or(0);
            for step in chapter.steps {
                at = load::find_field(&text, "id", &step.id, at + 1).unwrap_or(at);
                guide.step_chapter.push(guide.chapters.len());
                guide.origins.push(Origin {
                    file: file.clone(),
                    offset: at,
                });
                guide.steps.push(step);
            }
            guide.chapters.push(ChapterInfo {
                id: chapter.id,
                title: chapter.title,
                intro: chapter.intro,
                file,
                steps: start..guide.steps.len(),
            });
        }
        let files = CollectionFiles {
            resources: authored.resources_file.unwrap_or_default(),
            examples: authored.examples_file.unwrap_or_default(),
            glossary: authored.glossary_file.unwrap_or_default(),
            sources: authored.sources_file.unwrap_or_default(),
        };
        check::ids_and_references(&mut guide, &files, report);
        guide.collection_files = files;
        guide.fingerprint = fingerprint_of(&guide);
        guide.spellings = crate::glossary::Spellings::new(&guide.terms);
        Some(guide)
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

    pub fn example(&self, id: &str) -> Option<&Example> {
        self.examples.iter().find(|e| e.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Translates answers given by id into indices. Unknown ids are ignored (they stay in
    /// the user's progress untouched; see `progress`).
    pub fn facts(&self, answers: &Answers) -> Facts {
        let profile = self
            .questions
            .iter()
            .map(|q| {
                let a = answers.profile.get(&q.id)?;
                q.choices.iter().position(|c| &c.id == a).map(|i| i as u8)
            })
            .collect();
        let decisions = (0..self.decisions.len())
            .map(|d| {
                let decision = self.decision_at(d);
                let a = answers.decisions.get(&decision.id)?;
                decision
                    .choices
                    .iter()
                    .position(|c| &c.id == a)
                    .map(|i| i as u8)
            })
            .collect();
        Facts { profile, decisions }
    }

    /// Whether step `i` is shown for `facts`. The one rule for visibility.
    pub fn step_visible(&self, i: usize, facts: &Facts) -> bool {
        self.compiled[i].when.as_ref().is_none_or(|c| c.eval(facts))
    }

    /// The priority of step `i` and the index of the `priority_if` rule that chose it.
    pub fn step_priority(&self, i: usize, facts: &Facts) -> (Priority, Option<usize>) {
        pick_priority(self.steps[i].priority, &self.compiled[i].priority_if, facts)
    }

    /// Puts a condition into words, naming the answers in `answers` if given.
    pub fn explain(&self, cond: &Condition, answers: Option<&Answers>) -> String {
        let vocab = Words {
            guide: self,
            answers,
        };
        crate::condition::explain(cond, &vocab, answers.is_some())
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

pub(crate) fn pick_priority(
    base: Priority,
    rules: &[(Compiled, Priority)],
    facts: &Facts,
) -> (Priority, Option<usize>) {
    rules
        .iter()
        .position(|(c, _)| c.eval(facts))
        .map_or((base, None), |i| (rules[i].1, Some(i)))
}

#[derive(Debug, Clone, Default)]
pub(crate) struct CollectionFiles {
    pub resources: String,
    pub examples: String,
    pub glossary: String,
    pub sources: String,
}

struct Words<'a> {
    guide: &'a Guide,
    answers: Option<&'a Answers>,
}

impl Words<'_> {
    fn choices(&self, is_decision: bool, id: &str) -> Option<(&str, &[Choice])> {
        if is_decision {
            let d = self.guide.decision_index(id)?;
            let d = self.guide.decision_at(d);
            Some((&d.short, &d.choices))
        } else {
            let q = &self.guide.questions[self.guide.question_index(id)?];
            Some((&q.short, &q.choices))
        }
    }
}

impl Vocabulary for Words<'_> {
    fn name(&self, is_decision: bool, id: &str) -> String {
        self.choices(is_decision, id)
            .map_or_else(|| id.to_string(), |(s, _)| s.to_string())
    }

    fn choice_label(&self, is_decision: bool, id: &str, choice: &str) -> String {
        self.choices(is_decision, id)
            .and_then(|(_, cs)| cs.iter().find(|c| c.id == choice))
            .map_or_else(|| choice.to_string(), |c| c.label.clone())
    }

    fn answer_label(&self, is_decision: bool, id: &str) -> Option<String> {
        let answers = self.answers?;
        let map = if is_decision {
            &answers.decisions
        } else {
            &answers.profile
        };
        let a = map.get(id)?;
        Some(self.choice_label(is_decision, id, a))
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

fn fingerprint_of(guide: &Guide) -> String {
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
