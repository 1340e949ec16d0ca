//! The progress model, the stored document ("Arbeitsstände" of one browser) and the export
//! file: what the user enters, how it survives a new guide version, a second tab, an
//! undo, a migration, a bad file and an import.
//!
//! Two versions of one guide are the fixtures `guide-v1` (a copy of `minimal`) and
//! `guide-v2`: `willkommen` reworded, `team` removed, `auswerten` added, task `presse`
//! removed from `projekt`, choice `gross` of `groesse` replaced by `mittel`.

use crate::common::*;
use leitfaden::guide::Guide;
use leitfaden::path;
use leitfaden::progress::{Progress, Status, StepProgress};

// ---------------------------------------------------------------------------------------
// The fixtures

#[test]
fn both_guide_versions_load_without_any_diagnostic() {
    for name in ["guide-v1", "guide-v2"] {
        let (_, report) = load_ok(&files(name));
        assert!(report.diagnostics.is_empty(), "{name}:\n{report}");
    }
}

#[test]
fn the_two_versions_differ_as_described() {
    let (a, b) = (v1(), v2());
    assert_eq!(a.id, b.id);
    assert_eq!((a.version.as_str(), b.version.as_str()), ("0.1.0", "0.2.0"));
    assert_ne!(a.fingerprint, b.fingerprint);
    // v1 is the minimal fixture, unchanged in content.
    assert_eq!(a.fingerprint, minimal().fingerprint);
    assert_eq!(
        ids(&a),
        [
            "willkommen",
            "team",
            "auftrag",
            "beschluss",
            "projekt",
            "abschluss"
        ]
    );
    assert_eq!(
        ids(&b),
        [
            "willkommen",
            "auftrag",
            "beschluss",
            "projekt",
            "auswerten",
            "abschluss"
        ]
    );
    assert_ne!(
        a.steps[idx(&a, "willkommen")].body,
        b.steps[idx(&b, "willkommen")].body
    );
    let tasks = |g: &Guide| -> Vec<String> {
        g.steps[idx(g, "projekt")]
            .tasks
            .iter()
            .map(|t| t.id.clone())
            .collect()
    };
    assert_eq!(tasks(&a), ["projekt-waehlen", "presse"]);
    assert_eq!(tasks(&b), ["projekt-waehlen"]);
    let choices = |g: &Guide| -> Vec<String> {
        g.questions[0]
            .choices
            .iter()
            .map(|c| c.id.clone())
            .collect()
    };
    assert_eq!(choices(&a), ["klein", "gross"]);
    assert_eq!(choices(&b), ["klein", "mittel"]);
    // Steps whose content did not change keep their fingerprint.
    for id in ["auftrag", "beschluss", "abschluss"] {
        assert_eq!(
            a.step_fingerprint(idx(&a, id)),
            b.step_fingerprint(idx(&b, id)),
            "{id}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Progress: status, tasks, fingerprints

#[test]
fn ticking_a_task_moves_an_open_step_to_in_progress() {
    let mut p = Progress::default();
    assert_eq!(p.status("projekt"), Status::Open);
    p.set_task("projekt", "projekt-waehlen", true);
    assert_eq!(p.status("projekt"), Status::InProgress);
    assert!(p.step("projekt").unwrap().tasks.contains("projekt-waehlen"));
    // Unticking keeps the status; the task is gone.
    p.set_task("projekt", "projekt-waehlen", false);
    assert_eq!(p.status("projekt"), Status::InProgress);
    assert!(p.step("projekt").unwrap().tasks.is_empty());
}

#[test]
fn ticking_a_task_leaves_a_done_or_irrelevant_step_alone() {
    let guide = v1();
    let mut p = Progress::default();
    p.set_status(&guide, "projekt", Status::Done);
    p.set_task("projekt", "presse", true);
    assert_eq!(p.status("projekt"), Status::Done);
    p.set_status(&guide, "abschluss", Status::NotRelevant);
    p.set_task("abschluss", "bilanz", true);
    assert_eq!(p.status("abschluss"), Status::NotRelevant);
}

#[test]
fn done_records_the_step_fingerprint_and_other_statuses_clear_it() {
    let guide = v1();
    let i = idx(&guide, "willkommen");
    let mut p = Progress::default();
    p.set_status(&guide, "willkommen", Status::Done);
    assert_eq!(
        p.step("willkommen").unwrap().done_fingerprint,
        Some(guide.step_fingerprint(i))
    );
    assert!(!p.changed_since_done(&guide, i));
    for status in [Status::InProgress, Status::Open, Status::NotRelevant] {
        p.set_status(&guide, "willkommen", status);
        assert_eq!(p.status("willkommen"), status);
        assert_eq!(
            p.step("willkommen").unwrap().done_fingerprint,
            None,
            "{status:?}"
        );
    }
    // A step the guide does not know gets no fingerprint, but its status is kept.
    p.set_status(&guide, "gibt-es-nicht", Status::Done);
    assert_eq!(p.status("gibt-es-nicht"), Status::Done);
    assert_eq!(p.step("gibt-es-nicht").unwrap().done_fingerprint, None);
}

#[test]
fn a_done_step_whose_content_changed_is_flagged_until_acknowledged() {
    let (a, b) = (v1(), v2());
    let mut p = Progress::default();
    for id in ["willkommen", "auftrag", "projekt", "abschluss"] {
        p.set_status(&a, id, Status::Done);
    }
    p.set_status(&a, "beschluss", Status::InProgress);
    // With the guide it was done with, nothing changed.
    for i in 0..a.steps.len() {
        assert!(!p.changed_since_done(&a, i), "{}", a.steps[i].id);
    }
    let changed: Vec<&str> = (0..b.steps.len())
        .filter(|&i| p.changed_since_done(&b, i))
        .map(|i| b.steps[i].id.as_str())
        .collect();
    // `willkommen`'s text changed, `projekt` lost a task; the rest is as it was, and
    // `beschluss` (not done) and `auswerten` (new) cannot have changed "since done".
    assert_eq!(changed, ["willkommen", "projekt"]);

    let before = p.clone();
    p.acknowledge_change(&b, idx(&b, "willkommen"));
    assert!(!p.changed_since_done(&b, idx(&b, "willkommen")));
    assert!(p.changed_since_done(&b, idx(&b, "projekt")));
    assert_eq!(
        p.step("willkommen").unwrap().done_fingerprint,
        Some(b.step_fingerprint(idx(&b, "willkommen")))
    );
    assert_eq!(p.status("willkommen"), Status::Done);
    // Acknowledging a step that is not done records nothing.
    p.acknowledge_change(&b, idx(&b, "beschluss"));
    p.acknowledge_change(&b, idx(&b, "auswerten"));
    assert_eq!(p.step("beschluss"), before.step("beschluss"));
    assert_eq!(p.step("auswerten"), None);
}

#[test]
fn adopting_a_guide_makes_only_later_steps_new() {
    let (a, b) = (v1(), v2());
    let mut p = Progress::default();
    // Before the first use nothing is new.
    assert!((0..b.steps.len()).all(|i| !p.is_new(&b, i)));
    assert!(p.adopt_guide(&a));
    assert_eq!(p.known_steps.len(), a.steps.len());
    assert!((0..a.steps.len()).all(|i| !p.is_new(&a, i)));
    // Once adopted, a later guide is not adopted again.
    assert!(!p.adopt_guide(&b));
    let new: Vec<&str> = (0..b.steps.len())
        .filter(|&i| p.is_new(&b, i))
        .map(|i| b.steps[i].id.as_str())
        .collect();
    assert_eq!(new, ["auswerten"]);
    assert!(p.mark_seen("auswerten"));
    assert!(!p.is_new(&b, idx(&b, "auswerten")));
    assert!(!p.mark_seen("auswerten"), "seen twice is no change");
    // The removed step stays known (it is the user's history).
    assert!(p.known_steps.contains("team"));
}

/// A progress on v1 for a large Kommune that touched what v2 removes.
fn used_on_v1(guide: &Guide) -> Progress {
    let mut p = Progress::default();
    p.set_answer("groesse", "gross");
    p.set_answer("stand", "neu");
    p.set_decision("mandat", "ja");
    p.set_task("team", "kernteam", true);
    p.set_note("team", "Drei Leute gefragt.\nZwei haben zugesagt.");
    p.set_task("projekt", "projekt-waehlen", true);
    p.set_task("projekt", "presse", true);
    p.set_status(guide, "willkommen", Status::Done);
    p
}

#[test]
fn archive_lists_what_the_new_version_no_longer_has_and_keeps_it_all() {
    let (a, b) = (v1(), v2());
    let mut p = used_on_v1(&a);
    // An untouched entry of a removed step is nothing to archive.
    p.steps
        .insert("gibt-es-nicht".into(), StepProgress::default());
    p.set_decision("abgeschafft", "ja");
    let kept = p.clone();
    assert_eq!(
        p.archive(&a).answers,
        [("abgeschafft".to_string(), "ja".to_string())]
    );
    assert!(p.archive(&a).steps.is_empty() && p.archive(&a).tasks.is_empty());

    let archive = p.archive(&b);
    let team = StepProgress {
        status: Status::InProgress,
        note: "Drei Leute gefragt.\nZwei haben zugesagt.".into(),
        tasks: ["kernteam".to_string()].into(),
        ..StepProgress::default()
    };
    assert_eq!(archive.steps, [("team".to_string(), team.clone())]);
    assert_eq!(
        archive.tasks,
        [("projekt".to_string(), "presse".to_string())]
    );
    assert_eq!(
        archive.answers,
        [
            ("groesse".to_string(), "gross".to_string()),
            ("abgeschafft".to_string(), "ja".to_string())
        ]
    );
    assert!(!archive.is_empty());
    // Nothing was dropped: the archive is a view.
    assert_eq!(p, kept);
    assert_eq!(p.steps["team"], team);
    assert!(p.steps["projekt"].tasks.contains("presse"));
    assert_eq!(p.answers.profile["groesse"], "gross");
}

#[test]
fn an_answer_to_an_unknown_question_is_archived() {
    let mut p = Progress::default();
    p.set_answer("gibt-es-nicht", "ja");
    p.set_answer("stand", "neu");
    assert_eq!(
        p.archive(&v1()).answers,
        [("gibt-es-nicht".to_string(), "ja".to_string())]
    );
}

#[test]
fn done_count_counts_done_and_not_relevant_on_the_given_steps() {
    let guide = v1();
    let mut p = Progress::default();
    p.set_answer("groesse", "klein");
    p.set_answer("stand", "neu");
    p.set_decision("mandat", "nein");
    p.set_status(&guide, "willkommen", Status::Done);
    p.set_status(&guide, "beschluss", Status::NotRelevant);
    p.set_status(&guide, "projekt", Status::InProgress);
    // Done, but not on this path.
    p.set_status(&guide, "team", Status::Done);
    let path = path::compute(&guide, &p.answers);
    assert_eq!(path.steps.len(), 5);
    assert_eq!(
        p.done_count(&guide, path.steps.iter().map(|v| v.step)),
        (2, 5)
    );
    assert_eq!(p.done_count(&guide, 0..guide.steps.len()), (3, 6));
    assert_eq!(p.done_count(&guide, std::iter::empty()), (0, 0));
}
