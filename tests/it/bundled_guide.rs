//! The bundled Leitfaden in guide/: it loads without errors, meets the content minimums,
//! and its paths fit what a Kommune can carry (issue „A path that fits what the Kommune can
//! actually do“): a short path for a village with few hours, a long and demanding one for
//! a big city with a team, focus on the first field, no step for what a profile already has.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

use leitfaden::coverage::{self, Limits};
use leitfaden::guide::{Guide, Priority};
use leitfaden::path;
use leitfaden::profile::Answers;
use leitfaden::stats;

static GUIDE: LazyLock<Guide> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    let files = leitfaden::guide::load::read_dir(&dir).expect("guide/ is readable");
    match Guide::load(&files) {
        Ok((guide, report)) => {
            assert_eq!(
                report.diagnostics,
                vec![],
                "the bundled guide has warnings:\n{}",
                report.render("guide/")
            );
            guide
        }
        Err(report) => panic!("the bundled guide has errors:\n{}", report.render("guide/")),
    }
});

const FIELDS: [&str; 4] = ["transparenz", "beteiligung", "zusammenarbeit", "verwaltung"];

/// The steps a beginner in a field needs and someone further along does not.
fn basics(field: &str) -> &'static [&'static str] {
    match field {
        "transparenz" => &[
            "transparenz-grundlagen",
            "open-data-start",
            "open-data-eigenes-portal",
            "ratsinfo-oparl",
            "ratsinfo-dienstleister",
        ],
        "beteiligung" => &["beteiligung-grundlagen"],
        "zusammenarbeit" => &["co-produktion", "ehrenamt-vereine"],
        _ => &["mitarbeitende-beteiligen", "digitallotsen"],
    }
}

/// Answers from `question=choice` pairs.
fn answers(pairs: &[(&str, &str)]) -> Answers {
    let g = &*GUIDE;
    Answers::parse_pairs(
        g,
        pairs
            .iter()
            .map(|(q, c)| format!("{q}={c}"))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    )
    .expect("valid answers")
}

fn ids(p: &path::Path) -> Vec<&'static str> {
    let g = &*GUIDE;
    p.steps
        .iter()
        .map(|v| g.steps[v.step].id.as_str())
        .collect()
}

fn demo(id: &str) -> Answers {
    Answers::of_demo(
        GUIDE
            .demo_profiles
            .iter()
            .find(|d| d.id == id)
            .expect("demo profile"),
    )
}

#[test]
fn meets_the_content_minimums() {
    let g = &*GUIDE;
    assert!(g.steps.len() >= 60, "only {} steps", g.steps.len());
    assert!(
        g.resources.len() >= 16,
        "only {} Arbeitshilfen",
        g.resources.len()
    );
    assert!(g.terms.len() >= 25, "only {} glossary terms", g.terms.len());
    for s in &g.steps {
        assert!(!s.tasks.is_empty(), "step {} has no tasks", s.id);
        assert!(s.effort.is_some(), "step {} has no effort estimate", s.id);
    }
    let modellkommunen = [
        "koeln",
        "bonn",
        "oldenburg",
        "moers",
        "brandis",
        "merzenich",
        "tengen",
        "marburg-biedenkopf",
        "saalekreis",
    ];
    for id in modellkommunen {
        assert!(g.example(id).is_some(), "no card for Modellkommune {id}");
    }
    for d in ["mandat", "erstes_feld"] {
        assert!(g.decision_index(d).is_some(), "decision {d} is missing");
    }
}

/// The intake's contract: these question ids, in this order, with „Weiß ich nicht“ where
/// not knowing is realistic (counting as the cautious answer), and the time question
/// carrying hours per month.
#[test]
fn the_intake_asks_size_land_administration_time_and_four_starting_points() {
    let g = &*GUIDE;
    let qs: Vec<&str> = g.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        qs,
        [
            "groesse",
            "bundesland",
            "verwaltung",
            "zeit",
            "stand_transparenz",
            "stand_beteiligung",
            "stand_zusammenarbeit",
            "stand_verwaltung"
        ]
    );
    let land = &g.questions[g.question_index("bundesland").unwrap()];
    assert_eq!(land.choices.len(), 16);
    for q in [
        "verwaltung",
        "zeit",
        "stand_transparenz",
        "stand_beteiligung",
        "stand_zusammenarbeit",
        "stand_verwaltung",
    ] {
        let question = &g.questions[g.question_index(q).unwrap()];
        let unknown = question
            .choices
            .iter()
            .find(|c| c.label == "Weiß ich nicht")
            .unwrap_or_else(|| panic!("`{q}` has no „Weiß ich nicht“"));
        assert!(
            unknown.counts_as.is_some(),
            "`{q}`: „Weiß ich nicht“ counts as nothing"
        );
    }
    assert_eq!(g.capacity_question, g.question_index("zeit"));
}

