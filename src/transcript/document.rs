//! Documents (.docx, .odt) to turns. A document is a zip archive of XML parts: `docx`
//! and `odt` read its paragraphs and tables into [`Block`]s, and this module writes
//! those as the lines the text parser reads (`Label: text`, `[00:01:02] Label: text`,
//! continuation lines, a blank line between paragraphs), so speaker labels are found
//! by the same rules as in a .txt file. Each line carries the number of the paragraph
//! it comes from, so a turn's span and a warning's place are paragraph numbers.
//!
//! Besides typed `Label: text` paragraphs, two shapes become labels here: a bold run
//! of one to four words at the start of a paragraph (`**Interviewer** How ...`), and a
//! table of `speaker | text` or `time | speaker | text` rows.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use zip::result::ZipError;

use super::label::{label_line, parse_time};
use super::{Encoding, Format, Kind, ParseError, Speakers, Turn, Warning, docx, odt, text};

/// The most an XML part may unpack to. Real transcripts are a few MB; a part larger
/// than this is a damaged file or a zip bomb, and is refused before it fills memory.
pub const MAX_PART: u64 = 512 * 1024 * 1024;

/// The most a part that only says how to read the text (relationships, styles, the
/// manifest) may unpack to.
pub const MAX_AUX_PART: u64 = 64 * 1024 * 1024;

/// A stretch of a paragraph's text in one weight. `\t` is a tab, `\n` a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

/// One paragraph of the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    /// 1-based, counting every paragraph in document order, those in tables too.
    pub number: usize,
    pub runs: Vec<Run>,
    /// A title or heading (by its style): left out of the text, as a Markdown heading is.
    pub heading: bool,
}

impl Para {
    pub fn new(number: usize) -> Para {
        Para {
            number,
            ..Para::default()
        }
    }

    /// Add text, joining it to the last run if that has the same weight.
    pub fn push(&mut self, text: &str, bold: bool) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(r) if r.bold == bold => r.text.push_str(text),
            _ => self.runs.push(Run {
                text: text.to_owned(),
                bold,
            }),
        }
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Lines with the number that places each in its file (a line or paragraph number).
pub type NumberedLines = Vec<(usize, String)>;

/// A table cell: its paragraphs.
pub type Cell = Vec<Para>;

/// What a document's body holds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    /// Rows of cells. A table inside a cell is flattened into that cell's paragraphs.
    Table(Vec<Vec<Cell>>),
}

/// A document's body as a reader found it, with remarks for the user.
#[derive(Debug, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub notes: Vec<String>,
}

/// Builds a document's blocks as a reader meets its paragraphs and tables.
#[derive(Debug, Default)]
pub struct Builder {
    blocks: Vec<Block>,
    /// Open tables, the innermost last.
    tables: Vec<TableBuild>,
    /// The paragraph being read.
    pub para: Option<Para>,
    /// Paragraphs met so far.
    numbers: usize,
}

#[derive(Debug, Default)]
struct TableBuild {
    rows: Vec<Vec<Cell>>,
    /// The row being read, and whether it is deleted (a tracked change).
    row: Option<(Vec<Cell>, bool)>,
    cell: Option<Cell>,
}

impl Builder {
    /// A new paragraph, numbered next; one still open is finished first.
    pub fn start_para(&mut self) {
        self.finish_para();
        self.numbers += 1;
        self.para = Some(Para::new(self.numbers));
    }

    /// The open paragraph goes into the open table cell, else into the body.
    pub fn finish_para(&mut self) {
        let Some(p) = self.para.take() else {
            return;
        };
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.push(p),
            None => self.blocks.push(Block::Para(p)),
        }
    }

    pub fn start_table(&mut self) {
        self.finish_para();
        self.tables.push(TableBuild::default());
    }

    pub fn start_row(&mut self) {
        self.finish_row();
        if let Some(t) = self.tables.last_mut() {
            t.row = Some((Vec::new(), false));
        }
    }

    /// The open row is a deleted one: it is left out.
    pub fn delete_row(&mut self) {
        if let Some((_, deleted)) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
            *deleted = true;
        }
    }

    pub fn start_cell(&mut self) {
        self.finish_cell();
        if let Some(t) = self.tables.last_mut() {
            t.cell = Some(Vec::new());
        }
    }

    pub fn finish_cell(&mut self) {
        self.finish_para();
        if let Some(t) = self.tables.last_mut()
            && let Some(cell) = t.cell.take()
        {
            match t.row.as_mut() {
                Some((row, _)) => row.push(cell),
                None => t.rows.push(vec![cell]),
            }
        }
    }

    pub fn finish_row(&mut self) {
        self.finish_cell();
        if let Some(t) = self.tables.last_mut()
            && let Some((row, deleted)) = t.row.take()
            && !deleted
        {
            t.rows.push(row);
        }
    }

    pub fn finish_table(&mut self) {
        self.finish_row();
        let Some(t) = self.tables.pop() else {
            return;
        };
        match self.tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
            // A table in a cell: its paragraphs are the cell's.
            Some(cell) => cell.extend(t.rows.into_iter().flatten().flatten()),
            None if t.rows.is_empty() => {}
            None => self.blocks.push(Block::Table(t.rows)),
        }
    }

    /// The blocks, everything still open closed.
    pub fn finish(mut self) -> Vec<Block> {
        while !self.tables.is_empty() {
            self.finish_table();
        }
        self.finish_para();
        self.blocks
    }
}

