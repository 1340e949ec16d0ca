//! The Markdown the guide is written in, parsed into a small tree the app renders node by
//! node (never as HTML), so no raw HTML from the guide can reach the page.
//! Supported: paragraphs, `#` headings, `-`/`*`/`1.` lists with `[ ]` boxes, `>` quotes,
//! `| pipe | tables |`, `____` writing lines (a line that ends in `____` is a form field and
//! ends its paragraph), `**strong**`, `*emphasis*`, `` `code` `` and `[links](https://…)`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// A list: ordered?, items; each item optionally a checkbox (`Some(checked)`).
    List(bool, Vec<(Option<bool>, Vec<Inline>)>),
    Quote(Vec<Inline>),
    /// A pipe table: the header's cells, then the rows, each exactly as wide as the header.
    Table(Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>),
    /// Space to write on by hand: this many ruled lines (one per `____` line).
    Writing(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Code(String),
    /// A link the renderer may follow; unsafe schemes are turned into text by `parse`.
    Link(String, Vec<Inline>),
}

/// Only these link targets are rendered as links.
pub fn safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A list being collected: ordered?, items (checkbox, raw text).
type OpenList = Option<(bool, Vec<(Option<bool>, String)>)>;

pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: OpenList = None;
    let mut quote: Vec<&str> = Vec::new();

    fn flush_para(para: &mut Vec<&str>, blocks: &mut Vec<Block>) {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(inline(&para.join(" "))));
            para.clear();
        }
    }
    fn flush_list(list: &mut OpenList, blocks: &mut Vec<Block>) {
        if let Some((ordered, items)) = list.take() {
            let items = items.into_iter().map(|(c, t)| (c, inline(&t))).collect();
            blocks.push(Block::List(ordered, items));
        }
    }
    fn flush_quote(quote: &mut Vec<&str>, blocks: &mut Vec<Block>) {
        if !quote.is_empty() {
            blocks.push(Block::Quote(inline(&quote.join(" "))));
            quote.clear();
        }
    }

    let lines: Vec<&str> = text.lines().collect();
    let mut at = 0;
    while at < lines.len() {
        let raw = lines[at];
        at += 1;
        let line = raw.trim();
        if is_writing_line(line) {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            flush_quote(&mut quote, &mut blocks);
            let mut n = 1;
            while at < lines.len() && is_writing_line(lines[at].trim()) {
                n += 1;
                at += 1;
            }
            blocks.push(Block::Writing(n));
            continue;
        }
        if let Some(header) = lines.get(at).and_then(|next| table_header(line, next)) {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            flush_quote(&mut quote, &mut blocks);
            at += 1;
            let width = header.len();
            let mut rows = Vec::new();
            while at < lines.len() && has_pipe(lines[at].trim()) {
                let mut row: Vec<Vec<Inline>> = cells(lines[at].trim())
                    .into_iter()
                    .take(width)
                    .map(cell)
                    .collect();
                row.resize(width, Vec::new());
                rows.push(row);
                at += 1;
            }
            blocks.push(Block::Table(header.into_iter().map(cell).collect(), rows));
            continue;
        }
        if line.is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            flush_quote(&mut quote, &mut blocks);
            continue;
        }
        if let Some((level, rest)) = heading(line) {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            flush_quote(&mut quote, &mut blocks);
            blocks.push(Block::Heading(level, inline(rest)));
            continue;
        }
        if let Some(rest) = line.strip_prefix('>') {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
            quote.push(rest.trim());
            continue;
        }
        if let Some((ordered, rest)) = list_item(line) {
            flush_para(&mut para, &mut blocks);
            flush_quote(&mut quote, &mut blocks);
            let (check, rest) = checkbox(rest);
            match &mut list {
                Some((o, items)) if *o == ordered => items.push((check, rest.to_string())),
                _ => {
                    flush_list(&mut list, &mut blocks);
                    list = Some((ordered, vec![(check, rest.to_string())]));
                }
            }
            continue;
        }
        // A continuation line belongs to the open list item or quote, else to the paragraph.
        if let Some((_, items)) = &mut list
            && raw.starts_with([' ', '\t'])
        {
            if let Some(last) = items.last_mut() {
                last.1.push(' ');
                last.1.push_str(line);
            }
            continue;
        }
        flush_list(&mut list, &mut blocks);
        flush_quote(&mut quote, &mut blocks);
        para.push(line);
        // A form field („Datum: ____“) ends its line: the next field goes below, not beside.
        if line.ends_with("____") {
            flush_para(&mut para, &mut blocks);
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_list(&mut list, &mut blocks);
    flush_quote(&mut quote, &mut blocks);
    blocks
}

/// A line of nothing but four or more underscores: one ruled line to write on.
fn is_writing_line(line: &str) -> bool {
    line.len() >= 4 && line.bytes().all(|b| b == b'_')
}

/// Whether `line` has a `|` that is not escaped (so it can be a table row).
fn has_pipe(line: &str) -> bool {
    let mut escaped = false;
    line.chars().any(|c| {
        let pipe = c == '|' && !escaped;
        escaped = c == '\\' && !escaped;
        pipe
    })
}

