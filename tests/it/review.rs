//! Reviews over time: snapshots (read-only, capped, merged between tabs), targets and the
//! review date, the comparison with the last snapshot, and the chart with its table.

use crate::common::*;
use leitfaden::date::Due;
use leitfaden::document;
use leitfaden::guide::Guide;
use leitfaden::progress::{MAX_SNAPSHOTS, Progress, Status};
use leitfaden::report::{LEVELS_TITLE, StatusReport};
use leitfaden::review::{self, Chart, Comparison};

/// A field's name and its levels now, then and as target.
type Levels<'a> = (&'a str, Option<u8>, Option<u8>, Option<u8>);

fn bundled() -> Guide {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    Guide::load(&leitfaden::guide::load::read_dir(&dir).unwrap())
        .unwrap_or_else(|r| panic!("{}", r.render("guide/")))
        .0
}

/// A work state on the levels guide: Transparenz „Am Anfang“, Beteiligung „Etabliert“.
fn start(guide: &Guide) -> Progress {
    let mut p = Progress {
        name: "Musterstadt".into(),
        ..Progress::default()
    };
    p.set_answer("groesse", "klein");
    p.set_answer("stand", "neu");
    p.set_answer("stand_transparenz", "am_anfang");
    p.set_answer("stand_beteiligung", "etabliert");
    p.adopt_guide(guide);
    p
}

#[test]
fn the_fields_are_the_questions_on_the_levels_scale() {
    let guide = levels();
    let ids: Vec<&str> = review::fields(&guide)
        .into_iter()
        .map(|q| guide.questions[q].id.as_str())
        .collect();
    assert_eq!(ids, ["stand_transparenz", "stand_beteiligung"]);
    assert!(
        review::fields(&v1()).is_empty(),
        "no field in the minimal guide"
    );
    let bundled = bundled();
    let ids: Vec<&str> = review::fields(&bundled)
        .into_iter()
        .map(|q| bundled.questions[q].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "stand_transparenz",
            "stand_beteiligung",
            "stand_zusammenarbeit",
            "stand_verwaltung"
        ]
    );
    let q = guide.question_index("stand_transparenz").unwrap();
    assert_eq!(
        review::target_choices(&guide, q),
        [
            ("am_anfang", "Am Anfang"),
            ("etabliert", "Etabliert"),
            ("vorreiter", "Vorreiter")
        ]
    );
}

#[test]
fn levels_count_weiss_nicht_as_the_first_and_say_their_place_on_the_scale() {
    let guide = levels();
    let q = guide.question_index("stand_transparenz").unwrap();
    let mut p = start(&guide);
    p.set_answer("stand_transparenz", "weiss_nicht");
    assert_eq!(review::level(&guide, q, &p.answers), Some(0));
    assert_eq!(
        review::level_words(&guide, q, Some(0)),
        "Am Anfang (1 von 3)"
    );
    assert_eq!(
        review::level_words(&guide, q, Some(2)),
        "Vorreiter (3 von 3)"
    );
    assert_eq!(review::level_words(&guide, q, None), "keine Angabe");
    p.answers.profile.remove("stand_transparenz");
    assert_eq!(review::level(&guide, q, &p.answers), None);
}

#[test]
fn a_snapshot_is_a_copy_that_later_edits_do_not_change() {
    let guide = levels();
    let mut p = start(&guide);
    p.set_status(&guide, "willkommen", Status::Done);
    p.set_note("projekt", "Idee: Haushalt");
    p.set_task("projekt", "projekt-waehlen", true);
    p.take_snapshot("  Herbst\u{7} 2026 ", day("2026-10-01"), 1_000);
    p.set_note("projekt", "Idee: Haushalt und Sitzungen");
    p.set_status(&guide, "auftrag", Status::Done);
    p.set_answer("stand_transparenz", "etabliert");
    let s = p.last_snapshot().unwrap();
    assert_eq!(s.name, "Herbst 2026");
    assert_eq!(s.date, day("2026-10-01"));
    assert_eq!(s.note("projekt"), "Idee: Haushalt");
    assert_eq!(s.status("willkommen"), Status::Done);
    assert_eq!(s.status("auftrag"), Status::Open);
    assert_eq!(s.answers.profile["stand_transparenz"], "am_anfang");
    assert!(s.steps["projekt"].tasks.contains("projekt-waehlen"));
    assert!(!s.steps.contains_key("auftrag") || s.status("auftrag") == Status::Open);
    // Without a name it is named for its day.
    p.take_snapshot("   ", day("2026-11-02"), 2_000);
    assert_eq!(
        p.last_snapshot().unwrap().name,
        "Zwischenstand vom 02.11.2026"
    );
}

