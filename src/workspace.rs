//! The saved document: every work state ("Arbeitsstand") of one guide in one browser, in a
//! versioned envelope, plus the export file for one work state. Decoding never panics and
//! tells the user in plain German what is wrong; nothing is ever dropped silently.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::guide::Guide;
use crate::progress::{FORMAT, Progress, Status};

/// Marks a stored document as ours.
pub const KIND: &str = "leitfaden-arbeitsstand";
/// Marks an exported work state.
pub const EXPORT_KIND: &str = "leitfaden-export";

/// Documents larger than this are refused before parsing (a work state is a few KB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// More work states than this in one document is not something a person made.
pub const MAX_STATES: usize = 500;
/// Deleted work states can be restored for this long (ms).
pub const UNDO_MS: u64 = 7 * 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkState {
    pub id: String,
    pub progress: Progress,
}

/// A deleted work state, kept for a while so the deletion can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    pub state: WorkState,
    /// When it was deleted (ms since 1970).
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub kind: String,
    pub format: u32,
    /// The id of the guide this belongs to.
    pub guide: String,
    /// The id of the work state in use.
    pub active: String,
    pub states: Vec<WorkState>,
    #[serde(default)]
    pub deleted: Vec<Deleted>,
    /// Work states brought back with „Rückgängig“: id → the time of the deletion that was
    /// undone, so another tab's older copy of that deletion does not delete it again.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub restored: std::collections::BTreeMap<String, u64>,
    /// Set by each browser tab to something of its own, so that two tabs creating work
    /// states at the same moment never pick the same id. Not saved.
    #[serde(skip)]
    pub id_prefix: String,
}

impl Workspace {
    pub fn new(guide_id: &str) -> Self {
        Workspace {
            kind: KIND.into(),
            format: FORMAT,
            guide: guide_id.into(),
            active: "1".into(),
            states: vec![WorkState {
                id: "1".into(),
                progress: Progress::default(),
            }],
            deleted: Vec::new(),
            restored: Default::default(),
            id_prefix: String::new(),
        }
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

    fn index(&self, id: &str) -> Option<usize> {
        self.states.iter().position(|s| s.id == id)
    }

    pub fn state(&self, id: &str) -> Option<&WorkState> {
        self.states.iter().find(|s| s.id == id)
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

    /// Adds an empty work state with this name and makes it the active one.
    pub fn create(&mut self, name: &str) -> String {
        let id = self.fresh_id();
        let progress = Progress {
            name: name.trim().to_string(),
            ..Progress::default()
        };
        self.states.push(WorkState {
            id: id.clone(),
            progress,
        });
        self.active = id.clone();
        id
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

    /// Copies a work state (named "… (Kopie)") and makes the copy active.
    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        let mut progress = self.state(id)?.progress.clone();
        progress.name = if progress.name.is_empty() {
            "Kopie".into()
        } else {
            format!("{} (Kopie)", progress.name)
        };
        let new = self.fresh_id();
        self.states.push(WorkState {
            id: new.clone(),
            progress,
        });
        self.active = new.clone();
        Some(new)
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
        let undone = |restored: &std::collections::BTreeMap<String, u64>, d: &Deleted| {
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
                    self.states.push(theirs.clone())
                }
                None => {}
            }
        }
        let deleted: Vec<String> = self.deleted.iter().map(|d| d.state.id.clone()).collect();
        self.states.retain(|s| !deleted.contains(&s.id));
        if self.states.is_empty() {
            self.create("");
        }
        if self.index(&self.active).is_none() {
            self.active = self.states[0].id.clone();
        }
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("a workspace always serialises")
    }

    /// The export file for one work state.
    pub fn export(&self, id: &str, guide: &Guide, now_iso: &str) -> Option<String> {
        let state = self.state(id)?;
        let export = Export {
            kind: EXPORT_KIND.into(),
            format: FORMAT,
            guide: GuideStamp {
                id: guide.id.clone(),
                version: guide.version.clone(),
                fingerprint: guide.fingerprint.clone(),
            },
            exported: now_iso.into(),
            progress: state.progress.clone(),
        };
        Some(serde_json::to_string_pretty(&export).expect("an export always serialises"))
    }

