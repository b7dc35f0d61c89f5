//! OpenDocument text (.odt): `content.xml` read into paragraphs and tables.
//!
//! What is read: `text:p` and `text:h` in order (headings, and paragraphs in a Title
//! or Subtitle style, are left out of the text as in a .docx), `text:span`, `text:s`
//! (spaces), `text:tab`, `text:line-break`, links, fields' shown text, lists, tables
//! (`table:table-row`, `table:table-cell`). White space is collapsed as the format
//! says. Bold is read from the automatic styles in `content.xml` (what bold text
//! typed in LibreOffice gets) and from character styles whose name says Strong; bold
//! that comes only from a named style in `styles.xml` is not seen. What is not read:
//! comments (`office:annotation`), footnotes and endnotes (`text:note`), the deleted
//! text kept for tracked changes (`text:tracked-changes`: the document is read with
//! its changes accepted), frames, shapes and text boxes (reported), tables of
//! contents and other indexes.

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::document::{
    Archive, Builder, Doc, MAX_AUX_PART, MAX_PART, attr, missing, read_part, reference, xml_error,
    xml_text,
};
use super::{Encoding, Kind, ParseError};

const KIND: Kind = Kind::Odt;

pub fn read(archive: &mut Archive<'_>) -> Result<(Doc, Encoding), ParseError> {
    // An encrypted .odt is still a zip archive: the manifest says its parts are encrypted.
    if let Some(manifest) = read_part(archive, "META-INF/manifest.xml", KIND, MAX_AUX_PART)?
        && String::from_utf8_lossy(&manifest).contains("encryption-data")
    {
        return Err(ParseError {
            line: None,
            message: "password-protected (the .odt is encrypted): coda cannot read it; save it again as .odt without a password".into(),
        });
    }
    let part = "content.xml";
    let Some(bytes) = read_part(archive, part, KIND, MAX_PART)? else {
        return Err(missing(archive, part, KIND));
    };
    let (xml, encoding) = xml_text(bytes, part, KIND)?;
    Ok((read_content(&xml, part)?, encoding))
}

/// Elements whose whole content is skipped.
const SKIP: &[&str] = &[
    "office:annotation",
    "text:note",
    "text:tracked-changes",
    "text:table-of-content",
    "text:alphabetical-index",
    "text:illustration-index",
    "text:table-index",
    "text:object-index",
    "text:user-index",
    "text:bibliography",
    "text:sequence-decls",
    "text:variable-decls",
    "text:user-field-decls",
    "text:dde-connection-decls",
    "text:ruby-text",
    "text:number",
    "table:covered-table-cell",
    "office:forms",
    "office:scripts",
    "office:font-face-decls",
];

fn is_heading_style(name: &str) -> bool {
    name == "Title" || name == "Subtitle" || name.starts_with("Heading")
}

/// Reading `content.xml`.
#[derive(Default)]
struct Body {
    doc: Builder,
    /// Automatic text styles that are bold, and automatic paragraph styles that are
    /// headings (by the style they are based on).
    bold_styles: HashSet<String>,
    heading_styles: HashSet<String>,
    /// The automatic style being read: name, family.
    style: Option<(String, String)>,
    in_automatic: bool,
    /// Bold of each open `text:span`.
    spans: Vec<bool>,
    /// Whether the last character written is a space that swallows the next white
    /// space (at the start of a paragraph too).
    collapse: bool,
    changes: usize,
    boxes: usize,
}

impl Body {
    fn bold(&self) -> bool {
        self.spans.last().copied().unwrap_or(false)
    }

    fn push(&mut self, text: &str) {
        let bold = self.bold();
        if let Some(p) = self.doc.para.as_mut() {
            p.push(text, bold);
        }
    }

