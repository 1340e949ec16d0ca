//! Path computation on the minimal fixture: visible and hidden steps, reasons, determinism.

use crate::common::*;
use leitfaden::guide::{Guide, Priority};
use leitfaden::path::{self, Path};
use leitfaden::profile::Answers;

fn shown(guide: &Guide, p: &Path) -> Vec<String> {
    p.steps
        .iter()
        .map(|v| guide.steps[v.step].id.clone())
        .collect()
}

fn hidden(guide: &Guide, p: &Path) -> Vec<String> {
    p.hidden
        .iter()
        .map(|&i| guide.steps[i].id.clone())
        .collect()
}

/// The visible step `id` on the path for `pairs`.
fn visible(guide: &Guide, pairs: &[&str], id: &str) -> path::Visible {
    let p = path::compute(guide, &answers(guide, pairs));
    let i = step(guide, id);
    p.steps
        .iter()
        .find(|v| v.step == i)
        .unwrap_or_else(|| panic!("`{id}` is not on the path for {pairs:?}"))
        .clone()
}

// ---------------------------------------------------------------------------------------
// Visible and hidden steps

#[test]
fn steps_shown_and_hidden_per_profile() {
    let guide = minimal();
    let cases: [(&[&str], &[&str]); 8] = [
        (&[], &["willkommen", "projekt", "abschluss"]),
        (
            &["groesse=klein", "stand=neu"],
            &["willkommen", "auftrag", "projekt", "abschluss"],
        ),
        (
            &["groesse=klein", "stand=neu", "mandat=nein"],
            &["willkommen", "auftrag", "beschluss", "projekt", "abschluss"],
        ),
        (
            &["groesse=klein", "stand=neu", "mandat=ja"],
            &["willkommen", "auftrag", "projekt", "abschluss"],
        ),
        (
            &["groesse=klein", "stand=erfahren"],
            &["willkommen", "projekt", "abschluss"],
        ),
        (
            &["groesse=gross", "stand=neu", "mandat=nein"],
            &[
                "willkommen",
                "team",
                "auftrag",
                "beschluss",
                "projekt",
                "abschluss",
            ],
        ),
        (
            &["groesse=gross", "stand=erfahren"],
            &["willkommen", "team", "projekt", "abschluss"],
        ),
        // Decision answered, but its step is not on the path: it changes nothing.
        (
            &["groesse=gross", "stand=erfahren", "mandat=nein"],
            &["willkommen", "team", "projekt", "abschluss"],
        ),
    ];
    let all: Vec<String> = guide.steps.iter().map(|s| s.id.clone()).collect();
    for (pairs, expected) in cases {
        let p = path::compute(&guide, &answers(&guide, pairs));
        assert_eq!(shown(&guide, &p), expected, "shown for {pairs:?}");
        let rest: Vec<String> = all
            .iter()
            .filter(|id| !expected.contains(&id.as_str()))
            .cloned()
            .collect();
        assert_eq!(hidden(&guide, &p), rest, "hidden for {pairs:?}");
    }
}

#[test]
fn positions_and_chapters_on_the_path() {
    let guide = minimal();
    let p = path::compute(&guide, &answers(&guide, &["groesse=klein", "stand=neu"]));
    assert_eq!(p.position(step(&guide, "auftrag")), Some(1));
    assert_eq!(p.position(step(&guide, "abschluss")), Some(3));
    assert_eq!(p.position(step(&guide, "team")), None);
    assert_eq!(p.by_chapter(&guide), [(0, vec![0, 1]), (1, vec![2, 3])]);
    // "abschluss" is the 4th step on the path and the 2nd of the 2 of its chapter on it.
    let place = p
        .place(&guide, step(&guide, "abschluss"))
        .expect("on the path");
    assert_eq!(
        (place.on_path, place.in_chapter, place.chapter_len),
        (4, 2, 2)
    );
    let place = p
        .place(&guide, step(&guide, "auftrag"))
        .expect("on the path");
    assert_eq!(
        (place.on_path, place.in_chapter, place.chapter_len),
        (2, 2, 2)
    );
    assert_eq!(p.place(&guide, step(&guide, "team")), None);
    // A profile that sees nothing of chapter 1 but `willkommen`.
    let p = path::compute(
        &guide,
        &answers(&guide, &["groesse=klein", "stand=erfahren"]),
    );
    assert_eq!(p.by_chapter(&guide), [(0, vec![0]), (1, vec![1, 2])]);
}

