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
    /// The note may go on a published page („öffentlich“); notes are private by default.
    /// A plain default field: older saves read as private, and no format change is needed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
    /// Ids of ticked tasks.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tasks: BTreeSet<String>,
    /// The step's content fingerprint when it was marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_fingerprint: Option<String>,
    /// When this entry was last changed (ms since 1970), to merge edits from two tabs.
    #[serde(default)]
    pub edited: u64,
    /// Which tab made that change (its id prefix; empty when not known).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// The `edited` stamp of the version this tab started editing from: a version that
    /// another tab made later than that was made without seeing this one.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub base: u64,
    /// Texts of this step that lost against an edit made at the same time in another tab
    /// (or another copy of the work state): kept, shown, never dropped silently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<Kept>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A note (and reason) that another edit of the same step replaced without having seen it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// When the kept version was written, and by which tab: together they name it.
    pub edited: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// The user has dealt with it (taken it over or discarded it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dismissed: bool,
}

impl Kept {
    fn same(&self, other: &Kept) -> bool {
        self.edited == other.edited && self.by == other.by
    }
}

impl StepProgress {
    /// Kept versions the user has not dealt with yet.
    pub fn open_kept(&self) -> impl Iterator<Item = &Kept> {
        self.kept.iter().filter(|k| !k.dismissed)
    }

    /// Whether the user's content (not the bookkeeping) is the same.
    fn same_content(&self, other: &StepProgress) -> bool {
        self.status == other.status
            && self.reason == other.reason
            && self.note == other.note
            && self.public == other.public
            && self.tasks == other.tasks
            && self.done_fingerprint == other.done_fingerprint
    }

    /// Records that this entry was changed by `tab` at `now`, starting from `before`.
    fn stamp(&mut self, before: Option<&StepProgress>, now: u64, tab: &str) {
        self.base = match before {
            Some(b) if b.by == tab => b.base,
            Some(b) => b.edited,
            None => 0,
        };
        self.edited = now;
        self.by = tab.to_string();
    }

    /// Combines two versions of one step: the newer wins; if it was made without seeing
    /// the other (an edit at the same time elsewhere), the other's texts are kept and its
    /// ticks are added, so nothing typed or ticked disappears.
    fn merge(&mut self, theirs: &StepProgress) {
        let mut kept = self.kept.clone();
        for k in &theirs.kept {
            match kept.iter_mut().find(|x| x.same(k)) {
                Some(x) => x.dismissed |= k.dismissed,
                None => kept.push(k.clone()),
            }
        }
        if !self.same_content(theirs) || self.edited != theirs.edited {
            let theirs_wins = theirs.edited > self.edited;
            let (winner, loser) = if theirs_wins {
                (theirs, &*self)
            } else {
                (&*self, theirs)
            };
            let concurrent = winner.by != loser.by && winner.base < loser.edited;
            let mut merged = winner.clone();
            if concurrent {
                let lost_text = (loser.note != winner.note && !loser.note.trim().is_empty())
                    || (loser.reason != winner.reason && !loser.reason.trim().is_empty());
                let copy = Kept {
                    note: loser.note.clone(),
                    reason: loser.reason.clone(),
                    edited: loser.edited,
                    by: loser.by.clone(),
                    dismissed: false,
                };
                if lost_text && !kept.iter().any(|x| x.same(&copy)) {
                    kept.push(copy);
                }
                merged.tasks.extend(loser.tasks.iter().cloned());
            }
            *self = merged;
        }
        kept.sort_by(|a, b| (a.edited, &a.by).cmp(&(b.edited, &b.by)));
        self.kept = kept;
    }
}

impl StepProgress {
    /// Whether the user entered anything here.
    pub fn is_empty(&self) -> bool {
        self.status == Status::Open
            && self.reason.is_empty()
            && self.note.is_empty()
            && self.tasks.is_empty()
            && self.open_kept().next().is_none()
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
    /// Versions of notes that another edit replaced, not yet dealt with: (step id, step
    /// title or id, the kept version).
    pub kept: Vec<(String, String, Kept)>,
}

impl Archive {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
            && self.tasks.is_empty()
            && self.answers.is_empty()
            && self.kept.is_empty()
    }

