//! The work states ("Arbeitsstände") of one guide in one browser: create, switch, rename,
//! duplicate, delete with undo, and merge with another tab's copy. There is always at
//! least one work state, and the active one always exists.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::guide::Guide;
use crate::progress::Progress;

/// Deleted work states can be restored for this many days.
pub const UNDO_DAYS: u64 = 7;
/// … in milliseconds.
pub const UNDO_MS: u64 = UNDO_DAYS * 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkState {
    pub id: String,
    pub progress: Progress,
}

/// The name people see for a work state without a name.
pub const UNNAMED: &str = "Ohne Namen";

impl WorkState {
    /// The name to show: the given one, or „Ohne Namen“.
    pub fn display_name(&self) -> &str {
        display_name(&self.progress.name)
    }
}

/// The name to show for a work state named `name`.
pub fn display_name(name: &str) -> &str {
    if name.trim().is_empty() {
        UNNAMED
    } else {
        name
    }
}

/// A deleted work state, kept for a while so the deletion can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    pub state: WorkState,
    /// When it was deleted (ms since 1970).
    pub at: u64,
}

#[derive(Debug, Clone)]
pub struct Workspace {
    /// The id of the guide this belongs to.
    guide: String,
    /// The id of the work state in use; always one of `states`.
    active: String,
    /// Never empty.
    states: Vec<WorkState>,
    deleted: Vec<Deleted>,
    /// Work states brought back with „Rückgängig“: id → the time of the deletion that was
    /// undone, so another tab's older copy of that deletion does not delete it again.
    restored: BTreeMap<String, u64>,
    /// Set by each browser tab to something of its own, so that two tabs creating work
    /// states at the same moment never pick the same id. Not saved.
    id_prefix: String,
    /// Random, set by each browser tab: new origins are made from it (`fresh_origin`).
    /// Not saved.
    origin_seed: String,
    /// How many origins this tab has made from its seed. Not saved.
    origins_made: u64,
}

/// Two workspaces are equal when they hold the same; the tab's id prefix and origin seed
/// are not content.
impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        self.guide == other.guide
            && self.active == other.active
            && self.states == other.states
            && self.deleted == other.deleted
            && self.restored == other.restored
    }
}

impl Eq for Workspace {}

/// Why saved parts cannot make a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    NoStates,
    DuplicateId,
}

impl Workspace {
    pub fn new(guide_id: &str) -> Self {
        Workspace {
            guide: guide_id.into(),
            active: "1".into(),
            states: vec![WorkState {
                id: "1".into(),
                progress: Progress::default(),
            }],
            deleted: Vec::new(),
            restored: BTreeMap::new(),
            id_prefix: String::new(),
            origin_seed: String::new(),
            origins_made: 0,
        }
    }

    /// A workspace from its saved parts. An unknown `active` falls back to the first
    /// work state.
    pub fn from_parts(
        guide: String,
        active: String,
        states: Vec<WorkState>,
        deleted: Vec<Deleted>,
        restored: BTreeMap<String, u64>,
    ) -> Result<Self, Invalid> {
        if states.is_empty() {
            return Err(Invalid::NoStates);
        }
        let mut ids = std::collections::HashSet::new();
        if !states.iter().all(|s| ids.insert(s.id.as_str())) {
            return Err(Invalid::DuplicateId);
        }
        let mut ws = Workspace {
            guide,
            active,
            states,
            deleted,
            restored,
            id_prefix: String::new(),
            origin_seed: String::new(),
            origins_made: 0,
        };
        // Stored data may have been edited by hand: clean it as the app would have
        // written it, and let no two work states share an origin (the later ones get
        // fresh origins from `fill_origins` once the tab gives its seed).
        let mut origins = std::collections::HashSet::new();
        for s in &mut ws.states {
            s.progress.sanitize();
            if !s.progress.origin.is_empty() && !origins.insert(s.progress.origin.clone()) {
                s.progress.origin.clear();
            }
        }
        for d in &mut ws.deleted {
            d.state.progress.sanitize();
            if !d.state.progress.origin.is_empty()
                && !origins.insert(d.state.progress.origin.clone())
            {
                d.state.progress.origin.clear();
            }
        }
        ws.fix_active();
        Ok(ws)
    }

