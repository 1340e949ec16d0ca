//! When files cannot move: a work state as text (base64 with a checksum, the same preview and
//! the same refusals as the file import) and the report as a length-limited `mailto:` link.

use proptest::prelude::*;

use crate::documents::{KOMMUNE, NOTE, REASON, filled, guide_with};
use leitfaden::export::{self, Export, GuideStamp};
use leitfaden::guide::Guide;
use leitfaden::progress::Progress;
use leitfaden::saved::DecodeError;
use leitfaden::transfer::{
    CUT_NOTE, MAIL_LIMIT, PREFIX, TextError, VERSION, base64, decode_state, encode_state, mailto,
    unbase64,
};

fn export_of(guide: &Guide, progress: Progress) -> Export {
    Export {
        guide: GuideStamp {
            id: guide.id.clone(),
            version: guide.version.clone(),
            fingerprint: guide.fingerprint.clone(),
        },
        exported: "2026-12-01T10:00:00.000Z".into(),
        progress,
    }
}

/// A work state with hostile text everywhere the user types.
fn hostile_export() -> (Guide, Export) {
    let guide = guide_with(&[]);
    let mut p = filled(&guide, KOMMUNE);
    p.set_note("willkommen", NOTE);
    p.set_reason("beschluss", REASON);
    p.set_public("willkommen", true);
    p.set_note(
        "auftrag",
        "Emoji 🏛️, Anführungszeichen „…“ \"…\" und \\ Backslash\r\nCRLF",
    );
    let e = export_of(&guide, p);
    (guide, e)
}

// ---------------------------------------------------------------------------------------
// Base64

#[test]
fn base64_matches_the_rfc_vectors() {
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(plain.as_bytes()), coded);
        assert_eq!(unbase64(coded).as_deref(), Some(plain.as_bytes()));
    }
    assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
}

#[test]
fn base64_refuses_what_it_did_not_write() {
    for bad in ["Zg=", "Zm9", "Z===", "Zg==Zg==", "Zm9v!", "Zm 9v", "ÄÖÜß"] {
        assert_eq!(unbase64(bad), None, "{bad}");
    }
}

proptest! {
    #[test]
    fn base64_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let coded = base64(&bytes);
        prop_assert_eq!(coded.len() % 4, 0);
        prop_assert_eq!(unbase64(&coded), Some(bytes));
    }
}

// ---------------------------------------------------------------------------------------
// A work state as text

#[test]
fn a_work_state_as_text_has_a_named_first_line_short_lines_and_a_checksum() {
    let (_, e) = hostile_export();
    let text = encode_state(&e);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("{PREFIX}{VERSION}"));
    assert_eq!(lines[0], "Leitfaden-Arbeitsstand v1");
    let last = lines.last().unwrap();
    assert!(last.starts_with("Ende, Prüfsumme "), "{last}");
    assert_eq!(last.len(), "Ende, Prüfsumme ".len() + 8);
    for l in &lines[1..lines.len() - 1] {
        assert!(l.len() <= 76 && !l.is_empty(), "{l}");
        assert!(
            l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
            "{l}"
        );
    }
    assert!(text.ends_with('\n'));
    // The compact export inside: the same file as „Exportieren“, without whitespace.
    let data: String = lines[1..lines.len() - 1].concat();
    let json = String::from_utf8(unbase64(&data).unwrap()).unwrap();
    assert_eq!(json, export::encode_compact(&e));
    let pretty: serde_json::Value = serde_json::from_str(&export::encode(&e)).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json).unwrap(),
        pretty
    );
    assert!(json.len() < export::encode(&e).len());
}

#[test]
fn a_work_state_comes_back_from_its_text_exactly_with_the_files_preview() {
    let (guide, e) = hostile_export();
    let back = decode_state(&encode_state(&e), &guide.id).expect("the text reads back");
    assert_eq!(back, e);
    let file = export::decode(&export::encode(&e), &guide.id).unwrap();
    assert_eq!(back.preview(&guide), file.preview(&guide));
    assert!(back.progress.is_public("willkommen"));
}

#[test]
fn the_text_is_found_inside_a_mail_reply_and_across_line_endings() {
    let (guide, e) = hostile_export();
    let text = encode_state(&e);
    let quoted: String = text.lines().map(|l| format!("> {l}\r\n")).collect();
    let mail = format!("Hallo,\n\nhier ist unser Stand:\n\n{quoted}\nViele Grüße\n");
    assert_eq!(decode_state(&mail, &guide.id).unwrap(), e);
    let indented: String = text.lines().map(|l| format!("    {l}\n\n")).collect();
    assert_eq!(decode_state(&indented, &guide.id).unwrap(), e);
    // A pasted export file (its JSON) is fine as well.
    assert_eq!(decode_state(&export::encode(&e), &guide.id).unwrap(), e);
}