pub type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Unpack and parse a document: its format, turns, and the encoding of its XML.
pub fn parse(
    bytes: &[u8],
    kind: Kind,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> Result<(Format, Vec<Turn>, Encoding, super::Diagnosis), ParseError> {
    let mut archive = open(bytes, kind)?;
    let (doc, encoding) = match kind {
        Kind::Odt => odt::read(&mut archive)?,
        _ => docx::read(&mut archive)?,
    };
    warnings.extend(doc.notes.into_iter().map(|message| Warning {
        line: None,
        message,
    }));
    let (lines, unattributed) = render(&doc.blocks, speakers);
    let body: Vec<(usize, &str)> = lines.iter().map(|(n, l)| (*n, l.as_str())).collect();
    let (format, turns, mut diagnosis) = text::parse_body(&body, &[], kind, speakers, warnings);
    diagnosis.unattributed = unattributed;
    Ok((format, turns, encoding, diagnosis))
}

/// ".docx" or ".odt", for messages.
pub fn ext(kind: Kind) -> &'static str {
    match kind {
        Kind::Odt => ".odt",
        _ => ".docx",
    }
}

/// The program that saves a document of this kind again, for messages.
fn app(kind: Kind) -> &'static str {
    match kind {
        Kind::Odt => "LibreOffice",
        _ => "Word",
    }
}

fn error(message: String) -> ParseError {
    ParseError {
        line: None,
        message,
    }
}

/// The file as a zip archive, or why it is not one.
fn open(bytes: &[u8], kind: Kind) -> Result<Archive<'_>, ParseError> {
    let (ext, app) = (ext(kind), app(kind));
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(error("the file is empty: nothing to read".into()));
    }
    if !bytes.starts_with(b"PK") {
        return Err(error(not_a_zip(bytes, kind)));
    }
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        error(format!(
            "not a readable {ext}: the file is damaged or cut off ({e}); open it in {app} and save it again as {ext}"
        ))
    })
}

/// What a file that should be a zip archive is instead.
fn not_a_zip(bytes: &[u8], kind: Kind) -> String {
    let (ext, app) = (ext(kind), app(kind));
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An OLE compound file: what Office writes for an encrypted document, and an old .doc.
        return format!(
            "password-protected or not a {ext} (an encrypted document, or an old Word .doc renamed {ext}): \
             coda cannot read it; save it again as {ext} without a password"
        );
    }
    if bytes.starts_with(b"%PDF") {
        return format!("a PDF document, not a {ext}: export or copy its text into a .txt file");
    }
    if bytes.starts_with(b"{\\rtf") {
        return format!("an RTF document, not a {ext}: open it in {app} and save it as {ext}");
    }
    format!(
        "not a {ext} (a {ext} is a zip archive, and this file is not one): it may be damaged, or \
         another kind of file renamed; open it in {app} and save it as {ext}"
    )
}

/// The name of a part, matched exactly or, failing that, in any case (part names in
/// a package are case-insensitive).
pub fn find(archive: &Archive<'_>, name: &str) -> Option<String> {
    if archive.index_for_name(name).is_some() {
        return Some(name.to_owned());
    }
    archive
        .file_names()
        .filter_map(Result::ok)
        .find(|n| n.eq_ignore_ascii_case(name))
        .map(|n| n.into_owned())
}

/// A part's bytes, `None` if the archive has no such part. Refuses a part that is
/// encrypted or would unpack to more than `limit` bytes.
pub fn read_part(
    archive: &mut Archive<'_>,
    name: &str,
    kind: Kind,
    limit: u64,
) -> Result<Option<Vec<u8>>, ParseError> {
    let (ext, app) = (ext(kind), app(kind));
    let Some(name) = find(archive, name) else {
        return Ok(None);
    };
    let damaged = |e: &dyn std::fmt::Display| {
        error(format!(
            "{name} inside the {ext} cannot be unpacked ({e}): the file is damaged; open it in {app} and save it again as {ext}"
        ))
    };
    let password = || {
        error(format!(
            "password-protected (the parts inside the {ext} are encrypted): coda cannot read it; save it again as {ext} without a password"
        ))
    };
    let mut file = match archive.by_name(&name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(ZipError::UnsupportedArchive(m)) if m == ZipError::PASSWORD_REQUIRED => {
            return Err(password());
        }
        Err(ZipError::CompressionMethodNotSupported(m)) => {
            return Err(error(format!(
                "{name} inside the {ext} is compressed in a way coda does not read (zip method {m}): open it in {app} and save it again as {ext}"
            )));
        }
        Err(e) => return Err(damaged(&e)),
    };
    if file.encrypted() {
        return Err(password());
    }
    let declared = file.size();
    let mut buf = Vec::with_capacity(declared.min(limit).min(64 << 20) as usize);
    read_capped(&mut file, declared, limit, &mut buf).map_err(|e| match e {
        Capped::TooBig => too_big(&name, kind, limit),
        Capped::Io(e) => damaged(&e),
    })?;
    Ok(Some(buf))
}

