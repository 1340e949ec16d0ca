//! The guide's Markdown as HTML text, shared by the app (which sets it as inner HTML) and
//! the pre-rendered pages of the release build, so both show the very same markup.
//!
//! Everything from the guide is escaped: the Markdown tree (`markdown::parse`) holds only
//! text, and links survive parsing only with an http(s) or mailto target. Glossary terms
//! are marked at their first occurrence on a page with a button that the app toggles
//! (`web::dom::on_term_click`); without the app, the definition is in its `title`.

use std::collections::HashSet;
use std::fmt::Write;

use crate::guide::Guide;
use crate::markdown::{self, Block, Inline};

/// Which glossary terms a page has already marked (only the first occurrence is).
pub type Marked = HashSet<usize>;

/// `s` as HTML text (also fit for a double-quoted attribute value).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a page (a pasted file may hold them).
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// The glossary as the items of a `<dl>`: each term (with the id a search hit on it
/// opens, `route::term_anchor`) and its definition.
pub fn glossary(guide: &Guide) -> String {
    let mut out = String::new();
    for t in &guide.terms {
        let _ = write!(
            out,
            "<dt id=\"{}\">{}</dt><dd>{}</dd>",
            escape(&crate::route::term_anchor(&t.id)),
            escape(&t.term),
            escape(&t.definition)
        );
    }
    out
}

/// The HTML of a Markdown text, marking the glossary terms not yet in `marked`.
pub fn markdown(text: &str, guide: &Guide, marked: &mut Marked) -> String {
    let mut out = String::new();
    for b in markdown::parse(text) {
        block(&mut out, b, guide, marked);
    }
    out
}

fn block(out: &mut String, b: Block, guide: &Guide, marked: &mut Marked) {
    match b {
        // Headings inside a step sit below the step's own h1/h2.
        Block::Heading(level, inl) => {
            let tag = match level {
                1 | 2 => "h3",
                3 => "h4",
                _ => "h5",
            };
            let _ = write!(out, "<{tag}>");
            inlines(out, inl, guide, marked);
            let _ = write!(out, "</{tag}>");
        }
        Block::Paragraph(inl) => {
            out.push_str("<p>");
            inlines(out, inl, guide, marked);
            out.push_str("</p>");
        }
        Block::Quote(inl) => {
            out.push_str("<blockquote><p>");
            inlines(out, inl, guide, marked);
            out.push_str("</p></blockquote>");
        }
        Block::List(ordered, items) => {
            let tag = if ordered { "ol" } else { "ul" };
            let _ = write!(out, "<{tag}>");
            for (check, inl) in items {
                out.push_str("<li>");
                match check {
                    Some(true) => out.push_str("☑ "),
                    Some(false) => out.push_str("☐ "),
                    None => {}
                }
                inlines(out, inl, guide, marked);
                out.push_str("</li>");
            }
            let _ = write!(out, "</{tag}>");
        }
        Block::Table(header, rows) => {
            // A wide table scrolls inside its own region (reachable by keyboard), never the
            // page; the header names the region, so two tables on a page are told apart.
            let label = header
                .iter()
                .map(|c| markdown::plain(c))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = write!(
                out,
                "<div class=\"table-scroll\" role=\"region\" aria-label=\"Tabelle: {}\" tabindex=\"0\"><table><thead><tr>",
                escape(&label)
            );
            for c in header {
                out.push_str("<th scope=\"col\">");
                inlines(out, c, guide, marked);
                out.push_str("</th>");
            }
            out.push_str("</tr></thead><tbody>");
            for row in rows {
                out.push_str("<tr>");
                for c in row {
                    out.push_str("<td>");
                    inlines(out, c, guide, marked);
                    out.push_str("</td>");
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table></div>");
        }
        Block::Writing(lines) => {
            out.push_str("<div class=\"writing-space\"><span class=\"visually-hidden\">Platz für Ihre Eintragungen</span>");
            for _ in 0..lines {
                out.push_str("<span class=\"writing-line\" aria-hidden=\"true\"></span>");
            }
            out.push_str("</div>");
        }
    }
}

fn inlines(out: &mut String, list: Vec<Inline>, guide: &Guide, marked: &mut Marked) {
    for i in list {
        match i {
            Inline::Text(t) => text_with_terms(out, &t, guide, marked),
            Inline::Strong(c) => {
                out.push_str("<strong>");
                inlines(out, c, guide, marked);
                out.push_str("</strong>");
            }
            Inline::Emphasis(c) => {
                out.push_str("<em>");
                inlines(out, c, guide, marked);
                out.push_str("</em>");
            }
            Inline::Code(c) => {
                out.push_str("<code>");
                push_escaped(out, &c);
                out.push_str("</code>");
            }
            Inline::Link(href, c) => {
                // `parse` keeps only safe targets; checked again here, as this is the edge.
                if !markdown::safe_href(&href) {
                    inlines(out, c, guide, marked);
                    continue;
                }
                let _ = write!(out, "<a href=\"{}\"", escape(href.trim()));
                let external = href.starts_with("http");
                if external {
                    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
                }
                out.push('>');
                inlines(out, c, guide, marked);
                if external {
                    out.push_str(NEW_TAB);
                }
                out.push_str("</a>");
            }
        }
    }
}

/// Said after the text of a link that opens in a new tab.
pub const NEW_TAB: &str = "<span class=\"visually-hidden\"> (öffnet in neuem Tab)</span>";

fn text_with_terms(out: &mut String, text: &str, guide: &Guide, marked: &mut Marked) {
    let mut last = 0;
    for m in guide.spellings.find(text) {
        if !marked.insert(m.term) {
            continue;
        }
        // Extend to the end of the word so „Bürgerbudgets“ is marked as a whole.
        let end = text[m.end..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(text.len(), |(i, _)| m.end + i);
        push_escaped(out, &text[last..m.start]);
        let term = &guide.terms[m.term];
        let (name, definition) = (escape(&term.term), escape(&term.definition));
        let _ = write!(
            out,
            "<span class=\"term\"><button type=\"button\" class=\"term-button\" aria-expanded=\"false\" \
             title=\"{name}: {definition}\">{}</button><span class=\"term-definition\" role=\"note\" hidden>\
             <strong>{name}: </strong>{definition}</span></span>",
            escape(&text[m.start..end])
        );
        last = end;
    }
    push_escaped(out, &text[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("<script>\"a\" & 'b'\u{7}</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