#[test]
fn at_most_twelve_snapshots_are_kept_and_the_one_to_go_is_named_first() {
    let guide = levels();
    let mut p = start(&guide);
    for k in 0..MAX_SNAPSHOTS as u64 {
        assert_eq!(p.snapshot_to_drop(), None);
        p.take_snapshot(&format!("Stand {k}"), day("2026-01-01"), 1_000 + k);
    }
    assert_eq!(p.snapshots.len(), MAX_SNAPSHOTS);
    assert_eq!(p.snapshot_to_drop().unwrap().name, "Stand 0");
    p.take_snapshot("Stand neu", day("2026-02-01"), 5_000);
    assert_eq!(p.snapshots.len(), MAX_SNAPSHOTS);
    assert_eq!(p.snapshots[0].name, "Stand 1");
    assert_eq!(p.last_snapshot().unwrap().name, "Stand neu");
}

#[test]
fn snapshots_targets_and_review_date_of_two_tabs_are_merged() {
    let guide = levels();
    let base = start(&guide);
    let mut a = base.clone();
    a.take_snapshot("Aus Tab A", day("2026-03-01"), 100);
    a.set_target("stand_transparenz", Some("etabliert"));
    a.stamp_changes(&base, 100, "a-");
    let mut b = base.clone();
    b.take_snapshot("Aus Tab B", day("2026-03-01"), 200);
    b.set_review(Some(day("2026-09-30")));
    b.set_target("stand_transparenz", Some("vorreiter"));
    b.stamp_changes(&base, 200, "b-");
    let mut m = a.clone();
    m.merge(&b);
    let names: Vec<&str> = m.snapshots.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Aus Tab A", "Aus Tab B"]);
    assert_eq!(m.review, Some(day("2026-09-30")));
    assert_eq!(
        m.targets["stand_transparenz"], "vorreiter",
        "the later target"
    );
    let mut n = b.clone();
    n.merge(&a);
    assert_eq!(m, n);
    // Merging again changes nothing.
    let mut again = m.clone();
    again.merge(&a);
    assert_eq!(again, m);
}

