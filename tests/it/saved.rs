//! The stored format: migrations and every kind of bad input, with German messages.

use crate::common::*;
use leitfaden::export::{self};
use leitfaden::progress::{Progress, Status};
use leitfaden::saved::{
    self, DecodeError, EXPORT_KIND, FORMAT, KIND, MAX_BYTES, MAX_STATES, decode,
};
use leitfaden::workspace::{WorkState, Workspace};
use serde_json::{Value, json};

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
        Workspace::from_parts(
            "minimal".into(),
            "1".into(),
            vec![WorkState {
                id: "1".into(),
                progress: expected_progress,
            }],
            vec![],
            Default::default(),
        )
        .unwrap()
    );
    assert_eq!(ws.active().status("willkommen"), Status::Done);
    // Encoded again, it is a current document.
    assert_eq!(decode(&saved::encode(&ws), "minimal"), Ok(ws.clone()));
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
    let e = export::decode(&raw, "minimal").expect("format 0 export is migrated");
    assert_eq!(e.progress.name, "Alt");
}

#[test]
fn an_unknown_older_format_errors_clearly() {
    let e = saved::migrate(json!({ "kind": "anders", "format": 0 }), "anders").unwrap_err();
    assert_eq!(e, DecodeError::Invalid("unbekanntes Format 0".into()));
    assert_german(&e.message());
    assert!(e.message().contains("unbekanntes Format 0"));
}

#[test]
fn migrate_leaves_a_current_document_as_it_is() {
    let ws = two_states();
    let v: Value = serde_json::from_str(&saved::encode(&ws)).unwrap();
    assert_eq!(saved::migrate(v.clone(), KIND), Ok(v));
}

// ---------------------------------------------------------------------------------------
// Bad input

fn valid_export() -> String {
    let guide = v1();
    let mut ws = two_states();
    ws.switch("1");
    export::export(&ws, "1", &guide, "2025-03-01T10:00:00Z").unwrap()
}

/// Both decoders give `expected` for `raw`, with a German message.
fn both_fail(raw: &str, expected: DecodeError) {
    let a = decode(raw, "minimal").unwrap_err();
    let b = export::decode(raw, "minimal").unwrap_err();
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
    let stored = saved::encode(&two_states());
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
    let e = export::decode(&valid_export(), "anderer-leitfaden").unwrap_err();
    assert_eq!(e, DecodeError::OtherGuide("minimal".into()));
    assert_german(&e.message());
    assert!(e.message().contains("„minimal“"));
    let e = decode(&saved::encode(&two_states()), "anderer-leitfaden").unwrap_err();
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
    let raw = export::export(&ws, "1", &other, "2025-01-01").unwrap();
    assert_eq!(
        export::decode(&raw, "minimal"),
        Err(DecodeError::OtherGuide(other.id.clone()))
    );
}

#[test]
fn newer_format() {
    let mut v: Value = serde_json::from_str(&valid_export()).unwrap();
    v["format"] = json!(99);
    let e = export::decode(&v.to_string(), "minimal").unwrap_err();
    assert_eq!(e, DecodeError::Newer(99));
    let mut v: Value = serde_json::from_str(&saved::encode(&two_states())).unwrap();
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
        let mut v: Value = serde_json::from_str(&saved::encode(&two_states())).unwrap();
        v["format"] = format.clone();
        assert_eq!(
            decode(&v.to_string(), "minimal"),
            Err(DecodeError::Invalid("Angabe „format“ fehlt".into())),
            "{format}"
        );
    }
    let mut v: Value = serde_json::from_str(&valid_export()).unwrap();
    v.as_object_mut().unwrap().remove("format");
    let e = export::decode(&v.to_string(), "minimal").unwrap_err();
    assert_eq!(e, DecodeError::Invalid("Angabe „format“ fehlt".into()));
    assert_german(&e.message());
}

