//! „Leitfaden anpassen“, as plain Rust: the files an author chose (a folder or a .zip) →
//! the full author check with the messages exactly as `leitfaden check` prints them, and
//! the guide bundle for the preview and the single file.
//!
//! The author page's web worker (`src/bin/autor.rs`) runs `check` and renders what the
//! page shows (`shown`); the app itself sets that HTML and builds the single file (`ship`). `leitfaden site` writes the
//! template a Kreis starts from (`template_zip`). Nothing here touches the browser.

pub mod shown;
pub mod unzip;

use std::collections::BTreeMap;

use crate::guide::{Severity, bundle, load};

/// The largest guide file read (the bundled guide's largest is about 150 KB).
pub const MAX_FILE: u64 = 5 * 1024 * 1024;
/// The largest .zip read.
pub const MAX_ZIP: u64 = 50 * 1024 * 1024;
/// The most guide files checked at once.
pub const MAX_FILES: usize = 2000;
/// The file the single-file app for authors is made from (`scripts/build.sh`).
pub const SINGLE_FILE_TEMPLATE: &str = "leitfaden-einzeldatei.html";
/// The template for authors, written by `leitfaden site`.
pub const TEMPLATE_ZIP: &str = "leitfaden-vorlage.zip";
/// The folder inside the template zip.
pub const TEMPLATE_FOLDER: &str = "leitfaden-vorlage";
/// The note for authors inside the template zip.
pub const README: &str = "LIESMICH.txt";

/// One file as the browser gave it: its path below the chosen folder (with `/`), its size,
/// and its bytes when `wanted` asked for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub path: String,
    pub size: u64,
    pub bytes: Option<Vec<u8>>,
}

/// Whether the page should read a chosen file's bytes: guide files and a .zip, within
/// their limits. Everything else is only named (see `Outcome::skipped`).
pub fn wanted(path: &str, size: u64) -> bool {
    match kind(path) {
        Kind::Ron => size <= MAX_FILE,
        Kind::Zip => size <= MAX_ZIP,
        Kind::Noise | Kind::Other => false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ron,
    Zip,
    /// What operating systems put into folders and archives by themselves.
    Noise,
    Other,
}

fn kind(path: &str) -> Kind {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_lowercase();
    if path.split('/').any(|c| c == "__MACOSX")
        || name.starts_with("._")
        || matches!(lower.as_str(), ".ds_store" | "thumbs.db" | "desktop.ini")
    {
        Kind::Noise
    } else if lower.ends_with(".ron") {
        Kind::Ron
    } else if lower.ends_with(".zip") {
        Kind::Zip
    } else {
        Kind::Other
    }
}

/// What the author page shows after a check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Why the chosen files could not be checked at all (German); then nothing else is set.
    pub problems: Vec<String>,
    /// Files that were not checked, each with the reason (German).
    pub skipped: Vec<String>,
    /// The guide folder as the messages name it, e.g. `leitfaden-vorlage/`.
    pub prefix: String,
    /// How many guide files were checked.
    pub files: usize,
    /// Every error and warning, in the order `leitfaden check` prints them.
    pub messages: Vec<Message>,
    /// The lines `leitfaden check` prints after the messages (`Checked::tail`).
    pub tail: String,
    pub errors: usize,
    pub warnings: usize,
    /// The guide's id, title and version, when it could be read without errors.
    pub guide: Option<GuideInfo>,
    /// The guide bundle (`guide::bundle`), when there are no errors.
    pub bundle: Option<String>,
}

/// One message of the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub error: bool,
    /// The file (relative to the guide folder), line and column, for the German heading.
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// The message as `leitfaden check` prints it, ending with an empty line.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideInfo {
    pub id: String,
    pub title: String,
    pub version: String,
}

impl Outcome {
    fn problem(text: String) -> Outcome {
        Outcome {
            problems: vec![text],
            ..Outcome::default()
        }
    }

    /// Everything as `leitfaden check` on the guide folder prints it (its standard output
    /// with no errors, its error output with errors).
    pub fn printout(&self) -> String {
        let mut out: String = self.messages.iter().map(|m| m.text.as_str()).collect();
        out.push_str(&self.tail);
        out
    }
}

