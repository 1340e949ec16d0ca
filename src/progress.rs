//! What one user entered: answers, step status, ticked tasks, notes and what they have
//! seen — keyed by the guide's stable ids, versioned and serialisable. Never drops data
//! on its own: steps that leave the path keep their progress.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::date::Date;
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
    pub(crate) fn same(&self, other: &Kept) -> bool {
        self.edited == other.edited && self.by == other.by
    }
}

impl StepProgress {
    /// Kept versions the user has not dealt with yet.
    pub fn open_kept(&self) -> impl Iterator<Item = &Kept> {
        self.kept.iter().filter(|k| !k.dismissed)
    }

    /// Whether the user's content (not the bookkeeping) is the same.
    pub(crate) fn same_content(&self, other: &StepProgress) -> bool {
        self.status == other.status
            && self.reason == other.reason
            && self.note == other.note
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
    /// Owners and due dates of steps or tasks that no longer exist: (step id, task id,
    /// the plan).
    pub plans: Vec<(String, Option<String>, Plan)>,
}

impl Archive {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
            && self.tasks.is_empty()
            && self.answers.is_empty()
            && self.kept.is_empty()
            && self.plans.is_empty()
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
        for (step, task, plan) in &self.plans {
            let what = match task {
                Some(t) => format!("Aufgabe „{t}“ in Schritt „{step}“"),
                None => format!("Schritt „{step}“"),
            };
            out.push(format!("{what}: {}", plan.words()));
        }
        out
    }
}

/// At most this many characters of a name in „Zuständig“ are kept.
pub const MAX_OWNER_CHARS: usize = 80;
/// At most this many characters of a snapshot's name are kept.
pub const MAX_SNAPSHOT_NAME_CHARS: usize = 120;
/// A work state keeps this many snapshots; taking one more drops the oldest (the screen
/// says so before).
pub const MAX_SNAPSHOTS: usize = 12;
/// An origin is an id the app makes (a random seed and a count, far shorter than this);
/// a longer one, or one with other characters than `A-Z a-z 0-9 - _`, is not kept.
pub const MAX_ORIGIN_CHARS: usize = 64;

/// Who does a step or a task („Zuständig“) and by when („Fällig bis“). Both optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty() && self.due.is_none()
    }

    /// „Zuständig: Frau Yilmaz · fällig bis 01.12.2026“ (only the parts that are set), as
    /// the report, the archive and the merge view say it.
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        if !self.owner.is_empty() {
            parts.push(format!("Zuständig: {}", self.owner));
        }
        if let Some(d) = self.due {
            parts.push(format!("fällig bis {}", d.to_german()));
        }
        parts.join(" · ")
    }

    /// „Frau Yilmaz · bis 01.12.2026“: the short form for a table cell.
    pub fn cell(&self) -> String {
        let mut parts = Vec::new();
        if !self.owner.is_empty() {
            parts.push(self.owner.clone());
        }
        if let Some(d) = self.due {
            parts.push(format!("bis {}", d.to_german()));
        }
        parts.join(" · ")
    }
}

/// The key of a step's plan (`step`) or a task's (`step/task`) in `Progress::plans`. Guide
/// ids never hold a `/`, so the two kinds cannot meet.
pub fn plan_key(step: &str, task: Option<&str>) -> String {
    match task {
        Some(t) => format!("{step}/{t}"),
        None => step.to_string(),
    }
}

/// The step and task of a key made by `plan_key`.
pub fn split_plan_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('/') {
        Some((s, t)) => (s, Some(t)),
        None => (key, None),
    }
}

/// A name as typed into „Zuständig“ (or a snapshot's name), made safe to keep and show:
/// control characters dropped, runs of white space made one space, trimmed, and cut to
/// `max` characters.
pub fn clean_line(s: &str, max: usize) -> String {
    let spaced: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(max)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// A named, dated, read-only copy of a work state's answers and progress
/// („Zwischenstand“), to compare with later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub name: String,
    /// The (local) day it was taken.
    pub date: Date,
    /// When it was taken (ms since 1970); with the name, it tells snapshots apart.
    pub taken: u64,
    #[serde(default)]
    pub answers: Answers,
    /// The steps the user had entered something for.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, SnapshotStep>,
}

/// What a snapshot keeps of one step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotStep {
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tasks: BTreeSet<String>,
}

impl Snapshot {
    fn same(&self, other: &Snapshot) -> bool {
        self.taken == other.taken && self.name == other.name
    }

    pub fn status(&self, step: &str) -> Status {
        self.steps.get(step).map(|s| s.status).unwrap_or_default()
    }

