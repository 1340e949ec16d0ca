//! The Word format (.docx, WordprocessingML) of a Document: styles with outline levels, lists
//! and tasks as numbering, tables with a repeated header row, header and page numbers.
//!
//! Word repairs (and warns about) a file whose elements are out of schema order, so every
//! element below is written in the order ECMA-376 lists it; the comments name the sequence.

use super::xml::{DECL, esc, escaped};
use super::zip::Zip;
use super::{Block, Document, Inline, Table, clean, uri};
use crate::markdown::safe_href;

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The text width of an A4 page with 2.5 cm side margins, in twips (1/20 pt).
const TEXT_WIDTH: u32 = 9072;

/// Numbering ids (`word/numbering.xml`): bullets, open and ticked tasks; each ordered
/// list gets its own id after these so that it starts again at 1.
const BULLET: usize = 1;
const OPEN: usize = 2;
const TICKED: usize = 3;

/// The document as a .docx file.
pub fn write(doc: &Document) -> Vec<u8> {
    let mut body = Body::default();
    body.start_p(Some("Title"), None);
    body.run(&doc.title, Fmt::default());
    body.out.push_str("</w:p>");
    for b in doc.blocks.iter().filter(|b| !b.is_empty()) {
        body.block(b);
    }

    let mut document = format!("{DECL}<w:document {NS}><w:body>");
    document.push_str(&body.out);
    // CT_SectPr: header/footer references, pgSz, pgMar, cols.
    document.push_str(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
         <w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1134\" w:left=\"1417\" \
         w:header=\"708\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"708\"/>\
         </w:sectPr></w:body></w:document>",
    );

    let mut rels = format!("{DECL}<Relationships xmlns=\"{PKG_REL}\">");
    for (id, kind, target) in [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdHeader", "header", "header1.xml"),
        ("rIdFooter", "footer", "footer1.xml"),
    ] {
        rels.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{REL}/{kind}\" Target=\"{target}\"/>"
        ));
    }
    for (i, href) in body.links.iter().enumerate() {
        rels.push_str(&format!(
            "<Relationship Id=\"rIdLink{}\" Type=\"{REL}/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
            i + 1,
            escaped(&uri(href))
        ));
    }
    rels.push_str("</Relationships>");

    let header = format!(
        "{DECL}<w:hdr {NS}><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>\
         <w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:hdr>",
        escaped(&doc.meta.header_line())
    );

    let mut zip = Zip::new();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("docProps/core.xml", core(doc).as_bytes());
    zip.add("docProps/app.xml", APP.as_bytes());
    zip.add("word/document.xml", document.as_bytes());
    zip.add("word/_rels/document.xml.rels", rels.as_bytes());
    zip.add("word/styles.xml", STYLES.as_bytes());
    zip.add("word/numbering.xml", numbering(body.ordered).as_bytes());
    zip.add("word/settings.xml", SETTINGS.as_bytes());
    zip.add("word/header1.xml", header.as_bytes());
    zip.add("word/footer1.xml", FOOTER.as_bytes());
    zip.finish()
}

/// Run formatting passed down through nested inlines.
#[derive(Debug, Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    code: bool,
    link: bool,
}

/// `word/document.xml`'s body being written, with what the other parts need to know.
#[derive(Default)]
struct Body {
    out: String,
    /// Link targets in order; link `i` has the relationship id `rIdLink{i + 1}`.
    links: Vec<String>,
    /// How many ordered lists there are so far.
    ordered: usize,
    /// A page break waits for the next paragraph.
    break_before: bool,
}

