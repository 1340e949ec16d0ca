//! The progress model, the stored document ("Arbeitsstände" of one browser) and the export
//! file: what the user enters, how it survives a new guide version, a second tab, an
//! undo, a migration, a bad file and an import.
//!
//! Two versions of one guide are the fixtures `guide-v1` (a copy of `minimal`) and
//! `guide-v2`: `willkommen` reworded, `team` removed, `auswerten` added, task `presse`
//! removed from `projekt`, choice `gross` of `groesse` replaced by `mittel`.

mod common;

use common::*;
use leitfaden::guide::Guide;
use leitfaden::path;
use leitfaden::progress::{FORMAT, Progress, Status, StepProgress};
use leitfaden::workspace::{
    self, DecodeError, Deleted, EXPORT_KIND, Export, KIND, MAX_BYTES, MAX_STATES, Preview, UNDO_MS,
    WorkState, Workspace, decode, decode_export,
};
use serde_json::{Value, json};

fn v1() -> Guide {
    load_ok(&files("guide-v1")).0
}

fn v2() -> Guide {
    load_ok(&files("guide-v2")).0
}

fn idx(guide: &Guide, id: &str) -> usize {
    guide
        .step_index(id)
        .unwrap_or_else(|| panic!("no step `{id}`"))
}

fn ids(guide: &Guide) -> Vec<&str> {
    guide.steps.iter().map(|s| s.id.as_str()).collect()
}

/// Asserts that a user-facing message is a German sentence, not empty and not leaking an
/// English library message.
fn assert_german(message: &str) {
    assert!(!message.trim().is_empty(), "empty message");
    assert!(
        message.starts_with("Die ") || message.starts_with("Das ") || message.starts_with("Diese"),
        "not a German sentence: {message}"
    );
    assert!(message.ends_with('.'), "not a full sentence: {message}");
    for english in [
        "invalid", "expected", "missing", "unknown", "error", " at line", " the ",
    ] {
        assert!(
            !message.to_lowercase().contains(english),
            "English (`{english}`) in: {message}"
        );
    }
}

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

// ---------------------------------------------------------------------------------------
// Two tabs: stamp_changes and merge

/// Applies `f` to a copy of `base` and stamps what changed with `now`, as the app does.
fn edited(base: &Progress, now: u64, f: impl FnOnce(&mut Progress)) -> Progress {
    let mut p = base.clone();
    f(&mut p);
    p.stamp_changes(base, now);
    p
}

fn merged(a: &Progress, b: &Progress) -> Progress {
    let mut m = a.clone();
    m.merge(b);
    m
}

fn base(guide: &Guide) -> Progress {
    edited(&Progress::default(), 10, |p| {
        p.name = "Musterstadt".into();
        p.set_answer("groesse", "klein");
        p.set_task("willkommen", "lesen", true);
        p.set_status(guide, "abschluss", Status::NotRelevant);
        p.adopt_guide(guide);
    })
}

#[test]
fn stamp_changes_stamps_only_what_changed() {
    let guide = v1();
    let b = base(&guide);
    assert_eq!(b.edited, 10);
    assert_eq!(b.steps["willkommen"].edited, 10);
    let p = edited(&b, 20, |p| p.set_note("projekt", "x"));
    assert_eq!(p.steps["projekt"].edited, 20);
    assert_eq!(p.steps["willkommen"].edited, 10, "unchanged step");
    assert_eq!(p.edited, 10, "steps do not touch the answers' stamp");
    let p = edited(&p, 30, |p| p.set_reason("abschluss", "Machen wir nicht."));
    assert_eq!(p.steps["abschluss"].edited, 30);
    assert_eq!(p.steps["projekt"].edited, 20);
    let p = edited(&p, 40, |p| p.current = Some("projekt".into()));
    assert_eq!(p.edited, 40);
    let p = edited(&p, 50, |p| p.set_status(&guide, "projekt", Status::Done));
    assert_eq!(p.steps["projekt"].edited, 50);
    let p = edited(&p, 60, |p| p.intake_done = true);
    assert_eq!(p.edited, 60);
    // No change, no stamp.
    let same = edited(&p, 70, |_| {});
    assert_eq!(same, p);
}

#[test]
fn edits_of_different_steps_in_two_tabs_both_survive_in_either_direction() {
    let guide = v1();
    let b = base(&guide);
    let tab1 = edited(&b, 100, |p| p.set_note("willkommen", "Gelesen im Team."));
    let tab2 = edited(&b, 200, |p| {
        p.set_task("projekt", "projekt-waehlen", true);
        p.mark_seen("neu-in-tab-2");
    });
    for m in [merged(&tab1, &tab2), merged(&tab2, &tab1)] {
        assert_eq!(m.steps["willkommen"].note, "Gelesen im Team.");
        assert!(m.steps["willkommen"].tasks.contains("lesen"));
        assert_eq!(m.status("projekt"), Status::InProgress);
        assert!(m.steps["projekt"].tasks.contains("projekt-waehlen"));
        assert_eq!(m.status("abschluss"), Status::NotRelevant);
        assert!(m.known_steps.contains("neu-in-tab-2"));
        assert_eq!(m.name, "Musterstadt");
    }
    assert_eq!(merged(&tab1, &tab2), merged(&tab2, &tab1));
}

