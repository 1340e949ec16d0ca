//! Documents for download and publishing: .docx and .odt read back with an independent zip
//! reader and XML parser (parts, types, relationships, styles, schema order), the HTML page,
//! the Markdown file through a CommonMark renderer, hostile text in every field of every
//! format, and a real LibreOffice round trip.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use leitfaden::document::html::Credits;
use leitfaden::document::{self, Block, Document, Inline, Item, Meta, Table};
use leitfaden::guide::Guide;
use leitfaden::handout::Handout;
use leitfaden::progress::{Progress, Status};
use leitfaden::report::StatusReport;

pub(crate) const DATE: &str = "01.12.2026";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// The Arbeitshilfe of guide-v1 with a heading, a table, tasks and writing space.
const BODY: &str = r###"body: "## Vorbereitung\n\n| Aufgabe | Wer |\n|---|---|\n| Team benennen | Bürgermeisterin |\n\n- [ ] Team benannt\n- [x] Leitfaden gelesen\n\nWeitere Notizen:\n____\n____\n____""###;
const FIXTURE_BODY: &str = r#"body: "- [ ] Team benannt\n- [x] Leitfaden gelesen""#;

/// guide-v1 whose Arbeitshilfe is also listed by `auftrag`, with `edits` applied.
pub(crate) fn guide_with(edits: &[(&str, &str, &str)]) -> Guide {
    let mut f = files("guide-v1");
    edit(&mut f, "arbeitshilfen.ron", FIXTURE_BODY, BODY);
    edit(
        &mut f,
        "kapitel/01-anfangen.ron",
        "examples: [\"beispielstadt\"],",
        "examples: [\"beispielstadt\"],\n            resources: [\"checkliste\"],",
    );
    for (file, from, to) in edits {
        edit(&mut f, file, from, to);
    }
    load_ok(&f).0
}

/// A small Kommune, new to it: willkommen done (its task ticked), auftrag in progress with
/// a two-line note, beschluss not relevant with a reason.
pub(crate) fn filled(guide: &Guide, name: &str) -> Progress {
    let mut p = Progress {
        name: name.into(),
        ..Progress::default()
    };
    p.set_answer("groesse", "klein");
    p.set_answer("stand", "neu");
    p.set_decision("mandat", "nein");
    p.set_task("willkommen", "lesen", true);
    p.set_status(guide, "willkommen", Status::Done);
    p.set_status(guide, "auftrag", Status::InProgress);
    p.set_note(
        "auftrag",
        "Verwaltungsspitze angefragt.\nAntwort steht aus.",
    );
    p.set_status(guide, "beschluss", Status::NotRelevant);
    p.set_reason("beschluss", "Der Rat hat schon beschlossen.");
    p
}

fn report(guide: &Guide, p: &Progress) -> Document {
    StatusReport::build(guide, p).to_document(DATE)
}

fn handout(guide: &Guide, p: &Progress) -> Document {
    Handout::build(guide, p, "checkliste")
        .expect("the fixture's Arbeitshilfe")
        .to_document(DATE)
}

fn credits() -> Credits {
    Credits {
        attribution: vec![Inline::text("Herausgegeben von der Musterstiftung")],
        licence: vec![
            Inline::text("Lizenz: "),
            Inline::Link(
                "https://creativecommons.org/licenses/by/4.0/deed.de".into(),
                vec![Inline::text("CC BY 4.0")],
            ),
        ],
    }
}

// ---------------------------------------------------------------------------------------
// Reading the files back

struct Part {
    name: String,
    data: String,
    stored: bool,
}

/// Every entry of a zip archive in order; the reader checks each CRC-32 as it reads.
fn unzip(bytes: &[u8]) -> Vec<Part> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a readable zip archive");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("a readable entry");
            let mut data = String::new();
            f.read_to_string(&mut data)
                .unwrap_or_else(|e| panic!("{}: {e}", f.name()));
            Part {
                name: f.name().to_string(),
                data,
                stored: f.compression() == zip::CompressionMethod::Stored,
            }
        })
        .collect()
}

fn part<'a>(parts: &'a [Part], name: &str) -> &'a str {
    &parts
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no part `{name}`"))
        .data
}

fn xml<'a>(name: &str, text: &'a str) -> roxmltree::Document<'a> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"))
}

/// The text of every text node below `node`, in order.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

fn attr<'a>(n: roxmltree::Node<'a, '_>, ns: &str, name: &str) -> Option<&'a str> {
    n.attribute((ns, name))
}

/// Word paragraphs as (style, text), `w:br` as `\n`.
fn docx_paragraphs(document_xml: &str) -> Vec<(String, String)> {
    let doc = xml("word/document.xml", document_xml);
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|s| attr(s, W, "val"))
                .unwrap_or("Normal")
                .to_string();
            let mut text = String::new();
            for n in p.descendants() {
                if n.has_tag_name((W, "t")) {
                    text.push_str(n.text().unwrap_or(""));
                } else if n.has_tag_name((W, "br")) {
                    text.push('\n');
                }
            }
            (style, text)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Word

