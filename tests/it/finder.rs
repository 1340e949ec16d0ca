//! The search field's view of hits: kind, title, chapter, the mark for steps off the
//! user's path, snippets in parts, the place each hit opens and the notes it searches.

use leitfaden::finder::{self, OnPath, SHOWN, Shown};
use leitfaden::guide::{Guide, Material};
use leitfaden::path;
use leitfaden::progress::Progress;
use leitfaden::route::{self, Route};
use leitfaden::search::{SearchIndex, Target};

use crate::common::*;

fn guide() -> Guide {
    load_ok(&files("search")).0
}

/// The first hit for `query` (with `notes`) as listed for a Kommune of size `groesse`.
fn first(guide: &Guide, query: &str, notes: &[(usize, &str)], groesse: &str) -> Shown {
    let path = path::compute(guide, &answers(guide, &[&format!("groesse={groesse}")]));
    let r = SearchIndex::build(guide).search(guide, query, notes, SHOWN);
    let hit = r
        .hits
        .first()
        .unwrap_or_else(|| panic!("no hit for {query}"));
    finder::shown(guide, &path, true, hit)
}

/// The marked pieces of a title or snippet.
fn marked(parts: &[(String, bool)]) -> Vec<&str> {
    parts
        .iter()
        .filter(|(_, m)| *m)
        .map(|(t, _)| t.as_str())
        .collect()
}

fn joined(parts: &[(String, bool)]) -> String {
    parts.iter().map(|(t, _)| t.as_str()).collect()
}

#[test]
fn a_title_hit_is_marked_in_the_title_with_chapter_and_path() {
    let g = guide();
    let s = first(&g, "buergerrat", &[], "klein");
    assert_eq!(s.kind, "Schritt");
    assert_eq!(joined(&s.title), "Einen Bürgerrat einsetzen");
    assert_eq!(marked(&s.title), ["Bürgerrat"]);
    assert_eq!(
        s.snippet,
        [],
        "the title holds the hit, no snippet repeats it"
    );
    assert_eq!(s.chapter.as_deref(), Some("Kapitel 0 · Beteiligen"));
    assert_eq!(s.path, Some(OnPath::Yes));
    assert_eq!(s.href, "#/schritt/buergerrat");
}

#[test]
fn a_body_hit_shows_its_snippet_and_a_hidden_step_says_so() {
    let g = guide();
    // „Bürgerbeteiligung“ stands only in the body of a step for large towns.
    let path = path::compute(&g, &answers(&g, &["groesse=klein"]));
    let r = SearchIndex::build(&g).search(&g, "Beteiligung", &[], SHOWN);
    let hit = r
        .hits
        .iter()
        .find(|h| h.target == Target::Step(step(&g, "oeffentlichkeit")))
        .expect("the step is found");
    let s = finder::shown(&g, &path, true, hit);
    assert_eq!(joined(&s.title), "Die Öffentlichkeit einbinden");
    assert_eq!(marked(&s.title), Vec::<&str>::new());
    assert_eq!(
        joined(&s.snippet),
        "Bürgerbeteiligung braucht klare Regeln."
    );
    assert_eq!(marked(&s.snippet), ["Bürgerbeteiligung"]);
    assert_eq!(s.path, Some(OnPath::No));
    assert_eq!(s.chapter.as_deref(), Some("Kapitel 0 · Beteiligen"));
    // For a large town the same step is on the path.
    let big = path::compute(&g, &answers(&g, &["groesse=gross"]));
    assert_eq!(finder::shown(&g, &big, true, hit).path, Some(OnPath::Yes));
    // Before the intake, no step is said to be off the path.
    assert_eq!(finder::shown(&g, &path, false, hit).path, None);
}

#[test]
fn every_kind_opens_its_own_place() {
    let g = guide();
    let cases = [
        (
            "Leitfragen",
            "Arbeitshilfe",
            "#/schritt/ziele?anker=arbeitshilfe-leitfragen",
        ),
        (
            "Musterstadt",
            "Beispiel",
            "#/schritt/buergerrat?anker=beispiel-musterstadt",
        ),
        ("Bürgerräte", "Begriff", "#/ueber?anker=begriff-buergerrat"),
        (
            "Handreichung",
            "Quelle",
            "#/ueber?anker=quelle-handreichung",
        ),
    ];
    for (query, kind, href) in cases {
        let s = first(&g, query, &[], "klein");
        assert_eq!((s.kind, s.href.as_str()), (kind, href), "{query}");
        assert_eq!(s.chapter, None, "{query}");
        assert_eq!(s.path, None, "{query}: only steps are on a path");
    }
    // The anchors are the ones the screens give these places.
    assert_eq!(
        route::resource_anchor("leitfragen"),
        "arbeitshilfe-leitfragen"
    );
    assert_eq!(route::term_anchor("buergerrat"), "begriff-buergerrat");
    assert_eq!(
        route::anchor("#/ueber?anker=quelle-handreichung"),
        Some(route::source_anchor("handreichung").as_str())
    );
    assert_eq!(
        Route::from_hash("#/schritt/ziele?anker=arbeitshilfe-leitfragen"),
        Route::Step("ziele".into())
    );
}