#[derive(Debug)]
enum Capped {
    TooBig,
    Io(std::io::Error),
}

/// Read all of `r` into `buf`, refusing (before reading, if `declared` says so)
/// more than `limit` bytes.
fn read_capped(
    r: &mut dyn Read,
    declared: u64,
    limit: u64,
    buf: &mut Vec<u8>,
) -> Result<(), Capped> {
    if declared > limit {
        return Err(Capped::TooBig);
    }
    let n = r
        .take(limit.saturating_add(1))
        .read_to_end(buf)
        .map_err(Capped::Io)?;
    if n as u64 > limit {
        return Err(Capped::TooBig);
    }
    Ok(())
}

fn too_big(name: &str, kind: Kind, limit: u64) -> ParseError {
    error(format!(
        "{name} inside the {} unpacks to more than {} MB (a damaged file, or a zip bomb): coda does not read it; \
         if the document really is that large, split it into smaller documents",
        ext(kind),
        limit >> 20
    ))
}

/// An XML part's bytes as text: UTF-8, or UTF-16 with a byte-order mark.
pub fn xml_text(bytes: Vec<u8>, name: &str, kind: Kind) -> Result<(String, Encoding), ParseError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest.to_vec(), name, kind).map(|s| (s, Encoding::Utf8Bom));
    }
    for (bom, enc, ours) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (b"\xFE\xFF", encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, _) = enc.decode(&bytes);
            return Ok((text.into_owned(), ours));
        }
    }
    utf8(bytes, name, kind).map(|s| (s, Encoding::Utf8))
}

fn utf8(bytes: Vec<u8>, name: &str, kind: Kind) -> Result<String, ParseError> {
    String::from_utf8(bytes).map_err(|e| {
        let (ext, app) = (ext(kind), app(kind));
        error(format!(
            "{name} inside the {ext} is not UTF-8 text (a bad byte at offset {}): the file is damaged; open it in {app} and save it again as {ext}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// An XML part that could not be read.
pub fn xml_error(name: &str, kind: Kind, what: &dyn std::fmt::Display, at: u64) -> ParseError {
    let (ext, app) = (ext(kind), app(kind));
    error(format!(
        "{name} inside the {ext} is not well-formed XML ({what}, at byte {at}): the file is damaged; open it in {app} and save it again as {ext}"
    ))
}

/// A part that a document of this kind must have is missing.
pub fn missing(archive: &Archive<'_>, name: &str, kind: Kind) -> ParseError {
    let has = |n: &str| find(archive, n).is_some();
    let (ext, app) = (ext(kind), app(kind));
    let what = if kind == Kind::Docx && has("content.xml") && has("mimetype") {
        "an OpenDocument file with a .docx name: rename it to .odt".to_owned()
    } else if kind == Kind::Odt && has("word/document.xml") {
        "a Word document with an .odt name: rename it to .docx".to_owned()
    } else if has("xl/workbook.xml") {
        format!("an Excel workbook, not a {ext}: copy the transcript into a {app} document")
    } else if has("ppt/presentation.xml") {
        format!("a PowerPoint presentation, not a {ext}: copy the transcript into a {app} document")
    } else {
        format!(
            "a zip archive without {name}, so not a {ext}: open it in {app} and save it as {ext}"
        )
    };
    error(what)
}

/// The value of an attribute, by its local name (the part after any `prefix:`).
pub fn attr(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}

/// The text of an entity or character reference (`&amp;`, `&#x2019;`).
pub fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    quick_xml::escape::resolve_predefined_entity(r).map(str::to_owned)
}

// ---- Paragraphs to lines ---------------------------------------------------------

/// A paragraph's leading bold run, read as a speaker label.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lead {
    /// The label as the text parser will read it from `head` followed by a colon.
    label: String,
    /// The bold text, trimmed.
    head: String,
    /// The paragraph's text after it.
    rest: String,
}

/// A paragraph that starts with a bold run of one to four words that is not already
/// followed by a colon: the run as a candidate speaker label. `Label:` in bold, or a
/// bold label followed by a colon, is a typed label and needs nothing from here.
fn bold_lead(p: &Para) -> Option<Lead> {
    let mut head = String::new();
    let mut rest = String::new();
    let mut in_head = true;
    let mut any_bold = false;
    for r in &p.runs {
        let blank = r.text.trim().is_empty();
        if in_head && (r.bold || blank) {
            any_bold |= r.bold && !blank;
            head.push_str(&r.text);
        } else {
            in_head = false;
            rest.push_str(&r.text);
        }
    }
    if !any_bold {
        return None;
    }
    let head = head.trim_start();
    // A line break inside the bold run ends the label: the rest is the turn's text.
    let (head, spill) = head.split_at(head.find('\n').unwrap_or(head.len()));
    let head = head.trim_end();
    let rest = format!("{spill}{rest}");
    if head.is_empty()
        || head.ends_with(':')
        || rest.trim_start_matches([' ', '\t']).starts_with(':')
    {
        return None;
    }
    let line = format!("{head}:");
    let l = label_line(&line)?;
    if !l.text.is_empty() {
        // The colon the label would end in is not the one added: "Re: the plan".
        return None;
    }
    Some(Lead {
        label: l.label.to_owned(),
        head: head.to_owned(),
        rest,
    })
}

/// One row of a speaker table.
#[derive(Debug)]
struct TurnRow<'a> {
    number: usize,
    time: Option<String>,
    /// `None`: the row goes on the turn before.
    label: Option<String>,
    text: &'a [Para],
}

/// What the document holds, in order, as the lines will be written.
enum Item<'a> {
    Para(&'a Para),
    Row(TurnRow<'a>),
}

const SPEAKER_WORDS: &[&str] = &["speaker", "name", "who", "person", "speaker name"];
const TEXT_WORDS: &[&str] = &[
    "text",
    "transcript",
    "transcription",
    "utterance",
    "content",
    "dialogue",
    "dialog",
    "speech",
    "words",
    "what was said",
    "statement",
];
const TIME_WORDS: &[&str] = &[
    "time",
    "timestamp",
    "time stamp",
    "timecode",
    "start",
    "start time",
    "timespan",
    "time span",
    "begin",
    "begin time",
    "in",
];

fn cell_text(cell: &[Para]) -> String {
    let paras: Vec<String> = cell.iter().map(Para::text).collect();
    paras.join("\n").trim().to_owned()
}

/// `Some(None)` for an empty cell, `Some(Some(t))` for a time such as `00:01:02`,
/// `[1:02]`, `(00:01:02.5)`, or a span's start (`0:00.0 - 0:12.4`); `None` for anything
/// else.
fn time_cell(s: &str) -> Option<Option<String>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(None);
    }
    if let Some((start, end)) = s
        .split_once(" - ")
        .or_else(|| s.split_once(" – "))
        .or_else(|| s.split_once(" --> "))
    {
        return match (time_cell(start)?, time_cell(end)?) {
            (Some(start), Some(_)) => Some(Some(start)),
            _ => None,
        };
    }
    let inner = s
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| s.strip_prefix('(').and_then(|t| t.strip_suffix(')')))
        .unwrap_or(s)
        .trim();
    parse_time(inner).map(|_| Some(inner.to_owned()))
}