impl Body {
    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading(level, inl) => {
                let style =
                    ["Heading1", "Heading2", "Heading3"][usize::from((*level).clamp(1, 3)) - 1];
                self.paragraph(Some(style), inl);
            }
            Block::Paragraph(inl) => self.paragraph(None, inl),
            Block::Quote(inl) => self.paragraph(Some("Quote"), inl),
            Block::List { ordered, items } => {
                let number = ordered.then(|| {
                    self.ordered += 1;
                    TICKED + self.ordered
                });
                for item in items {
                    let id = match (number, item.checked) {
                        (Some(n), _) => n,
                        (None, Some(true)) => TICKED,
                        (None, Some(false)) => OPEN,
                        (None, None) => BULLET,
                    };
                    self.start_p(Some("ListParagraph"), Some(id));
                    // A numbered task keeps its number; the box goes before the text.
                    if number.is_some()
                        && let Some(checked) = item.checked
                    {
                        self.run(if checked { "☑ " } else { "☐ " }, Fmt::default());
                    }
                    self.inlines(&item.inlines, Fmt::default());
                    self.out.push_str("</w:p>");
                }
            }
            Block::Table(t) => self.table(t),
            Block::WritingSpace(lines) => {
                for _ in 0..*lines {
                    self.start_p(Some("WritingLine"), None);
                    self.out.push_str("</w:p>");
                }
            }
            Block::PageBreak => self.break_before = true,
        }
    }

    fn paragraph(&mut self, style: Option<&str>, inl: &[Inline]) {
        self.start_p(style, None);
        self.inlines(inl, Fmt::default());
        self.out.push_str("</w:p>");
    }

    /// Opens a paragraph. CT_PPr order: pStyle, keepNext, keepLines, pageBreakBefore, …, numPr.
    fn start_p(&mut self, style: Option<&str>, num: Option<usize>) {
        self.out.push_str("<w:p>");
        let brk = std::mem::take(&mut self.break_before);
        if style.is_none() && num.is_none() && !brk {
            return;
        }
        self.out.push_str("<w:pPr>");
        if let Some(s) = style {
            self.out.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
        }
        if brk {
            self.out.push_str("<w:pageBreakBefore/>");
        }
        if let Some(n) = num {
            self.out.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{n}\"/></w:numPr>"
            ));
        }
        self.out.push_str("</w:pPr>");
    }

    fn inlines(&mut self, list: &[Inline], fmt: Fmt) {
        for i in list {
            match i {
                Inline::Text(t) => self.run(t, fmt),
                Inline::Code(t) => self.run(t, Fmt { code: true, ..fmt }),
                Inline::Strong(c) => self.inlines(c, Fmt { bold: true, ..fmt }),
                Inline::Emphasis(c) => self.inlines(
                    c,
                    Fmt {
                        italic: true,
                        ..fmt
                    },
                ),
                Inline::Link(href, c) if !fmt.link && safe_href(href) => {
                    self.links.push(href.trim().to_string());
                    self.out.push_str(&format!(
                        "<w:hyperlink r:id=\"rIdLink{}\" w:history=\"1\">",
                        self.links.len()
                    ));
                    self.inlines(c, Fmt { link: true, ..fmt });
                    self.out.push_str("</w:hyperlink>");
                }
                Inline::Link(_, c) => self.inlines(c, fmt),
            }
        }
    }

    /// One run; line breaks and tabs in the text become `w:br` and `w:tab`.
    /// CT_RPr order: rStyle, rFonts, b, i.
    fn run(&mut self, text: &str, fmt: Fmt) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        self.out.push_str("<w:r>");
        if fmt.bold || fmt.italic || fmt.code || fmt.link {
            self.out.push_str("<w:rPr>");
            if fmt.link {
                self.out.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
            }
            if fmt.code {
                self.out.push_str(
                    "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>",
                );
            }
            if fmt.bold {
                self.out.push_str("<w:b/>");
            }
            if fmt.italic {
                self.out.push_str("<w:i/>");
            }
            self.out.push_str("</w:rPr>");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("<w:br/>");
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    self.out.push_str("<w:tab/>");
                }
                if !part.is_empty() {
                    self.out.push_str("<w:t xml:space=\"preserve\">");
                    esc(&mut self.out, part);
                    self.out.push_str("</w:t>");
                }
            }
        }
        self.out.push_str("</w:r>");
    }

    /// CT_Tbl: tblPr, tblGrid, tr*; CT_TblPr: tblW, tblBorders, tblLayout, tblCellMar;
    /// CT_TcPr: tcW, shd. The header row repeats on every page (`w:tblHeader`).
    fn table(&mut self, t: &Table) {
        if std::mem::take(&mut self.break_before) {
            self.out
                .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        }
        let widths: Vec<u32> = t.shares().iter().map(|s| s * TEXT_WIDTH / 1000).collect();
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
        self.out.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>\
             <w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>\
             <w:insideH {border}/><w:insideV {border}/></w:tblBorders>\
             <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>\
             <w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        ));
        for w in &widths {
            self.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.out.push_str("</w:tblGrid>");
        if !t.header.is_empty() {
            self.out
                .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (cell, w) in t.cells(&t.header).into_iter().zip(&widths) {
                self.cell(cell, *w, true);
            }
            self.out.push_str("</w:tr>");
        }
        for row in &t.rows {
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (cell, w) in t.cells(row).into_iter().zip(&widths) {
                self.cell(cell, *w, false);
            }
            self.out.push_str("</w:tr>");
        }
        // An empty paragraph after the table keeps two tables apart (Word would join them).
        self.out.push_str("</w:tbl><w:p/>");
    }

    fn cell(&mut self, inl: &[Inline], width: u32, header: bool) {
        self.out.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        ));
        if header {
            self.out
                .push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E4E9EE\"/>");
        }
        self.out.push_str("</w:tcPr>");
        self.start_p(Some("TableContents"), None);
        self.inlines(
            inl,
            Fmt {
                bold: header,
                ..Fmt::default()
            },
        );
        self.out.push_str("</w:p></w:tc>");
    }
}

fn core(doc: &Document) -> String {
    let mut s = format!(
        "{DECL}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title>",
        escaped(&doc.title)
    );
    if !doc.meta.kommune.trim().is_empty() {
        s.push_str(&format!(
            "<dc:creator>{}</dc:creator>",
            escaped(doc.meta.kommune.trim())
        ));
    }
    s.push_str(&format!(
        "<dc:description>{}</dc:description><dc:language>de-DE</dc:language></cp:coreProperties>",
        escaped(&doc.meta.header_line())
    ));
    s
}

