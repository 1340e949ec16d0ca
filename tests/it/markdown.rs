//! The guide's Markdown subset parsed into a tree.

use crate::common::*;
use leitfaden::markdown::{self, Block, Inline};

fn text(s: &str) -> Inline {
    Inline::Text(s.into())
}

// ---------------------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_strong_emphasis_code_and_links() {
    assert_eq!(
        markdown::inline(
            "Ein **starker** und *betonter* Satz mit `code` und [Link](https://example.org)."
        ),
        [
            text("Ein "),
            Inline::Strong(vec![text("starker")]),
            text(" und "),
            Inline::Emphasis(vec![text("betonter")]),
            text(" Satz mit "),
            Inline::Code("code".into()),
            text(" und "),
            Inline::Link("https://example.org".into(), vec![text("Link")]),
            text("."),
        ]
    );
    assert_eq!(
        markdown::inline("__fett__ _kursiv_ **mit *innen* drin**"),
        [
            Inline::Strong(vec![text("fett")]),
            text(" "),
            Inline::Emphasis(vec![text("kursiv")]),
            text(" "),
            Inline::Strong(vec![
                text("mit "),
                Inline::Emphasis(vec![text("innen")]),
                text(" drin")
            ]),
        ]
    );
    // Parentheses inside a link target belong to it when they are balanced.
    assert_eq!(
        markdown::inline("[Rat](https://de.wikipedia.org/wiki/Rat_(Kommune)) tagt"),
        [
            Inline::Link(
                "https://de.wikipedia.org/wiki/Rat_(Kommune)".into(),
                vec![text("Rat")]
            ),
            text(" tagt"),
        ]
    );
    // Unclosed markers, a lone star and escapes stay text.
    assert_eq!(markdown::inline("**offen"), [text("**offen")]);
    assert_eq!(markdown::inline("3 * 4 = 12"), [text("3 * 4 = 12")]);
    assert_eq!(markdown::inline(r"\*kein\* Stern"), [text("*kein* Stern")]);
}

#[test]
fn markdown_unsafe_links_become_text() {
    for href in [
        "javascript:alert('x')",
        "JavaScript:x",
        " javascript:x",
        "data:text/html,x",
        "vbscript:x",
        "/relativ",
        "ftp://example.org",
    ] {
        let inlines = markdown::inline(&format!("Hier [klicken]({href}) bitte"));
        assert!(
            !inlines.iter().any(|i| matches!(i, Inline::Link(..))),
            "{href}: {inlines:?}"
        );
        assert_eq!(markdown::plain(&inlines), "Hier klicken bitte", "{href}");
        assert!(!markdown::safe_href(href), "{href}");
    }
    for href in [
        "https://a.de",
        "HTTP://a.de",
        "mailto:a@b.de",
        " https://a.de ",
    ] {
        assert!(markdown::safe_href(href), "{href}");
    }
    // Labels keep their markup when the link is dropped.
    assert_eq!(
        markdown::inline("[**fett**](javascript:x)"),
        [Inline::Strong(vec![text("fett")])]
    );
    assert_eq!(
        markdown::links("a [x](javascript:y) b [z]( https://ok.de ) [kein link]"),
        ["javascript:y", "https://ok.de"]
    );
}

#[test]
fn markdown_lists_and_checkboxes() {
    let blocks = markdown::parse(
        "Vorher:\n- [ ] offen\n- [x] erledigt\n- [X] auch erledigt\n- normal\n  weiter im Punkt\n\n1. eins\n2) zwei",
    );
    assert_eq!(
        blocks,
        [
            Block::Paragraph(vec![text("Vorher:")]),
            Block::List(
                false,
                vec![
                    (Some(false), vec![text("offen")]),
                    (Some(true), vec![text("erledigt")]),
                    (Some(true), vec![text("auch erledigt")]),
                    (None, vec![text("normal weiter im Punkt")]),
                ]
            ),
            Block::List(
                true,
                vec![(None, vec![text("eins")]), (None, vec![text("zwei")])]
            ),
        ]
    );
    // The fixture's resource body (RON `\n` escapes become line breaks).
    let guide = minimal();
    assert_eq!(
        markdown::parse(&guide.resources[0].body),
        [Block::List(
            false,
            vec![
                (Some(false), vec![text("Team benannt")]),
                (Some(true), vec![text("Leitfaden gelesen")]),
            ]
        )]
    );
}

