//! The stored format: the envelope around the work states in the browser and around an
//! exported work state, its version, every migration from older versions, and decoding
//! that never panics and says in plain German what is wrong.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::workspace::{Deleted, Invalid, WorkState, Workspace};

/// The stored format's version. Raise it with a migration in `migrate`.
/// 1: work states in a list. 2: each field of a work state stamped on its own; step
/// entries know which tab changed them and keep texts an edit at the same time replaced.
/// 3: a work state has an origin, owners and due dates, targets, a review date and
/// snapshots. All of it is new and optional, so a format 2 document reads as it is (its
/// work states get their origin from the tab that opens it); the number is raised so that
/// an older version of the app refuses format 3 instead of saving it without them.
pub const FORMAT: u32 = 3;
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
    let stored: Stored = read(raw, KIND)?;
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
    /// The data's size in bytes.
    TooLarge(usize),
    /// A file that is not text at all: what it looks like, and its size in bytes.
    NotText {
        kind: &'static str,
        size: usize,
    },
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
                "Die Datei ist mit {} viel zu groß für einen Arbeitsstand (höchstens {}). Vermutlich ist es die falsche Datei.",
                crate::text::size(*n),
                crate::text::size(MAX_BYTES)
            ),
            DecodeError::NotText { kind, size } => format!(
                "Das ist {kind} ({}), keine Textdatei – also kein Arbeitsstand. Wählen Sie die Datei, die „Exportieren“ erstellt hat; ihr Name endet auf „.json“.",
                crate::text::size(*size)
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

/// What a file's first bytes say it is, for files that are no text: `None` for text.
pub(crate) fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: [(&[u8], &str); 8] = [
        (b"%PDF", "eine PDF-Datei"),
        (b"PK\x03\x04", "ein ZIP-Archiv oder ein Office-Dokument"),
        (b"\x89PNG", "ein PNG-Bild"),
        (b"\xff\xd8\xff", "ein JPEG-Bild"),
        (b"GIF8", "ein GIF-Bild"),
        (b"\xd0\xcf\x11\xe0", "ein älteres Office-Dokument"),
        (b"\xff\xfe", "eine Textdatei in UTF-16"),
        (b"\xfe\xff", "eine Textdatei in UTF-16"),
    ];
    if let Some((_, kind)) = KINDS.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    std::str::from_utf8(bytes)
        .is_err()
        .then_some("eine Datei mit Binärdaten")
}

/// The text of a file's bytes, or why it is not the text of a work state: too large, or
/// not text at all (then what it looks like). Sizes are the file's, in bytes.
pub fn text_of(bytes: &[u8]) -> Result<&str, DecodeError> {
    if bytes.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge(bytes.len()));
    }
    if let Some(kind) = sniff(bytes) {
        return Err(DecodeError::NotText {
            kind,
            size: bytes.len(),
        });
    }
    let text = std::str::from_utf8(bytes).expect("sniff accepts only UTF-8");
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
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

/// Parses the document `raw` of kind `kind`, brings it up to `FORMAT` and deserialises it;
/// a misshapen one gets a German message that names the field and the work state it is in.
///
/// serde_json reports where in the text it failed; `path_at` finds the field there. (A
/// path-tracking deserialiser would know it directly, but it doubles the code that reads
/// the stored types, and that code is in what every first visit downloads.)
fn read<T: serde::de::DeserializeOwned>(raw: &str, kind: &str) -> Result<T, DecodeError> {
    read_parsed(raw, parse_json(raw)?, kind)
}

/// `read`, for a caller that has parsed `raw` into `value` already.
pub(crate) fn read_parsed<T: serde::de::DeserializeOwned>(
    raw: &str,
    value: Value,
    kind: &str,
) -> Result<T, DecodeError> {
    let current = value.get("format").and_then(Value::as_u64) == Some(u64::from(FORMAT));
    let value = migrate(value, kind)?;
    // A document in the current format is read as it is; a migrated one as it is now.
    let migrated;
    let text = if current {
        raw
    } else {
        migrated = value.to_string();
        &migrated
    };
    serde_json::from_str(text).map_err(|e| {
        let place = place(&value, &path_at(text, offset(text, e.line(), e.column())));
        let what = german(&e);
        DecodeError::Invalid(if place.is_empty() {
            what
        } else {
            format!("{place}: {what}")
        })
    })
}

/// The byte offset of serde_json's `line` and `column` (both from 1; the column counts
/// bytes) in `text`.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The path to where the JSON `text` stands after its first `at` bytes: the key or index
/// of each object and list it is in, outermost first. Within an object, the key last
/// read counts until the next comma, so a value that failed is named by its key; a
/// closed object or list is left. `text` has been parsed as JSON already.
fn path_at(text: &str, at: usize) -> Vec<String> {
    enum Frame {
        Object(Option<String>),
        List(usize),
    }
    let bytes = &text.as_bytes()[..at.min(text.len())];
    let mut stack = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i;
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                if let Some(Frame::Object(key @ None)) = stack.last_mut() {
                    let quoted = text.get(start..=i).unwrap_or_default();
                    *key = Some(serde_json::from_str(quoted).unwrap_or_default());
                }
            }
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::List(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => *key = None,
                Some(Frame::List(n)) => *n += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    stack
        .into_iter()
        .filter_map(|f| match f {
            Frame::Object(key) => key,
            Frame::List(n) => Some(n.to_string()),
        })
        .collect()
}

