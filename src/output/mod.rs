//! Writing results: one `Table` of typed cells rendered as an aligned table, CSV
//! (RFC 4180, CRLF, header row), JSON Lines or Markdown; and one `Sink` for stdout or
//! a file written atomically.

mod sink;

pub use sink::{Sink, discard_live_temp_files, track_temp_file, untrack_temp_file};

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Result};

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Jsonl,
    Md,
}

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Str(String),
    Int(i64),
    /// Shown with 4 decimals.
    Float(f64),
    Null,
}

impl Cell {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Str(s) => s.into(),
            Cell::Int(i) => i.to_string().into(),
            Cell::Float(f) => format!("{f:.4}").into(),
            Cell::Null => "".into(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Str(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Str(s)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Int(n as i64)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Null, Into::into)
    }
}

/// A column and the views it appears in.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// In CSV, JSON Lines and Markdown.
    pub data: bool,
    /// In the aligned terminal table.
    pub table: bool,
    /// In JSON Lines (every data column, and JSON-only ones).
    pub json: bool,
    /// Right-aligned in the table view (kwic's left context).
    pub right: bool,
}

impl Column {
    fn new(name: impl Into<String>, data: bool, table: bool, json: bool) -> Self {
        Column {
            name: name.into(),
            data,
            table,
            json,
            right: false,
        }
    }
    /// A column in every view.
    pub fn all(name: impl Into<String>) -> Self {
        Column::new(name, true, true, true)
    }
    /// A column in data views only (too wide or too detailed for a terminal).
    pub fn data(name: impl Into<String>) -> Self {
        Column::new(name, true, false, true)
    }
    /// A column in JSON Lines only (the CSV column list is fixed by its documentation).
    pub fn json(name: impl Into<String>) -> Self {
        Column::new(name, false, false, true)
    }
    /// A column in the table view only (a highlighted snippet).
    pub fn table_only(name: impl Into<String>) -> Self {
        Column::new(name, false, true, false)
    }
    /// Right-align this column in the table view.
    pub fn right(mut self) -> Self {
        self.right = true;
        self
    }
}

/// Rows of cells under named columns.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// Write in `format`. `width` limits the table view's lines (a terminal's width).
    pub fn write(&self, format: Format, out: &mut dyn Write, width: Option<usize>) -> Result<()> {
        match format {
            Format::Csv => self.write_csv(out),
            Format::Jsonl => self.write_jsonl(out),
            Format::Md => self.write_md(out),
            Format::Table => self.write_table(out, width),
        }
    }

    fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let mut w = CsvRows::new(out, &self.columns)?;
        for row in &self.rows {
            w.push(row)?;
        }
        w.finish()
    }

    fn write_jsonl(&self, out: &mut dyn Write) -> Result<()> {
        let mut w = JsonRows::new(self.columns.clone());
        for row in &self.rows {
            w.push(row, out)?;
        }
        Ok(())
    }

    fn write_md(&self, out: &mut dyn Write) -> Result<()> {
        let keep: Vec<usize> = (0..self.columns.len())
            .filter(|&i| self.columns[i].data)
            .collect();
        let esc = |s: &str| md_cell(s);
        let header: Vec<String> = keep.iter().map(|&i| esc(&self.columns[i].name)).collect();
        writeln!(out, "| {} |", header.join(" | ")).map_err(Error::Output)?;
        writeln!(out, "|{}", " --- |".repeat(keep.len())).map_err(Error::Output)?;
        for row in &self.rows {
            let cells: Vec<String> = keep.iter().map(|&i| esc(&row[i].text())).collect();
            writeln!(out, "| {} |", cells.join(" | ")).map_err(Error::Output)?;
        }
        Ok(())
    }

    fn write_table(&self, out: &mut dyn Write, width: Option<usize>) -> Result<()> {
        let keep: Vec<usize> = (0..self.columns.len())
            .filter(|&i| self.columns[i].table)
            .collect();
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| keep.iter().map(|&i| flatten(&r[i].text())).collect())
            .collect();
        let mut widths: Vec<usize> = keep.iter().map(|&i| self.columns[i].name.width()).collect();
        for row in &cells {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.width());
            }
        }
        let header: Vec<String> = keep.iter().map(|&i| self.columns[i].name.clone()).collect();
        for row in std::iter::once(&header).chain(cells.iter()) {
            let mut line = String::new();
            for (j, (c, w)) in row.iter().zip(&widths).enumerate() {
                let pad = " ".repeat(w - c.width());
                if self.columns[keep[j]].right {
                    line.push_str(&pad);
                    line.push_str(c);
                } else {
                    line.push_str(c);
                    if j + 1 < row.len() {
                        line.push_str(&pad);
                    }
                }
                if j + 1 < row.len() {
                    line.push_str("  ");
                }
            }
            if let Some(max) = width {
                line = truncate(&line, max);
            }
            writeln!(out, "{}", line.trim_end()).map_err(Error::Output)?;
        }
        Ok(())
    }
}

