//! The release app reads the guide from a JSON bundle instead of RON: it must be the same
//! guide, down to the fingerprints that saved progress is compared against.

use std::collections::BTreeMap;
use std::path::Path;

use leitfaden::guide::{Guide, bundle};

use crate::common::{files, read_dir};

fn same_guide(files: &BTreeMap<String, String>) {
    let (from_ron, _) = Guide::load(files).expect("the RON guide loads");
    let json = bundle::write(files).expect("the bundle is written");
    let from_json = bundle::read(&json).expect("the bundle loads");
    assert_eq!(from_json.fingerprint, from_ron.fingerprint);
    assert_eq!(from_json.id, from_ron.id);
    assert_eq!(from_json.version, from_ron.version);
    assert_eq!(from_json.intro, from_ron.intro);
    assert_eq!(from_json.about, from_ron.about);
    assert_eq!(from_json.questions, from_ron.questions);
    assert_eq!(from_json.demo_profiles, from_ron.demo_profiles);
    assert_eq!(from_json.steps, from_ron.steps);
    assert_eq!(from_json.step_chapter, from_ron.step_chapter);
    assert_eq!(from_json.resources, from_ron.resources);
    assert_eq!(from_json.examples, from_ron.examples);
    assert_eq!(from_json.terms, from_ron.terms);
    assert_eq!(from_json.sources, from_ron.sources);
    assert_eq!(from_json.decisions, from_ron.decisions);
    assert_eq!(from_json.capacity_question, from_ron.capacity_question);
    let chapters = |g: &Guide| {
        g.chapters
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.title.clone(),
                    c.intro.clone(),
                    c.steps.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(chapters(&from_json), chapters(&from_ron));
    for i in 0..from_ron.steps.len() {
        assert_eq!(from_json.step_fingerprint(i), from_ron.step_fingerprint(i));
        assert_eq!(from_json.step_index(&from_ron.steps[i].id), Some(i));
    }
}

#[test]
fn the_bundled_guide_is_the_same_from_json() {
    same_guide(&read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"),
    ));
}

#[test]
fn a_generated_guide_is_the_same_from_json() {
    same_guide(&leitfaden::generate::guide(300, 7));
}

#[test]
fn a_broken_file_gives_no_bundle_but_its_located_error() {
    let mut broken = files("minimal");
    let name = "kapitel/01-anfangen.ron";
    let text = broken[name].clone();
    broken.insert(name.into(), format!("{text}\n)"));
    let report = bundle::write(&broken).expect_err("a broken file must not be bundled");
    assert!(report.has_errors());
    let text = report.render("guide/");
    assert!(text.contains(&format!("guide/{name}:")), "{text}");
}

#[test]
fn a_damaged_bundle_is_refused_with_a_message() {
    let json = bundle::write(&files("minimal")).unwrap();
    let err = bundle::read(&json[..json.len() / 2]).expect_err("half a bundle");
    assert!(err.contains("nicht lesbar"), "{err}");
    let err = bundle::read("{}").expect_err("a bundle without its index");
    assert!(
        err.contains("fehlt der Inhalt von `leitfaden.ron`"),
        "{err}"
    );
}