/// A Landkreis is not asked who does its administration, nor is a city or a Gemeinde in a
/// Land without Ämter and Verbandsgemeinden.
#[test]
fn the_administration_question_is_asked_only_where_it_can_differ() {
    let g = &*GUIDE;
    let unasked = |pairs: &[(&str, &str)]| -> bool {
        !answers(pairs)
            .unanswered(g)
            .iter()
            .any(|q| q.id == "verwaltung")
    };
    assert!(unasked(&[("groesse", "landkreis")]));
    assert!(unasked(&[
        ("groesse", "grossstadt"),
        ("bundesland", "bayern")
    ]));
    assert!(unasked(&[
        ("groesse", "landgemeinde"),
        ("bundesland", "hessen")
    ]));
    assert!(!unasked(&[
        ("groesse", "landgemeinde"),
        ("bundesland", "rheinland_pfalz")
    ]));
    let kreis = answers(&[("groesse", "landkreis")]);
    assert!(
        kreis.summary(g).contains("Verwaltung: Die Kreisverwaltung"),
        "{}",
        kreis.summary(g)
    );
}

/// Every profile's paths are walked (no sampling), end properly, and stay within budget.
#[test]
fn every_profile_is_walked_and_every_path_ends_properly() {
    let g = &*GUIDE;
    let ex = coverage::walk(g, &Limits::default());
    assert!(
        !ex.sampled,
        "the bundled guide should be checked exhaustively"
    );
    assert!(ex.bad_endings.is_empty());
    assert!(ex.reachable.iter().all(|&r| r), "some step is unreachable");
}

/// The figures per size × time, walked once for all tests.
static GROUPS: LazyLock<Vec<stats::Group>> =
    LazyLock::new(|| stats::by(&GUIDE, &["groesse", "zeit"]));

fn group(size: &str, time: &str) -> stats::Group {
    GROUPS
        .iter()
        .find(|g| g.key[0].1 == size && g.key[1].1 == time)
        .cloned()
        .unwrap_or_else(|| panic!("no paths for {size} × {time}"))
}

/// A village with a few hours a month: at most 20 steps, at most 8 „Wichtig“, at most
/// 60 tasks, and work that fits about a year at 4 to 8 hours a month.
#[test]
fn a_village_with_few_hours_gets_a_short_path_it_can_carry() {
    let v = group("landgemeinde", "wenige_stunden");
    assert!(v.steps.max <= 20, "up to {} steps", v.steps.max);
    assert!(v.essential.max <= 8, "up to {} „Wichtig“", v.essential.max);
    assert!(v.tasks.max <= 60, "up to {} tasks", v.tasks.max);
    // A year at the high end of the time (8 hours a month) holds the high estimate.
    assert!(
        v.hours_high.max <= 12 * 8,
        "up to {} hours",
        v.hours_high.max
    );
    assert!(
        v.hours_low.min >= 12,
        "implausibly little work: {} hours",
        v.hours_low.min
    );
}

/// The same village answering „Weiß ich nicht“ about its time (and, in the walk's second
/// pass, about its administration and starting points): it plans with few hours, so it
/// gets the short path too, with the tasks that say how to find the answers out.
#[test]
fn a_village_that_does_not_know_its_time_gets_the_short_path_too() {
    let w = group("landgemeinde", "weiss_nicht");
    let v = group("landgemeinde", "wenige_stunden");
    assert!(w.steps.max <= 20, "up to {} steps", w.steps.max);
    assert!(w.essential.max <= 8, "up to {} „Wichtig“", w.essential.max);
    assert!(w.tasks.max <= 60, "up to {} tasks", w.tasks.max);
    assert_eq!(w.steps, v.steps, "„Weiß ich nicht“ plans like few hours");
    // The tasks that say how to find out are walked and counted.
    assert!(
        w.tasks.max >= v.tasks.max,
        "„Weiß ich nicht“ {:?} vs few hours {:?}",
        w.tasks,
        v.tasks
    );
}

