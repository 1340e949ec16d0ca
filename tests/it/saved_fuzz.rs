//! Property tests for reading saved and imported data: `decode` and `decode_export` never
//! panic, whatever they are given (random text, damaged or cut-off documents, random
//! JSON), and whatever they accept is well-formed and survives being written and read
//! again unchanged.

use std::sync::LazyLock;

use leitfaden::date::Date;
use leitfaden::export::{self, Export, GuideStamp};
use leitfaden::profile::Answers;
use leitfaden::progress::{Kept, Plan, Progress, Snapshot, SnapshotStep, Status, StepProgress};
use leitfaden::saved::{self, DecodeError, EXPORT_KIND, FORMAT, KIND, MAX_STATES, decode};
use leitfaden::workspace::{Deleted, WorkState, Workspace};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;

fn export() -> impl Strategy<Value = Export> {
    (text(), "[0-9a-f]{16}", text(), progress()).prop_map(
        |(version, fingerprint, exported, progress)| Export {
            guide: GuideStamp {
                id: GUIDE.into(),
                version,
                fingerprint,
            },
            exported,
            progress,
        },
    )
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-ZäöüßÄÖÜ .,„“\"\\\\\n\t-]{0,20}",
        prop::collection::vec(any::<char>(), 0..16).prop_map(String::from_iter),
    ]
}

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9-]{1,10}"
}

const GUIDE: &str = "minimal";