    /// Text as written in the XML: each run of white space is one space.
    fn push_collapsed(&mut self, text: &str) {
        if self.doc.para.is_none() {
            return;
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.collapse {
                    out.push(' ');
                    self.collapse = true;
                }
            } else {
                out.push(c);
                self.collapse = false;
            }
        }
        self.push(&out);
    }

    fn start_para(&mut self, e: &BytesStart<'_>, heading: bool) {
        self.doc.start_para();
        self.spans.clear();
        self.collapse = true;
        let styled = attr(e, "style-name")
            .is_some_and(|s| is_heading_style(&s) || self.heading_styles.contains(&s));
        if let Some(p) = self.doc.para.as_mut() {
            p.heading = heading || styled;
        }
    }

    fn element(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.name().as_ref() {
            "office:automatic-styles" if !empty => self.in_automatic = true,
            "style:style" if self.in_automatic => {
                let name = attr(e, "name").unwrap_or_default();
                let family = attr(e, "family").unwrap_or_default();
                let parent = attr(e, "parent-style-name").unwrap_or_default();
                if family == "paragraph" && is_heading_style(&parent) {
                    self.heading_styles.insert(name.clone());
                }
                if family == "text" && parent.contains("Strong") {
                    self.bold_styles.insert(name.clone());
                }
                self.style = (!empty).then_some((name, family));
            }
            "style:text-properties" => {
                let weight = attr(e, "font-weight").unwrap_or_default();
                let bold = weight == "bold" || weight.parse::<u16>().is_ok_and(|w| w >= 600);
                if let Some((name, family)) = &self.style
                    && family == "text"
                    && bold
                {
                    self.bold_styles.insert(name.clone());
                }
            }
            "text:p" | "text:h" => {
                self.start_para(e, e.name().as_ref() == "text:h");
                if empty {
                    self.doc.finish_para();
                }
            }
            "text:span" if !empty => {
                let bold = attr(e, "style-name")
                    .is_some_and(|s| self.bold_styles.contains(&s) || s.contains("Strong"));
                self.spans.push(bold || self.bold());
            }
            "text:s" => {
                let n = attr(e, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    // A long run of spaces is layout; and a cap keeps a small file small.
                    .min(100);
                self.push(&" ".repeat(n));
                self.collapse = false;
            }
            "text:tab" => {
                self.push("\t");
                self.collapse = false;
            }
            "text:line-break" => {
                self.push("\n");
                self.collapse = true;
            }
            "text:change" | "text:change-start" => self.changes += 1,
            "table:table" if !empty => self.doc.start_table(),
            "table:table-row" if !empty => self.doc.start_row(),
            "table:table-cell" => {
                self.doc.start_cell();
                if empty {
                    self.doc.finish_cell();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "office:automatic-styles" => self.in_automatic = false,
            "style:style" => self.style = None,
            "text:p" | "text:h" => self.doc.finish_para(),
            "text:span" => {
                self.spans.pop();
            }
            "table:table-cell" => self.doc.finish_cell(),
            "table:table-row" => self.doc.finish_row(),
            "table:table" => self.doc.finish_table(),
            _ => {}
        }
    }
}

fn read_content(xml: &str, part: &str) -> Result<Doc, ParseError> {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let mut reader = Reader::from_str(xml);
    let mut body = Body::default();
    let bad = |e: &dyn std::fmt::Display, at: u64| xml_error(part, KIND, e, at);
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(&e, reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if SKIP.contains(&name) || name.starts_with("draw:") || name.starts_with("svg:") {
                    if name == "text:tracked-changes" {
                        body.changes += 1;
                    }
                    let span = reader
                        .read_to_end(e.name())
                        .map_err(|err| bad(&err, reader.error_position()))?;
                    if name.starts_with("draw:")
                        && xml
                            .get(span.start as usize..span.end as usize)
                            .is_some_and(|inner| inner.contains("<text:p"))
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
                body.end(e.name().as_ref());
            }
            Event::Text(t) => body.push_collapsed(&t.xml10_content()),
            Event::CData(t) => body.push_collapsed(&t.xml10_content()),
            Event::GeneralRef(r) => match reference(&r) {
                Some(text) => body.push_collapsed(&text),
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
    let mut notes = Vec::new();
    if body.changes > 0 {
        notes.push(
            "the document has tracked changes: read as if all were accepted (inserted text kept, deleted text left out)"
                .to_owned(),
        );
    }
    if body.boxes > 0 {
        notes.push(format!(
            "{} frame{} or text box{} with text in {} not read; move the text into the body of the document if it is part of the transcript",
            body.boxes,
            if body.boxes == 1 { "" } else { "s" },
            if body.boxes == 1 { "" } else { "es" },
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
    use crate::transcript::document::Block;

    fn content(styles: &str, body: &str) -> Doc {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        read_content(&xml, "content.xml").unwrap()
    }

    fn texts(d: &Doc) -> Vec<(usize, bool, String)> {
        d.blocks
            .iter()
            .flat_map(|b| match b {
                Block::Para(p) => vec![p.clone()],
                Block::Table(rows) => rows.iter().flatten().flatten().cloned().collect(),
            })
            .map(|p| {
                let text = p
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
                (p.number, p.heading, text)
            })
            .collect()
    }

    #[test]
    fn spaces_tabs_breaks_spans_and_bold() {
        let d = content(
            r#"<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_1"/>"#,
            concat!(
                r#"<text:h text:outline-level="1">Interview 3</text:h>"#,
                r#"<text:p text:style-name="P1">Styled heading</text:p>"#,
                "<text:p>\n  <text:span text:style-name=\"T1\">Morag B</text:span> How   was\n it?<text:s text:c=\"2\"/>Fine<text:tab/>ok<text:line-break/> next &amp; last</text:p>",
                r#"<text:p/>"#,
            ),
        );
        assert_eq!(
            texts(&d),
            [
                (1, true, "Interview 3".to_owned()),
                (2, true, "Styled heading".to_owned()),
                (
                    3,
                    false,
                    "**Morag B** How was it?  Fine\tok\nnext & last".to_owned()
                ),
                (4, false, String::new()),
            ]
        );
        assert!(d.notes.is_empty());
    }

    #[test]
    fn comments_notes_changes_frames_and_tables() {
        let d = content(
            "",
            concat!(
                r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>gone</text:p></text:deletion></text:changed-region></text:tracked-changes>"#,
                r#"<text:p>It was <text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>quite <text:change-end text:change-id="c2"/>hard<office:annotation><dc:creator>A</dc:creator><text:p>a comment</text:p></office:annotation>.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>a note</text:p></text:note-body></text:note></text:p>"#,
                r#"<text:p><draw:frame><draw:text-box><text:p>boxed</text:p></draw:text-box></draw:frame>After</text:p>"#,
                r#"<table:table><table:table-column/><table:table-row><table:table-cell><text:p>Int</text:p></table:table-cell><table:covered-table-cell/><table:table-cell/></table:table-row></table:table>"#,
            ),
        );
        assert_eq!(
            texts(&d),
            [
                (1, false, "It was quite hard.".to_owned()),
                (2, false, "After".to_owned()),
                (3, false, "Int".to_owned()),
            ]
        );
        match &d.blocks[2] {
            Block::Table(rows) => assert_eq!(rows[0].len(), 2, "the covered cell is no cell"),
            b => panic!("{b:?}"),
        }
        assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
    }

    #[test]
    fn malformed_xml_is_an_error_naming_the_part() {
        let e = read_content("<office:document-content><text:p>cut", "content.xml").unwrap_err();
        assert!(
            e.message
                .starts_with("content.xml inside the .odt is not well-formed XML ("),
            "{}",
            e.message
        );
        assert!(
            e.message
                .ends_with("open it in LibreOffice and save it again as .odt")
        );
    }
}