    pub fn note(&self, step: &str) -> &str {
        self.steps.get(step).map_or("", |s| s.note.as_str())
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
    /// different fields both survive a merge: `name`, `intake`, `current`, `review`,
    /// `q:<id>` / `d:<id>` for each answer, `t:<id>` for each target, and
    /// `owner:<key>` / `due:<key>` for each plan (see `plan_key`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stamps: BTreeMap<String, u64>,
    /// Which work state this is, wherever it travels: kept by export and import (so a
    /// colleague's file of the same work state can be merged), new for a copy. Made by
    /// the browser (random); empty only until a tab gives it one (`Workspace::tidy`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin: String,
    /// Owners and due dates of steps and tasks, by `plan_key`; never an empty plan.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plans: BTreeMap<String, Plan>,
    /// The level the Kommune wants to reach per field („Ziel“): question id → choice id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, String>,
    /// When the Kommune wants to look at its progress again („Nächste Überprüfung“).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Date>,
    /// Snapshots („Zwischenstände“), oldest first, at most `MAX_SNAPSHOTS`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<Snapshot>,
}

/// The fields of a work state that are stamped and merged one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    Intake,
    Current,
    Answer(String),
    Decision(String),
    Target(String),
    Review,
    /// A step's or task's owner, by `plan_key`.
    Owner(String),
    /// A step's or task's due date, by `plan_key`.
    Due(String),
}

