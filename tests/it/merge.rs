//! Two tabs (or two copies of a work state): stamping changes and merging. Each field and
//! each step entry is taken from the copy that changed it last; a text replaced by an
//! edit made at the same time elsewhere is kept, never dropped.

use crate::common::*;
use leitfaden::guide::Guide;
use leitfaden::progress::{Progress, Status};

/// Applies `f` to a copy of `base` as tab `tab` at `now`, stamping what changed (as the
/// app does on every edit).
fn edited_by(base: &Progress, now: u64, tab: &str, f: impl FnOnce(&mut Progress)) -> Progress {
    let mut p = base.clone();
    f(&mut p);
    p.stamp_changes(base, now, tab);
    p
}

fn edited(base: &Progress, now: u64, f: impl FnOnce(&mut Progress)) -> Progress {
    edited_by(base, now, "t1-", f)
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
    assert_eq!(b.stamps["name"], 10);
    assert_eq!(b.stamps["q:groesse"], 10);
    assert_eq!(b.steps["willkommen"].edited, 10);
    assert_eq!(b.steps["willkommen"].by, "t1-");
    let p = edited(&b, 20, |p| p.set_note("projekt", "x"));
    assert_eq!(p.steps["projekt"].edited, 20);
    assert_eq!(p.steps["willkommen"].edited, 10, "unchanged step");
    assert_eq!(
        p.stamps, b.stamps,
        "a step does not touch the fields' stamps"
    );
    let p = edited(&p, 30, |p| p.set_reason("abschluss", "Machen wir nicht."));
    assert_eq!(p.steps["abschluss"].edited, 30);
    assert_eq!(p.steps["projekt"].edited, 20);
    let p = edited(&p, 40, |p| p.current = Some("projekt".into()));
    assert_eq!(p.stamps["current"], 40);
    assert_eq!(
        p.stamps["name"], 10,
        "moving on does not touch the name's stamp"
    );
    let p = edited(&p, 50, |p| p.set_status(&guide, "projekt", Status::Done));
    assert_eq!(p.steps["projekt"].edited, 50);
    let p = edited(&p, 60, |p| p.intake_done = true);
    assert_eq!(p.stamps["intake"], 60);
    // No change, no stamp.
    let same = edited(&p, 70, |_| {});
    assert_eq!(same, p);
}

