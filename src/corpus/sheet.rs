//! The participants sheet: a CSV with a header row, a `participant` column (the id),
//! an optional `transcript` column (the transcript a one-to-one interview's participant
//! speaks in), and attribute columns (group, area, ...).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
use crate::transcript::decode;

/// Column names that coda's own outputs use; an attribute may not take one.
/// Attribute values that would be taken for a column of coda's own in a matrix
/// (`Total`, `theme`, `parent`) or for the column of no value (`(none)`), in any case.
pub const RESERVED_VALUES: &[&str] = &["Total", "(none)", "theme", "parent"];

/// Why the value `v` of attribute `name` is refused, if it is.
pub fn reserved_value(name: &str, v: &str) -> Option<String> {
    RESERVED_VALUES
        .iter()
        .find(|r| r.eq_ignore_ascii_case(v))
        .map(|_| {
            format!(
                "attribute '{name}' has the value '{v}', which a matrix by '{name}' would take for one of its own \
                 columns ({}); write the value another way (for example '{v} ({name})')",
                RESERVED_VALUES.join(", ")
            )
        })
}

pub const RESERVED: &[&str] = &[
    "segment",
    "segments",
    "transcript",
    "transcripts",
    "speaker",
    "role",
    "start",
    "end",
    "text",
    "score",
    // The search index's own fields.
    "key",
    "sort_key",
    "transcript_key",
    // Columns of coda's outputs (segments, codings, quotes, matrices).
    "number",
    "line_start",
    "line_end",
    "start_ms",
    "end_ms",
    "theme",
    "parent",
    "hits",
    "evidence",
    "pass",
    "words",
    "participants",
    "participants_in_group",
];

const EMPTY: &str = "the participants sheet is empty: give it a header row with a 'participant' column, then a row per participant";
const EMPTY_TRANSCRIPTS: &str = "the transcripts sheet is empty: give it a header row with a 'transcript' column, then a row per transcript";

/// Which sheet: the participants sheet (a row per participant, keyed by `participant`)
/// or the transcripts sheet (a row per transcript, keyed by `transcript`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyed {
    Participants,
    Transcripts,
}

impl Keyed {
    fn key(self) -> &'static str {
        match self {
            Keyed::Participants => "participant",
            Keyed::Transcripts => "transcript",
        }
    }
    fn what(self) -> &'static str {
        match self {
            Keyed::Participants => "participants sheet",
            Keyed::Transcripts => "transcripts sheet",
        }
    }
}

/// One row of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub transcript: Option<String>,
    /// Attribute name (lowercased header) to value; empty cells are left out.
    /// Attribute values by column name (lowercased).
    pub attributes: crate::names::Names<String>,
    pub line: usize,
}

/// A participants sheet that was read (its rows went to the caller one at a time).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub path: PathBuf,
    /// The attribute columns' names (lowercased), in header order.
    pub columns: Vec<String>,
    /// What the decoder had to say (an encoding guessed).
    pub warnings: Vec<Problem>,
}

impl Sheet {
    /// Read a sheet, handing each good row to `each`. Any problem fails the whole sheet
    /// (every problem is listed): the rows handed over are then to be thrown away.
    pub fn load(path: &Path, each: &mut dyn FnMut(Row) -> Result<()>) -> Result<Sheet> {
        Sheet::load_keyed(path, Keyed::Participants, each)
    }