    pub fn guide_id(&self) -> &str {
        &self.guide
    }

    pub fn active_id(&self) -> &str {
        &self.active
    }

    pub fn states(&self) -> &[WorkState] {
        &self.states
    }

    pub fn deleted(&self) -> &[Deleted] {
        &self.deleted
    }

    pub fn restored(&self) -> &BTreeMap<String, u64> {
        &self.restored
    }

    /// Starts over with one empty work state (the demo's reset); keeps this tab's prefix
    /// and origin seed.
    pub fn reset(&mut self) {
        let fresh = Workspace::new(&self.guide);
        self.take_content(fresh);
        self.fill_origins();
    }

    /// Holds what `theirs` holds (the same tab's copy, changed by the app's second module,
    /// `app::more`), keeping this copy's own id prefix, origin seed and count.
    pub fn take_content(&mut self, theirs: Workspace) {
        let prefix = std::mem::take(&mut self.id_prefix);
        let seed = std::mem::take(&mut self.origin_seed);
        let made = self.origins_made;
        *self = theirs;
        self.id_prefix = prefix;
        self.origin_seed = seed;
        self.origins_made = made;
    }

    /// Gives this tab its own prefix for new ids.
    pub fn set_id_prefix(&mut self, prefix: &str) {
        self.id_prefix = prefix.to_string();
    }

    /// Gives this tab its random seed for new origins (`Progress::origin`); work states
    /// without an origin (from before origins existed) get one at once.
    pub fn set_origin_seed(&mut self, seed: &str) {
        self.origin_seed = seed.to_string();
        self.fill_origins();
    }

    /// An origin no work state has had: the tab's seed and a count. Empty while the tab
    /// has given no seed (then `set_origin_seed` fills it in later).
    fn fresh_origin(&mut self) -> String {
        if self.origin_seed.is_empty() {
            return String::new();
        }
        self.origins_made += 1;
        format!("{}-{}", self.origin_seed, self.origins_made)
    }

    /// Gives every work state (deleted ones too) without an origin a fresh one.
    fn fill_origins(&mut self) {
        let mut missing = 0;
        for p in self.progresses() {
            missing += usize::from(p.origin.is_empty());
        }
        if missing == 0 || self.origin_seed.is_empty() {
            return;
        }
        let fresh: Vec<String> = (0..missing).map(|_| self.fresh_origin()).collect();
        let mut fresh = fresh.into_iter();
        for s in &mut self.states {
            if s.progress.origin.is_empty() {
                s.progress.origin = fresh.next().unwrap_or_default();
            }
        }
        for d in &mut self.deleted {
            if d.state.progress.origin.is_empty() {
                d.state.progress.origin = fresh.next().unwrap_or_default();
            }
        }
    }

    fn progresses(&self) -> impl Iterator<Item = &Progress> {
        self.states
            .iter()
            .map(|s| &s.progress)
            .chain(self.deleted.iter().map(|d| &d.state.progress))
    }

    /// The work state that is the same as `progress` (it has the same origin): a file of
    /// it can be merged into it (see `reconcile`) instead of being added.
    pub fn same_origin(&self, progress: &Progress) -> Option<&WorkState> {
        if progress.origin.is_empty() {
            return None;
        }
        self.states
            .iter()
            .find(|s| s.progress.origin == progress.origin)
    }

    pub fn active(&self) -> &Progress {
        &self.states[self.active_index()].progress
    }

    pub fn active_mut(&mut self) -> &mut Progress {
        let i = self.active_index();
        &mut self.states[i].progress
    }

    fn active_index(&self) -> usize {
        self.index(&self.active).unwrap_or(0)
    }