#[test]
fn the_newer_edit_of_the_same_step_wins_in_either_direction() {
    let guide = v1();
    let b = base(&guide);
    let older = edited(&b, 100, |p| {
        p.set_note("willkommen", "alt");
        p.set_task("willkommen", "lesen", false);
    });
    let newer = edited(&b, 200, |p| {
        p.set_note("willkommen", "neu");
        p.set_status(&guide, "willkommen", Status::Done);
    });
    for m in [merged(&older, &newer), merged(&newer, &older)] {
        assert_eq!(m.steps["willkommen"], newer.steps["willkommen"]);
        assert_eq!(m.status("willkommen"), Status::Done);
        assert!(m.steps["willkommen"].tasks.contains("lesen"));
    }
}

#[test]
fn answers_edited_later_win_in_either_direction() {
    let guide = v1();
    let b = base(&guide);
    let older = edited(&b, 100, |p| {
        p.set_answer("stand", "erfahren");
        p.name = "Alt".into();
    });
    let newer = edited(&b, 200, |p| {
        p.set_answer("groesse", "gross");
        p.set_decision("mandat", "ja");
        p.current = Some("auftrag".into());
    });
    for m in [merged(&older, &newer), merged(&newer, &older)] {
        assert_eq!(m.answers, newer.answers);
        assert_eq!(m.name, "Musterstadt");
        assert_eq!(m.current.as_deref(), Some("auftrag"));
        assert_eq!(m.edited, 200);
    }
}

#[test]
fn a_step_only_one_side_has_is_kept() {
    let guide = v1();
    let b = base(&guide);
    // Stamped earlier than anything on the other side: still kept.
    let one = edited(&b, 50, |p| p.set_note("beschluss", "Vorlage liegt vor."));
    let other = edited(&b, 300, |p| p.set_note("willkommen", "spät"));
    for m in [merged(&one, &other), merged(&other, &one)] {
        assert_eq!(m.steps["beschluss"].note, "Vorlage liegt vor.");
        assert_eq!(m.steps["willkommen"].note, "spät");
    }
    // Merging with itself changes nothing.
    assert_eq!(merged(&one, &one), one);
}

// ---------------------------------------------------------------------------------------
// Workspace: the work states of one browser

fn state_ids(ws: &Workspace) -> Vec<&str> {
    ws.states.iter().map(|s| s.id.as_str()).collect()
}

fn deleted_ids(ws: &Workspace) -> Vec<&str> {
    ws.deleted.iter().map(|d| d.state.id.as_str()).collect()
}

#[test]
fn a_new_workspace_has_one_empty_active_state() {
    let ws = Workspace::new("minimal");
    assert_eq!(ws.kind, KIND);
    assert_eq!(ws.format, FORMAT);
    assert_eq!(ws.guide, "minimal");
    assert_eq!(state_ids(&ws), ["1"]);
    assert_eq!(ws.active, "1");
    assert_eq!(*ws.active(), Progress::default());
    assert!(ws.deleted.is_empty());
}

#[test]
fn create_switch_and_rename() {
    let mut ws = Workspace::new("minimal");
    let id = ws.create("  Musterstadt  ");
    assert_eq!(id, "2");
    assert_eq!(ws.active, "2");
    assert_eq!(ws.active().name, "Musterstadt");
    ws.active_mut().set_note("willkommen", "nur in 2");
    assert!(ws.switch("1"));
    assert_eq!(ws.active, "1");
    assert!(ws.active().steps.is_empty());
    assert!(!ws.switch("99"));
    assert_eq!(ws.active, "1", "an unknown id does not switch");
    ws.rename("2", " Beispielstadt ");
    assert_eq!(ws.state("2").unwrap().progress.name, "Beispielstadt");
    assert_eq!(
        ws.state("2").unwrap().progress.steps["willkommen"].note,
        "nur in 2"
    );
    ws.rename("99", "niemand");
    assert_eq!(state_ids(&ws), ["1", "2"]);
    assert!(ws.states.iter().all(|s| s.progress.name != "niemand"));
}