/// `Some(None)` for an empty cell, `Some(Some(label))` for a cell that reads as a
/// speaker label; `None` for anything else.
fn label_cell(s: &str) -> Option<Option<String>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(None);
    }
    if s.contains('\n') {
        return None;
    }
    let s = s.strip_suffix(':').unwrap_or(s).trim_end();
    let line = format!("{s}:");
    let l = label_line(&line)?;
    l.text.is_empty().then(|| Some(s.to_owned()))
}

/// A metadata table's row as one plain paragraph, `Key: value`.
fn metadata_row(row: &[Cell]) -> Para {
    // (Numbered as its last paragraph, the value's.)
    let number = row.iter().flatten().map(|p| p.number).max().unwrap_or(1);
    let key = cell_text(&row[0]);
    let key = key.trim().trim_end_matches([':', '：']).trim_end();
    let value = cell_text(&row[1]);
    let mut p = Para::new(number);
    p.push(
        &format!(
            "{key}: {}",
            value.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        false,
    );
    p
}

/// A table of two columns whose first cells are short keys, all different (`Date`,
/// `Interviewer:`, `Participant`): metadata, not talk. At most twelve rows.
fn metadata_table(rows: &[Vec<Cell>]) -> bool {
    let keys: Vec<String> = rows
        .iter()
        .filter(|r| r.len() == 2)
        .map(|r| cell_text(&r[0]))
        .collect();
    let mut distinct = keys.clone();
    distinct.sort_unstable();
    distinct.dedup();
    (1..=12).contains(&rows.len())
        && keys.len() == rows.len()
        && distinct.len() == keys.len()
        && keys
            .iter()
            .all(|k| !k.trim().is_empty() && k.chars().count() <= 40 && short(k))
}

/// The (time, speaker, text) columns a header row names (`Speaker`, `Start Time`,
/// `Content`), when it names a speaker column and a text column.
pub fn named_columns(header: &[String]) -> Option<(Option<usize>, usize, usize)> {
    if !header.iter().all(|c| short(c)) {
        return None;
    }
    let names: Vec<String> = header.iter().map(|c| c.trim().to_lowercase()).collect();
    let find = |words: &[&str]| names.iter().position(|c| words.contains(&c.as_str()));
    let label = find(SPEAKER_WORDS)?;
    let text = find(TEXT_WORDS)?;
    let time = find(TIME_WORDS).filter(|&t| t != label && t != text);
    (label != text).then_some((time, label, text))
}

fn short(s: &str) -> bool {
    !s.contains('\n') && s.split_whitespace().count() <= 4
}

/// A table of `speaker | text` or `time | speaker | text` rows (`speaker | time |
/// text` and `time | text | speaker` too), with an optional header row, as transcription services export them;
/// or a table of up to eight columns whose header row names the speaker and the text
/// columns (`Speaker | Start | End | Text`, `Line | Speaker | Text | Code`: the other
/// columns are left out, a time column's times kept); `None` for any other table.
/// Two-column tables need a header row or a speaker with more than one row, so that a
/// table of `Age | 34` facts is not read as turns.
fn turn_table<'a>(rows: &'a [Vec<Cell>], last_number: usize) -> Option<Vec<TurnRow<'a>>> {
    let width = rows.first()?.len();
    if rows.iter().any(|r| r.len() != width) {
        return None;
    }
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cell_text(c)).collect())
        .collect();
    let named = named_columns(&texts[0]).filter(|_| (2..=8).contains(&width));
    // Which column holds the times, the speakers and the text (NVivo's transcription
    // export puts the speaker last: `Timespan | Content | Speaker`).
    let layouts: &[(Option<usize>, usize, usize)] = match &named {
        Some(n) => std::slice::from_ref(n),
        None if width == 3 => &[(Some(0), 1, 2), (Some(1), 0, 2), (Some(0), 2, 1)],
        None if width == 2 => &[(None, 0, 1)],
        None => return None,
    };
    'layout: for &(time_col, label_col, text_col) in layouts {
        let first = &texts[0];
        let header = named.is_some()
            || first.iter().all(|c| short(c))
                && match time_col {
                    Some(t) => {
                        time_cell(&first[t]).is_none()
                            || TIME_WORDS.contains(&first[t].to_lowercase().as_str())
                    }
                    None => {
                        SPEAKER_WORDS.contains(&first[label_col].to_lowercase().as_str())
                            || TEXT_WORDS.contains(&first[text_col].to_lowercase().as_str())
                    }
                };
        let skip = usize::from(header);
        if rows.len() <= skip {
            continue;
        }
        let mut out = Vec::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut times = 0;
        let mut number = last_number;
        for (row, text) in rows.iter().zip(&texts).skip(skip) {
            let time = match time_col {
                Some(t) => match time_cell(&text[t]) {
                    Some(t) => t,
                    // (A named time column may hold seconds or frames: left out.)
                    None if named.is_some() => None,
                    None => continue 'layout,
                },
                None => None,
            };
            let Some(label) = label_cell(&text[label_col]) else {
                continue 'layout;
            };
            times += usize::from(time.is_some());
            if let Some(l) = &label {
                *counts.entry(l.clone()).or_insert(0) += 1;
            }
            if let Some(n) = row.iter().filter_map(|c| c.first()).map(|p| p.number).min() {
                number = n;
            }
            out.push(TurnRow {
                number,
                time,
                label,
                text: &row[text_col],
            });
        }
        let labelled = !counts.is_empty();
        let enough = match time_col {
            // (A named table of more columns than `Speaker | Text` needs times or a
            // speaker with more rows than one: a survey's `ID | Name | Team | Text`
            // export is not talk.)
            _ if named.is_some() => width == 2 || times > 0 || counts.values().any(|&c| c >= 2),
            Some(_) => times > 0,
            None => header || counts.values().any(|&c| c >= 2),
        };
        if labelled && enough {
            return Some(out);
        }
    }
    None
}