fn config(cases: u32) -> Config {
    Config {
        cases,
        // A failure prints its (shrunk) input; no regression files in the source tree.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Checks what `decode` promises for any input: no panic (the caller's concern), and an
/// accepted document is ours, for this guide, current, within limits, and reads back
/// unchanged once written.
fn check_decode(raw: &str) -> Result<Workspace, DecodeError> {
    let result = decode(raw, GUIDE);
    if let Ok(ws) = &result {
        let v: Value = serde_json::from_str(&saved::encode(ws)).unwrap();
        assert_eq!(
            (&v["kind"], &v["format"]),
            (&Value::from(KIND), &Value::from(FORMAT))
        );
        assert_eq!(ws.guide_id(), GUIDE);
        assert!(!ws.states().is_empty());
        assert!(ws.states().len() + ws.deleted().len() <= MAX_STATES);
        // Usable: the active work state can be read.
        let _ = ws.active();
        assert_eq!(
            decode(&saved::encode(ws), GUIDE).as_ref(),
            Ok(ws),
            "round trip"
        );
    }
    if let Err(e) = &result {
        assert!(!e.message().is_empty());
    }
    result
}

/// The same for `decode_export`.
fn check_export(raw: &str) -> Result<Export, DecodeError> {
    let result = export::decode(raw, GUIDE);
    if let Ok(e) = &result {
        let again = export::encode(e);
        let v: Value = serde_json::from_str(&again).unwrap();
        assert_eq!(
            (&v["kind"], &v["format"]),
            (&Value::from(EXPORT_KIND), &Value::from(FORMAT))
        );
        assert_eq!(e.guide.id, GUIDE);
        assert_eq!(export::decode(&again, GUIDE).as_ref(), Ok(e), "round trip");
    }
    if let Err(e) = &result {
        assert!(!e.message().is_empty());
    }
    result
}

fn check_both(raw: &str) {
    let _ = check_decode(raw);
    let _ = check_export(raw);
}

// ---------------------------------------------------------------------------------------
// Strategies for well-formed data

fn step_progress() -> impl Strategy<Value = StepProgress> {
    (
        status(),
        text(),
        text(),
        prop::collection::btree_set(id(), 0..4),
        prop::option::of("[0-9a-f]{16}"),
        (any::<u64>(), id(), any::<u64>()),
        prop::collection::vec((text(), text(), any::<u64>(), id(), any::<bool>()), 0..2),
    )
        .prop_map(
            |(status, reason, note, tasks, done_fingerprint, (edited, by, base), kept)| {
                StepProgress {
                    status,
                    reason,
                    note,
                    tasks,
                    done_fingerprint,
                    edited,
                    by,
                    base,
                    kept: kept
                        .into_iter()
                        .map(|(note, reason, edited, by, dismissed)| Kept {
                            note,
                            reason,
                            edited,
                            by,
                            dismissed,
                        })
                        .collect(),
                }
            },
        )
}

fn date() -> impl Strategy<Value = Date> {
    (1900u16..=2999, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn plan() -> impl Strategy<Value = Plan> {
    (text(), prop::option::of(date())).prop_map(|(owner, due)| Plan { owner, due })
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (
        text(),
        date(),
        any::<u64>(),
        prop::collection::btree_map(id(), id(), 0..3),
        prop::collection::btree_map(
            id(),
            (status(), text(), prop::collection::btree_set(id(), 0..3)),
            0..3,
        ),
    )
        .prop_map(|(name, date, taken, profile, steps)| Snapshot {
            name,
            date,
            taken,
            answers: Answers {
                profile,
                decisions: Default::default(),
            },
            steps: steps
                .into_iter()
                .map(|(id, (status, note, tasks))| {
                    (
                        id,
                        SnapshotStep {
                            status,
                            note,
                            tasks,
                        },
                    )
                })
                .collect(),
        })
}

/// A work state as the app holds it: cleaned (`Progress::sanitize`), as everything read
/// from storage or a file is.
fn progress() -> impl Strategy<Value = Progress> {
    raw_progress().prop_map(|mut p| {
        p.sanitize();
        p
    })
}

/// A work state with anything in its fields, as a hand-edited file may have.
fn raw_progress() -> impl Strategy<Value = Progress> {
    (
        (
            text(),
            prop::collection::btree_map(id(), id(), 0..4),
            prop::collection::btree_map(id(), id(), 0..3),
            any::<bool>(),
            prop::collection::btree_map(id(), step_progress(), 0..5),
            prop::option::of(id()),
            prop::collection::btree_set(id(), 0..6),
            prop::collection::btree_map(id(), any::<u64>(), 0..4),
        ),
        (
            id(),
            prop::collection::btree_map("[a-z0-9-]{1,6}(/[a-z0-9-]{1,6})?", plan(), 0..4),
            prop::collection::btree_map(id(), id(), 0..3),
            prop::option::of(date()),
            prop::collection::vec(snapshot(), 0..3),
        ),
    )
        .prop_map(
            |(
                (name, profile, decisions, intake_done, steps, current, known_steps, stamps),
                (origin, plans, targets, review, snapshots),
            )| {
                Progress {
                    name,
                    answers: Answers { profile, decisions },
                    intake_done,
                    steps,
                    current,
                    known_steps,
                    stamps,
                    origin,
                    plans,
                    targets,
                    review,
                    snapshots,
                }
            },
        )
}

fn work_state() -> impl Strategy<Value = WorkState> {
    (id(), progress()).prop_map(|(id, progress)| WorkState { id, progress })
}

fn workspace() -> impl Strategy<Value = Workspace> {
    (
        prop::collection::vec(work_state(), 1..4),
        prop::collection::vec((work_state(), any::<u64>()), 0..3),
        any::<prop::sample::Index>(),
    )
        .prop_filter("work state ids are unique", |(states, _, _)| {
            let mut ids = std::collections::HashSet::new();
            states.iter().all(|s| ids.insert(s.id.clone()))
        })
        .prop_map(|(states, deleted, active)| {
            let active = active.get(&states).id.clone();
            let deleted = deleted
                .into_iter()
                .map(|(state, at)| Deleted { state, at })
                .collect();
            Workspace::from_parts(GUIDE.into(), active, states, deleted, Default::default())
                .expect("states are not empty and their ids unique")
        })
}

// ---------------------------------------------------------------------------------------
// Strategies for arbitrary JSON, biased towards our own names so that random documents
// get past the envelope checks and into the deeper structure.

const WORDS: &[&str] = &[
    KIND,
    EXPORT_KIND,
    GUIDE,
    "kind",
    "format",
    "guide",
    "active",
    "states",
    "deleted",
    "state",
    "at",
    "id",
    "progress",
    "name",
    "answers",
    "profile",
    "decisions",
    "intake_done",
    "steps",
    "current",
    "known_steps",
    "edited",
    "status",
    "reason",
    "note",
    "tasks",
    "done_fingerprint",
    "version",
    "fingerprint",
    "exported",
    "Open",
    "InProgress",
    "Done",
    "NotRelevant",
    "1",
    "",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop::sample::select(vec![0u64, 1, 2, 99, u64::from(u32::MAX) + 1, u64::MAX])
            .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        word().prop_map(Value::from),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(word(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object that has our envelope (kind, a small format, this guide), with random
/// contents where the data goes.
fn envelope() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec![KIND, EXPORT_KIND]),
        prop::sample::select(vec![0u64, 1]),
        prop_oneof![
            Just(Value::from(GUIDE)),
            (json(), json()).prop_map(|(v, f)| serde_json::json!({
                "id": GUIDE, "version": v, "fingerprint": f
            })),
        ],
        prop::collection::btree_map(
            prop::sample::select(vec!["active", "states", "deleted", "progress", "exported"]),
            json(),
            0..5,
        ),
    )
        .prop_map(|(kind, format, guide, rest)| {
            let mut obj = serde_json::Map::new();
            obj.insert("kind".into(), kind.into());
            obj.insert("format".into(), format.into());
            obj.insert("guide".into(), guide);
            for (k, v) in rest {
                obj.insert(k.into(), v);
            }
            Value::Object(obj)
        })
}

/// Every JSON pointer into `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                let k = k.replace('~', "~0").replace('/', "~1");
                pointers(x, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// `v` with the node at a random place replaced by random JSON.
fn graft(mut v: Value, at: prop::sample::Index, with: Value) -> Value {
    let mut all = Vec::new();
    pointers(&v, String::new(), &mut all);
    let p = at.get(&all);
    if p.is_empty() {
        return with;
    }
    *v.pointer_mut(p).expect("a pointer just collected") = with;
    v
}

/// A realistic stored document and export, filled with what a user enters.
static STORED: LazyLock<String> = LazyLock::new(|| saved::encode(&sample_workspace()));
static EXPORTED: LazyLock<String> = LazyLock::new(|| {
    let ws = sample_workspace();
    let export = Export {
        guide: GuideStamp {
            id: GUIDE.into(),
            version: "0.1.0".into(),
            fingerprint: "0123456789abcdef".into(),
        },
        exported: "2025-03-01T10:00:00Z".into(),
        progress: ws.active().clone(),
    };
    export::encode(&export)
});

fn sample_workspace() -> Workspace {
    let mut ws = Workspace::new(GUIDE);
    ws.rename("1", "Musterstadt „Süd“");
    let p = ws.active_mut();
    p.set_answer("groesse", "klein");
    p.set_decision("mandat", "ja");
    p.set_task("willkommen", "lesen", true);
    p.set_note("willkommen", "Zeile 1\nZeile 2 \"zitiert\" \\ 🙂");
    p.set_reason("abschluss", "Kein Bedarf.");
    p.known_steps = ["willkommen".to_string(), "projekt".to_string()].into();
    p.current = Some("projekt".into());
    p.stamps.insert("name".into(), 1_700_000_000_000);
    ws.create("Zweiter Stand");
    ws.create("Gelöscht");
    ws.delete("3", 1_700_000_000_000);
    ws
}

/// Byte edits: (position, what to do, byte).
fn mutations() -> impl Strategy<Value = Vec<(prop::sample::Index, u8, u8)>> {
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..6)
}

fn mutate(raw: &str, edits: &[(prop::sample::Index, u8, u8)]) -> String {
    let mut bytes = raw.as_bytes().to_vec();
    for (at, op, b) in edits {
        if bytes.is_empty() {
            bytes.push(*b);
            continue;
        }
        let i = at.index(bytes.len());
        match op {
            0 => bytes[i] = *b,
            1 => bytes.insert(i, *b),
            2 => {
                bytes.remove(i);
            }
            // A JSON-significant character, to break structure rather than text.
            _ => {
                let significant = b"{}[]\":,\\0-e. n";
                bytes[i] = significant[usize::from(*b) % significant.len()];
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `raw` cut at a random character boundary, strictly inside.
fn cut(raw: &str, at: prop::sample::Index) -> &str {
    let mut n = 1 + at.index(raw.len() - 1);
    while !raw.is_char_boundary(n) {
        n -= 1;
    }
    &raw[..n]
}

// ---------------------------------------------------------------------------------------
// The properties

#[test]
fn the_samples_are_valid() {
    assert!(check_decode(&STORED).is_ok());
    assert!(check_export(&EXPORTED).is_ok());
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_text_never_panics(raw in any::<String>()) {
        check_both(&raw);
    }

    #[test]
    fn json_like_text_never_panics(
        raw in "[{}\\[\\]\":,0-9a-z\\\\. \n-]{0,80}"
    ) {
        check_both(&raw);
    }

    #[test]
    fn arbitrary_json_never_panics(v in json()) {
        check_both(&v.to_string());
    }

    #[test]
    fn documents_with_random_contents_never_panic(v in envelope()) {
        check_both(&v.to_string());
    }

    #[test]
    fn damaged_stored_documents_never_panic(edits in mutations()) {
        check_both(&mutate(&STORED, &edits));
    }

    #[test]
    fn damaged_exports_never_panic(edits in mutations()) {
        check_both(&mutate(&EXPORTED, &edits));
    }

    #[test]
    fn grafted_stored_documents_never_panic(at in any::<prop::sample::Index>(), with in json()) {
        let v: Value = serde_json::from_str(&STORED).unwrap();
        check_both(&graft(v, at, with).to_string());
    }

    #[test]
    fn grafted_exports_never_panic(at in any::<prop::sample::Index>(), with in json()) {
        let v: Value = serde_json::from_str(&EXPORTED).unwrap();
        check_both(&graft(v, at, with).to_string());
    }

    #[test]
    fn a_cut_off_document_is_truncated(at in any::<prop::sample::Index>()) {
        for raw in [STORED.as_str(), EXPORTED.as_str()] {
            let part = cut(raw, at);
            prop_assert_eq!(check_decode(part).err(), Some(DecodeError::Truncated));
            prop_assert_eq!(check_export(part).err(), Some(DecodeError::Truncated));
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_workspace_round_trips(ws in workspace()) {
        let raw = saved::encode(&ws);
        prop_assert_eq!(check_decode(&raw), Ok(ws.clone()));
        // Pretty-printed or not, with surrounding whitespace: the same.
        let value: Value = serde_json::from_str(&raw).unwrap();
        let pretty = format!("\n {}\n", serde_json::to_string_pretty(&value).unwrap());
        prop_assert_eq!(decode(&pretty, GUIDE), Ok(ws.clone()));
        // Never taken for an export, nor for another guide.
        prop_assert!(matches!(export::decode(&raw, GUIDE), Err(DecodeError::Invalid(_))));
        prop_assert_eq!(decode(&raw, "anders"), Err(DecodeError::OtherGuide(GUIDE.into())));
    }

    #[test]
    fn any_export_round_trips(e in export()) {
        let raw = export::encode(&e);
        prop_assert_eq!(check_export(&raw), Ok(e.clone()));
        prop_assert_eq!(decode(&raw, GUIDE), Err(DecodeError::NotOurs));
        prop_assert_eq!(export::decode(&raw, "anders"), Err(DecodeError::OtherGuide(GUIDE.into())));
    }

    #[test]
    fn a_cut_off_workspace_is_truncated(ws in workspace(), at in any::<prop::sample::Index>()) {
        let raw = saved::encode(&ws);
        prop_assert_eq!(decode(cut(&raw, at), GUIDE), Err(DecodeError::Truncated));
    }

    #[test]
    fn cleaning_a_work_state_twice_changes_nothing_more(p in raw_progress()) {
        let mut once = p.clone();
        once.sanitize();
        let mut twice = once.clone();
        twice.sanitize();
        prop_assert_eq!(&twice, &once);
        prop_assert!(once.snapshots.len() <= leitfaden::progress::MAX_SNAPSHOTS);
        prop_assert!(once.plans.values().all(|plan| !plan.is_empty()
            && plan.owner.chars().count() <= leitfaden::progress::MAX_OWNER_CHARS
            && !plan.owner.chars().any(char::is_control)));
    }

    #[test]
    fn format_0_of_any_progress_migrates(p in progress(), extra in json()) {
        let raw = serde_json::json!({
            "kind": KIND, "format": 0, "guide": GUIDE, "progress": p, "states": extra,
        })
        .to_string();
        let ws = check_decode(&raw).expect("format 0 migrates");
        prop_assert_eq!(ws.active_id(), "1");
        prop_assert_eq!(ws.states(), vec![WorkState { id: "1".into(), progress: p }]);
    }
}
