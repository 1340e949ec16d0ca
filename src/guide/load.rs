//! Reading guide files into the model. Every RON error becomes a located diagnostic with a
//! plain hint; all files are read even when one is broken, so authors see every problem.

use std::collections::BTreeMap;

use ron::Options;
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, Location, Report};
use super::model::{Chapter, Example, GuideFile, Resource, Source, Term};
use super::source::SourceFile;

/// The name of the guide's entry file inside the guide directory.
pub const INDEX_FILE: &str = "leitfaden.ron";

/// The authored guide as read from its files, before any semantic check. It is also the
/// release app's form of the guide (`bundle`): the same structure as JSON, without RON.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Authored {
    pub index: Option<GuideFile>,
    /// Chapters with the file each came from.
    pub chapters: Vec<(String, Chapter)>,
    pub resources: Vec<Resource>,
    pub examples: Vec<Example>,
    pub terms: Vec<Term>,
    pub sources: Vec<Source>,
    /// Which file each collection came from, for locating messages.
    pub resources_file: Option<String>,
    pub examples_file: Option<String>,
    pub glossary_file: Option<String>,
    pub sources_file: Option<String>,
}

fn options() -> Options {
    Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses one RON file, turning a syntax or schema error into a diagnostic.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    options()
        .from_str(text)
        .map_err(|e| ron_diagnostic(file, text, &e))
}

/// Lists the files the entry file names (chapters first, then collections), so a caller
/// that fetches files (the browser) knows what to fetch. Errors are those of `parse`.
pub fn listed_files(index_text: &str) -> Result<Vec<String>, Diagnostic> {
    let index: GuideFile = parse(INDEX_FILE, index_text)?;
    Ok(files_of(&index))
}

fn files_of(index: &GuideFile) -> Vec<String> {
    let mut files = index.chapters.clone();
    for f in [
        &index.resources,
        &index.examples,
        &index.glossary,
        &index.sources,
    ]
    .into_iter()
    .flatten()
    {
        files.push(f.clone());
    }
    files
}

/// Reads the whole guide from `files` (path relative to the guide directory → text).
/// Problems go to `report`; whatever could be read is returned.
pub fn read(files: &BTreeMap<String, String>, report: &mut Report) -> Authored {
    let mut authored = Authored::default();
    let Some(index_text) = files.get(INDEX_FILE) else {
        report.push(
            Diagnostic::error(
                INDEX_FILE,
                Location::start(),
                "Die Datei `leitfaden.ron` fehlt",
            )
            .hint("Jeder Leitfaden-Ordner braucht eine `leitfaden.ron`, die seine Kapitel und Dateien aufzählt"),
        );
        return authored;
    };
    let index: GuideFile = match parse(INDEX_FILE, index_text) {
        Ok(index) => index,
        Err(d) => {
            report.push(d);
            return authored;
        }
    };

    let mut take = |name: &str| take_file(files, name, index_text, report);
    let mut parsed = Vec::new();
    for name in &index.chapters {
        if let Some(text) = take(name) {
            parsed.push((name.clone(), parse::<Chapter>(name, text)));
        }
    }
    let resources = collection::<Resource>(&index.resources, &mut take);
    let examples = collection::<Example>(&index.examples, &mut take);
    let terms = collection::<Term>(&index.glossary, &mut take);
    let sources = collection::<Source>(&index.sources, &mut take);

    for (name, result) in parsed {
        match result {
            Ok(chapter) => authored.chapters.push((name, chapter)),
            Err(d) => report.push(d),
        }
    }
    authored.resources = keep(resources, report);
    authored.examples = keep(examples, report);
    authored.terms = keep(terms, report);
    authored.sources = keep(sources, report);
    authored.resources_file = index.resources.clone();
    authored.examples_file = index.examples.clone();
    authored.glossary_file = index.glossary.clone();
    authored.sources_file = index.sources.clone();
    authored.index = Some(index);
    authored
}

type Parsed<T> = Option<Result<Vec<T>, Diagnostic>>;

/// The text of a file the entry file lists, or a located error if it is missing.
fn take_file<'f>(
    files: &'f BTreeMap<String, String>,
    name: &str,
    index_text: &str,
    report: &mut Report,
) -> Option<&'f String> {
    let text = files.get(name);
    if text.is_none() {
        let index = SourceFile::new(index_text.to_string());
        let at = index.at(name, 0);
        report.push(
            Diagnostic::error(INDEX_FILE, at, format!("Die Datei `{name}` gibt es nicht"))
                .hint("Der Pfad gilt ab dem Ordner des Leitfadens; prüfen Sie die Schreibweise"),
        );
    }
    text
}

