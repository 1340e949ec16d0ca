//! The bundled Leitfaden in guide/: it passes every author check without warnings and
//! meets the content minimums, and every size class gets its own path of fitting length.

use std::collections::BTreeSet;
use std::path::Path;

use leitfaden::coverage::{self, Limits};
use leitfaden::guide::Guide;
use leitfaden::path;
use leitfaden::profile::Answers;

fn bundled() -> Guide {
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
}

#[test]
fn meets_the_content_minimums() {
    let g = bundled();
    assert!(g.steps.len() >= 50, "only {} steps", g.steps.len());
    assert!(
        g.resources.len() >= 16,
        "only {} Arbeitshilfen",
        g.resources.len()
    );
    assert!(g.terms.len() >= 25, "only {} glossary terms", g.terms.len());
    for s in &g.steps {
        assert!(!s.tasks.is_empty(), "step {} has no tasks", s.id);
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
    let others = g
        .examples
        .iter()
        .filter(|e| !modellkommunen.contains(&e.id.as_str()))
        .count();
    assert!(others >= 5, "only {others} cards beyond the Modellkommunen");
    for d in ["mandat", "erstes_feld", "ifg_gesetz", "datenportal"] {
        assert!(g.decision_index(d).is_some(), "decision {d} is missing");
    }
}

#[test]
fn every_path_has_a_fitting_length() {
    let g = bundled();
    let ex = coverage::walk(&g, &Limits::default());
    assert!(
        !ex.sampled,
        "the bundled guide should be checked exhaustively"
    );
    assert!(ex.bad_endings.is_empty());
    for (choice, (min, max)) in g.questions[0].choices.iter().zip(&ex.lengths) {
        assert!(
            (20..=45).contains(min) && (20..=45).contains(max),
            "{}: paths of {min}–{max} steps",
            choice.id
        );
    }
}

/// For every starting point, with and without decisions taken, no two size classes see
/// the same steps.
#[test]
fn size_classes_get_distinct_paths() {
    let g = bundled();
    let levels = ["noch_nichts", "erste_schritte", "etabliert", "vorreiter"];
    let fields = [
        "stand_transparenz",
        "stand_beteiligung",
        "stand_zusammenarbeit",
        "stand_verwaltung",
    ];
    let sizes: Vec<&str> = g.questions[0]
        .choices
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    for n in 0..levels.len().pow(4) {
        for decided in [false, true] {
            let mut seen: Vec<(String, BTreeSet<usize>)> = Vec::new();
            for size in &sizes {
                let mut a = Answers::default();
                a.profile.insert("groesse".into(), size.to_string());
                for (k, f) in fields.iter().enumerate() {
                    let level = levels[n / levels.len().pow(k as u32) % levels.len()];
                    a.profile.insert(f.to_string(), level.into());
                }
                if decided {
                    for (d, c) in [
                        ("mandat", "ja"),
                        ("erstes_feld", "beteiligung"),
                        ("ifg_gesetz", "nein"),
                        ("datenportal", "ja"),
                    ] {
                        a.decisions.insert(d.into(), c.into());
                    }
                }
                let p = path::compute(&g, &a);
                assert!(!p.steps.is_empty());
                let steps: BTreeSet<usize> = p.steps.iter().map(|v| v.step).collect();
                if let Some((other, _)) = seen.iter().find(|(_, s)| *s == steps) {
                    panic!("{size} and {other} get the same path for {:?}", a.profile);
                }
                seen.push((size.to_string(), steps));
            }
        }
    }
}

/// The village beginner and the big-city pioneer get advice that fits them.
#[test]
fn village_and_city_paths_fit_their_size() {
    let g = bundled();
    let profile = |size: &str, level: &str| {
        let mut a = Answers::default();
        a.profile.insert("groesse".into(), size.into());
        for f in [
            "stand_transparenz",
            "stand_beteiligung",
            "stand_zusammenarbeit",
            "stand_verwaltung",
        ] {
            a.profile.insert(f.into(), level.into());
        }
        path::compute(&g, &a)
    };
    let ids = |p: &path::Path| -> Vec<String> {
        p.steps.iter().map(|v| g.steps[v.step].id.clone()).collect()
    };
    let village = ids(&profile("landgemeinde", "noch_nichts"));
    let city = ids(&profile("grossstadt", "vorreiter"));
    assert!(village.contains(&"partner-gemeinsame-dienste".to_string()));
    assert!(!city.contains(&"partner-gemeinsame-dienste".to_string()));
    assert!(city.contains(&"koordinierungsstelle".to_string()));
    assert!(!village.contains(&"koordinierungsstelle".to_string()));
    assert_eq!(village.last(), Some(&"naechste-runde".to_string()));
    assert_eq!(city.last(), Some(&"naechste-runde".to_string()));
}
