//! The full author check (CLI, release build, author page): loading with every lint, and
//! the walk over every profile. Returns the messages and, separately, what the walk found.

use std::collections::BTreeMap;

use crate::coverage::{self, Coverage, Limits};
use crate::guide::{Guide, Lints, Report, Severity};

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
/// `guide/: 1 error, 2 warnings` (`prefix`: the guide directory as the author names it).
pub fn summary(prefix: &str, report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{prefix}: {}, {}",
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning")
    )
}

/// Said after the count when files could not be read, so that nothing else was checked.
pub const INCOMPLETE: &str = "note: references and paths are checked once every file can be read";

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
                    format!(
                        " ({} of them with „Weiß ich nicht“ answers)",
                        ex.unknown_walks
                    )
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "{} steps in {} chapters; {} {} path walks over all profiles and decision answers{unknown}; {ms:.0} ms\n",
                    guide.steps.len(),
                    guide.chapters.len(),
                    if ex.sampled { "sampled" } else { "checked all" },
                    ex.walks,
                ));
                if let Some(q) = guide.questions.first() {
                    for (c, (min, max)) in q.choices.iter().zip(&ex.lengths) {
                        out.push_str(&format!(
                            "  path length {}={}: {min}–{max} steps\n",
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
