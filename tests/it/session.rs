//! One tab's storage policy (`session`): opening what storage holds, saving and failed
//! saves, another tab's save, and where a user resumes.

use crate::common::*;
use leitfaden::route::Route;
use leitfaden::saved::{self, FORMAT, KIND};
use leitfaden::session::{self, Found, NoticeChange, WriteError};
use leitfaden::workspace::Workspace;

const NOW: u64 = 1_000_000;

fn opened(found: Found) -> session::Opened {
    session::open(found, &v1(), "t-", "seed", NOW, |_| true)
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
    ws.set_origin_seed("frueher");
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
    let o = session::open(
        Found::Text("{kaputt".into()),
        &v1(),
        "t-",
        "seed",
        NOW,
        |raw| {
            rescued = Some(raw.to_string());
            true
        },
    );
    assert_eq!(rescued.as_deref(), Some("{kaputt"));
    let n = o.notice.expect("the user is told");
    assert!(n.message.contains("aufbewahrt"), "{}", n.message);
    assert_eq!(n.raw.as_deref(), Some("{kaputt"));
    assert!(!n.saving_paused && n.dismissible());
    assert!(o.saver.pending(&o.workspace).is_some(), "saving goes on");
}

#[test]
fn unreadable_data_that_cannot_be_rescued_pauses_saving() {
    let o = session::open(
        Found::Text("{kaputt".into()),
        &v1(),
        "t-",
        "seed",
        NOW,
        |_| false,
    );
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
    let o = session::open(Found::Text(newer), &v1(), "t-", "seed", NOW, |_| {
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
    let Synced::Adopt(merged) = saver.sync(Found::Text(saved::encode(&theirs)), &mine, &guide.id)
    else {
        panic!("something new arrived");
    };
    assert_eq!(merged.active().note("willkommen"), "aus dem anderen Tab");
}

#[test]
fn resume_goes_to_the_current_step_or_the_overview() {
    let guide = v1();
    let mut ws = Workspace::new("minimal");
    assert_eq!(session::resume(&ws, &guide), None, "intake not done");
    ws.active_mut().intake_done = true;
    // A question the guide asks that this work state has not answered: ask it first.
    assert_eq!(session::resume(&ws, &guide), Some(Route::Profile));
    ws.active_mut().set_answer("groesse", "klein");
    ws.active_mut().set_answer("stand", "neu");
    assert_eq!(session::resume(&ws, &guide), Some(Route::Overview));
    ws.active_mut().visit("team");
    assert_eq!(
        session::resume(&ws, &guide),
        Some(Route::Step("team".into()))
    );
    ws.active_mut().visit("gibt-es-nicht-mehr");
    assert_eq!(session::resume(&ws, &guide), Some(Route::Overview));
}

// ---------------------------------------------------------------------------------------
// Two tabs on one storage: every write is preceded by a sync, as the app does.

use leitfaden::session::{Saver, Synced};
use proptest::prelude::*;
use std::cell::RefCell;

/// The browser's storage for one key.
#[derive(Default)]
struct Storage(RefCell<Option<String>>);

impl Storage {
    fn found(&self) -> Found {
        self.0.borrow().clone().map_or(Found::Nothing, Found::Text)
    }
}

struct Tab {
    ws: Workspace,
    saver: Saver,
    /// What this tab typed, per step, to check nothing is lost.
    typed: String,
    step: &'static str,
}

impl Tab {
    fn open(storage: &Storage, prefix: &str, step: &'static str) -> Tab {
        let o = session::open(
            storage.found(),
            &v1(),
            prefix,
            &format!("seed-{prefix}"),
            NOW,
            |_| true,
        );
        let mut tab = Tab {
            ws: o.workspace,
            saver: o.saver,
            typed: String::new(),
            step,
        };
        tab.sync_and_save(storage);
        tab
    }

    /// What the app does after every change and on every storage event.
    fn sync_and_save(&mut self, storage: &Storage) {
        match self.saver.sync(storage.found(), &self.ws, "minimal") {
            Synced::Adopt(m) => self.ws = m,
            Synced::Same => {}
            Synced::Pause(n) => panic!("unexpected pause: {}", n.message),
        }
        self.save_without_sync(storage);
    }

    /// A write that raced another tab's write (read before it, written after it).
    fn save_without_sync(&mut self, storage: &Storage) {
        if let Some(doc) = self.saver.pending(&self.ws) {
            *storage.0.borrow_mut() = Some(doc.clone());
            self.saver.written(doc, Ok(()), None);
        }
    }

    fn type_char(&mut self, c: char, now: u64) {
        self.typed.push(c);
        let (step, text) = (self.step, self.typed.clone());
        self.ws.edit_active(now, |p| p.set_note(step, &text));
    }
}

fn stored(storage: &Storage) -> Workspace {
    saved::decode(storage.0.borrow().as_deref().unwrap(), "minimal").unwrap()
}

#[test]
fn a_tab_that_finds_an_older_copy_of_its_own_save_writes_its_text_again() {
    let storage = Storage::default();
    let mut a = Tab::open(&storage, "a-", "willkommen");
    let mut b = Tab::open(&storage, "b-", "team");
    a.type_char('x', NOW + 1);
    a.sync_and_save(&storage);
    b.sync_and_save(&storage);
    a.type_char('y', NOW + 2);
    a.sync_and_save(&storage);
    // B, still holding A's older "x", writes over A's "xy" (its write raced A's).
    b.type_char('1', NOW + 3);
    b.save_without_sync(&storage);
    assert_eq!(stored(&storage).active().note("willkommen"), "x");
    // A is told another tab saved; it has nothing new to learn from B's old copy of its
    // own text, but storage lacks "xy": A writes it again.
    a.sync_and_save(&storage);
    let s = stored(&storage);
    assert_eq!(s.active().note("willkommen"), "xy");
    assert_eq!(s.active().note("team"), "1");
}

#[test]
fn a_tab_stops_saving_when_another_tab_saved_a_newer_format() {
    let storage = Storage::default();
    let mut a = Tab::open(&storage, "a-", "willkommen");
    let newer = format!(
        r#"{{"kind":"{KIND}","format":{},"guide":"minimal"}}"#,
        FORMAT + 1
    );
    *storage.0.borrow_mut() = Some(newer.clone());
    a.type_char('x', NOW + 1);
    let notice = match a.saver.sync(storage.found(), &a.ws, "minimal") {
        Synced::Pause(n) => n,
        other => panic!("expected a pause, got {other:?}"),
    };
    assert!(notice.saving_paused && !notice.dismissible());
    assert!(
        notice.message.contains("neuere Version"),
        "{}",
        notice.message
    );
    assert_eq!(a.saver.pending(&a.ws), None, "nothing is written over it");
    assert!(a.saver.is_paused());
    assert_eq!(storage.0.borrow().as_deref(), Some(newer.as_str()));
}

#[test]
fn a_tab_stops_saving_when_another_tab_saved_damaged_data() {
    let storage = Storage::default();
    let mut a = Tab::open(&storage, "a-", "willkommen");
    *storage.0.borrow_mut() = Some("{\"kind\": \"leitfaden-arbeitsstand\", \"for".into());
    a.type_char('x', NOW + 1);
    assert!(matches!(
        a.saver.sync(storage.found(), &a.ws, "minimal"),
        Synced::Pause(_)
    ));
    assert_eq!(a.saver.pending(&a.ws), None);
}

/// One step of a burst: who types, and whether their write races the other tab's.
#[derive(Debug, Clone)]
enum Op {
    TypeA(bool),
    TypeB(bool),
    EventA,
    EventB,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<bool>().prop_map(Op::TypeA),
        any::<bool>().prop_map(Op::TypeB),
        Just(Op::EventA),
        Just(Op::EventB),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Two tabs type alternately in two notes, with events late or early and some writes
    /// racing each other; once both tabs have heard of the last write (what the browser's
    /// storage events guarantee), storage holds both tabs' whole text.
    #[test]
    fn after_any_burst_both_tabs_last_text_is_in_storage(ops in prop::collection::vec(op(), 1..40)) {
        let storage = Storage::default();
        let mut a = Tab::open(&storage, "a-", "willkommen");
        let mut b = Tab::open(&storage, "b-", "team");
        for (n, op) in ops.iter().enumerate() {
            let now = NOW + 1 + n as u64;
            match op {
                Op::TypeA(race) => {
                    a.type_char('a', now);
                    if *race { a.save_without_sync(&storage) } else { a.sync_and_save(&storage) }
                }
                Op::TypeB(race) => {
                    b.type_char('b', now);
                    if *race { b.save_without_sync(&storage) } else { b.sync_and_save(&storage) }
                }
                Op::EventA => a.sync_and_save(&storage),
                Op::EventB => b.sync_and_save(&storage),
            }
        }
        // Each write fires an event in the other tab; deliver them until nothing changes.
        for _ in 0..4 {
            a.sync_and_save(&storage);
            b.sync_and_save(&storage);
        }
        let s = stored(&storage);
        prop_assert_eq!(s.active().note("willkommen"), a.typed.clone());
        prop_assert_eq!(s.active().note("team"), b.typed.clone());
        prop_assert_eq!(&a.ws, &s);
        prop_assert_eq!(&b.ws, &s);
    }
}
