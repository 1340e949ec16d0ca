//! The export file of one work state: stamped with the guide it was made with, shown as a
//! preview before anything changes, and added on import as a new work state.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::guide::Guide;
use crate::progress::{Progress, Status};
use crate::saved::{self, DecodeError, EXPORT_KIND, FORMAT, KIND};
use crate::workspace::Workspace;

/// Which guide an export was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideStamp {
    pub id: String,
    pub version: String,
    pub fingerprint: String,
}

/// One work state as it travels in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub guide: GuideStamp,
    /// When it was exported (ISO 8601).
    pub exported: String,
    pub progress: Progress,
}

/// The file as written: the envelope around an `Export`.
#[derive(Serialize, Deserialize)]
struct File {
    kind: String,
    format: u32,
    guide: GuideStamp,
    exported: String,
    progress: Progress,
}

/// The export file for work state `id` of `ws`.
pub fn export(ws: &Workspace, id: &str, guide: &Guide, now_iso: &str) -> Option<String> {
    let state = ws.state(id)?;
    Some(encode(&Export {
        guide: GuideStamp {
            id: guide.id.clone(),
            version: guide.version.clone(),
            fingerprint: guide.fingerprint.clone(),
        },
        exported: now_iso.into(),
        progress: state.progress.clone(),
    }))
}

/// The file for an export.
pub fn encode(export: &Export) -> String {
    let file = File {
        kind: EXPORT_KIND.into(),
        format: FORMAT,
        guide: export.guide.clone(),
        exported: export.exported.clone(),
        progress: export.progress.clone(),
    };
    serde_json::to_string_pretty(&file).expect("an export always serialises")
}

/// Reads an export file from its bytes, as picked by the user: a file that is too large
/// or no text is refused with its real size and what it looks like.
pub fn decode_file(bytes: &[u8], guide_id: &str) -> Result<Export, DecodeError> {
    decode(saved::text_of(bytes)?, guide_id)
}

/// Reads an export file.
pub fn decode(raw: &str, guide_id: &str) -> Result<Export, DecodeError> {
    let value = saved::parse_json(raw)?;
    // A whole stored document is not an export; say so rather than "not ours".
    if value.get("kind").and_then(Value::as_str) == Some(KIND) {
        return Err(DecodeError::Invalid(
            "das ist ein ganzer Browser-Speicher, kein exportierter Arbeitsstand".into(),
        ));
    }
    let file: File = saved::read_parsed(raw, value, EXPORT_KIND)?;
    if file.guide.id != guide_id {
        return Err(DecodeError::OtherGuide(file.guide.id));
    }
    let mut progress = file.progress;
    // A file can hold anything: make it what the app itself would have written.
    progress.sanitize();
    Ok(Export {
        guide: file.guide,
        exported: file.exported,
        progress,
    })
}

/// What an import file holds, shown before anything changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub name: String,
    pub profile: String,
    pub done: usize,
    pub notes: usize,
    /// Steps and tasks with an owner or a due date.
    pub planned: usize,
    /// Snapshots („Zwischenstände“).
    pub snapshots: usize,
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
            planned: p.plans.len(),
            snapshots: p.snapshots.len(),
            guide_version: self.guide.version.clone(),
            exported: self.exported.clone(),
            same_guide_content: self.guide.fingerprint == guide.fingerprint,
        }
    }
}

/// The export of work state `id` of `ws`, as `export` writes it (for its text form).
pub fn of_state(ws: &Workspace, id: &str, guide: &Guide, now_iso: &str) -> Option<Export> {
    let state = ws.state(id)?;
    Some(Export {
        guide: GuideStamp {
            id: guide.id.clone(),
            version: guide.version.clone(),
            fingerprint: guide.fingerprint.clone(),
        },
        exported: now_iso.into(),
        progress: state.progress.clone(),
    })
}

/// The export file without whitespace, for the text form of a work state (`transfer`).
pub fn encode_compact(export: &Export) -> String {
    let file = File {
        kind: EXPORT_KIND.into(),
        format: FORMAT,
        guide: export.guide.clone(),
        exported: export.exported.clone(),
        progress: export.progress.clone(),
    };
    serde_json::to_string(&file).expect("an export always serialises")
}
