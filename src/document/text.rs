//! A Document as plain text, for the clipboard („Als Text kopieren“) and mail bodies: no
//! markup at all, so it reads the same in a mail client, a chat or a plain text field.

use super::{Block, Document, Inline, Table, clean, plain};

/// The document as plain text: the title underlined with `=`, level-1 headings with `-`,
/// deeper ones as they are; lists with „–“, tasks with ☑/☐, quotes indented, tables as
/// one line per row with „ | “ between cells; a link's target in brackets after its text.
pub fn write(doc: &Document) -> String {
    let mut out = String::new();
    let title = one_line(&doc.title);
    out.push_str(&title);
    out.push('\n');
    out.push_str(&"=".repeat(title.chars().count().max(3)));
    out.push('\n');
    for b in doc.blocks.iter().filter(|b| !b.is_empty()) {
        if *b == Block::PageBreak {
            continue;
        }
        out.push('\n');
        block(&mut out, b);
    }
    out
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading(level, inl) => {
            let text = one_line(&inlines(inl));
            out.push_str(&text);
            out.push('\n');
            if *level <= 1 {
                out.push_str(&"-".repeat(text.chars().count().max(3)));
                out.push('\n');
            }
        }
        Block::Paragraph(inl) => lines(out, "", "", &inlines(inl)),
        Block::Quote(inl) => lines(out, "    ", "    ", &inlines(inl)),
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                let marker = match (item.checked, ordered) {
                    (Some(true), _) => "☑ ".to_string(),
                    (Some(false), _) => "☐ ".to_string(),
                    (None, true) => format!("{}. ", i + 1),
                    (None, false) => "– ".to_string(),
                };
                let indent = " ".repeat(marker.chars().count());
                lines(out, &marker, &indent, &inlines(&item.inlines));
            }
        }
        Block::Table(t) => table(out, t),
        Block::WritingSpace(n) => {
            for _ in 0..*n {
                out.push_str("______________________________\n");
            }
        }
        Block::PageBreak => {}
    }
}

/// Text that may span lines: `first` before the first line, `cont` before the others.
fn lines(out: &mut String, first: &str, cont: &str, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        out.push_str(if i == 0 { first } else { cont });
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn table(out: &mut String, t: &Table) {
    let row = |out: &mut String, cells: Vec<&[Inline]>| {
        let cells: Vec<String> = cells.iter().map(|c| one_line(&inlines(c))).collect();
        out.push_str(cells.join(" | ").trim_end());
        out.push('\n');
    };
    if !t.header.is_empty() {
        row(out, t.cells(&t.header));
    }
    for r in &t.rows {
        row(out, t.cells(r));
    }
}

/// The text of inlines; a safe link's target follows its text in brackets (unless the
/// text already is the address), so nothing is lost without markup.
fn inlines(list: &[Inline]) -> String {
    let mut s = String::new();
    for i in list {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(&clean(t)),
            Inline::Strong(c) | Inline::Emphasis(c) => s.push_str(&inlines(c)),
            Inline::Link(href, c) => {
                let text = inlines(c);
                s.push_str(&text);
                let href = clean(href.trim()).into_owned();
                if crate::markdown::safe_href(&href) && text.trim() != href {
                    s.push_str(&format!(" ({href})"));
                }
            }
        }
    }
    s
}

fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plain text of inlines on one line (for summaries): markup and links dropped.
pub fn line(list: &[Inline]) -> String {
    one_line(&plain(list))
}