/// The document as numbered lines for [`text::parse_body`]: each paragraph's lines,
/// a blank line between paragraphs, headings left out, bold leads that are speaker
/// labels written `Label: text`, speaker table rows written `[time] Label: text`; and
/// the numbers of the timed speaker table rows with no speaker, which are read as part
/// of the turn before.
fn render(blocks: &[Block], speakers: &Speakers) -> (Vec<(usize, String)>, Vec<usize>) {
    // A table of `Key | value` rows above the talk (`Date | 14 March 2026`,
    // `Interviewer: | KM`) is the document's metadata, read as a text file's header
    // block is: one `Key: value` line a row (plain, so no bold key is a speaker label).
    let mut seen_text = false;
    let meta: Vec<Option<Vec<Para>>> = blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => {
                // (Text that runs on: a sentence, not a title or a date line.)
                seen_text |= !p.heading && p.text().split_whitespace().count() > 8;
                None
            }
            Block::Table(rows) => {
                (!seen_text && metadata_table(rows) && turn_table(rows, 1).is_none())
                    .then(|| rows.iter().map(|r| metadata_row(r)).collect())
            }
        })
        .collect();
    let mut items: Vec<Item<'_>> = Vec::new();
    let mut last_number = 1;
    for (b, meta) in blocks.iter().zip(&meta) {
        if let Some(rows) = meta {
            for p in rows {
                last_number = p.number;
                items.push(Item::Para(p));
            }
            continue;
        }
        match b {
            Block::Para(p) => {
                last_number = p.number;
                items.push(Item::Para(p));
            }
            Block::Table(rows) => match turn_table(rows, last_number) {
                Some(turns) => {
                    last_number = turns.last().map_or(last_number, |r| r.number);
                    items.extend(turns.into_iter().map(Item::Row));
                }
                None => {
                    for p in rows.iter().flatten().flatten() {
                        last_number = p.number;
                        items.push(Item::Para(p));
                    }
                }
            },
        }
    }

    // Bold leads: which are speaker labels. One is if the same label leads two or more
    // paragraphs, or is a label known to be a speaker (an interviewer label, a
    // participant id); after the first such, any the text parser would accept is too.
    // A lone bold title above the first label stays text.
    let leads: Vec<Option<Lead>> = items
        .iter()
        .map(|i| match i {
            Item::Para(p) if !p.heading => bold_lead(p),
            _ => None,
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in leads.iter().flatten() {
        *counts.entry(l.label.as_str()).or_insert(0) += 1;
    }
    let count = |l: &Lead| counts.get(l.label.as_str()).copied().unwrap_or(0);
    let ok = |l: &Lead| speakers.accept(&l.label, count(l));
    let strong = |l: &Lead| ok(l) && (count(l) >= 2 || speakers.is_known(&l.label));
    let first_strong = leads
        .iter()
        .position(|l| l.as_ref().is_some_and(strong))
        .unwrap_or(usize::MAX);

    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Para(p) if p.heading => {}
            Item::Para(p) => {
                let text = match &leads[i] {
                    Some(l) if strong(l) || (i > first_strong && ok(l)) => {
                        labelled(&l.head, &l.rest)
                    }
                    _ => p.text(),
                };
                push_text(&mut out, p.number, &text);
            }
            Item::Row(r) => push_row(&mut out, r),
        }
    }
    let unattributed = items
        .iter()
        .filter_map(|i| match i {
            Item::Row(r) => unattributed(r),
            Item::Para(_) => None,
        })
        .collect();
    (out, unattributed)
}

