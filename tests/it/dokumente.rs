//! The app's document pieces: the worker's job (JSON in, the writers' bytes out, also through
//! the `dokumente` binary), the plain-text writer, the page to publish (what the Kommune
//! chooses, only public notes, attribution and licence, hostile text inert), the public flag
//! of a note in the saved data, and the report's mail summary.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::*;
use crate::documents::{
    DATE, KOMMUNE, NOTE, PAGE_TAGS, REASON, assert_inert, filled, guide_with, hostile, html_text,
};
use leitfaden::document::html::Credits;
use leitfaden::document::job::{self, Format, Job};
use leitfaden::document::{self, Block, Document, Inline, Item, Meta, Table};
use leitfaden::guide::Guide;
use leitfaden::progress::Progress;
use leitfaden::report::{self, Selection, StatusReport};

fn sample() -> Document {
    Document {
        title: "Titel <b>".into(),
        meta: Meta {
            kommune: "Musterstadt".into(),
            date: DATE.into(),
            guide_title: "Leitfaden".into(),
            guide_version: "1.0".into(),
        },
        blocks: vec![
            Block::Heading(1, vec![Inline::text("Kapitel")]),
            Block::para("Ein Absatz\nmit zwei Zeilen."),
            Block::List {
                ordered: false,
                items: vec![
                    Item {
                        checked: Some(true),
                        inlines: vec![Inline::text("Erledigt")],
                    },
                    Item {
                        checked: Some(false),
                        inlines: vec![Inline::text("Offen")],
                    },
                    Item {
                        checked: None,
                        inlines: vec![Inline::text("Punkt")],
                    },
                ],
            },
            Block::List {
                ordered: true,
                items: vec![Item {
                    checked: None,
                    inlines: vec![Inline::text("Erstens")],
                }],
            },
            Block::Heading(2, vec![Inline::text("Unterabschnitt")]),
            Block::Quote(vec![Inline::text("Zitat\nzweite Zeile")]),
            Block::Table(Table {
                header: vec![vec![Inline::text("A")], vec![Inline::text("B")]],
                rows: vec![vec![vec![Inline::text("1")], vec![Inline::text("2")]]],
                widths: Vec::new(),
            }),
            Block::PageBreak,
            Block::WritingSpace(2),
            Block::Paragraph(vec![
                Inline::Strong(vec![Inline::text("fett")]),
                Inline::text(" und "),
                Inline::Link(
                    "https://example.org/a b".into(),
                    vec![Inline::text("ein Link")],
                ),
                Inline::text(" und "),
                Inline::Link(
                    "javascript:alert(1)".into(),
                    vec![Inline::text("kein Link")],
                ),
                Inline::text(" "),
                Inline::Link(
                    "https://example.org/".into(),
                    vec![Inline::text("https://example.org/")],
                ),
            ]),
        ],
    }
}

fn credits() -> Credits {
    Credits {
        attribution: vec![Inline::text("Von uns")],
        licence: vec![Inline::Link(
            "https://creativecommons.org/licenses/by/4.0/deed.de".into(),
            vec![Inline::text("CC BY 4.0")],
        )],
    }
}

// ---------------------------------------------------------------------------------------
// The worker's job

#[test]
fn a_job_crosses_as_json_and_the_worker_writes_what_the_writers_write() {
    let doc = sample();
    for format in [
        Format::Docx,
        Format::Odt,
        Format::Html,
        Format::Markdown,
        Format::Text,
    ] {
        let job = Job {
            id: 7,
            format,
            document: doc.clone(),
            credits: credits(),
        };
        let json = job.to_json();
        let back: Job = serde_json::from_str(&json).unwrap();
        assert_eq!(back, job, "{format:?}");
        let (id, bytes) = job::run(&json);
        assert_eq!(id, 7);
        let expected = match format {
            Format::Docx => document::docx::write(&doc),
            Format::Odt => document::odt::write(&doc),
            Format::Html => document::html::write(&doc, &credits()).into_bytes(),
            Format::Markdown => document::markdown::write(&doc).into_bytes(),
            Format::Text => document::text::write(&doc).into_bytes(),
        };
        assert_eq!(bytes.unwrap(), expected, "{format:?}");
    }
}