#[test]
fn docx_has_every_part_with_its_content_type_and_relationships() {
    let guide = guide_with(&[]);
    let mut doc = report(&guide, &filled(&guide, "Musterstadt"));
    doc.blocks.push(Block::Paragraph(vec![Inline::Link(
        "https://example.org/a b".into(),
        vec![Inline::text("Link")],
    )]));
    let parts = unzip(&document::docx::write(&doc));
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/header1.xml",
            "word/footer1.xml",
        ]
    );
    for p in &parts {
        xml(&p.name, &p.data);
        assert!(
            p.data
                .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""),
            "{}",
            p.name
        );
    }

    // Every part has a content type: .rels and .xml by default, each main part overridden.
    let types = xml("types", part(&parts, "[Content_Types].xml"));
    let overrides: BTreeMap<&str, &str> = types
        .descendants()
        .filter(|n| n.tag_name().name() == "Override")
        .map(|n| {
            (
                n.attribute("PartName").unwrap(),
                n.attribute("ContentType").unwrap(),
            )
        })
        .collect();
    let ct = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (name, kind) in [
        ("/word/document.xml", format!("{ct}.document.main+xml")),
        ("/word/styles.xml", format!("{ct}.styles+xml")),
        ("/word/numbering.xml", format!("{ct}.numbering+xml")),
        ("/word/settings.xml", format!("{ct}.settings+xml")),
        ("/word/header1.xml", format!("{ct}.header+xml")),
        ("/word/footer1.xml", format!("{ct}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
    ] {
        assert_eq!(overrides.get(name).copied(), Some(kind.as_str()), "{name}");
    }
    for p in &parts {
        if p.name.ends_with(".xml") && p.name != "[Content_Types].xml" {
            assert!(
                overrides.contains_key(format!("/{}", p.name).as_str()),
                "{}",
                p.name
            );
        }
    }

    // The package relationships point at the main document and the properties.
    let root = xml("rels", part(&parts, "_rels/.rels"));
    let targets: BTreeSet<&str> = root
        .descendants()
        .filter_map(|n| n.attribute("Target"))
        .collect();
    assert_eq!(
        targets,
        BTreeSet::from(["word/document.xml", "docProps/core.xml", "docProps/app.xml"])
    );

    // Every r:id used in the document resolves; internal targets exist, links are external.
    let rels_xml = part(&parts, "word/_rels/document.xml.rels");
    let rels = xml("document rels", rels_xml);
    let by_id: BTreeMap<&str, roxmltree::Node> = rels
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .map(|n| (n.attribute("Id").unwrap(), n))
        .collect();
    let document_xml = part(&parts, "word/document.xml");
    let body = xml("document", document_xml);
    let used: Vec<&str> = body
        .descendants()
        .filter_map(|n| n.attribute((R, "id")))
        .collect();
    assert!(used.len() >= 3, "header, footer and a link: {used:?}");
    for id in used {
        let rel = by_id
            .get(id)
            .unwrap_or_else(|| panic!("no relationship `{id}`"));
        let target = rel.attribute("Target").unwrap();
        if rel.attribute("Type").unwrap().ends_with("/hyperlink") {
            assert_eq!(rel.attribute("TargetMode"), Some("External"));
            assert_eq!(target, "https://example.org/a%20b");
        } else {
            assert!(
                names.contains(&format!("word/{target}").as_str()),
                "{target}"
            );
        }
    }
    for kind in ["styles", "numbering", "settings"] {
        assert!(
            by_id
                .values()
                .any(|r| r.attribute("Type").unwrap().ends_with(&format!("/{kind}"))),
            "{kind}"
        );
    }
    // The section (last in the body) uses the header and footer.
    let sect = body
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .and_then(|b| b.last_element_child())
        .unwrap();
    assert!(sect.has_tag_name((W, "sectPr")));
    let core = xml("core", part(&parts, "docProps/core.xml"));
    assert_eq!(
        core.descendants()
            .find(|n| n.tag_name().name() == "title")
            .and_then(|n| n.text()),
        Some("Umsetzungsstand Open Government: Musterstadt")
    );
}

#[test]
fn docx_styles_make_an_outline_and_every_reference_resolves() {
    let guide = guide_with(&[]);
    let p = filled(&guide, "Musterstadt");
    for doc in [report(&guide, &p), handout(&guide, &p)] {
        let parts = unzip(&document::docx::write(&doc));
        let styles = xml("styles", part(&parts, "word/styles.xml"));
        let style = |id: &str| {
            styles
                .descendants()
                .find(|n| n.has_tag_name((W, "style")) && attr(*n, W, "styleId") == Some(id))
        };
        for (id, name, level) in [
            ("Heading1", "heading 1", "0"),
            ("Heading2", "heading 2", "1"),
            ("Heading3", "heading 3", "2"),
        ] {
            let s = style(id).unwrap_or_else(|| panic!("no style {id}"));
            let of = |tag: &str| {
                s.descendants()
                    .find(|n| n.has_tag_name((W, tag)))
                    .and_then(|n| attr(n, W, "val"))
            };
            assert_eq!(of("name"), Some(name));
            assert_eq!(of("outlineLvl"), Some(level), "{id}");
        }
        assert!(style("Title").is_some());
        // German is the default language of every run.
        let lang = styles
            .descendants()
            .find(|n| n.has_tag_name((W, "rPrDefault")))
            .and_then(|d| d.descendants().find(|n| n.has_tag_name((W, "lang"))))
            .and_then(|n| attr(n, W, "val"));
        assert_eq!(lang, Some("de-DE"));

        // Every paragraph and run style used exists; every list's numbering exists.
        let document_xml = part(&parts, "word/document.xml");
        let body = xml("document", document_xml);
        for n in body.descendants() {
            if n.has_tag_name((W, "pStyle")) || n.has_tag_name((W, "rStyle")) {
                let id = attr(n, W, "val").unwrap();
                assert!(style(id).is_some(), "style `{id}` is not defined");
            }
        }
        let numbering = xml("numbering", part(&parts, "word/numbering.xml"));
        let nums: BTreeSet<&str> = numbering
            .descendants()
            .filter(|n| n.has_tag_name((W, "num")))
            .map(|n| attr(n, W, "numId").unwrap())
            .collect();
        for n in body.descendants().filter(|n| n.has_tag_name((W, "numId"))) {
            assert!(nums.contains(attr(n, W, "val").unwrap()));
        }
    }
}

/// The child order of every element Word checks; an element missing from its parent's
/// list fails too. `|` joins elements of one choice group (any order among themselves).
const ORDER: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
        ],
    ),
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
        ],
    ),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    ("numPr", &["ilvl", "numId"]),
    ("p", &["pPr", "r|hyperlink"]),
    ("r", &["rPr", "t|br|tab|fldChar|instrText"]),
    ("hyperlink", &["r"]),
    ("body", &["p|tbl", "sectPr"]),
    ("tbl", &["tblPr", "tblGrid", "tr"]),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "tblBorders",
        &["top", "left", "bottom", "right", "insideH", "insideV"],
    ),
    ("tblCellMar", &["top", "left", "bottom", "right"]),
    ("tblGrid", &["gridCol"]),
    ("tr", &["trPr", "tc"]),
    ("trPr", &["cantSplit|tblHeader"]),
    ("tc", &["tcPr", "p"]),
    (
        "tcPr",
        &[
            "tcW",
            "gridSpan",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "vAlign",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference|footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
        ],
    ),
    ("styles", &["docDefaults", "latentStyles", "style"]),
    ("docDefaults", &["rPrDefault", "pPrDefault"]),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
        ],
    ),
    ("numbering", &["abstractNum", "num"]),
    (
        "abstractNum",
        &["nsid", "multiLevelType", "tmpl", "name", "lvl"],
    ),
    (
        "lvl",
        &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlJc",
            "pPr",
            "rPr",
        ],
    ),
    ("num", &["abstractNumId", "lvlOverride"]),
    ("lvlOverride", &["startOverride", "lvl"]),
    (
        "settings",
        &[
            "zoom",
            "defaultTabStop",
            "characterSpacingControl",
            "compat",
            "themeFontLang",
            "decimalSymbol",
            "listSeparator",
        ],
    ),
    ("hdr", &["p"]),
    ("ftr", &["p"]),
];