    fn fix_active(&mut self) {
        if self.index(&self.active).is_none() {
            self.active = self.states[0].id.clone();
        }
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.states.iter().position(|s| s.id == id)
    }

    pub fn state(&self, id: &str) -> Option<&WorkState> {
        self.states.iter().find(|s| s.id == id)
    }

    /// Applies a user's change to the active work state at time `now`; changed entries
    /// are stamped so that a merge with another tab keeps the newer of each.
    pub fn edit_active(&mut self, now: u64, f: impl FnOnce(&mut Progress)) {
        let before = self.active().clone();
        let tab = self.id_prefix.clone();
        let p = self.active_mut();
        f(p);
        p.stamp_changes(&before, now, &tab);
    }

    /// Applies a change to the work states as a whole (create, switch, rename, delete,
    /// import) at time `now`, stamps what changed and tidies up (see `tidy`).
    pub fn edit(&mut self, guide: &Guide, now: u64, f: impl FnOnce(&mut Workspace)) {
        let before = self.clone();
        f(self);
        for s in &mut self.states {
            if let Some(old) = before.state(&s.id) {
                s.progress
                    .stamp_changes(&old.progress, now, &before.id_prefix);
            }
        }
        self.tidy(guide, now);
    }

    /// Keeps a workspace tidy for use: forgets long-deleted work states, gives every work
    /// state without an origin one, and lets every work state that never met this guide
    /// take its steps as known (so only later additions count as new).
    pub fn tidy(&mut self, guide: &Guide, now: u64) {
        self.purge_deleted(now);
        self.fill_origins();
        for s in &mut self.states {
            s.progress.adopt_guide(guide);
        }
    }

    /// An id no current or deleted work state has.
    fn fresh_id(&self) -> String {
        let taken = |id: &str| {
            self.states.iter().any(|s| s.id == id) || self.deleted.iter().any(|d| d.state.id == id)
        };
        (1..)
            .map(|n: u32| format!("{}{n}", self.id_prefix))
            .find(|id| !taken(id))
            .expect("ids run out only after 4 billion work states")
    }

    /// Adds a work state with this progress and makes it the active one.
    fn add(&mut self, mut progress: Progress) -> String {
        if progress.origin.is_empty() {
            progress.origin = self.fresh_origin();
        }
        let id = self.fresh_id();
        self.states.push(WorkState {
            id: id.clone(),
            progress,
        });
        self.active = id.clone();
        id
    }

    /// Adds an empty work state with this name and makes it the active one.
    pub fn create(&mut self, name: &str) -> String {
        self.add(Progress {
            name: name.trim().to_string(),
            ..Progress::default()
        })
    }

    pub fn switch(&mut self, id: &str) -> bool {
        let known = self.index(id).is_some();
        if known {
            self.active = id.to_string();
        }
        known
    }

    pub fn rename(&mut self, id: &str, name: &str) {
        if let Some(i) = self.index(id) {
            self.states[i].progress.name = name.trim().to_string();
        }
    }