/// `word/numbering.xml`: CT_Numbering holds every abstractNum before every num; CT_Lvl:
/// start, numFmt, lvlText, lvlJc, pPr, rPr.
fn numbering(ordered: usize) -> String {
    let level = |format: &str, text: &str, font: &str| {
        let font = if font.is_empty() {
            String::new()
        } else {
            format!(
                "<w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:cs=\"{font}\"/></w:rPr>"
            )
        };
        format!(
            "<w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
             <w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
             <w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr>{font}</w:lvl>"
        )
    };
    let mut s = format!("{DECL}<w:numbering {NS}>");
    for (id, lvl) in [
        (0, level("bullet", "•", "")),
        (1, level("bullet", "☐", "Segoe UI Symbol")),
        (2, level("bullet", "☑", "Segoe UI Symbol")),
        (3, level("decimal", "%1.", "")),
    ] {
        s.push_str(&format!(
            "<w:abstractNum w:abstractNumId=\"{id}\">{lvl}</w:abstractNum>"
        ));
    }
    for (num, abs) in [(BULLET, 0), (OPEN, 1), (TICKED, 2)] {
        s.push_str(&format!(
            "<w:num w:numId=\"{num}\"><w:abstractNumId w:val=\"{abs}\"/></w:num>"
        ));
    }
    for k in 1..=ordered {
        s.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"3\"/><w:lvlOverride w:ilvl=\"0\">\
             <w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
            TICKED + k
        ));
    }
    s.push_str("</w:numbering>");
    s
}

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

const APP: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
    "<Application>Leitfaden Open Government</Application></Properties>"
);

/// CT_Settings order: defaultTabStop, characterSpacingControl, compat, themeFontLang,
/// decimalSymbol, listSeparator. Compatibility mode 15 keeps Word out of "compatibility
/// mode"; no `updateFields`, which would ask the reader a question on opening.
const SETTINGS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:defaultTabStop w:val=\"708\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>",
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    "<w:themeFontLang w:val=\"de-DE\"/><w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/>",
    "</w:settings>"
);

/// "Seite X von Y" with PAGE and NUMPAGES fields (the cached results are updated by Word
/// and LibreOffice when they lay out the pages).
const FOOTER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>",
    "<w:r><w:t xml:space=\"preserve\">Seite </w:t></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
    "<w:r><w:t xml:space=\"preserve\"> von </w:t></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
    "<w:r><w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
    "</w:p></w:ftr>"
);

/// Styles: CT_Style order name, basedOn, next, uiPriority, semiHidden, unhideWhenUsed,
/// qFormat, pPr, rPr, tblPr; CT_PPr order pBdr, spacing, ind, contextualSpacing, jc,
/// outlineLvl; CT_RPr order b, i, color, sz, szCs, u, lang. Headings carry `outlineLvl`,
/// which makes them the document outline (Word's navigation pane, LibreOffice's navigator).
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr>",
    "<w:rFonts w:ascii=\"Arial\" w:eastAsia=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>",
    "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"de-DE\" w:eastAsia=\"de-DE\" w:bidi=\"ar-SA\"/>",
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
    "<w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>",
    "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
    "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>",
    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>",
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>",
    "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr>",
    "<w:rPr><w:b/><w:color w:val=\"0B4F8A\"/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>",
    "<w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>",
    "<w:rPr><w:b/><w:color w:val=\"0B4F8A\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>",
    "<w:spacing w:before=\"280\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/></w:pPr>",
    "<w:rPr><w:b/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>",
    "<w:spacing w:before=\"200\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/></w:pPr>",
    "<w:rPr><w:b/><w:i/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/>",
    "<w:contextualSpacing/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:next w:val=\"Normal\"/><w:uiPriority w:val=\"29\"/><w:qFormat/><w:pPr><w:pBdr>",
    "<w:left w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"8A8F95\"/></w:pBdr>",
    "<w:spacing w:before=\"120\" w:after=\"120\"/><w:ind w:left=\"340\" w:right=\"340\"/></w:pPr>",
    "<w:rPr><w:i/><w:color w:val=\"333333\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableContents\"><w:name w:val=\"Tabelleninhalt\"/>",
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\"/></w:pPr></w:style>",
    // Ruled lines to write on: Word draws the border between paragraphs of the same
    // border as `between`, so both are set; the exact line height is the writing height.
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"WritingLine\"><w:name w:val=\"Schreiblinie\"/>",
    "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:pBdr>",
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"000000\"/>",
    "<w:between w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>",
    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"480\" w:lineRule=\"exact\"/></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:pBdr>",
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"8A8F95\"/></w:pBdr><w:spacing w:after=\"0\"/></w:pPr>",
    "<w:rPr><w:color w:val=\"4A4A4A\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>",
    "<w:rPr><w:color w:val=\"4A4A4A\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>",
    "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/>",
    "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
    "<w:rPr><w:color w:val=\"0B4F8A\"/><w:u w:val=\"single\"/></w:rPr></w:style>",
    "</w:styles>"
);