#[test]
fn material_opens_at_the_first_step_on_the_users_path_that_lists_it() {
    let mut files = files("search");
    // The Beispiel moves to a step only large towns see and to a later step for everyone.
    edit(
        &mut files,
        "kapitel/01-beteiligen.ron",
        r#"examples: ["musterstadt"],"#,
        "",
    );
    edit(
        &mut files,
        "kapitel/01-beteiligen.ron",
        r#"body: "Bürgerbeteiligung braucht klare Regeln.","#,
        r#"body: "Bürgerbeteiligung braucht klare Regeln.", examples: ["musterstadt"],"#,
    );
    edit(
        &mut files,
        "kapitel/02-beschliessen.ron",
        r#"body: "Ein Ratsbeschluss gibt dem Vorhaben Rückhalt.","#,
        r#"body: "Ein Ratsbeschluss gibt dem Vorhaben Rückhalt.", examples: ["musterstadt"],"#,
    );
    let (g, _) = load_ok(&files);
    let hit = Target::Example(0);
    let link = |groesse: &str| {
        let path = path::compute(&g, &answers(&g, &[&format!("groesse={groesse}")]));
        finder::link(&g, &path, hit)
    };
    assert_eq!(
        link("klein"),
        "#/schritt/rueckhalt?anker=beispiel-musterstadt"
    );
    assert_eq!(
        link("gross"),
        "#/schritt/oeffentlichkeit?anker=beispiel-musterstadt"
    );
    // Listed by no step (the author check warns): the overview.
    let mut files = files.clone();
    edit(
        &mut files,
        "kapitel/01-beteiligen.ron",
        r#" examples: ["musterstadt"],"#,
        "",
    );
    edit(
        &mut files,
        "kapitel/02-beschliessen.ron",
        r#" examples: ["musterstadt"],"#,
        "",
    );
    let (g, _) = load_ok(&files);
    let path = path::compute(&g, &Default::default());
    assert_eq!(finder::link(&g, &path, hit), "#/uebersicht");
}

#[test]
fn a_beispiel_is_named_with_its_kommune_and_marked_where_the_hit_is() {
    let g = guide();
    let s = first(&g, "Musterstadt", &[], "klein");
    assert_eq!(joined(&s.title), "Musterstadt: Vorhabenliste im Netz");
    assert_eq!(marked(&s.title), ["Musterstadt"]);
    assert_eq!(s.snippet, []);
    let r = SearchIndex::build(&g).search(&g, "netz", &[], SHOWN);
    let path = path::compute(&g, &Default::default());
    let s = finder::shown(&g, &path, true, &r.hits[0]);
    assert_eq!(marked(&s.title), ["Netz"]);
    assert_eq!(&s.title[0].0, "Musterstadt: Vorhabenliste im ");
}

#[test]
fn a_term_found_by_another_spelling_shows_that_spelling() {
    let g = guide();
    let s = first(&g, "Bürgerräte", &[], "klein");
    assert_eq!(joined(&s.title), "Bürgerrat");
    assert_eq!(marked(&s.snippet), ["Bürgerräte"]);
}

#[test]
fn an_arbeitshilfe_of_a_paragraph_opens_where_the_user_sees_it() {
    let mut files = files("search");
    // „Leitfragen“ moves from „Ziele klären“ to a paragraph for large towns on „Rückhalt
    // sichern“ and stays, for everyone, on the last step.
    edit(
        &mut files,
        "kapitel/01-beteiligen.ron",
        r#"resources: ["leitfragen"],"#,
        "",
    );
    edit(
        &mut files,
        "kapitel/02-beschliessen.ron",
        r#"body: "Ein Ratsbeschluss gibt dem Vorhaben Rückhalt.","#,
        r#"body: "Ein Ratsbeschluss gibt dem Vorhaben Rückhalt.",
            variants: [(when: Profile("groesse", ["gross"]), text: "In der Stadt.", resources: ["leitfragen"])],"#,
    );
    edit(
        &mut files,
        "kapitel/02-beschliessen.ron",
        r#"(id: "pflege", text: "Benennen Sie, wer die Liste pflegt."),
            ],"#,
        r#"(id: "pflege", text: "Benennen Sie, wer die Liste pflegt."),
            ],
            resources: ["leitfragen"],"#,
    );
    let (g, _) = load_ok(&files);
    let cited: Vec<&str> = g
        .steps_citing(Material::Resource, "leitfragen")
        .into_iter()
        .map(|i| g.steps[i].id.as_str())
        .collect();
    assert_eq!(
        cited,
        ["rueckhalt", "vorhabenliste"],
        "a variant's Arbeitshilfe counts"
    );
    let link = |groesse: &str| {
        let path = path::compute(&g, &answers(&g, &[&format!("groesse={groesse}")]));
        finder::link(&g, &path, Target::Resource(0))
    };
    assert_eq!(
        link("gross"),
        "#/schritt/rueckhalt?anker=arbeitshilfe-leitfragen"
    );
    // A small Gemeinde does not see the paragraph, so not the Arbeitshilfe there.
    assert_eq!(
        link("klein"),
        "#/schritt/vorhabenliste?anker=arbeitshilfe-leitfragen"
    );
}

