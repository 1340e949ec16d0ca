//! What one user entered: answers, step status, ticked tasks, notes and what they have
//! seen — keyed by the guide's stable ids, versioned and serialisable. Never drops data
//! on its own: steps that leave the path keep their progress.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::guide::Guide;
use crate::profile::Answers;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Open,
    InProgress,
    Done,
    NotRelevant,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::InProgress,
        Status::Done,
        Status::NotRelevant,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Offen",
            Status::InProgress => "In Arbeit",
            Status::Done => "Erledigt",
            Status::NotRelevant => "Nicht relevant",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "offen",
            Status::InProgress => "in-arbeit",
            Status::Done => "erledigt",
            Status::NotRelevant => "nicht-relevant",
        }
    }
}

/// What the user entered for one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepProgress {
    #[serde(default)]
    pub status: Status,
    /// Why the step is not relevant (optional, with `NotRelevant`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Ids of ticked tasks.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tasks: BTreeSet<String>,
    /// The step's content fingerprint when it was marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_fingerprint: Option<String>,
    /// When this entry was last changed (ms since 1970), to merge edits from two tabs.
    #[serde(default)]
    pub edited: u64,
}

impl StepProgress {
    /// Whether the user entered anything here.
    pub fn is_empty(&self) -> bool {
        self.status == Status::Open
            && self.reason.is_empty()
            && self.note.is_empty()
            && self.tasks.is_empty()
    }
}

/// Entries kept for ids the guide no longer has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archive {
    /// Steps that no longer exist, with what the user entered.
    pub steps: Vec<(String, StepProgress)>,
    /// Ticked tasks (step id, task id) that no longer exist in a step that does.
    pub tasks: Vec<(String, String)>,
    /// Answers (question or decision id, choice id) the guide no longer offers.
    pub answers: Vec<(String, String)>,
}

impl Archive {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.tasks.is_empty() && self.answers.is_empty()
    }

    /// Each archived entry in words, for every place that shows the archive.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (id, e) in &self.steps {
            let mut parts = vec![e.status.label().to_string()];
            if !e.tasks.is_empty() {
                parts.push(format!("{} erledigte Aufgaben", e.tasks.len()));
            }
            if !e.note.is_empty() {
                parts.push(format!("Notiz: „{}“", e.note));
            }
            out.push(format!("Schritt „{id}“: {}", parts.join(" · ")));
        }
        for (s, t) in &self.tasks {
            out.push(format!("Aufgabe „{t}“ in Schritt „{s}“: erledigt"));
        }
        for (q, a) in &self.answers {
            out.push(format!("Antwort „{a}“ auf „{q}“"));
        }
        out
    }
}

/// One work state ("Arbeitsstand"): a profile and the progress on its path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The Kommune's or project's name, optional.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub answers: Answers,
    /// Whether the intake was completed once.
    #[serde(default)]
    pub intake_done: bool,
    #[serde(default)]
    pub steps: BTreeMap<String, StepProgress>,
    /// The step the user was last on.
    #[serde(default)]
    pub current: Option<String>,
    /// Step ids of the guide as the user knew it; a step not in here is new to them.
    /// Empty until the user first uses the guide.
    #[serde(default)]
    pub known_steps: BTreeSet<String>,
    /// When name, answers or position last changed (ms since 1970), to merge two tabs.
    #[serde(default)]
    pub edited: u64,
}

impl Progress {
    pub fn step(&self, id: &str) -> Option<&StepProgress> {
        self.steps.get(id)
    }

    pub fn is_ticked(&self, step: &str, task: &str) -> bool {
        self.steps.get(step).is_some_and(|s| s.tasks.contains(task))
    }

    pub fn note(&self, step: &str) -> String {
        self.steps
            .get(step)
            .map(|s| s.note.clone())
            .unwrap_or_default()
    }

    pub fn reason(&self, step: &str) -> String {
        self.steps
            .get(step)
            .map(|s| s.reason.clone())
            .unwrap_or_default()
    }

    pub fn status(&self, id: &str) -> Status {
        self.steps.get(id).map(|s| s.status).unwrap_or_default()
    }

    fn entry(&mut self, id: &str) -> &mut StepProgress {
        self.steps.entry(id.to_string()).or_default()
    }

    /// Ticks or unticks a task; ticking the first task moves an open step to "in progress".
    pub fn set_task(&mut self, step: &str, task: &str, done: bool) {
        let e = self.entry(step);
        if done {
            e.tasks.insert(task.to_string());
            if e.status == Status::Open {
                e.status = Status::InProgress;
            }
        } else {
            e.tasks.remove(task);
        }
    }

    pub fn set_note(&mut self, step: &str, note: &str) {
        self.entry(step).note = note.to_string();
    }

    /// Sets a step's status; `Done` records the content fingerprint of the step.
    pub fn set_status(&mut self, guide: &Guide, step: &str, status: Status) {
        let fingerprint = guide.step_index(step).map(|i| guide.step_fingerprint(i));
        let e = self.entry(step);
        e.status = status;
        e.done_fingerprint = if status == Status::Done {
            fingerprint
        } else {
            None
        };
    }

    pub fn set_reason(&mut self, step: &str, reason: &str) {
        self.entry(step).reason = reason.to_string();
    }

    pub fn set_answer(&mut self, question: &str, choice: &str) {
        self.answers
            .profile
            .insert(question.to_string(), choice.to_string());
    }

