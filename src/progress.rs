//! What one user entered: answers, step status, ticked tasks, notes and what they have
//! seen — keyed by the guide's stable ids, versioned and serialisable. Never drops data
//! on its own: steps that leave the path keep their progress.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::guide::Guide;
use crate::profile::Answers;

/// The stored format's version. Raise it with a migration in `storage_format`.
pub const FORMAT: u32 = 1;

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
}

impl StepProgress {
    pub fn is_empty(&self) -> bool {
        *self == StepProgress::default()
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
    /// Steps the user has been shown on their path, to mark steps new to them.
    #[serde(default)]
    pub known_steps: BTreeSet<String>,
}

impl Progress {
    pub fn step(&self, id: &str) -> Option<&StepProgress> {
        self.steps.get(id)
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

    /// Records that the user has now seen these steps on their path.
    pub fn remember_steps<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> bool {
        let mut changed = false;
        for id in ids {
            changed |= self.known_steps.insert(id.to_string());
        }
        changed
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