#[test]
fn docx_elements_follow_the_schema_order() {
    let guide = guide_with(&[]);
    let mut doc = report(&guide, &filled(&guide, "Musterstadt"));
    // Every kind of block and inline, so every element the writer knows is checked.
    doc.blocks.extend(document::from_markdown(
        "# Kopf\n\nEin **fetter *und kursiver*** Satz mit `code` und [Link](https://a.de).\n\n\
         > Zitat\n\n1. eins\n2. [x] zwei\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n____\n____",
    ));
    doc.blocks.push(Block::PageBreak);
    doc.blocks.push(Block::Table(Table {
        header: vec![],
        rows: vec![vec![vec![Inline::text("ohne Kopf")]]],
        widths: vec![3, 1],
    }));
    let parts = unzip(&document::docx::write(&doc));
    let order: BTreeMap<&str, &[&str]> = ORDER.iter().copied().collect();
    let mut checked = BTreeSet::new();
    for p in parts
        .iter()
        .filter(|p| p.name.starts_with("word/") && !p.name.contains("_rels"))
    {
        let x = xml(&p.name, &p.data);
        for n in x
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().namespace() == Some(W))
        {
            let Some(list) = order.get(n.tag_name().name()) else {
                continue;
            };
            checked.insert(n.tag_name().name());
            let rank = |name: &str| {
                list.iter()
                    .position(|group| group.split('|').any(|g| g == name))
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: <w:{name}> is not expected in <w:{}>",
                            p.name,
                            n.tag_name().name()
                        )
                    })
            };
            let ranks: Vec<usize> = n
                .children()
                .filter(roxmltree::Node::is_element)
                .map(|c| rank(c.tag_name().name()))
                .collect();
            assert!(
                ranks.windows(2).all(|w| w[0] <= w[1]),
                "{}: children of <w:{}> out of order: {:?}",
                p.name,
                n.tag_name().name(),
                n.children()
                    .filter(roxmltree::Node::is_element)
                    .map(|c| c.tag_name().name())
                    .collect::<Vec<_>>()
            );
        }
    }
    // The check really met the elements that matter.
    for e in [
        "pPr",
        "rPr",
        "tbl",
        "tblPr",
        "tcPr",
        "sectPr",
        "style",
        "lvl",
        "hyperlink",
        "settings",
    ] {
        assert!(checked.contains(e), "no <w:{e}> was checked");
    }
}

#[test]
fn docx_report_has_headings_tasks_notes_header_and_page_numbers() {
    let guide = guide_with(&[]);
    let parts = unzip(&document::docx::write(&report(
        &guide,
        &filled(&guide, "Musterstadt"),
    )));
    let document_xml = part(&parts, "word/document.xml");
    let paragraphs = docx_paragraphs(document_xml);
    let headings: Vec<(&str, &str)> = paragraphs
        .iter()
        .filter(|(s, _)| s.starts_with("Heading") || s == "Title")
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        headings[..5],
        [
            ("Title", "Umsetzungsstand Open Government: Musterstadt"),
            ("Heading1", "Profil"),
            ("Heading1", "Kapitel 0 · Anfangen"),
            ("Heading2", "1. Willkommen — Erledigt"),
            ("Heading2", "2. Den Auftrag klären — In Arbeit"),
        ]
    );
    // The note keeps its line break; the reason is there.
    assert!(paragraphs.contains(&(
        "Quote".to_string(),
        "Verwaltungsspitze angefragt.\nAntwort steht aus.".to_string()
    )));
    assert!(
        paragraphs
            .iter()
            .any(|(_, t)| t == "Grund, warum nicht relevant: Der Rat hat schon beschlossen.")
    );

    // The ticked task's list level draws ☑, the open one's ☐.
    let numbering = xml("numbering", part(&parts, "word/numbering.xml"));
    let glyph = |num_id: &str| -> String {
        let abs = numbering
            .descendants()
            .find(|n| n.has_tag_name((W, "num")) && attr(*n, W, "numId") == Some(num_id))
            .and_then(|n| n.children().find(|c| c.has_tag_name((W, "abstractNumId"))))
            .and_then(|n| attr(n, W, "val"))
            .unwrap();
        numbering
            .descendants()
            .find(|n| {
                n.has_tag_name((W, "abstractNum")) && attr(*n, W, "abstractNumId") == Some(abs)
            })
            .and_then(|n| n.descendants().find(|c| c.has_tag_name((W, "lvlText"))))
            .and_then(|n| attr(n, W, "val"))
            .unwrap()
            .to_string()
    };
    let body = xml("document", document_xml);
    let task = |text: &str| -> String {
        let p = body
            .descendants()
            .find(|n| n.has_tag_name((W, "p")) && text_of(*n) == text)
            .unwrap_or_else(|| panic!("no paragraph `{text}`"));
        let id = p
            .descendants()
            .find(|n| n.has_tag_name((W, "numId")))
            .and_then(|n| attr(n, W, "val"))
            .unwrap();
        glyph(id)
    };
    assert_eq!(task("Lesen Sie die Einleitung."), "☑");
    assert_eq!(task("Fragen Sie in der Verwaltungsspitze nach."), "☐");

    // Each chapter starts a page.
    let breaks = body
        .descendants()
        .filter(|n| n.has_tag_name((W, "pageBreakBefore")))
        .map(|n| text_of(n.parent().unwrap().parent().unwrap()))
        .collect::<Vec<_>>();
    assert_eq!(breaks, ["Kapitel 0 · Anfangen", "Kapitel 1 · Umsetzen"]);

    // The header names Kommune, date, guide and version; the footer counts pages.
    let header = xml("header", part(&parts, "word/header1.xml"));
    assert_eq!(
        text_of(header.root_element()),
        "Musterstadt · 01.12.2026 · Minimaler Leitfaden, Version 0.1.0"
    );
    let footer = xml("footer", part(&parts, "word/footer1.xml"));
    let fields: Vec<&str> = footer
        .descendants()
        .filter(|n| n.has_tag_name((W, "instrText")))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert_eq!(fields, ["PAGE", "NUMPAGES"]);
    let shown: String = footer
        .descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(shown, "Seite 1 von 1");
}

// ---------------------------------------------------------------------------------------
// OpenDocument

#[test]
fn odt_starts_with_a_stored_mimetype_and_lists_every_part() {
    let guide = guide_with(&[]);
    let bytes = document::odt::write(&handout(&guide, &filled(&guide, "Musterstadt")));
    // The first local header: name `mimetype`, no extra field, stored, then the type.
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "stored");
    assert_eq!(u16::from_le_bytes([bytes[26], bytes[27]]), 8, "name length");
    assert_eq!(
        u16::from_le_bytes([bytes[28], bytes[29]]),
        0,
        "extra field length"
    );
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..77], b"application/vnd.oasis.opendocument.text");

    let parts = unzip(&bytes);
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "mimetype",
            "META-INF/manifest.xml",
            "content.xml",
            "styles.xml",
            "meta.xml"
        ]
    );
    assert!(parts.iter().all(|p| p.stored));
    for p in parts.iter().filter(|p| p.name.ends_with(".xml")) {
        xml(&p.name, &p.data);
    }
    let manifest = xml("manifest", part(&parts, "META-INF/manifest.xml"));
    let listed: BTreeSet<&str> = manifest
        .descendants()
        .filter_map(|n| {
            n.attribute((
                "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
                "full-path",
            ))
        })
        .collect();
    assert_eq!(
        listed,
        BTreeSet::from(["/", "content.xml", "styles.xml", "meta.xml"])
    );
    for name in ["content.xml", "styles.xml", "meta.xml"] {
        let x = xml(name, part(&parts, name));
        assert_eq!(
            x.root_element().attribute((OFFICE, "version")),
            Some("1.2"),
            "{name}"
        );
    }
}

