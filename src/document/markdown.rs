//! The Markdown file of a Document. Text is escaped so that it reads back as the same text:
//! no user note or guide string can become markup, a link or raw HTML in a Markdown viewer.

use super::{Block, Document, Inline, Table, clean, uri};
use crate::markdown::safe_href;

/// The document as Markdown: the title as `#`, headings one level below, blocks separated
/// by a blank line. Writing space is a run of `____` lines (rules in other viewers, and
/// writing space again for this project's parser); page breaks are left out.
pub fn write(doc: &Document) -> String {
    let mut w = Writer::default();
    w.out.push_str("# ");
    w.line(&[Inline::text(doc.title.clone())]);
    w.out.push('\n');
    for b in &doc.blocks {
        if *b != Block::PageBreak && !b.is_empty() {
            w.out.push('\n');
            w.block(b);
        }
    }
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// What a line break inside text continues with (`> ` in a quote, indentation in a list
    /// item); `None` where a line break cannot be (headings, table cells): it becomes a space.
    cont: Option<String>,
    /// At the start of a line, where `#`, `-`, `+`, `=` or `1.` would start a block.
    at_start: bool,
    /// Only digits since the line began (so a `.` or `)` now would make a list).
    digits: bool,
    in_table: bool,
}

impl Writer {
    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading(level, inl) => {
                self.out
                    .push_str(&"#".repeat(usize::from((*level).clamp(1, 3)) + 1));
                self.out.push(' ');
                self.line(inl);
                self.out.push('\n');
            }
            Block::Paragraph(inl) => self.lines("", "", inl),
            Block::Quote(inl) => self.lines("> ", "> ", inl),
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "- ".to_string()
                    };
                    let first = match item.checked {
                        Some(true) => format!("{marker}[x] "),
                        Some(false) => format!("{marker}[ ] "),
                        None => marker.clone(),
                    };
                    self.lines(&first, &" ".repeat(marker.len()), &item.inlines);
                }
            }
            Block::Table(t) => self.table(t),
            Block::WritingSpace(lines) => {
                for _ in 0..*lines {
                    self.out.push_str("______________________________\n");
                }
            }
            Block::PageBreak => {}
        }
    }

    /// Inlines that may span lines: `first` before the first, `cont` before every other.
    fn lines(&mut self, first: &str, cont: &str, inl: &[Inline]) {
        self.out.push_str(first);
        self.cont = Some(cont.to_string());
        self.at_start = true;
        self.digits = false;
        self.inlines(inl);
        self.cont = None;
        self.out.push('\n');
    }

    /// Inlines on one line (a heading's, a cell's): line breaks become spaces.
    fn line(&mut self, inl: &[Inline]) {
        self.cont = None;
        self.at_start = false;
        self.digits = false;
        self.inlines(inl);
    }

    fn inlines(&mut self, list: &[Inline]) {
        for i in list {
            match i {
                Inline::Text(t) => self.text(t),
                Inline::Strong(c) => self.wrap("**", c),
                Inline::Emphasis(c) => self.wrap("*", c),
                Inline::Code(t) => self.code(t),
                Inline::Link(href, c) if safe_href(href) => {
                    self.out.push('[');
                    self.inlines(c);
                    // Parentheses encoded, so the target cannot end early.
                    let target = uri(href).replace('(', "%28").replace(')', "%29");
                    self.out.push_str(&format!("]({target})"));
                }
                Inline::Link(_, c) => self.inlines(c),
            }
        }
    }

    fn wrap(&mut self, marker: &str, inl: &[Inline]) {
        if super::plain(inl).trim().is_empty() {
            return self.inlines(inl);
        }
        self.out.push_str(marker);
        self.at_start = false;
        self.inlines(inl);
        self.out.push_str(marker);
    }

    /// A code span whose backtick fence is longer than any run of backticks inside.
    fn code(&mut self, s: &str) {
        let mut s = clean(s).replace('\n', " ");
        if s.is_empty() {
            return;
        }
        if self.in_table {
            s = s.replace('|', "\\|");
        }
        let mut longest = 0;
        let mut run = 0;
        for c in s.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let fence = "`".repeat(longest + 1);
        let pad =
            if s.starts_with('`') || s.ends_with('`') || (s.starts_with(' ') && s.ends_with(' ')) {
                " "
            } else {
                ""
            };
        self.out.push_str(&format!("{fence}{pad}{s}{pad}{fence}"));
        self.at_start = false;
        self.digits = false;
    }

    /// Text escaped: Markdown punctuation gets a backslash, `<`, `>` and `&` become entities
    /// (so no HTML can start), and what would start a block at the start of a line is escaped.
    fn text(&mut self, s: &str) {
        let chars: Vec<char> = clean(s).chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c == '\n' {
                match &self.cont {
                    Some(cont) => {
                        self.out.push('\n');
                        self.out.push_str(cont);
                        self.at_start = true;
                        self.digits = false;
                    }
                    None => self.out.push(' '),
                }
                continue;
            }
            // A form field's `____` between spaces can open or close nothing: kept as typed.
            if c == '_' && !self.at_start && self.out.ends_with([' ', '\t']) {
                let run = chars[i - 1..].iter().take_while(|&&c| c == '_').count();
                if run >= 4 && chars.get(i - 1 + run).is_none_or(|c| c.is_whitespace()) {
                    self.out.extend(&chars[i - 1..i - 1 + run]);
                    i += run - 1;
                    continue;
                }
            }
            let starts_block = self.at_start && matches!(c, '-' | '+' | '=');
            let ends_number = self.digits && matches!(c, '.' | ')');
            if starts_block || ends_number {
                self.out.push('\\');
            }
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '&' => self.out.push_str("&amp;"),
                c => self.out.push(c),
            }
            self.digits = c.is_ascii_digit() && (self.at_start || self.digits);
            // Indentation keeps the line start (four spaces would otherwise not matter
            // here: an indented code block shows its text as text).
            self.at_start = self.at_start && c == ' ';
        }
    }

    fn table(&mut self, t: &Table) {
        self.in_table = true;
        let columns = t.columns();
        let header: Vec<&[Inline]> = if t.header.is_empty() {
            vec![&[]; columns]
        } else {
            t.cells(&t.header)
        };
        self.row(&header);
        self.out.push('|');
        self.out.push_str(&" --- |".repeat(columns));
        self.out.push('\n');
        for row in &t.rows {
            self.row(&t.cells(row));
        }
        self.in_table = false;
    }

    fn row(&mut self, cells: &[&[Inline]]) {
        self.out.push('|');
        for cell in cells {
            self.out.push(' ');
            self.line(cell);
            self.out.push_str(" |");
        }
        self.out.push('\n');
    }
}
