//! Two tabs: stamping changes and merging two copies of a work state.

use crate::common::*;
use leitfaden::guide::Guide;
use leitfaden::progress::{Progress, Status};

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