/// The stored document with `pointer` set to `value`.
fn stored_with(pointer: &str, value: Value) -> String {
    let mut v: Value = serde_json::from_str(&saved::encode(&two_states())).unwrap();
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
    let first = "Arbeitsstand 1 („Musterstadt“)";
    let stored = [
        (
            stored_with("/active", json!(1)),
            format!("bei „active“: {TYPE}"),
        ),
        (
            stored_with("/states", json!({})),
            format!("bei „states“: {TYPE}"),
        ),
        (
            stored_with("/states/0/progress/steps", json!([])),
            format!("{first}, bei „steps“: {TYPE}"),
        ),
        (
            stored_with(
                "/states/0/progress/steps/willkommen/status",
                json!("Fertig"),
            ),
            format!("{first}, Schritt „willkommen“, bei „status“: unbekannter Wert „Fertig“"),
        ),
        (
            stored_with("/states/0/progress/steps/willkommen/edited", json!(-5)),
            format!("{first}, Schritt „willkommen“, bei „edited“: {VALUE}"),
        ),
        (
            stored_with("/states/0/progress/name", json!(null)),
            format!("Arbeitsstand 1, bei „name“: {TYPE}"),
        ),
        (
            stored_with("/states/0/progress/answers/profile/groesse", json!(3)),
            format!("{first}, Antwort auf „groesse“: {TYPE}"),
        ),
        (
            stored_with("/deleted", json!("nichts")),
            format!("bei „deleted“: {TYPE}"),
        ),
        (
            stored_with("/states/0", json!({ "progress": {} })),
            "Arbeitsstand 1: Angabe „id“ fehlt".to_string(),
        ),
    ];
    for (raw, detail) in &stored {
        let e = decode(raw, "minimal").unwrap_err();
        assert_eq!(e, DecodeError::Invalid(detail.to_string()), "for {raw}");
        assert_german(&e.message());
    }
    let exports = [
        (
            export_with("/guide", json!("minimal")),
            format!("bei „guide“: {TYPE}"),
        ),
        (
            export_with("/exported", json!(20250301)),
            format!("bei „exported“: {TYPE}"),
        ),
        (
            export_with("/progress/answers/profile", json!(["klein"])),
            format!("bei „profile“: {TYPE}"),
        ),
        (
            export_with("/progress/intake_done", json!("ja")),
            format!("bei „intake_done“: {TYPE}"),
        ),
        (
            export_with("/guide", json!({ "id": "minimal" })),
            "bei „guide“: Angabe „version“ fehlt".to_string(),
        ),
    ];
    for (raw, detail) in &exports {
        let e = export::decode(raw, "minimal").unwrap_err();
        assert_eq!(e, DecodeError::Invalid(detail.to_string()), "for {raw}");
        assert_german(&e.message());
    }
}

/// An export as the app writes it spans many lines, and text in it may hold quotes,
/// commas and brackets: the field that is wrong is still the one named.
#[test]
fn a_wrong_field_is_named_in_a_pretty_file_with_tricky_text() {
    let mut v: Value = serde_json::from_str(&valid_export()).unwrap();
    *v.pointer_mut("/progress/name").unwrap() = json!("Rat, \"Nord\" {[ ]}: Ä\\");
    *v.pointer_mut("/progress/intake_done").unwrap() = json!("ja");
    let raw = serde_json::to_string_pretty(&v).unwrap();
    assert!(raw.lines().count() > 10, "{raw}");
    let e = export::decode(&raw, "minimal").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Invalid("bei „intake_done“: eine Angabe hat den falschen Typ".into())
    );
    // The same in the browser's stored document, with a step id that needs escaping.
    let mut v: Value = serde_json::from_str(&saved::encode(&two_states())).unwrap();
    let steps = v.pointer_mut("/states/0/progress/steps").unwrap();
    let entry = steps["willkommen"].clone();
    steps["a\"b,{"] = entry;
    steps["a\"b,{"]["status"] = json!(7);
    let raw = serde_json::to_string_pretty(&v).unwrap();
    let e = decode(&raw, "minimal").unwrap_err();
    assert_eq!(
        e,
        DecodeError::Invalid(
            "Arbeitsstand 1 („Musterstadt“), Schritt „a\"b,{“, bei „status“: eine Angabe hat den falschen Typ".into()
        )
    );
}

