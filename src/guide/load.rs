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
                "the guide's entry file is missing",
            )
            .hint("every guide directory needs a `leitfaden.ron` that lists its chapters"),
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
            Diagnostic::error(INDEX_FILE, at, format!("file `{name}` not found"))
                .hint("the path is relative to the guide directory; check its spelling"),
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
    let (message, hint): (String, Option<String>) = match &error.code {
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
                .map(|e| format!("did you mean `{e}`? "))
                .unwrap_or_default();
            (
                format!(
                    "unknown field `{found}` in {}, expected one of {}",
                    outer.as_deref().unwrap_or("this structure"),
                    list(expected)
                ),
                Some(format!(
                    "{close}field names are English and case-sensitive; see the author section of the README"
                )),
            )
        }
        E::MissingStructField { field, outer } => (
            format!(
                "missing field `{field}` in {}",
                outer.as_deref().unwrap_or("this structure")
            ),
            Some(format!(
                "add `{field}: ...` to this {}",
                outer.as_deref().unwrap_or("entry")
            )),
        ),
        E::DuplicateStructField { field, outer } => (
            format!(
                "field `{field}` is written twice in {}",
                outer.as_deref().unwrap_or("this structure")
            ),
            Some("remove one of the two".into()),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!(
                "unknown value `{found}`{}, expected one of {}",
                outer
                    .as_deref()
                    .map(|o| format!(" for {o}"))
                    .unwrap_or_default(),
                list(expected)
            ),
            Some("check the spelling; values are case-sensitive".into()),
        ),
        E::ExpectedDifferentStructName { expected, found } => (
            format!("expected `{expected}(...)` here, found `{found}(...)`"),
            Some(format!("write `{expected}(` or just `(`")),
        ),
        E::ExpectedString | E::ExpectedStringEnd => (
            error.code.to_string(),
            Some("text is written in double quotes; inside the text use „…“ instead of \"".into()),
        ),
        E::ExpectedComma => (
            "expected a comma".into(),
            Some("a comma is probably missing at the end of the previous field or entry; a `\"` inside a text also ends it early (write „…“ instead)".into()),
        ),
        E::ExpectedArrayEnd => (
            "expected `]` or a comma".into(),
            Some("a list `[...]` is not closed, or a comma is missing between its entries".into()),
        ),
        E::ExpectedStructLikeEnd => (
            "expected `)` or a comma".into(),
            Some("a `(...)` is not closed, or a comma is missing between its fields".into()),
        ),
        E::ExpectedMapColon => (
            "expected `:` after the field name".into(),
            Some("write fields as `name: value`".into()),
        ),
        E::Eof => (
            "the file ends too early".into(),
            Some("a bracket or parenthesis is probably not closed".into()),
        ),
        E::TrailingCharacters => (
            "unexpected text after the end of the guide structure".into(),
            Some("check for an extra closing bracket above".into()),
        ),
        other => (
            other.to_string(),
            Some("check commas, brackets and quotes just before this place".into()),
        ),
    };
    let mut d = Diagnostic::error(file, at, message);
    d.hint = hint;
    d
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
