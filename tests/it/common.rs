//! Helpers shared by the integration tests: reading fixture directories the way the CLI
//! does, editing fixture texts in memory and looking at diagnostics compactly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use leitfaden::guide::{Diagnostic, Guide, Report, Severity};
use leitfaden::profile::Answers;
use leitfaden::progress::{Progress, Status};
use leitfaden::workspace::Workspace;

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

/// The full author check (`leitfaden check`): the guide when it has no errors, and the
/// report either way.
pub fn full(files: &BTreeMap<String, String>) -> Result<(Guide, Report), Report> {
    let checked = leitfaden::check::check(files);
    match checked.guide {
        Some(guide) => Ok((guide, checked.report)),
        None => Err(checked.report),
    }
}

/// Checks files that must pass; panics with the rendered report otherwise.
pub fn load_ok(files: &BTreeMap<String, String>) -> (Guide, Report) {
    match full(files) {
        Ok(ok) => ok,
        Err(report) => panic!("expected the guide to load, got:\n{report}"),
    }
}

/// Checks files that must fail; panics if they pass.
pub fn load_err(files: &BTreeMap<String, String>) -> Report {
    match full(files) {
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

// Helpers of the progress, workspace, saved and export tests.

pub fn v1() -> Guide {
    load_ok(&files("guide-v1")).0
}

pub fn v2() -> Guide {
    load_ok(&files("guide-v2")).0
}

pub fn idx(guide: &Guide, id: &str) -> usize {
    guide
        .step_index(id)
        .unwrap_or_else(|| panic!("no step `{id}`"))
}

pub fn ids(guide: &Guide) -> Vec<&str> {
    guide.steps.iter().map(|s| s.id.as_str()).collect()
}

/// Asserts that a user-facing message is a German sentence, not empty and not leaking an
/// English library message.
pub fn assert_german(message: &str) {
    assert!(!message.trim().is_empty(), "empty message");
    assert!(
        message.starts_with("Die ") || message.starts_with("Das ") || message.starts_with("Diese"),
        "not a German sentence: {message}"
    );
    assert!(message.ends_with('.'), "not a full sentence: {message}");
    for english in [
        "invalid", "expected", "missing", "unknown", "error", " at line", " the ",
    ] {
        assert!(
            !message.to_lowercase().contains(english),
            "English (`{english}`) in: {message}"
        );
    }
}

pub fn answers(guide: &Guide, pairs: &[&str]) -> Answers {
    Answers::parse_pairs(guide, pairs.iter().copied()).expect("valid answers")
}

pub fn step(guide: &Guide, id: &str) -> usize {
    guide.step_index(id).expect("step exists")
}

pub fn state_ids(ws: &Workspace) -> Vec<&str> {
    ws.states().iter().map(|s| s.id.as_str()).collect()
}

/// A workspace with states "1" (Musterstadt) and "2" (Beispielstadt), both filled.
pub fn two_states() -> Workspace {
    let guide = v1();
    let mut ws = Workspace::new("minimal");
    ws.rename("1", "Musterstadt");
    ws.active_mut().set_answer("groesse", "klein");
    ws.active_mut()
        .set_status(&guide, "willkommen", Status::Done);
    ws.create("Beispielstadt");
    ws.active_mut().set_note("projekt", "Open-Data-Portal");
    ws
}

pub fn stamped(ws: &mut Workspace, now: u64, f: impl FnOnce(&mut Progress)) {
    let before = ws.active().clone();
    f(ws.active_mut());
    ws.active_mut().stamp_changes(&before, now, "");
}

/// The minimal guide with two fields asked on the levels' scale (as the bundled guide's
/// `stand_*` questions), one with „Weiß ich nicht“ counting as the first level.
pub fn levels() -> Guide {
    load_ok(&levels_files()).0
}

/// The files of `levels()`.
pub fn levels_files() -> BTreeMap<String, String> {
    const FIELDS: &str = r#"Choice(id: "erfahren", label: "Erfahren"),
            ],
        ),
        Question(
            id: "stand_transparenz",
            label: "Wo steht die Transparenz?",
            short: "Stand bei Transparenz",
            choices: [
                Choice(id: "am_anfang", label: "Am Anfang"),
                Choice(id: "etabliert", label: "Etabliert"),
                Choice(id: "vorreiter", label: "Vorreiter"),
                Choice(id: "weiss_nicht", label: "Weiß ich nicht", counts_as: "am_anfang"),
            ],
        ),
        Question(
            id: "stand_beteiligung",
            label: "Wo steht die Beteiligung?",
            short: "Stand bei Beteiligung",
            choices: [
                Choice(id: "am_anfang", label: "Am Anfang"),
                Choice(id: "etabliert", label: "Etabliert"),
                Choice(id: "vorreiter", label: "Vorreiter"),
            ],
        ),
    ],"#;
    minimal_with(&[(
        "leitfaden.ron",
        "Choice(id: \"erfahren\", label: \"Erfahren\"),\n            ],\n        ),\n    ],",
        FIELDS,
    )])
}

/// A date in tests.
pub fn day(s: &str) -> leitfaden::date::Date {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}
