//! The OpenDocument text format (.odt, ODF 1.2) of a Document, for LibreOffice and openDesk:
//! the same headings, lists, tasks, tables, writing space, header and page numbers as .docx.
//!
//! ODF 1.2 rather than 1.3: every LibreOffice, Collabora and Word since 2013 reads it, and
//! nothing written here needs 1.3.

use super::xml::{DECL, esc, escaped};
use super::zip::Zip;
use super::{Block, Document, Inline, Table, clean, uri};
use crate::markdown::safe_href;

const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
    xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
    xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
    xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
    xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
    xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" \
    xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\"";

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// The document as an .odt file.
pub fn write(doc: &Document) -> Vec<u8> {
    let mut body = Body::default();
    body.start("text:p", "Title");
    body.text(&doc.title);
    body.out.push_str("</text:p>");
    for b in doc.blocks.iter().filter(|b| !b.is_empty()) {
        body.block(b);
    }
    let content = format!(
        "{DECL}<office:document-content {NS}><office:automatic-styles>{CELL_STYLES}{}\
         </office:automatic-styles><office:body><office:text>{}</office:text></office:body>\
         </office:document-content>",
        body.auto, body.out
    );
    let styles = STYLES.replace("{header}", &escaped(&doc.meta.header_line()));
    let meta = format!(
        "{DECL}<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\"><office:meta>\
         <meta:generator>Leitfaden Open Government</meta:generator><dc:title>{}</dc:title>\
         <dc:description>{}</dc:description>{}<dc:language>de-DE</dc:language>\
         </office:meta></office:document-meta>",
        escaped(&doc.title),
        escaped(&doc.meta.header_line()),
        if doc.meta.kommune.trim().is_empty() {
            String::new()
        } else {
            format!(
                "<dc:creator>{}</dc:creator>",
                escaped(doc.meta.kommune.trim())
            )
        }
    );

    let mut zip = Zip::new();
    // ODF: `mimetype` first, stored, without extra field (the zip writer stores all).
    zip.add("mimetype", MIMETYPE.as_bytes());
    zip.add("META-INF/manifest.xml", MANIFEST.as_bytes());
    zip.add("content.xml", content.as_bytes());
    zip.add("styles.xml", styles.as_bytes());
    zip.add("meta.xml", meta.as_bytes());
    zip.finish()
}

/// `content.xml`'s text being written.
#[derive(Default)]
struct Body {
    out: String,
    /// Automatic styles the text needs: tables, paragraphs that start a page.
    auto: String,
    tables: usize,
    /// Parent styles that already have a "starts a page" variant.
    breaks: Vec<String>,
    break_before: bool,
    /// Whether the last character written was white space (or the paragraph just began):
    /// ODF collapses such spaces, so further ones are written as `text:s`.
    space: bool,
    in_link: bool,
}