#[test]
fn the_comparison_names_completed_steps_moved_levels_and_new_or_changed_notes() {
    let guide = levels();
    let mut p = start(&guide);
    p.set_status(&guide, "willkommen", Status::Done);
    p.set_status(&guide, "abschluss", Status::Done);
    p.set_note("projekt", "Idee: Haushalt");
    p.set_task("willkommen", "lesen", true);
    p.take_snapshot("Frühjahr", day("2026-03-01"), 1_000);
    // A month of work.
    p.set_status(&guide, "auftrag", Status::Done);
    p.set_status(&guide, "projekt", Status::NotRelevant);
    p.set_status(&guide, "abschluss", Status::InProgress);
    p.set_task("auftrag", "nachfragen", true);
    p.set_note("projekt", "Idee: Haushalt und Ratsvorlagen");
    p.set_note("auftrag", "Bürgermeisterin ist dafür.");
    p.set_answer("stand_transparenz", "etabliert");
    p.set_answer("stand_beteiligung", "am_anfang");
    let c = Comparison::build(&guide, &p, p.last_snapshot().unwrap());
    assert_eq!(c.since, "„Frühjahr“ vom 01.03.2026");
    assert_eq!(
        c.completed,
        ["Den Auftrag klären", "Ein erstes Projekt starten"]
    );
    assert_eq!(c.reopened, ["Bilanz ziehen"]);
    assert_eq!(c.ticked, 1);
    let moved: Vec<(&str, &str, &str, bool)> = c
        .moved
        .iter()
        .map(|m| (m.field.as_str(), m.from.as_str(), m.to.as_str(), m.up))
        .collect();
    assert_eq!(
        moved,
        [
            (
                "Stand bei Transparenz",
                "Am Anfang (1 von 3)",
                "Etabliert (2 von 3)",
                true
            ),
            (
                "Stand bei Beteiligung",
                "Etabliert (2 von 3)",
                "Am Anfang (1 von 3)",
                false
            ),
        ]
    );
    let notes: Vec<(&str, bool)> = c.notes.iter().map(|n| (n.title.as_str(), n.new)).collect();
    assert_eq!(
        notes,
        [
            ("Den Auftrag klären", true),
            ("Ein erstes Projekt starten", false)
        ]
    );
    assert!(!c.is_empty());
    // Right after a snapshot nothing has changed.
    p.take_snapshot("Jetzt", day("2026-04-01"), 2_000);
    assert!(Comparison::build(&guide, &p, p.last_snapshot().unwrap()).is_empty());
}

#[test]
fn the_chart_shows_now_the_last_snapshot_and_the_target_in_bars_and_a_table() {
    let guide = levels();
    let mut p = start(&guide);
    let chart = Chart::build(&guide, &p);
    assert_eq!(chart.then, None);
    assert_eq!(chart.levels, ["Am Anfang", "Etabliert", "Vorreiter"]);
    assert_eq!(
        chart
            .table()
            .header
            .iter()
            .map(|h| document::plain(h))
            .collect::<Vec<_>>(),
        ["Feld", "Jetzt", "Ziel"],
        "no snapshot column before the first snapshot"
    );
    p.take_snapshot("Frühjahr", day("2026-03-01"), 1_000);
    p.set_answer("stand_transparenz", "etabliert");
    p.set_target("stand_transparenz", Some("vorreiter"));
    p.set_target("stand_beteiligung", Some("etabliert"));
    let chart = Chart::build(&guide, &p);
    let levels: Vec<Levels> = chart
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.now, r.then, r.target))
        .collect();
    assert_eq!(
        levels,
        [
            ("Stand bei Transparenz", Some(1), Some(0), Some(2)),
            ("Stand bei Beteiligung", Some(1), Some(1), Some(1)),
        ]
    );
    let table = chart.table();
    let cells: Vec<Vec<String>> = std::iter::once(&table.header)
        .chain(&table.rows)
        .map(|r| r.iter().map(|c| document::plain(c)).collect())
        .collect();
    assert_eq!(
        cells,
        [
            vec![
                "Feld",
                "Jetzt",
                "Letzter Zwischenstand („Frühjahr“ vom 01.03.2026)",
                "Ziel"
            ],
            vec![
                "Stand bei Transparenz",
                "Etabliert (2 von 3)",
                "Am Anfang (1 von 3)",
                "Vorreiter (3 von 3)"
            ],
            vec![
                "Stand bei Beteiligung",
                "Etabliert (2 von 3)",
                "Etabliert (2 von 3)",
                "Etabliert (2 von 3)"
            ],
        ]
    );

    // The SVG: an image with a title and a description that says every number.
    let svg = chart.svg("stand");
    let x = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let root = x.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some("stand-titel stand-beschreibung")
    );
    let by_id = |id: &str| {
        x.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("#{id}"))
    };
    assert_eq!(by_id("stand-titel").tag_name().name(), "title");
    let desc = by_id("stand-beschreibung");
    assert_eq!(desc.tag_name().name(), "desc");
    assert_eq!(
        desc.text(),
        Some(
            "Stand bei Transparenz: Jetzt: Etabliert (2 von 3), Letzter Zwischenstand: Am Anfang (1 von 3), Ziel: Vorreiter (3 von 3). \
             Stand bei Beteiligung: Jetzt: Etabliert (2 von 3), Letzter Zwischenstand: Etabliert (2 von 3), Ziel: Etabliert (2 von 3)."
        )
    );
    // Bars as long as the levels: three per field, plus three legend squares.
    let widths: Vec<f64> = x
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("width")?.parse().ok())
        .collect();
    assert_eq!(widths.len(), 3 + 6);
    let bars = &widths[3..];
    let unit = bars[1];
    assert_eq!(
        bars.iter()
            .map(|w| (w / unit).round() as u8)
            .collect::<Vec<_>>(),
        [2, 1, 3, 2, 2, 2]
    );
    // Every bar's level is also text beside it.
    let texts: Vec<&str> = x.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"Jetzt: Etabliert (2 von 3)"), "{texts:?}");
    assert!(texts.contains(&"Ziel: Vorreiter (3 von 3)"), "{texts:?}");
}