#[test]
fn a_cut_damaged_foreign_or_newer_text_is_refused_with_its_own_message() {
    let (guide, e) = hostile_export();
    let text = encode_state(&e);
    let lines: Vec<&str> = text.lines().collect();
    let err = |t: &str| decode_state(t, &guide.id).unwrap_err();

    assert_eq!(err(""), TextError::Empty);
    assert_eq!(err(" \n\t\n"), TextError::Empty);
    assert_eq!(err("Hallo, hier ist nichts."), TextError::NotOurs);
    assert_eq!(
        err("Leitfaden-Arbeitsstand vX\nAAAA\nEnde, Prüfsumme 00000000"),
        TextError::NotOurs
    );
    let newer = text.replacen("v1\n", "v2\n", 1);
    assert_eq!(err(&newer), TextError::Newer(2));
    // Cut: the end line is missing.
    assert_eq!(
        err(&lines[..lines.len() - 1].join("\n")),
        TextError::Truncated
    );
    assert_eq!(err(&lines[..2].join("\n")), TextError::Truncated);
    // A line lost in the middle, a character changed, the checksum changed: damaged.
    let mut lost = lines.clone();
    lost.remove(2);
    assert_eq!(err(&lost.join("\n")), TextError::Damaged);
    let changed = {
        let mut l: Vec<String> = lines.iter().map(ToString::to_string).collect();
        let c = if l[1].starts_with('A') { "B" } else { "A" };
        l[1].replace_range(0..1, c);
        l.join("\n")
    };
    assert_eq!(err(&changed), TextError::Damaged);
    let sum = text.replace(lines.last().unwrap(), "Ende, Prüfsumme 0000000g");
    assert_eq!(err(&sum), TextError::Damaged);

    for (e, starts) in [
        (TextError::Empty, "Das Feld ist leer."),
        (
            TextError::NotOurs,
            "Das ist kein kopierter Arbeitsstand: Der Text muss mit der Zeile „Leitfaden-Arbeitsstand v1“ beginnen.",
        ),
        (
            TextError::Newer(2),
            "Dieser Text stammt aus einer neueren Version der Anwendung (Textfassung 2; diese Version kennt Fassung 1).",
        ),
        (
            TextError::Truncated,
            "Der Text ist unvollständig: Die letzte Zeile („Ende, Prüfsumme…“) fehlt.",
        ),
        (TextError::Damaged, "Der Text ist beschädigt: "),
    ] {
        assert!(e.message().starts_with(starts), "{}", e.message());
    }
}

/// A text around any JSON, written as `encode_state` writes an export.
fn text_around(json: &str) -> String {
    let data = base64(json.as_bytes());
    // The checksum is the one `encode_state` computes: take it from a real text of the
    // same data by building the text the same way.
    let mut out = format!("{PREFIX}{VERSION}\n");
    for chunk in data.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap());
        out.push('\n');
    }
    let sum = data.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    out.push_str(&format!("Ende, Prüfsumme {sum:08x}\n"));
    out
}

#[test]
fn a_whole_text_is_refused_for_exactly_the_reasons_a_file_is() {
    let (guide, e) = hostile_export();
    // The helper writes what encode_state writes.
    assert_eq!(text_around(&export::encode_compact(&e)), encode_state(&e));
    let pretty = export::encode(&e);
    let cases = [
        // Another guide.
        pretty.replace(
            &format!("\"id\": \"{}\"", guide.id),
            "\"id\": \"anderer-leitfaden\"",
        ),
        // A newer format.
        pretty.replacen("\"format\": ", "\"format\": 99, \"x\": ", 1),
        // Not an export at all, but JSON.
        "{\"kind\": \"etwas-anderes\"}".to_string(),
        // A whole browser store.
        format!(
            "{{\"kind\": \"{}\", \"format\": 2}}",
            leitfaden::saved::KIND
        ),
        // Cut off inside.
        pretty.chars().take(pretty.chars().count() / 2).collect(),
        // Misshapen.
        pretty.replace("\"status\": \"Done\"", "\"status\": 17"),
    ];
    for raw in cases {
        let file = export::decode_file(raw.as_bytes(), &guide.id).unwrap_err();
        let text = decode_state(&text_around(&raw), &guide.id).unwrap_err();
        assert_eq!(text, TextError::Export(file.clone()), "{raw:.80}");
        assert_eq!(text.message(), file.message());
    }
    // Binary data inside is named as a file's would be.
    let text = decode_state(&text_around_bytes(b"%PDF-1.7 binary"), &guide.id).unwrap_err();
    assert!(
        matches!(text, TextError::Export(DecodeError::NotText { .. })),
        "{text:?}"
    );
}