#[test]
fn odt_has_outline_headings_lists_tables_header_and_page_numbers() {
    let guide = guide_with(&[]);
    let p = filled(&guide, "Musterstadt");
    let parts = unzip(&document::odt::write(&report(&guide, &p)));
    let content = xml("content", part(&parts, "content.xml"));
    let styles = xml("styles", part(&parts, "styles.xml"));

    let headings: Vec<(&str, String)> = content
        .descendants()
        .filter(|n| n.has_tag_name((TEXT, "h")))
        .map(|n| (attr(n, TEXT, "outline-level").unwrap(), text_of(n)))
        .collect();
    assert_eq!(
        headings[..4],
        [
            ("1", "Profil".to_string()),
            ("1", "Kapitel 0 · Anfangen".to_string()),
            ("2", "1. Willkommen — Erledigt".to_string()),
            ("2", "2. Den Auftrag klären — In Arbeit".to_string()),
        ]
    );
    // Heading styles carry their outline level, and an outline style exists.
    for level in ["1", "2", "3"] {
        let s = styles
            .descendants()
            .find(|n| attr(*n, STYLE, "name") == Some(&format!("Heading_20_{level}")))
            .unwrap_or_else(|| panic!("no Heading_20_{level}"));
        assert_eq!(attr(s, STYLE, "default-outline-level"), Some(level));
    }
    assert!(
        styles
            .descendants()
            .any(|n| n.has_tag_name((TEXT, "outline-style")))
    );

    // Every style the text names is defined in styles.xml or content.xml.
    let defined: BTreeSet<&str> = styles
        .descendants()
        .chain(content.descendants())
        .filter_map(|n| attr(n, STYLE, "name"))
        .collect();
    for n in content.descendants() {
        for a in ["style-name"] {
            for ns in [TEXT, "urn:oasis:names:tc:opendocument:xmlns:table:1.0"] {
                if let Some(s) = n.attribute((ns, a)) {
                    assert!(defined.contains(s), "style `{s}` is not defined");
                }
            }
        }
    }

    // The ticked task is in a list whose bullet is ☑, the note keeps its line break.
    let bullet = |text: &str| -> String {
        let item = content
            .descendants()
            .find(|n| n.has_tag_name((TEXT, "list-item")) && text_of(*n) == text)
            .unwrap_or_else(|| panic!("no item `{text}`"));
        let list_style = attr(item.parent().unwrap(), TEXT, "style-name").unwrap();
        styles
            .descendants()
            .find(|n| {
                n.has_tag_name((TEXT, "list-style")) && attr(*n, STYLE, "name") == Some(list_style)
            })
            .and_then(|n| n.descendants().find_map(|c| attr(c, TEXT, "bullet-char")))
            .unwrap()
            .to_string()
    };
    assert_eq!(bullet("Lesen Sie die Einleitung."), "☑");
    assert_eq!(bullet("Fragen Sie in der Verwaltungsspitze nach."), "☐");
    let quote = content
        .descendants()
        .find(|n| attr(*n, TEXT, "style-name") == Some("Quotations"))
        .unwrap();
    assert!(
        quote
            .children()
            .any(|c| c.has_tag_name((TEXT, "line-break")))
    );
    assert_eq!(
        text_of(quote),
        "Verwaltungsspitze angefragt.Antwort steht aus."
    );

    // Header and footer of the page style.
    let master = styles
        .descendants()
        .find(|n| n.has_tag_name((STYLE, "master-page")))
        .unwrap();
    let header = master
        .children()
        .find(|n| n.has_tag_name((STYLE, "header")))
        .unwrap();
    assert_eq!(
        text_of(header),
        "Musterstadt · 01.12.2026 · Minimaler Leitfaden, Version 0.1.0"
    );
    let footer = master
        .children()
        .find(|n| n.has_tag_name((STYLE, "footer")))
        .unwrap();
    assert!(
        footer
            .descendants()
            .any(|n| n.has_tag_name((TEXT, "page-number")))
    );
    assert!(
        footer
            .descendants()
            .any(|n| n.has_tag_name((TEXT, "page-count")))
    );

    // The Arbeitshilfe's table has a repeated header row and its cells.
    let parts = unzip(&document::odt::write(&handout(&guide, &p)));
    let content = xml("content", part(&parts, "content.xml"));
    let table = content
        .descendants()
        .find(|n| n.tag_name().name() == "table" && n.tag_name().namespace() != Some(STYLE))
        .expect("a table");
    let header_rows = table
        .children()
        .find(|n| n.tag_name().name() == "table-header-rows")
        .unwrap();
    assert_eq!(text_of(header_rows), "AufgabeWer");
    assert_eq!(
        content
            .descendants()
            .filter(|n| attr(*n, TEXT, "style-name") == Some("Schreiblinie"))
            .count(),
        3
    );
}

#[test]
fn odt_keeps_spaces_tabs_and_line_breaks_of_user_text() {
    let doc = Document {
        title: "T".into(),
        meta: Meta::default(),
        blocks: vec![Block::para("  zwei  Leerzeichen\tTab\nneue Zeile")],
    };
    let parts = unzip(&document::odt::write(&doc));
    let content = part(&parts, "content.xml");
    assert!(
        content.contains(
            "<text:s/><text:s/>zwei <text:s/>Leerzeichen<text:tab/>Tab<text:line-break/>neue Zeile"
        ),
        "{content}"
    );
}

// ---------------------------------------------------------------------------------------
// The web page

/// Every tag of an HTML text: (name, attributes), with `<style>` content skipped. Panics
/// on a `<` that starts no tag, so raw text can never hide one.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("a closed tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let closing = tag.starts_with('/');
        let tag = tag.trim_start_matches('/').trim_end_matches('/');
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "`<{tag}>`"
        );
        let mut attrs = Vec::new();
        let mut a = tag[name_end..].trim();
        while !a.is_empty() {
            let key_end = a.find(['=', ' ']).unwrap_or(a.len());
            let key = a[..key_end].to_ascii_lowercase();
            a = a[key_end..].trim_start();
            let value = if let Some(v) = a.strip_prefix('=') {
                let v = v.trim_start();
                let quote = v.chars().next().unwrap();
                assert!(
                    quote == '"' || quote == '\'',
                    "unquoted attribute in `<{tag}>`"
                );
                let close = v[1..].find(quote).expect("a closed attribute") + 1;
                a = v[close + 1..].trim_start();
                v[1..close].to_string()
            } else {
                String::new()
            };
            attrs.push((key, value));
        }
        if name == "style" && !closing {
            let close = rest.find("</style>").expect("a closed style");
            rest = &rest[close..];
        }
        out.push((name, attrs));
    }
    out
}