/// The header cells when `line` and `next` start a pipe table: a header row and a
/// delimiter row (`|---|:--:|`) with as many cells.
fn table_header<'a>(line: &'a str, next: &str) -> Option<Vec<&'a str>> {
    if !has_pipe(line) {
        return None;
    }
    let next = next.trim();
    let delimiters = cells(next);
    let is_delimiter = |c: &&str| {
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        !c.is_empty() && c.bytes().all(|b| b == b'-')
    };
    let header = cells(line);
    (has_pipe(next) && delimiters.iter().all(is_delimiter) && delimiters.len() == header.len())
        .then_some(header)
}

/// The cells of a table row: split at unescaped `|`, outer pipes optional, trimmed.
fn cells(line: &str) -> Vec<&str> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = match inner.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest,
        _ => inner,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inner[start..].trim());
    out
}

/// A cell's inline content; `\|` is a pipe inside a cell, even inside code.
fn cell(text: &str) -> Vec<Inline> {
    inline(&text.replace("\\|", "|"))
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some((hashes as u8, line[hashes..].trim()))
    } else {
        None
    }
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest.trim_start()));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, rest.trim_start()));
        }
    }
    None
}

fn checkbox(item: &str) -> (Option<bool>, &str) {
    for (prefix, checked) in [("[ ] ", false), ("[x] ", true), ("[X] ", true)] {
        if let Some(rest) = item.strip_prefix(prefix) {
            return (Some(checked), rest);
        }
    }
    (None, item)
}

/// Parses inline markup. Unclosed markers stay as text.
pub fn inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let taken = match c {
            '\\' => rest[1..].chars().next().map(|n| {
                buf.push(n);
                1 + n.len_utf8()
            }),
            // A run of four or more is a line to write on („Datum: ____“), never markup.
            '*' | '_' if rest.bytes().take_while(|&b| b == c as u8).count() >= 4 => {
                let run = rest.bytes().take_while(|&b| b == c as u8).count();
                buf.push_str(&rest[..run]);
                Some(run)
            }
            '*' | '_' if rest[1..].starts_with(c) => {
                delimited(rest, if c == '*' { "**" } else { "__" }).map(|(inner, len)| {
                    push_text(&mut out, &mut buf);
                    out.push(Inline::Strong(inline(inner)));
                    len
                })
            }
            '*' | '_' => delimited(rest, if c == '*' { "*" } else { "_" })
                .filter(|(inner, _)| !inner.starts_with(' '))
                .map(|(inner, len)| {
                    push_text(&mut out, &mut buf);
                    out.push(Inline::Emphasis(inline(inner)));
                    len
                }),
            '`' => delimited(rest, "`").map(|(inner, len)| {
                push_text(&mut out, &mut buf);
                out.push(Inline::Code(inner.to_string()));
                len
            }),
            '[' => link(rest).map(|(label, href, len)| {
                push_text(&mut out, &mut buf);
                let label = inline(label);
                if safe_href(href) {
                    out.push(Inline::Link(href.trim().to_string(), label));
                } else {
                    out.extend(label);
                }
                len
            }),
            _ => None,
        };
        match taken {
            Some(len) => rest = &rest[len..],
            // Plain text up to the next marker is taken in one piece (markers are ASCII, so
            // a byte search finds them on character boundaries).
            None => {
                let len = rest.as_bytes()[c.len_utf8()..]
                    .iter()
                    .position(|b| matches!(b, b'\\' | b'*' | b'_' | b'`' | b'['))
                    .map_or(rest.len(), |i| i + c.len_utf8());
                buf.push_str(&rest[..len]);
                rest = &rest[len..];
            }
        }
    }
    push_text(&mut out, &mut buf);
    out
}

fn push_text(out: &mut Vec<Inline>, buf: &mut String) {
    if !buf.is_empty() {
        out.push(Inline::Text(std::mem::take(buf)));
    }
}

/// `marker inner marker` at the start of `s`: (inner, total length).
fn delimited<'a>(s: &'a str, marker: &str) -> Option<(&'a str, usize)> {
    let body = &s[marker.len()..];
    let end = body.find(marker)?;
    (end > 0).then(|| (&body[..end], marker.len() * 2 + end))
}

/// `[label](href)` at the start of `s`: (label, href, total length).
fn link(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let label = &s[1..close];
    if label.contains('[') {
        return None;
    }
    let after = &s[close + 2..];
    // The target ends at the first `)` that closes no `(` inside it (as in CommonMark).
    let mut depth = 0usize;
    let end = after.find(|c| match c {
        '(' => {
            depth += 1;
            false
        }
        ')' if depth == 0 => true,
        ')' => {
            depth -= 1;
            false
        }
        _ => false,
    })?;
    Some((label, &after[..end], close + 2 + end + 1))
}

/// Every link target written in `text`, safe or not (for the author checks).
pub fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        rest = &rest[i..];
        match link(rest) {
            Some((_, href, len)) => {
                out.push(href.trim().to_string());
                rest = &rest[len..];
            }
            None => rest = &rest[1..],
        }
    }
    out
}

/// The plain text of inline nodes, markup dropped.
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
