//! The saved document: every work state of one guide in one browser, in a versioned
//! envelope. Decoding never panics and tells the user in plain German what is wrong.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::progress::{FORMAT, Progress};

/// Marks a document as ours, so a foreign JSON file is recognised as such.
pub const KIND: &str = "leitfaden-arbeitsstand";

/// Documents larger than this are refused before parsing (a work state is a few KB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkState {
    pub id: String,
    pub progress: Progress,
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
        }
    }

    pub fn active(&self) -> &Progress {
        let i = self.active_index();
        &self.states[i].progress
    }

    pub fn active_mut(&mut self) -> &mut Progress {
        let i = self.active_index();
        &mut self.states[i].progress
    }

    fn active_index(&self) -> usize {
        self.states
            .iter()
            .position(|s| s.id == self.active)
            .unwrap_or(0)
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("a workspace always serialises")
    }
}

/// Why saved data could not be read. Each says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    TooLarge(usize),
    NotJson { line: usize, column: usize },
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
                "Die Daten sind mit {} KB viel zu groß für einen Arbeitsstand. Vermutlich ist es die falsche Datei.",
                n / 1024
            ),
            DecodeError::NotJson { line, column } => format!(
                "Die Daten sind beschädigt oder unvollständig (Zeile {line}, Spalte {column} ist nicht lesbar)."
            ),
            DecodeError::NotOurs => {
                "Das ist kein Arbeitsstand dieses Leitfadens, sondern eine andere Datei.".into()
            }
            DecodeError::OtherGuide(id) => {
                format!("Dieser Arbeitsstand gehört zu einem anderen Leitfaden („{id}“).")
            }
            DecodeError::Newer(f) => format!(
                "Diese Daten stammen aus einer neueren Version der Anwendung (Format {f}, diese Version kennt Format {FORMAT}). Bitte laden Sie die Seite neu oder nutzen Sie die neuere Version. Die Daten bleiben unverändert."
            ),
            DecodeError::Invalid(detail) => {
                format!("Die Daten haben nicht die erwartete Form ({detail}).")
            }
        }
    }
}

/// Reads a saved or imported document, migrating older formats.
pub fn decode(raw: &str, guide_id: &str) -> Result<Workspace, DecodeError> {
    if raw.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge(raw.len()));
    }
    let value: Value = serde_json::from_str(raw).map_err(|e| DecodeError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let value = migrate(value)?;
    let ws: Workspace =
        serde_json::from_value(value).map_err(|e| DecodeError::Invalid(e.to_string()))?;
    if ws.guide != guide_id {
        return Err(DecodeError::OtherGuide(ws.guide));
    }
    if ws.states.is_empty() {
        return Err(DecodeError::Invalid("keine Arbeitsstände enthalten".into()));
    }
    Ok(ws)
}

/// Brings a document of any known format up to `FORMAT`, one step at a time.
pub fn migrate(mut value: Value) -> Result<Value, DecodeError> {
    let Some(obj) = value.as_object() else {
        return Err(DecodeError::NotOurs);
    };
    if obj.get("kind").and_then(Value::as_str) != Some(KIND) {
        return Err(DecodeError::NotOurs);
    }
    let format = obj
        .get("format")
        .and_then(Value::as_u64)
        .ok_or_else(|| DecodeError::Invalid("Feld „format“ fehlt".into()))?;
    if format > u64::from(FORMAT) {
        return Err(DecodeError::Newer(format.min(u64::from(u32::MAX)) as u32));
    }
    let mut format = format as u32;
    while format < FORMAT {
        value = match format {
            0 => from_format_0(value)?,
            _ => return Err(DecodeError::Invalid(format!("unbekanntes Format {format}"))),
        };
        format += 1;
    }
    Ok(value)
}

/// Format 0 (the earliest drafts) held a single work state as `progress` with no list.
fn from_format_0(value: Value) -> Result<Value, DecodeError> {
    let mut obj = value.as_object().cloned().unwrap_or_default();
    let progress = obj
        .remove("progress")
        .ok_or_else(|| DecodeError::Invalid("Feld „progress“ fehlt".into()))?;
    obj.insert("format".into(), Value::from(1));
    obj.insert("active".into(), Value::from("1"));
    obj.insert(
        "states".into(),
        serde_json::json!([{ "id": "1", "progress": progress }]),
    );
    Ok(Value::Object(obj))
}