#[test]
fn a_job_that_cannot_be_read_gets_an_error_for_its_id() {
    let (id, result) = job::run(r#"{"id": 12, "format": "Pdf", "document": {}}"#);
    assert_eq!(id, 12);
    let e = result.unwrap_err();
    assert!(e.starts_with("Der Auftrag ist nicht lesbar ("), "{e}");
    let (id, result) = job::run("kein JSON");
    assert_eq!(id, 0);
    assert!(result.is_err());
}

#[test]
fn formats_name_their_files() {
    let all = [
        (
            Format::Docx,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "die Word-Datei",
        ),
        (
            Format::Odt,
            "odt",
            "application/vnd.oasis.opendocument.text",
            "die OpenDocument-Datei",
        ),
        (
            Format::Html,
            "html",
            "text/html;charset=utf-8",
            "die Webseite",
        ),
        (
            Format::Markdown,
            "md",
            "text/markdown;charset=utf-8",
            "der Markdown-Text",
        ),
        (Format::Text, "txt", "text/plain;charset=utf-8", "der Text"),
    ];
    for (f, ext, mime, label) in all {
        assert_eq!((f.extension(), f.mime(), f.label()), (ext, mime, label));
    }
}

fn run_bin(input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dokumente"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dokumente binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_dokumente_binary_does_the_workers_job_on_the_command_line() {
    let doc = sample();
    let job = Job {
        id: 1,
        format: Format::Odt,
        document: doc.clone(),
        credits: Credits::default(),
    };
    let out = run_bin(job.to_json().as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, document::odt::write(&doc));

    let out = run_bin(b"{}");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("dokumente: Der Auftrag ist nicht lesbar")
    );
}

// ---------------------------------------------------------------------------------------
// Plain text

#[test]
fn plain_text_has_no_markup_and_keeps_every_text() {
    let text = document::text::write(&sample());
    assert_eq!(
        text,
        "Titel <b>\n=========\n\
         \nKapitel\n-------\n\
         \nEin Absatz\nmit zwei Zeilen.\n\
         \n☑ Erledigt\n☐ Offen\n– Punkt\n\
         \n1. Erstens\n\
         \nUnterabschnitt\n\
         \n    Zitat\n    zweite Zeile\n\
         \nA | B\n1 | 2\n\
         \n______________________________\n______________________________\n\
         \nfett und ein Link (https://example.org/a b) und kein Link https://example.org/\n"
    );
}

#[test]
fn plain_text_of_the_hostile_report_says_what_was_typed() {
    let (guide, p) = hostile();
    let text = document::text::write(&StatusReport::build(&guide, &p).to_document(DATE));
    // Controls no format carries are dropped, the rest is as typed.
    let name = KOMMUNE.replace(['\u{1}', '\u{b}', '\u{fffe}'], "");
    assert!(
        text.starts_with(&format!(
            "Umsetzungsstand Open Government: {}\n",
            name.trim()
        )),
        "{text}"
    );
    for line in NOTE.replace('\u{7}', "").lines() {
        assert!(
            text.contains(&format!("    {}\n", line.trim_end())),
            "`{line}` in\n{text}"
        );
    }
    assert!(text.contains(REASON), "{text}");
    assert!(!text.contains('\u{1}') && !text.contains('\u{7}'));
}

// ---------------------------------------------------------------------------------------
// The page to publish

/// guide-v1 with notes on two steps, one of them public.
fn two_notes() -> (Guide, Progress) {
    let guide = guide_with(&[]);
    let mut p = filled(&guide, "Musterstadt");
    p.set_note("willkommen", "Öffentliche Notiz: Auftakt am 3. Mai.");
    p.set_public("willkommen", true);
    // `auftrag` keeps its private note from `filled`.
    (guide, p)
}

fn page(guide: &Guide, p: &Progress, show: &Selection) -> String {
    let doc = StatusReport::build(guide, p).to_document_with(DATE, show);
    document::html::write(&doc, &report::credits(guide))
}