impl Field {
    pub(crate) fn key(&self) -> String {
        match self {
            Field::Name => "name".into(),
            Field::Intake => "intake".into(),
            Field::Current => "current".into(),
            Field::Answer(q) => format!("q:{q}"),
            Field::Decision(d) => format!("d:{d}"),
            Field::Target(q) => format!("t:{q}"),
            Field::Review => "review".into(),
            Field::Owner(k) => format!("owner:{k}"),
            Field::Due(k) => format!("due:{k}"),
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

    /// The owner and due date of a step (`task` = `None`) or of one of its tasks.
    pub fn plan(&self, step: &str, task: Option<&str>) -> Plan {
        self.plans
            .get(&plan_key(step, task))
            .cloned()
            .unwrap_or_default()
    }

    /// Sets who does a step or task; the name is cleaned (see `clean_line`), an empty one
    /// clears it.
    pub fn set_owner(&mut self, step: &str, task: Option<&str>, owner: &str) {
        let owner = clean_line(owner, MAX_OWNER_CHARS);
        self.edit_plan(&plan_key(step, task), |p| p.owner = owner);
    }

    /// Sets (or with `None` clears) by when a step or task is due.
    pub fn set_due(&mut self, step: &str, task: Option<&str>, due: Option<Date>) {
        self.edit_plan(&plan_key(step, task), |p| p.due = due);
    }

    /// Every name used in „Zuständig“ in this work state, once each, alphabetically
    /// (ignoring case): the suggestions for the next one, and the person filter.
    pub fn owners(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .plans
            .values()
            .filter(|p| !p.owner.is_empty())
            .map(|p| p.owner.clone())
            .collect();
        names.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
        names.dedup();
        names
    }

    /// Sets the level a field should reach (a choice id of question `question`), or with
    /// `None` clears it.
    pub fn set_target(&mut self, question: &str, choice: Option<&str>) {
        match choice {
            Some(c) => self.targets.insert(question.to_string(), c.to_string()),
            None => self.targets.remove(question),
        };
    }

    pub fn set_review(&mut self, date: Option<Date>) {
        self.review = date;
    }

    /// The snapshot that taking one more would drop (the oldest, once `MAX_SNAPSHOTS` are
    /// kept), so the screen can say so first.
    pub fn snapshot_to_drop(&self) -> Option<&Snapshot> {
        (self.snapshots.len() >= MAX_SNAPSHOTS)
            .then(|| self.snapshots.first())
            .flatten()
    }

    /// Keeps a read-only copy of the answers and of every step's status, ticks and note,
    /// named `name` (cleaned; „Zwischenstand vom …“ when empty), taken on `date` at `now`.
    /// With `MAX_SNAPSHOTS` kept already, the oldest is dropped.
    pub fn take_snapshot(&mut self, name: &str, date: Date, now: u64) {
        let mut name = clean_line(name, MAX_SNAPSHOT_NAME_CHARS);
        if name.is_empty() {
            name = format!("Zwischenstand vom {}", date.to_german());
        }
        let steps = self
            .steps
            .iter()
            .filter(|(_, e)| e.status != Status::Open || !e.note.is_empty() || !e.tasks.is_empty())
            .map(|(id, e)| {
                let s = SnapshotStep {
                    status: e.status,
                    note: e.note.clone(),
                    tasks: e.tasks.clone(),
                };
                (id.clone(), s)
            })
            .collect();
        let snapshot = Snapshot {
            name,
            date,
            taken: now,
            answers: self.answers.clone(),
            steps,
        };
        self.add_snapshots(&[snapshot]);
    }

    /// The most recent snapshot.
    pub fn last_snapshot(&self) -> Option<&Snapshot> {
        self.snapshots.last()
    }

    /// Makes the parts of this work state that the app writes only through cleaning setters
    /// (`set_owner`, `take_snapshot`) as those setters would have written them, for a work
    /// state read from a file or from storage, which anyone can edit: owners cleaned and
    /// cut to `MAX_OWNER_CHARS`, no empty plan, snapshot names cleaned, at most
    /// `MAX_SNAPSHOTS` snapshots (the newest, oldest first), and an origin that is not a
    /// plain id (see `MAX_ORIGIN_CHARS`) dropped, so that a fresh one is made for it.
    pub fn sanitize(&mut self) {
        for plan in self.plans.values_mut() {
            plan.owner = clean_line(&plan.owner, MAX_OWNER_CHARS);
        }
        self.plans.retain(|_, p| !p.is_empty());
        for s in &mut self.snapshots {
            s.name = clean_line(&s.name, MAX_SNAPSHOT_NAME_CHARS);
            if s.name.is_empty() {
                s.name = format!("Zwischenstand vom {}", s.date.to_german());
            }
        }
        // Sorted first, so that even a file with very many snapshots takes no long.
        self.snapshots
            .sort_by(|a, b| (a.taken, &a.name).cmp(&(b.taken, &b.name)));
        self.snapshots.dedup_by(|a, b| a.same(b));
        let extra = self.snapshots.len().saturating_sub(MAX_SNAPSHOTS);
        self.snapshots.drain(..extra);
        let plain = self.origin.len() <= MAX_ORIGIN_CHARS
            && self
                .origin
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !plain {
            self.origin.clear();
        }
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
        for (key, plan) in &self.plans {
            let (step, task) = split_plan_key(key);
            let known = guide.step_index(step).is_some_and(|i| {
                task.is_none_or(|t| guide.steps[i].tasks.iter().any(|x| x.id == t))
            });
            if !known {
                let task = task.map(str::to_string);
                archive.plans.push((step.to_string(), task, plan.clone()));
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
    pub(crate) fn fields(&self, other: &Progress) -> Vec<Field> {
        let mut out = vec![Field::Name, Field::Intake, Field::Current, Field::Review];
        let mut seen = BTreeSet::new();
        for p in [self, other] {
            let answers = p.answers.profile.keys().map(|q| Field::Answer(q.clone()));
            let decisions = p
                .answers
                .decisions
                .keys()
                .map(|d| Field::Decision(d.clone()));
            let targets = p.targets.keys().map(|q| Field::Target(q.clone()));
            let plans = p
                .plans
                .keys()
                .flat_map(|k| [Field::Owner(k.clone()), Field::Due(k.clone())]);
            for f in answers.chain(decisions).chain(targets).chain(plans) {
                if seen.insert(f.key()) {
                    out.push(f);
                }
            }
        }
        out
    }

    pub(crate) fn same_field(&self, other: &Progress, f: &Field) -> bool {
        match f {
            Field::Name => self.name == other.name,
            Field::Intake => self.intake_done == other.intake_done,
            Field::Current => self.current == other.current,
            Field::Answer(q) => self.answers.profile.get(q) == other.answers.profile.get(q),
            Field::Decision(d) => self.answers.decisions.get(d) == other.answers.decisions.get(d),
            Field::Target(q) => self.targets.get(q) == other.targets.get(q),
            Field::Review => self.review == other.review,
            Field::Owner(k) => self.owner_at(k) == other.owner_at(k),
            Field::Due(k) => self.due_at(k) == other.due_at(k),
        }
    }

    pub(crate) fn take_field(&mut self, other: &Progress, f: &Field) {
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
            Field::Target(q) => copy(&mut self.targets, &other.targets, q),
            Field::Review => self.review = other.review,
            Field::Owner(k) => {
                let owner = other.owner_at(k).to_string();
                self.edit_plan(k, |p| p.owner = owner);
            }
            Field::Due(k) => {
                let due = other.due_at(k);
                self.edit_plan(k, |p| p.due = due);
            }
        }
    }

    fn owner_at(&self, key: &str) -> &str {
        self.plans.get(key).map_or("", |p| p.owner.as_str())
    }

    fn due_at(&self, key: &str) -> Option<Date> {
        self.plans.get(key).and_then(|p| p.due)
    }

    /// Changes the plan at `key`; a plan left empty is removed.
    fn edit_plan(&mut self, key: &str, f: impl FnOnce(&mut Plan)) {
        let plan = self.plans.entry(key.to_string()).or_default();
        f(plan);
        if plan.is_empty() {
            self.plans.remove(key);
        }
    }

    pub(crate) fn stamp_of(&self, f: &Field) -> u64 {
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
        // Two tabs that each gave the same old work state an origin agree on one of them,
        // the same in both, so that neither keeps writing its own back.
        if !other.origin.is_empty() && (self.origin.is_empty() || other.origin < self.origin) {
            self.origin = other.origin.clone();
        }
        self.add_snapshots(&other.snapshots);
    }

    /// Takes over the snapshots only `other` has: snapshots are never edited, so the union
    /// of both (the newest `MAX_SNAPSHOTS`) is what both copies mean.
    pub(crate) fn add_snapshots(&mut self, theirs: &[Snapshot]) {
        for s in theirs {
            if !self.snapshots.iter().any(|x| x.same(s)) {
                self.snapshots.push(s.clone());
            }
        }
        self.snapshots
            .sort_by(|a, b| (a.taken, &a.name).cmp(&(b.taken, &b.name)));
        let extra = self.snapshots.len().saturating_sub(MAX_SNAPSHOTS);
        self.snapshots.drain(..extra);
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