#[test]
fn duplicate_makes_an_independent_active_copy() {
    let guide = v1();
    let mut ws = Workspace::new("minimal");
    ws.rename("1", "Musterstadt");
    ws.active_mut()
        .set_status(&guide, "willkommen", Status::Done);
    let copy = ws.duplicate("1").expect("state 1 exists");
    assert_eq!(copy, "2");
    assert_eq!(ws.active, "2");
    assert_eq!(ws.active().name, "Musterstadt (Kopie)");
    assert_eq!(ws.active().status("willkommen"), Status::Done);
    ws.active_mut()
        .set_status(&guide, "willkommen", Status::Open);
    ws.active_mut().set_note("projekt", "nur in der Kopie");
    let original = &ws.state("1").unwrap().progress;
    assert_eq!(original.status("willkommen"), Status::Done);
    assert!(original.step("projekt").is_none());
    assert_eq!(original.name, "Musterstadt");
    // An unnamed state's copy is called "Kopie"; an unknown one cannot be copied.
    ws.create("");
    let id = ws.active.clone();
    let copy = ws.duplicate(&id).unwrap();
    assert_eq!(ws.state(&copy).unwrap().progress.name, "Kopie");
    assert_eq!(ws.duplicate("99"), None);
}

#[test]
fn delete_moves_the_state_aside_and_the_active_one_on() {
    let mut ws = Workspace::new("minimal");
    ws.create("Zwei");
    ws.create("Drei");
    assert_eq!(ws.active, "3");
    // Deleting another state keeps the active one.
    assert!(ws.delete("2", 1000));
    assert_eq!(ws.active, "3");
    assert_eq!(state_ids(&ws), ["1", "3"]);
    assert_eq!(ws.deleted.len(), 1);
    assert_eq!(ws.deleted[0].at, 1000);
    assert_eq!(ws.deleted[0].state.progress.name, "Zwei");
    // Deleting the active one moves on to the first.
    assert!(ws.delete("3", 2000));
    assert_eq!(ws.active, "1");
    assert!(!ws.delete("3", 3000), "already deleted");
    assert!(!ws.delete("99", 3000));
    // A new state never takes a deleted state's id.
    assert_eq!(ws.create("Vier"), "4");
    assert!(ws.delete("4", 3000));
    // Deleting the last creates an empty one to work in.
    assert!(ws.delete("1", 4000));
    assert_eq!(ws.states.len(), 1);
    let fresh = &ws.states[0];
    assert_eq!(ws.active, fresh.id);
    assert_eq!(fresh.progress, Progress::default());
    assert!(!deleted_ids(&ws).contains(&fresh.id.as_str()));
    assert_eq!(deleted_ids(&ws), ["2", "3", "4", "1"]);
}

#[test]
fn undo_delete_restores_and_activates() {
    let mut ws = Workspace::new("minimal");
    ws.active_mut().set_note("willkommen", "wichtig");
    ws.create("Zwei");
    ws.delete("1", 1000);
    assert_eq!(ws.active, "2");
    assert!(ws.undo_delete("1"));
    assert_eq!(ws.active, "1");
    assert_eq!(ws.active().steps["willkommen"].note, "wichtig");
    assert!(ws.deleted.is_empty());
    assert!(!ws.undo_delete("1"), "nothing left to restore");
    assert!(!ws.undo_delete("99"));
    assert_eq!(state_ids(&ws), ["2", "1"]);
}

#[test]
fn purge_forgets_deleted_states_only_after_the_undo_time() {
    let mut ws = Workspace::new("minimal");
    ws.create("alt");
    ws.create("neu");
    ws.delete("2", 1000);
    ws.delete("3", 5000);
    ws.purge_deleted(1000 + UNDO_MS - 1);
    assert_eq!(deleted_ids(&ws), ["2", "3"]);
    ws.purge_deleted(1000 + UNDO_MS);
    assert_eq!(deleted_ids(&ws), ["3"]);
    // A clock that went backwards forgets nothing.
    ws.purge_deleted(0);
    assert_eq!(deleted_ids(&ws), ["3"]);
    ws.purge_deleted(u64::MAX);
    assert!(ws.deleted.is_empty());
}

/// A workspace with states "1" (Musterstadt) and "2" (Beispielstadt), both filled.
fn two_states() -> Workspace {
    let guide = v1();
    let mut ws = Workspace::new("minimal");
    ws.rename("1", "Musterstadt");
    ws.active_mut().set_answer("groesse", "klein");
    ws.active_mut()
        .set_status(&guide, "willkommen", Status::Done);
    ws.create("Beispielstadt");
    ws.active_mut().set_note("projekt", "Open-Data-Portal");
    ws
}

fn stamped(ws: &mut Workspace, now: u64, f: impl FnOnce(&mut Progress)) {
    let before = ws.active().clone();
    f(ws.active_mut());
    ws.active_mut().stamp_changes(&before, now);
}