#[test]
fn only_notes_marked_public_and_chosen_reach_the_page() {
    let (guide, p) = two_notes();
    assert_eq!(p.public_notes(), BTreeSet::from(["willkommen".to_string()]));
    let all: BTreeSet<String> = ["willkommen", "auftrag"].map(String::from).into();

    // Choosing both: the private one still stays out.
    let text = html_text(&page(&guide, &p, &Selection::publish(true, true, &all, &p)));
    assert!(
        text.contains("Öffentliche Notiz: Auftakt am 3. Mai."),
        "{text}"
    );
    assert!(!text.contains("Verwaltungsspitze angefragt."), "{text}");
    // Leaving the public one out this time.
    let text = html_text(&page(
        &guide,
        &p,
        &Selection::publish(true, true, &BTreeSet::new(), &p),
    ));
    assert!(!text.contains("Öffentliche Notiz"), "{text}");
    // Reasons for „nicht relevant“ never, whatever was chosen.
    assert!(!text.contains("Der Rat hat schon beschlossen."), "{text}");
    // Marked public but empty: nothing to show, not offered.
    let mut q = p.clone();
    q.set_public("beschluss", true);
    assert_eq!(q.public_notes(), p.public_notes());
}

#[test]
fn the_page_shows_the_parts_the_kommune_chose_and_always_every_step_with_its_status() {
    let (guide, p) = two_notes();
    let none = BTreeSet::new();
    let full = html_text(&page(
        &guide,
        &p,
        &Selection::publish(true, true, &none, &p),
    ));
    let bare = html_text(&page(
        &guide,
        &p,
        &Selection::publish(false, false, &none, &p),
    ));
    for text in [&full, &bare] {
        assert!(text.contains("1. Willkommen — Erledigt"), "{text}");
        assert!(text.contains("2. Den Auftrag klären — In Arbeit"), "{text}");
        assert!(text.contains("Kapitel 0 · Anfangen"), "{text}");
    }
    assert!(
        full.contains("Profil") && full.contains("Größe: Kleine Gemeinde"),
        "{full}"
    );
    assert!(full.contains("Lesen Sie die Einleitung."), "{full}");
    assert!(!bare.contains("Größe: Kleine Gemeinde"), "{bare}");
    assert!(!bare.contains("Lesen Sie die Einleitung."), "{bare}");
}

fn bundled() -> Guide {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    load_ok(&read_dir(&dir)).0
}

#[test]
fn the_page_credits_the_guide_and_links_its_licence() {
    let guide = bundled();
    let c = report::credits(&guide);
    let text = document::plain(&c.attribution);
    assert_eq!(
        text,
        format!(
            "Erstellt mit dem „{}“, Version {} (Herausgeber: {}). Die Angaben zum Stand der Umsetzung stammen von der Kommune.",
            guide.title, guide.version, guide.about.publisher
        )
    );
    let url = guide
        .about
        .licence_url
        .clone()
        .expect("the guide's licence has a link");
    assert_eq!(
        c.licence,
        vec![
            Inline::text("Texte des Leitfadens: "),
            Inline::Link(url.clone(), vec![Inline::text(guide.about.licence.clone())]),
            Inline::text("."),
        ]
    );
    let p = Progress::default();
    let html = page(
        &guide,
        &p,
        &Selection::publish(true, true, &BTreeSet::new(), &p),
    );
    assert!(
        html.contains(&format!("<a href=\"{url}\">")),
        "the licence is linked"
    );
    let footer = &html[html.find("<footer>").expect("a footer")..];
    assert!(html_text(footer).contains(&guide.about.licence), "{footer}");

    // A guide without a licence link names it in bold; one without a publisher leaves it out.
    let mut g = guide.clone();
    g.about.licence_url = Some("javascript:alert(1)".into());
    g.about.publisher = " ".into();
    let c = report::credits(&g);
    assert!(matches!(c.licence[1], Inline::Strong(_)), "{:?}", c.licence);
    assert!(!document::plain(&c.attribution).contains("Herausgeber"));
}

#[test]
fn hostile_text_is_inert_on_the_published_page() {
    let (guide, mut p) = hostile();
    for id in ["willkommen", "auftrag"] {
        p.set_public(id, true);
    }
    let chosen = p.public_notes();
    assert_eq!(chosen.len(), 2);
    let html = page(&guide, &p, &Selection::publish(true, true, &chosen, &p));
    assert_inert("published page", &html, PAGE_TAGS);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"));
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<iframe"));
    let text = html_text(&html.replace("<br>", "\n"));
    assert!(
        text.contains(KOMMUNE.replace(['\u{1}', '\u{b}', '\u{fffe}'], "").trim()),
        "{text}"
    );
    for line in NOTE.replace('\u{7}', "").lines() {
        assert!(text.contains(line.trim_end()), "`{line}`");
    }
    assert!(
        !text.contains("Grund <iframe"),
        "reasons stay out of the page"
    );
}