#[test]
fn a_downloaded_arbeitshilfe_lists_its_sources_at_the_end() {
    let guide = minimal();
    let id = guide.resources[0].id.clone();
    let handout = |g: &leitfaden::guide::Guide| {
        leitfaden::handout::Handout::build(g, &Default::default(), &id)
            .unwrap()
            .to_markdown("01.12.2026")
    };
    let plain = handout(&guide);
    assert!(!plain.contains("# Quellen"), "{plain}");
    let files = minimal_with(&[(
        "arbeitshilfen.ron",
        "Leitfaden gelesen\",\n",
        "Leitfaden gelesen\",\n        sources: [\"handbuch\"],\n",
    )]);
    let guide = load_ok(&files).0;
    let md = handout(&guide);
    assert!(
        md.trim_end().ends_with(
            "Quellen\n\n- Handbuch Offene Kommune. Beispielverlag, 2020. https://example.org/handbuch"
        ),
        "{md}"
    );
}

#[test]
fn markdown_headings_paragraphs_and_quotes() {
    assert_eq!(
        markdown::parse(
            "## Titel\nerste Zeile\nzweite Zeile\n\n> zitiert\n> weiter\n#kein Titel\n- a\n* b"
        ),
        [
            Block::Heading(2, vec![text("Titel")]),
            Block::Paragraph(vec![text("erste Zeile zweite Zeile")]),
            Block::Quote(vec![text("zitiert weiter")]),
            Block::Paragraph(vec![text("#kein Titel")]),
            Block::List(
                false,
                vec![(None, vec![text("a")]), (None, vec![text("b")])]
            ),
        ]
    );
}

#[test]
fn markdown_pipe_tables() {
    let blocks = markdown::parse(
        "Vorher\n| Wer | Was **genau** |\n|---|:---:|\n| Rat | Beschluss \\| Vorlage |\nnur eine Zelle |\n| a | b | zu viel |\n\nDanach",
    );
    assert_eq!(
        blocks,
        [
            Block::Paragraph(vec![text("Vorher")]),
            Block::Table(
                vec![
                    vec![text("Wer")],
                    vec![text("Was "), Inline::Strong(vec![text("genau")])],
                ],
                vec![
                    vec![vec![text("Rat")], vec![text("Beschluss | Vorlage")]],
                    // Short rows are padded, long rows cut to the header's width.
                    vec![vec![text("nur eine Zelle")], vec![]],
                    vec![vec![text("a")], vec![text("b")]],
                ]
            ),
            Block::Paragraph(vec![text("Danach")]),
        ]
    );
    // Outer pipes are optional; a row without a pipe ends the table.
    assert_eq!(
        markdown::parse("a | b\n--- | ---\n1 | 2\nText danach"),
        [
            Block::Table(
                vec![vec![text("a")], vec![text("b")]],
                vec![vec![vec![text("1")], vec![text("2")]]]
            ),
            Block::Paragraph(vec![text("Text danach")]),
        ]
    );
}

#[test]
fn markdown_pipes_without_a_delimiter_row_stay_text() {
    for text_ in [
        "a | b\nc | d",
        "| a | b |\n|---|\n| c | d |",
        "| a | b |\n| x | y |",
        "a \\| b\n---|---",
    ] {
        assert!(
            markdown::parse(text_)
                .iter()
                .all(|b| !matches!(b, Block::Table(..))),
            "{text_}: {:?}",
            markdown::parse(text_)
        );
    }
}

#[test]
fn markdown_writing_lines_and_form_fields() {
    assert_eq!(
        markdown::parse("Notizen:\n____\n  ______  \n____\n\n____\nDanach\n___"),
        [
            Block::Paragraph(vec![text("Notizen:")]),
            Block::Writing(3),
            Block::Writing(1),
            // Three underscores are not a writing line.
            Block::Paragraph(vec![text("Danach ___")]),
        ]
    );
    // A line ending in a form field ends its paragraph, and long runs of underscores are
    // never emphasis (they used to pair up across lines as `__…__`).
    assert_eq!(
        markdown::parse("Kommune: ________\nAusgefüllt von: ________\nDatum: ____ (TT.MM.)"),
        [
            Block::Paragraph(vec![text("Kommune: ________")]),
            Block::Paragraph(vec![text("Ausgefüllt von: ________")]),
            Block::Paragraph(vec![text("Datum: ____ (TT.MM.)")]),
        ]
    );
    assert_eq!(
        markdown::inline("Von ____ bis **____** und __fett__"),
        [
            text("Von ____ bis "),
            Inline::Strong(vec![text("____")]),
            text(" und "),
            Inline::Strong(vec![text("fett")]),
        ]
    );
}
