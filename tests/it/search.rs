//! Search: German-aware matching, ranking, notes and snippets on a fixture written for each
//! rule, robustness on odd input, and the bundled guide.

use std::path::Path;
use std::sync::OnceLock;

use leitfaden::guide::Guide;
use leitfaden::search::{Field, Hit, Results, SearchIndex, Target};
use proptest::prelude::*;

use crate::common::*;

/// The search fixture, loaded once (it passes the full author check without warnings).
fn fixture() -> &'static (Guide, SearchIndex) {
    static FIXTURE: OnceLock<(Guide, SearchIndex)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let (guide, report) = load_ok(&files("search"));
        assert_eq!(report.diagnostics, vec![], "{}", report.render("search/"));
        let index = SearchIndex::build(&guide);
        (guide, index)
    })
}

fn search(g: &(Guide, SearchIndex), query: &str) -> Results {
    g.1.search(&g.0, query, &[], usize::MAX)
}

fn step(g: &(Guide, SearchIndex), id: &str) -> Target {
    Target::Step(
        g.0.step_index(id)
            .unwrap_or_else(|| panic!("no step `{id}`")),
    )
}

/// The targets of the hits, in order.
fn targets(r: &Results) -> Vec<Target> {
    r.hits.iter().map(|h| h.target).collect()
}

/// The words a hit marks, as they stand in its snippet.
fn marked(hit: &Hit) -> Vec<&str> {
    hit.marks.iter().map(|m| &hit.snippet[m.clone()]).collect()
}

/// The hit for `target`, which must be there.
fn hit_for(r: &Results, target: Target) -> &Hit {
    r.hits
        .iter()
        .find(|h| h.target == target)
        .unwrap_or_else(|| panic!("{target:?} not among {:?}", targets(r)))
}

/// What every result must satisfy, whatever the query.
fn assert_well_formed(r: &Results, limit: usize) {
    assert!(r.hits.len() <= limit && r.hits.len() <= r.total);
    assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
    for h in &r.hits {
        assert!(h.score > 0);
        let mut end = 0;
        for m in &h.marks {
            assert!(
                m.start >= end && m.start < m.end && m.end <= h.snippet.len(),
                "{h:?}"
            );
            assert!(h.snippet.is_char_boundary(m.start) && h.snippet.is_char_boundary(m.end));
            end = m.end;
        }
    }
}

#[test]
fn case_and_both_umlaut_spellings_find_the_same_and_the_titled_step_first() {
    let g = fixture();
    let first = search(g, "Bürgerrat");
    for query in ["buergerrat", "BÜRGERRAT", "BUERGERRAT", "bürgerrat"] {
        assert_eq!(search(g, query), first, "{query}");
    }
    assert_eq!(first.hits[0].target, step(g, "buergerrat"));
    assert_eq!(first.hits[0].field, Field::Title);
    assert_eq!(first.hits[0].snippet, "Einen Bürgerrat einsetzen");
    assert_eq!(marked(&first.hits[0]), ["Bürgerrat"]);
}

#[test]
fn title_hits_rank_above_body_hits_whatever_the_guide_order() {
    let g = fixture();
    let r = search(g, "buergerrat");
    // `ziele` comes first in the guide but has the word only in its body.
    assert_eq!(
        targets(&r),
        [step(g, "buergerrat"), Target::Term(0), step(g, "ziele")]
    );
    assert_eq!(r.hits[1].field, Field::Title);
    assert_eq!(r.hits[2].field, Field::Body);
    assert!(r.hits[1].score > r.hits[2].score);
}

#[test]
fn exact_words_rank_above_inflections_above_compound_parts() {
    let g = fixture();
    let r = search(g, "Beschluss");
    // In the guide the order is the other way round: Ratsbeschluss, Beschlüsse, Beschluss.
    let order: Vec<Target> = targets(&r)
        .into_iter()
        .filter(|t| matches!(t, Target::Step(_)))
        .collect();
    assert_eq!(
        order,
        [
            step(g, "auftrag"),
            step(g, "veroeffentlichen"),
            step(g, "rueckhalt")
        ]
    );
    assert_eq!(marked(hit_for(&r, step(g, "auftrag"))), ["Beschluss"]);
    assert_eq!(
        marked(hit_for(&r, step(g, "veroeffentlichen"))),
        ["Beschlüsse"]
    );
    assert_eq!(marked(hit_for(&r, step(g, "rueckhalt"))), ["Ratsbeschluss"]);
    // The Arbeitshilfe has „Beschlüsse“ in a list item, written in bold.
    let resource = hit_for(&r, Target::Resource(0));
    assert_eq!(
        resource.snippet,
        "Wie fließen die Ergebnisse in Beschlüsse ein?"
    );
    assert_eq!(marked(resource), ["Beschlüsse"]);
}

