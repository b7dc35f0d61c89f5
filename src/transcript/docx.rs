//! Word documents (.docx): the main part (`word/document.xml`, or wherever
//! `_rels/.rels` points) read into paragraphs and tables, with `word/styles.xml` for
//! which paragraph styles are headings and which character styles are bold.
//!
//! What is read: paragraphs in order, their runs' text joined, `w:tab` as a tab,
//! `w:br`/`w:cr` as line breaks, field results, tables. What is not: deleted text
//! (`w:del`, `w:moveFrom`: the document is read with its tracked changes accepted),
//! field codes, hidden text, comments, footnotes and endnotes (other parts, never
//! opened), headers and footers, text boxes and shapes (reported), equations.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::document::{
    Archive, Builder, Doc, MAX_AUX_PART, MAX_PART, attr, find, missing, read_part, reference,
    xml_error, xml_text,
};
use super::{Encoding, Kind, ParseError};

const KIND: Kind = Kind::Docx;

pub fn read(archive: &mut Archive<'_>) -> Result<(Doc, Encoding), ParseError> {
    let main = main_part(archive)?;
    let Some(bytes) = read_part(archive, &main, KIND, MAX_PART)? else {
        return Err(missing(archive, &main, KIND));
    };
    let (xml, encoding) = xml_text(bytes, &main, KIND)?;
    let styles_name = match main.rfind('/') {
        Some(i) => format!("{}/styles.xml", &main[..i]),
        None => "styles.xml".to_owned(),
    };
    let mut notes = Vec::new();
    // The text can be read without the styles: a damaged styles part is a warning.
    let styles = read_part(archive, &styles_name, KIND, MAX_AUX_PART).and_then(|bytes| {
        bytes.map_or(Ok(Styles::default()), |bytes| {
            let (xml, _) = xml_text(bytes, &styles_name, KIND)?;
            Styles::read(&xml, &styles_name)
        })
    });
    let styles = styles.unwrap_or_else(|e| {
        notes.push(format!(
            "{}; read without it (headings and bold styles are not recognised)",
            e.message
        ));
        Styles::default()
    });
    let mut doc = read_document(&xml, &main, &styles)?;
    notes.append(&mut doc.notes);
    doc.notes = notes;
    Ok((doc, encoding))
}

/// The main part's name: the target of the package's officeDocument relationship,
/// else `word/document.xml`.
fn main_part(archive: &mut Archive<'_>) -> Result<String, ParseError> {
    let default = "word/document.xml".to_owned();
    let Some(bytes) = read_part(archive, "_rels/.rels", KIND, MAX_AUX_PART)? else {
        return Ok(default);
    };
    let Ok((xml, _)) = xml_text(bytes, "_rels/.rels", KIND) else {
        return Ok(default);
    };
    let mut reader = Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let main = attr(&e, "Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if let Some(target) = attr(&e, "Target").filter(|_| main) {
                    let target = target.trim_start_matches('/').to_owned();
                    if find(archive, &target).is_some() {
                        return Ok(target);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(default),
            Ok(_) => {}
        }
    }
}

/// `w:val` of a toggle such as `<w:b/>`, `<w:b w:val="0"/>`: on unless said otherwise.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// What `word/styles.xml` says of each style: headings and bold.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    bold: Option<bool>,
    outline: bool,
}