/// JSON Lines rows written one at a time: each row one object of its JSON columns, in
/// column order, exactly as `serde_json` writes a `Map` of them, but without building
/// one (no copy of each cell, each key escaped once).
pub struct JsonRows {
    /// Each JSON column's index and its key as JSON (`"name":`); `None` if two JSON
    /// columns share a name (the `Map` keeps the first place and the last value).
    keys: Option<Vec<(usize, Vec<u8>)>>,
    columns: Vec<Column>,
    /// The line being written, kept between rows for its capacity.
    line: Vec<u8>,
}

impl JsonRows {
    pub fn new(columns: Vec<Column>) -> JsonRows {
        let json: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].json).collect();
        let mut names: Vec<&str> = json.iter().map(|&i| columns[i].name.as_str()).collect();
        names.sort_unstable();
        let unique = names.windows(2).all(|w| w[0] != w[1]);
        let keys = unique.then(|| {
            json.iter()
                .map(|&i| {
                    let mut key = serde_json::to_vec(&columns[i].name).expect("a str serialises");
                    key.push(b':');
                    (i, key)
                })
                .collect()
        });
        JsonRows {
            keys,
            columns,
            line: Vec::new(),
        }
    }

    /// Write one row as a line.
    pub fn push(&mut self, row: &[Cell], out: &mut dyn Write) -> Result<()> {
        let Some(keys) = &self.keys else {
            return write_jsonl_map(&self.columns, row, out);
        };
        let line = &mut self.line;
        line.clear();
        line.push(b'{');
        for (n, (i, key)) in keys.iter().enumerate() {
            if n > 0 {
                line.push(b',');
            }
            line.extend_from_slice(key);
            let written = match &row[*i] {
                Cell::Str(s) => serde_json::to_writer(&mut *line, s.as_str()),
                Cell::Int(v) => serde_json::to_writer(&mut *line, v),
                Cell::Float(f) => serde_json::to_writer(&mut *line, &json_float(*f)),
                Cell::Null => serde_json::to_writer(&mut *line, &()),
            };
            written.map_err(|e| Error::Output(e.into()))?;
        }
        line.extend_from_slice(b"}\n");
        out.write_all(line).map_err(Error::Output)
    }
}

/// A float cell in JSON: 4 decimals (not a number is `null`).
fn json_float(f: f64) -> serde_json::Value {
    serde_json::Value::from((f * 10_000.0).round() / 10_000.0)
}

/// One JSON Lines object of a row's JSON columns, built as a `Map`: for columns that
/// share a name.
fn write_jsonl_map(columns: &[Column], row: &[Cell], out: &mut dyn Write) -> Result<()> {
    let mut obj = serde_json::Map::new();
    for (c, cell) in columns.iter().zip(row).filter(|(c, _)| c.json) {
        let v = match cell {
            Cell::Str(s) => serde_json::Value::String(s.clone()),
            Cell::Int(i) => serde_json::Value::from(*i),
            Cell::Float(f) => json_float(*f),
            Cell::Null => serde_json::Value::Null,
        };
        obj.insert(c.name.clone(), v);
    }
    let line = serde_json::to_string(&obj).map_err(|e| Error::Output(e.into()))?;
    writeln!(out, "{line}").map_err(Error::Output)
}

