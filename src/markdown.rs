//! The Markdown the guide is written in, parsed into a small tree the app renders node by
//! node (never as HTML), so no raw HTML from the guide can reach the page.
//! Supported: paragraphs, `#` headings, `-`/`*`/`1.` lists with `[ ]` boxes, `>` quotes,
//! `**strong**`, `*emphasis*`, `` `code` `` and `[links](https://…)`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// A list: ordered?, items; each item optionally a checkbox (`Some(checked)`).
    List(bool, Vec<(Option<bool>, Vec<Inline>)>),
    Quote(Vec<Inline>),
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

    for raw in text.lines() {
        let line = raw.trim();
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
    }
    flush_para(&mut para, &mut blocks);
    flush_list(&mut list, &mut blocks);
    flush_quote(&mut quote, &mut blocks);
    blocks
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