impl Styles {
    fn read(xml: &str, part: &str) -> Result<Styles, ParseError> {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut in_rpr = false;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(part, KIND, &e, reader.error_position()))?;
            let (e, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "style" => {
                            if let Some((id, s)) = current.take() {
                                styles.by_id.insert(id, s);
                            }
                        }
                        "rPr" => in_rpr = false,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match (e.local_name().as_ref(), current.as_mut()) {
                ("style", _) if !empty => {
                    current = attr(&e, "styleId").map(|id| (id, Style::default()));
                }
                ("name", Some((_, s))) => s.name = attr(&e, "val").unwrap_or_default(),
                ("basedOn", Some((_, s))) => s.based_on = attr(&e, "val"),
                ("rPr", Some(_)) if !empty => in_rpr = true,
                ("b", Some((_, s))) if in_rpr => s.bold = Some(on(&e)),
                ("outlineLvl", Some((_, s))) => {
                    s.outline = attr(&e, "val")
                        .and_then(|v| v.parse::<u8>().ok())
                        .is_some_and(|l| l < 9);
                }
                // Properties that only a change of formatting had: not the style's.
                ("rPrChange" | "pPrChange", _) if !empty => {
                    reader
                        .read_to_end(e.name())
                        .map_err(|err| xml_error(part, KIND, &err, reader.error_position()))?;
                }
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The style and those it is based on, nearest first (at most 16: a loop stops).
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (&'a str, Option<&'a Style>)> {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let id = next.take()?;
            let style = self.by_id.get(id);
            next = style.and_then(|s| s.based_on.as_deref());
            Some((id, style))
        })
        .take(16)
    }

    /// A title, subtitle or heading style (by its name, which is English whatever the
    /// language of Word; by its id when styles.xml does not have it).
    fn heading(&self, id: &str) -> bool {
        let is_heading = |name: &str| {
            let name = name.to_ascii_lowercase();
            name == "title" || name == "subtitle" || name.starts_with("heading")
        };
        self.chain(id).any(|(id, style)| match style {
            Some(s) => s.outline || is_heading(&s.name),
            None => is_heading(id),
        })
    }

    /// Whether a character style makes its text bold.
    fn bold(&self, id: &str) -> bool {
        self.chain(id)
            .find_map(|(_, s)| s.and_then(|s| s.bold))
            .unwrap_or(false)
    }
}

/// The run being read.
#[derive(Default)]
struct RunBuild {
    text: String,
    bold: Option<bool>,
    style_bold: bool,
    hidden: bool,
}

/// Elements whose whole content is skipped: deleted text, field codes, drawings and
/// text boxes, equations, and properties that hold no text.
const SKIP: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "delInstrText",
    "drawing",
    "pict",
    "object",
    "Fallback",
    "oMath",
    "oMathPara",
    "txbxContent",
    "rPrChange",
    "pPrChange",
    "sectPr",
    "sectPrChange",
    "tblPr",
    "tblPrChange",
    "tblGrid",
    "tblGridChange",
    "tcPr",
    "trPrChange",
    "numberingChange",
    "sdtPr",
    "sdtEndPr",
    "customXmlPr",
    "fldData",
    "ffData",
    "background",
];

/// Reading `w:body`.
struct Body<'s> {
    styles: &'s Styles,
    doc: Builder,
    run: Option<RunBuild>,
    in_ppr: bool,
    in_rpr: bool,
    in_trpr: bool,
    in_t: bool,
    /// Open complex fields: `true` while in a field's instructions, before its result.
    fields: Vec<bool>,
    /// Tracked changes met (insertions and deletions).
    changes: usize,
    /// Drawings, shapes and text boxes with text in them, skipped.
    boxes: usize,
}

