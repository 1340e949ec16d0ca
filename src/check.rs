//! The full author check (CLI, release build, author page): loading with every lint, and
//! the walk over every profile. Returns the messages and, separately, what the walk found.

use std::collections::BTreeMap;

use crate::coverage::{self, Coverage, Limits};
use crate::guide::{Guide, Lints, Report, Severity};
use crate::text::counted_digits;

/// What the full check found.
#[derive(Debug)]
pub struct Checked {
    /// The guide, when it has no errors.
    pub guide: Option<Guide>,
    /// Every error and warning, with the sources to show them in context.
    pub report: Report,
    /// What the walk over every profile found, when it ran (it needs a guide whose ids
    /// and references are sound).
    pub coverage: Option<Coverage>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.report.has_errors()
    }
}

/// Every check, with the default limits for the walk.
pub fn check(files: &BTreeMap<String, String>) -> Checked {
    check_with(files, &Limits::default())
}

pub fn check_with(files: &BTreeMap<String, String>, limits: &Limits) -> Checked {
    let (guide, mut report) = Guide::build(files, Lints::All);
    let coverage = guide.as_ref().map(|guide| {
        let coverage = coverage::walk(guide, limits);
        report
            .diagnostics
            .extend(coverage.diagnostics(guide, &report.sources));
        report.sort();
        coverage
    });
    Checked {
        guide: guide.filter(|_| !report.has_errors()),
        report,
        coverage,
    }
}

/// The count of errors and warnings as `leitfaden check` prints it, e.g.
/// `guide/: 1 Fehler, 2 Warnungen` (`prefix`: the guide directory as the author names it).
pub fn summary(prefix: &str, report: &Report) -> String {
    format!(
        "{prefix}: {}, {}",
        counted_digits(report.errors() as u64, "Fehler", "Fehler"),
        counted_digits(report.warnings() as u64, "Warnung", "Warnungen")
    )
}

/// Said after the count when files could not be read, so that nothing else was checked.
pub const INCOMPLETE: &str =
    "Anmerkung: Verweise und Wege werden geprüft, sobald sich alle Dateien lesen lassen";

impl Checked {
    /// Every message as `leitfaden check` prints it: file:line:col, the source line with a
    /// caret, the hint; each followed by an empty line.
    pub fn messages(&self, prefix: &str) -> Vec<(Severity, String)> {
        self.report
            .diagnostics
            .iter()
            .map(|d| {
                let text = d.render(prefix, self.report.sources.get(&d.file));
                (d.severity, format!("{text}\n"))
            })
            .collect()
    }

    /// What `leitfaden check` prints after the messages: the count, then either the note
    /// that references were not checked yet, or what the walk covered (in `ms`) and the
    /// path lengths. The author page shows the same lines.
    pub fn tail(&self, prefix: &str, ms: f64) -> String {
        let mut out = format!("{}\n", summary(prefix, &self.report));
        match (&self.guide, &self.coverage) {
            (Some(guide), Some(ex)) => {
                let unknown = if ex.unknown_walks > 0 {
                    format!(" ({} davon mit „Weiß ich nicht“)", ex.unknown_walks)
                } else {
                    String::new()
                };
                let walked = match (ex.sampled, ex.walks) {
                    (true, n) => {
                        format!("eine Stichprobe von {}", counted_digits(n, "Weg", "Wegen"))
                    }
                    (false, 1) => "1 Weg".to_string(),
                    (false, n) => format!("alle {n} Wege"),
                };
                out.push_str(&format!(
                    "{} in {}; {walked} über alle Profile und Antworten auf Entscheidungen geprüft{unknown}; {ms:.0} ms\n",
                    counted_digits(guide.steps.len() as u64, "Schritt", "Schritte"),
                    counted_digits(guide.chapters.len() as u64, "Kapitel", "Kapiteln"),
                ));
                if let Some(q) = guide.questions.first() {
                    for (c, (min, max)) in q.choices.iter().zip(&ex.lengths) {
                        out.push_str(&format!(
                            "  Weglänge {}={}: {min}–{max} Schritte\n",
                            q.id, c.id
                        ));
                    }
                }
            }
            _ if self.report.incomplete => {
                out.push_str(INCOMPLETE);
                out.push('\n');
            }
            _ => {}
        }
        out
    }
}