    /// Copies a work state (named "… (Kopie)") and makes the copy active. The copy is a
    /// work state of its own: it gets a new origin, so files of the two never merge.
    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        let mut progress = self.state(id)?.progress.clone();
        progress.origin = String::new();
        progress.name = if progress.name.is_empty() {
            "Kopie".into()
        } else {
            format!("{} (Kopie)", progress.name)
        };
        Some(self.add(progress))
    }

    /// Adds a work state from elsewhere (an imported file) as a new one, never over an
    /// existing one, and makes it active. A name already in use gets „(importiert)“. It
    /// keeps its origin (a colleague's later file of it can be merged) unless a work state
    /// here has that origin already: then it is a copy beside that one, with an origin of
    /// its own.
    pub fn import(&mut self, progress: &Progress) -> String {
        let mut progress = progress.clone();
        // Deleted work states count too: undoing the deletion must not bring back a
        // second work state with the same origin.
        let clash =
            !progress.origin.is_empty() && self.progresses().any(|p| p.origin == progress.origin);
        if clash {
            progress.origin = String::new();
        }
        let taken = |name: &str| self.states.iter().any(|s| s.progress.name == name);
        if taken(&progress.name) {
            let base = progress.name.clone();
            progress.name = (1..)
                .map(|n| match n {
                    1 => format!("{base} (importiert)"),
                    n => format!("{base} (importiert {n})"),
                })
                .map(|name| name.trim().to_string())
                .find(|name| !taken(name))
                .expect("some number is free");
        }
        self.add(progress)
    }

    /// Merges a colleague's file of work state `id` (the same origin) into it, each part as
    /// `picks` says (see `reconcile::combine`), and makes it active.
    pub fn combine(
        &mut self,
        id: &str,
        theirs: &Progress,
        picks: &BTreeMap<crate::reconcile::Part, crate::reconcile::Pick>,
        now: u64,
    ) -> bool {
        let Some(i) = self.index(id) else {
            return false;
        };
        let merged = crate::reconcile::combine(
            &self.states[i].progress,
            theirs,
            picks,
            now,
            &self.id_prefix,
        );
        self.states[i].progress = merged;
        self.active = id.to_string();
        true
    }

    /// Moves a work state to the deleted ones (restorable for `UNDO_MS`). The last work
    /// state is replaced by an empty one, so there is always one to work in.
    pub fn delete(&mut self, id: &str, now: u64) -> bool {
        let Some(i) = self.index(id) else {
            return false;
        };
        let state = self.states.remove(i);
        self.deleted.push(Deleted { state, at: now });
        if self.states.is_empty() {
            self.create("");
        } else if self.active == id {
            self.active = self.states[0].id.clone();
        }
        true
    }

    /// Brings a deleted work state back (and makes it active).
    pub fn undo_delete(&mut self, id: &str) -> bool {
        let Some(i) = self.deleted.iter().position(|d| d.state.id == id) else {
            return false;
        };
        let d = self.deleted.remove(i);
        self.active = d.state.id.clone();
        self.restored.insert(d.state.id.clone(), d.at);
        self.states.push(d.state);
        true
    }

    /// Forgets deleted work states older than `UNDO_MS`.
    pub fn purge_deleted(&mut self, now: u64) {
        self.deleted.retain(|d| now.saturating_sub(d.at) < UNDO_MS);
    }

    /// Combines this copy with another tab's: work states only one side has are kept,
    /// common ones are merged entry by entry (see `Progress::merge`), deletions of either
    /// side stay deleted (and restorable).
    pub fn merge(&mut self, other: &Workspace) {
        // A deletion that either side has since undone stays undone.
        for (id, at) in &other.restored {
            let mine = self.restored.entry(id.clone()).or_insert(*at);
            *mine = (*mine).max(*at);
        }
        let undone = |restored: &BTreeMap<String, u64>, d: &Deleted| {
            restored.get(&d.state.id).is_some_and(|&at| at >= d.at)
        };
        self.deleted.retain(|d| !undone(&other.restored, d));
        for d in &other.deleted {
            if !undone(&self.restored, d) && !self.deleted.iter().any(|x| x.state.id == d.state.id)
            {
                self.deleted.push(d.clone());
            }
        }
        for theirs in &other.states {
            match self.index(&theirs.id) {
                Some(i) => self.states[i].progress.merge(&theirs.progress),
                None if !self.deleted.iter().any(|d| d.state.id == theirs.id) => {
                    self.states.push(theirs.clone());
                }
                None => {}
            }
        }
        let deleted: Vec<String> = self.deleted.iter().map(|d| d.state.id.clone()).collect();
        self.states.retain(|s| !deleted.contains(&s.id));
        if self.states.is_empty() {
            self.create("");
        }
        self.fill_origins();
        self.fix_active();
    }
}