fn collection<'f, T: DeserializeOwned>(
    name: &Option<String>,
    take: &mut impl FnMut(&str) -> Option<&'f String>,
) -> Parsed<T> {
    let name = name.as_ref()?;
    let text = take(name)?;
    Some(parse::<Vec<T>>(name, text))
}

fn keep<T>(parsed: Parsed<T>, report: &mut Report) -> Vec<T> {
    match parsed {
        Some(Ok(items)) => items,
        Some(Err(d)) => {
            report.push(d);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn ron_diagnostic(file: &str, text: &str, error: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let start = error.span.start;
    let end = error.span.end;
    let len = if end.line == start.line && end.col > start.col {
        end.col - start.col
    } else {
        1
    };
    let mut at = Location {
        line: start.line.max(1),
        col: start.col.max(1),
        len,
    };
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let within = |outer: &Option<String>| match outer {
        Some(o) => format!("in `{o}`"),
        None => "an dieser Stelle".to_string(),
    };
    const QUOTES: &str = "Texte stehen in geraden Anführungszeichen `\"…\"`; innerhalb eines Textes schreiben Sie „…“ statt `\"`";
    const NAMES: &str = "Feldnamen und Werte wie `Essential` oder `Optional` bestehen aus Buchstaben und stehen ohne Anführungszeichen";
    const NEARBY: &str = "Prüfen Sie Kommas, Klammern und Anführungszeichen kurz vor dieser Stelle";
    let (message, hint): (String, &str) = match &error.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            // ron points behind the field name; underline the name itself.
            if let Some(o) = find_ident_before(text, at, found) {
                at = o;
            }
            let close = super::suggest::closest(found, expected.iter().copied())
                .map(|e| format!("Meinten Sie `{e}`? "))
                .unwrap_or_default();
            let mut d = Diagnostic::error(
                file,
                at,
                format!(
                    "Unbekanntes Feld `{found}` {}; erlaubt sind {}",
                    within(outer),
                    list(expected)
                ),
            );
            d.hint = Some(format!(
                "{close}Feldnamen sind englisch, und es kommt auf Groß- und Kleinschreibung an"
            ));
            return d;
        }
        E::MissingStructField { field, outer } => {
            let mut d = Diagnostic::error(
                file,
                at,
                match outer {
                    Some(o) => format!("In `{o}` fehlt das Feld `{field}`"),
                    None => format!("Hier fehlt das Feld `{field}`"),
                },
            );
            d.hint = Some(match outer {
                Some(o) => format!("Ergänzen Sie `{field}: ...` in diesem `{o}`"),
                None => format!("Ergänzen Sie `{field}: ...` in diesem Eintrag"),
            });
            return d;
        }
        E::DuplicateStructField { field, outer } => (
            format!("Das Feld `{field}` steht zweimal {}", within(outer)),
            "Entfernen Sie eines der beiden",
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!(
                "Unbekannter Wert `{found}`{}; erlaubt sind {}",
                outer
                    .as_deref()
                    .map(|o| format!(" für `{o}`"))
                    .unwrap_or_default(),
                list(expected)
            ),
            "Prüfen Sie die Schreibweise; es kommt auf Groß- und Kleinschreibung an",
        ),
        E::ExpectedDifferentStructName { expected, found } => {
            let mut d = Diagnostic::error(
                file,
                at,
                format!("Hier muss `{expected}(...)` stehen, nicht `{found}(...)`"),
            );
            d.hint = Some(format!("Schreiben Sie `{expected}(` oder nur `(`"));
            return d;
        }
        E::ExpectedString if let Some(quote) = typographic_quote(text, at) => {
            at = quote;
            (
                "Hier beginnt ein Text mit einem typografischen Anführungszeichen".into(),
                "Texte beginnen und enden mit dem geraden Anführungszeichen `\"`; typografische wie „…“ gehören nur in den Text",
            )
        }
        E::ExpectedString => (
            "Hier wird ein Text in Anführungszeichen erwartet".into(),
            QUOTES,
        ),
        E::ExpectedStringEnd => ("Ein Text ist nicht abgeschlossen".into(), QUOTES),
        E::ExpectedComma => (
            "Hier fehlt ein Komma".into(),
            "Wahrscheinlich fehlt am Ende des vorigen Felds oder Eintrags ein Komma; auch ein `\"` mitten im Text beendet ihn zu früh (schreiben Sie dort „…“)",
        ),
        E::ExpectedArray => (
            "Hier wird eine Liste `[...]` erwartet".into(),
            "Eine Liste steht in eckigen Klammern, z. B. `[\"a\", \"b\"]`; auch eine leere Liste `[]` ist möglich",
        ),
        E::ExpectedArrayEnd => (
            "Hier wird `]` oder ein Komma erwartet".into(),
            "Eine Liste `[...]` ist nicht geschlossen, oder zwischen ihren Einträgen fehlt ein Komma",
        ),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => (
            "Hier wird ein Eintrag in runden Klammern `(...)` erwartet".into(),
            "Ein Eintrag beginnt mit `(`, z. B. `(id: \"...\", text: \"...\")`, ein Bereich auch: `(2, 4)`",
        ),
        E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => (
            "Hier wird `)` oder ein Komma erwartet".into(),
            "Eine Klammer `(...)` ist nicht geschlossen, oder zwischen ihren Feldern fehlt ein Komma",
        ),
        E::ExpectedMap => (
            "Hier wird eine Zuordnung `{...}` erwartet".into(),
            "Eine Zuordnung steht in geschweiften Klammern, z. B. `{\"groesse\": \"landkreis\"}`",
        ),
        E::ExpectedMapEnd => (
            "Hier wird `}` oder ein Komma erwartet".into(),
            "Eine Zuordnung `{...}` ist nicht geschlossen, oder zwischen ihren Einträgen fehlt ein Komma",
        ),
        E::ExpectedMapColon => (
            "Nach dem Feldnamen fehlt ein `:`".into(),
            "Schreiben Sie Felder als `name: wert`, z. B. `title: \"...\"`",
        ),
        E::ExpectedBoolean => (
            "Hier wird `true` oder `false` erwartet".into(),
            "Schreiben Sie `true` (ja) oder `false` (nein), ohne Anführungszeichen",
        ),
        E::ExpectedInteger | E::ExpectedFloat => (
            "Hier wird eine Zahl erwartet".into(),
            "Schreiben Sie die Zahl ohne Anführungszeichen, z. B. `4`",
        ),
        E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => (
            "Diese Zahl ist hier nicht möglich".into(),
            "Schreiben Sie eine ganze Zahl ab 0, ohne Vorzeichen, Punkt oder Komma, z. B. `40`",
        ),
        E::ExpectedIdentifier => (
            "Hier wird ein Name ohne Anführungszeichen erwartet".into(),
            NAMES,
        ),
        E::InvalidIdentifier(name) | E::SuggestRawIdentifier(name) => {
            (format!("`{name}` ist hier kein gültiger Name"), NAMES)
        }
        E::UnexpectedChar(c) if TYPOGRAPHIC.contains(*c) => (
            format!("Das Anführungszeichen {c} beginnt oder beendet hier keinen Text"),
            "Texte beginnen und enden mit dem geraden Anführungszeichen `\"`; typografische wie „…“ gehören nur in den Text",
        ),
        E::UnexpectedChar(c) => (format!("Unerwartetes Zeichen „{c}“"), NEARBY),
        E::InvalidEscape(_) => (
            "Ein `\\` im Text ist ungültig".into(),
            "Ein `\\` im Text leitet ein Sonderzeichen ein (`\\n`, `\\\"`); für einen Rückstrich selbst schreiben Sie `\\\\`",
        ),
        E::UnclosedBlockComment => (
            "Ein Kommentar `/* ... */` ist nicht geschlossen".into(),
            "Schließen Sie den Kommentar mit `*/`",
        ),
        E::Eof => (
            "Die Datei endet zu früh".into(),
            "Wahrscheinlich ist eine Klammer nicht geschlossen",
        ),
        E::TrailingCharacters => (
            "Nach dem Ende des Inhalts folgt noch Text".into(),
            "Prüfen Sie, ob weiter oben eine schließende Klammer zu viel steht",
        ),
        E::InvalidValueForType { expected, found } => {
            let (wanted, hint) = expected_value(expected);
            (format!("{wanted}, nicht {}", found_value(found)), hint)
        }
        E::ExpectedDifferentLength { expected, found } => {
            let (wanted, hint) = expected_value(expected);
            let found = match found {
                0 => "hier steht keiner".to_string(),
                1 => "hier steht nur einer".to_string(),
                n => format!("hier stehen {n}"),
            };
            (format!("{wanted}; {found}"), hint)
        }
        // Rare: the crate's own (English) text, in a German sentence.
        other => (
            format!("Die Datei lässt sich hier nicht lesen: {other}"),
            NEARBY,
        ),
    };
    Diagnostic::error(file, at, message).hint(hint)
}

/// What serde expected (its English description) as the German sentence „Hier wird …
/// erwartet“, with a hint how to write it; a description it does not know stays in
/// English, in backticks.
fn expected_value(expected: &str) -> (String, &'static str) {
    const OTHER: &str =
        "Vergleichen Sie den Eintrag mit einem, der funktioniert, etwa in der Vorlage";
    if let Some(n) = expected.strip_prefix("a tuple of size ") {
        let n = if n == "2" { "zwei" } else { n };
        return (
            format!("Hier werden {n} Werte in Klammern erwartet"),
            "Schreiben Sie einen Bereich als (von, bis), z. B. `hours: (2, 4)`",
        );
    }
    let (wanted, hint) = if let Some(name) = expected.strip_prefix("struct ") {
        (format!("ein Eintrag `{name}(...)`"), OTHER)
    } else if let Some(name) = expected.strip_prefix("enum ") {
        (
            format!("ein Wert für `{name}`"),
            "Prüfen Sie die Schreibweise; es kommt auf Groß- und Kleinschreibung an",
        )
    } else {
        simple_value(expected)
    };
    (format!("Hier wird {wanted} erwartet"), hint)
}

fn simple_value(expected: &str) -> (String, &'static str) {
    const OTHER: &str =
        "Vergleichen Sie den Eintrag mit einem, der funktioniert, etwa in der Vorlage";
    match expected {
        "a string" | "a borrowed string" => (
            "ein Text in Anführungszeichen".into(),
            "Setzen Sie den Text in gerade Anführungszeichen: `\"…\"`",
        ),
        "a boolean" => (
            "`true` oder `false`".into(),
            "Schreiben Sie `true` (ja) oder `false` (nein), ohne Anführungszeichen",
        ),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => (
            "eine ganze Zahl".into(),
            "Schreiben Sie die Zahl ohne Anführungszeichen, z. B. `4`",
        ),
        "a sequence" => (
            "eine Liste `[...]`".into(),
            "Eine Liste steht in eckigen Klammern, z. B. `[\"a\", \"b\"]`",
        ),
        "a map" => (
            "eine Zuordnung `{...}`".into(),
            "Eine Zuordnung steht in geschweiften Klammern, z. B. `{\"groesse\": \"landkreis\"}`",
        ),
        other => (format!("`{other}`"), OTHER),
    }
}

/// What serde found instead (its English description), in German where it is common.
fn found_value(found: &str) -> String {
    if let Some(s) = found.strip_prefix("the string ") {
        return format!("der Text {s}");
    }
    for number in [
        "the unsigned integer ",
        "the signed integer ",
        "the floating point number ",
    ] {
        if let Some(n) = found.strip_prefix(number) {
            return format!("die Zahl {n}");
        }
    }
    if let Some(b) = found.strip_prefix("the boolean ") {
        return b.to_string();
    }
    match found {
        "a sequence" => "eine Liste".into(),
        "a map" => "eine Zuordnung".into(),
        "a unit value" => "`()`".into(),
        "an optional value" => "ein leerer Wert".into(),
        other => format!("`{other}`"),
    }
}

/// Quote marks that look like `"` but do not start or end a text in RON.
const TYPOGRAPHIC: &str = "„“”‘’‚«»";

/// Where a typographic quote mark stands first at or after `at` on its line, with only
/// spaces before it: ron points at the space before a value it cannot read.
fn typographic_quote(text: &str, at: Location) -> Option<Location> {
    let line = text.lines().nth(at.line.checked_sub(1)?)?;
    let (k, c) = line
        .chars()
        .enumerate()
        .skip(at.col.checked_sub(1)?)
        .find(|(_, c)| !c.is_whitespace())?;
    TYPOGRAPHIC.contains(c).then_some(Location {
        line: at.line,
        col: k + 1,
        len: 1,
    })
}

/// ron reports unknown fields after the identifier; find the identifier on that line.
fn find_ident_before(text: &str, at: Location, ident: &str) -> Option<Location> {
    let line = text.lines().nth(at.line.checked_sub(1)?)?;
    let byte_col: usize = line
        .chars()
        .take(at.col.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let idx = line[..byte_col.min(line.len())].rfind(ident)?;
    Some(Location {
        line: at.line,
        col: line[..idx].chars().count() + 1,
        len: ident.chars().count(),
    })
}

/// Every `.ron` file below `dir`, keyed by its path relative to `dir` with `/` separators:
/// the input `Guide::load` expects. Native only; the browser fetches the files instead.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_dir(dir: &std::path::Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "ron") {
                let rel = p.strip_prefix(dir).unwrap_or(&p);
                let key = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(key, std::fs::read_to_string(&p)?);
            }
        }
    }
    Ok(files)
}
