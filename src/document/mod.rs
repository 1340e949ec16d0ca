//! Documents to download or publish (the Bericht, filled-in Arbeitshilfen): one small model
//! that the .docx, .odt, HTML and Markdown writers render, so every format says the same.
//!
//! Plain std Rust with hand-written XML and a minimal zip writer, so the writers can be
//! compiled into a small wasm module of their own (README: "Office documents").

pub mod docx;
pub mod html;
pub mod markdown;
pub mod odt;
pub(crate) mod xml;
pub mod zip;

use serde::{Deserialize, Serialize};

/// A document: its title, what every page header says, and the content below the title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub title: String,
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// Who and what a document is about; office formats print it in every page's header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The Kommune's name as the user wrote it (may be empty).
    pub kommune: String,
    /// Already formatted for reading, e.g. "01.12.2026".
    pub date: String,
    pub guide_title: String,
    pub guide_version: String,
}

impl Meta {
    /// "Kommune · 01.12.2026 · Leitfaden, Version 1.0" (the Kommune only when named).
    pub fn header_line(&self) -> String {
        let mut parts = Vec::new();
        if !self.kommune.trim().is_empty() {
            parts.push(self.kommune.trim().to_string());
        }
        if !self.date.is_empty() {
            parts.push(self.date.clone());
        }
        parts.push(format!(
            "{}, Version {}",
            self.guide_title, self.guide_version
        ));
        parts.join(" · ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A heading below the document's title, level 1–3 (deeper levels are written as 3).
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Item>,
    },
    Table(Table),
    /// Space to write on by hand: this many ruled empty lines.
    WritingSpace(usize),
    Quote(Vec<Inline>),
    /// The next block starts on a new page (in print and office formats).
    PageBreak,
}

/// A list item; `checked` makes it a task: `Some(true)` ticked ☑, `Some(false)` open ☐.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub checked: Option<bool>,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Relative column widths; empty (or of another length than the columns): equal.
    #[serde(default)]
    pub widths: Vec<u32>,
}

impl Table {
    /// The number of columns: the header's, or the widest row's for a table without one.
    pub fn columns(&self) -> usize {
        if self.header.is_empty() {
            self.rows.iter().map(Vec::len).max().unwrap_or(0)
        } else {
            self.header.len()
        }
        .max(1)
    }

    /// Each column's share of the width, in per mille, summing to 1000.
    pub fn shares(&self) -> Vec<u32> {
        let n = self.columns();
        let weights: Vec<u64> = if self.widths.len() == n && self.widths.iter().any(|&w| w > 0) {
            // A zero weight would make a column no one can write in.
            self.widths.iter().map(|&w| u64::from(w.max(1))).collect()
        } else {
            vec![1; n]
        };
        let total: u64 = weights.iter().sum();
        let mut shares: Vec<u32> = weights.iter().map(|w| (w * 1000 / total) as u32).collect();
        let rest = 1000 - shares.iter().sum::<u32>();
        shares[n - 1] += rest;
        shares
    }

    /// A row cut or padded to exactly `columns()` cells.
    pub fn cells<'a>(&self, row: &'a [Vec<Inline>]) -> Vec<&'a [Inline]> {
        (0..self.columns())
            .map(|i| row.get(i).map_or(&[][..], Vec::as_slice))
            .collect()
    }
}

/// Inline text. A `Text` may hold line breaks (`\n`), e.g. in a note the user typed;
/// every writer turns them into real line breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Code(String),
    /// A link; writers render it as a link only when `markdown::safe_href` allows it.
    Link(String, Vec<Inline>),
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text(s.into())
    }
}

impl Block {
    /// A paragraph of plain text.
    pub fn para(s: impl Into<String>) -> Block {
        Block::Paragraph(vec![Inline::text(s)])
    }

    /// Whether the block shows nothing (writers leave such blocks out).
    pub fn is_empty(&self) -> bool {
        match self {
            Block::List { items, .. } => items.is_empty(),
            Block::Table(t) => t.header.is_empty() && t.rows.is_empty(),
            Block::WritingSpace(lines) => *lines == 0,
            _ => false,
        }
    }
}

/// The guide's Markdown as document blocks. Headings shift one level down, as on the
/// step page: the document's title is above them (`#` and `##` → 1, `###` → 2, deeper → 3).
pub fn from_markdown(text: &str) -> Vec<Block> {
    blocks(crate::markdown::parse(text))
}

/// The guide's Markdown tree as document blocks.
pub fn blocks(md: Vec<crate::markdown::Block>) -> Vec<Block> {
    use crate::markdown::Block as M;
    md.into_iter()
        .map(|b| match b {
            M::Heading(level, inl) => {
                Block::Heading(level.saturating_sub(1).clamp(1, 3), inlines(inl))
            }
            M::Paragraph(inl) => Block::Paragraph(inlines(inl)),
            M::List(ordered, items) => Block::List {
                ordered,
                items: items
                    .into_iter()
                    .map(|(checked, inl)| Item {
                        checked,
                        inlines: inlines(inl),
                    })
                    .collect(),
            },
            M::Quote(inl) => Block::Quote(inlines(inl)),
            M::Table(header, rows) => Block::Table(Table {
                header: header.into_iter().map(inlines).collect(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(inlines).collect())
                    .collect(),
                widths: Vec::new(),
            }),
            M::Writing(lines) => Block::WritingSpace(lines),
        })
        .collect()
}

/// The guide's inline Markdown nodes as document inlines.
pub fn inlines(md: Vec<crate::markdown::Inline>) -> Vec<Inline> {
    use crate::markdown::Inline as M;
    md.into_iter()
        .map(|i| match i {
            M::Text(t) => Inline::Text(t),
            M::Strong(c) => Inline::Strong(inlines(c)),
            M::Emphasis(c) => Inline::Emphasis(inlines(c)),
            M::Code(c) => Inline::Code(c),
            M::Link(href, c) => Inline::Link(href, inlines(c)),
        })
        .collect()
}

/// The plain text of inlines, markup dropped.
pub fn plain(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link(_, c) => s.push_str(&plain(c)),
        }
    }
    s
}

/// A link target as a URI: characters a URI may not hold are percent-encoded, so that a
/// pasted address with spaces or umlauts cannot make the relationship part invalid.
pub(crate) fn uri(href: &str) -> String {
    let mut out = String::new();
    for b in clean(href.trim()).bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `s` without what no format may carry: control characters other than tab and line
/// breaks (XML 1.0 forbids them; Word refuses a file that has one), C1 controls and the
/// non-characters U+FFFE/U+FFFF; `\r\n` and `\r` become `\n`.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' | '\r');
    if !s.contains(bad) {
        return s.into();
    }
    s.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            c if bad(c) => None,
            c => Some(c),
        })
        .collect::<String>()
        .into()
}