/// The text of an HTML fragment: tags dropped, entities decoded.
pub(crate) fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        rest = &rest[rest[i..].find('>').unwrap() + i + 1..];
    }
    text.push_str(rest);
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// No tag outside `allowed`, no event handler, every link to http(s) or mailto only.
pub(crate) fn assert_inert(what: &str, html: &str, allowed: &[&str]) {
    for (name, attrs) in tags(html) {
        assert!(
            allowed.contains(&name.as_str()),
            "{what}: unexpected <{name}>"
        );
        for (key, value) in attrs {
            assert!(
                !key.starts_with("on"),
                "{what}: event handler {key}=\"{value}\""
            );
            if key == "href" || key == "src" {
                assert!(
                    leitfaden::markdown::safe_href(&value),
                    "{what}: {key}=\"{value}\""
                );
            }
        }
    }
}

pub(crate) const PAGE_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "span",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "strong",
    "em",
    "code",
    "a",
    "br",
    "blockquote",
];

#[test]
fn html_page_is_self_contained_with_landmarks_headings_in_order_and_credits() {
    let guide = guide_with(&[]);
    let p = filled(&guide, "Musterstadt");
    for doc in [report(&guide, &p), handout(&guide, &p)] {
        let page = document::html::write(&doc, &credits());
        assert!(
            page.starts_with(
                "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">"
            )
        );
        assert!(
            page.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            )
        );
        assert!(page.contains(&format!("<title>{}</title>", doc.title)));
        assert_inert("page", &page, PAGE_TAGS);
        let tags = tags(&page);
        let count = |n: &str| tags.iter().filter(|(t, _)| t == n).count();
        // One of each landmark (opening and closing tag), no scripts, no external files.
        for landmark in ["header", "main", "footer"] {
            assert_eq!(count(landmark), 2, "{landmark}");
        }
        assert!(
            tags.iter()
                .all(|(_, a)| a.iter().all(|(k, _)| k != "style" && k != "src"))
        );
        // Headings: one h1, and never more than one level deeper than the one before.
        let levels: Vec<u8> = tags
            .iter()
            .filter(|(t, _)| t.len() == 2 && t.starts_with('h') && t != "hr")
            .filter_map(|(t, _)| t[1..].parse().ok())
            .collect::<Vec<u8>>()
            .chunks(2)
            .map(|c| c[0])
            .collect();
        assert_eq!(levels[0], 1);
        assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1);
        assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{levels:?}");
        let footer = &page[page.find("<footer>").unwrap()..];
        assert!(footer.contains("Herausgegeben von der Musterstiftung"));
        assert!(footer.contains(
            "<a href=\"https://creativecommons.org/licenses/by/4.0/deed.de\">CC BY 4.0</a>"
        ));
    }
    let page = document::html::write(&handout(&guide, &p), &credits());
    assert!(page.contains("<th scope=\"col\">Aufgabe</th><th scope=\"col\">Wer</th>"));
    assert!(page.contains("<span class=\"vh\">Platz für Ihre Eintragungen</span>"));
    assert!(page.contains("<li class=\"task done\"><span class=\"box\" aria-hidden=\"true\">☑</span><span class=\"vh\">Erledigt: </span>Leitfaden gelesen</li>"));
}

/// WCAG contrast of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let lum = |hex: &str| {
        let c: Vec<f64> = (0..3)
            .map(|i| f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0)
            .map(|c| {
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            })
            .collect();
        0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn html_page_text_colours_meet_wcag_aa_contrast() {
    let page = document::html::write(&handout(&guide_with(&[]), &Progress::default()), &credits());
    let css = &page[page.find("<style>").unwrap()..page.find("</style>").unwrap()];
    let mut colours = 0;
    for (i, _) in css.match_indices("color:#") {
        // Text colours only: `background-color` is checked against the text on it below.
        if css[..i].ends_with("background-") || css[..i].ends_with("border-") {
            continue;
        }
        let hex = &css[i + 6..i + 13];
        assert!(
            contrast(hex, "#ffffff") >= 4.5,
            "{hex} on white: {}",
            contrast(hex, "#ffffff")
        );
        colours += 1;
    }
    assert!(colours >= 4, "{css}");
    assert!(css.contains("th{background:#e4e9ee}"));
    assert!(contrast("#1b1b1b", "#e4e9ee") >= 4.5);
}

// ---------------------------------------------------------------------------------------
// Markdown

/// The Markdown as a GitHub-style renderer shows it (pulldown-cmark passes raw HTML through,
/// so any that slipped into the file shows up here).
fn render_markdown(md: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(
            md,
            Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH,
        ),
    );
    out
}

const MARKDOWN_TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "strong",
    "em",
    "code",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "input",
    "hr",
    "br",
];