impl Body {
    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading(level, inl) => {
                let level = (*level).clamp(1, 3);
                // The outline level makes the heading an entry of the document outline.
                let level_attr = format!(" text:outline-level=\"{level}\"");
                self.start_with("text:h", &format!("Heading_20_{level}"), &level_attr);
                self.inlines(inl);
                self.out.push_str("</text:h>");
            }
            Block::Paragraph(inl) => self.paragraph("Text_20_body", inl),
            Block::Quote(inl) => self.paragraph("Quotations", inl),
            Block::List { ordered, items } => {
                // Items in a row that look alike share one list: a task's box is its
                // list style's bullet, so a change of box starts a new list.
                let mut open: Option<&str> = None;
                for item in items {
                    let style = match (ordered, item.checked) {
                        (true, _) => "L_Nummern",
                        (false, Some(true)) => "L_Erledigt",
                        (false, Some(false)) => "L_Offen",
                        (false, None) => "L_Punkte",
                    };
                    if open != Some(style) {
                        if open.is_some() {
                            self.out.push_str("</text:list>");
                        }
                        self.out
                            .push_str(&format!("<text:list text:style-name=\"{style}\">"));
                        open = Some(style);
                    }
                    self.out.push_str("<text:list-item>");
                    self.start("text:p", "Listenabsatz");
                    if *ordered && let Some(checked) = item.checked {
                        self.text(if checked { "☑ " } else { "☐ " });
                    }
                    self.inlines(&item.inlines);
                    self.out.push_str("</text:p></text:list-item>");
                }
                if open.is_some() {
                    self.out.push_str("</text:list>");
                }
            }
            Block::Table(t) => self.table(t),
            Block::WritingSpace(lines) => {
                for _ in 0..*lines {
                    self.start("text:p", "Schreiblinie");
                    self.out.push_str("</text:p>");
                }
            }
            Block::PageBreak => self.break_before = true,
        }
    }

    fn paragraph(&mut self, style: &str, inl: &[Inline]) {
        self.start("text:p", style);
        self.inlines(inl);
        self.out.push_str("</text:p>");
    }

    /// Opens `<text:p>` or `<text:h>` in `style`, or in its variant that starts a page.
    fn start(&mut self, element: &str, style: &str) {
        self.start_with(element, style, "");
    }

    fn start_with(&mut self, element: &str, style: &str, attrs: &str) {
        let mut style = style.to_string();
        if std::mem::take(&mut self.break_before) {
            let name = format!("Umbruch_{style}");
            if !self.breaks.contains(&style) {
                self.auto.push_str(&format!(
                    "<style:style style:name=\"{name}\" style:family=\"paragraph\" \
                     style:parent-style-name=\"{style}\"><style:paragraph-properties \
                     fo:break-before=\"page\"/></style:style>"
                ));
                self.breaks.push(style);
            }
            style = name;
        }
        self.out
            .push_str(&format!("<{element} text:style-name=\"{style}\"{attrs}>"));
        self.space = true;
    }

    fn inlines(&mut self, list: &[Inline]) {
        for i in list {
            match i {
                Inline::Text(t) => self.text(t),
                Inline::Strong(c) => self.span("Strong_20_Emphasis", c),
                Inline::Emphasis(c) => self.span("Emphasis", c),
                Inline::Code(t) => self.span("Source_20_Text", &[Inline::text(t.clone())]),
                Inline::Link(href, c) if !self.in_link && safe_href(href) => {
                    self.out.push_str(&format!(
                        "<text:a xlink:type=\"simple\" xlink:href=\"{}\" \
                         text:style-name=\"Internet_20_link\">",
                        escaped(&uri(href))
                    ));
                    self.in_link = true;
                    self.inlines(c);
                    self.in_link = false;
                    self.out.push_str("</text:a>");
                }
                Inline::Link(_, c) => self.inlines(c),
            }
        }
    }

    fn span(&mut self, style: &str, inl: &[Inline]) {
        self.out
            .push_str(&format!("<text:span text:style-name=\"{style}\">"));
        self.inlines(inl);
        self.out.push_str("</text:span>");
    }

    /// Text with its line breaks, tabs and repeated spaces kept (ODF would collapse them).
    fn text(&mut self, s: &str) {
        let mut buf = [0u8; 4];
        for c in clean(s).chars() {
            match c {
                '\n' => {
                    self.out.push_str("<text:line-break/>");
                    self.space = true;
                }
                '\t' => {
                    self.out.push_str("<text:tab/>");
                    self.space = true;
                }
                ' ' if self.space => self.out.push_str("<text:s/>"),
                ' ' => {
                    self.out.push(' ');
                    self.space = true;
                }
                c => {
                    esc(&mut self.out, c.encode_utf8(&mut buf));
                    self.space = false;
                }
            }
        }
    }

    /// A table with borders, a header row that repeats on every page and column widths.
    fn table(&mut self, t: &Table) {
        self.tables += 1;
        let name = format!("Tabelle{}", self.tables);
        let brk = if std::mem::take(&mut self.break_before) {
            " fo:break-before=\"page\""
        } else {
            ""
        };
        self.auto.push_str(&format!(
            "<style:style style:name=\"{name}\" style:family=\"table\"><style:table-properties \
             style:width=\"16cm\" table:align=\"margins\"{brk}/></style:style>"
        ));
        for (i, share) in t.shares().iter().enumerate() {
            self.auto.push_str(&format!(
                "<style:style style:name=\"{name}.{}\" style:family=\"table-column\">\
                 <style:table-column-properties style:rel-column-width=\"{share}*\"/></style:style>",
                i + 1
            ));
        }
        self.out.push_str(&format!(
            "<table:table table:name=\"{name}\" table:style-name=\"{name}\">"
        ));
        for i in 0..t.columns() {
            self.out.push_str(&format!(
                "<table:table-column table:style-name=\"{name}.{}\"/>",
                i + 1
            ));
        }
        if !t.header.is_empty() {
            self.out.push_str("<table:table-header-rows>");
            self.row(t, &t.header, true);
            self.out.push_str("</table:table-header-rows>");
        }
        for row in &t.rows {
            self.row(t, row, false);
        }
        self.out.push_str("</table:table>");
    }

    fn row(&mut self, t: &Table, row: &[Vec<Inline>], header: bool) {
        let (cell, para) = if header {
            ("Kopfzelle", "Table_20_Heading")
        } else {
            ("Zelle", "Table_20_Contents")
        };
        self.out.push_str("<table:table-row>");
        for inl in t.cells(row) {
            self.out.push_str(&format!(
                "<table:table-cell table:style-name=\"{cell}\" office:value-type=\"string\">"
            ));
            self.paragraph(para, inl);
            self.out.push_str("</table:table-cell>");
        }
        self.out.push_str("</table:table-row>");
    }
}