#[test]
fn inflected_queries_find_the_base_form() {
    let g = fixture();
    let r = search(g, "Beschlüssen");
    assert!(
        targets(&r).contains(&step(g, "auftrag")),
        "{:?}",
        targets(&r)
    );
    assert_eq!(marked(hit_for(&r, step(g, "auftrag"))), ["Beschluss"]);
    // „Bürgerräte“ (plural) finds the singular in a title; the term lists the plural as
    // one of its spellings, an exact match, so it comes first.
    let r = search(g, "Bürgerräte");
    assert_eq!(&targets(&r)[..2], [Target::Term(0), step(g, "buergerrat")]);
    assert_eq!(marked(&r.hits[0]), ["Bürgerräte"]);
    assert_eq!(marked(&r.hits[1]), ["Bürgerrat"]);
    assert_eq!(r.hits[1].field, Field::Title);
}

#[test]
fn compound_parts_are_found_inside_longer_words() {
    let g = fixture();
    let r = search(g, "Beteiligung");
    assert_eq!(targets(&r), [Target::Source(0), step(g, "oeffentlichkeit")]);
    for h in &r.hits {
        assert_eq!(marked(h), ["Bürgerbeteiligung"]);
    }
    // Parts need four letters: „Rat“ finds „Rates“ and „Ratsbeschluss“, not „Bürgerrat“.
    let rat = search(g, "Rat");
    assert!(rat.total > 0);
    assert!(
        rat.hits
            .iter()
            .flat_map(marked)
            .all(|w| w.to_lowercase().starts_with("rat")),
        "{:?}",
        rat.hits
    );
}

#[test]
fn typos_are_tolerated_in_longer_words_only() {
    let g = fixture();
    // One letter too many in 14 letters.
    let r = search(g, "Vorhabensliste");
    assert_eq!(r.hits[0].target, step(g, "vorhabenliste"));
    assert_eq!(marked(&r.hits[0]), ["Vorhabenliste"]);
    assert_eq!(marked(hit_for(&r, Target::Example(0))), ["Vorhabenliste"]);
    // Two edits in nine letters.
    assert_eq!(search(g, "Burgarrad").hits[0].target, step(g, "buergerrat"));
    // Two swapped letters count as one edit: „Zeile“ finds „Ziele“ …
    assert_eq!(targets(&search(g, "Zeile")), [step(g, "ziele")]);
    // … but two edits in five letters are too many, and four letters get no tolerance.
    assert_eq!(search(g, "Zeiel").total, 0);
    assert_eq!(search(g, "Zeil").total, 0);
    // A typo scores below the exact word.
    assert!(search(g, "Zeile").hits[0].score < search(g, "Ziele").hits[0].score);
}

#[test]
fn every_query_word_must_match() {
    let g = fixture();
    let r = search(g, "Bürgerrat Einwohner");
    assert_eq!(targets(&r), [step(g, "buergerrat"), Target::Term(0)]);
    // The snippet is the text that holds both words.
    assert_eq!(
        marked(&r.hits[0]),
        ["Bürgerrat", "Einwohnerinnen", "Einwohner"]
    );
    assert_eq!(r.hits[0].field, Field::Body);
    assert_eq!(search(g, "Bürgerrat Ratsbeschluss").total, 0);
    // Repeating a word changes nothing.
    assert_eq!(search(g, "Bürgerrat bürgerrat"), search(g, "Bürgerrat"));
}

#[test]
fn markup_and_link_targets_are_not_searched_or_shown() {
    let g = fixture();
    let r = search(g, "ausgeloste");
    let h = hit_for(&r, step(g, "buergerrat"));
    assert_eq!(
        h.snippet,
        "Ein Bürgerrat bringt ausgeloste Einwohnerinnen und Einwohner zusammen. Mehr dazu."
    );
    assert_eq!(marked(h), ["ausgeloste"]);
    // The link goes to example.org; neither the address nor the source's URL is text.
    assert_eq!(search(g, "example").total, 0);
    assert_eq!(search(g, "https").total, 0);
}

