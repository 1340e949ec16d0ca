//! A colleague's file of the same work state merged into this one, on hand-made conflicts:
//! which side changed what, per part; picks per part and „newer wins“; notes changed on
//! both sides never lost; the choice holding when the copies meet again.

use std::collections::BTreeMap;

use crate::common::*;
use leitfaden::guide::Guide;
use leitfaden::progress::{Progress, Status};
use leitfaden::reconcile::{self, Part, Pick, Side};
use leitfaden::workspace::Workspace;

fn edited_by(base: &Progress, now: u64, tab: &str, f: impl FnOnce(&mut Progress)) -> Progress {
    let mut p = base.clone();
    f(&mut p);
    p.stamp_changes(base, now, tab);
    p
}

/// The work state as colleague A exported it (at 50), with notes on two steps.
fn exported(guide: &Guide) -> Progress {
    let mut start = Progress {
        origin: "herkunft".into(),
        ..Progress::default()
    };
    start.adopt_guide(guide);
    edited_by(&start, 10, "a1-", |p| {
        p.name = "Musterstadt".into();
        p.set_answer("groesse", "klein");
        p.set_answer("stand", "neu");
        p.set_note("willkommen", "Gemeinsam gelesen.");
        p.set_note("projekt", "Erste Idee: Haushalt.");
        p.set_owner("projekt", Some("projekt-waehlen"), "Frau Yilmaz");
    })
}

/// A's copy a week later, and B's copy (imported from A's file) with its own changes: both
/// changed the note of `projekt`; A finished `auftrag`; B planned `abschluss`, set a date on
/// `projekt` and changed the profile.
fn apart(guide: &Guide) -> (Progress, Progress) {
    let base = exported(guide);
    let mine = edited_by(&base, 100, "a2-", |p| {
        p.set_note("projekt", "Erste Idee: Haushalt. A: Rat informiert.");
        p.set_status(guide, "auftrag", Status::Done);
    });
    let theirs = edited_by(&base, 200, "b1-", |p| {
        p.set_note(
            "projekt",
            "Erste Idee: Haushalt. B: Termin mit dem Kämmerer.",
        );
        p.set_due("projekt", None, Some(day("2026-06-30")));
        p.set_owner("abschluss", Some("bilanz"), "Herr Becker");
        p.set_answer("stand", "erfahren");
    });
    (mine, theirs)
}

fn sides(guide: &Guide, mine: &Progress, theirs: &Progress) -> Vec<(Part, Side)> {
    reconcile::differences(guide, mine, theirs)
        .into_iter()
        .map(|d| (d.part, d.side))
        .collect()
}

fn step(id: &str) -> Part {
    Part::Step(id.into())
}

#[test]
fn each_differing_part_says_which_side_changed_it() {
    let guide = v1();
    let (mine, theirs) = apart(&guide);
    assert_eq!(
        sides(&guide, &mine, &theirs),
        [
            (Part::Profile, Side::Theirs),
            (step("auftrag"), Side::Mine),
            (step("projekt"), Side::Both),
            (step("abschluss"), Side::Theirs),
        ],
        "willkommen is the same on both sides and not listed"
    );
    let d = reconcile::differences(&guide, &mine, &theirs);
    let projekt = &d[2];
    assert_eq!(projekt.title, "Ein erstes Projekt starten");
    assert!(
        projekt
            .mine
            .contains(&"Notiz: „Erste Idee: Haushalt. A: Rat informiert.“".to_string()),
        "{:?}",
        projekt.mine
    );
    assert!(
        projekt
            .theirs
            .contains(&"Schritt: fällig bis 30.06.2026".to_string()),
        "{:?}",
        projekt.theirs
    );
    assert!(
        projekt
            .theirs
            .contains(&"Aufgabe „Wählen Sie ein Projekt aus.“: Zuständig: Frau Yilmaz".to_string())
    );
    assert_eq!(
        d[3].theirs.last().unwrap(),
        "Aufgabe „Schreiben Sie auf, was Sie gelernt haben.“: Zuständig: Herr Becker"
    );
    assert_eq!(d[0].mine[1], "Größe: Kleine Gemeinde · Stand: Neu dabei");
    assert_eq!(d[0].theirs[1], "Größe: Kleine Gemeinde · Stand: Erfahren");
    // The same copies have no differences.
    assert!(reconcile::differences(&guide, &mine, &mine).is_empty());
    // Seen from B, the sides swap.
    assert_eq!(
        sides(&guide, &theirs, &mine),
        [
            (Part::Profile, Side::Mine),
            (step("auftrag"), Side::Theirs),
            (step("projekt"), Side::Both),
            (step("abschluss"), Side::Mine),
        ]
    );
}

