//! Reading a coding sheet back: a CSV (any encoding `coda` reads, comma, semicolon or
//! tab) or an `.xlsx` workbook (its `coding` worksheet, else its first), as a table of
//! cells; then, as a coding sheet (a column per theme) or in the long form (a row per
//! coding: `segment,theme[,coder]`), the codings a person made, every problem found
//! named by its cell or line. Nothing here touches the project: `cmd::import` checks
//! the segments against it and stores the pass.

use std::io::Read as _;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::sheet::CUT;
use super::{ABOUT, CODING, Frame, IGNORED, SEGMENT, TEXT, cell_name};
use crate::error::{Error, Problem, Result};
use crate::store::{CodebookRecord, ThemeRecord};

/// A cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// Anything else a spreadsheet holds (a date, a boolean, an error), as shown.
    Other(String),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::Other(s) => s.clone(),
            Value::Number(n) => format!("{n}"),
        }
    }
}

/// A table: the header and the rows, each with where it is (the 1-based line of a CSV
/// or row of a worksheet).
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<Value>)>,
    /// Cells are named as in a spreadsheet (`F12`), else by line and column.
    pub xlsx: bool,
    /// From an `.xlsx` sheet's hidden `coda` worksheet: the pass it was made from and
    /// the codebook with its theme tree.
    pub about: Option<(Option<String>, Frame)>,
}

impl Table {
    /// Where a cell is, for a message.
    pub fn cell(&self, line: usize, col: usize) -> String {
        if self.xlsx {
            format!("cell {}", cell_name(line - 1, col))
        } else {
            format!("line {line}, column '{}'", self.header[col])
        }
    }
}

/// Read `path` as a table: `.xlsx` by its name (and refused if it is not one), else CSV.
pub fn read_table(path: &Path) -> Result<Table> {
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    if is_xlsx || bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(path, bytes)
    } else {
        read_csv(path, &bytes)
    }
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<Table> {
    let decoded = crate::transcript::decode::decode(bytes).map_err(|e| {
        Error::input(Problem::at(
            path,
            None,
            match e {
                crate::transcript::decode::DecodeError::Empty => "the sheet is empty",
                crate::transcript::decode::DecodeError::Binary { .. } => {
                    "a binary file, not CSV text or an .xlsx workbook: in a spreadsheet use Save As > Excel Workbook (.xlsx) or CSV UTF-8"
                }
            },
        ))
    })?;
    let delimiter =
        crate::corpus::sheet::sniff_delimiter(decoded.text.lines().next().unwrap_or(""));
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(decoded.text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            Error::input(Problem::at(
                path,
                line,
                format!("not CSV as RFC 4180 has it: {e}"),
            ))
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if header.is_none() {
            header = Some(rec.iter().map(|h| h.trim().to_owned()).collect::<Vec<_>>());
            continue;
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((
            line,
            rec.iter()
                .map(|c| {
                    if c.trim().is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(c.to_owned())
                    }
                })
                .collect(),
        ));
    }
    let Some(header) = header else {
        return Err(Error::input(Problem::at(path, None, "the sheet is empty")));
    };
    Ok(Table {
        header,
        rows,
        xlsx: false,
        about: None,
    })
}

fn read_xlsx(path: &Path, bytes: Vec<u8>) -> Result<Table> {
    let not_one = |e: &dyn std::fmt::Display| {
        Error::input(Problem::at(
            path,
            None,
            format!(
                "not an .xlsx workbook that can be read ({e}); save it from the spreadsheet as Excel Workbook (.xlsx), or as CSV UTF-8"
            ),
        ))
    };
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| not_one(&e))?;
    let names = book.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == CODING)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| not_one(&"it has no worksheet"))?;
    let range = book.worksheet_range(&name).map_err(|e| not_one(&e))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut header = None;
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let line = top as usize + i + 1;
        // Cells left of the range's start are empty.
        let mut cells: Vec<Value> = vec![Value::Empty; left as usize];
        cells.extend(r.iter().map(value));
        if header.is_none() {
            if cells.iter().all(|c| *c == Value::Empty) {
                continue;
            }
            header = Some(
                cells
                    .iter()
                    .map(|c| c.text().trim().to_owned())
                    .collect::<Vec<_>>(),
            );
            continue;
        }
        if cells.iter().all(|c| *c == Value::Empty) {
            continue;
        }
        rows.push((line, cells));
    }
    let Some(header) = header else {
        return Err(Error::input(Problem::at(
            path,
            None,
            format!("worksheet '{name}' is empty"),
        )));
    };
    let about = if names.iter().any(|n| n == ABOUT) {
        book.worksheet_range(ABOUT).ok().and_then(|r| about(&r))
    } else {
        None
    };
    Ok(Table {
        header,
        rows,
        xlsx: true,
        about,
    })
}

fn value(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) if s.trim().is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        other => Value::Other(other.to_string()),
    }
}

