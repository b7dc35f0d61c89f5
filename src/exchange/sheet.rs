//! Writing a coding sheet: a header row, then one row per participant turn with its
//! segment id, participant, attributes and text, a column per theme holding 1 where the
//! pass codes it (empty otherwise), the evidence and an empty `note` column. As CSV
//! (RFC 4180, cells a spreadsheet would run defused as everywhere in coda) or `.xlsx`
//! (text wrapped, header frozen and filtered, theme columns narrow and limited to 0 or
//! 1, and a hidden `coda` worksheet naming the pass, the codebook and its theme tree).

use std::io::Write;

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    Workbook, XlsxError,
};

use super::{ABOUT, CODING, EVIDENCE, Frame, NOTE, SEGMENT, TEXT};
use crate::error::{Error, Problem, Result};
use crate::output::{Cell, Column, CsvRows};

/// A cell of a spreadsheet holds at most 32,767 characters (UTF-16 units); a longer turn
/// is cut at 32,000 units, with this note at the end. `coda import` compares only the
/// part before it with the project's text.
pub const CUT: &str =
    " [... cut: the turn is longer than a spreadsheet cell holds; see `coda explain`]";
const CELL_MAX: usize = 32_000;

/// One row: a participant turn.
pub struct SheetRow<'a> {
    pub segment: &'a str,
    pub transcript: &'a str,
    pub participant: &'a str,
    /// In the order of the sheet's attribute columns.
    pub attributes: Vec<Option<&'a str>>,
    pub text: &'a str,
    /// Per theme column: 1 where the pass codes it, 0 where it does not, `None` without
    /// a pass.
    pub coded: Vec<Option<u8>>,
    pub evidence: String,
}

/// The columns: segment, transcript, participant, the attributes, text, the themes in
/// tree order, evidence, note.
pub fn header(attributes: &[String], frame: &Frame) -> Vec<String> {
    let mut h: Vec<String> = [SEGMENT, "transcript", "participant"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    h.extend(attributes.iter().cloned());
    h.push(TEXT.to_owned());
    h.extend(frame.tree());
    h.push(EVIDENCE.to_owned());
    h.push(NOTE.to_owned());
    h
}

/// What the hidden `coda` worksheet records: the sheet's pass (if any) and the codebook
/// with its theme tree.
pub struct About<'a> {
    pub pass: Option<&'a str>,
    pub frame: &'a Frame,
}

pub enum SheetWriter<'w> {
    Csv(Box<CsvRows<&'w mut dyn Write>>),
    Xlsx(Box<Xlsx<'w>>),
}

pub struct Xlsx<'w> {
    out: &'w mut dyn Write,
    book: Workbook,
    row: u32,
    columns: usize,
    /// The first and last theme column.
    themes: (u16, u16),
    wrap: Format,
    cut: usize,
}

