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

/// The minimal fixture with „Weiß ich nicht“ for the starting point, counted as „neu“,
/// and one task only for those who do not know.
fn with_unknown() -> std::collections::BTreeMap<String, String> {
    minimal_with(&[
        (
            "leitfaden.ron",
            "Choice(id: \"erfahren\", label: \"Erfahren\"),",
            "Choice(id: \"erfahren\", label: \"Erfahren\"),\n                Choice(id: \"weiss_nicht\", label: \"Weiß ich nicht\", counts_as: \"neu\"),",
        ),
        (
            "kapitel/01-anfangen.ron",
            "(id: \"nachfragen\", text: \"Fragen Sie in der Verwaltungsspitze nach.\"),",
            "(id: \"nachfragen\", text: \"Fragen Sie in der Verwaltungsspitze nach.\"),\n                (id: \"herausfinden\", text: \"Finden Sie heraus, wie weit Sie sind.\", when: Profile(\"stand\", [\"weiss_nicht\"])),",
        ),
    ])
}

#[test]
fn unknown_answers_are_walked_in_a_second_pass() {
    let guide = load_ok(&with_unknown()).0;
    let ex = coverage::walk(&guide, &Limits::default());
    assert!(!ex.sampled);
    assert!(ex.unknown_walks > 0, "no walk with „Weiß ich nicht“");
    assert!(ex.unknown_walks < ex.walks);
    // The walks with „Weiß ich nicht“ are real paths too.
    assert!(walk_agrees_with_compute(&guide, 1) > ex.unknown_walks);
    // Without such an answer there is no second pass.
    let plain = minimal();
    assert_eq!(coverage::walk(&plain, &Limits::default()).unknown_walks, 0);
}

#[test]
fn stats_show_unknown_answers_with_the_path_of_the_cautious_one() {
    let guide = load_ok(&with_unknown()).0;
    let groups = leitfaden::stats::by(&guide, &["stand"]);
    let find = |c: &str| {
        groups
            .iter()
            .find(|g| g.key[0].1 == c)
            .unwrap_or_else(|| panic!("no group stand={c}: {groups:?}"))
            .clone()
    };
    let (neu, unknown) = (find("neu"), find("weiss_nicht"));
    assert_eq!(
        unknown.steps, neu.steps,
        "„Weiß ich nicht“ walks the path of „neu“"
    );
    assert_eq!(
        unknown.tasks.max,
        neu.tasks.max + 1,
        "plus the task written for it"
    );
    assert_eq!(unknown.tasks.min, neu.tasks.min + 1);
    assert!(find("erfahren").paths > 0);
}
