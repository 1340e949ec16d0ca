//! The stored format: the envelope around the work states in the browser and around an
//! exported work state, its version, every migration from older versions, and decoding
//! that never panics and says in plain German what is wrong.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::workspace::{Deleted, Invalid, WorkState, Workspace};

/// The stored format's version. Raise it with a migration in `migrate`.
pub const FORMAT: u32 = 1;
/// Marks a stored document as ours.
pub const KIND: &str = "leitfaden-arbeitsstand";
/// Marks an exported work state.
pub const EXPORT_KIND: &str = "leitfaden-export";

/// Documents larger than this are refused before parsing (a work state is a few KB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// More work states than this in one document is not something a person made.
pub const MAX_STATES: usize = 500;

/// The browser's stored document as written.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    kind: String,
    format: u32,
    guide: String,
    active: String,
    states: Vec<WorkState>,
    #[serde(default)]
    deleted: Vec<Deleted>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    restored: BTreeMap<String, u64>,
}

/// The stored document for a workspace.
pub fn encode(ws: &Workspace) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        kind: &'a str,
        format: u32,
        guide: &'a str,
        active: &'a str,
        states: &'a [WorkState],
        deleted: &'a [Deleted],
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        restored: &'a BTreeMap<String, u64>,
    }
    serde_json::to_string(&Out {
        kind: KIND,
        format: FORMAT,
        guide: ws.guide_id(),
        active: ws.active_id(),
        states: ws.states(),
        deleted: ws.deleted(),
        restored: ws.restored(),
    })
    .expect("a workspace always serialises")
}

/// Reads a stored document, migrating older formats.
pub fn decode(raw: &str, guide_id: &str) -> Result<Workspace, DecodeError> {
    let value = migrate(parse_json(raw)?, KIND)?;
    let stored: Stored =
        serde_json::from_value(value).map_err(|e| DecodeError::Invalid(german(&e)))?;
    if stored.guide != guide_id {
        return Err(DecodeError::OtherGuide(stored.guide));
    }
    if stored.states.len() + stored.deleted.len() > MAX_STATES {
        return Err(DecodeError::Invalid(format!(
            "{} Arbeitsstände sind mehr, als ein Mensch anlegt",
            stored.states.len() + stored.deleted.len()
        )));
    }
    Workspace::from_parts(
        stored.guide,
        stored.active,
        stored.states,
        stored.deleted,
        stored.restored,
    )
    .map_err(|e| {
        DecodeError::Invalid(match e {
            Invalid::NoStates => "keine Arbeitsstände enthalten".into(),
            Invalid::DuplicateId => "zwei Arbeitsstände mit derselben Kennung".into(),
        })
    })
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

pub(crate) fn parse_json(raw: &str) -> Result<Value, DecodeError> {
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
pub(crate) fn german(e: &serde_json::Error) -> String {
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
