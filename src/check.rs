//! The full author check (CLI, release build, author page): loading with every lint, and
//! the walk over every profile. Returns the messages and, separately, what the walk found.

use std::collections::BTreeMap;

use crate::coverage::{self, Coverage, Limits};
use crate::guide::{Guide, Lints, Report};

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
