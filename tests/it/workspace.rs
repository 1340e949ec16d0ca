//! The work states of one browser: create, switch, rename, duplicate, delete, undo, merge.

use crate::common::*;
use leitfaden::progress::{Progress, Status};
use leitfaden::saved::{self, FORMAT, KIND, decode};
use leitfaden::workspace::{UNDO_MS, Workspace};
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Workspace: the work states of one browser

fn deleted_ids(ws: &Workspace) -> Vec<&str> {
    ws.deleted().iter().map(|d| d.state.id.as_str()).collect()
}

#[test]
fn a_new_workspace_has_one_empty_active_state() {
    let ws = Workspace::new("minimal");
    assert_eq!(ws.guide_id(), "minimal");
    assert_eq!(state_ids(&ws), ["1"]);
    assert_eq!(ws.active_id(), "1");
    assert_eq!(*ws.active(), Progress::default());
    assert!(ws.deleted().is_empty());
}

#[test]
fn create_switch_and_rename() {
    let mut ws = Workspace::new("minimal");
    let id = ws.create("  Musterstadt  ");
    assert_eq!(id, "2");
    assert_eq!(ws.active_id(), "2");
    assert_eq!(ws.active().name, "Musterstadt");
    ws.active_mut().set_note("willkommen", "nur in 2");
    assert!(ws.switch("1"));
    assert_eq!(ws.active_id(), "1");
    assert!(ws.active().steps.is_empty());
    assert!(!ws.switch("99"));
    assert_eq!(ws.active_id(), "1", "an unknown id does not switch");
    ws.rename("2", " Beispielstadt ");
    assert_eq!(ws.state("2").unwrap().progress.name, "Beispielstadt");
    assert_eq!(
        ws.state("2").unwrap().progress.steps["willkommen"].note,
        "nur in 2"
    );
    ws.rename("99", "niemand");
    assert_eq!(state_ids(&ws), ["1", "2"]);
    assert!(ws.states().iter().all(|s| s.progress.name != "niemand"));
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
    assert_eq!(ws.active_id(), "2");
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
    let id = ws.active_id().to_string();
    let copy = ws.duplicate(&id).unwrap();
    assert_eq!(ws.state(&copy).unwrap().progress.name, "Kopie");
    assert_eq!(ws.duplicate("99"), None);
}

#[test]
fn delete_moves_the_state_aside_and_the_active_one_on() {
    let mut ws = Workspace::new("minimal");
    ws.create("Zwei");
    ws.create("Drei");
    assert_eq!(ws.active_id(), "3");
    // Deleting another state keeps the active one.
    assert!(ws.delete("2", 1000));
    assert_eq!(ws.active_id(), "3");
    assert_eq!(state_ids(&ws), ["1", "3"]);
    assert_eq!(ws.deleted().len(), 1);
    assert_eq!(ws.deleted()[0].at, 1000);
    assert_eq!(ws.deleted()[0].state.progress.name, "Zwei");
    // Deleting the active one moves on to the first.
    assert!(ws.delete("3", 2000));
    assert_eq!(ws.active_id(), "1");
    assert!(!ws.delete("3", 3000), "already deleted");
    assert!(!ws.delete("99", 3000));
    // A new state never takes a deleted state's id.
    assert_eq!(ws.create("Vier"), "4");
    assert!(ws.delete("4", 3000));
    // Deleting the last creates an empty one to work in.
    assert!(ws.delete("1", 4000));
    assert_eq!(ws.states().len(), 1);
    let fresh = &ws.states()[0];
    assert_eq!(ws.active_id(), fresh.id);
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
    assert_eq!(ws.active_id(), "2");
    assert!(ws.undo_delete("1"));
    assert_eq!(ws.active_id(), "1");
    assert_eq!(ws.active().steps["willkommen"].note, "wichtig");
    assert!(ws.deleted().is_empty());
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
    assert!(ws.deleted().is_empty());
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
        p.set_status(&guide, "projekt", Status::Done);
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
        assert_eq!(m.deleted()[0].at, 5000);
        let one = &m.state("1").unwrap().progress;
        assert_eq!(one.steps["willkommen"].note, "aus A");
        assert_eq!(one.status("projekt"), Status::Done);
        assert_eq!(m.state("3").unwrap().progress.name, "Neu in B");
        assert_eq!(m.active_id(), active, "each tab keeps its own active state");
    }
    // B was working in "2", which A deleted: B moves on.
    let mut b2 = common.clone();
    assert_eq!(b2.active_id(), "2");
    b2.merge(&a);
    assert_eq!(b2.active_id(), "1");
    // Deleted everywhere: an empty one to work in.
    let mut only = Workspace::new("minimal");
    let mut gone = only.clone();
    gone.delete("1", 10);
    only.merge(&gone);
    assert_eq!(only.states().len(), 1);
    assert_ne!(only.states()[0].id, "1");
    assert_eq!(only.active_id(), only.states()[0].id);
}

/// A rename made through `Workspace::edit` (as the app does) is stamped like any other
/// edit, so it reaches another tab.
#[test]
fn a_stamped_rename_reaches_the_other_tab() {
    let common = two_states();
    let mut a = common.clone();
    a.edit(&v1(), 700, |ws| ws.rename("1", "Neuer Name"));
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
    let raw = saved::encode(&ws);
    assert_eq!(decode(&raw, "minimal"), Ok(ws.clone()));
    // The stored text is JSON with our envelope.
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["kind"], KIND);
    assert_eq!(v["format"], FORMAT);
    assert_eq!(v["guide"], "minimal");
    assert_eq!(v["active"], "2");
}

/// The app hands its workspace to the second module and takes back what changed there as a
/// saved document (`app::slot`): the content is theirs, the tab's own prefix and origin seed
/// stay, so the ids and origins it makes next are still its own.
#[test]
fn taking_back_a_changed_copy_keeps_the_tabs_own_ids_and_origins() {
    let guide = v1();
    let mut app = Workspace::new("minimal");
    app.set_id_prefix("t1-");
    app.set_origin_seed("app");
    app.create("Musterstadt");
    let mut module = decode(&saved::encode(&app), "minimal").unwrap();
    module.set_id_prefix("t1-");
    module.set_origin_seed("modul");
    module.edit(&guide, 800, |ws| {
        ws.rename("t1-1", "Beispielstadt");
        ws.create("Nachbarort");
    });
    let back = decode(&saved::encode(&module), "minimal").unwrap();
    app.take_content(back);
    assert_eq!(app, module, "the app holds what the module made");
    assert_eq!(
        app.active().name,
        "Nachbarort",
        "and the work state it switched to"
    );
    let next = app.create("Dritte");
    assert!(
        next.starts_with("t1-"),
        "a new id keeps the tab's prefix: {next}"
    );
    let origins: Vec<&str> = app
        .states()
        .iter()
        .map(|s| s.progress.origin.as_str())
        .collect();
    assert!(
        origins.last().unwrap().starts_with("app-"),
        "a new origin comes from the app's seed: {origins:?}"
    );
    let mut unique = origins.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        origins.len(),
        "no two work states share an origin: {origins:?}"
    );
}