    /// Adds an imported work state as a new one (never over an existing one) and makes it
    /// active. Returns its id.
    pub fn import(&mut self, export: &Export) -> String {
        let id = self.fresh_id();
        let mut progress = export.progress.clone();
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
        self.states.push(WorkState {
            id: id.clone(),
            progress,
        });
        self.active = id.clone();
        id
    }
}

/// Which guide an export was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideStamp {
    pub id: String,
    pub version: String,
    pub fingerprint: String,
}

/// One work state as a file, stamped with the guide it was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    pub kind: String,
    pub format: u32,
    pub guide: GuideStamp,
    /// When it was exported (ISO 8601).
    pub exported: String,
    pub progress: Progress,
}

/// What an import file holds, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub name: String,
    pub profile: String,
    pub done: usize,
    pub notes: usize,
    pub guide_version: String,
    pub exported: String,
    /// Whether the file was made with exactly this guide content.
    pub same_guide_content: bool,
}

impl Export {
    pub fn preview(&self, guide: &Guide) -> Preview {
        let p = &self.progress;
        Preview {
            name: p.name.clone(),
            profile: p.answers.summary(guide),
            done: p
                .steps
                .values()
                .filter(|s| s.status == Status::Done)
                .count(),
            notes: p.steps.values().filter(|s| !s.note.is_empty()).count(),
            guide_version: self.guide.version.clone(),
            exported: self.exported.clone(),
            same_guide_content: self.guide.fingerprint == guide.fingerprint,
        }
    }
}

/// Why saved data or an imported file could not be read. Each says what happened and
/// what to do; nothing is changed when one occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    TooLarge(usize),
    Empty,
    /// The JSON ends in the middle: the file was cut off.
    Truncated,
    NotJson {
        line: usize,
        column: usize,
    },
    NotOurs,
    OtherGuide(String),
    Newer(u32),
    Invalid(String),
}

impl DecodeError {
    /// A message for the user, in German.
    pub fn message(&self) -> String {
        match self {
            DecodeError::TooLarge(n) => format!(
                "Die Datei ist mit {} KB viel zu groß für einen Arbeitsstand. Vermutlich ist es die falsche Datei.",
                n / 1024
            ),
            DecodeError::Empty => "Die Datei ist leer.".into(),
            DecodeError::Truncated => {
                "Die Daten sind unvollständig – vermutlich wurde die Datei beim Kopieren oder Herunterladen abgeschnitten.".into()
            }
            DecodeError::NotJson { line, column } => format!(
                "Die Daten sind beschädigt (Zeile {line}, Spalte {column} ist nicht lesbar)."
            ),
            DecodeError::NotOurs => {
                "Das ist kein Arbeitsstand dieses Leitfadens, sondern eine andere Datei.".into()
            }
            DecodeError::OtherGuide(id) => {
                format!("Dieser Arbeitsstand gehört zu einem anderen Leitfaden („{id}“).")
            }
            DecodeError::Newer(f) => format!(
                "Diese Daten stammen aus einer neueren Version der Anwendung (Format {f}; diese Version kennt Format {FORMAT}). Bitte nutzen Sie die neuere Version. Die Daten bleiben unverändert."
            ),
            DecodeError::Invalid(detail) => {
                format!("Die Daten haben nicht die erwartete Form ({detail}).")
            }
        }
    }
}

fn parse_json(raw: &str) -> Result<Value, DecodeError> {
    if raw.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge(raw.len()));
    }
    if raw.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    serde_json::from_str(raw).map_err(|e| {
        if e.classify() == serde_json::error::Category::Eof {
            DecodeError::Truncated
        } else {
            DecodeError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    })
}