#[test]
fn merging_workspaces_keeps_one_sided_states_and_deletions() {
    let guide = v1();
    let common = two_states();
    // Tab A deletes "2" and edits "1"; tab B edits "2" and "1" elsewhere, and adds "3".
    let mut a = common.clone();
    a.delete("2", 5000);
    a.switch("1");
    stamped(&mut a, 100, |p| p.set_note("willkommen", "aus A"));
    let mut b = common.clone();
    stamped(&mut b, 200, |p| p.set_note("projekt", "geändert in B"));
    b.switch("1");
    stamped(&mut b, 300, |p| {
        p.set_status(&guide, "projekt", Status::Done)
    });
    let three = b.create("Neu in B");
    assert_eq!(three, "3");

    let mut ab = a.clone();
    ab.merge(&b);
    let mut ba = b.clone();
    ba.merge(&a);
    for (m, active) in [(&ab, "1"), (&ba, "3")] {
        assert_eq!(state_ids(m).len(), 2, "{:?}", state_ids(m));
        assert!(m.state("1").is_some() && m.state("3").is_some());
        assert!(m.state("2").is_none(), "a deletion stays deleted");
        assert_eq!(deleted_ids(m), ["2"]);
        assert_eq!(m.deleted[0].at, 5000);
        let one = &m.state("1").unwrap().progress;
        assert_eq!(one.steps["willkommen"].note, "aus A");
        assert_eq!(one.status("projekt"), Status::Done);
        assert_eq!(m.state("3").unwrap().progress.name, "Neu in B");
        assert_eq!(m.active, active, "each tab keeps its own active state");
    }
    // B was working in "2", which A deleted: B moves on.
    let mut b2 = common.clone();
    assert_eq!(b2.active, "2");
    b2.merge(&a);
    assert_eq!(b2.active, "1");
    // Deleted everywhere: an empty one to work in.
    let mut only = Workspace::new("minimal");
    let mut gone = only.clone();
    gone.delete("1", 10);
    only.merge(&gone);
    assert_eq!(only.states.len(), 1);
    assert_ne!(only.states[0].id, "1");
    assert_eq!(only.active, only.states[0].id);
}

/// What the app has to do for a rename to reach another tab: stamp the renamed state like
/// any other edit. (`Workspace::rename` itself does not stamp; unstamped, the other tab
/// keeps the old name, see the report on `update_ws`.)
#[test]
fn a_stamped_rename_reaches_the_other_tab() {
    let common = two_states();
    let mut a = common.clone();
    let before = a.state("1").unwrap().progress.clone();
    a.rename("1", "Neuer Name");
    let i = a.states.iter().position(|s| s.id == "1").unwrap();
    a.states[i].progress.stamp_changes(&before, 700);
    let mut b = common.clone();
    stamped(&mut b, 600, |p| p.set_note("auftrag", "aus B"));
    let mut ab = a.clone();
    ab.merge(&b);
    let mut ba = b.clone();
    ba.merge(&a);
    for m in [&ab, &ba] {
        assert_eq!(m.state("1").unwrap().progress.name, "Neuer Name");
        assert_eq!(
            m.state("2").unwrap().progress.steps["auftrag"].note,
            "aus B"
        );
    }
}

#[test]
fn encode_and_decode_round_trip() {
    let guide = v1();
    let mut ws = two_states();
    stamped(&mut ws, 1_700_000_000_000, |p| {
        p.set_note(
            "willkommen",
            "Zeile 1\nZeile 2 mit „Anführungszeichen“, \"quotes\", \\ und 🙂",
        );
        p.set_status(&guide, "abschluss", Status::NotRelevant);
        p.set_reason("abschluss", "Kein Bedarf.");
        p.set_decision("mandat", "ja");
        p.intake_done = true;
        p.current = Some("auftrag".into());
        p.adopt_guide(&guide);
    });
    ws.create("Weg damit");
    ws.delete("3", u64::MAX);
    ws.switch("2");
    let raw = ws.encode();
    assert_eq!(decode(&raw, "minimal"), Ok(ws.clone()));
    // The stored text is JSON with our envelope.
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["kind"], KIND);
    assert_eq!(v["format"], FORMAT);
    assert_eq!(v["guide"], "minimal");
    assert_eq!(v["active"], "2");
}

// ---------------------------------------------------------------------------------------
// Migration

#[test]
fn a_format_0_document_becomes_one_work_state() {
    let progress = json!({
        "name": "Altstadt",
        "answers": { "profile": { "groesse": "klein" } },
        "steps": { "willkommen": { "status": "Done", "note": "alt" } },
        "current": "willkommen"
    });
    let raw = json!({
        "kind": KIND,
        "format": 0,
        "guide": "minimal",
        "progress": progress,
    })
    .to_string();
    let ws = decode(&raw, "minimal").expect("format 0 is migrated");
    let expected_progress: Progress = serde_json::from_value(progress).unwrap();
    assert_eq!(expected_progress.name, "Altstadt");
    assert_eq!(
        ws,
        Workspace {
            kind: KIND.into(),
            format: 1,
            guide: "minimal".into(),
            active: "1".into(),
            states: vec![WorkState {
                id: "1".into(),
                progress: expected_progress,
            }],
            deleted: vec![],
            restored: Default::default(),
            id_prefix: String::new(),
        }
    );
    assert_eq!(ws.active().status("willkommen"), Status::Done);
    // Encoded again, it is a current document.
    assert_eq!(decode(&ws.encode(), "minimal"), Ok(ws.clone()));
}