    pub fn set_decision(&mut self, decision: &str, choice: &str) {
        self.answers
            .decisions
            .insert(decision.to_string(), choice.to_string());
    }

    /// On first use, takes every step of the guide as known, so that only steps added by
    /// a later guide version count as new. Returns whether anything changed.
    pub fn adopt_guide(&mut self, guide: &Guide) -> bool {
        if !self.known_steps.is_empty() {
            return false;
        }
        self.known_steps = guide.steps.iter().map(|s| s.id.clone()).collect();
        true
    }

    /// Whether step `i` came with a guide version newer than the one the user knew.
    pub fn is_new(&self, guide: &Guide, i: usize) -> bool {
        !self.known_steps.is_empty() && !self.known_steps.contains(&guide.steps[i].id)
    }

    /// Whether opening step `id` changes anything: another step was current, or the
    /// step is still new to the user.
    pub fn is_stale_position(&self, id: &str) -> bool {
        self.current.as_deref() != Some(id) || !self.known_steps.contains(id)
    }

    /// The user opened step `id`: it is where they resume, and no longer new.
    pub fn visit(&mut self, id: &str) {
        self.mark_seen(id);
        self.current = Some(id.to_string());
    }

    /// The user has looked at this step: it is no longer new.
    pub fn mark_seen(&mut self, step: &str) -> bool {
        self.known_steps.insert(step.to_string())
    }

    /// The user has looked again at a completed step whose content changed.
    pub fn acknowledge_change(&mut self, guide: &Guide, i: usize) {
        let fingerprint = guide.step_fingerprint(i);
        if let Some(e) = self.steps.get_mut(&guide.steps[i].id)
            && e.done_fingerprint.is_some()
        {
            e.done_fingerprint = Some(fingerprint);
        }
    }

    /// What the user entered for steps, tasks and answers this guide no longer has. It is
    /// kept in the progress untouched; this is the "Archiv" view of it.
    pub fn archive(&self, guide: &Guide) -> Archive {
        let mut archive = Archive::default();
        for (id, entry) in &self.steps {
            match guide.step_index(id) {
                None if !entry.is_empty() => archive.steps.push((id.clone(), entry.clone())),
                None => {}
                Some(i) => {
                    let step = &guide.steps[i];
                    for t in &entry.tasks {
                        if !step.tasks.iter().any(|x| &x.id == t) {
                            archive.tasks.push((id.clone(), t.clone()));
                        }
                    }
                }
            }
        }
        for (q, a) in &self.answers.profile {
            let known = guide
                .questions
                .iter()
                .any(|x| &x.id == q && x.choices.iter().any(|c| &c.id == a));
            if !known {
                archive.answers.push((q.clone(), a.clone()));
            }
        }
        for (d, a) in &self.answers.decisions {
            let known = guide
                .decision_index(d)
                .is_some_and(|k| guide.decision_at(k).choices.iter().any(|c| &c.id == a));
            if !known {
                archive.answers.push((d.clone(), a.clone()));
            }
        }
        archive
    }

    /// Stamps every entry that differs from `before` with `now`, so that a later merge
    /// with another tab's copy keeps the newer of each.
    pub fn stamp_changes(&mut self, before: &Progress, now: u64) {
        for (id, entry) in &mut self.steps {
            let old = before.steps.get(id);
            let same = old.is_some_and(|o| {
                o.status == entry.status
                    && o.reason == entry.reason
                    && o.note == entry.note
                    && o.tasks == entry.tasks
                    && o.done_fingerprint == entry.done_fingerprint
            });
            if !same {
                entry.edited = now;
            }
        }
        if self.name != before.name
            || self.answers != before.answers
            || self.intake_done != before.intake_done
            || self.current != before.current
        {
            self.edited = now;
        }
    }

    /// Combines this copy with another tab's copy of the same work state: per step and for
    /// the answers, the more recently edited one wins; nothing only one side has is lost.
    pub fn merge(&mut self, other: &Progress) {
        if other.edited > self.edited {
            self.name = other.name.clone();
            self.answers = other.answers.clone();
            self.intake_done = other.intake_done;
            self.current = other.current.clone();
            self.edited = other.edited;
        }
        for (id, theirs) in &other.steps {
            match self.steps.get_mut(id) {
                Some(mine) if mine.edited >= theirs.edited => {}
                Some(mine) => *mine = theirs.clone(),
                None => {
                    self.steps.insert(id.clone(), theirs.clone());
                }
            }
        }
        self.known_steps.extend(other.known_steps.iter().cloned());
    }

    /// Whether the step was completed and its content has changed since.
    pub fn changed_since_done(&self, guide: &Guide, step: usize) -> bool {
        self.steps
            .get(&guide.steps[step].id)
            .and_then(|s| s.done_fingerprint.as_ref())
            .is_some_and(|f| *f != guide.step_fingerprint(step))
    }

    /// Done steps on `path` (a list of step indices) and their total.
    pub fn done_count(&self, guide: &Guide, steps: impl Iterator<Item = usize>) -> (usize, usize) {
        let mut done = 0;
        let mut total = 0;
        for i in steps {
            total += 1;
            if matches!(
                self.status(&guide.steps[i].id),
                Status::Done | Status::NotRelevant
            ) {
                done += 1;
            }
        }
        (done, total)
    }
}