#[test]
fn a_note_hit_opens_its_step_and_is_labelled_as_the_users() {
    let g = guide();
    let mut p = Progress::default();
    p.set_note("rueckhalt", "Frau Okonkwo im Bauamt fragen.");
    p.set_note("ziele", "   ");
    p.set_note("gibt-es-nicht", "Okonkwo, aber der Schritt ist fort.");
    let notes = finder::notes(&g, &p);
    assert_eq!(
        notes,
        [(step(&g, "rueckhalt"), "Frau Okonkwo im Bauamt fragen.")],
        "blank notes and notes of removed steps are not searched"
    );
    let s = first(&g, "okonkwo", &notes, "klein");
    assert_eq!(s.kind, "Ihre Notiz");
    assert_eq!(joined(&s.title), "Rückhalt sichern");
    assert_eq!(marked(&s.snippet), ["Okonkwo"]);
    assert_eq!(s.href, "#/schritt/rueckhalt?anker=notiz-rueckhalt");
    assert_eq!(s.chapter.as_deref(), Some("Kapitel 1 · Beschließen"));
    assert_eq!(s.path, Some(OnPath::Yes));
}

#[test]
fn notes_come_in_guide_order_whatever_their_ids() {
    let g = guide();
    let mut p = Progress::default();
    // Ids sort as „auftrag“ < „ziele“, the guide has „ziele“ first.
    p.set_note("auftrag", "Zweite.");
    p.set_note("ziele", "Erste.");
    let notes = finder::notes(&g, &p);
    assert_eq!(
        notes,
        [
            (step(&g, "ziele"), "Erste."),
            (step(&g, "auftrag"), "Zweite.")
        ]
    );
}

#[test]
fn the_path_is_said_in_words() {
    assert_eq!(OnPath::Yes.label(), "auf Ihrem Weg");
    assert_eq!(OnPath::No.label(), "nicht auf Ihrem Weg");
}

#[test]
fn counts_say_keine_one_and_many_and_how_many_are_listed() {
    assert_eq!(finder::count(0), "Keine Treffer");
    assert_eq!(finder::count(1), "1 Treffer");
    assert_eq!(finder::count(23), "23 Treffer");
    assert_eq!(finder::summary(3, " rat "), "3 Treffer für „rat“");
    assert_eq!(
        finder::summary(SHOWN + 1, "rat"),
        format!(
            "{} Treffer für „rat“, die ersten {SHOWN} stehen hier",
            SHOWN + 1
        )
    );
}

#[test]
fn snippet_parts_cover_the_text_and_mark_exactly_the_ranges() {
    let text = "Ein Bürgerrat, ein Rat.";
    let marks = [4..14, 20..23];
    let parts = leitfaden::search::parts(text, &marks);
    assert_eq!(
        parts,
        [
            ("Ein ", false),
            ("Bürgerrat", true),
            (", ein ", false),
            ("Rat", true),
            (".", false)
        ]
    );
    assert_eq!(
        leitfaden::search::parts("Rat", &[0..1, 2..3]),
        [("R", true), ("a", false), ("t", true)]
    );
    assert_eq!(leitfaden::search::parts("", &[]), []);
}