#[test]
fn a_format_0_document_without_progress_is_refused() {
    let raw = json!({ "kind": KIND, "format": 0, "guide": "minimal" }).to_string();
    let e = decode(&raw, "minimal").unwrap_err();
    assert_eq!(e, DecodeError::Invalid("Angabe „progress“ fehlt".into()));
    assert_german(&e.message());
}

#[test]
fn a_format_0_export_is_migrated() {
    let raw = json!({
        "kind": EXPORT_KIND,
        "format": 0,
        "guide": { "id": "minimal", "version": "0.0.1", "fingerprint": "x" },
        "exported": "2024-01-01",
        "progress": { "name": "Alt" }
    })
    .to_string();
    let e = decode_export(&raw, "minimal").expect("format 0 export is migrated");
    assert_eq!(e.format, 1);
    assert_eq!(e.progress.name, "Alt");
}

#[test]
fn an_unknown_older_format_errors_clearly() {
    let e = workspace::migrate(json!({ "kind": "anders", "format": 0 }), "anders").unwrap_err();
    assert_eq!(e, DecodeError::Invalid("unbekanntes Format 0".into()));
    assert_german(&e.message());
    assert!(e.message().contains("unbekanntes Format 0"));
}

#[test]
fn migrate_leaves_a_current_document_as_it_is() {
    let ws = two_states();
    let v: Value = serde_json::from_str(&ws.encode()).unwrap();
    assert_eq!(workspace::migrate(v.clone(), KIND), Ok(v));
}

// ---------------------------------------------------------------------------------------
// Bad input

fn valid_export() -> String {
    let guide = v1();
    let mut ws = two_states();
    ws.switch("1");
    ws.export("1", &guide, "2025-03-01T10:00:00Z").unwrap()
}

/// Both decoders give `expected` for `raw`, with a German message.
fn both_fail(raw: &str, expected: DecodeError) {
    let a = decode(raw, "minimal").unwrap_err();
    let b = decode_export(raw, "minimal").unwrap_err();
    assert_eq!(a, expected, "decode");
    assert_eq!(b, expected, "decode_export");
    assert_german(&expected.message());
}

#[test]
fn not_json() {
    both_fail("Hallo Welt", DecodeError::NotJson { line: 1, column: 1 });
    both_fail(
        "{\n  \"kind\": nein\n}",
        DecodeError::NotJson {
            line: 2,
            column: 12,
        },
    );
    let m = DecodeError::NotJson {
        line: 2,
        column: 12,
    }
    .message();
    assert!(m.contains("Zeile 2, Spalte 12"), "{m}");
}