#[test]
fn variant_selection() {
    let guide = minimal();
    // willkommen: one variant for small municipalities.
    assert_eq!(
        visible(&guide, &["groesse=klein"], "willkommen").variants,
        [0]
    );
    assert!(
        visible(&guide, &["groesse=gross"], "willkommen")
            .variants
            .is_empty()
    );
    // projekt: variant 0 with a mandate, variant 1 otherwise (also while undecided).
    let neu = |m: Option<&str>| {
        let mut pairs = vec!["groesse=klein", "stand=neu"];
        pairs.extend(m);
        visible(&guide, &pairs, "projekt").variants
    };
    assert_eq!(neu(Some("mandat=ja")), [0]);
    assert_eq!(neu(Some("mandat=nein")), [1]);
    assert_eq!(neu(None), [1]);
}

#[test]
fn priority_and_priority_if() {
    let guide = minimal();
    let team_neu = visible(&guide, &["groesse=gross", "stand=neu"], "team");
    assert_eq!(
        (team_neu.priority, team_neu.priority_rule),
        (Priority::Essential, Some(0))
    );
    let team_erfahren = visible(&guide, &["groesse=gross", "stand=erfahren"], "team");
    // No rule holds: the default priority (Recommended).
    assert_eq!(
        (team_erfahren.priority, team_erfahren.priority_rule),
        (Priority::Recommended, None)
    );
    let projekt = |pairs: &[&str]| {
        let v = visible(&guide, pairs, "projekt");
        (v.priority, v.priority_rule)
    };
    assert_eq!(
        projekt(&["groesse=klein", "stand=neu", "mandat=ja"]),
        (Priority::Essential, Some(0))
    );
    assert_eq!(
        projekt(&["groesse=gross", "stand=neu", "mandat=ja"]),
        (Priority::Recommended, None)
    );
    // The rule needs the decision in effect: not asked (stand=erfahren), so it does not hold.
    assert_eq!(
        projekt(&["groesse=klein", "stand=erfahren", "mandat=ja"]),
        (Priority::Recommended, None)
    );
    let fixed = visible(&guide, &[], "willkommen");
    assert_eq!(
        (fixed.priority, fixed.priority_rule),
        (Priority::Essential, None)
    );
    assert_eq!(
        visible(&guide, &[], "abschluss").priority,
        Priority::Optional
    );
}

#[test]
fn task_visibility_and_priority() {
    let guide = minimal();
    // team's tasks: kernteam (step priority), mentor (only stand=neu),
    // vernetzen (Optional, Essential when stand=erfahren).
    assert_eq!(
        visible(&guide, &["groesse=gross", "stand=neu"], "team").tasks,
        [
            (0, Priority::Essential),
            (1, Priority::Essential),
            (2, Priority::Optional)
        ]
    );
    assert_eq!(
        visible(&guide, &["groesse=gross", "stand=erfahren"], "team").tasks,
        [(0, Priority::Recommended), (2, Priority::Essential)]
    );
    // projekt's `presse` task needs mandat=ja; it inherits the step's priority.
    assert_eq!(
        visible(
            &guide,
            &["groesse=klein", "stand=neu", "mandat=ja"],
            "projekt"
        )
        .tasks,
        [(0, Priority::Essential), (1, Priority::Essential)]
    );
    assert_eq!(
        visible(
            &guide,
            &["groesse=klein", "stand=neu", "mandat=nein"],
            "projekt"
        )
        .tasks,
        [(0, Priority::Recommended)]
    );
}