#[test]
fn missing_fields_are_named() {
    let mut v: Value = serde_json::from_str(&saved::encode(&two_states())).unwrap();
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
    let mut raw = saved::encode(&two_states());
    raw.push_str(&" ".repeat(MAX_BYTES));
    let e = decode(&raw, "minimal").unwrap_err();
    assert_eq!(e, DecodeError::TooLarge(raw.len()));
    assert!(
        e.message().contains("mit 5,0 MB viel zu groß"),
        "{}",
        e.message()
    );
    // Exactly at the limit is read.
    let mut raw = saved::encode(&two_states());
    raw.push_str(&" ".repeat(MAX_BYTES - raw.len()));
    assert!(decode(&raw, "minimal").is_ok());
}

/// A picked file is judged by its bytes: its real size, and what it is when it is no text.
#[test]
fn a_file_that_is_no_text_is_named_with_its_real_size() {
    // 5 MB of random bytes (the case): not "8850 KB", but what it is and its size.
    let mut x: u32 = 0x1234_5678;
    let random: Vec<u8> = (0..MAX_BYTES)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let e = export::decode_file(&random, "minimal").unwrap_err();
    assert_eq!(
        e,
        DecodeError::NotText {
            kind: "eine Datei mit Binärdaten",
            size: MAX_BYTES
        }
    );
    assert!(
        e.message().contains("(5,0 MB), keine Textdatei"),
        "{}",
        e.message()
    );
    assert_german(&e.message());
    for (bytes, kind) in [
        (&b"%PDF-1.7 ..."[..], "eine PDF-Datei"),
        (
            &b"PK\x03\x04 word/document.xml"[..],
            "ein ZIP-Archiv oder ein Office-Dokument",
        ),
        (&b"\x89PNG\r\n"[..], "ein PNG-Bild"),
    ] {
        assert_eq!(
            export::decode_file(bytes, "minimal"),
            Err(DecodeError::NotText {
                kind,
                size: bytes.len()
            })
        );
    }
    // One byte over the limit: too large, with the file's size.
    let big = vec![b' '; MAX_BYTES + 1];
    assert_eq!(
        export::decode_file(&big, "minimal"),
        Err(DecodeError::TooLarge(MAX_BYTES + 1))
    );
    // A real export, with a byte-order mark as some editors write it, is read.
    let ws = two_states();
    let file = export::export(&ws, "1", &v1(), "2026-12-01").unwrap();
    let with_bom = format!("\u{feff}{file}");
    assert!(export::decode_file(with_bom.as_bytes(), "minimal").is_ok());
}

#[test]
fn too_many_states() {
    let mut ws = Workspace::new("minimal");
    for i in 1..MAX_STATES {
        ws.create(&format!("Stand {i}"));
    }
    assert_eq!(ws.states().len(), MAX_STATES);
    assert!(
        decode(&saved::encode(&ws), "minimal").is_ok(),
        "the limit itself is fine"
    );
    ws.delete("1", 0);
    assert!(
        decode(&saved::encode(&ws), "minimal").is_ok(),
        "deleted ones count too"
    );
    ws.create("einer zu viel");
    let e = decode(&saved::encode(&ws), "minimal").unwrap_err();
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
    let e = export::decode(&saved::encode(&two_states()), "minimal").unwrap_err();
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
        export::decode(&raw, "x"),
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

/// Format 1 stamped name, answers, intake and position together; format 2 stamps each
/// field on its own. Every field takes the old stamp, in stored documents and exports.
#[test]
fn a_format_1_document_gets_a_stamp_per_field() {
    let progress = json!({
        "name": "Altstadt",
        "answers": { "profile": { "groesse": "klein" }, "decisions": { "mandat": "ja" } },
        "intake_done": true,
        "steps": { "willkommen": { "status": "Done", "note": "alt", "edited": 5 } },
        "current": "willkommen",
        "known_steps": ["willkommen"],
        "edited": 42
    });
    let raw = json!({
        "kind": KIND, "format": 1, "guide": "minimal", "active": "1",
        "states": [{ "id": "1", "progress": progress }],
        "deleted": [{ "state": { "id": "2", "progress": { "name": "Weg", "edited": 7 } }, "at": 9 }]
    })
    .to_string();
    let ws = decode(&raw, "minimal").expect("format 1 is migrated");
    let p = ws.active();
    let stamps: Vec<(&str, u64)> = p.stamps.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        stamps,
        [
            ("current", 42),
            ("d:mandat", 42),
            ("intake", 42),
            ("name", 42),
            ("q:groesse", 42)
        ]
    );
    assert_eq!(p.steps["willkommen"].edited, 5);
    assert_eq!(p.note("willkommen"), "alt");
    assert_eq!(ws.deleted()[0].state.progress.stamps["name"], 7);
    // Written again, it is a current document.
    let again: Value = serde_json::from_str(&saved::encode(&ws)).unwrap();
    assert_eq!(again["format"], json!(FORMAT));
    let export = json!({
        "kind": EXPORT_KIND, "format": 1,
        "guide": { "id": "minimal", "version": "0.1.0", "fingerprint": "x" },
        "exported": "2026-11-01", "progress": progress
    })
    .to_string();
    let e = export::decode(&export, "minimal").expect("a format 1 export is migrated");
    assert_eq!(e.progress.stamps["name"], 42);
}