fn text_around_bytes(bytes: &[u8]) -> String {
    let data = base64(bytes);
    let sum = data.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{PREFIX}{VERSION}\n{data}\nEnde, Prüfsumme {sum:08x}\n")
}

#[test]
fn a_text_of_another_guide_is_refused_like_its_file() {
    let (_, e) = hostile_export();
    let err = decode_state(&encode_state(&e), "anderer-leitfaden").unwrap_err();
    assert_eq!(
        err,
        TextError::Export(DecodeError::OtherGuide(e.guide.id.clone()))
    );
}

// ---------------------------------------------------------------------------------------
// mailto:

/// Percent-decoding of a mailto header value.
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("two hex digits");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("whole UTF-8 characters")
}

fn parts(href: &str) -> (String, Option<String>) {
    let q = href.strip_prefix("mailto:?").expect("mailto:?");
    let mut subject = String::new();
    let mut body = None;
    for kv in q.split('&') {
        let (k, v) = kv.split_once('=').unwrap();
        match k {
            "subject" => subject = unescape(v),
            "body" => body = Some(unescape(v)),
            _ => panic!("unexpected {k}"),
        }
    }
    (subject, body)
}

fn only_safe_characters(href: &str) {
    let q = href.strip_prefix("mailto:?").unwrap();
    assert!(
        q.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%=&".contains(&b)),
        "{href}"
    );
}

#[test]
fn a_short_mail_is_whole_with_crlf_line_breaks() {
    let m = mailto(
        "Bericht: Musterstadt",
        "Zeile eins\nZeile zwei „ü“ & <b>",
        MAIL_LIMIT,
    );
    assert!(!m.cut);
    only_safe_characters(&m.href);
    let (subject, body) = parts(&m.href);
    assert_eq!(subject, "Bericht: Musterstadt");
    assert_eq!(body.unwrap(), "Zeile eins\r\nZeile zwei „ü“ & <b>");
}

#[test]
fn a_long_mail_is_cut_at_a_line_below_the_limit_and_says_so() {
    let body: String = (1..=200)
        .map(|i| format!("{i}. Schritt mit Ümlauten — In Arbeit\n"))
        .collect();
    let m = mailto("Umsetzungsstand", &body, MAIL_LIMIT);
    assert!(m.cut);
    assert!(m.href.len() <= MAIL_LIMIT, "{}", m.href.len());
    assert!(
        m.href.len() > MAIL_LIMIT - 200,
        "uses the room it has: {}",
        m.href.len()
    );
    let (_, cut) = parts(&m.href);
    let cut = cut.unwrap().replace("\r\n", "\n");
    let (kept, note) = cut.rsplit_once("\n\n").unwrap();
    assert_eq!(note, CUT_NOTE);
    assert!(
        body.starts_with(&format!("{kept}\n")),
        "whole lines from the start"
    );
    assert!(kept.lines().count() > 10);
}

#[test]
fn hostile_text_in_a_mail_is_only_escapes_and_a_huge_subject_still_fits() {
    let m = mailto(KOMMUNE, &format!("{NOTE}\n{REASON}"), MAIL_LIMIT);
    only_safe_characters(&m.href);
    let (subject, body) = parts(&m.href);
    assert_eq!(subject, KOMMUNE.replace(['\u{1}', '\u{b}', '\u{fffe}'], ""));
    assert_eq!(
        body.unwrap(),
        format!("{NOTE}\n{REASON}")
            .replace('\u{7}', "")
            .replace('\n', "\r\n")
    );

    let huge = "Ä".repeat(2000);
    let m = mailto(&huge, "Text", MAIL_LIMIT);
    assert!(m.cut && m.href.len() <= MAIL_LIMIT);
    only_safe_characters(&m.href);
    let (subject, body) = parts(&m.href);
    assert!(body.is_none());
    assert!(
        !subject.is_empty() && subject.chars().all(|c| c == 'Ä'),
        "whole characters only"
    );
}

#[test]
fn the_reports_mail_fits_and_carries_the_summary() {
    let guide = guide_with(&[]);
    let p = filled(&guide, "Musterstadt");
    let r = leitfaden::report::StatusReport::build(&guide, &p);
    let m = mailto(
        &r.mail_subject("01.12.2026"),
        &r.mail_summary("01.12.2026"),
        MAIL_LIMIT,
    );
    assert!(!m.cut);
    let (subject, body) = parts(&m.href);
    assert_eq!(subject, r.mail_subject("01.12.2026"));
    assert_eq!(
        body.unwrap().replace("\r\n", "\n"),
        r.mail_summary("01.12.2026")
    );
}