/// Where in a document a path points, in words: „Arbeitsstand 2 („Musterstadt“), Schritt
/// „willkommen“, bei „status““ (field names as stored, so the file can be checked). Wrapper levels (`progress`, `answers`) are left out.
fn place(doc: &Value, segments: &[String]) -> String {
    let name_of = |v: Option<&Value>| {
        v.and_then(|v| {
            v.pointer("/progress/name")
                .or_else(|| v.pointer("/state/progress/name"))
        })
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .map(|n| format!(" („{n}“)"))
        .unwrap_or_default()
    };
    let mut parts = Vec::new();
    let mut rest = segments.iter();
    while let Some(seg) = rest.next() {
        match seg.as_str() {
            list @ ("states" | "deleted") => {
                let Some(n) = rest.next() else {
                    parts.push(format!("bei „{list}“"));
                    break;
                };
                let k = n.parse::<usize>().unwrap_or(0);
                let item = doc.get(list).and_then(|l| l.get(k));
                let label = if list == "states" {
                    "Arbeitsstand"
                } else {
                    "gelöschter Arbeitsstand"
                };
                parts.push(format!("{label} {}{}", k + 1, name_of(item)));
            }
            "steps" => match rest.next() {
                Some(id) => parts.push(format!("Schritt „{id}“")),
                None => parts.push("bei „steps“".into()),
            },
            "profile" | "decisions" => match rest.next() {
                Some(id) => parts.push(format!("Antwort auf „{id}“")),
                None => parts.push(format!("bei „{seg}“")),
            },
            "plans" => match rest.next() {
                Some(key) => parts.push(format!("Zuständigkeit und Termin für „{key}“")),
                None => parts.push("bei „plans“".into()),
            },
            "targets" => match rest.next() {
                Some(id) => parts.push(format!("Ziel für „{id}“")),
                None => parts.push("bei „targets“".into()),
            },
            "snapshots" => match rest.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(k) => parts.push(format!("Zwischenstand {}", k + 1)),
                None => parts.push("bei „snapshots“".into()),
            },
            "progress" | "state" | "answers" => {}
            index if index.parse::<usize>().is_ok() => {}
            field => parts.push(format!("bei „{field}“")),
        }
    }
    parts.join(", ")
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
    } else if text.starts_with("invalid type") || text.starts_with("expected value") {
        // „expected value“: what serde_json says of a number or list where a word such as
        // a status belongs.
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
            (EXPORT_KIND, 0) => value,
            (KIND, 1) => stored_from_format_1(value),
            (EXPORT_KIND, 1) => {
                let mut v = value;
                if let Some(p) = v.get_mut("progress") {
                    progress_from_format_1(p);
                }
                v
            }
            // Format 3 only adds optional parts (see `FORMAT`).
            (KIND | EXPORT_KIND, 2) => value,
            _ => return Err(DecodeError::Invalid(format!("unbekanntes Format {format}"))),
        };
        format += 1;
        value["format"] = Value::from(format);
    }
    Ok(value)
}

/// Format 1 stamped name, answers, intake and position of a work state together
/// (`edited`); format 2 stamps each on its own. Every field takes the old stamp.
fn stored_from_format_1(mut value: Value) -> Value {
    for list in ["states", "deleted"] {
        if let Some(items) = value.get_mut(list).and_then(Value::as_array_mut) {
            for item in items {
                let progress = if list == "states" {
                    item.get_mut("progress")
                } else {
                    item.pointer_mut("/state/progress")
                };
                if let Some(p) = progress {
                    progress_from_format_1(p);
                }
            }
        }
    }
    value
}

fn progress_from_format_1(progress: &mut Value) {
    let Some(p) = progress.as_object_mut() else {
        return;
    };
    let Some(edited) = p.remove("edited").and_then(|e| e.as_u64()) else {
        return;
    };
    let mut stamps = serde_json::Map::new();
    for key in ["name", "intake", "current"] {
        stamps.insert(key.into(), Value::from(edited));
    }
    for (map, prefix) in [("profile", "q"), ("decisions", "d")] {
        if let Some(answers) = p
            .get("answers")
            .and_then(|a| a.get(map))
            .and_then(Value::as_object)
        {
            for id in answers.keys() {
                stamps.insert(format!("{prefix}:{id}"), Value::from(edited));
            }
        }
    }
    p.insert("stamps".into(), Value::Object(stamps));
}

/// Format 0 (the first drafts) stored a single work state as `progress`, with no list.
fn stored_from_format_0(value: Value) -> Result<Value, DecodeError> {
    let mut obj = value.as_object().cloned().unwrap_or_default();
    let progress = obj
        .remove("progress")
        .ok_or_else(|| DecodeError::Invalid("Angabe „progress“ fehlt".into()))?;
    obj.insert("active".into(), Value::from("1"));
    obj.insert(
        "states".into(),
        serde_json::json!([{ "id": "1", "progress": progress }]),
    );
    Ok(Value::Object(obj))
}