/// A timed row with no speaker: an utterance of its own whose speaker the table does
/// not say (NVivo leaves the cell empty), read as part of the turn before.
fn unattributed(r: &TurnRow<'_>) -> Option<usize> {
    (r.label.is_none() && r.time.is_some()).then_some(r.number)
}

/// A speaker table row as lines: `[time] Label: text`, its other paragraphs below.
fn push_row(out: &mut Vec<(usize, String)>, r: &TurnRow<'_>) {
    let mut paras = r.text.iter();
    let first = paras.next().map(Para::text).unwrap_or_default();
    let first = match &r.label {
        Some(label) => {
            let head = match &r.time {
                Some(t) => format!("[{t}] {label}"),
                None => label.clone(),
            };
            labelled(&head, &first)
        }
        None => first,
    };
    push_text(out, r.number, &first);
    for p in paras {
        push_text(out, p.number, &p.text());
    }
}

/// Lines of tab-separated cells, a speaker table saved as text (NVivo's transcription
/// export: `Timespan<TAB>Content<TAB>Speaker`), as the lines a speaker table in a
/// document becomes, and the rows with no speaker (see [`render`]); `None` when they are
/// not a speaker table. Blank lines are skipped; a row short of cells has empty ones
/// at its end.
pub fn tab_table(lines: &[(usize, &str)]) -> Option<(NumberedLines, Vec<usize>)> {
    let rows: Vec<(usize, Vec<String>)> = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|&(number, line)| (number, line.split('\t').map(str::to_owned).collect()))
        .collect();
    cells_table(rows)
}

/// Rows of cells (each with the number of its line; a line break in a cell is a soft
/// one), a speaker table saved as text, as [`tab_table`] reads them.
pub fn cells_table(rows: Vec<(usize, Vec<String>)>) -> Option<(NumberedLines, Vec<usize>)> {
    let width = rows.iter().map(|(_, r)| r.len()).max()?;
    let rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|(number, mut r)| {
            r.resize(width, String::new());
            r.iter()
                .map(|cell| {
                    let mut p = Para::new(number);
                    p.push(cell.trim(), false);
                    vec![p]
                })
                .collect()
        })
        .collect();
    let first = rows.first()?.first()?.first()?.number;
    let turns = turn_table(&rows, first)?;
    let mut out = Vec::new();
    for r in &turns {
        push_row(&mut out, r);
    }
    Some((out, turns.iter().filter_map(unattributed).collect()))
}

/// A paragraph's text as lines numbered `number`, after a blank line if any came before.
fn push_text(out: &mut Vec<(usize, String)>, number: usize, text: &str) {
    if !out.is_empty() {
        out.push((number, String::new()));
    }
    for line in text.split('\n') {
        out.push((number, nfc(line.trim_end())));
    }
}

/// `head: rest`, the colon straight before a line break in `rest`.
fn labelled(head: &str, rest: &str) -> String {
    let rest = rest.trim_start_matches([' ', '\t']);
    if rest.is_empty() || rest.starts_with('\n') {
        format!("{head}:{rest}")
    } else {
        format!("{head}: {rest}")
    }
}

fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(number: usize, runs: &[(&str, bool)]) -> Para {
        let mut p = Para::new(number);
        for (t, b) in runs {
            p.push(t, *b);
        }
        p
    }

    fn plain(number: usize, text: &str) -> Block {
        Block::Para(para(number, &[(text, false)]))
    }

    fn lines(blocks: &[Block]) -> Vec<(usize, String)> {
        render(blocks, &Speakers::default()).0
    }

    fn owned(v: &[(usize, &str)]) -> Vec<(usize, String)> {
        v.iter().map(|(n, s)| (*n, (*s).to_owned())).collect()
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines_and_keep_their_line_breaks() {
        let blocks = [
            plain(1, "Interviewer: Hello."),
            plain(2, "C1: First line\nsecond line"),
        ];
        assert_eq!(
            lines(&blocks),
            owned(&[
                (1, "Interviewer: Hello."),
                (2, ""),
                (2, "C1: First line"),
                (2, "second line")
            ])
        );
    }

    #[test]
    fn bold_leads_that_recur_are_labels_a_lone_bold_title_is_not() {
        let blocks = [
            Block::Para(para(1, &[("Interview Three", true)])),
            Block::Para(para(2, &[("Morag B", true), (" How was it?", false)])),
            Block::Para(para(3, &[("Jo", true), ("\tFine.", false)])),
            Block::Para(para(4, &[("Morag B ", true), ("And then?", false)])),
            Block::Para(para(5, &[("Never", true), (" again.", false)])),
        ];
        assert_eq!(
            lines(&blocks),
            owned(&[
                (1, "Interview Three"),
                (2, ""),
                (2, "Morag B: How was it?"),
                (3, ""),
                // After the first recurring label, a one-off is a label too...
                (3, "Jo: Fine."),
                (4, ""),
                (4, "Morag B: And then?"),
                (5, ""),
                // ... and so, at this cost, is a bold first word after it.
                (5, "Never: again."),
            ])
        );
    }

    #[test]
    fn bold_lead_rules() {
        let lead =
            |runs: &[(&str, bool)]| bold_lead(&para(1, runs)).map(|l| (l.label, l.head, l.rest));
        // Typed labels are the text parser's: nothing to add.
        assert_eq!(lead(&[("Interviewer:", true), (" Hi", false)]), None);
        assert_eq!(lead(&[("Interviewer", true), (": Hi", false)]), None);
        // Too many words, or none bold.
        assert_eq!(lead(&[("This is far too long", true), (" x", false)]), None);
        assert_eq!(lead(&[("Interviewer Hi", false)]), None);
        assert_eq!(
            lead(&[("  ", false), ("Q", true), (" Why?", false)]),
            Some(("Q".into(), "Q".into(), " Why?".into()))
        );
        // A line break inside the bold run ends the label.
        assert_eq!(
            lead(&[("Speaker 1\n", true), ("Yes.", false)]),
            Some(("Speaker 1".into(), "Speaker 1".into(), "\nYes.".into()))
        );
        // A timestamp in the bold run is the label's time.
        assert_eq!(
            lead(&[("Int (00:01:02)", true), (" Go on", false)]),
            Some(("Int".into(), "Int (00:01:02)".into(), " Go on".into()))
        );
        assert_eq!(labelled("Speaker 1", "\nYes."), "Speaker 1:\nYes.");
        assert_eq!(labelled("Q", "\tWhy?"), "Q: Why?");
    }

    fn row(cells: &[(usize, &str)]) -> Vec<Cell> {
        cells
            .iter()
            .map(|(n, t)| {
                t.split("\n\n")
                    .enumerate()
                    .map(|(i, t)| para(n + i, &[(t, false)]))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn speaker_tables_become_labelled_lines() {
        let two = Block::Table(vec![
            row(&[(1, "Speaker"), (2, "Text")]),
            row(&[(3, "Interviewer"), (4, "How long?")]),
            row(&[(5, "P2"), (6, "A year.\n\nMaybe two.")]),
        ]);
        let three = Block::Table(vec![
            row(&[(8, "00:01:02"), (9, "Interviewer"), (10, "And now?")]),
            row(&[(11, "1:10"), (12, "P2"), (13, "Better.")]),
            row(&[(14, ""), (15, ""), (16, "Much better.")]),
        ]);
        assert_eq!(
            lines(&[two, three]),
            owned(&[
                (3, "Interviewer: How long?"),
                (5, ""),
                (5, "P2: A year."),
                (7, ""),
                (7, "Maybe two."),
                (8, ""),
                (8, "[00:01:02] Interviewer: And now?"),
                (11, ""),
                (11, "[1:10] P2: Better."),
                (14, ""),
                (14, "Much better."),
            ])
        );
    }

    #[test]
    fn other_tables_are_their_cells_paragraphs() {
        // Facts, not turns: no header, every label once. Above the talk they are the
        // document's metadata, a `Key: value` line a row; after it, their cells'
        // paragraphs.
        let facts = || {
            Block::Table(vec![
                row(&[(1, "Age"), (2, "34")]),
                row(&[(3, "Area"), (4, "Rural")]),
            ])
        };
        let talk = plain(
            5,
            "We moved here when the mill closed, and the buses went soon after.",
        );
        assert_eq!(
            lines(&[facts(), talk]),
            owned(&[
                (2, "Age: 34"),
                (4, ""),
                (4, "Area: Rural"),
                (5, ""),
                (
                    5,
                    "We moved here when the mill closed, and the buses went soon after."
                )
            ])
        );
        let talk = plain(
            0,
            "We moved here when the mill closed, and the buses went soon after.",
        );
        assert_eq!(
            lines(&[talk, facts()]),
            owned(&[
                (
                    0,
                    "We moved here when the mill closed, and the buses went soon after."
                ),
                (1, ""),
                (1, "Age"),
                (2, ""),
                (2, "34"),
                (3, ""),
                (3, "Area"),
                (4, ""),
                (4, "Rural")
            ])
        );
        // Four columns; a three-column table whose first column is not a time.
        assert!(turn_table(&[row(&[(1, "a"), (2, "b"), (3, "c"), (4, "d")])], 1).is_none());
        assert!(
            turn_table(
                &[
                    row(&[(1, "Time"), (2, "Who"), (3, "Text")]),
                    row(&[(4, "soon"), (5, "A"), (6, "b")])
                ],
                1
            )
            .is_none()
        );
        // Speaker first, time second.
        let t = [
            row(&[(1, "Int"), (2, "[00:00:05]"), (3, "Hi")]),
            row(&[(4, "C1"), (5, "(00:00:09)"), (6, "Hello")]),
        ];
        let rows = turn_table(&t, 1).unwrap();
        assert_eq!(
            rows.iter()
                .map(|r| (r.number, r.time.clone(), r.label.clone()))
                .collect::<Vec<_>>(),
            [
                (1, Some("00:00:05".into()), Some("Int".into())),
                (4, Some("00:00:09".into()), Some("C1".into()))
            ]
        );
    }

    #[test]
    fn headings_are_left_out() {
        let mut title = para(1, &[("Interview with C1", false)]);
        title.heading = true;
        assert_eq!(
            lines(&[Block::Para(title), plain(2, "Int: Hi.")]),
            owned(&[(2, "Int: Hi.")])
        );
    }

    const FIXTURES: &[(&[u8], Kind)] = &[
        (
            include_bytes!("../../tests/fixtures/docx/a-labelled.docx"),
            Kind::Docx,
        ),
        (
            include_bytes!("../../tests/fixtures/docx/b-bold.docx"),
            Kind::Docx,
        ),
        (
            include_bytes!("../../tests/fixtures/docx/c-tables.docx"),
            Kind::Docx,
        ),
        (
            include_bytes!("../../tests/fixtures/docx/d-libre.odt"),
            Kind::Odt,
        ),
    ];

    /// The main XML part of a fixture, unpacked.
    fn main_xml(bytes: &[u8], kind: Kind) -> String {
        let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let name = if kind == Kind::Odt {
            "content.xml"
        } else {
            "word/document.xml"
        };
        let mut xml = String::new();
        a.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    /// A document packed as a zip of one part (and, for an .odt, its mimetype).
    fn pack(xml: &[u8], kind: Kind) -> Vec<u8> {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let name = if kind == Kind::Odt {
            "content.xml"
        } else {
            "word/document.xml"
        };
        z.start_file(name, opts).unwrap();
        z.write_all(xml).unwrap();
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn cut_and_damaged_documents_are_errors_or_text_never_panics() {
        let speakers = Speakers::default();
        for &(bytes, kind) in FIXTURES {
            // The whole file cut short, and each byte of it damaged.
            for n in (0..bytes.len()).step_by(5) {
                let _ = super::super::parse_bytes(&bytes[..n], kind, &speakers);
                let mut damaged = bytes.to_vec();
                damaged[n] ^= 0xA5;
                let _ = super::super::parse_bytes(&damaged, kind, &speakers);
            }
            // The XML cut short (at character boundaries) and its markup damaged.
            let xml = main_xml(bytes, kind);
            for (n, _) in xml.char_indices().step_by(3) {
                let cut =
                    super::super::parse_bytes(&pack(&xml.as_bytes()[..n], kind), kind, &speakers);
                // Every element is still open: never read as if whole.
                assert!(cut.is_err(), "{kind:?} cut at {n}");
                let mut damaged = xml.as_bytes().to_vec();
                if matches!(damaged[n], b'<' | b'>' | b'/' | b'"' | b'=' | b'&' | b':') {
                    damaged[n] = b'#';
                    let _ = super::super::parse_bytes(&pack(&damaged, kind), kind, &speakers);
                }
            }
        }
    }

    #[test]
    fn parts_larger_than_the_limit_are_refused() {
        let mut buf = Vec::new();
        let data = vec![b'x'; 100];
        // Declared too large: refused before reading.
        assert!(matches!(
            read_capped(&mut data.as_slice(), 100, 10, &mut buf),
            Err(Capped::TooBig)
        ));
        // Declared small, but more comes out: refused once past the limit.
        assert!(matches!(
            read_capped(&mut data.as_slice(), 5, 10, &mut buf),
            Err(Capped::TooBig)
        ));
        buf.clear();
        read_capped(&mut data.as_slice(), 100, 100, &mut buf).unwrap();
        assert_eq!(buf.len(), 100);
    }
}