/// A document as format 2 wrote it: two work states (stamps, a tab's step entry with a
/// kept text) and a deleted one, no origins, owners, dates, targets or snapshots.
fn format_2_document() -> Value {
    json!({
        "kind": KIND, "format": 2, "guide": "minimal", "active": "2",
        "states": [
            { "id": "1", "progress": {
                "name": "Altstadt",
                "answers": { "profile": { "groesse": "klein" }, "decisions": {} },
                "intake_done": true,
                "steps": { "willkommen": {
                    "status": "Done", "note": "neu", "edited": 50, "by": "b-", "base": 10,
                    "kept": [{ "note": "alt", "edited": 40, "by": "a-" }]
                } },
                "current": "willkommen",
                "known_steps": ["willkommen"],
                "stamps": { "name": 5, "q:groesse": 6, "intake": 7 }
            } },
            { "id": "2", "progress": { "name": "Neustadt", "stamps": { "name": 8 } } }
        ],
        "deleted": [{ "state": { "id": "3", "progress": { "name": "Weg" } }, "at": 9 }]
    })
}

/// Format 3 adds optional parts only: a format 2 document reads as it is, written again
/// it is format 3, and the tab that opens it gives each work state an origin of its own.
#[test]
fn a_format_2_document_is_read_as_it_is_and_its_work_states_get_origins_on_open() {
    let raw = format_2_document().to_string();
    let ws = decode(&raw, "minimal").expect("format 2 is migrated");
    let p = ws.state("1").unwrap();
    let expected: Progress =
        serde_json::from_value(format_2_document()["states"][0]["progress"].clone()).unwrap();
    assert_eq!(p.progress, expected);
    assert_eq!(p.progress.steps["willkommen"].open_kept().count(), 1);
    assert_eq!(p.progress.stamps["q:groesse"], 6);
    assert!(p.progress.plans.is_empty() && p.progress.snapshots.is_empty());
    assert_eq!(p.progress.origin, "", "decoding alone makes no origin");
    assert_eq!(ws.active_id(), "2");

    let guide = v1();
    let opened = leitfaden::session::open(
        leitfaden::session::Found::Text(raw),
        &guide,
        "t-",
        "zufall",
        1_000,
        |_| true,
    );
    assert_eq!(opened.notice, None);
    let ws = opened.workspace;
    let origins: Vec<&str> = ws
        .states()
        .iter()
        .map(|s| s.progress.origin.as_str())
        .chain(
            ws.deleted()
                .iter()
                .map(|d| d.state.progress.origin.as_str()),
        )
        .collect();
    assert_eq!(origins, ["zufall-1", "zufall-2", "zufall-3"]);
    // Everything else is as it was; the document is written once, as format 3.
    let mut without = ws.state("1").unwrap().progress.clone();
    without.origin.clear();
    without.known_steps = expected.known_steps.clone();
    assert_eq!(without, expected);
    let doc = opened.saver.pending(&ws).expect("the origins are saved");
    let v: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(v["format"], json!(3));
    assert_eq!(v["states"][1]["progress"]["origin"], json!("zufall-2"));
    assert_eq!(decode(&doc, "minimal").as_ref(), Ok(&ws));
}