// ---------------------------------------------------------------------------------------
// The public flag in saved data

#[test]
fn a_note_is_private_unless_marked_and_old_saves_read_as_private() {
    let guide = guide_with(&[]);
    let mut p = Progress::default();
    p.set_note("willkommen", "Text");
    assert!(!p.is_public("willkommen"));
    // Not written while private: data of this version reads in older ones unchanged.
    let json = serde_json::to_string(&p).unwrap();
    assert!(!json.contains("public"), "{json}");
    p.set_public("willkommen", true);
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains("\"public\":true"), "{json}");
    let back: Progress = serde_json::from_str(&json).unwrap();
    assert!(back.is_public("willkommen"));
    // A save from before the flag: private.
    let old: Progress =
        serde_json::from_str(r#"{"steps": {"willkommen": {"status": "Done", "note": "Alt"}}}"#)
            .unwrap();
    assert!(!old.is_public("willkommen"));
    assert!(old.public_notes().is_empty());
    let _ = guide;
}

#[test]
fn marking_a_note_public_in_one_tab_survives_a_merge_with_another() {
    let mut base = Progress::default();
    base.set_note("willkommen", "Text");
    let mut a = base.clone();
    a.set_public("willkommen", true);
    a.stamp_changes(&base, 2_000, "tab-a");
    let mut b = base.clone();
    b.stamp_changes(&base, 1_000, "tab-b");
    let mut merged = b.clone();
    merged.merge(&a);
    assert!(
        merged.is_public("willkommen"),
        "the later change (public) wins"
    );
    let mut merged = a.clone();
    merged.merge(&b);
    assert!(merged.is_public("willkommen"));
}

// ---------------------------------------------------------------------------------------
// The mail summary

#[test]
fn the_mail_summary_has_the_profile_progress_and_chapters_but_no_notes_or_reasons() {
    let guide = guide_with(&[]);
    let p = filled(&guide, "Musterstadt");
    let r = StatusReport::build(&guide, &p);
    assert_eq!(
        r.mail_subject(DATE),
        "Umsetzungsstand Open Government: Musterstadt (01.12.2026)"
    );
    let body = r.mail_summary(DATE);
    assert!(
        body.starts_with("Umsetzungsstand Open Government: Musterstadt\nStand: 01.12.2026 · "),
        "{body}"
    );
    assert!(
        body.contains("\nProfil: Größe: Kleine Gemeinde · Stand: Neu dabei"),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "\nFortschritt: {} von {} Schritten",
            r.done, r.total
        )),
        "{body}"
    );
    assert!(
        body.contains("\nKapitel 0 · Anfangen: 1 von 2 erledigt\nIn Arbeit: Den Auftrag klären\n"),
        "{body}"
    );
    assert!(
        !body.contains("Verwaltungsspitze angefragt"),
        "no notes: {body}"
    );
    assert!(
        !body.contains("Der Rat hat schon beschlossen"),
        "no reasons: {body}"
    );
}

const OWNER: &str = "Frau <b onclick=alert('owner')>M.</b> & Co";

#[test]
fn a_hostile_owner_is_text_in_the_plain_text_and_never_on_the_published_page() {
    let (guide, mut p) = hostile();
    p.set_owner("auftrag", None, OWNER);
    p.set_owner("willkommen", Some("lesen"), OWNER);
    p.set_public("auftrag", true);
    let r = StatusReport::build(&guide, &p);
    let text = document::text::write(&r.to_document(DATE));
    assert!(text.contains(OWNER), "the owner as typed:\n{text}");

    // Names of people are not for a public page: whatever is chosen, the owner stays out.
    let chosen = p.public_notes();
    let html = page(&guide, &p, &Selection::publish(true, true, &chosen, &p));
    assert_inert("published page with owners", &html, PAGE_TAGS);
    assert!(
        !html_text(&html).contains("Frau <b"),
        "no owner on the page"
    );
    // Nor in the mail summary.
    assert!(!r.mail_summary(DATE).contains("Frau"));
}