/// The hidden `coda` worksheet: key, value, value, value rows (see `sheet::SheetWriter`).
fn about(r: &calamine::Range<Data>) -> Option<(Option<String>, Frame)> {
    let mut pass = None;
    let mut codebook = CodebookRecord {
        name: String::new(),
        version: None,
        sha256: String::new(),
        path: Default::default(),
    };
    let mut themes = Vec::new();
    for row in r.rows() {
        let s = |i: usize| -> Option<String> {
            row.get(i).map(|d| d.to_string()).filter(|v| !v.is_empty())
        };
        match s(0).as_deref() {
            Some("pass") => pass = s(1),
            Some("codebook") => {
                codebook.name = s(1).unwrap_or_default();
                codebook.version = s(2);
                codebook.sha256 = s(3).unwrap_or_default();
            }
            Some("codebook path") => codebook.path = s(1).unwrap_or_default().into(),
            Some("theme") => themes.push(ThemeRecord {
                id: s(1)?,
                label: s(2),
                parent: s(3),
                codings: 0,
            }),
            _ => {}
        }
    }
    (!themes.is_empty()).then_some((pass, Frame { codebook, themes }))
}

/// One coding a person made: a segment id and a theme's place in the frame, and the
/// line or row it is on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Coding {
    pub segment: String,
    pub position: usize,
    pub line: usize,
}

/// What a sheet says: its codings, and the rows it has (the segments it covers; `None`
/// for the long form, which lists codings only and so covers the whole project).
pub struct Codings {
    pub codings: Vec<Coding>,
    /// Each row's segment id with where it is and the text it shows (if any).
    pub rows: Option<Vec<(usize, String, Option<String>)>>,
    pub long_form: bool,
    /// The one coder a long form's `coder` column names, if it names one.
    pub named_coder: Option<String>,
}