#[test]
fn a_format_2_export_is_imported_with_a_fresh_origin() {
    let raw = json!({
        "kind": EXPORT_KIND, "format": 2,
        "guide": { "id": "minimal", "version": "0.1.0", "fingerprint": "x" },
        "exported": "2026-01-01",
        "progress": format_2_document()["states"][0]["progress"].clone()
    })
    .to_string();
    let e = export::decode(&raw, "minimal").expect("a format 2 export is migrated");
    assert_eq!(e.progress.origin, "");
    assert_eq!(e.progress.note("willkommen"), "neu");
    let mut ws = Workspace::new("minimal");
    ws.set_origin_seed("hier");
    let id = ws.import(&e.progress);
    let origin = &ws.state(&id).unwrap().progress.origin;
    assert!(origin.starts_with("hier-"), "{origin}");
    assert!(
        ws.same_origin(&e.progress).is_none(),
        "an old file merges into nothing"
    );
}

#[test]
fn formats_0_and_1_come_through_to_format_3() {
    let zero = json!({
        "kind": KIND, "format": 0, "guide": "minimal",
        "progress": { "name": "Uralt", "steps": { "projekt": { "note": "x" } } }
    });
    let one = json!({
        "kind": KIND, "format": 1, "guide": "minimal", "active": "1",
        "states": [{ "id": "1", "progress": { "name": "Alt", "edited": 3 } }]
    });
    for v in [zero, one] {
        let migrated = saved::migrate(v.clone(), KIND).unwrap();
        assert_eq!(migrated["format"], json!(3), "{v}");
        let ws = decode(&v.to_string(), "minimal").unwrap();
        assert!(ws.active().plans.is_empty());
    }
}

#[test]
fn bad_owners_dates_targets_and_snapshots_are_named_in_the_message() {
    const TYPE: &str = "eine Angabe hat den falschen Typ";
    const VALUE: &str = "eine Angabe hat einen ungültigen Wert";
    let first = "Arbeitsstand 1 („Musterstadt“)";
    for (pointer, value, detail) in [
        (
            "/states/0/progress/plans",
            json!({ "projekt/projekt-waehlen": { "due": "2026-02-30" } }),
            format!(
                "{first}, Zuständigkeit und Termin für „projekt/projekt-waehlen“, bei „due“: {VALUE}"
            ),
        ),
        (
            "/states/0/progress/plans",
            json!({ "projekt": { "owner": 7 } }),
            format!("{first}, Zuständigkeit und Termin für „projekt“, bei „owner“: {TYPE}"),
        ),
        (
            "/states/0/progress/targets",
            json!({ "groesse": ["klein"] }),
            format!("{first}, Ziel für „groesse“: {TYPE}"),
        ),
        (
            "/states/0/progress/review",
            json!("morgen"),
            format!("{first}, bei „review“: {VALUE}"),
        ),
        (
            "/states/0/progress/snapshots",
            json!([{ "name": "Frühjahr", "date": "2026-03-01", "taken": 1 }, { "name": "Sommer", "date": "01.07.2026", "taken": 2 }]),
            format!("{first}, Zwischenstand 2, bei „date“: {VALUE}"),
        ),
        (
            "/states/0/progress/snapshots",
            json!([{ "name": "Frühjahr", "date": "2026-03-01", "taken": 1, "steps": { "projekt": { "status": "Fertig" } } }]),
            format!(
                "{first}, Zwischenstand 1, Schritt „projekt“, bei „status“: unbekannter Wert „Fertig“"
            ),
        ),
    ] {
        let mut v: Value = serde_json::from_str(&saved::encode(&two_states())).unwrap();
        v["states"][0]["progress"]
            .as_object_mut()
            .unwrap()
            .insert(pointer.rsplit('/').next().unwrap().into(), value);
        let raw = v.to_string();
        let e = decode(&raw, "minimal").unwrap_err();
        assert_eq!(e, DecodeError::Invalid(detail.clone()), "for {raw}");
        assert_german(&e.message());
    }
}
