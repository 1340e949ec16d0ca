//! The walk over every profile is built on the path rule: every path it walks is exactly
//! the path `path::compute` gives for the same answers.

use crate::common::*;
use leitfaden::coverage::{self, Limits};
use leitfaden::guide::Guide;
use leitfaden::path;
use leitfaden::profile::Answers;

/// Compares every `every`-th walked path with `path::compute`; returns how many were.
fn walk_agrees_with_compute(guide: &Guide, every: u64) -> u64 {
    let (mut walked, mut compared) = (0, 0);
    let coverage = coverage::walk_observed(guide, &Limits::default(), |facts, steps| {
        walked += 1;
        if walked % every != 0 {
            return;
        }
        compared += 1;
        let answers = Answers::from_facts(guide, facts);
        let computed: Vec<usize> = path::compute(guide, &answers)
            .steps
            .iter()
            .map(|v| v.step)
            .collect();
        assert_eq!(
            steps,
            computed.as_slice(),
            "walk and path::compute differ for {}",
            coverage::describe_facts(guide, facts)
        );
    });
    assert_eq!(walked, coverage.walks, "every walk was observed");
    compared
}

#[test]
fn the_walk_and_path_compute_agree_on_every_profile_of_the_fixtures() {
    for name in ["minimal", "guide-v1", "guide-v2"] {
        let guide = load_ok(&files(name)).0;
        assert!(
            walk_agrees_with_compute(&guide, 1) > 1,
            "{name} has several paths"
        );
    }
}

#[test]
fn the_walk_and_path_compute_agree_on_the_bundled_guide() {
    let files = leitfaden::guide::load::read_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"),
    )
    .expect("guide/ is readable");
    let guide = load_ok(&files).0;
    assert!(walk_agrees_with_compute(&guide, 1) > 1000);
}