/// The first half of `s`, cut at a character boundary.
fn half_of(s: &str) -> &str {
    let mut n = s.len() / 2;
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

#[test]
fn truncated() {
    let export = valid_export();
    let half = half_of(&export);
    both_fail(half, DecodeError::Truncated);
    let stored = two_states().encode();
    let half = half_of(&stored);
    both_fail(half, DecodeError::Truncated);
    both_fail("{", DecodeError::Truncated);
    both_fail("[1, 2", DecodeError::Truncated);
}

#[test]
fn empty() {
    both_fail("", DecodeError::Empty);
    both_fail(" \n\t ", DecodeError::Empty);
    assert_eq!(DecodeError::Empty.message(), "Die Datei ist leer.");
}

#[test]
fn not_ours() {
    for raw in [
        "[]",
        "[{\"kind\": \"leitfaden-arbeitsstand\"}]",
        "42",
        "\"leitfaden-arbeitsstand\"",
        "null",
        "{}",
        "{\"kind\": \"etwas-anderes\", \"format\": 1}",
        "{\"kind\": 1, \"format\": 1}",
    ] {
        both_fail(raw, DecodeError::NotOurs);
    }
    // Each decoder refuses the other's kind (a stored document given as an export gets
    // its own message, below).
    assert_eq!(
        decode(&valid_export(), "minimal"),
        Err(DecodeError::NotOurs)
    );
}

#[test]
fn other_guide() {
    let e = decode_export(&valid_export(), "anderer-leitfaden").unwrap_err();
    assert_eq!(e, DecodeError::OtherGuide("minimal".into()));
    assert_german(&e.message());
    assert!(e.message().contains("„minimal“"));
    let e = decode(&two_states().encode(), "anderer-leitfaden").unwrap_err();
    assert_eq!(e, DecodeError::OtherGuide("minimal".into()));
    // An export made with another guide, read for this one.
    let other = load_ok(&minimal_with(&[(
        "leitfaden.ron",
        "id: \"minimal\"",
        "id: \"anderer-leitfaden\"",
    )]))
    .0;
    let mut ws = Workspace::new(&other.id);
    ws.rename("1", "Fremd");
    let raw = ws.export("1", &other, "2025-01-01").unwrap();
    assert_eq!(
        decode_export(&raw, "minimal"),
        Err(DecodeError::OtherGuide(other.id.clone()))
    );
}

#[test]
fn newer_format() {
    let mut v: Value = serde_json::from_str(&valid_export()).unwrap();
    v["format"] = json!(99);
    let e = decode_export(&v.to_string(), "minimal").unwrap_err();
    assert_eq!(e, DecodeError::Newer(99));
    let mut v: Value = serde_json::from_str(&two_states().encode()).unwrap();
    v["format"] = json!(99);
    assert_eq!(
        decode(&v.to_string(), "minimal"),
        Err(DecodeError::Newer(99))
    );
    let m = e.message();
    assert_german(&m);
    assert!(
        m.contains("Format 99") && m.contains(&format!("Format {FORMAT}")),
        "{m}"
    );
    // A format beyond u32 is still "newer", not a crash.
    v["format"] = json!(u64::MAX);
    assert_eq!(
        decode(&v.to_string(), "minimal"),
        Err(DecodeError::Newer(u32::MAX))
    );
}

#[test]
fn missing_or_wrong_format() {
    for format in [Value::Null, json!("1"), json!(-1), json!(1.5)] {
        let mut v: Value = serde_json::from_str(&two_states().encode()).unwrap();
        v["format"] = format.clone();
        assert_eq!(
            decode(&v.to_string(), "minimal"),
            Err(DecodeError::Invalid("Angabe „format“ fehlt".into())),
            "{format}"
        );
    }
    let mut v: Value = serde_json::from_str(&valid_export()).unwrap();
    v.as_object_mut().unwrap().remove("format");
    let e = decode_export(&v.to_string(), "minimal").unwrap_err();
    assert_eq!(e, DecodeError::Invalid("Angabe „format“ fehlt".into()));
    assert_german(&e.message());
}

/// The stored document with `pointer` set to `value`.
fn stored_with(pointer: &str, value: Value) -> String {
    let mut v: Value = serde_json::from_str(&two_states().encode()).unwrap();
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    v.to_string()
}

fn export_with(pointer: &str, value: Value) -> String {
    let mut v: Value = serde_json::from_str(&valid_export()).unwrap();
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = value;
    v.to_string()
}

#[test]
fn wrong_field_types() {
    const TYPE: &str = "eine Angabe hat den falschen Typ";
    const VALUE: &str = "eine Angabe hat einen ungültigen Wert";
    let stored = [
        (stored_with("/active", json!(1)), TYPE),
        (stored_with("/states", json!({})), TYPE),
        (stored_with("/states/0/progress/steps", json!([])), TYPE),
        (
            stored_with(
                "/states/0/progress/steps/willkommen/status",
                json!("Fertig"),
            ),
            "unbekannter Wert „Fertig“",
        ),
        (
            stored_with("/states/0/progress/steps/willkommen/edited", json!(-5)),
            VALUE,
        ),
        (stored_with("/states/0/progress/name", json!(null)), TYPE),
        (stored_with("/deleted", json!("nichts")), TYPE),
        (
            stored_with("/states/0", json!({ "progress": {} })),
            "Angabe „id“ fehlt",
        ),
    ];
    for (raw, detail) in &stored {
        let e = decode(raw, "minimal").unwrap_err();
        assert_eq!(e, DecodeError::Invalid(detail.to_string()), "for {raw}");
        assert_german(&e.message());
    }
    let exports = [
        (export_with("/guide", json!("minimal")), TYPE),
        (export_with("/exported", json!(20250301)), TYPE),
        (
            export_with("/progress/answers/profile", json!(["klein"])),
            TYPE,
        ),
        (export_with("/progress/intake_done", json!("ja")), TYPE),
        (
            export_with("/guide", json!({ "id": "minimal" })),
            "Angabe „version“ fehlt",
        ),
    ];
    for (raw, detail) in &exports {
        let e = decode_export(raw, "minimal").unwrap_err();
        assert_eq!(e, DecodeError::Invalid(detail.to_string()), "for {raw}");
        assert_german(&e.message());
    }
}

#[test]
fn missing_fields_are_named() {
    let mut v: Value = serde_json::from_str(&two_states().encode()).unwrap();
    v.as_object_mut().unwrap().remove("states");
    assert_eq!(
        decode(&v.to_string(), "minimal"),
        Err(DecodeError::Invalid("Angabe „states“ fehlt".into()))
    );
    let e = decode(&stored_with("/states", json!([])), "minimal").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Invalid("keine Arbeitsstände enthalten".into())
    );
    assert_german(&e.message());
}

