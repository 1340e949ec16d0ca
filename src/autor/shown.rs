//! What the author page shows of a check, as HTML made in the author worker: the count (a
//! status line), the messages with German headings, and what the page needs to go on.
//!
//! The worker renders it so that the app's own wasm carries neither the outcome's types nor
//! their views; the page sets the two texts as inner HTML. Every text is escaped.

use serde::{Deserialize, Serialize};

use super::{GuideInfo, Outcome};
use crate::html::escape;
use crate::text;

/// An outcome as the page takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    /// The count and verdict, or why nothing could be checked (for the status region).
    pub summary: String,
    /// Every message and the closing lines of `leitfaden check` (empty without a check).
    pub messages: String,
    pub errors: usize,
    /// The guide bundle, when there are no errors: preview and single file need it.
    pub bundle: Option<String>,
    pub guide: Option<GuideInfo>,
}

impl Outcome {
    pub fn shown(self) -> Shown {
        Shown {
            summary: summary(&self),
            messages: messages(&self),
            errors: self.errors,
            guide: self.guide,
            bundle: self.bundle,
        }
    }
}

fn summary(o: &Outcome) -> String {
    if !o.problems.is_empty() {
        let items: String = o
            .problems
            .iter()
            .map(|p| format!("<li>{}</li>", escape(p)))
            .collect();
        return format!(
            "<div class=\"banner warning autor-probleme\"><p><strong>Diese Auswahl kann nicht geprüft werden:</strong></p><ul>{items}</ul></div>"
        );
    }
    let folder = match o.prefix.trim_end_matches('/') {
        "" => String::new(),
        f => format!(" in „{}“", escape(f)),
    };
    let verdict = if o.errors > 0 {
        "Beheben Sie die Fehler und prüfen Sie erneut; dann sind Vorschau und Speichern möglich."
    } else {
        "Keine Fehler: Vorschau und Speichern sind möglich."
    };
    let mut out = format!(
        "<p class=\"autor-zahlen\"><strong>Geprüft: {}{folder}. {}, {}.</strong> {verdict}</p>",
        text::counted_digits(o.files as u64, "Datei", "Dateien"),
        text::counted_digits(o.errors as u64, "Fehler", "Fehler"),
        text::counted_digits(o.warnings as u64, "Warnung", "Warnungen"),
    );
    if !o.skipped.is_empty() {
        let items: String = o
            .skipped
            .iter()
            .map(|s| format!("<li>{}</li>", escape(s)))
            .collect();
        out.push_str(&format!(
            "<details class=\"autor-uebersprungen\"><summary>Nicht geprüft: {}</summary><ul>{items}</ul></details>",
            text::counted_digits(o.skipped.len() as u64, "Datei", "Dateien")
        ));
    }
    out
}

fn messages(o: &Outcome) -> String {
    if !o.problems.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h3 class=\"visually-hidden\">Meldungen der Prüfung</h3><ol class=\"autor-meldungen\">",
    );
    for m in &o.messages {
        let (kind, class) = if m.error {
            ("Fehler", "fehler")
        } else {
            ("Warnung", "warnung")
        };
        out.push_str(&format!(
            "<li class=\"autor-meldung {class}\"><p class=\"autor-wo\"><strong>{kind}</strong> in {}, Zeile {}, Spalte {}</p><pre class=\"autor-text\" tabindex=\"0\">{}</pre></li>",
            escape(&format!("{}{}", o.prefix, m.file)),
            m.line,
            m.col,
            escape(m.text.trim_end())
        ));
    }
    out.push_str(&format!(
        "</ol><pre class=\"autor-schluss\" tabindex=\"0\">{}</pre>",
        escape(o.tail.trim_end())
    ));
    out
}