#[test]
fn newer_wins_takes_each_change_and_keeps_the_note_it_replaced() {
    let guide = v1();
    let (mine, theirs) = apart(&guide);
    let m = reconcile::combine(&mine, &theirs, &BTreeMap::new(), 300, "a3-");
    assert_eq!(m.status("auftrag"), Status::Done, "my change");
    assert_eq!(
        m.plan("abschluss", Some("bilanz")).owner,
        "Herr Becker",
        "theirs"
    );
    assert_eq!(
        m.plan("projekt", None).due,
        Some(day("2026-06-30")),
        "theirs"
    );
    assert_eq!(m.answers.profile["stand"], "erfahren", "theirs");
    assert_eq!(
        m.note("projekt"),
        "Erste Idee: Haushalt. B: Termin mit dem Kämmerer.",
        "the newer note"
    );
    let kept: Vec<&str> = m.steps["projekt"]
        .open_kept()
        .map(|k| k.note.as_str())
        .collect();
    assert_eq!(
        kept,
        ["Erste Idee: Haushalt. A: Rat informiert."],
        "mine kept, not lost"
    );
    assert_eq!(m.note("willkommen"), "Gemeinsam gelesen.");
    assert_eq!(m.origin, "herkunft");
}

#[test]
fn picking_a_side_per_step_keeps_the_other_sides_changed_note_too() {
    let guide = v1();
    let (mine, theirs) = apart(&guide);
    let picks = BTreeMap::from([
        (step("projekt"), Pick::Mine),
        (step("auftrag"), Pick::Theirs),
        (Part::Profile, Pick::Mine),
    ]);
    let m = reconcile::combine(&mine, &theirs, &picks, 300, "a3-");
    // projekt as mine: my note, my (empty) step date; their note kept beside it.
    assert_eq!(
        m.note("projekt"),
        "Erste Idee: Haushalt. A: Rat informiert."
    );
    assert_eq!(m.plan("projekt", None).due, None);
    let kept: Vec<&str> = m.steps["projekt"]
        .open_kept()
        .map(|k| k.note.as_str())
        .collect();
    assert_eq!(kept, ["Erste Idee: Haushalt. B: Termin mit dem Kämmerer."]);
    // auftrag as theirs: not done there.
    assert_eq!(m.status("auftrag"), Status::Open);
    // The profile as mine; the part nobody picked for (abschluss) takes the newer change.
    assert_eq!(m.answers.profile["stand"], "neu");
    assert_eq!(m.plan("abschluss", Some("bilanz")).owner, "Herr Becker");
    // Every text of both sides is somewhere in the result.
    let all: Vec<String> = m
        .steps
        .values()
        .flat_map(|e| std::iter::once(e.note.clone()).chain(e.kept.iter().map(|k| k.note.clone())))
        .collect();
    for text in [
        "Gemeinsam gelesen.",
        "Erste Idee: Haushalt. A: Rat informiert.",
        "Erste Idee: Haushalt. B: Termin mit dem Kämmerer.",
    ] {
        assert!(all.iter().any(|n| n == text), "{text} in {all:?}");
    }
}

#[test]
fn a_choice_of_the_older_side_still_wins_when_the_copies_meet_again() {
    let guide = v1();
    let (mine, theirs) = apart(&guide);
    let picks = BTreeMap::from([(step("projekt"), Pick::Mine), (Part::Profile, Pick::Mine)]);
    let m = reconcile::combine(&mine, &theirs, &picks, 300, "a3-");
    assert_eq!(
        m.steps["projekt"].edited, 300,
        "stamped as a change made now"
    );
    assert_eq!(m.stamps["q:stand"], 300);
    // B later merges A's file with „newer wins“: A's choices hold, and B sees its own note
    // kept, not silently replaced.
    let b = reconcile::combine(&theirs, &m, &BTreeMap::new(), 400, "b2-");
    assert_eq!(
        b.note("projekt"),
        "Erste Idee: Haushalt. A: Rat informiert."
    );
    assert_eq!(b.answers.profile["stand"], "neu");
    let kept: Vec<&str> = b.steps["projekt"]
        .open_kept()
        .map(|k| k.note.as_str())
        .collect();
    assert_eq!(kept, ["Erste Idee: Haushalt. B: Termin mit dem Kämmerer."]);
    // And afterwards the two copies agree on everything.
    assert!(
        reconcile::differences(&guide, &m, &b).is_empty(),
        "{:?}",
        reconcile::differences(&guide, &m, &b)
    );
}

#[test]
fn a_change_made_after_taking_the_others_version_is_that_sides_alone() {
    let guide = v1();
    let (mine, theirs) = apart(&guide);
    // B takes A's file first (newer wins), then changes the note of `willkommen`; A has
    // not changed anything since.
    let b = reconcile::combine(&theirs, &mine, &BTreeMap::new(), 300, "b2-");
    let b = edited_by(&b, 400, "b2-", |p| {
        p.set_note("willkommen", "Gelesen und besprochen.");
    });
    let d = sides(&guide, &mine, &b);
    assert!(d.contains(&(step("willkommen"), Side::Theirs)), "{d:?}");
    assert!(
        !d.iter().any(|(_, s)| *s == Side::Mine),
        "A changed nothing since: {d:?}"
    );
}