const CELL_STYLES: &str = "\
<style:style style:name=\"Zelle\" style:family=\"table-cell\"><style:table-cell-properties \
fo:padding=\"0.1cm\" fo:border=\"0.5pt solid #000000\"/></style:style>\
<style:style style:name=\"Kopfzelle\" style:family=\"table-cell\"><style:table-cell-properties \
fo:background-color=\"#e4e9ee\" fo:padding=\"0.1cm\" fo:border=\"0.5pt solid #000000\"/></style:style>";

const MANIFEST: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">",
    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>",
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>",
    "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>",
    "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>",
    "</manifest:manifest>"
);

/// The start of a one-level list style; `$level` opens its level element, which the
/// caller closes after the shared indentation.
macro_rules! list_style {
    ($name:literal, $display:literal, $level:literal) => {
        concat!(
            "<text:list-style style:name=\"", $name, "\" style:display-name=\"", $display, "\">",
            $level,
            "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">",
            "<style:list-level-label-alignment text:label-followed-by=\"listtab\" ",
            "text:list-tab-stop-position=\"1.27cm\" fo:text-indent=\"-0.635cm\" fo:margin-left=\"1.27cm\"/>",
            "</style:list-level-properties>",
        )
    };
}

/// `styles.xml`; `{header}` is replaced by the escaped header line. Headings have
/// `style:default-outline-level` and the outline style, so they form the navigator's outline.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" ",
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" ",
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" ",
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" ",
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" ",
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.2\">",
    "<office:font-face-decls>",
    "<style:font-face style:name=\"Arial\" svg:font-family=\"Arial\" style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>",
    "<style:font-face style:name=\"Courier New\" svg:font-family=\"&apos;Courier New&apos;\" style:font-family-generic=\"modern\" style:font-pitch=\"fixed\"/>",
    "</office:font-face-decls><office:styles>",
    "<style:default-style style:family=\"paragraph\"><style:paragraph-properties style:writing-mode=\"lr-tb\"/>",
    "<style:text-properties style:font-name=\"Arial\" fo:font-size=\"11pt\" fo:language=\"de\" fo:country=\"DE\"/></style:default-style>",
    "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>",
    "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" ",
    "style:parent-style-name=\"Standard\" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0cm\" ",
    "fo:margin-bottom=\"0.21cm\" fo:line-height=\"115%\"/></style:style>",
    "<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" ",
    "style:next-style-name=\"Text_20_body\" style:class=\"chapter\"><style:paragraph-properties fo:margin-bottom=\"0.42cm\"/>",
    "<style:text-properties fo:font-size=\"20pt\" fo:font-weight=\"bold\" fo:color=\"#0b4f8a\"/></style:style>",
    "<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" ",
    "style:next-style-name=\"Text_20_body\" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.42cm\" ",
    "fo:margin-bottom=\"0.21cm\" fo:keep-with-next=\"always\"/><style:text-properties fo:font-weight=\"bold\"/></style:style>",
    "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" ",
    "style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"1\" ",
    "style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.63cm\"/>",
    "<style:text-properties fo:font-size=\"16pt\" fo:color=\"#0b4f8a\"/></style:style>",
    "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" ",
    "style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"2\" ",
    "style:class=\"text\"><style:text-properties fo:font-size=\"13pt\"/></style:style>",
    "<style:style style:name=\"Heading_20_3\" style:display-name=\"Heading 3\" style:family=\"paragraph\" ",
    "style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"3\" ",
    "style:class=\"text\"><style:text-properties fo:font-size=\"11pt\" fo:font-style=\"italic\"/></style:style>",
    "<style:style style:name=\"Quotations\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" ",
    "style:class=\"html\"><style:paragraph-properties fo:margin-left=\"0.6cm\" fo:margin-right=\"0.6cm\" ",
    "fo:margin-top=\"0.21cm\" fo:margin-bottom=\"0.21cm\" fo:padding-left=\"0.3cm\" fo:border-left=\"1.5pt solid #8a8f95\" ",
    "fo:border-right=\"none\" fo:border-top=\"none\" fo:border-bottom=\"none\"/>",
    "<style:text-properties fo:font-style=\"italic\" fo:color=\"#333333\"/></style:style>",
    "<style:style style:name=\"Listenabsatz\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" ",
    "style:class=\"list\"><style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.1cm\"/></style:style>",
    "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\" ",
    "style:parent-style-name=\"Standard\" style:class=\"extra\"/>",
    "<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\" style:family=\"paragraph\" ",
    "style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\"><style:text-properties fo:font-weight=\"bold\"/></style:style>",
    // Ruled lines to write on; `join-border="false"` keeps one line per paragraph.
    "<style:style style:name=\"Schreiblinie\" style:family=\"paragraph\" style:parent-style-name=\"Standard\">",
    "<style:paragraph-properties fo:margin-top=\"0.45cm\" fo:margin-bottom=\"0cm\" fo:border-bottom=\"0.5pt solid #000000\" ",
    "fo:border-top=\"none\" fo:border-left=\"none\" fo:border-right=\"none\" fo:padding=\"0cm\" style:join-border=\"false\"/></style:style>",
    "<style:style style:name=\"Header\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">",
    "<style:paragraph-properties fo:padding-bottom=\"0.1cm\" fo:border-bottom=\"0.5pt solid #8a8f95\" fo:border-top=\"none\" ",
    "fo:border-left=\"none\" fo:border-right=\"none\"/><style:text-properties fo:font-size=\"9pt\" fo:color=\"#4a4a4a\"/></style:style>",
    "<style:style style:name=\"Footer\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">",
    "<style:paragraph-properties fo:text-align=\"center\"/><style:text-properties fo:font-size=\"9pt\" fo:color=\"#4a4a4a\"/></style:style>",
    "<style:style style:name=\"Strong_20_Emphasis\" style:display-name=\"Strong Emphasis\" style:family=\"text\">",
    "<style:text-properties fo:font-weight=\"bold\"/></style:style>",
    "<style:style style:name=\"Emphasis\" style:family=\"text\"><style:text-properties fo:font-style=\"italic\"/></style:style>",
    "<style:style style:name=\"Source_20_Text\" style:display-name=\"Source Text\" style:family=\"text\">",
    "<style:text-properties style:font-name=\"Courier New\"/></style:style>",
    "<style:style style:name=\"Internet_20_link\" style:display-name=\"Internet link\" style:family=\"text\">",
    "<style:text-properties fo:color=\"#0b4f8a\" style:text-underline-style=\"solid\" style:text-underline-width=\"auto\" ",
    "style:text-underline-color=\"font-color\"/></style:style>",
    "<text:outline-style style:name=\"Outline\">",
    "<text:outline-level-style text:level=\"1\" style:num-format=\"\"/>",
    "<text:outline-level-style text:level=\"2\" style:num-format=\"\"/>",
    "<text:outline-level-style text:level=\"3\" style:num-format=\"\"/>",
    "</text:outline-style>",
    list_style!(
        "L_Punkte",
        "Aufzählung",
        "<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\">"
    ),
    "</text:list-level-style-bullet></text:list-style>",
    list_style!(
        "L_Offen",
        "Aufgabe offen",
        "<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"☐\">"
    ),
    "</text:list-level-style-bullet></text:list-style>",
    list_style!(
        "L_Erledigt",
        "Aufgabe erledigt",
        "<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"☑\">"
    ),
    "</text:list-level-style-bullet></text:list-style>",
    list_style!(
        "L_Nummern",
        "Nummerierung",
        "<text:list-level-style-number text:level=\"1\" style:num-suffix=\".\" style:num-format=\"1\">"
    ),
    "</text:list-level-style-number></text:list-style>",
    "</office:styles><office:automatic-styles><style:page-layout style:name=\"Seite\">",
    "<style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" ",
    "fo:margin-top=\"1.5cm\" fo:margin-bottom=\"1.2cm\" fo:margin-left=\"2.5cm\" fo:margin-right=\"2.5cm\"/>",
    "<style:header-style><style:header-footer-properties fo:min-height=\"0cm\" fo:margin-bottom=\"0.5cm\"/></style:header-style>",
    "<style:footer-style><style:header-footer-properties fo:min-height=\"0cm\" fo:margin-top=\"0.5cm\"/></style:footer-style>",
    "</style:page-layout></office:automatic-styles><office:master-styles>",
    "<style:master-page style:name=\"Standard\" style:page-layout-name=\"Seite\">",
    "<style:header><text:p text:style-name=\"Header\">{header}</text:p></style:header>",
    "<style:footer><text:p text:style-name=\"Footer\">Seite <text:page-number text:select-page=\"current\">1</text:page-number>",
    " von <text:page-count>1</text:page-count></text:p></style:footer>",
    "</style:master-page></office:master-styles></office:document-styles>"
);