/// Rows written as they come in CSV and JSON Lines; the table and Markdown views, which
/// align or frame the whole, are written at the end. For outputs as large as a corpus.
pub enum Rows<'a> {
    Csv(Box<CsvRows<&'a mut dyn Write>>, usize),
    Jsonl(JsonRows, &'a mut dyn Write, usize),
    Whole(Table, Format, &'a mut dyn Write, Option<usize>),
}

impl<'a> Rows<'a> {
    pub fn new(
        format: Format,
        columns: Vec<Column>,
        out: &'a mut dyn Write,
        width: Option<usize>,
    ) -> Result<Rows<'a>> {
        Ok(match format {
            Format::Csv => Rows::Csv(Box::new(CsvRows::new(out, &columns)?), 0),
            Format::Jsonl => Rows::Jsonl(JsonRows::new(columns), out, 0),
            f => Rows::Whole(Table::new(columns), f, out, width),
        })
    }

    pub fn push(&mut self, row: Vec<Cell>) -> Result<()> {
        match self {
            Rows::Csv(w, n) => {
                *n += 1;
                w.push(&row)
            }
            Rows::Jsonl(w, out, n) => {
                *n += 1;
                w.push(&row, *out)
            }
            Rows::Whole(t, ..) => {
                t.push(row);
                Ok(())
            }
        }
    }

    /// Finish writing; returns how many rows there were.
    pub fn finish(self) -> Result<usize> {
        match self {
            Rows::Csv(w, n) => (*w).finish().map(|_| n),
            Rows::Jsonl(_, out, n) => out.flush().map_err(Error::Output).map(|_| n),
            Rows::Whole(t, f, out, width) => {
                let n = t.rows.len();
                if n > 0 || f != Format::Table {
                    t.write(f, out, width)?;
                }
                Ok(n)
            }
        }
    }
}

/// CSV written a row at a time, exactly as `Table` writes it: for outputs too large to
/// hold in memory.
pub struct CsvRows<W: Write> {
    w: csv::Writer<W>,
    keep: Vec<usize>,
}

impl<W: Write> CsvRows<W> {
    /// Write the header row of the data columns.
    pub fn new(out: W, columns: &[Column]) -> Result<CsvRows<W>> {
        let keep: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].data).collect();
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        w.write_record(keep.iter().map(|&i| defused(&columns[i].name).into_owned()))?;
        Ok(CsvRows { w, keep })
    }

    pub fn push(&mut self, row: &[Cell]) -> Result<()> {
        self.w
            .write_record(self.keep.iter().map(|&i| match &row[i] {
                Cell::Str(s) => as_bytes(defused(s)),
                c => as_bytes(c.text()),
            }))?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.w.flush().map_err(Error::Output)
    }
}

/// A CSV field's bytes, borrowed if the text is.
fn as_bytes(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, [u8]> {
    match s {
        std::borrow::Cow::Borrowed(s) => s.as_bytes().into(),
        std::borrow::Cow::Owned(s) => s.into_bytes().into(),
    }
}

static CSV_RAW: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether every CSV writer of the process writes text cells as they are (`--csv-raw`,
/// for R and pandas), instead of [`defused`].
pub fn set_csv_raw(raw: bool) {
    CSV_RAW.store(raw, std::sync::atomic::Ordering::Relaxed);
}

/// A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return: `=HYPERLINK(...)`) with a `'` before it, as OWASP
/// advises for CSV files opened in spreadsheets; the text is otherwise as written.
/// With [`set_csv_raw`] (`--csv-raw`), the text as written.
pub fn defused(s: &str) -> std::borrow::Cow<'_, str> {
    if !CSV_RAW.load(std::sync::atomic::Ordering::Relaxed)
        && s.starts_with(['=', '+', '-', '@', '\t', '\r'])
    {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// Runs of whitespace (line breaks included) to one space, for one-line views.
/// Control characters (an escape sequence's ESC, a bell) become `�`: text from a
/// transcript never drives the terminal.
pub fn flatten(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&printable(w));
    }
    out
}

/// Text for a Markdown file: HTML's `<`, `>` and `&` as entities (a transcript's
/// `<script>` or `<img src=...>` is shown, never run or fetched when previewed), control
/// characters as `�`.
pub fn md_text(s: &str) -> String {
    printable(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A Markdown table cell: [`md_text`] on one line, with `|` escaped.
pub fn md_cell(s: &str) -> String {
    md_text(&flatten(s)).replace('|', "\\|")
}

/// Text with its control characters other than line breaks and tabs as `�`, for
/// anything written to a terminal: an escape sequence in a transcript or a file name
/// (`ESC]0;...`, `ESC[2J`) is shown, never run.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(|c| shown(c) == c) {
        return s.into();
    }
    s.chars().map(shown).collect::<String>().into()
}

/// A character as it may be shown on a terminal: a control character other than a
/// line break or a tab is `�`.
pub fn shown(c: char) -> char {
    if c.is_control() && c != '\n' && c != '\t' {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Cut a line to `max` display columns, marking the cut with `…`.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}