/// The full author check on what the author chose: `name` is the chosen folder's (or the
/// .zip's) name, `picked` its files. A single .zip is unpacked first. `clock` gives
/// milliseconds, for the time the check took (as `leitfaden check` prints it).
pub fn check(name: &str, picked: Vec<Picked>, clock: &dyn Fn() -> f64) -> Outcome {
    let (name, picked) = match unpack(name, picked) {
        Ok(unpacked) => unpacked,
        Err(problem) => return Outcome::problem(problem),
    };
    let found = match guide_files(&name, picked) {
        Ok(found) => found,
        Err(problems) => {
            return Outcome {
                problems,
                ..Outcome::default()
            };
        }
    };
    let started = clock();
    let checked = crate::check::check(&found.files);
    let ms = clock() - started;
    let messages = checked
        .report
        .diagnostics
        .iter()
        .zip(checked.messages(&found.prefix))
        .map(|(d, (severity, text))| Message {
            error: severity == Severity::Error,
            file: d.file.clone(),
            line: d.line,
            col: d.col,
            text,
        })
        .collect();
    let guide = checked.guide.as_ref().map(|g| GuideInfo {
        id: g.id.clone(),
        title: g.title.clone(),
        version: g.version.clone(),
    });
    let bundle = guide
        .as_ref()
        .and_then(|_| bundle::write(&found.files).ok());
    Outcome {
        problems: Vec::new(),
        skipped: found.skipped,
        files: found.files.len(),
        messages,
        tail: checked.tail(&found.prefix, ms),
        errors: checked.report.errors(),
        warnings: checked.report.warnings(),
        guide,
        bundle,
        prefix: found.prefix,
    }
}

/// A single .zip becomes its entries (named after the .zip without `.zip`); anything
/// else stays as it is.
fn unpack(name: &str, picked: Vec<Picked>) -> Result<(String, Vec<Picked>), String> {
    let zips: Vec<&Picked> = picked
        .iter()
        .filter(|p| kind(&p.path) == Kind::Zip)
        .collect();
    let [zip] = zips.as_slice() else {
        if zips.len() > 1 {
            return Err(format!(
                "Sie haben {} ZIP-Dateien gewählt; wählen Sie bitte eine ZIP-Datei oder den Ordner eines Leitfadens.",
                zips.len()
            ));
        }
        return Ok((name.to_string(), picked));
    };
    if picked.iter().any(|p| kind(&p.path) == Kind::Ron) {
        return Err(format!(
            "Sie haben Leitfaden-Dateien und die ZIP-Datei „{}“ zugleich gewählt; wählen Sie bitte nur das eine oder das andere.",
            zip.path
        ));
    }
    let Some(bytes) = &zip.bytes else {
        return Err(format!(
            "„{}“ ist {} groß; eine ZIP-Datei mit einem Leitfaden ist viel kleiner (höchstens {}).",
            zip.path,
            crate::text::size(zip.size as usize),
            crate::text::size(MAX_ZIP as usize)
        ));
    };
    let stem = zip.path.rsplit('/').next().unwrap_or(&zip.path);
    let stem = stem
        .get(..stem.len() - 4)
        .filter(|s| !s.is_empty())
        .unwrap_or(stem)
        .to_string();
    let entries =
        unzip::entries(bytes, MAX_FILE, wanted).map_err(|e| format!("„{}“: {e}", zip.path))?;
    let entries = entries
        .into_iter()
        .map(|e| Picked {
            path: e.path,
            size: e.size,
            bytes: e.bytes,
        })
        .collect();
    Ok((stem, entries))
}

/// The guide's files found among the chosen ones.
#[derive(Debug)]
struct Found {
    prefix: String,
    files: BTreeMap<String, String>,
    skipped: Vec<String>,
}

