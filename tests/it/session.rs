//! One tab's storage policy (`session`): opening what storage holds, saving and failed
//! saves, another tab's save, and where a user resumes.

use crate::common::*;
use leitfaden::route::Route;
use leitfaden::saved::{self, FORMAT, KIND};
use leitfaden::session::{self, Found, NoticeChange, WriteError};
use leitfaden::workspace::Workspace;

const NOW: u64 = 1_000_000;

fn opened(found: Found) -> session::Opened {
    session::open(found, &v1(), "t-", NOW, |_| true)
}

#[test]
fn nothing_stored_opens_an_empty_workspace_that_is_saved_on_the_first_change() {
    let o = opened(Found::Nothing);
    assert_eq!(o.notice, None);
    assert_eq!(o.workspace.states().len(), 1);
    let doc = o.saver.pending(&o.workspace).expect("never saved yet");
    assert_eq!(saved::decode(&doc, "minimal").unwrap(), o.workspace);
}

#[test]
fn a_readable_document_is_opened_and_not_written_again_unchanged() {
    let mut ws = two_states();
    ws.tidy(&v1(), NOW);
    let raw = saved::encode(&ws);
    let o = opened(Found::Text(raw.clone()));
    assert_eq!(o.notice, None);
    assert_eq!(o.workspace.active().name, ws.active().name);
    assert_eq!(
        o.saver.pending(&o.workspace),
        None,
        "storage holds it already"
    );
}

#[test]
fn unreadable_data_is_rescued_before_anything_is_written() {
    let mut rescued = None;
    let o = session::open(Found::Text("{kaputt".into()), &v1(), "t-", NOW, |raw| {
        rescued = Some(raw.to_string());
        true
    });
    assert_eq!(rescued.as_deref(), Some("{kaputt"));
    let n = o.notice.expect("the user is told");
    assert!(n.message.contains("aufbewahrt"), "{}", n.message);
    assert_eq!(n.raw.as_deref(), Some("{kaputt"));
    assert!(!n.saving_paused && n.dismissible());
    assert!(o.saver.pending(&o.workspace).is_some(), "saving goes on");
}

#[test]
fn unreadable_data_that_cannot_be_rescued_pauses_saving() {
    let o = session::open(Found::Text("{kaputt".into()), &v1(), "t-", NOW, |_| false);
    let n = o.notice.expect("the user is told");
    assert!(n.saving_paused && !n.dismissible());
    assert!(
        n.message.contains("bevor Sie weiterarbeiten"),
        "{}",
        n.message
    );
    assert_eq!(o.saver.pending(&o.workspace), None);
}

#[test]
fn data_from_a_newer_version_is_left_alone_and_saving_paused() {
    let newer = format!(
        r#"{{"kind":"{KIND}","format":{},"guide":"minimal"}}"#,
        FORMAT + 1
    );
    let mut asked = false;
    let o = session::open(Found::Text(newer), &v1(), "t-", NOW, |_| {
        asked = true;
        true
    });
    assert!(!asked, "nothing to rescue: the data stays where it is");
    let n = o.notice.expect("the user is told");
    assert!(n.saving_paused);
    assert!(n.message.contains("neueren Version"), "{}", n.message);
    assert_eq!(o.saver.pending(&o.workspace), None);
}

#[test]
fn blocked_storage_says_so_and_keeps_trying() {
    let o = opened(Found::Unavailable);
    let n = o.notice.clone().expect("the user is told");
    assert!(n.save_failed && !n.saving_paused);
    assert!(o.saver.pending(&o.workspace).is_some());
}

#[test]
fn a_failed_save_is_shown_once_and_cleared_by_the_next_success() {
    let o = opened(Found::Nothing);
    let mut saver = o.saver;
    let doc = saver.pending(&o.workspace).unwrap();
    let shown = match saver.written(doc.clone(), Err(WriteError::Refused), None) {
        NoticeChange::Show(n) => n,
        other => panic!("expected a notice, got {other:?}"),
    };
    assert!(shown.message.contains("abgelehnt") && shown.save_failed);
    assert_eq!(
        saver.written(doc.clone(), Err(WriteError::Refused), Some(&shown)),
        NoticeChange::Keep,
        "the same failure again keeps the notice as it is"
    );
    assert_eq!(
        saver.written(doc, Ok(()), Some(&shown)),
        NoticeChange::Clear
    );
    assert_eq!(saver.pending(&o.workspace), None);
}

#[test]
fn the_tab_prefix_and_tidying_apply_on_open() {
    let o = opened(Found::Nothing);
    let mut ws = o.workspace;
    let id = ws.create("Neu");
    assert!(id.starts_with("t-"), "{id}");
    assert!(
        !ws.states()[0].progress.known_steps.is_empty(),
        "the guide was adopted"
    );
}

#[test]
fn another_tabs_save_is_merged() {
    let guide = v1();
    let o = opened(Found::Nothing);
    let mut saver = o.saver;
    let mine = o.workspace;
    let mut theirs = mine.clone();
    theirs.edit_active(NOW + 5, |p| p.set_note("willkommen", "aus dem anderen Tab"));
    let merged = saver
        .remote(Found::Text(saved::encode(&theirs)), &mine, &guide.id)
        .expect("something new arrived");
    assert_eq!(merged.active().note("willkommen"), "aus dem anderen Tab");
}

#[test]
fn resume_goes_to_the_current_step_or_the_overview() {
    let guide = v1();
    let mut ws = Workspace::new("minimal");
    assert_eq!(session::resume(&ws, &guide), None, "intake not done");
    ws.active_mut().intake_done = true;
    assert_eq!(session::resume(&ws, &guide), Some(Route::Overview));
    ws.active_mut().visit("team");
    assert_eq!(
        session::resume(&ws, &guide),
        Some(Route::Step("team".into()))
    );
    ws.active_mut().visit("gibt-es-nicht-mehr");
    assert_eq!(session::resume(&ws, &guide), Some(Route::Overview));
}