impl Body<'_> {
    fn finish_para(&mut self) {
        self.finish_run();
        self.in_ppr = false;
        self.doc.finish_para();
    }

    fn finish_run(&mut self) {
        self.in_rpr = false;
        self.in_t = false;
        let (Some(r), Some(p)) = (self.run.take(), self.doc.para.as_mut()) else {
            return;
        };
        if !r.hidden {
            p.push(&r.text, r.bold.unwrap_or(r.style_bold));
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.fields.iter().any(|&instructions| instructions) {
            return;
        }
        if let Some(r) = self.run.as_mut() {
            r.text.push_str(text);
        }
    }

    /// Text of a `w:t`: a line end in it is a space (a break is `w:br`).
    fn push_t(&mut self, text: &str) {
        if self.in_t {
            self.push_text(&text.replace(['\n', '\r'], " "));
        }
    }

    /// An element that starts (`empty`: and ends at once).
    fn element(&mut self, e: &BytesStart<'_>, empty: bool) {
        let run_props = self.in_rpr && self.run.is_some();
        match e.local_name().as_ref() {
            "p" => {
                self.finish_para();
                self.doc.start_para();
                if empty {
                    self.finish_para();
                }
            }
            "pPr" if self.doc.para.is_some() && !empty => self.in_ppr = true,
            "pStyle" if self.in_ppr => {
                if let (Some(id), Some(p)) = (attr(e, "val"), self.doc.para.as_mut()) {
                    p.heading |= self.styles.heading(&id);
                }
            }
            "outlineLvl" if self.in_ppr => {
                let level = attr(e, "val").and_then(|v| v.parse::<u8>().ok());
                if let (Some(l), Some(p)) = (level, self.doc.para.as_mut()) {
                    p.heading |= l < 9;
                }
            }
            "r" if self.doc.para.is_some() && !self.in_ppr && !empty => {
                self.finish_run();
                self.run = Some(RunBuild::default());
            }
            "rPr" if self.run.is_some() && !empty => self.in_rpr = true,
            "b" if run_props => {
                if let Some(r) = self.run.as_mut() {
                    r.bold = Some(on(e));
                }
            }
            "rStyle" if run_props => {
                let bold = attr(e, "val").is_some_and(|id| self.styles.bold(&id));
                if let Some(r) = self.run.as_mut() {
                    r.style_bold = bold;
                }
            }
            "vanish" if run_props => {
                if let Some(r) = self.run.as_mut() {
                    r.hidden = on(e);
                }
            }
            "t" if self.run.is_some() && !self.in_rpr && !empty => self.in_t = true,
            "tab" | "ptab" if self.run.is_some() && !self.in_rpr => self.push_text("\t"),
            "br" | "cr" if self.run.is_some() && !self.in_rpr => self.push_text("\n"),
            "noBreakHyphen" if self.run.is_some() && !self.in_rpr => self.push_text("-"),
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            "ins" | "moveTo" => self.changes += 1,
            // Inside a row's properties, an empty `w:del` marks the row deleted.
            "del" => {
                self.changes += 1;
                if self.in_trpr {
                    self.doc.delete_row();
                }
            }
            "tbl" if !empty => {
                self.finish_para();
                self.doc.start_table();
            }
            "tr" if !empty => {
                self.finish_para();
                self.doc.start_row();
            }
            "trPr" if !empty => self.in_trpr = true,
            "tc" => {
                self.finish_para();
                self.doc.start_cell();
                if empty {
                    self.doc.finish_cell();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, local: &str) {
        match local {
            "p" => self.finish_para(),
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "r" => self.finish_run(),
            "t" => self.in_t = false,
            "trPr" => self.in_trpr = false,
            "tc" => {
                self.finish_para();
                self.doc.finish_cell();
            }
            "tr" => {
                self.finish_para();
                self.doc.finish_row();
            }
            "tbl" => {
                self.finish_para();
                self.doc.finish_table();
            }
            _ => {}
        }
    }
}

/// The paragraphs and tables of a main document part.
fn read_document(xml: &str, part: &str, styles: &Styles) -> Result<Doc, ParseError> {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let mut reader = Reader::from_str(xml);
    let mut body = Body {
        styles,
        doc: Builder::default(),
        run: None,
        in_ppr: false,
        in_rpr: false,
        in_trpr: false,
        in_t: false,
        fields: Vec::new(),
        changes: 0,
        boxes: 0,
    };
    let bad = |e: &dyn std::fmt::Display, at: u64| xml_error(part, KIND, e, at);
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(&e, reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                if SKIP.contains(&local.as_ref()) {
                    if local.as_ref() == "del" || local.as_ref() == "moveFrom" {
                        body.changes += 1;
                    }
                    let span = reader
                        .read_to_end(e.name())
                        .map_err(|err| bad(&err, reader.error_position()))?;
                    if matches!(local.as_ref(), "drawing" | "pict" | "object")
                        && xml
                            .get(span.start as usize..span.end as usize)
                            .is_some_and(|inner| inner.contains("txbxContent"))
                    {
                        body.boxes += 1;
                    }
                    continue;
                }
                depth += 1;
                body.element(&e, false);
            }
            Event::Empty(e) => body.element(&e, true),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                body.end(e.local_name().as_ref());
            }
            Event::Text(t) => body.push_t(&t.xml10_content()),
            Event::CData(t) => body.push_t(&t.xml10_content()),
            Event::GeneralRef(r) => match reference(&r) {
                Some(text) => body.push_t(&text),
                None => {
                    return Err(bad(
                        &format!("unknown entity '&{};'", &*r),
                        reader.buffer_position(),
                    ));
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(bad(
            &"it ends before its elements close: cut off?",
            reader.buffer_position(),
        ));
    }
    body.finish_para();
    let mut notes = Vec::new();
    if body.changes > 0 {
        notes.push(
            "the document has tracked changes: read as if all were accepted (inserted text kept, deleted text left out)"
                .to_owned(),
        );
    }
    if body.boxes > 0 {
        notes.push(format!(
            "{} text box{} or shape{} with text in {} not read; move the text into the body of the document if it is part of the transcript",
            body.boxes,
            if body.boxes == 1 { "" } else { "es" },
            if body.boxes == 1 { "" } else { "s" },
            if body.boxes == 1 { "it is" } else { "them are" },
        ));
    }
    Ok(Doc {
        blocks: body.doc.finish(),
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::document::{Block, Para};

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> Doc {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>"#
        );
        read_document(&xml, "word/document.xml", &Styles::default()).unwrap()
    }

    /// Each paragraph as (number, runs as `**bold**` and plain text).
    fn paras(d: &Doc) -> Vec<(usize, String)> {
        let show = |p: &Para| {
            let text: String = p
                .runs
                .iter()
                .map(|r| {
                    if r.bold {
                        format!("**{}**", r.text)
                    } else {
                        r.text.clone()
                    }
                })
                .collect();
            (p.number, if p.heading { format!("# {text}") } else { text })
        };
        d.blocks
            .iter()
            .flat_map(|b| match b {
                Block::Para(p) => vec![show(p)],
                Block::Table(rows) => rows
                    .iter()
                    .map(|r| {
                        let cells: Vec<String> = r
                            .iter()
                            .map(|c| c.iter().map(|p| show(p).1).collect::<Vec<_>>().join("/"))
                            .collect();
                        (r[0].first().map_or(0, |p| p.number), cells.join(" | "))
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn runs_tabs_breaks_and_entities() {
        let d = doc(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">Tom &amp; </w:t></w:r><w:r><w:t>Jerry</w:t><w:tab/><w:t>&#x2019;s</w:t><w:br/><w:t>next</w:t><w:cr/><w:t>line</w:t></w:r></w:p><w:p/>"#,
        );
        assert_eq!(
            paras(&d),
            [
                (1, "Tom & Jerry\t\u{2019}s\nnext\nline".to_owned()),
                (2, String::new())
            ]
        );
        assert!(d.notes.is_empty());
    }

    #[test]
    fn accepted_changes_comments_fields_and_hidden_text() {
        let d = doc(concat!(
            r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">It was </w:t></w:r>"#,
            r#"<w:del w:id="1" w:author="A"><w:r><w:delText>very </w:delText></w:r></w:del>"#,
            r#"<w:ins w:id="2" w:author="A"><w:r><w:t>quite </w:t></w:r></w:ins>"#,
            r#"<w:r><w:t>hard</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>, 3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>"#,
            r#"<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#,
        ));
        assert_eq!(paras(&d), [(1, "It was quite hard, 3.".to_owned())]);
        assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
        assert!(d.notes[0].starts_with("the document has tracked changes"));
    }

    #[test]
    fn bold_runs_and_heading_styles() {
        let mut styles = Styles::default();
        styles.by_id.insert(
            "berschrift1".into(),
            Style {
                name: "heading 1".into(),
                ..Style::default()
            },
        );
        styles.by_id.insert(
            "Fett".into(),
            Style {
                name: "Strong".into(),
                bold: Some(true),
                ..Style::default()
            },
        );
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:pPr><w:pStyle w:val="berschrift1"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Interview 3</w:t></w:r></w:p><w:p><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>Morag B</w:t></w:r><w:r><w:t xml:space="preserve"> Hello</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rStyle w:val="Fett"/></w:rPr><w:t>Int</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> Hi</w:t></w:r></w:p></w:body></w:document>"#
        );
        let d = read_document(&xml, "word/document.xml", &styles).unwrap();
        assert_eq!(
            paras(&d),
            [
                (1, "# Interview 3".to_owned()),
                (2, "**Morag B** Hello".to_owned()),
                (3, "**Int** Hi".to_owned())
            ]
        );
    }

    #[test]
    fn tables_nested_tables_deleted_rows_and_text_boxes() {
        let cell = |t: &str| {
            format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"1\"/></w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"
            )
        };
        let d = doc(&format!(
            concat!(
                "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>",
                "<w:tr>{}{}</w:tr>",
                "<w:tr><w:trPr><w:del w:id=\"9\" w:author=\"A\"/></w:trPr>{}{}</w:tr>",
                "<w:tr>{}<w:tc><w:p><w:r><w:t>outer</w:t></w:r></w:p><w:tbl><w:tr>{}</w:tr></w:tbl><w:p/></w:tc></w:tr>",
                "</w:tbl>",
                "<w:p><w:r><w:t>After</w:t></w:r><w:r><w:drawing><wp:inline><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
            ),
            cell("Int"),
            cell("Hi"),
            cell("Gone"),
            cell("Row"),
            cell("C1"),
            cell("inner"),
        ));
        assert_eq!(
            paras(&d),
            [
                (1, "Int | Hi".to_owned()),
                (5, "C1 | outer/inner/".to_owned()),
                (9, "After".to_owned())
            ]
        );
        assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
        assert!(d.notes[1].starts_with("1 text box or shape with text in it is not read"));
    }

    #[test]
    fn malformed_xml_is_an_error_naming_the_part() {
        for bad in [
            "<w:document><w:body><w:p></w:body></w:document>",
            "<w:document><w:body><w:p><w:r><w:t>cut",
            "<w:document><w:body><w:p><w:r><w:t>&nope;</w:t></w:r></w:p></w:body></w:document>",
        ] {
            let e = read_document(bad, "word/document.xml", &Styles::default()).unwrap_err();
            assert!(
                e.message
                    .starts_with("word/document.xml inside the .docx is not well-formed XML ("),
                "{bad}: {}",
                e.message
            );
            assert!(
                e.message
                    .ends_with("open it in Word and save it again as .docx")
            );
        }
    }

    #[test]
    fn styles_headings_and_bold() {
        let xml = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My heading"/><w:basedOn w:val="Titel"/></w:style><w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style><w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr></w:style><w:style w:type="character" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style></w:styles>"#
        );
        let s = Styles::read(&xml, "word/styles.xml").unwrap();
        assert!(s.heading("Titel") && s.heading("Mine") && s.heading("Outline"));
        assert!(s.heading("Heading2"), "an id styles.xml lacks");
        assert!(!s.heading("Normal") && !s.heading("Loop"));
        assert!(s.bold("Strong") && !s.bold("Normal") && !s.bold("Loop"));
    }
}