#[test]
fn edits_of_different_steps_in_two_tabs_both_survive_in_either_direction() {
    let guide = v1();
    let b = base(&guide);
    let tab1 = edited_by(&b, 100, "a-", |p| {
        p.set_note("willkommen", "Gelesen im Team.");
    });
    let tab2 = edited_by(&b, 200, "b-", |p| {
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
        assert!(m.steps.values().all(|e| e.kept.is_empty()), "no conflict");
    }
    assert_eq!(merged(&tab1, &tab2), merged(&tab2, &tab1));
}

#[test]
fn the_same_note_typed_in_two_tabs_at_once_keeps_both_texts_in_either_direction() {
    let guide = v1();
    let b = base(&guide);
    let older = edited_by(&b, 100, "a-", |p| {
        p.set_note("willkommen", "Text aus Tab A");
        p.set_task("willkommen", "lesen", false);
    });
    let newer = edited_by(&b, 200, "b-", |p| {
        p.set_note("willkommen", "Text aus Tab B");
        p.set_status(&guide, "willkommen", Status::Done);
    });
    let one = merged(&older, &newer);
    assert_eq!(one, merged(&newer, &older), "the same either way");
    let e = &one.steps["willkommen"];
    assert_eq!(e.note, "Text aus Tab B", "the later edit wins");
    assert_eq!(e.status, Status::Done);
    let kept: Vec<&str> = e.open_kept().map(|k| k.note.as_str()).collect();
    assert_eq!(kept, ["Text aus Tab A"], "the other text is kept");
    assert!(e.tasks.contains("lesen"), "a tick of either side stays");
    // The archive lists it until the user has dealt with it.
    let lines = one.archive(&guide).lines();
    assert!(
        lines.iter().any(|l| l.contains("Text aus Tab A")),
        "{lines:?}"
    );
    // Merging again (the echo between tabs) adds no second copy.
    let again = merged(&merged(&one, &older), &newer);
    assert_eq!(again.steps["willkommen"].kept.len(), 1);
}

#[test]
fn a_kept_text_can_be_appended_or_dismissed_and_that_reaches_the_other_tab() {
    let guide = v1();
    let b = base(&guide);
    let a = edited_by(&b, 100, "a-", |p| p.set_note("willkommen", "A"));
    let bb = edited_by(&b, 200, "b-", |p| p.set_note("willkommen", "B"));
    let m = merged(&a, &bb);
    let k = m.steps["willkommen"].kept[0].clone();
    let appended = edited_by(&m, 300, "b-", |p| {
        p.append_kept("willkommen", k.edited, &k.by);
    });
    assert_eq!(appended.steps["willkommen"].note, "B\n\nA");
    assert_eq!(appended.steps["willkommen"].open_kept().count(), 0);
    let dismissed = edited_by(&m, 300, "b-", |p| {
        p.dismiss_kept("willkommen", k.edited, &k.by);
    });
    assert_eq!(dismissed.steps["willkommen"].note, "B");
    // The other tab still has the open copy; after the merge it is dealt with there too.
    let other = merged(&m, &dismissed);
    assert_eq!(other.steps["willkommen"].open_kept().count(), 0);
    assert!(other.archive(&guide).kept.is_empty());
}

#[test]
fn an_edit_made_after_seeing_the_other_version_is_no_conflict() {
    let guide = v1();
    let b = base(&guide);
    let a = edited_by(&b, 100, "a-", |p| p.set_note("willkommen", "Erster Satz."));
    // Tab B received A's version, then went on writing.
    let seen = merged(&b, &a);
    let bb = edited_by(&seen, 200, "b-", |p| {
        p.set_note("willkommen", "Erster Satz. Zweiter Satz.");
    });
    let bbb = edited_by(&bb, 250, "b-", |p| {
        p.set_note("willkommen", "Erster Satz. Zweiter Satz. Dritter.");
    });
    for m in [merged(&a, &bbb), merged(&bbb, &a)] {
        assert_eq!(
            m.steps["willkommen"].note,
            "Erster Satz. Zweiter Satz. Dritter."
        );
        assert!(m.steps["willkommen"].kept.is_empty());
    }
}

#[test]
fn an_older_copy_of_the_same_tabs_own_edit_is_no_conflict() {
    let guide = v1();
    let b = base(&guide);
    let one = edited_by(&b, 100, "a-", |p| p.set_note("willkommen", "ab"));
    let two = edited_by(&one, 110, "a-", |p| p.set_note("willkommen", "abc"));
    // Another tab saved a stale copy holding "ab": merging it keeps "abc", and nothing
    // is reported as lost.
    for m in [merged(&two, &one), merged(&one, &two)] {
        assert_eq!(m.steps["willkommen"].note, "abc");
        assert!(m.steps["willkommen"].kept.is_empty());
    }
}

#[test]
fn a_rename_in_one_tab_survives_navigation_and_answers_in_the_other() {
    let guide = v1();
    let b = base(&guide);
    let renamed = edited_by(&b, 100, "a-", |p| {
        p.name = "Neuer Name".into();
        p.set_answer("stand", "erfahren");
    });
    let moved = edited_by(&b, 200, "b-", |p| {
        p.current = Some("auftrag".into());
        p.set_answer("groesse", "gross");
        p.set_decision("mandat", "ja");
    });
    for m in [merged(&renamed, &moved), merged(&moved, &renamed)] {
        assert_eq!(m.name, "Neuer Name");
        assert_eq!(m.current.as_deref(), Some("auftrag"));
        assert_eq!(m.answers.profile["stand"], "erfahren");
        assert_eq!(m.answers.profile["groesse"], "gross");
        assert_eq!(m.answers.decisions["mandat"], "ja");
    }
}

#[test]
fn the_later_change_of_one_field_wins_in_either_direction() {
    let guide = v1();
    let b = base(&guide);
    let older = edited_by(&b, 100, "a-", |p| p.set_answer("groesse", "gross"));
    let newer = edited_by(&b, 200, "b-", |p| p.set_answer("groesse", "gross"));
    let newer = edited_by(&newer, 205, "b-", |p| p.set_answer("groesse", "klein"));
    let newer = edited_by(&newer, 210, "b-", |p| p.name = "Später".into());
    for m in [merged(&older, &newer), merged(&newer, &older)] {
        assert_eq!(m.answers.profile["groesse"], "klein");
        assert_eq!(m.name, "Später");
        assert_eq!(m.stamps["q:groesse"], 205);
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