/// A Großstadt with a team: the long path, 30 to 45 steps, with the deepening steps that
/// are not elementary.
#[test]
fn a_big_city_with_a_team_gets_a_long_demanding_path() {
    let c = group("grossstadt", "team");
    assert!(
        c.steps.min >= 30 && c.steps.max <= 45,
        "{}–{} steps",
        c.steps.min,
        c.steps.max
    );
    let p = path::compute(&GUIDE, &demo("grossstadt-mit-team"));
    let on = ids(&p);
    for deep in [
        "daten-governance",
        "beteiligungsplattform",
        "wirkung-auswerten",
        "national-international",
    ] {
        assert!(
            on.contains(&deep),
            "{deep} is not on the big city's path: {on:?}"
        );
    }
}

/// The time a Kommune has is the main lever: more time, more steps.
#[test]
fn more_time_means_a_longer_path() {
    for size in ["landgemeinde", "mittelstadt", "grossstadt", "landkreis"] {
        let steps = |time: &str| group(size, time).steps;
        let (w, t, x) = (steps("wenige_stunden"), steps("ein_tag"), steps("team"));
        assert!(
            w.max < t.min || w.max < t.max,
            "{size}: wenige {w:?} vs ein Tag {t:?}"
        );
        assert!(t.max <= x.max, "{size}: ein Tag {t:?} vs Team {x:?}");
        assert!(w.max + 10 <= x.max, "{size}: wenige {w:?} vs Team {x:?}");
    }
}

/// A Gemeinde in an Amt or a Verbandsgemeinde meets its Amt as the first partner.
#[test]
fn a_gemeinde_in_an_amt_starts_with_its_amt() {
    let p = path::compute(&GUIDE, &demo("dorf-in-der-verbandsgemeinde"));
    let on = ids(&p);
    let amt = on
        .iter()
        .position(|s| *s == "amt-als-partner")
        .expect("the Amt step");
    for partner in [
        "akteure-verbuendete",
        "partner-gemeinsame-dienste",
        "landkreis-einbinden",
    ] {
        if let Some(k) = on.iter().position(|s| *s == partner) {
            assert!(amt < k, "{partner} comes before the Amt");
        }
    }
    assert!(
        !on.contains(&"partner-gemeinsame-dienste"),
        "an Amt is the partner already"
    );
    let own = answers(&[
        ("groesse", "landgemeinde"),
        ("bundesland", "rheinland_pfalz"),
        ("verwaltung", "eigene"),
        ("zeit", "wenige_stunden"),
        ("stand_transparenz", "am_anfang"),
        ("stand_beteiligung", "am_anfang"),
        ("stand_zusammenarbeit", "am_anfang"),
        ("stand_verwaltung", "am_anfang"),
    ]);
    assert!(!ids(&path::compute(&GUIDE, &own)).contains(&"amt-als-partner"));
}

/// No step recommends what the profile says it already has: further along in a field,
/// its basics are not on any path.
#[test]
fn no_path_teaches_a_field_to_those_further_along() {
    let g = &*GUIDE;
    let field_q: Vec<usize> = FIELDS
        .iter()
        .map(|f| g.question_index(&format!("stand_{f}")).unwrap())
        .collect();
    let mut checked = 0u64;
    coverage::walk_observed(g, &Limits::default(), |facts, steps| {
        for (k, f) in FIELDS.iter().enumerate() {
            let q = &g.questions[field_q[k]];
            let level = facts.profile[field_q[k]].map(|a| q.choices[usize::from(a)].id.as_str());
            if matches!(level, Some("etabliert" | "vorreiter")) {
                for b in basics(f) {
                    assert!(
                        !steps.iter().any(|&i| g.steps[i].id == *b),
                        "{b} is on a path for {} = {level:?}",
                        q.id
                    );
                }
            }
        }
        checked += 1;
    });
    assert!(checked > 1000);
}

