//! The benchmark guides: generated deterministically, and valid for every author check.

use leitfaden::check;
use leitfaden::generate;

#[test]
fn generated_guides_pass_every_check() {
    for steps in [50, 500] {
        let files = generate::guide(steps, 7);
        let checked = check::check(&files);
        let report = &checked.report;
        let g = checked.guide.unwrap_or_else(|| {
            panic!(
                "generated guide of {steps} steps: {}",
                report.render("gen/")
            )
        });
        assert!(g.steps.len() >= steps, "{} steps", g.steps.len());
        assert_eq!(report.diagnostics, vec![], "{}", report.render("gen/"));
        assert!(!checked.coverage.expect("the walk ran").sampled);
    }
}

#[test]
fn the_same_seed_gives_the_same_guide() {
    assert_eq!(generate::guide(100, 3), generate::guide(100, 3));
    assert_ne!(generate::guide(100, 3), generate::guide(100, 4));
}