#[test]
fn a_step_only_one_side_has_is_that_sides_change() {
    let guide = v1();
    let base = exported(&guide);
    let theirs = edited_by(&base, 200, "b1-", |p| {
        p.set_status(&guide, "abschluss", Status::NotRelevant);
        p.set_reason("abschluss", "Machen wir im nächsten Jahr.");
    });
    assert_eq!(
        sides(&guide, &base, &theirs),
        [(step("abschluss"), Side::Theirs)]
    );
    let m = reconcile::combine(
        &base,
        &theirs,
        &BTreeMap::from([(step("abschluss"), Pick::Mine)]),
        300,
        "a-",
    );
    assert_eq!(
        m.status("abschluss"),
        Status::Open,
        "picked mine: not marked"
    );
    let kept: Vec<&str> = m.steps["abschluss"]
        .open_kept()
        .map(|k| k.reason.as_str())
        .collect();
    assert_eq!(
        kept,
        ["Machen wir im nächsten Jahr."],
        "their reason is kept, not lost"
    );
}

#[test]
fn the_step_this_browser_is_on_and_snapshots_of_both_sides_stay() {
    let guide = v1();
    let base = exported(&guide);
    let mine = edited_by(&base, 100, "a2-", |p| {
        p.current = Some("auftrag".into());
        p.take_snapshot("A im März", day("2026-03-01"), 100);
    });
    let theirs = edited_by(&base, 200, "b1-", |p| {
        p.current = Some("abschluss".into());
        p.take_snapshot("B im April", day("2026-04-01"), 200);
    });
    let m = reconcile::combine(&mine, &theirs, &BTreeMap::new(), 300, "a-");
    assert_eq!(m.current.as_deref(), Some("auftrag"));
    let names: Vec<&str> = m.snapshots.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["A im März", "B im April"]);
}

#[test]
fn the_workspace_finds_the_same_work_state_and_merges_into_it() {
    let guide = v1();
    let (mine, theirs) = apart(&guide);
    let mut ws = Workspace::new(&guide.id);
    ws.set_origin_seed("hier");
    ws.create("Andere Kommune");
    let other_origin = ws.active().origin.clone();
    assert!(other_origin.starts_with("hier-"), "{other_origin}");
    let id = ws.import(&mine);
    assert_eq!(ws.active().origin, "herkunft");
    ws.switch("1");
    assert_eq!(
        ws.same_origin(&theirs).map(|s| s.id.clone()),
        Some(id.clone())
    );
    assert!(ws.combine(&id, &theirs, &BTreeMap::new(), 300));
    assert_eq!(ws.active_id(), id);
    assert_eq!(ws.active().answers.profile["stand"], "erfahren");
    assert!(!ws.combine("gibt-es-nicht", &theirs, &BTreeMap::new(), 300));
    // A copy is a work state of its own: its files never merge into the original.
    let copy = ws.duplicate(&id).unwrap();
    let copy_origin = ws.state(&copy).unwrap().progress.origin.clone();
    assert_ne!(copy_origin, "herkunft");
    assert!(copy_origin.starts_with("hier-"));
    assert_eq!(ws.same_origin(&theirs).map(|s| s.id.clone()), Some(id));
    // A file without an origin (an old export) matches nothing.
    let old = Progress {
        origin: String::new(),
        ..theirs
    };
    assert!(ws.same_origin(&old).is_none());
}

#[test]
fn an_import_beside_a_deleted_work_state_of_the_same_origin_gets_its_own_origin() {
    let guide = v1();
    let (mine, theirs) = apart(&guide);
    let mut ws = Workspace::new(&guide.id);
    ws.set_origin_seed("hier");
    let id = ws.import(&mine);
    assert!(ws.delete(&id, 100));
    // The deleted one offers no merge, so the file comes in as a new work state …
    assert!(ws.same_origin(&theirs).is_none());
    let second = ws.import(&theirs);
    // … with an origin of its own, so that undoing the deletion leaves no two alike.
    assert!(ws.undo_delete(&id));
    let origin = |id: &str| ws.state(id).unwrap().progress.origin.clone();
    assert_eq!(origin(&id), "herkunft");
    assert_ne!(origin(&second), "herkunft");
    assert!(origin(&second).starts_with("hier-"), "{}", origin(&second));
    assert_eq!(ws.same_origin(&theirs).map(|s| s.id.clone()), Some(id));
}

#[test]
fn an_edit_on_top_of_the_others_version_of_a_step_is_not_a_conflict() {
    let guide = v1();
    let base = exported(&guide);
    // A changes only one note; B takes A's file, then changes that same note further.
    let mine = edited_by(&base, 100, "a2-", |p| {
        p.set_note("projekt", "A: Rat informiert.");
    });
    let b = reconcile::combine(&base, &mine, &BTreeMap::new(), 150, "b1-");
    let theirs = edited_by(&b, 400, "b1-", |p| {
        p.set_note("projekt", "A: Rat informiert. B: Kämmerer auch.");
    });
    assert_eq!(
        sides(&guide, &mine, &theirs),
        [(step("projekt"), Side::Theirs)]
    );
    let m = reconcile::combine(&mine, &theirs, &BTreeMap::new(), 500, "a2-");
    assert_eq!(m.note("projekt"), "A: Rat informiert. B: Kämmerer auch.");
    assert_eq!(
        m.steps["projekt"].open_kept().count(),
        0,
        "nothing to keep: B saw A's text"
    );
}