/// Each level of a starting point changes the path.
#[test]
fn every_level_of_a_starting_point_changes_the_path() {
    for f in FIELDS {
        let q = format!("stand_{f}");
        let path_for = |level: &str| {
            let mut pairs = vec![
                ("groesse", "mittelstadt"),
                ("bundesland", "nordrhein_westfalen"),
                ("zeit", "halbe_stelle"),
                ("stand_transparenz", "am_anfang"),
                ("stand_beteiligung", "am_anfang"),
                ("stand_zusammenarbeit", "am_anfang"),
                ("stand_verwaltung", "am_anfang"),
            ];
            pairs.retain(|(k, _)| *k != q.as_str());
            pairs.push((q.as_str(), level));
            let mut a = answers(&pairs);
            a.decisions.insert("erstes_feld".into(), f.into());
            ids(&path::compute(&GUIDE, &a))
                .into_iter()
                .collect::<BTreeSet<_>>()
        };
        let (a, e, v) = (
            path_for("am_anfang"),
            path_for("etabliert"),
            path_for("vorreiter"),
        );
        assert_ne!(a, e, "{f}: am Anfang and etabliert give the same path");
        assert_ne!(e, v, "{f}: etabliert and Vorreiter give the same path");
        assert_eq!(
            path_for("weiss_nicht"),
            a,
            "{f}: „Weiß ich nicht“ is not the cautious path"
        );
    }
}

/// The first step for beginners in each field.
fn grundlagen(field: &str) -> &'static [&'static str] {
    match field {
        "transparenz" => &["transparenz-grundlagen"],
        "beteiligung" => &["beteiligung-grundlagen"],
        "zusammenarbeit" => &["co-produktion", "ehrenamt-vereine"],
        _ => &["mitarbeitende-beteiligen"],
    }
}

/// Only the first field chosen gets its field steps as „Wichtig“, its basics at least.
#[test]
fn only_the_first_field_gets_its_basics_as_wichtig() {
    let g = &*GUIDE;
    for first in FIELDS {
        let mut a = answers(&[
            ("groesse", "kleine_kleinstadt"),
            ("bundesland", "brandenburg"),
            ("verwaltung", "eigene"),
            ("zeit", "ein_tag"),
            ("stand_transparenz", "am_anfang"),
            ("stand_beteiligung", "am_anfang"),
            ("stand_zusammenarbeit", "am_anfang"),
            ("stand_verwaltung", "am_anfang"),
        ]);
        a.decisions.insert("erstes_feld".into(), first.into());
        let p = path::compute(g, &a);
        for f in FIELDS {
            for b in basics(f) {
                let Some(v) = p.steps.iter().find(|v| g.steps[v.step].id == *b) else {
                    continue;
                };
                if f == first && grundlagen(f).contains(b) {
                    assert_eq!(
                        v.priority,
                        Priority::Essential,
                        "{b} with first field {first}"
                    );
                } else if f != first {
                    assert_ne!(
                        v.priority,
                        Priority::Essential,
                        "{b} is „Wichtig“ with first field {first}"
                    );
                }
            }
        }
    }
}

/// The demo profiles cover the four situations and differ from each other.
#[test]
fn demo_profiles_cover_village_kleinstadt_kreis_and_big_city() {
    let g = &*GUIDE;
    let ids_of: Vec<&str> = g.demo_profiles.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids_of,
        [
            "dorf-in-der-verbandsgemeinde",
            "kleinstadt-eigene-verwaltung",
            "landkreis-drehscheibe",
            "grossstadt-mit-team"
        ]
    );
    let paths: Vec<BTreeSet<&str>> = ids_of
        .iter()
        .map(|d| ids(&path::compute(g, &demo(d))).into_iter().collect())
        .collect();
    for a in 0..paths.len() {
        for b in a + 1..paths.len() {
            assert_ne!(
                paths[a], paths[b],
                "{} and {} get the same steps",
                ids_of[a], ids_of[b]
            );
        }
    }
    assert!(paths[0].contains("amt-als-partner"));
    assert!(paths[2].contains("kreis-drehscheibe"));
    // The big city is a pioneer with its own data portal: not told to build one.
    assert!(!paths[3].contains("open-data-eigenes-portal"));
}