/// The codings of a table, read against `frame`'s themes, and every problem found (the
/// caller adds its own, then reports them all with [`fail_if`] before storing anything).
pub fn codings(
    path: &Path,
    t: &Table,
    frame: &Frame,
    coder: Option<&str>,
    attributes: &[String],
    problems: &mut Vec<String>,
) -> Result<Codings> {
    let names: Vec<String> = t.header.iter().map(|h| h.to_lowercase()).collect();
    let col = |n: &str| names.iter().position(|h| h == n);
    let Some(seg_col) = col(SEGMENT) else {
        return Err(Error::input(Problem::at(
            path,
            Some(1),
            format!(
                "no '{SEGMENT}' column in the header ({}); a coding sheet comes from `coda sheet`, a long form has the columns segment,theme[,coder]",
                t.header.join(", ")
            ),
        )));
    };
    let theme_col = col("theme");
    // Column names are compared without regard to case (a spreadsheet's header row is
    // often retyped).
    let theme_at = |h: &str| {
        frame
            .themes
            .iter()
            .position(|x| x.id.eq_ignore_ascii_case(h.trim()))
    };
    let is_theme = |h: &str| theme_at(h).is_some();
    let theme_columns: Vec<(usize, usize)> = t
        .header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| theme_at(h).map(|p| (i, p)))
        .collect();
    for (k, &(i, p)) in theme_columns.iter().enumerate() {
        if let Some(&(first, _)) = theme_columns[..k].iter().find(|(_, q)| *q == p) {
            problems.push(format!(
                "column '{}' appears twice ({} and {}): keep one",
                frame.themes[p].id,
                if t.xlsx {
                    cell_name(0, first)
                } else {
                    format!("column {}", first + 1)
                },
                if t.xlsx {
                    cell_name(0, i)
                } else {
                    format!("column {}", i + 1)
                },
            ));
        }
    }
    let seg_of = |row: &[Value]| {
        row.get(seg_col)
            .map(Value::text)
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    if let (Some(tc), true) = (theme_col, theme_columns.is_empty()) {
        // The long form: a row per coding. With a coder column naming several coders,
        // `--coder` says whose codings these are.
        let cell = |r: &[Value], c: usize| {
            r.get(c)
                .map(Value::text)
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let mut only = None;
        let mut named_coder = None;
        if let Some(cc) = col("coder") {
            let mut coders: Vec<String> = t
                .rows
                .iter()
                .map(|(_, r)| cell(r, cc))
                .filter(|c| !c.is_empty())
                .collect();
            coders.sort();
            coders.dedup();
            if let [one] = coders.as_slice() {
                named_coder = Some(one.clone());
            }
            if let (Some(c), [one]) = (coder, coders.as_slice())
                && c != one
            {
                problems.push(format!(
                    "--coder {c}, but the sheet's coder column names {one}: say the coder the sheet names, or leave --coder out"
                ));
            }
            if coders.len() > 1 {
                match coder.filter(|c| coders.iter().any(|x| x == c)) {
                    Some(c) => only = Some((cc, c.to_owned())),
                    None => {
                        return Err(Error::input(Problem::at(
                            path,
                            None,
                            format!(
                                "the codings of {} coders ({}): import each as a pass of its own, `--coder NAME --pass NAME` with NAME one of them",
                                coders.len(),
                                coders.join(", ")
                            ),
                        )));
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (line, row) in &t.rows {
            if let Some((cc, c)) = &only
                && cell(row, *cc) != *c
            {
                continue;
            }
            let theme = row
                .get(tc)
                .map(Value::text)
                .unwrap_or_default()
                .trim()
                .to_owned();
            let segment = seg_of(row);
            if segment.is_empty() {
                problems.push(format!("line {line}: no segment id"));
                continue;
            }
            match theme_at(&theme) {
                Some(p) => out.push(Coding {
                    segment,
                    position: p,
                    line: *line,
                }),
                None => problems.push(format!(
                    "line {line}: '{theme}' is not a theme of the codebook {}{}",
                    frame.codebook.name,
                    frame
                        .did_you_mean(&theme)
                        .map(|m| format!(" (did you mean '{m}'?)"))
                        .unwrap_or_default()
                )),
            }
        }
        out.sort();
        out.dedup_by(|a, b| a.segment == b.segment && a.position == b.position);
        return Ok(Codings {
            codings: out,
            rows: None,
            long_form: true,
            named_coder,
        });
    }
    // A coding sheet: a column per theme.
    for (i, h) in t.header.iter().enumerate() {
        let lower = h.to_lowercase();
        if i == seg_col
            || is_theme(h)
            || IGNORED.contains(&lower.as_str())
            || attributes.iter().any(|a| a.eq_ignore_ascii_case(h.trim()))
        {
            continue;
        }
        if h.is_empty() {
            continue;
        }
        problems.push(format!(
            "column '{h}' ({}) is not a theme of the codebook {}{}; the sheet's other columns are its segment, transcript, participant, attributes, text, evidence and note",
            if t.xlsx { cell_name(0, i) } else { format!("column {}", i + 1) },
            frame.codebook.name,
            frame.did_you_mean(h).map(|m| format!(" (did you mean '{m}'?)")).unwrap_or_default()
        ));
    }
    if theme_columns.is_empty() {
        problems.push(format!(
            "no column is a theme of the codebook {} (its themes: {})",
            frame.codebook.name,
            frame
                .themes
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let text_col = col(TEXT);
    let mut out = Vec::new();
    let mut rows = Vec::new();
    for (line, row) in &t.rows {
        let segment = seg_of(row);
        if segment.is_empty() {
            problems.push(format!("{}: no segment id", t.cell(*line, seg_col)));
            continue;
        }
        for &(c, position) in &theme_columns {
            match row.get(c).unwrap_or(&Value::Empty) {
                Value::Empty => {}
                Value::Number(n) if *n == 1.0 => out.push(Coding {
                    segment: segment.clone(),
                    position,
                    line: *line,
                }),
                Value::Number(n) if *n == 0.0 => {}
                Value::Text(s) if s.trim() == "1" => out.push(Coding {
                    segment: segment.clone(),
                    position,
                    line: *line,
                }),
                Value::Text(s) if s.trim() == "0" => {}
                v => problems.push(format!(
                    "{}{}: '{}' is not 1, 0 or empty",
                    t.cell(*line, c),
                    if t.xlsx {
                        format!(" ({}, segment {segment})", t.header[c])
                    } else {
                        format!(", segment {segment}")
                    },
                    v.text()
                )),
            }
        }
        // An emptied text cell is not checked.
        let text = text_col
            .and_then(|c| row.get(c))
            .map(Value::text)
            .filter(|t| !t.trim().is_empty());
        rows.push((*line, segment, text));
    }
    out.sort();
    out.dedup_by(|a, b| a.segment == b.segment && a.position == b.position);
    Ok(Codings {
        codings: out,
        rows: Some(rows),
        long_form: false,
        named_coder: None,
    })
}

/// Problems found: an error listing the first 20 and how many more there are.
pub fn fail_if(path: &Path, problems: &[String]) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let mut msg = format!("{} problem(s), no pass written:", problems.len());
    for p in problems.iter().take(20) {
        msg.push_str("\n  ");
        msg.push_str(p);
    }
    if problems.len() > 20 {
        msg.push_str(&format!("\n  ... and {} more", problems.len() - 20));
    }
    Err(Error::input(Problem::at(path, None, msg)))
}

/// Whether a sheet's text is the project's: the same words, whatever a spreadsheet did
/// to line breaks and spacing, to the `'` coda puts before a cell that would be a
/// formula, or to a turn cut to fit a cell.
pub fn same_text(sheet: &str, project: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut sheet = sheet;
    if let Some(rest) = sheet.strip_prefix('\'')
        && rest.starts_with(['=', '+', '-', '@', '\t', '\r'])
    {
        sheet = rest;
    }
    if let Some(cut) = sheet.strip_suffix(CUT) {
        return words(project).starts_with(&words(cut));
    }
    words(sheet) == words(project)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_as_a_spreadsheet_leaves_it() {
        assert!(same_text("The bus\r\nis late. ", "The bus\nis late."));
        assert!(same_text("'=HYPERLINK(1)", "=HYPERLINK(1)"));
        assert!(!same_text("'It was", "It was"));
        assert!(same_text(&format!("The bus{CUT}"), "The bus is late."));
        assert!(!same_text("The car is late.", "The bus is late."));
    }
}
