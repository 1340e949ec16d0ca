//! What the app asks the documents worker (`src/bin/dokumente.rs`) to write: a Document in
//! a format, sent as JSON, and the bytes that come back. Plain Rust, tested natively.
//!
//! The app only builds and serialises a `Job`; `run` (and so every writer: .docx, .odt,
//! zip, HTML, Markdown, text) is called only by the worker, so none of it is in the app's
//! wasm.

use serde::{Deserialize, Serialize};

use super::Document;
use super::html::Credits;

/// A file format the worker writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// Word (WordprocessingML).
    Docx,
    /// OpenDocument text (LibreOffice, openDesk).
    Odt,
    /// The self-contained web page to publish.
    Html,
    /// Markdown (a download, or text to copy).
    Markdown,
    /// Plain text to copy.
    Text,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Odt => "application/vnd.oasis.opendocument.text",
            Format::Html => "text/html;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Text => "text/plain;charset=utf-8",
        }
    }

    /// What the user gets, in words: „die Word-Datei“.
    pub fn label(self) -> &'static str {
        match self {
            Format::Docx => "die Word-Datei",
            Format::Odt => "die OpenDocument-Datei",
            Format::Html => "die Webseite",
            Format::Markdown => "der Markdown-Text",
            Format::Text => "der Text",
        }
    }
}

/// One request to the worker. `id` pairs the answer with its request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: u32,
    pub format: Format,
    pub document: Document,
    /// For the web page's footer; office files do not use it.
    #[serde(default)]
    pub credits: Credits,
}

impl Job {
    /// The job as the JSON text the worker reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a job always serialises")
    }
}

/// The worker's side: reads a job's JSON and writes the file. Returns the job's id (0 if
/// the text is no job) and the bytes, or why there are none.
pub fn run(json: &str) -> (u32, Result<Vec<u8>, String>) {
    let job: Job = match serde_json::from_str(json) {
        Ok(job) => job,
        Err(e) => {
            // Still answer the right request if at least the id can be read.
            let id = serde_json::from_str::<serde_json::Value>(json)
                .ok()
                .and_then(|v| v.get("id")?.as_u64())
                .and_then(|id| u32::try_from(id).ok())
                .unwrap_or(0);
            return (id, Err(format!("Der Auftrag ist nicht lesbar ({e}).")));
        }
    };
    let bytes = match job.format {
        Format::Docx => super::docx::write(&job.document),
        Format::Odt => super::odt::write(&job.document),
        Format::Html => super::html::write(&job.document, &job.credits).into_bytes(),
        Format::Markdown => super::markdown::write(&job.document).into_bytes(),
        Format::Text => super::text::write(&job.document).into_bytes(),
    };
    (job.id, Ok(bytes))
}
