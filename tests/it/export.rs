//! Export, preview and import of one work state.

use crate::common::*;
use leitfaden::export::{self, Export, Preview};
use leitfaden::progress::{Progress, Status};
use leitfaden::workspace::{Deleted, Workspace};

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
        p.set_owner("projekt", Some("projekt-waehlen"), "Frau Yilmaz");
        p.set_due("projekt", None, Some("2025-04-30".parse().unwrap()));
        p.take_snapshot("Vor dem Export", "2025-02-28".parse().unwrap(), 400);
    });
    ws
}

#[test]
fn export_decodes_to_the_same_work_state() {
    let guide = v1();
    let ws = filled_export_source();
    let raw = export::export(&ws, "1", &guide, "2025-03-01T10:00:00Z").unwrap();
    assert_eq!(export::export(&ws, "99", &guide, "x"), None);
    let e = export::decode(&raw, &guide.id).unwrap();
    assert_eq!(
        e,
        Export {
            guide: export::GuideStamp {
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
    let raw = export::export(&filled_export_source(), "1", &a, "2025-03-01T10:00:00Z").unwrap();
    let e = export::decode(&raw, "minimal").unwrap();
    let expected = Preview {
        name: "Musterstadt".into(),
        profile: "Größe: Kleine Gemeinde · Stand: Neu dabei".into(),
        done: 2,
        notes: 2,
        planned: 2,
        snapshots: 1,
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
    let raw = export::export(&filled_export_source(), "1", &guide, "2025-03-01").unwrap();
    let export = export::decode(&raw, "minimal").unwrap();

    // A workspace that already has a "Musterstadt", and a deleted state "2".
    let mut ws = Workspace::new("minimal");
    ws.rename("1", "Musterstadt");
    ws.active_mut().set_note("willkommen", "eigene Notiz");
    ws.create("weg");
    ws.delete("2", 0);
    let before = ws.clone();

    let id = ws.import(&export.progress);
    assert_eq!(id, "3", "neither an existing nor a deleted state's id");
    assert_eq!(ws.active_id(), "3");
    assert_eq!(state_ids(&ws), ["1", "3"]);
    assert_eq!(
        ws.states()[0],
        before.states()[0],
        "the existing state is untouched"
    );
    assert_eq!(ws.deleted(), before.deleted());
    let imported = &ws.active().clone();
    assert_eq!(imported.name, "Musterstadt (importiert)");
    // The same file once more gets a name of its own.
    let mut again = ws.clone();
    let second = again.import(&export.progress);
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
    let id = empty.import(&export.progress);
    assert_eq!(empty.state(&id).unwrap().progress.name, "Musterstadt");
    assert_eq!(empty.active_id(), id);
    assert_eq!(empty.states().len(), 2);

    // An unnamed export into a workspace with an unnamed state.
    let mut unnamed = export.clone();
    unnamed.progress.name.clear();
    let mut ws = Workspace::new("minimal");
    let id = ws.import(&unnamed.progress);
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
        w.deleted(),
        [Deleted {
            state: ws.states()[0].clone(),
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
    a.set_id_prefix("a-");
    let mut b = base.clone();
    b.set_id_prefix("b-");
    let id_a = a.create("Nord");
    let id_b = b.create("Süd");
    assert_ne!(id_a, id_b);
    a.merge(&b);
    let names: Vec<&str> = a
        .states()
        .iter()
        .map(|s| s.progress.name.as_str())
        .collect();
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
    assert!(b_after.deleted().is_empty());

    let mut a_after = a.clone();
    a_after.merge(&b);
    assert!(
        a_after.state(&id).is_some(),
        "B's older deletion does not delete it again"
    );
    assert!(a_after.deleted().is_empty());

    // Deleted again later: that deletion is newer than the restore and wins.
    b.merge(&a);
    b.delete(&id, 5000);
    a.merge(&b);
    assert!(a.state(&id).is_none());
    assert_eq!(
        a.deleted()
            .iter()
            .map(|d| d.state.id.as_str())
            .collect::<Vec<_>>(),
        [id.as_str()]
    );
}
