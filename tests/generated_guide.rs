//! The benchmark guides: generated deterministically, and valid for every author check.

use leitfaden::generate;
use leitfaden::guide::Guide;

#[test]
fn generated_guides_pass_every_check() {
    for steps in [50, 500] {
        let files = generate::guide(steps, 7);
        match Guide::load(&files) {
            Ok((g, report)) => {
                assert!(g.steps.len() >= steps, "{} steps", g.steps.len());
                assert_eq!(report.diagnostics, vec![], "{}", report.render("gen/"));
                let ex = report.exhaustive.expect("the walk ran");
                assert!(!ex.sampled);
            }
            Err(report) => panic!(
                "generated guide of {steps} steps: {}",
                report.render("gen/")
            ),
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_guide() {
    assert_eq!(generate::guide(100, 3), generate::guide(100, 3));
    assert_ne!(generate::guide(100, 3), generate::guide(100, 4));
}