#[test]
fn too_large() {
    let raw = " ".repeat(MAX_BYTES + 1);
    both_fail(&raw, DecodeError::TooLarge(MAX_BYTES + 1));
    // Valid JSON padded past the limit is refused too, before parsing.
    let mut raw = two_states().encode();
    raw.push_str(&" ".repeat(MAX_BYTES));
    let e = decode(&raw, "minimal").unwrap_err();
    assert_eq!(e, DecodeError::TooLarge(raw.len()));
    assert!(e.message().contains(&format!("{} KB", raw.len() / 1024)));
    // Exactly at the limit is read.
    let mut raw = two_states().encode();
    raw.push_str(&" ".repeat(MAX_BYTES - raw.len()));
    assert!(decode(&raw, "minimal").is_ok());
}

#[test]
fn too_many_states() {
    let mut ws = Workspace::new("minimal");
    for i in 1..MAX_STATES {
        ws.create(&format!("Stand {i}"));
    }
    assert_eq!(ws.states.len(), MAX_STATES);
    assert!(
        decode(&ws.encode(), "minimal").is_ok(),
        "the limit itself is fine"
    );
    ws.delete("1", 0);
    assert!(
        decode(&ws.encode(), "minimal").is_ok(),
        "deleted ones count too"
    );
    ws.create("einer zu viel");
    let e = decode(&ws.encode(), "minimal").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Invalid(format!(
            "{} Arbeitsstände sind mehr, als ein Mensch anlegt",
            MAX_STATES + 1
        ))
    );
    assert_german(&e.message());
}

#[test]
fn a_stored_document_is_not_an_export() {
    let e = decode_export(&two_states().encode(), "minimal").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Invalid(
            "das ist ein ganzer Browser-Speicher, kein exportierter Arbeitsstand".into()
        )
    );
    assert_german(&e.message());
    // Also when it is of another guide or a newer format: the kind is told first.
    let raw = stored_with("/format", json!(99));
    assert!(matches!(
        decode_export(&raw, "x"),
        Err(DecodeError::Invalid(_))
    ));
}

#[test]
fn every_error_has_a_german_message() {
    for e in [
        DecodeError::TooLarge(MAX_BYTES + 1),
        DecodeError::Empty,
        DecodeError::Truncated,
        DecodeError::NotJson { line: 3, column: 7 },
        DecodeError::NotOurs,
        DecodeError::OtherGuide("x".into()),
        DecodeError::Newer(2),
        DecodeError::Invalid("Angabe „x“ fehlt".into()),
    ] {
        assert_german(&e.message());
    }
}

// ---------------------------------------------------------------------------------------
// Export, preview, import

/// A work state on v1 with a profile, two done steps, one not relevant and two notes.
fn filled_export_source() -> Workspace {
    let guide = v1();
    let mut ws = Workspace::new("minimal");
    ws.rename("1", "Musterstadt");
    stamped(&mut ws, 500, |p| {
        p.set_answer("groesse", "klein");
        p.set_answer("stand", "neu");
        p.set_decision("mandat", "ja");
        p.set_status(&guide, "willkommen", Status::Done);
        p.set_status(&guide, "auftrag", Status::Done);
        p.set_status(&guide, "abschluss", Status::NotRelevant);
        p.set_note("auftrag", "Bürgermeisterin dafür.");
        p.set_note("projekt", "Idee: Haushalt visualisieren.");
        p.set_task("projekt", "projekt-waehlen", true);
    });
    ws
}

#[test]
fn export_decodes_to_the_same_work_state() {
    let guide = v1();
    let ws = filled_export_source();
    let raw = ws.export("1", &guide, "2025-03-01T10:00:00Z").unwrap();
    assert_eq!(ws.export("99", &guide, "x"), None);
    let e = decode_export(&raw, &guide.id).unwrap();
    assert_eq!(
        e,
        Export {
            kind: EXPORT_KIND.into(),
            format: FORMAT,
            guide: workspace::GuideStamp {
                id: guide.id.clone(),
                version: "0.1.0".into(),
                fingerprint: guide.fingerprint.clone(),
            },
            exported: "2025-03-01T10:00:00Z".into(),
            progress: ws.active().clone(),
        }
    );
}