    /// Each archived entry in words: the one wording the overview, the report page and
    /// every download use.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (id, e) in &self.steps {
            let mut parts = vec![e.status.label().to_string()];
            if !e.tasks.is_empty() {
                parts.push(format!(
                    "erledigte Aufgaben: {}",
                    e.tasks.iter().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            if !e.reason.is_empty() {
                parts.push(format!("Grund: „{}“", e.reason));
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
        for (_, title, k) in &self.kept {
            let mut text = format!("Aufbewahrte Fassung der Notiz zu „{title}“: „{}“", k.note);
            if !k.reason.is_empty() {
                text.push_str(&format!(" · Grund: „{}“", k.reason));
            }
            out.push(text);
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
    /// When each field was last changed (ms since 1970), so that two tabs' changes to
    /// different fields both survive a merge: `name`, `intake`, `current`, and `q:<id>` /
    /// `d:<id>` for each answer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stamps: BTreeMap<String, u64>,
}

/// The fields of a work state that are stamped and merged one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Name,
    Intake,
    Current,
    Answer(String),
    Decision(String),
}

impl Field {
    fn key(&self) -> String {
        match self {
            Field::Name => "name".into(),
            Field::Intake => "intake".into(),
            Field::Current => "current".into(),
            Field::Answer(q) => format!("q:{q}"),
            Field::Decision(d) => format!("d:{d}"),
        }
    }
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

    /// Whether the step's note is marked „öffentlich“ (it may go on a published page).
    pub fn is_public(&self, step: &str) -> bool {
        self.steps.get(step).is_some_and(|s| s.public)
    }

    pub fn set_public(&mut self, step: &str, public: bool) {
        self.entry(step).public = public;
    }

    /// The steps whose note is marked „öffentlich“ and says something.
    pub fn public_notes(&self) -> BTreeSet<String> {
        self.steps
            .iter()
            .filter(|(_, s)| s.public && !s.note.trim().is_empty())
            .map(|(id, _)| id.clone())
            .collect()
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
            let title = guide
                .step_index(id)
                .map_or_else(|| id.clone(), |i| guide.steps[i].title.clone());
            archive.kept.extend(
                entry
                    .open_kept()
                    .map(|k| (id.clone(), title.clone(), k.clone())),
            );
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

    /// Every stamped field either copy has.
    fn fields(&self, other: &Progress) -> Vec<Field> {
        let mut out = vec![Field::Name, Field::Intake, Field::Current];
        for p in [self, other] {
            for q in p.answers.profile.keys() {
                let f = Field::Answer(q.clone());
                if !out.contains(&f) {
                    out.push(f);
                }
            }
            for d in p.answers.decisions.keys() {
                let f = Field::Decision(d.clone());
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }

    fn same_field(&self, other: &Progress, f: &Field) -> bool {
        match f {
            Field::Name => self.name == other.name,
            Field::Intake => self.intake_done == other.intake_done,
            Field::Current => self.current == other.current,
            Field::Answer(q) => self.answers.profile.get(q) == other.answers.profile.get(q),
            Field::Decision(d) => self.answers.decisions.get(d) == other.answers.decisions.get(d),
        }
    }

    fn take_field(&mut self, other: &Progress, f: &Field) {
        fn copy(to: &mut BTreeMap<String, String>, from: &BTreeMap<String, String>, k: &str) {
            match from.get(k) {
                Some(v) => to.insert(k.to_string(), v.clone()),
                None => to.remove(k),
            };
        }
        match f {
            Field::Name => self.name = other.name.clone(),
            Field::Intake => self.intake_done = other.intake_done,
            Field::Current => self.current = other.current.clone(),
            Field::Answer(q) => copy(&mut self.answers.profile, &other.answers.profile, q),
            Field::Decision(d) => copy(&mut self.answers.decisions, &other.answers.decisions, d),
        }
    }

    fn stamp_of(&self, f: &Field) -> u64 {
        self.stamps.get(&f.key()).copied().unwrap_or(0)
    }

    /// Stamps every entry and field that differs from `before` with `now` and `tab` (the
    /// tab's id prefix), so that a later merge with another tab's copy keeps the newer of
    /// each and notices edits made at the same time.
    pub fn stamp_changes(&mut self, before: &Progress, now: u64, tab: &str) {
        for (id, entry) in &mut self.steps {
            let old = before.steps.get(id);
            if !old.is_some_and(|o| o.same_content(entry)) {
                entry.stamp(old, now, tab);
            }
        }
        for f in self.fields(before) {
            if !self.same_field(before, &f) {
                self.stamps.insert(f.key(), now);
            }
        }
    }

    /// Combines this copy with another tab's copy of the same work state: each field and
    /// each step entry is taken from the copy that changed it last; texts replaced by an
    /// edit made at the same time are kept (`StepProgress::kept`); nothing only one side
    /// has is lost.
    pub fn merge(&mut self, other: &Progress) {
        for f in self.fields(other) {
            let (mine, theirs) = (self.stamp_of(&f), other.stamp_of(&f));
            if theirs > mine {
                self.take_field(other, &f);
                self.stamps.insert(f.key(), theirs);
            }
        }
        for (id, theirs) in &other.steps {
            match self.steps.get_mut(id) {
                Some(mine) => mine.merge(theirs),
                None => {
                    self.steps.insert(id.clone(), theirs.clone());
                }
            }
        }
        self.known_steps.extend(other.known_steps.iter().cloned());
    }

    /// Adds a kept version's text to the end of the step's note (so both texts are in the
    /// note) and marks the kept version as dealt with.
    pub fn append_kept(&mut self, step: &str, edited: u64, by: &str) {
        let Some(e) = self.steps.get_mut(step) else {
            return;
        };
        let Some(k) = e.kept.iter_mut().find(|k| k.edited == edited && k.by == by) else {
            return;
        };
        k.dismissed = true;
        let text = k.note.trim_end().to_string();
        if !text.is_empty() && !e.note.contains(&text) {
            if !e.note.trim().is_empty() {
                e.note = format!("{}\n\n{text}", e.note.trim_end());
            } else {
                e.note = text;
            }
        }
    }

    /// The user has read a kept version and does not need it.
    pub fn dismiss_kept(&mut self, step: &str, edited: u64, by: &str) {
        if let Some(k) = self
            .steps
            .get_mut(step)
            .and_then(|e| e.kept.iter_mut().find(|k| k.edited == edited && k.by == by))
        {
            k.dismissed = true;
        }
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