    /// Read a participants or transcripts sheet (for a transcripts sheet, a row's `id`
    /// is the transcript id and `transcript` is `None`).
    pub fn load_keyed(
        path: &Path,
        keyed: Keyed,
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<Sheet> {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::input(Problem::at(
                path,
                None,
                format!("cannot read the {}: {e}", keyed.what()),
            ))
        })?;
        Sheet::parse_keyed(path, &bytes, keyed, each)
    }

    /// Read a sheet from its bytes; `path` names it in messages.
    pub fn parse(
        path: &Path,
        bytes: &[u8],
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<Sheet> {
        Sheet::parse_keyed(path, bytes, Keyed::Participants, each)
    }

    /// Read a participants or transcripts sheet from its bytes.
    pub fn parse_keyed(
        path: &Path,
        bytes: &[u8],
        keyed: Keyed,
        each: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<Sheet> {
        let empty = match keyed {
            Keyed::Participants => EMPTY,
            Keyed::Transcripts => EMPTY_TRANSCRIPTS,
        };
        let decoded = decode::decode(bytes).map_err(|e| {
            Error::input(Problem::at(
                path,
                None,
                match e {
                    decode::DecodeError::Empty => empty,
                    decode::DecodeError::Binary { .. } => {
                        "a spreadsheet or other binary file, not CSV text: in Excel use Save As > CSV UTF-8 (comma delimited)"
                    }
                },
            ))
        })?;
        let delimiter = sniff_delimiter(decoded.text.lines().next().unwrap_or(""));
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(decoded.text.as_bytes());
        let mut problems = Vec::new();
        let mut records = rdr.records();
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                return Err(Error::input(Problem::at(
                    path,
                    Some(1),
                    format!("cannot read the header: {e}"),
                )));
            }
            None => {
                return Err(Error::input(Problem::at(path, None, empty)));
            }
        };
        let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let key = keyed.key();
        let Some(id_col) = names.iter().position(|n| n == key) else {
            return Err(Error::input(Problem::at(
                path,
                Some(1),
                format!(
                    "no '{key}' column in the header ({}); add a column '{key}' holding each {key}'s id",
                    names.join(", ")
                ),
            )));
        };
        let transcript_col = match keyed {
            Keyed::Participants => names.iter().position(|n| n == "transcript"),
            Keyed::Transcripts => None,
        };
        for (i, n) in names.iter().enumerate() {
            if n.is_empty() {
                problems.push(Problem::at(
                    path,
                    Some(1),
                    format!("column {} has an empty header; name it", i + 1),
                ));
            } else if names[..i].contains(n) {
                problems.push(Problem::at(
                    path,
                    Some(1),
                    format!("column '{n}' appears twice in the header"),
                ));
            } else if keyed == Keyed::Transcripts && n == "participant" {
                problems.push(Problem::at(
                    path,
                    Some(1),
                    "column 'participant': a transcripts sheet holds transcript attributes; say who speaks in a transcript in the participants sheet's 'transcript' column",
                ));
            } else if RESERVED.contains(&n.as_str()) && Some(i) != transcript_col && i != id_col {
                problems.push(Problem::at(
                    path,
                    Some(1),
                    format!(
                        "column '{n}' is a name coda uses for its own output; rename the column"
                    ),
                ));
            }
        }
        // The rows' problems, by line; and each id (lowercased) with the line it is first
        // on, to find ids on two rows.
        let mut row_problems: Vec<(usize, Problem)> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        // An id on two rows (in any case): the later row is the problem.
        let mut twice: Vec<(usize, Problem)> = Vec::new();
        let mut last = 1;
        for rec in records {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line() as usize);
                    row_problems.push((
                        line.unwrap_or(last),
                        Problem::at(path, line, format!("cannot read the row: {e}")),
                    ));
                    continue;
                }
            };
            let line = rec.position().map_or(0, |p| p.line() as usize);
            last = line;
            if rec.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if rec.len() != names.len() {
                row_problems.push((line, Problem::at(
                    path,
                    Some(line),
                    format!("the row has {} fields but the header has {}; fix the row (a missing or extra delimiter?)", rec.len(), names.len()),
                )));
                continue;
            }
            let id = rec[id_col].trim().to_owned();
            if id.is_empty() {
                row_problems.push((
                    line,
                    Problem::at(
                        path,
                        Some(line),
                        format!("the {key} id is empty; fill it in or delete the row"),
                    ),
                ));
                continue;
            }
            let lower = id.to_lowercase();
            match ids.get(&lower) {
                Some(&at) => twice.push((
                    line,
                    Problem::at(
                        path,
                        Some(line),
                        format!(
                            "{key} id '{id}' is already on line {at}; ids must be unique (merge the rows)"
                        ),
                    ),
                )),
                None => {
                    ids.insert(lower, line);
                }
            }
            let attributes: crate::names::Names<String> = names
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != id_col && Some(*i) != transcript_col)
                .filter_map(|(i, n)| {
                    let v = rec[i].trim();
                    (!v.is_empty()).then(|| (n.clone(), v.to_owned()))
                })
                .collect();
            for (n, v) in attributes.iter() {
                if let Some(m) = reserved_value(n, v) {
                    row_problems.push((line, Problem::at(path, Some(line), m)));
                }
            }
            let transcript = transcript_col
                .map(|c| rec[c].trim().to_owned())
                .filter(|t| !t.is_empty());
            if problems.is_empty() && row_problems.is_empty() {
                each(Row {
                    id,
                    transcript,
                    attributes,
                    line,
                })?;
            }
        }
        // By line; on one line, the problems met while reading first.
        row_problems.extend(twice);
        row_problems.sort_by_key(|p| p.0);
        problems.extend(row_problems.into_iter().map(|p| p.1));
        if problems.is_empty() {
            Ok(Sheet {
                path: path.to_path_buf(),
                columns: names
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != id_col && Some(*i) != transcript_col)
                    .map(|(_, n)| n.clone())
                    .collect(),
                warnings: decoded
                    .warnings
                    .iter()
                    .map(|(line, m)| Problem::at(path, Some(*line), m.clone()))
                    .collect(),
            })
        } else {
            Err(Error::Input(problems))
        }
    }
}

/// Comma unless the header has none and has semicolons or tabs (spreadsheets in
/// locales with a decimal comma save CSV with semicolons).
pub(crate) fn sniff_delimiter(header: &str) -> u8 {
    if header.contains(',') {
        b','
    } else if header.contains(';') {
        b';'
    } else if header.contains('\t') {
        b'\t'
    } else {
        b','
    }
}