#[test]
fn long_texts_give_a_snippet_around_the_hit_cut_at_word_boundaries() {
    let g = fixture();
    let r = search(g, "Geschäftsordnung");
    assert_eq!(targets(&r), [step(g, "vorhabenliste")]);
    let h = &r.hits[0];
    assert!(h.snippet.chars().count() <= 160, "{}", h.snippet);
    let inner = h
        .snippet
        .strip_prefix('…')
        .and_then(|s| s.strip_suffix('…'))
        .unwrap_or_else(|| panic!("cut on both sides: {}", h.snippet));
    let body = &g.0.steps[g.0.step_index("vorhabenliste").unwrap()].body;
    let at = body.find(inner).expect("the snippet is original text");
    assert!(body[..at].ends_with(' ') && body[at + inner.len()..].starts_with(' '));
    assert_eq!(marked(h), ["Geschäftsordnung"]);
}

#[test]
fn notes_are_searched_and_point_to_their_step() {
    let g = fixture();
    let ziele = g.0.step_index("ziele").unwrap();
    let auftrag = g.0.step_index("auftrag").unwrap();
    let notes = [
        (ziele, "Termin mit dem Bürgerrat am Montag."),
        (auftrag, "Nichts Besonderes."),
    ];
    let r = g.1.search(&g.0, "Bürgerrat", &notes, usize::MAX);
    let note = hit_for(&r, Target::Note(ziele));
    assert_eq!(note.target.step(), Some(ziele));
    assert_eq!(note.field, Field::Body);
    assert_eq!(note.snippet, "Termin mit dem Bürgerrat am Montag.");
    assert_eq!(marked(note), ["Bürgerrat"]);
    assert!(!targets(&r).contains(&Target::Note(auftrag)));
    // A note ranks like a body hit: after the title hits.
    assert_eq!(&targets(&r)[..2], [step(g, "buergerrat"), Target::Term(0)]);
    // Every query word must be in the same note; the note's words get typo tolerance too.
    let r = g.1.search(&g.0, "Tremin Montag", &notes, usize::MAX);
    assert_eq!(targets(&r), [Target::Note(ziele)]);
    assert_eq!(marked(&r.hits[0]), ["Termin", "Montag"]);
    assert_eq!(g.1.search(&g.0, "Montag Klarheit", &notes, 10).total, 0);
}

#[test]
fn the_limit_bounds_the_hits_but_not_the_total() {
    let g = fixture();
    let all = search(g, "Beschluss");
    let two = g.1.search(&g.0, "Beschluss", &[], 2);
    assert_eq!(two.total, all.total);
    assert_eq!(two.hits, all.hits[..2]);
    assert_eq!(g.1.search(&g.0, "Beschluss", &[], 0).hits, []);
}

#[test]
fn odd_queries_find_nothing_and_do_not_panic() {
    let g = fixture();
    let long = "a".repeat(10_000);
    let long_word = "Bürgerrat".repeat(500);
    for query in [
        "",
        "   ",
        "\n\t",
        "!!! ??? …",
        "„“–—",
        "😀",
        "\u{0}",
        long.as_str(),
        long_word.as_str(),
    ] {
        let r = search(g, query);
        assert_eq!(r.total, 0, "{query:?}");
        assert_eq!(r.hits, []);
    }
    // What is not a letter separates words, so an emoji next to a word is dropped.
    assert_eq!(search(g, "😀Bürgerrat😀"), search(g, "Bürgerrat"));
}

proptest! {
    #[test]
    fn any_query_and_any_notes_give_well_formed_results(
        query in "\\PC{0,40}",
        note in "\\PC{0,200}",
        words in prop::collection::vec("(Bürger|rat|Beschl|üsse|Vorhaben|liste|ä|ß|ue| |-)", 0..6),
    ) {
        let g = fixture();
        let assembled = words.concat();
        let notes = [(0, note.as_str()), (1, assembled.as_str())];
        for q in [query.as_str(), assembled.as_str()] {
            let r = g.1.search(&g.0, q, &notes, 5);
            assert_well_formed(&r, 5);
        }
    }
}