/// The guide folder is the one holding the shallowest `leitfaden.ron`; its `.ron` files
/// below it are the guide, as `leitfaden check` on that folder reads them.
fn guide_files(name: &str, picked: Vec<Picked>) -> Result<Found, Vec<String>> {
    let depth = |p: &str| p.matches('/').count();
    let mut entries: Vec<&Picked> = picked
        .iter()
        .filter(|p| kind(&p.path) == Kind::Ron)
        .filter(|p| p.path.rsplit('/').next() == Some(load::INDEX_FILE))
        .collect();
    entries.sort_by_key(|p| (depth(&p.path), p.path.clone()));
    let Some(first) = entries.first() else {
        let ron = picked.iter().filter(|p| kind(&p.path) == Kind::Ron).count();
        return Err(vec![if ron == 0 {
            format!(
                "Hier ist keine Datei eines Leitfadens (keine .ron-Datei{}). Wählen Sie den Ordner, in dem „{}“ liegt, oder eine ZIP-Datei mit diesem Ordner.",
                if picked.is_empty() {
                    ", der Ordner ist leer".to_string()
                } else {
                    format!(
                        ", nur {}",
                        crate::text::counted_digits(
                            picked.len() as u64,
                            "andere Datei",
                            "andere Dateien"
                        )
                    )
                },
                load::INDEX_FILE
            )
        } else {
            format!(
                "Hier fehlt die Datei „{}“, die die Kapitel eines Leitfadens aufzählt. Wählen Sie den Ordner, in dem sie liegt.",
                load::INDEX_FILE
            )
        }]);
    };
    let root_depth = depth(&first.path);
    let same: Vec<&str> = entries
        .iter()
        .filter(|p| depth(&p.path) == root_depth)
        .map(|p| p.path.as_str())
        .collect();
    if same.len() > 1 {
        return Err(vec![format!(
            "Hier liegen {} Leitfäden nebeneinander ({}). Wählen Sie bitte den Ordner eines einzelnen.",
            same.len(),
            same.join(", ")
        )]);
    }
    let root = first.path[..first.path.len() - load::INDEX_FILE.len()].to_string();
    let folder = root
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|f| !f.is_empty())
        .unwrap_or(name);
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };

    let mut files = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut problems = Vec::new();
    for p in &picked {
        let Some(rel) = p.path.strip_prefix(&root) else {
            if kind(&p.path) != Kind::Noise {
                skipped.push(format!(
                    "„{}“ liegt außerhalb des Leitfaden-Ordners.",
                    p.path
                ));
            }
            continue;
        };
        match kind(rel) {
            Kind::Noise => {}
            Kind::Zip | Kind::Other => {
                skipped.push(format!(
                    "„{rel}“ ist keine Datei des Leitfadens (keine .ron-Datei)."
                ));
            }
            Kind::Ron => match read_text(rel, p) {
                Ok(text) => {
                    files.insert(rel.to_string(), text);
                }
                Err(problem) => problems.push(problem),
            },
        }
    }
    if files.len() > MAX_FILES {
        problems.push(format!(
            "Der Ordner enthält {} .ron-Dateien; ein Leitfaden hat höchstens {MAX_FILES}. Wählen Sie bitte den Ordner des Leitfadens selbst.",
            files.len()
        ));
    }
    if problems.is_empty() {
        Ok(Found {
            prefix,
            files,
            skipped,
        })
    } else {
        Err(problems)
    }
}

/// A guide file's text, or why it cannot be one.
fn read_text(rel: &str, p: &Picked) -> Result<String, String> {
    let Some(bytes) = &p.bytes else {
        return Err(format!(
            "„{rel}“ ist {} groß; eine Datei eines Leitfadens hat höchstens {}.",
            crate::text::size(p.size as usize),
            crate::text::size(MAX_FILE as usize)
        ));
    };
    if let Some(kind) = crate::saved::sniff(bytes) {
        let hint = if kind.contains("UTF-16") {
            " Speichern Sie sie in Ihrem Editor als „UTF-8“."
        } else if kind.contains("Binärdaten") {
            " Speichern Sie sie in Ihrem Editor als „UTF-8“ (nicht als „ANSI“ oder „Windows-1252“)."
        } else {
            ""
        };
        let what = if kind.contains("Binärdaten") {
            "kein Text in UTF-8"
        } else {
            kind
        };
        return Err(format!(
            "„{rel}“ ist {what}, keine Textdatei eines Leitfadens.{hint}"
        ));
    }
    Ok(String::from_utf8(bytes.clone()).expect("sniff accepts only UTF-8"))
}

/// The single-file app (`SINGLE_FILE_TEMPLATE`) with this guide inside: `bundle` replaces
/// the embedded one, `title` the page title. The result opens from file:// like the file
/// `scripts/single-file.sh` makes, and its guide id is the bundle's.
pub fn ship(template: &str, bundle: &str, title: &str) -> Result<String, String> {
    const OPEN: &str = "<script type=\"application/json\" id=\"leitfaden-guide\">";
    let broken = |what: &str| {
        format!(
            "Die Vorlage der Einzeldatei ({SINGLE_FILE_TEMPLATE}) ist unvollständig: {what}. \
             Bauen Sie die Web-Version neu (scripts/build.sh)."
        )
    };
    if template.matches(OPEN).count() != 1 {
        return Err(broken("der Platz für den Leitfaden fehlt"));
    }
    let start = template.find(OPEN).expect("counted above") + OPEN.len();
    let end = start
        + template[start..]
            .find("</script>")
            .ok_or_else(|| broken("der Platz für den Leitfaden ist nicht geschlossen"))?;
    if template.contains(&format!("id=\"{}\"", crate::prerender::SHELL_ID)) {
        return Err(broken("sie zeigt noch den mitgelieferten Leitfaden vorab"));
    }
    let mut out = String::with_capacity(template.len() + bundle.len());
    out.push_str(&template[..start]);
    // As in scripts/single-file.mjs: no "<" in the JSON, so no text can end the script.
    out.push_str(&bundle.replace('<', "\\u003c"));
    out.push_str(&template[end..]);
    if let (Some(a), Some(b)) = (out.find("<title>"), out.find("</title>"))
        && a < b
    {
        out.replace_range(a + "<title>".len()..b, &crate::html::escape(title));
    }
    Ok(out)
}