#[test]
fn a_field_without_an_answer_has_no_bar_and_says_so() {
    let guide = levels();
    let mut p = start(&guide);
    p.answers.profile.remove("stand_beteiligung");
    let chart = Chart::build(&guide, &p);
    assert_eq!(chart.rows[1].words[0], "keine Angabe");
    let svg = chart.svg("c");
    let x = roxmltree::Document::parse(&svg).unwrap();
    let bars = x.descendants().filter(|n| n.has_tag_name("rect")).count();
    // Legend (now, target) and one bar: Transparenz now; no targets set.
    assert_eq!(bars, 2 + 1);
}

#[test]
fn hostile_field_names_are_text_in_the_svg() {
    let mut files = levels_files();
    edit(
        &mut files,
        "leitfaden.ron",
        "short: \"Stand bei Beteiligung\"",
        "short: \"Beteiligung <script>alert(1)</script> & \\\"Co\\\"\"",
    );
    let guide = load_ok(&files).0;
    let chart = Chart::build(&guide, &start(&guide));
    let svg = chart.svg("x\" onload=\"alert(1)");
    let x = roxmltree::Document::parse(&svg).expect("well-formed");
    assert!(x.descendants().all(|n| !n.has_tag_name("script")));
    assert!(x.root_element().attribute("onload").is_none());
    let texts: String = x.descendants().filter_map(|n| n.text()).collect();
    assert!(
        texts.contains("Beteiligung <script>alert(1)</script> & \"Co\""),
        "{texts}"
    );
}

#[test]
fn the_review_reminder_comes_on_the_day_and_after() {
    let guide = levels();
    let mut p = start(&guide);
    assert_eq!(review::review_due(&p, day("2026-05-01")), None);
    p.set_review(Some(day("2026-05-01")));
    assert_eq!(review::review_due(&p, day("2026-04-30")), None);
    assert_eq!(review::review_due(&p, day("2026-05-01")), Some(Due::Today));
    assert_eq!(
        review::review_due(&p, day("2026-06-01")),
        Some(Due::Overdue { days: 31 })
    );
}

#[test]
fn the_report_prints_the_levels_table_and_the_review_date() {
    let guide = levels();
    let mut p = start(&guide);
    p.take_snapshot("Frühjahr", day("2026-03-01"), 1_000);
    p.set_target("stand_transparenz", Some("vorreiter"));
    p.set_review(Some(day("2026-09-30")));
    let r = StatusReport::build(&guide, &p);
    let md = r.to_markdown("01.04.2026");
    assert!(md.contains(LEVELS_TITLE), "{md}");
    assert!(
        md.contains("| Stand bei Transparenz | Am Anfang (1 von 3) | Am Anfang (1 von 3) | Vorreiter (3 von 3) |"),
        "{md}"
    );
    assert!(md.contains("Nächste Überprüfung: 30.09.2026"), "{md}");
    // A guide without fields has no such section.
    let plain = StatusReport::build(&v1(), &Progress::default()).to_markdown("01.04.2026");
    assert!(!plain.contains(LEVELS_TITLE));
}
