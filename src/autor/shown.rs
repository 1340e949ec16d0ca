//! What the author page shows of a check, as HTML made in the author worker: the count (a
//! status line), the messages with German headings, and what the page needs to go on.
//!
//! The worker renders it so that the app's own wasm carries neither the outcome's types nor
//! their views; the page sets the two texts as inner HTML. Every text is escaped.

use super::{GuideInfo, Outcome};
use crate::html::escape;
use crate::text;

/// An outcome as the page takes it.
#[derive(Debug, Clone, PartialEq)]
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

/// The page's fixed texts, as HTML: set as inner HTML, they cost the app's wasm only their
/// bytes (as views, every element would be code). Above the buttons: what the page does,
/// the template, and how to choose.
pub const INTRO: &str = "<h1>Leitfaden anpassen</h1>\
<p class=\"lead\">Passen Sie diesen Leitfaden für Ihren Kreis, Ihr Land oder Ihren Verband an: eigene Beispiele, das Recht Ihres Landes, Ihre Ansprechpersonen. Sie brauchen nur einen Texteditor. Diese Seite prüft Ihre Dateien, zeigt Ihren Leitfaden in einer Vorschau und speichert ihn als eine Datei für Ihre Kommunen. Ihre Dateien bleiben auf Ihrem Rechner; nichts wird hochgeladen.</p>\
<h2>1. Vorlage herunterladen</h2>\
<p>Die Vorlage enthält alle Textdateien des mitgelieferten Leitfadens und eine kurze Anleitung („LIESMICH.txt“). Entpacken Sie sie und ändern Sie die Dateien mit einem Texteditor.</p>\
<p><a class=\"button secondary\" href=\"leitfaden-vorlage.zip\" download=\"leitfaden-vorlage.zip\">Mitgelieferten Leitfaden als Vorlage herunterladen</a></p>\
<h2>2. Ordner prüfen</h2>\
<p>Wählen Sie den Ordner Ihres Leitfadens (den Ordner, in dem „leitfaden.ron“ liegt) oder eine ZIP-Datei mit ihm. Die Prüfung liest jede Datei und geht jeden möglichen Weg durch den Leitfaden. Jede Meldung nennt Datei, Zeile und Spalte, zeigt die Zeile und gibt einen Hinweis.</p>";

/// Above „Vorschau öffnen“.
pub const PREVIEW: &str = "<h2>3. Vorschau</h2>\
<p>Die Vorschau zeigt Ihren Leitfaden so, wie Ihre Kommunen ihn sehen werden, in einem eigenen Tab mit eigenem Speicher: mit den Beispielkommunen, dem Wechsel des Profils und dem Vergleich zweier Profile. Ihre echten Eingaben in diesem Browser bleiben unberührt. Die Vorschau ist möglich, sobald die Prüfung keine Fehler mehr findet.</p>";

/// Above „Als Datei für Ihre Kommunen speichern“.
pub const SHIP: &str = "<h2>4. Für Ihre Kommunen speichern</h2>\
<p>Speichert die ganze App mit Ihrem Leitfaden als eine HTML-Datei. Sie öffnet sich per Doppelklick in Chrome, Edge und Firefox, ohne Server und ohne Internet; Sie können sie per E-Mail oder auf einem USB-Stick an Ihre Kommunen geben. Die Fortschritte bleiben im Browser der jeweiligen Kommune.</p>";

/// The page in the single file (or from file://), which cannot start the worker.
pub const UNAVAILABLE: &str = "<h1>Leitfaden anpassen</h1>\
<p class=\"lead\">In dieser Datei ist „Leitfaden anpassen“ nicht enthalten: Die Prüfung eines angepassten Leitfadens ist ein eigenes Programm, das die Web-Version des Leitfadens erst lädt, wenn jemand diese Seite öffnet. Eine einzelne Datei, die ohne Server geöffnet wird, kann es nicht nachladen.</p>\
<p>Öffnen Sie zum Anpassen die Web-Version des Leitfadens (die Adresse, unter der Ihr Kreis oder Land ihn veröffentlicht) und dort „Leitfaden anpassen“. Alles andere funktioniert in dieser Datei wie in der Web-Version.</p>";

/// The warning while an author's guide still has the bundled guide's id.
pub fn same_id(id: &str) -> String {
    format!(
        "<p class=\"banner warning autor-kennung\">Ihr Leitfaden hat noch die Kennung des mitgelieferten („{}“). \
         Geben Sie ihm in leitfaden.ron eine eigene <code>id</code> (z. B. „open-government-kreis-musterland“): \
         Sonst gelten Arbeitsstände und Exportdateien des mitgelieferten Leitfadens auch für Ihren, und beide \
         teilen sich den Speicher im Browser.</p>",
        escape(id)
    )
}