#[test]
fn decisions_take_effect_only_when_their_step_is_on_the_path() {
    let guide = minimal();
    let asked = path::compute(
        &guide,
        &answers(&guide, &["groesse=klein", "stand=neu", "mandat=ja"]),
    );
    assert_eq!(asked.facts.decisions, [Some(0)]);
    assert_eq!(asked.facts.profile, [Some(0), Some(0)]);

    let given = answers(&guide, &["groesse=klein", "stand=erfahren", "mandat=ja"]);
    let not_asked = path::compute(&guide, &given);
    assert_eq!(not_asked.facts.decisions, [None]);
    assert!(!shown(&guide, &not_asked).contains(&"auftrag".to_string()));
    let projekt = &not_asked.steps[not_asked.position(step(&guide, "projekt")).unwrap()];
    assert_eq!(projekt.variants, [1], "the no-mandate text");
    assert_eq!(projekt.tasks, [(0, Priority::Recommended)]);
    // The answer itself is kept.
    assert_eq!(
        given.decisions.get("mandat").map(String::as_str),
        Some("ja")
    );
    // ...while `Guide::facts` still translates it, for whoever needs the raw answers.
    assert_eq!(given.facts(&guide).decisions, [Some(0)]);
}

#[test]
fn unknown_answers_are_ignored_by_facts() {
    let guide = minimal();
    let mut a = Answers::default();
    a.profile.insert("groesse".into(), "riesig".into());
    a.profile.insert("farbe".into(), "rot".into());
    a.decisions.insert("mandat".into(), "vielleicht".into());
    let facts = a.facts(&guide);
    assert_eq!(facts.profile, [None, None]);
    assert_eq!(facts.decisions, [None]);
    assert_eq!(
        shown(&guide, &path::compute(&guide, &a)),
        ["willkommen", "projekt", "abschluss"]
    );
    assert!(!a.profile_complete(&guide));
    assert!(answers(&guide, &["groesse=klein", "stand=neu"]).profile_complete(&guide));
}

// ---------------------------------------------------------------------------------------
// Reasons in German

#[test]
fn reason_shown() {
    let guide = minimal();
    let a = answers(&guide, &["groesse=gross", "stand=neu", "mandat=nein"]);
    let p = path::compute(&guide, &a);
    assert_eq!(
        p.reason_shown(&guide, &a, step(&guide, "willkommen")),
        "Dieser Schritt gehört zu jedem Weg durch den Leitfaden."
    );
    assert_eq!(
        p.reason_shown(&guide, &a, step(&guide, "team")),
        "Angezeigt, weil zutrifft: Größe ist „Große Stadt“ (Ihre Angabe: „Große Stadt“)."
    );
    assert_eq!(
        p.reason_shown(&guide, &a, step(&guide, "beschluss")),
        "Angezeigt, weil zutrifft: Politischer Auftrag ist „Nein“ (Ihre Angabe: „Nein“)."
    );
}

#[test]
fn reason_hidden() {
    let guide = minimal();
    let a = answers(&guide, &["groesse=klein"]);
    let p = path::compute(&guide, &a);
    assert_eq!(
        p.reason_hidden(&guide, &a, step(&guide, "team")),
        "Ausgeblendet, weil nicht zutrifft: Größe ist „Große Stadt“ (Ihre Angabe: „Kleine Gemeinde“)."
    );
    assert_eq!(
        p.reason_hidden(&guide, &a, step(&guide, "auftrag")),
        "Ausgeblendet, weil nicht zutrifft: Stand ist „Neu dabei“ (noch nicht beantwortet)."
    );
    assert_eq!(
        p.reason_hidden(&guide, &a, step(&guide, "beschluss")),
        "Ausgeblendet, weil nicht zutrifft: Politischer Auftrag ist „Nein“ (noch nicht entschieden)."
    );
}