/// The template authors start from: the guide's files in a folder `TEMPLATE_FOLDER`,
/// with a short German note for authors (`README`).
pub fn template_zip(files: &BTreeMap<String, String>, title: &str, version: &str) -> Vec<u8> {
    let mut zip = crate::document::zip::Zip::new();
    zip.add(
        &format!("{TEMPLATE_FOLDER}/{README}"),
        readme(title, version).as_bytes(),
    );
    for (name, text) in files {
        zip.add(&format!("{TEMPLATE_FOLDER}/{name}"), text.as_bytes());
    }
    zip.finish()
}

fn readme(title: &str, version: &str) -> String {
    let text = format!(
        "\
Leitfaden anpassen – Vorlage
============================

Dieser Ordner enthält den Leitfaden „{title}“ (Version {version}) als
Textdateien. Sie können ihn für Ihren Kreis, Ihr Land oder Ihren Verband anpassen:
eigene Beispiele, das Recht Ihres Landes, Ihre Ansprechpersonen. Sie brauchen dafür
nur einen Texteditor und einen Browser (Chrome, Edge, Firefox); installieren müssen
Sie nichts.

So gehen Sie vor
----------------

1. Öffnen Sie die Dateien mit einem Texteditor (unter Windows „Editor“ oder
   Notepad++, unter macOS TextEdit im Modus „Reiner Text“). Speichern Sie immer als
   UTF-8. Word und andere Textverarbeitungen sind dafür nicht geeignet.

2. Geben Sie Ihrem Leitfaden in leitfaden.ron eine eigene Kennung `id` (zum Beispiel
   \"open-government-kreis-musterland\") und eine eigene `version`. Dann werden
   Arbeitsstände des mitgelieferten Leitfadens nicht mit denen Ihres Leitfadens
   vermischt: Ihre Datei lehnt sie mit einer Meldung ab.

3. Öffnen Sie im Leitfaden die Seite „Leitfaden anpassen“ (unten auf jeder Seite und
   auf „Über diesen Leitfaden“) und wählen Sie diesen Ordner oder eine ZIP-Datei mit
   ihm. Die Seite prüft alle Dateien und jeden möglichen Weg durch den Leitfaden. Jede
   Meldung nennt Datei, Zeile und Spalte, zeigt die Zeile und gibt einen Hinweis.
   Nach jeder Änderung: „Erneut prüfen“.

4. Ohne Fehler zeigt „Vorschau“ Ihren Leitfaden so, wie Ihre Kommunen ihn sehen
   werden, mit allen Beispielkommunen und dem Vergleich zweier Profile.

5. „Als Datei für Ihre Kommunen speichern“ schreibt eine einzige HTML-Datei mit
   Ihrem Leitfaden. Sie öffnet sich per Doppelklick, ohne Server und ohne Internet;
   Sie können sie per E-Mail oder auf einem USB-Stick weitergeben.

Was in welcher Datei steht
--------------------------

leitfaden.ron       Titel, Kennung, Version, die Fragen zur Kommune, die
                    Beispielkommunen und die Liste aller anderen Dateien
kapitel/*.ron       ein Kapitel je Datei, mit seinen Schritten
arbeitshilfen.ron   Checklisten, Vorlagen und Leitfragen
beispiele.ron       Beispiele aus Kommunen
glossar.ron         Begriffe, die im Text erklärt werden
quellen.ron         die Quellen, auf die sich Schritte beziehen

Worauf Sie achten sollten
-------------------------

- Jede `id: \"…\"` ist die Verbindung zu dem, was Kommunen bereits abgehakt und
  notiert haben. Texte können Sie frei ändern; eine id nur, solange noch niemand mit
  Ihrem Leitfaden arbeitet.
- Texte stehen zwischen geraden Anführungszeichen \"…\". Innerhalb eines Textes
  schreiben Sie „…“, denn ein gerades \" beendet den Text.
- Die Meldungen der Prüfung sind dieselben wie die des Werkzeugs `leitfaden check`.
  Feldnamen wie `title` oder `when` sind englisch; es kommt auf Groß- und
  Kleinschreibung an.
- Den Aufbau aller Felder beschreibt der Abschnitt „For guide authors“ in der
  README des Projekts.
"
    );
    // Windows' Editor shows any line ending, older versions only CRLF.
    text.replace('\n', "\r\n")
}

/// What the author worker posts to the page (as a plain object: `web::autor_worker`).
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The worker has started and takes requests.
    Ready,
    /// The chosen files were read and checked.
    Checked(Box<shown::Shown>),
    /// The chosen files could not be read (German, for the page).
    Failed(String),
}
