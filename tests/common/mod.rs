//! Helpers shared by the integration tests: reading fixture directories the way the CLI
//! does, editing fixture texts in memory and looking at diagnostics compactly.
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use leitfaden::guide::{Diagnostic, Guide, Report, Severity};

/// The directory of fixture `name` below `tests/fixtures/`.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every `.ron` file below `dir`, as the CLI reads it.
pub fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    leitfaden::guide::load::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

/// The files of fixture `name`.
pub fn files(name: &str) -> BTreeMap<String, String> {
    let files = read_dir(&fixture_dir(name));
    assert!(!files.is_empty(), "fixture `{name}` has no .ron files");
    files
}

/// The minimal valid guide, loaded; panics with the rendered report if it does not load.
pub fn minimal() -> Guide {
    load_ok(&files("minimal")).0
}

/// Loads files that must load; panics with the rendered report otherwise.
pub fn load_ok(files: &BTreeMap<String, String>) -> (Guide, Report) {
    match Guide::load(files) {
        Ok(ok) => ok,
        Err(report) => panic!("expected the guide to load, got:\n{report}"),
    }
}

/// Loads files that must fail; panics if they load.
pub fn load_err(files: &BTreeMap<String, String>) -> Report {
    match Guide::load(files) {
        Ok((_, report)) => panic!("expected errors, the guide loaded with:\n{report}"),
        Err(report) => report,
    }
}

/// Replaces the one occurrence of `from` in `file` by `to`. Panics when `from` does not
/// occur exactly once, so a changed fixture cannot silently turn a test into a no-op.
pub fn edit(files: &mut BTreeMap<String, String>, file: &str, from: &str, to: &str) {
    let text = files
        .get_mut(file)
        .unwrap_or_else(|| panic!("no file `{file}`"));
    let n = text.matches(from).count();
    assert_eq!(n, 1, "`{from}` occurs {n} times in `{file}`, expected once");
    *text = text.replacen(from, to, 1);
}

/// The minimal fixture with edits applied: `(file, from, to)`.
pub fn minimal_with(edits: &[(&str, &str, &str)]) -> BTreeMap<String, String> {
    let mut f = files("minimal");
    for (file, from, to) in edits {
        edit(&mut f, file, from, to);
    }
    f
}

/// One diagnostic as a comparable tuple:
/// `(severity, file, line, col, message, step)`.
pub type Short = (Severity, String, usize, usize, String, Option<String>);

pub fn short(d: &Diagnostic) -> Short {
    (
        d.severity,
        d.file.clone(),
        d.line,
        d.col,
        d.message.clone(),
        d.step.clone(),
    )
}

pub fn shorts(report: &Report) -> Vec<Short> {
    report.diagnostics.iter().map(short).collect()
}

/// Builds an expected `Short`.
pub fn err(file: &str, line: usize, col: usize, message: &str, step: Option<&str>) -> Short {
    (
        Severity::Error,
        file.to_string(),
        line,
        col,
        message.to_string(),
        step.map(str::to_string),
    )
}

pub fn warn(file: &str, line: usize, col: usize, message: &str, step: Option<&str>) -> Short {
    (
        Severity::Warning,
        file.to_string(),
        line,
        col,
        message.to_string(),
        step.map(str::to_string),
    )
}

/// The text of `line` (1-based) of `file`, from column `col` on: to check by eye (and in
/// the tests) that a location really points at what the message is about.
pub fn at(files: &BTreeMap<String, String>, file: &str, line: usize, col: usize) -> String {
    let text = files[file]
        .lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("`{file}` has no line {line}"));
    text.chars().skip(col - 1).collect()
}

/// The path of the built CLI binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_leitfaden")
}