impl<'w> SheetWriter<'w> {
    pub fn csv(out: &'w mut dyn Write, header: &[String]) -> Result<SheetWriter<'w>> {
        let columns: Vec<Column> = header.iter().map(Column::data).collect();
        Ok(SheetWriter::Csv(Box::new(CsvRows::new(out, &columns)?)))
    }

    pub fn xlsx(
        out: &'w mut dyn Write,
        header: &[String],
        about: &About,
    ) -> Result<SheetWriter<'w>> {
        let mut book = Workbook::new();
        // A fixed creation time: the same sheet is the same bytes.
        let when = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&when));
        let bold = Format::new().set_bold().set_align(FormatAlign::Top);
        let turned = Format::new()
            .set_bold()
            .set_rotation(90)
            .set_align(FormatAlign::Center);
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let tree = about.frame.tree();
        let first = header.iter().position(|h| h == TEXT).unwrap_or(0) + 1;
        let themes = (first as u16, (first + tree.len()).saturating_sub(1) as u16);
        {
            let ws = book.add_worksheet();
            ws.set_name(CODING).map_err(xlsx_error)?;
            for (i, h) in header.iter().enumerate() {
                let c = i as u16;
                let is_theme = !tree.is_empty() && c >= themes.0 && c <= themes.1;
                let format = if is_theme { &turned } else { &bold };
                ws.write_string_with_format(0, c, h, format)
                    .map_err(xlsx_error)?;
                let width = if is_theme {
                    4.0
                } else if h == TEXT {
                    80.0
                } else if h == EVIDENCE || h == NOTE {
                    30.0
                } else {
                    14.0
                };
                ws.set_column_width(c, width).map_err(xlsx_error)?;
            }
            ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        }
        {
            let ws = book.add_worksheet();
            ws.set_name(ABOUT).map_err(xlsx_error)?;
            ws.set_hidden(true);
            let f = about.frame;
            let mut rows: Vec<[String; 4]> = vec![
                [
                    "made by".into(),
                    "coda sheet".into(),
                    String::new(),
                    String::new(),
                ],
                [
                    "pass".into(),
                    about.pass.unwrap_or_default().into(),
                    String::new(),
                    String::new(),
                ],
                [
                    "codebook".into(),
                    f.codebook.name.clone(),
                    f.codebook.version.clone().unwrap_or_default(),
                    f.codebook.sha256.clone(),
                ],
                [
                    "codebook path".into(),
                    f.codebook.path.to_string_lossy().into_owned(),
                    String::new(),
                    String::new(),
                ],
            ];
            for t in &f.themes {
                rows.push([
                    "theme".into(),
                    t.id.clone(),
                    t.label.clone().unwrap_or_default(),
                    t.parent.clone().unwrap_or_default(),
                ]);
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        ws.write_string(r as u32, c as u16, v).map_err(xlsx_error)?;
                    }
                }
            }
        }
        Ok(SheetWriter::Xlsx(Box::new(Xlsx {
            out,
            book,
            row: 0,
            columns: header.len(),
            themes,
            wrap,
            cut: 0,
        })))
    }

    pub fn push(&mut self, r: &SheetRow) -> Result<()> {
        match self {
            SheetWriter::Csv(rows) => {
                let mut cells: Vec<Cell> =
                    vec![r.segment.into(), r.transcript.into(), r.participant.into()];
                cells.extend(r.attributes.iter().map(|a| Cell::from(*a)));
                cells.push(r.text.into());
                cells.extend(r.coded.iter().map(|c| Cell::from(c.map(|v| v as usize))));
                cells.push(r.evidence.as_str().into());
                cells.push(Cell::Null);
                rows.push(&cells)
            }
            SheetWriter::Xlsx(x) => x.push(r),
        }
    }

    /// Write what is left; the number of rows, and of texts cut to fit a cell.
    pub fn finish(self) -> Result<(usize, usize)> {
        match self {
            SheetWriter::Csv(rows) => {
                (*rows).finish()?;
                Ok((0, 0))
            }
            SheetWriter::Xlsx(x) => x.finish(),
        }
    }
}

impl Xlsx<'_> {
    fn push(&mut self, r: &SheetRow) -> Result<()> {
        self.row += 1;
        let row = self.row;
        let ws = self.book.worksheet_from_name(CODING).map_err(xlsx_error)?;
        let mut c = 0u16;
        let put = |ws: &mut rust_xlsxwriter::Worksheet, c: &mut u16, v: &str| -> Result<()> {
            if !v.is_empty() {
                ws.write_string(row, *c, v).map_err(xlsx_error)?;
            }
            *c += 1;
            Ok(())
        };
        put(ws, &mut c, r.segment)?;
        put(ws, &mut c, r.transcript)?;
        put(ws, &mut c, r.participant)?;
        for a in &r.attributes {
            put(ws, &mut c, a.unwrap_or_default())?;
        }
        let text = if r.text.encode_utf16().count() > 32_767 {
            self.cut += 1;
            // (Excel counts UTF-16 units: a character outside the BMP is two.)
            let mut units = 0;
            let end = r
                .text
                .char_indices()
                .find(|(_, c)| {
                    units += c.len_utf16();
                    units > CELL_MAX
                })
                .map_or(r.text.len(), |(i, _)| i);
            format!("{}{CUT}", &r.text[..end])
        } else {
            r.text.to_owned()
        };
        ws.write_string_with_format(row, c, &text, &self.wrap)
            .map_err(xlsx_error)?;
        c += 1;
        for coded in &r.coded {
            if let Some(v) = coded {
                ws.write_number(row, c, *v).map_err(xlsx_error)?;
            }
            c += 1;
        }
        put(ws, &mut c, &r.evidence)?;
        Ok(())
    }

    fn finish(mut self) -> Result<(usize, usize)> {
        let rows = self.row as usize;
        let last_col = self.columns.saturating_sub(1) as u16;
        let (first, last) = self.themes;
        let ws = self.book.worksheet_from_name(CODING).map_err(xlsx_error)?;
        ws.autofilter(0, 0, self.row, last_col)
            .map_err(xlsx_error)?;
        if rows > 0 && last >= first {
            let v = DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(0, 1))
                .set_error_message(
                    "1 where the theme is coded in the turn, 0 or empty where it is not",
                )
                .map_err(xlsx_error)?;
            ws.add_data_validation(1, first, self.row, last, &v)
                .map_err(xlsx_error)?;
        }
        let bytes = self.book.save_to_buffer().map_err(xlsx_error)?;
        self.out.write_all(&bytes).map_err(Error::Output)?;
        Ok((rows, self.cut))
    }
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::input(Problem::general(format!("writing the .xlsx sheet: {e}")))
}