#[test]
fn on_the_bundled_guide_the_first_hit_has_the_word() {
    let files = read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"));
    let (guide, _) = Guide::load(&files).expect("the bundled guide loads");
    let index = SearchIndex::build(&guide);
    for query in ["Bürgerrat", "Beteiligung", "Vorhabenliste", "Transparenz"] {
        let r = index.search(&guide, query, &[], 20);
        assert_well_formed(&r, 20);
        let first = r
            .hits
            .first()
            .unwrap_or_else(|| panic!("no hit for {query}"));
        let folded = |s: &str| s.to_lowercase().replace('ü', "ue");
        assert!(
            marked(first)
                .iter()
                .any(|w| folded(w).contains(&folded(query))),
            "{query}: {first:?}"
        );
    }
}

/// The bundled guide and its index, loaded once.
fn bundled() -> &'static (Guide, SearchIndex) {
    static BUNDLED: OnceLock<(Guide, SearchIndex)> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let files = read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"));
        let (guide, _) = Guide::load(&files).expect("the bundled guide loads");
        let index = SearchIndex::build(&guide);
        (guide, index)
    })
}

/// Every word any hit of `r` marks.
fn all_marked(r: &Results) -> Vec<&str> {
    r.hits.iter().flat_map(marked).collect()
}

#[test]
fn on_the_bundled_guide_every_spelling_of_buergerrat_lists_the_buergerrat_step_first() {
    let g = bundled();
    let first = search(g, "Bürgerrat");
    assert!(first.total > 1);
    for query in ["buergerrat", "BÜRGERRAT", "bürgerrat", "BUERGERRAT"] {
        assert_eq!(search(g, query), first, "{query}");
    }
    let hit = &first.hits[0];
    let Target::Step(i) = hit.target else {
        panic!("the first hit is no step: {hit:?}");
    };
    assert!(
        g.0.steps[i].title.contains("Bürgerrat"),
        "{}",
        g.0.steps[i].title
    );
    assert_eq!(hit.field, Field::Title);
    assert_eq!(marked(hit), ["Bürgerrat"]);
}

#[test]
fn on_the_bundled_guide_compound_parts_and_inflections_are_found() {
    let g = bundled();
    // „Beteiligung“ finds „Bürgerbeteiligung“, which the guide uses in many places.
    let r = search(g, "Beteiligung");
    assert!(
        all_marked(&r).contains(&"Bürgerbeteiligung"),
        "{:?}",
        all_marked(&r)
    );
    // „Beschluss“ finds the plural „Beschlüsse“ and the compound „Ratsbeschluss“.
    let r = search(g, "Beschluss");
    let words = all_marked(&r);
    assert!(words.contains(&"Beschlüsse"), "{words:?}");
    assert!(
        words
            .iter()
            .any(|w| w.eq_ignore_ascii_case("Ratsbeschluss")),
        "{words:?}"
    );
}

#[test]
fn on_the_bundled_guide_vorhabensliste_finds_the_vorhabenliste_step_first() {
    let g = bundled();
    let typo = search(g, "Vorhabensliste");
    let hit = &typo.hits[0];
    let Target::Step(i) = hit.target else {
        panic!("the first hit is no step: {hit:?}");
    };
    assert!(g.0.steps[i].title.contains("Vorhabenliste"));
    assert_eq!(marked(hit), ["Vorhabenliste"]);
    // The typo finds what the right spelling finds, scored lower.
    let right = search(g, "Vorhabenliste");
    assert_eq!(targets(&typo), targets(&right));
    assert!(typo.hits[0].score < right.hits[0].score);
}

#[test]
fn on_the_bundled_guide_title_hits_rank_above_body_hits() {
    let g = bundled();
    for query in [
        "Bürgerrat",
        "Beteiligung",
        "Transparenz",
        "Haushalt",
        "Vorhabenliste",
    ] {
        let r = search(g, query);
        let fields: Vec<Field> = r.hits.iter().map(|h| h.field).collect();
        let first_body = fields.iter().position(|&f| f == Field::Body);
        let last_title = fields.iter().rposition(|&f| f == Field::Title);
        assert!(
            first_body.is_some() && last_title.is_some(),
            "{query} has hits of both kinds"
        );
        assert!(last_title < first_body, "{query}: {fields:?}");
    }
}