/// serde's (English) complaint about a misshapen document, in German for the user.
fn german(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let quoted = |rest: &str| rest.split('`').next().unwrap_or_default().to_string();
    if let Some(rest) = text.strip_prefix("missing field `") {
        format!("Angabe „{}“ fehlt", quoted(rest))
    } else if let Some(rest) = text.strip_prefix("duplicate field `") {
        format!("Angabe „{}“ doppelt", quoted(rest))
    } else if let Some(rest) = text.strip_prefix("unknown variant `") {
        format!("unbekannter Wert „{}“", quoted(rest))
    } else if text.starts_with("invalid type") {
        "eine Angabe hat den falschen Typ".into()
    } else if text.starts_with("invalid value") || text.starts_with("invalid length") {
        "eine Angabe hat einen ungültigen Wert".into()
    } else {
        "unerwarteter Aufbau".into()
    }
}

/// Reads a stored document, migrating older formats.
pub fn decode(raw: &str, guide_id: &str) -> Result<Workspace, DecodeError> {
    let value = migrate(parse_json(raw)?, KIND)?;
    let ws: Workspace =
        serde_json::from_value(value).map_err(|e| DecodeError::Invalid(german(&e)))?;
    if ws.guide != guide_id {
        return Err(DecodeError::OtherGuide(ws.guide));
    }
    if ws.states.is_empty() {
        return Err(DecodeError::Invalid("keine Arbeitsstände enthalten".into()));
    }
    if ws.states.len() + ws.deleted.len() > MAX_STATES {
        return Err(DecodeError::Invalid(format!(
            "{} Arbeitsstände sind mehr, als ein Mensch anlegt",
            ws.states.len() + ws.deleted.len()
        )));
    }
    Ok(ws)
}

/// Reads an export file.
pub fn decode_export(raw: &str, guide_id: &str) -> Result<Export, DecodeError> {
    let value = parse_json(raw)?;
    // A whole stored document is not an export; say so rather than "not ours".
    if value.get("kind").and_then(Value::as_str) == Some(KIND) {
        return Err(DecodeError::Invalid(
            "das ist ein ganzer Browser-Speicher, kein exportierter Arbeitsstand".into(),
        ));
    }
    let value = migrate(value, EXPORT_KIND)?;
    let export: Export =
        serde_json::from_value(value).map_err(|e| DecodeError::Invalid(german(&e)))?;
    if export.guide.id != guide_id {
        return Err(DecodeError::OtherGuide(export.guide.id));
    }
    Ok(export)
}

/// Brings a document of any known format up to `FORMAT`, one step at a time.
pub fn migrate(mut value: Value, kind: &str) -> Result<Value, DecodeError> {
    let Some(obj) = value.as_object() else {
        return Err(DecodeError::NotOurs);
    };
    if obj.get("kind").and_then(Value::as_str) != Some(kind) {
        return Err(DecodeError::NotOurs);
    }
    let format = obj
        .get("format")
        .and_then(Value::as_u64)
        .ok_or_else(|| DecodeError::Invalid("Angabe „format“ fehlt".into()))?;
    if format > u64::from(FORMAT) {
        return Err(DecodeError::Newer(format.min(u64::from(u32::MAX)) as u32));
    }
    let mut format = format as u32;
    while format < FORMAT {
        value = match (kind, format) {
            (KIND, 0) => stored_from_format_0(value)?,
            (EXPORT_KIND, 0) => {
                let mut v = value;
                v["format"] = Value::from(1);
                v
            }
            _ => return Err(DecodeError::Invalid(format!("unbekanntes Format {format}"))),
        };
        format += 1;
    }
    Ok(value)
}

/// Format 0 (the first drafts) stored a single work state as `progress`, with no list.
fn stored_from_format_0(value: Value) -> Result<Value, DecodeError> {
    let mut obj = value.as_object().cloned().unwrap_or_default();
    let progress = obj
        .remove("progress")
        .ok_or_else(|| DecodeError::Invalid("Angabe „progress“ fehlt".into()))?;
    obj.insert("format".into(), Value::from(1));
    obj.insert("active".into(), Value::from("1"));
    obj.insert(
        "states".into(),
        serde_json::json!([{ "id": "1", "progress": progress }]),
    );
    Ok(Value::Object(obj))
}
