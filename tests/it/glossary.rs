//! Glossary matching: terms marked where a spelling starts a word.

use crate::common::*;
use leitfaden::guide::Guide;

fn matches(guide: &Guide, s: &str) -> Vec<String> {
    guide
        .spellings
        .find(s)
        .iter()
        .map(|m| {
            assert_eq!(m.term, 0);
            s[m.start..m.end].to_string()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Glossary

#[test]
fn glossary_term_at_word_start() {
    let guide = minimal();
    assert_eq!(
        matches(&guide, "Open Government ist gut."),
        ["Open Government"]
    );
    assert_eq!(
        matches(&guide, "Wir mögen „Open Government“ und (Open Government)."),
        ["Open Government", "Open Government"]
    );
    let m = guide.spellings.find("Über Open Government");
    assert_eq!(
        (m[0].start, m[0].end),
        ("Über ".len(), "Über Open Government".len())
    );
}

#[test]
fn glossary_term_with_inflected_suffix_and_other_spelling() {
    let guide = minimal();
    // The term starts a word; the rest of the word may follow.
    assert_eq!(
        matches(&guide, "Die Ziele des Open Governments"),
        ["Open Government"]
    );
    // `also` spellings, the longest one first.
    assert_eq!(
        matches(&guide, "Ein Open-Government-Projekt"),
        ["Open-Government"]
    );
}

#[test]
fn glossary_term_not_in_the_middle_of_a_word() {
    let guide = minimal();
    for s in [
        "ReOpen Government",
        "Landes-Open Government",
        "open government",
        "Open  Government",
        "",
    ] {
        assert!(matches(&guide, s).is_empty(), "{s:?}");
    }
}