#[test]
fn reason_hidden_ignores_a_decision_out_of_reach() {
    // mandat=nein is given, but `auftrag` is not on the path: the reason must not claim
    // the user's answer was „Nein“.
    let guide = minimal();
    let a = answers(&guide, &["groesse=klein", "stand=erfahren", "mandat=nein"]);
    let p = path::compute(&guide, &a);
    assert_eq!(
        p.reason_hidden(&guide, &a, step(&guide, "beschluss")),
        "Ausgeblendet, weil nicht zutrifft: Politischer Auftrag ist „Nein“ (noch nicht entschieden)."
    );
}

#[test]
fn reason_priority() {
    let guide = minimal();
    let a = answers(&guide, &["groesse=klein", "stand=neu", "mandat=ja"]);
    let p = path::compute(&guide, &a);
    let v = &p.steps[p.position(step(&guide, "projekt")).unwrap()];
    assert_eq!(
        p.reason_priority(&guide, &a, v).as_deref(),
        Some(
            "Wichtig, weil: Größe ist „Kleine Gemeinde“ (Ihre Angabe: „Kleine Gemeinde“) und Politischer Auftrag ist „Ja“ (Ihre Angabe: „Ja“)."
        )
    );
    let v = &p.steps[p.position(step(&guide, "willkommen")).unwrap()];
    assert_eq!(p.reason_priority(&guide, &a, v), None);
}

// ---------------------------------------------------------------------------------------
// Determinism

#[test]
fn a_profile_change_and_back_gives_the_same_path() {
    let guide = minimal();
    let first = answers(&guide, &["groesse=klein", "stand=neu", "mandat=nein"]);
    let before = path::compute(&guide, &first);
    // Change the profile: the decision drops out of effect but stays in the answers.
    let mut changed = first.clone();
    changed.profile.insert("stand".into(), "erfahren".into());
    let during = path::compute(&guide, &changed);
    assert_ne!(during, before);
    assert_eq!(during.facts.decisions, [None]);
    assert_eq!(
        changed.decisions.get("mandat").map(String::as_str),
        Some("nein")
    );
    // Change it back: the same path as before, including the decision's effect.
    changed.profile.insert("stand".into(), "neu".into());
    assert_eq!(changed, first);
    assert_eq!(path::compute(&guide, &changed), before);
    assert!(shown(&guide, &before).contains(&"beschluss".to_string()));
}

#[test]
fn paths_do_not_depend_on_answer_order_or_on_loading_again() {
    let guide = minimal();
    let again = minimal();
    assert_eq!(guide.fingerprint, again.fingerprint);
    let groesse = ["groesse=klein", "groesse=gross"];
    let stand = ["stand=neu", "stand=erfahren"];
    let mandat = [None, Some("mandat=ja"), Some("mandat=nein")];
    for g in groesse {
        for s in stand {
            for m in mandat {
                let mut pairs = vec![g, s];
                pairs.extend(m);
                let forward = answers(&guide, &pairs);
                pairs.reverse();
                let backward = answers(&guide, &pairs);
                let p = path::compute(&guide, &forward);
                assert_eq!(p, path::compute(&guide, &backward), "{pairs:?}");
                assert_eq!(p, path::compute(&again, &forward), "{pairs:?}");
                assert_eq!(p, path::compute(&guide, &forward), "{pairs:?}");
            }
        }
    }
}

#[test]
fn parse_pairs_rejects_what_the_guide_does_not_know() {
    let guide = minimal();
    let e = |pairs: &[&str]| Answers::parse_pairs(&guide, pairs.iter().copied()).unwrap_err();
    assert_eq!(
        e(&["groesse=riesig"]),
        "question `groesse` has no answer `riesig`; answers: klein, gross"
    );
    assert_eq!(
        e(&["mandat=vielleicht"]),
        "decision `mandat` has no answer `vielleicht`; answers: ja, nein"
    );
    assert_eq!(
        e(&["farbe=rot"]),
        "unknown question or decision `farbe`; known: groesse, stand, mandat"
    );
    assert_eq!(
        e(&["groesse"]),
        "`groesse` is not of the form question=answer"
    );
    assert_eq!(
        answers(&guide, &["groesse=klein", "stand=neu"]).summary(&guide),
        "Größe: Kleine Gemeinde · Stand: Neu dabei"
    );
}
