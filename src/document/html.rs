//! A self-contained, accessible web page of a Document ("Als Webseite veröffentlichen"):
//! one HTML file, inline CSS, no scripts, `lang="de"`, landmarks and headings in order.

use super::xml::{esc, escaped};
use super::{Block, Document, Inline, Table, clean, uri};
use crate::markdown::safe_href;

/// Who made the guide and under which licence: the page's footer says both.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Credits {
    pub attribution: Vec<Inline>,
    pub licence: Vec<Inline>,
}

/// The document as a complete HTML page.
pub fn write(doc: &Document, credits: &Credits) -> String {
    let mut w = Page {
        out: String::new(),
        level: 1,
        tables: 0,
    };
    w.out.push_str(
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    esc(&mut w.out, &doc.title);
    w.out.push_str("</title>\n<style>");
    w.out.push_str(CSS);
    w.out.push_str("</style>\n</head>\n<body>\n<header><p>");
    esc(&mut w.out, &doc.meta.header_line());
    w.out.push_str("</p></header>\n<main>\n<h1>");
    esc(&mut w.out, &doc.title);
    w.out.push_str("</h1>\n");
    for b in doc.blocks.iter().filter(|b| !b.is_empty()) {
        w.block(b);
    }
    w.out.push_str("</main>\n<footer>\n");
    for part in [&credits.attribution, &credits.licence] {
        if !part.is_empty() {
            w.out.push_str("<p>");
            w.inlines(part, false);
            w.out.push_str("</p>\n");
        }
    }
    w.out.push_str("</footer>\n</body>\n</html>\n");
    w.out
}

struct Page {
    out: String,
    /// The last heading level written: a heading never goes more than one level deeper.
    level: u8,
    tables: usize,
}

impl Page {
    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading(level, inl) => {
                let h = (level.saturating_add(1)).clamp(2, 4).min(self.level + 1);
                self.level = h;
                self.out.push_str(&format!("<h{h}>"));
                self.inlines(inl, false);
                self.out.push_str(&format!("</h{h}>\n"));
            }
            Block::Paragraph(inl) => {
                self.out.push_str("<p>");
                self.inlines(inl, false);
                self.out.push_str("</p>\n");
            }
            Block::Quote(inl) => {
                self.out.push_str("<blockquote><p>");
                self.inlines(inl, false);
                self.out.push_str("</p></blockquote>\n");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                self.out.push_str(&format!("<{tag}>\n"));
                for item in items {
                    match item.checked {
                        Some(checked) => {
                            let (class, mark, said) = if checked {
                                ("task done", "☑", "Erledigt: ")
                            } else {
                                ("task", "☐", "Offen: ")
                            };
                            self.out.push_str(&format!(
                                "<li class=\"{class}\"><span class=\"box\" aria-hidden=\"true\">{mark}</span>\
                                 <span class=\"vh\">{said}</span>"
                            ));
                        }
                        None => self.out.push_str("<li>"),
                    }
                    self.inlines(&item.inlines, false);
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(&format!("</{tag}>\n"));
            }
            Block::Table(t) => self.table(t),
            Block::WritingSpace(lines) => {
                self.out.push_str(
                    "<div class=\"writing\"><span class=\"vh\">Platz für Ihre Eintragungen</span>",
                );
                for _ in 0..*lines {
                    self.out.push_str("<div class=\"line\"></div>");
                }
                self.out.push_str("</div>\n");
            }
            Block::PageBreak => self.out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }

    fn inlines(&mut self, list: &[Inline], in_link: bool) {
        for i in list {
            match i {
                Inline::Text(t) => self.text(t),
                Inline::Strong(c) => {
                    self.out.push_str("<strong>");
                    self.inlines(c, in_link);
                    self.out.push_str("</strong>");
                }
                Inline::Emphasis(c) => {
                    self.out.push_str("<em>");
                    self.inlines(c, in_link);
                    self.out.push_str("</em>");
                }
                Inline::Code(t) => {
                    self.out.push_str("<code>");
                    self.text(t);
                    self.out.push_str("</code>");
                }
                Inline::Link(href, c) if !in_link && safe_href(href) => {
                    self.out
                        .push_str(&format!("<a href=\"{}\">", escaped(&uri(href))));
                    self.inlines(c, true);
                    self.out.push_str("</a>");
                }
                Inline::Link(_, c) => self.inlines(c, in_link),
            }
        }
    }

    /// Escaped text; the line breaks the user typed become `<br>`.
    fn text(&mut self, s: &str) {
        for (i, line) in clean(s).split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("<br>");
            }
            esc(&mut self.out, line);
        }
    }

    /// A table scrolls sideways inside its own focusable region, never the page.
    fn table(&mut self, t: &Table) {
        self.tables += 1;
        self.out.push_str(&format!(
            "<div class=\"table\" role=\"region\" aria-label=\"Tabelle {}\" tabindex=\"0\"><table>\n",
            self.tables
        ));
        if !t.header.is_empty() {
            self.out.push_str("<thead><tr>");
            for cell in t.cells(&t.header) {
                self.out.push_str("<th scope=\"col\">");
                self.inlines(cell, false);
                self.out.push_str("</th>");
            }
            self.out.push_str("</tr></thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for row in &t.rows {
            self.out.push_str("<tr>");
            for cell in t.cells(row) {
                self.out.push_str("<td>");
                self.inlines(cell, false);
                self.out.push_str("</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table></div>\n");
    }
}

/// The page's only styles. Text colours on white: #1b1b1b 17:1, #4a4a4a 8.9:1, #0b4f8a
/// 8.2:1, #1d6b2f 6.6:1, #333333 12.6:1; table headers #1b1b1b on #e4e9ee 14:1 (WCAG AA asks 4.5:1).
const CSS: &str = "\
body{margin:0;color:#1b1b1b;background:#fff;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;\
line-height:1.55;font-size:1.0625rem;overflow-wrap:break-word}\
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}\
header{color:#4a4a4a;font-size:.95rem;border-bottom:1px solid #8a8f95}\
h1,h2,h3,h4{line-height:1.25;hyphens:auto}h1{font-size:2rem;color:#0b4f8a}h2{margin-top:2rem}\
a{color:#0b4f8a;text-underline-offset:.15em}\
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}\
blockquote{margin:1rem 0;padding:.1rem 1rem;border-left:4px solid #8a8f95;color:#333333}\
.table{overflow-x:auto;margin:1rem 0}table{border-collapse:collapse;min-width:100%}\
th,td{border:1px solid #8a8f95;padding:.4rem .6rem;text-align:left;vertical-align:top}th{background:#e4e9ee}\
li.task{list-style:none}.box{display:inline-block;width:1.4em;margin-left:-1.4em}.done .box{color:#1d6b2f}\
.writing{margin:1rem 0}.writing .line{height:2.2rem;border-bottom:1px solid #1b1b1b}\
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
footer{margin-top:3rem;border-top:1px solid #8a8f95;color:#4a4a4a;font-size:.95rem}\
@media (max-width:30rem){h1{font-size:1.6rem}}@media print{body{font-size:11pt}a{color:#1b1b1b}.table{overflow:visible}.page-break{break-before:page}}";