#[test]
fn steps_citing_material_follow_each_kind_of_reference() {
    let g = guide();
    let ids =
        |v: Vec<usize>| -> Vec<String> { v.into_iter().map(|i| g.steps[i].id.clone()).collect() };
    assert_eq!(
        ids(g.steps_citing(Material::Resource, "leitfragen")),
        ["ziele"]
    );
    assert_eq!(
        ids(g.steps_citing(Material::Example, "musterstadt")),
        ["buergerrat"]
    );
    assert_eq!(
        ids(g.steps_citing(Material::Source, "handreichung")),
        ["ziele"]
    );
    assert_eq!(
        g.steps_citing(Material::Resource, "musterstadt"),
        Vec::<usize>::new()
    );
    // A source cited only by a variant counts.
    let mut files = files("search");
    edit(
        &mut files,
        "kapitel/02-beschliessen.ron",
        r#"body: "Ein Ratsbeschluss gibt dem Vorhaben Rückhalt.","#,
        r#"body: "Ein Ratsbeschluss gibt dem Vorhaben Rückhalt.",
            variants: [(when: Profile("groesse", ["gross"]), text: "In der Stadt.", sources: ["handreichung"])],"#,
    );
    let (g, _) = load_ok(&files);
    let cited: Vec<&str> = g
        .steps_citing(Material::Source, "handreichung")
        .into_iter()
        .map(|i| g.steps[i].id.as_str())
        .collect();
    assert_eq!(cited, ["ziele", "rueckhalt"]);
}

#[test]
fn the_list_marks_hits_names_each_link_and_keeps_the_users_text_as_text() {
    let g = guide();
    let path = path::compute(&g, &answers(&g, &["groesse=klein"]));
    let id = step(&g, "rueckhalt");
    let note = "<script>alert(1)</script> Okonkwo & \"Partner\"";
    // The guide has no „Okonkwo“: the one hit is the note.
    assert_eq!(
        SearchIndex::build(&g)
            .search(&g, "okonkwo", &[], SHOWN)
            .total,
        0
    );
    let notes = [(id, note)];
    let r = SearchIndex::build(&g).search(&g, "okonkwo", &notes, SHOWN);
    let shown: Vec<Shown> = r
        .hits
        .iter()
        .map(|h| finder::shown(&g, &path, true, h))
        .collect();
    let html = finder::list_html(&finder::summary(r.total, "okonkwo"), &shown);
    assert_eq!(
        html,
        "<p class=\"search-count\">1 Treffer für „okonkwo“</p><ul class=\"search-hits\">\
         <li><a id=\"treffer-0\" class=\"search-hit\" href=\"#/schritt/rueckhalt?anker=notiz-rueckhalt\">\
         <span class=\"hit-kind\">Ihre Notiz </span><span class=\"hit-title\">Rückhalt sichern </span>\
         <span class=\"hit-chapter\">Kapitel 1 · Beschließen </span>\
         <span class=\"hit-snippet\">&lt;script&gt;alert(1)&lt;/script&gt; <mark>Okonkwo</mark> &amp; &quot;Partner&quot; </span>\
         <span class=\"hit-path\">auf Ihrem Weg </span></a></li></ul>"
    );
    // A step off the path is marked for the eye too; no hits, no list.
    let r = SearchIndex::build(&g).search(&g, "Bürgerbeteiligung", &[], SHOWN);
    let shown: Vec<Shown> = r
        .hits
        .iter()
        .map(|h| finder::shown(&g, &path, true, h))
        .collect();
    let html = finder::list_html("x", &shown);
    assert!(
        html.contains("<span class=\"hit-path off-path\">nicht auf Ihrem Weg </span>"),
        "{html}"
    );
    assert!(html.contains("<mark>Bürgerbeteiligung</mark>"), "{html}");
    assert_eq!(
        finder::list_html("Keine Treffer für „x“", &[]),
        "<p class=\"search-count\">Keine Treffer für „x“</p>"
    );
}

#[test]
fn the_search_field_markup_is_the_same_in_the_app_and_on_the_pages_but_for_disabled() {
    use leitfaden::finder::field;
    let app = field::html(false);
    let page = field::html(true);
    assert_eq!(page.replace(" disabled>", ">"), app);
    assert!(app.starts_with("<form id=\"suche\" class=\"site-search\" role=\"search\"><label for=\"suchfeld\">Im Leitfaden suchen</label>"));
    assert!(app.contains("aria-keyshortcuts=\"/\""));
    assert!(app.contains("<p id=\"suchstatus\" class=\"visually-hidden\" role=\"status\"></p>"));
    assert!(
        app.ends_with("<div id=\"suchergebnisse\" class=\"search-results\" hidden></div></form>")
    );
}

#[test]
fn the_glossary_lists_every_term_with_its_anchor() {
    let g = guide();
    let html = leitfaden::html::glossary(&g);
    assert_eq!(html.matches("<dt id=\"begriff-").count(), g.terms.len());
    let t = &g.terms[0];
    assert!(html.starts_with(&format!(
        "<dt id=\"{}\">{}</dt><dd>",
        route::term_anchor(&t.id),
        t.term
    )));
}