#[test]
fn markdown_file_renders_the_same_structure() {
    let guide = guide_with(&[]);
    let p = filled(&guide, "Musterstadt");
    let md = Handout::build(&guide, &p, "checkliste")
        .unwrap()
        .to_markdown(DATE);
    let html = render_markdown(&md);
    assert_inert("markdown", &html, MARKDOWN_TAGS);
    assert!(html.contains("<h1>Checkliste für den Start</h1>"), "{html}");
    assert!(
        html.contains("<h2>Angaben aus Ihrem Arbeitsstand</h2>"),
        "{html}"
    );
    assert!(html.contains("<th>Aufgabe</th>"), "{html}");
    assert!(
        html.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nLeitfaden gelesen"),
        "{html}"
    );
    // Writing space: three rules in a viewer, three writing lines for this parser.
    assert_eq!(html.matches("<hr />").count(), 3, "{html}");
    assert!(
        leitfaden::markdown::parse(&md).contains(&leitfaden::markdown::Block::Writing(3)),
        "{md}"
    );
    // Code spans survive backticks; numbered lists count; a line start is no list.
    let doc = Document {
        title: "T".into(),
        meta: Meta::default(),
        blocks: vec![
            Block::Paragraph(vec![Inline::Code("a `b` c".into())]),
            Block::List {
                ordered: true,
                items: vec![
                    Item {
                        checked: None,
                        inlines: vec![Inline::text("eins")],
                    },
                    Item {
                        checked: Some(false),
                        inlines: vec![Inline::text("zwei")],
                    },
                ],
            },
            Block::para("1. März\n- kein Punkt\n# kein Titel"),
        ],
    };
    let html = render_markdown(&document::markdown::write(&doc));
    assert!(html.contains("<code>a `b` c</code>"), "{html}");
    assert!(
        html.contains(
            "<ol>\n<li>eins</li>\n<li><input disabled=\"\" type=\"checkbox\"/>\nzwei</li>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<p>1. März\n- kein Punkt\n# kein Titel</p>"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------
// Hostile text in every field, every format

pub(crate) const KOMMUNE: &str =
    "Gemeinde <script>alert('kommune')</script> & \"Co\" ]]> \u{1}\u{b}\u{fffe}";
pub(crate) const NOTE: &str = "Notiz <img src=x onerror=alert('note')> **fett** [klick](javascript:alert(1))\n# Titel\n- Punkt \u{7}";
pub(crate) const REASON: &str =
    "Grund <iframe src=javascript:alert('reason')></iframe> `code` | Pipe";
pub(crate) const TASK: &str = "Aufgabe <svg onload=alert('task')> &amp; [x](https://a.de)";
const GUIDE_HTML: &str = "<img src=x onerror=alert('guide')>";

/// guide-v1 with raw HTML in a task, a step title and the Arbeitshilfe, and a work state
/// with hostile text in the name, a note and a reason.
pub(crate) fn hostile() -> (Guide, Progress) {
    let guide = guide_with(&[
        ("kapitel/01-anfangen.ron", "Lesen Sie die Einleitung.", TASK),
        (
            "kapitel/01-anfangen.ron",
            "title: \"Willkommen\"",
            "title: \"Willkommen <b onmouseover=alert('title')>\"",
        ),
        (
            "arbeitshilfen.ron",
            "## Vorbereitung",
            "## Vorbereitung <img src=x onerror=alert('guide')>\\n\\n<script>alert('body')</script>",
        ),
        (
            "arbeitshilfen.ron",
            "| Team benennen |",
            "| <img src=x onerror=alert('guide')> |",
        ),
    ]);
    let mut p = filled(&guide, KOMMUNE);
    p.set_note("willkommen", NOTE);
    p.set_note("auftrag", NOTE);
    p.set_reason("beschluss", REASON);
    (guide, p)
}

/// What a hostile string must read as, once the characters no format carries are dropped
/// (and the trailing space a heading loses).
fn clean(s: &str) -> String {
    s.replace(['\u{1}', '\u{b}', '\u{fffe}', '\u{7}'], "")
        .trim()
        .to_string()
}

/// The hostile strings each document must show as text.
fn expected_text(what: &str) -> Vec<String> {
    let mut s = vec![clean(KOMMUNE), "<b onmouseover=alert('title')>".to_string()];
    if what == "report" {
        s.extend([clean(TASK), clean(REASON)]);
    } else {
        s.extend([
            GUIDE_HTML.to_string(),
            "<script>alert('body')</script>".to_string(),
        ]);
    }
    s
}

fn hostile_docs() -> Vec<(&'static str, Document)> {
    let (guide, p) = hostile();
    vec![
        ("report", report(&guide, &p)),
        ("arbeitshilfe", handout(&guide, &p)),
    ]
}

#[test]
fn hostile_text_is_plain_text_in_docx_and_odt() {
    for (what, doc) in hostile_docs() {
        for (format, bytes) in [
            ("docx", document::docx::write(&doc)),
            ("odt", document::odt::write(&doc)),
        ] {
            let parts = unzip(&bytes);
            let mut all_text = String::new();
            for p in parts
                .iter()
                .filter(|p| p.name.ends_with(".xml") || p.name.ends_with(".rels"))
            {
                let x = xml(&p.name, &p.data);
                // No element the text could have opened: only the format's own namespaces.
                for n in x.descendants().filter(roxmltree::Node::is_element) {
                    assert!(
                        n.tag_name().namespace().is_some(),
                        "{what}.{format} {}: element <{}> without namespace",
                        p.name,
                        n.tag_name().name()
                    );
                    assert!(
                        !["img", "script", "svg", "iframe"].contains(&n.tag_name().name()),
                        "{what}.{format} {}",
                        p.name
                    );
                }
                all_text.push_str(&text_of(x.root_element()));
                all_text.push('\n');
            }
            for s in expected_text(what) {
                assert!(
                    all_text.contains(&s),
                    "{what}.{format}: `{s}` is not text:\n{all_text}"
                );
            }
            // The note's lines are there (line breaks are elements, so check each line).
            for line in clean(NOTE).lines() {
                assert!(all_text.contains(line), "{what}.{format}: {line}");
            }
        }
    }
}

#[test]
fn hostile_text_is_inert_in_the_web_page() {
    for (what, doc) in hostile_docs() {
        let page = document::html::write(&doc, &credits());
        assert_inert(what, &page, PAGE_TAGS);
        let text = html_text(&page);
        for s in expected_text(what) {
            assert!(text.contains(&s), "{what}: `{s}`");
        }
        assert!(text.contains(&clean(NOTE).replace('\n', "")), "{what}");
        assert!(!page.contains('\u{1}') && !page.contains('\u{fffe}'));
    }
}

#[test]
fn hostile_text_is_inert_in_the_markdown_file() {
    let (guide, p) = hostile();
    let report_md = StatusReport::build(&guide, &p).to_markdown(DATE);
    let handout_md = Handout::build(&guide, &p, "checkliste")
        .unwrap()
        .to_markdown(DATE);
    for (what, md) in [("report", &report_md), ("arbeitshilfe", &handout_md)] {
        assert!(!md.contains('<'), "{what}: raw `<` in\n{md}");
        let html = render_markdown(md);
        assert_inert(what, &html, MARKDOWN_TAGS);
        // The user's markup is text: no bold, no link, no heading from the note.
        assert!(!html.contains("<strong>fett</strong>"), "{what}: {html}");
        assert!(
            !html.contains("<h1>Titel</h1>") && !html.contains("<h2>Titel</h2>"),
            "{what}"
        );
        let text = html_text(&html);
        for s in expected_text(what) {
            assert!(text.contains(&s), "{what}: `{s}` in\n{text}");
        }
        assert!(text.contains("Notiz <img src=x onerror=alert('note')> **fett** [klick](javascript:alert(1))\n# Titel\n- Punkt"), "{text}");
    }
}

#[test]
fn unsafe_link_targets_are_text_in_every_format_and_safe_ones_stay_quoted() {
    let doc = Document {
        title: "Links".into(),
        meta: Meta::default(),
        blocks: vec![Block::Paragraph(vec![
            Inline::Link("javascript:alert(1)".into(), vec![Inline::text("böse")]),
            Inline::text(" "),
            Inline::Link(
                "https://a.de/?q=\"><script>x</script>".into(),
                vec![Inline::text("gut")],
            ),
        ])],
    };
    let page = document::html::write(&doc, &Credits::default());
    assert_inert("page", &page, PAGE_TAGS);
    assert!(
        page.contains(
            "<p>böse <a href=\"https://a.de/?q=%22%3E%3Cscript%3Ex%3C/script%3E\">gut</a></p>"
        ),
        "{page}"
    );
    let md = document::markdown::write(&doc);
    assert_eq!(
        md,
        "# Links\n\nböse [gut](https://a.de/?q=%22%3E%3Cscript%3Ex%3C/script%3E)\n"
    );
    for bytes in [document::docx::write(&doc), document::odt::write(&doc)] {
        let all: String = unzip(&bytes).iter().map(|p| p.data.clone()).collect();
        assert!(!all.contains("javascript:"));
        assert!(all.contains("https://a.de/?q=%22%3E%3Cscript%3Ex%3C/script%3E"));
    }
}

// ---------------------------------------------------------------------------------------
// LibreOffice, for real

/// Runs `cmd`, failing the test after `limit`.
fn run(cmd: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let start = Instant::now();
    while child.try_wait().expect("a child process").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{cmd:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().expect("the child's output")
}

fn require(tool: &str, package: &str) {
    let found = Command::new(tool)
        .arg(if tool == "soffice" { "--version" } else { "-v" })
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    assert!(
        found,
        "`{tool}` is missing: `bash scripts/setup.sh` installs it (Debian package `{package}`)"
    );
}

/// Converts `files` with LibreOffice to `format` (e.g. `txt:Text`) into `dir/<ext>/`.
fn soffice(dir: &Path, format: &str, files: &[PathBuf]) -> PathBuf {
    let ext = format.split(':').next().unwrap();
    let out = dir.join(ext);
    // A private profile, so parallel runs (and a running LibreOffice) never collide.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let output = run(
        Command::new("soffice")
            .arg(profile)
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                format,
                "--outdir",
            ])
            .arg(&out)
            .args(files),
        Duration::from_secs(240),
    );
    assert!(
        output.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The text of each `<tag>` element in LibreOffice's HTML export (which wraps lines).
fn lo_headings(page: &str, tag: &str) -> Vec<String> {
    page.split(&format!("<{tag}"))
        .skip(1)
        .filter_map(|h| {
            let inner = &h[h.find('>')? + 1..h.find(&format!("</{tag}>"))?];
            Some(
                html_text(inner)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}", path.display()))
}

#[test]
fn libreoffice_reads_the_report_and_an_arbeitshilfe() {
    require("soffice", "libreoffice-writer-nogui");
    require("pdftotext", "poppler-utils");
    let dir = std::env::temp_dir().join(format!(
        "leitfaden-libreoffice-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let guide = guide_with(&[]);
    let mut p = filled(&guide, "Musterstadt am See");
    p.set_note("willkommen", "Checkliste mit dem Team durchgehen.");
    let report = report(&guide, &p);
    let handout = handout(&guide, &p);
    let files = [
        // Each its own stem: LibreOffice names what it writes after the stem.
        ("bericht-word.docx", document::docx::write(&report)),
        ("bericht-odf.odt", document::odt::write(&report)),
        ("arbeitshilfe-word.docx", document::docx::write(&handout)),
        ("arbeitshilfe-odf.odt", document::odt::write(&handout)),
    ];
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let txt = soffice(&dir, "txt:Text", &paths);
    let pdf = soffice(&dir, "pdf", &paths);
    let html = soffice(&dir, "html:HTML (StarWriter)", &paths);

    for (name, _) in &files {
        let (base, _) = name.split_once('.').unwrap();
        let text = read(&txt.join(format!("{base}.txt")));
        let layout = {
            let out = run(
                Command::new("pdftotext")
                    .arg("-layout")
                    .arg(pdf.join(format!("{base}.pdf")))
                    .arg("-"),
                Duration::from_secs(60),
            );
            assert!(out.status.success());
            String::from_utf8(out.stdout).unwrap()
        };
        let page = read(&html.join(format!("{base}.html")));
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let printed = squash(&layout);

        // Kommune, date and version in the page header; the page count in the footer.
        assert!(
            printed
                .contains("Musterstadt am See · 01.12.2026 · Minimaler Leitfaden, Version 0.1.0"),
            "{name}:\n{layout}"
        );
        assert!(printed.contains("Seite 1 von "), "{name}:\n{layout}");
        if base.starts_with("bericht") {
            for line in [
                "Umsetzungsstand Open Government: Musterstadt am See",
                "Kapitel 0 · Anfangen",
                "1. Willkommen — Erledigt",
                "2. Den Auftrag klären — In Arbeit",
                // The note, with its line break.
                "Verwaltungsspitze angefragt.",
                "Antwort steht aus.",
                "Grund, warum nicht relevant: Der Rat hat schon beschlossen.",
            ] {
                assert!(
                    text.lines().any(|l| l
                        .trim_start_matches('\u{feff}')
                        .trim()
                        .trim_start_matches("• ")
                        == line),
                    "{name}: no line `{line}` in\n{text}"
                );
            }
            // The ticked task is drawn ticked, the open one open.
            assert!(
                printed.contains("☑ Lesen Sie die Einleitung."),
                "{name}:\n{layout}"
            );
            assert!(
                printed.contains("☐ Fragen Sie in der Verwaltungsspitze nach."),
                "{name}:\n{layout}"
            );
            // Real headings: LibreOffice exports them as h1/h2 (its outline levels).
            assert_eq!(
                lo_headings(&page, "h1"),
                ["Profil", "Kapitel 0 · Anfangen", "Kapitel 1 · Umsetzen"],
                "{name}"
            );
            assert_eq!(
                lo_headings(&page, "h2")[..2],
                [
                    "1. Willkommen — Erledigt",
                    "2. Den Auftrag klären — In Arbeit"
                ],
                "{name}"
            );
        } else {
            for line in [
                "Checkliste für den Start",
                "Angaben aus Ihrem Arbeitsstand",
                "Kommune: Musterstadt am See",
                "Profil: Größe: Kleine Gemeinde · Stand: Neu dabei",
                "Ihre Notizen zum Schritt „Willkommen“:",
                "Checkliste mit dem Team durchgehen.",
                "Ihre Notizen zum Schritt „Den Auftrag klären“:",
                "Vorbereitung",
                "Aufgabe",
                "Bürgermeisterin",
            ] {
                assert!(
                    text.lines().any(|l| l
                        .trim_start_matches('\u{feff}')
                        .trim()
                        .trim_start_matches("• ")
                        == line),
                    "{name}: no line `{line}` in\n{text}"
                );
            }
            assert!(printed.contains("☑ Leitfaden gelesen"), "{name}:\n{layout}");
            assert!(printed.contains("☐ Team benannt"), "{name}:\n{layout}");
            assert_eq!(
                lo_headings(&page, "h1"),
                ["Angaben aus Ihrem Arbeitsstand", "Vorbereitung"],
                "{name}"
            );
            assert!(page.contains("<table"), "{name}:\n{page}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------------------------------
// Building documents

fn para(s: &str) -> Block {
    Block::para(s)
}

fn items(checked: &[(Option<bool>, &str)]) -> Block {
    Block::List {
        ordered: false,
        items: checked
            .iter()
            .map(|(c, t)| Item {
                checked: *c,
                inlines: vec![Inline::text(*t)],
            })
            .collect(),
    }
}

#[test]
fn guide_markdown_becomes_blocks_one_level_below_the_title() {
    assert_eq!(
        document::from_markdown(
            "# A\n## B\n### C\n#### D\n\n| x | **y** |\n|---|---|\n| 1 |\n\n____\n____\n\n> q"
        ),
        [
            Block::Heading(1, vec![Inline::text("A")]),
            Block::Heading(1, vec![Inline::text("B")]),
            Block::Heading(2, vec![Inline::text("C")]),
            Block::Heading(3, vec![Inline::text("D")]),
            Block::Table(Table {
                header: vec![
                    vec![Inline::text("x")],
                    vec![Inline::Strong(vec![Inline::text("y")])]
                ],
                rows: vec![vec![vec![Inline::text("1")], vec![]]],
                widths: vec![],
            }),
            Block::WritingSpace(2),
            Block::Quote(vec![Inline::text("q")]),
        ]
    );
}

#[test]
fn an_arbeitshilfe_is_filled_in_from_the_work_state() {
    let guide = guide_with(&[]);
    let mut p = filled(&guide, "  Musterstadt ");
    p.set_note("willkommen", "Erste Notiz.\n\n");
    // `team` does not list the Arbeitshilfe: its note stays out.
    p.set_note("team", "Kernteam steht.");
    let h = Handout::build(&guide, &p, "checkliste").expect("the Arbeitshilfe");
    assert_eq!(h.kommune, "Musterstadt");
    assert_eq!(h.profile, "Größe: Kleine Gemeinde · Stand: Neu dabei");
    assert_eq!(
        h.notes,
        [
            ("Willkommen".to_string(), "Erste Notiz.".to_string()),
            (
                "Den Auftrag klären".to_string(),
                "Verwaltungsspitze angefragt.\nAntwort steht aus.".to_string()
            ),
        ]
    );
    let doc = h.to_document(DATE);
    assert_eq!(doc.title, "Checkliste für den Start");
    assert_eq!(
        doc.meta,
        Meta {
            kommune: "Musterstadt".into(),
            date: DATE.into(),
            guide_title: "Minimaler Leitfaden".into(),
            guide_version: "0.1.0".into(),
        }
    );
    let note = |step: &str, text: &str| {
        [
            Block::Paragraph(vec![Inline::Strong(vec![Inline::text(format!(
                "Ihre Notizen zum Schritt „{step}“:"
            ))])]),
            Block::Quote(vec![Inline::text(text)]),
        ]
    };
    let mut expected = vec![
        Block::Paragraph(vec![
            Inline::Strong(vec![Inline::text("Checkliste")]),
            Inline::text(" · Stand: 01.12.2026 · Minimaler Leitfaden (Version 0.1.0)"),
        ]),
        para("Was Sie vor dem Start klären."),
        Block::Heading(1, vec![Inline::text("Angaben aus Ihrem Arbeitsstand")]),
        items(&[
            (None, "Kommune: Musterstadt"),
            (None, "Profil: Größe: Kleine Gemeinde · Stand: Neu dabei"),
        ]),
    ];
    expected.extend(note("Willkommen", "Erste Notiz."));
    expected.extend(note(
        "Den Auftrag klären",
        "Verwaltungsspitze angefragt.\nAntwort steht aus.",
    ));
    // The guide's body follows with its own writing space, so no notes section is added.
    expected.extend(document::from_markdown(
        "## Vorbereitung\n\n| Aufgabe | Wer |\n|---|---|\n| Team benennen | Bürgermeisterin |\n\n\
         - [ ] Team benannt\n- [x] Leitfaden gelesen\n\nWeitere Notizen:\n____\n____\n____",
    ));
    assert_eq!(doc.blocks, expected);
    assert!(Handout::build(&guide, &p, "gibt-es-nicht").is_none());
}

#[test]
fn an_arbeitshilfe_without_writing_space_or_name_leaves_room_for_both() {
    let guide = load_ok(&files("guide-v1")).0;
    let doc = Handout::build(&guide, &Progress::default(), "checkliste")
        .unwrap()
        .to_document(DATE);
    assert_eq!(doc.meta.kommune, "");
    assert_eq!(
        doc.blocks[2..],
        [
            Block::Heading(1, vec![Inline::text("Angaben aus Ihrem Arbeitsstand")]),
            para("Kommune:"),
            Block::WritingSpace(1),
            items(&[
                (Some(false), "Team benannt"),
                (Some(true), "Leitfaden gelesen")
            ]),
            Block::Heading(1, vec![Inline::text("Eigene Notizen")]),
            Block::WritingSpace(leitfaden::handout::NOTES_LINES),
        ]
    );
    // Without a name the header says date, guide and version only.
    assert_eq!(
        doc.meta.header_line(),
        "01.12.2026 · Minimaler Leitfaden, Version 0.1.0"
    );
}

#[test]
fn every_format_of_the_report_says_the_same() {
    // The Markdown and the office files come from one document; the words of each block
    // are in each file, in the same order.
    let guide = guide_with(&[]);
    let doc = report(&guide, &filled(&guide, "Musterstadt"));
    let words: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(_, i) | Block::Paragraph(i) | Block::Quote(i) => {
                Some(document::plain(i))
            }
            Block::List { items, .. } => Some(document::plain(&items[0].inlines)),
            _ => None,
        })
        .collect();
    let docx: String = docx_paragraphs(part(
        &unzip(&document::docx::write(&doc)),
        "word/document.xml",
    ))
    .into_iter()
    .map(|(_, t)| t + "\n")
    .collect();
    let odt_parts = unzip(&document::odt::write(&doc));
    let odt = {
        let x = xml("content", part(&odt_parts, "content.xml"));
        x.descendants()
            .filter(|n| n.has_tag_name((TEXT, "p")) || n.has_tag_name((TEXT, "h")))
            .map(|n| {
                n.descendants()
                    .map(|d| {
                        if d.has_tag_name((TEXT, "line-break")) {
                            "\n"
                        } else if d.is_text() {
                            d.text().unwrap_or("")
                        } else {
                            ""
                        }
                    })
                    .collect::<String>()
                    + "\n"
            })
            .collect::<String>()
    };
    let page = html_text(&document::html::write(&doc, &Credits::default()).replace("<br>", "\n"));
    let md = html_text(&render_markdown(&document::markdown::write(&doc)));
    for (format, text) in [("docx", &docx), ("odt", &odt), ("html", &page), ("md", &md)] {
        let mut at = 0;
        for w in &words {
            let found = text[at..]
                .find(w.as_str())
                .unwrap_or_else(|| panic!("{format}: `{w}` missing or out of order in\n{text}"));
            at += found + w.len();
        }
    }
}

#[test]
fn empty_blocks_are_left_out_of_every_format() {
    let doc = Document {
        title: "Leer".into(),
        meta: Meta::default(),
        blocks: vec![
            Block::List {
                ordered: true,
                items: vec![],
            },
            Block::Table(Table {
                header: vec![],
                rows: vec![],
                widths: vec![0, 0],
            }),
            Block::WritingSpace(0),
            Block::para("Text"),
        ],
    };
    assert_eq!(document::markdown::write(&doc), "# Leer\n\nText\n");
    let page = document::html::write(&doc, &Credits::default());
    assert!(
        page.contains("<h1>Leer</h1>\n<p>Text</p>\n</main>"),
        "{page}"
    );
    let docx = unzip(&document::docx::write(&doc));
    let body = part(&docx, "word/document.xml");
    assert!(
        !body.contains("<w:tbl>") && !body.contains("<w:numPr>"),
        "{body}"
    );
    let odt = unzip(&document::odt::write(&doc));
    let content = part(&odt, "content.xml");
    assert!(
        !content.contains("<table:table ") && !content.contains("<text:list"),
        "{content}"
    );
    // Zero widths do not make a column vanish.
    let t = Table {
        header: vec![vec![], vec![]],
        rows: vec![],
        widths: vec![0, 3],
    };
    assert_eq!(t.shares(), [250, 750]);
}