#[test]
fn preview_shows_what_the_file_holds() {
    let (a, b) = (v1(), v2());
    let raw = filled_export_source()
        .export("1", &a, "2025-03-01T10:00:00Z")
        .unwrap();
    let e = decode_export(&raw, "minimal").unwrap();
    let expected = Preview {
        name: "Musterstadt".into(),
        profile: "Größe: Kleine Gemeinde · Stand: Neu dabei".into(),
        done: 2,
        notes: 2,
        guide_version: "0.1.0".into(),
        exported: "2025-03-01T10:00:00Z".into(),
        same_guide_content: true,
    };
    assert_eq!(e.preview(&a), expected);
    // Read with the next guide version: the file's version, not the same content.
    assert_eq!(
        e.preview(&b),
        Preview {
            same_guide_content: false,
            ..expected
        }
    );
}

#[test]
fn import_adds_a_new_active_state_and_never_overwrites() {
    let guide = v1();
    let raw = filled_export_source()
        .export("1", &guide, "2025-03-01")
        .unwrap();
    let export = decode_export(&raw, "minimal").unwrap();

    // A workspace that already has a "Musterstadt", and a deleted state "2".
    let mut ws = Workspace::new("minimal");
    ws.rename("1", "Musterstadt");
    ws.active_mut().set_note("willkommen", "eigene Notiz");
    ws.create("weg");
    ws.delete("2", 0);
    let before = ws.clone();

    let id = ws.import(&export);
    assert_eq!(id, "3", "neither an existing nor a deleted state's id");
    assert_eq!(ws.active, "3");
    assert_eq!(state_ids(&ws), ["1", "3"]);
    assert_eq!(
        ws.states[0], before.states[0],
        "the existing state is untouched"
    );
    assert_eq!(ws.deleted, before.deleted);
    let imported = &ws.active().clone();
    assert_eq!(imported.name, "Musterstadt (importiert)");
    // The same file once more gets a name of its own.
    let mut again = ws.clone();
    let second = again.import(&export);
    assert_eq!(
        again.state(&second).unwrap().progress.name,
        "Musterstadt (importiert 2)"
    );
    assert_eq!(
        Progress {
            name: "Musterstadt".into(),
            ..imported.clone()
        },
        export.progress
    );

    // Without a clash the name is kept.
    let mut empty = Workspace::new("minimal");
    empty.rename("1", "Anderswo");
    let id = empty.import(&export);
    assert_eq!(empty.state(&id).unwrap().progress.name, "Musterstadt");
    assert_eq!(empty.active, id);
    assert_eq!(empty.states.len(), 2);

    // An unnamed export into a workspace with an unnamed state.
    let mut unnamed = export.clone();
    unnamed.progress.name.clear();
    let mut ws = Workspace::new("minimal");
    let id = ws.import(&unnamed);
    assert_eq!(ws.state(&id).unwrap().progress.name, "(importiert)");
}

#[test]
fn deleted_entries_keep_their_content() {
    // The deleted list carries the whole state, so undo brings everything back.
    let ws = filled_export_source();
    let mut w = ws.clone();
    w.create("");
    w.delete("1", 42);
    assert_eq!(
        w.deleted,
        [Deleted {
            state: ws.states[0].clone(),
            at: 42
        }]
    );
}

/// Two tabs that create a work state at the same moment, each with its own id prefix,
/// keep both after merging.
#[test]
fn work_states_created_in_two_tabs_at_once_both_survive_a_merge() {
    let base = Workspace::new("minimal");
    let mut a = base.clone();
    a.id_prefix = "a-".into();
    let mut b = base.clone();
    b.id_prefix = "b-".into();
    let id_a = a.create("Nord");
    let id_b = b.create("Süd");
    assert_ne!(id_a, id_b);
    a.merge(&b);
    let names: Vec<&str> = a.states.iter().map(|s| s.progress.name.as_str()).collect();
    assert_eq!(names, ["", "Nord", "Süd"]);
}

/// Tab B has taken in tab A's deletion; then A undoes it. B's next save must not delete
/// the work state again, in either direction of the merge, and a later real deletion wins.
#[test]
fn an_undone_deletion_stays_undone_across_tabs() {
    let mut a = Workspace::new("minimal");
    let id = a.create("Nord");
    a.delete(&id, 1000);
    let mut b = a.clone(); // B saw the deletion
    assert!(a.undo_delete(&id));

    let mut b_after = b.clone();
    b_after.merge(&a);
    assert!(b_after.state(&id).is_some(), "B takes in the restore");
    assert!(b_after.deleted.is_empty());

    let mut a_after = a.clone();
    a_after.merge(&b);
    assert!(
        a_after.state(&id).is_some(),
        "B's older deletion does not delete it again"
    );
    assert!(a_after.deleted.is_empty());

    // Deleted again later: that deletion is newer than the restore and wins.
    b.merge(&a);
    b.delete(&id, 5000);
    a.merge(&b);
    assert!(a.state(&id).is_none());
    assert_eq!(
        a.deleted
            .iter()
            .map(|d| d.state.id.as_str())
            .collect::<Vec<_>>(),
        [id.as_str()]
    );
}
