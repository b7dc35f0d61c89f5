//! Typed transcripts (.txt, .md): front matter, then turns in the label style the file
//! uses (`style`), or, with no labels at all, one segment per paragraph. Documents
//! (.docx, .odt) come here too, as the lines `document` makes of their paragraphs
//! ([`parse_body`]).

use std::sync::LazyLock;

use regex::Regex;

use super::assemble::{Block, assemble, unlabelled_turn};
use super::{
    Diagnosis, Format, FrontMatter, Kind, ParseError, Speakers, Turn, Warning, document,
    frontmatter, style,
};

static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}(?:\s|$)").expect("heading regex"));
static END_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[ \t]*#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?#$").expect("end time regex")
});
static OTTER_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^transcribed by https?://otter\.ai\s*$").expect("footer regex")
});

pub fn parse(
    text: &str,
    kind: Kind,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> Result<(Format, FrontMatter, Vec<Turn>, Diagnosis), ParseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    // An HTML page saved as text: its tags and entities would be read as words.
    if let Some(at) = lines.iter().position(|l| !l.trim().is_empty()) {
        let head = lines[at]
            .trim_start_matches('\u{FEFF}')
            .trim_start()
            .to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            return Err(ParseError::at(
                at + 1,
                "an HTML page, not plain text: coda would read its tags as words; open it in a \
                 browser or word processor and save it as plain text (.txt) or Word (.docx)",
            ));
        }
    }
    let (fm, skip) = frontmatter::parse(&lines)?;
    for (key, line) in &fm.skipped {
        warnings.push(Warning {
            line: Some(*line),
            message: format!(
                "front matter '{key}' holds a list or nested values, not one value: skipped (an attribute takes one value)"
            ),
        });
    }
    let markdown = kind == Kind::Markdown;
    // (1-based line number, line) for the body, without Markdown headings and quote
    // marks, and without the timestamps f4 and MAXQDA put at a paragraph's end.
    // (And without Obsidian's and GitHub's callouts, `> [!note] Recording started`, a
    // note to the reader with the lines quoted below it, not anyone's words.)
    let mut callout = false;
    let body: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .skip(skip)
        .filter(|(_, l)| {
            let quoted = markdown && l.trim_start().starts_with('>');
            callout = quoted && (callout || unquote(l.trim_start()).starts_with("[!"));
            !callout
        })
        .map(|(i, l)| {
            let l = l.trim_end();
            let l = if markdown { unquote(l) } else { l };
            (i + 1, strip_end_time(l))
        })
        .collect();
    // Headings are left out, but those that name a speaker above each turn (`###
    // Dr. Fenwick`) become labels.
    let named = if markdown {
        speaker_headings(&body)
    } else {
        Vec::new()
    };
    let headed: Option<document::NumberedLines> = (!named.is_empty()).then(|| {
        body.iter()
            .filter_map(|&(n, l)| match heading_name(l) {
                Some(h) if named.contains(&h) => Some((n, format!("{h}:"))),
                Some(_) => None,
                None => Some((n, l.to_owned())),
            })
            .collect()
    });
    let body: Vec<(usize, &str)> = match &headed {
        Some(h) => h.iter().map(|(n, l)| (*n, l.as_str())).collect(),
        None => body
            .into_iter()
            .filter(|(_, l)| !(markdown && MD_HEADING.is_match(l)))
            .collect(),
    };
    // A speaker table in Markdown (`| Speaker | Text |`), saved as CSV or tab-separated
    // text, becomes `[time] Label: text` lines.
    let delimited = delimited_table(&body);
    let body: Vec<(usize, &str)> = match &delimited {
        Some((t, _)) => t.iter().map(|(n, l)| (*n, l.as_str())).collect(),
        None => body,
    };
    let piped = pipe_tables(&body);
    let body: Vec<(usize, &str)> = match &piped {
        Some((t, _)) => t.iter().map(|(n, l)| (*n, l.as_str())).collect(),
        None => body,
    };
    let tabled = tab_tables(&body);
    let body: Vec<(usize, &str)> = match &tabled {
        Some((t, _)) => t.iter().map(|(n, l)| (*n, l.as_str())).collect(),
        None => body,
    };

    // (A line that a speaker table became several lines of counts once.) Most files
    // have no page break: the text is searched once before its lines are.
    let breaks: Vec<usize> = if text.contains('\x0c') {
        body.iter()
            .enumerate()
            .filter(|&(i, (n, _))| (i == 0 || body[i - 1].0 != *n) && lines[n - 1].contains('\x0c'))
            .map(|(i, _)| i)
            .collect()
    } else {
        Vec::new()
    };
    // (Most files have no no-break space: an ASCII file is passed over at once.)
    let no_break = !text.is_ascii() && has_no_break(text);
    let (format, turns, mut diagnosis) =
        read_body(&body, &breaks, no_break, kind, speakers, warnings);
    for (_, unattributed) in delimited.into_iter().chain(piped).chain(tabled) {
        diagnosis.unattributed.extend(unattributed);
    }
    diagnosis.unattributed.sort_unstable();
    Ok((format, fm, turns, diagnosis))
}

/// A Markdown heading's text (`### **Dr. Fenwick**`: `Dr. Fenwick`); `None` for a line
/// that is not a heading.
fn heading_name(line: &str) -> Option<&str> {
    if !MD_HEADING.is_match(line) {
        return None;
    }
    let t = line
        .trim_start_matches('#')
        .trim()
        .trim_end_matches('#')
        .trim();
    Some(t.trim_matches(['*', '_']).trim())
}

/// The headings of a Markdown body that name speakers: short (five words at most, no
/// sentence), each heading two turns or more, and at least two such names (a document's
/// `## Notes` sections are not a dialogue).
fn speaker_headings<'a>(body: &[(usize, &'a str)]) -> Vec<&'a str> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for (_, l) in body {
        if let Some(h) = heading_name(l)
            && !h.is_empty()
            && h.split_whitespace().count() <= 5
            && !h.ends_with(['.', ':', '?', '!'])
        {
            *counts.entry(h).or_insert(0) += 1;
        }
    }
    let names: Vec<&str> = counts
        .into_iter()
        .filter(|&(_, c)| c >= 2)
        .map(|(h, _)| h)
        .collect();
    if names.len() >= 2 { names } else { Vec::new() }
}

/// A Markdown line without its blockquote marks (`> text`, `> > text`).
fn unquote(line: &str) -> &str {
    let mut l = line;
    while let Some(rest) = l.strip_prefix('>') {
        l = rest.strip_prefix(' ').unwrap_or(rest);
    }
    l
}

/// A line without a timestamp at its end as f4/f5 transcript and MAXQDA write them
/// (`... Oberschenkelhalsbruch. #00:00:41-7#`).
fn strip_end_time(line: &str) -> &str {
    if !line.ends_with('#') {
        return line;
    }
    match END_TIME.find(line) {
        Some(m) => line[..m.start()].trim_end(),
        None => line,
    }
}

/// A file that is one delimited table (CSV, or tab- or semicolon-separated, quoted as
/// spreadsheets quote: a cell may hold line breaks and doubled quotes) whose first line
/// is a header naming a speaker column and a text column (`"Speaker","Start
/// Time","End Time","Content"`): its rows as a speaker table's lines, and the rows with
/// no speaker; `None` for any other file.
/// Line breaks a delimited table's cell may hold (more: a quote left open).
const MAX_CELL_LINES: usize = 20;

fn delimited_table(body: &[(usize, &str)]) -> Option<(document::NumberedLines, Vec<usize>)> {
    let at = body.iter().position(|(_, l)| !l.trim().is_empty())?;
    let head = body[at].1.trim_start_matches('\u{FEFF}');
    let reader = |delimiter: u8, text: &str| {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(std::io::Cursor::new(text.to_owned()))
    };
    let delimiter = [b'\t', b',', b';'].into_iter().find(|&d| {
        head.as_bytes().contains(&d)
            && reader(d, head)
                .records()
                .next()
                .and_then(|r| r.ok())
                .is_some_and(|r| {
                    let cells: Vec<String> = r.iter().map(str::to_owned).collect();
                    cells.len() >= 2 && document::named_columns(&cells).is_some()
                })
    })?;
    let rest: Vec<&str> = std::iter::once(head)
        .chain(body[at + 1..].iter().map(|(_, l)| *l))
        .collect();
    let mut rows = Vec::new();
    for record in reader(delimiter, &rest.join("\n")).records() {
        // (A quote left open runs to the end of the file: not a table to trust.)
        let record = record.ok()?;
        // (Nor one whose quote is never closed: its cell runs on over the rest of the
        // file. A turn's cell holds a few line breaks at most.)
        if record
            .iter()
            .any(|c| c.matches('\n').count() > MAX_CELL_LINES)
        {
            return None;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(1, |p| p.line() as usize);
        let number = body.get(at + line - 1).map_or(body[at].0, |(n, _)| *n);
        rows.push((number, record.iter().map(str::to_owned).collect()));
    }
    document::cells_table(rows)
}

/// Markdown pipe tables (`| Speaker | Text |`, a `|---|---|` row under the header) of
/// two or three columns that read as a speaker table: the body with each replaced by
/// the lines of its turns, and the rows with no speaker; `None` when there is none.
/// A table that is not a speaker table (a roster of names and roles) stays as it is.
fn pipe_tables(body: &[(usize, &str)]) -> Option<(document::NumberedLines, Vec<usize>)> {
    let piped = |l: &str| {
        let t = l.trim();
        t.starts_with('|') && t.len() > 1
    };
    if !body.iter().any(|(_, l)| piped(l)) {
        return None;
    }
    let cells = |l: &str| -> Vec<String> {
        let t = l.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        t.split('|').map(|c| c.trim().to_owned()).collect()
    };
    let rule = |l: &str| {
        cells(l).iter().all(|c| {
            let c = c.trim_matches(':');
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
    };
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut unattributed = Vec::new();
    let mut found = false;
    let mut i = 0;
    while i < body.len() {
        let end = (i..body.len())
            .find(|&j| !piped(body[j].1))
            .unwrap_or(body.len());
        let width = if end > i { cells(body[i].1).len() } else { 0 };
        // (A speaker recurs in a speaker table; a roster names each person once.)
        let recurs = || {
            let mut seen = std::collections::HashSet::new();
            (i + 2..end).any(|j| {
                cells(body[j].1)
                    .into_iter()
                    .any(|c| !c.is_empty() && !seen.insert(c))
            })
        };
        if end >= i + 3 && rule(body[i + 1].1) && (2..=3).contains(&width) && recurs() {
            let rows: Vec<(usize, String)> = (i..end)
                .filter(|&j| j != i + 1)
                .map(|j| (body[j].0, cells(body[j].1).join("\t")))
                .collect();
            let refs: Vec<(usize, &str)> = rows.iter().map(|(n, l)| (*n, l.as_str())).collect();
            if let Some((lines, rows)) = document::tab_table(&refs) {
                out.extend(lines);
                unattributed.extend(rows);
                found = true;
                i = end;
                continue;
            }
        }
        let stop = end.max(i + 1);
        out.extend(body[i..stop].iter().map(|&(n, l)| (n, l.to_owned())));
        i = stop;
    }
    found.then_some((out, unattributed))
}

/// Runs of three or more lines with one or two tabs, blank lines allowed between them, that read as a speaker table: the body with each such run
/// replaced by the lines of its turns, and the table rows with no speaker; `None` when
/// there is none.
fn tab_tables(body: &[(usize, &str)]) -> Option<(document::NumberedLines, Vec<usize>)> {
    let tabs = |l: &str| l.bytes().filter(|&b| b == b'\t').count();
    if !body.iter().any(|(_, l)| (1..=2).contains(&tabs(l))) {
        return None;
    }
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut unattributed = Vec::new();
    let mut found = false;
    let mut i = 0;
    while i < body.len() {
        if (1..=2).contains(&tabs(body[i].1)) {
            // The run: lines with one or two tabs (a row whose last cells are empty has
            // lost its last tabs with its trailing space), and blank lines between them.
            let mut end = i;
            let mut rows = 0;
            let mut j = i;
            while j < body.len()
                && (body[j].1.trim().is_empty() || (1..=2).contains(&tabs(body[j].1)))
            {
                if !body[j].1.trim().is_empty() {
                    rows += 1;
                    end = j + 1;
                }
                j += 1;
            }
            if rows >= 3
                && let Some((lines, rows)) = document::tab_table(&body[i..end])
            {
                out.extend(lines);
                unattributed.extend(rows);
                found = true;
                i = end;
                continue;
            }
            // Not a table: its lines stay as they are.
            out.extend(body[i..end].iter().map(|&(n, l)| (n, l.to_owned())));
            i = end;
            continue;
        }
        out.push((body[i].0, body[i].1.to_owned()));
        i += 1;
    }
    found.then_some((out, unattributed))
}

/// The turns of a body of lines, each with the number that places it in the file (a
/// line number; in a document, the number of the paragraph the line comes from).
/// `breaks`: the body lines that held a page break.
pub fn parse_body(
    body: &[(usize, &str)],
    breaks: &[usize],
    kind: Kind,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> (Format, Vec<Turn>, Diagnosis) {
    let no_break = body.iter().any(|(_, l)| !l.is_ascii() && has_no_break(l));
    read_body(body, breaks, no_break, kind, speakers, warnings)
}

/// [`parse_body`], told whether any line may hold a no-break space.
fn read_body(
    body: &[(usize, &str)],
    breaks: &[usize],
    no_break: bool,
    kind: Kind,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> (Format, Vec<Turn>, Diagnosis) {
    if no_break {
        let owned: Vec<(usize, String)> = body
            .iter()
            .map(|&(n, l)| (n, label_spaces(l).unwrap_or_else(|| l.to_owned())))
            .collect();
        let refs: Vec<(usize, &str)> = owned.iter().map(|(n, l)| (*n, l.as_str())).collect();
        return labelled_body(&refs, breaks, kind, speakers, warnings);
    }
    labelled_body(body, breaks, kind, speakers, warnings)
}

/// No-break spaces as word processors and exports put them inside a name and between a
/// label and its colon: U+00A0, the narrow U+202F and the figure space U+2007.
const NO_BREAK: [char; 3] = ['\u{A0}', '\u{202F}', '\u{2007}'];

/// Whether a line holds a no-break space (one search a character: each is a fast scan
/// for one byte sequence).
fn has_no_break(line: &str) -> bool {
    NO_BREAK.iter().any(|&c| line.contains(c))
}

/// A line with the no-break spaces where a label would be read as ordinary spaces: those
/// before the line's first colon (`:` or `：`, within the first 160 bytes, as
/// [`label::label_line`](super::label::label_line) looks for it) and right after it; in a
/// line of up to 60 characters with no colon (a name alone on its line), all of them.
/// The speech after a label keeps them as written. `None` when nothing changes.
fn label_spaces(line: &str) -> Option<String> {
    let zone = match line.find([':', '：']) {
        Some(c) if c <= 160 => {
            let colon = line[c..].chars().next().map_or(1, char::len_utf8);
            let after = &line[c + colon..];
            let gap = after.len()
                - after
                    .trim_start_matches(|ch: char| {
                        ch == ' ' || ch == '\t' || NO_BREAK.contains(&ch)
                    })
                    .len();
            c + colon + gap
        }
        Some(_) => return None,
        None if line.chars().count() <= 60 => line.len(),
        None => return None,
    };
    let (head, rest) = line.split_at(zone);
    if !has_no_break(head) {
        return None;
    }
    let mut out: String = head
        .chars()
        .map(|c| if NO_BREAK.contains(&c) { ' ' } else { c })
        .collect();
    out.push_str(rest);
    Some(out)
}

fn labelled_body(
    body: &[(usize, &str)],
    breaks: &[usize],
    kind: Kind,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> (Format, Vec<Turn>, Diagnosis) {
    let style = style::learn(body, breaks, speakers);
    let headers = style.starts.iter().flatten().filter(|s| s.header).count();
    let colons = style.starts.iter().flatten().count() - headers;
    let mut diagnosis = Diagnosis {
        shapes: style.shapes.clone(),
        not_taken: style.not_taken.clone(),
        ..Diagnosis::default()
    };
    let unit = kind.unit();
    if headers + colons > 0 {
        let blocks = labelled_blocks(body, &style, &mut diagnosis.unnamed);
        let mut turns = assemble(blocks, "\n\n", unit, speakers, warnings);
        for t in &mut turns {
            if style.interviewers.contains(&t.speaker.as_str()) {
                t.role = super::Role::Interviewer;
            }
        }
        let format = match kind {
            Kind::Docx => Format::Docx,
            Kind::Odt => Format::Odt,
            _ if headers > colons => Format::Otter,
            Kind::Markdown => Format::Markdown,
            _ => Format::Text,
        };
        return (format, turns, diagnosis);
    }
    // An answer sent by email: the earlier message quoted below it is the research
    // team's, not the participant's.
    let mut dropped = style.dropped.clone();
    if let Some(q) = quoted_message(body, &style.mail) {
        let last = body
            .iter()
            .rposition(|(_, l)| !l.trim().is_empty())
            .unwrap_or(q);
        warnings.push(Warning {
            line: Some(body[q].0),
            message: format!(
                "lines {}-{} read as an earlier message quoted below the answer, not the participant's words",
                body[q].0,
                body[last.max(q)].0
            ),
        });
        for d in &mut dropped[q..] {
            *d = true;
        }
    }
    // Whisper's segments with no speaker anywhere: their time ranges are not words.
    let timed: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(i, (_, l))| !dropped[*i] && segment_range(l.trim_start()).is_some())
        .map(|(_, (n, _))| *n)
        .collect();
    let strip = timed.len() >= 2;
    if strip {
        diagnosis.speakerless = timed;
    }
    let mut paras = paragraphs(body, &dropped, strip);
    // A transcriber's note alone in its paragraph (`[phone rings; recording paused]`)
    // is no one's words.
    paras.retain(|(text, _)| text.contains('\n') || !bracket_only(text));
    let head = heading_paragraphs(&paras);
    if head > 0 {
        let (a, z) = (paras[0].1.0, paras[head - 1].1.1);
        warnings.push(Warning {
            line: Some(a),
            message: format!(
                "{} at the top read as a heading, metadata or an editor's note, not the participant's words; \
                 give {} a speaker label if {} speech",
                if a == z { format!("{unit} {a}") } else { format!("{unit}s {a}-{z}") },
                if a == z { "it" } else { "them" },
                if a == z { "it is" } else { "they are" }
            ),
        });
        paras.drain(..head);
    }
    if !style.mail.is_empty() && !paras.is_empty() {
        // One message by one person: one written answer, as a `Name: text` answer is.
        let lines = (paras[0].1.0, paras[paras.len() - 1].1.1);
        let text: Vec<String> = paras.into_iter().map(|(t, _)| t).collect();
        warnings.push(Warning {
            line: None,
            message: "no speaker labels found: read as a written answer sent by email, one segment of one participant".to_owned(),
        });
        let turn = unlabelled_turn(text.join("\n\n"), lines, None, None);
        return (Format::Unlabelled, vec![turn], diagnosis);
    }
    let turns: Vec<Turn> = paras
        .into_iter()
        .map(|(text, lines)| unlabelled_turn(text, lines, None, None))
        .collect();
    if !turns.is_empty() {
        warnings.push(Warning {
            line: None,
            message: format!(
                "no speaker labels found: read as written text, {} paragraph{} as segments of one participant",
                turns.len(),
                if turns.len() == 1 { "" } else { "s" }
            ),
        });
    }
    (Format::Unlabelled, turns, diagnosis)
}

/// Where the earlier message quoted below an emailed answer starts: Outlook's
/// `-----Original Message-----`, `Begin forwarded message:`, Gmail's `On ... wrote:`,
/// or a second header block (with the rule line above it). `None` without a first
/// header block, or with nothing quoted.
fn quoted_message(body: &[(usize, &str)], mail: &[(usize, usize)]) -> Option<usize> {
    let &(_, first_end) = mail.first()?;
    let marker = |l: &str| {
        let t = l.trim().trim_matches(['-', '_', ' ']).to_lowercase();
        let l = l.trim();
        (l.starts_with("--") && (t == "original message" || t == "forwarded message"))
            || t == "begin forwarded message:"
            || (l.starts_with("On ") && l.ends_with("wrote:"))
    };
    let by_marker = (first_end + 1..body.len()).find(|&i| marker(body[i].1));
    let by_block = mail.get(1).map(|&(start, _)| {
        let rule = start.checked_sub(1).filter(|&j| {
            let t = body[j].1.trim();
            t.len() >= 5 && t.chars().all(|c| matches!(c, '_' | '-' | '='))
        });
        rule.unwrap_or(start)
    });
    match (by_marker, by_block) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Accumulates a block's text: lines joined by `\n`, blank lines as one paragraph break.
#[derive(Default)]
struct TextBuf {
    text: String,
    pending_break: bool,
}

impl TextBuf {
    fn push_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            self.pending_break = !self.text.is_empty();
            return;
        }
        if !self.text.is_empty() {
            self.text
                .push_str(if self.pending_break { "\n\n" } else { "\n" });
        }
        self.pending_break = false;
        self.text.push_str(line);
    }
}

/// `unnamed`: the lines of Whisper segments with no speaker, read as part of the turn
/// before.
fn labelled_blocks(
    body: &[(usize, &str)],
    style: &style::Style<'_>,
    unnamed: &mut Vec<usize>,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cur: Option<(Block, TextBuf)> = None;
    // Notes in brackets alone on the last lines, after the last turn (`[END OF
    // RECORDING]`, `（访谈结束）`): the transcript's back matter, no one's words.
    let back_matter = body
        .iter()
        .enumerate()
        .rev()
        .take_while(|(i, (_, l))| {
            style.starts[*i].is_none() && (l.trim().is_empty() || bracket_only(l))
        })
        .last()
        .map_or(body.len(), |(i, _)| i);
    let back_matter = back_matter.min(footer(body, &style.starts));
    // A note alone on its line just before a turn starts (`[crosstalk]` between two
    // speakers) is between turns: no one's words either.
    let mut before_a_turn = vec![false; body.len()];
    let mut next_is_turn = false;
    for i in (0..body.len()).rev() {
        if style.starts[i].is_some() {
            next_is_turn = true;
        } else if bracket_only(body[i].1) {
            before_a_turn[i] = next_is_turn;
        } else if !body[i].1.trim().is_empty() {
            next_is_turn = false;
        }
    }
    for (i, &(n, line)) in body.iter().enumerate() {
        if style.dropped[i] || otter_footer(line) || i >= back_matter || before_a_turn[i] {
            continue;
        }
        if let Some(start) = &style.starts[i] {
            // Whisper's segments, one a line, each with its time range: the next segment
            // by the same speaker runs on in the same turn, as the next line of it.
            if let (Some(end), Some((b, buf))) = (start.end_ms, cur.as_mut())
                && b.end_ms.is_some()
                && b.speaker.as_deref() == Some(normalise_label(start.label).as_str())
            {
                buf.push_line(start.text);
                b.lines.1 = n;
                b.end_ms = Some(end);
                continue;
            }
            if let Some(b) = finish(cur.take()) {
                blocks.push(b);
            }
            let mut buf = TextBuf::default();
            buf.push_line(start.text);
            let block = Block {
                speaker: Some(normalise_label(start.label)),
                text: String::new(),
                lines: (n, n),
                start_ms: start.time_ms,
                end_ms: start.end_ms,
            };
            cur = Some((block, buf));
            continue;
        }
        let line = if style.numbered {
            &line[super::label::number_prefix(line)..]
        } else {
            line
        };
        match cur.as_mut() {
            Some((b, buf)) if b.end_ms.is_some() && segment_range(line).is_some() => {
                // A Whisper segment with no speaker among segments with one: its words
                // are the turn's before, for a look.
                let (len, end) = segment_range(line).expect("checked above");
                buf.push_line(&line[len..]);
                b.lines.1 = n;
                b.end_ms = Some(end);
                unnamed.push(n);
            }
            Some((b, buf)) => {
                // A paragraph of the turn opened by its time (`[00:00:04] Thanks ...`, as
                // Trint writes them): the time is the turn's, not its words.
                let stamp = leading_stamp(line);
                if stamp > 0 && b.start_ms.is_none() && b.lines.0 == b.lines.1 {
                    b.start_ms = super::label::parse_time(
                        line.trim_start()[1..].split(']').next().unwrap_or(""),
                    );
                }
                let line = &line[stamp..];
                buf.push_line(line);
                if !line.trim().is_empty() {
                    b.lines.1 = n;
                }
            }
            None if line.trim().is_empty() => {}
            None => {
                let mut buf = TextBuf::default();
                buf.push_line(line);
                cur = Some((
                    Block {
                        speaker: None,
                        text: String::new(),
                        lines: (n, n),
                        start_ms: None,
                        end_ms: None,
                    },
                    buf,
                ));
            }
        }
    }
    blocks.extend(finish(cur));
    blocks
}

/// Where a footer below a rule after the last turn starts (`---` then `Podcastle
/// transcript - generated 2024-01-18`): a line of three or more `-`, `*` or `_`, then
/// at most three short lines. `body.len()` when there is none.
fn footer(body: &[(usize, &str)], starts: &[Option<style::Start<'_>>]) -> usize {
    let Some(last) = starts.iter().rposition(Option::is_some) else {
        return body.len();
    };
    let rule = |l: &str| {
        let mut marks = l.chars().filter(|c| !c.is_whitespace());
        marks.next().is_some_and(|m| {
            matches!(m, '-' | '*' | '_') && marks.clone().count() >= 2 && marks.all(|c| c == m)
        })
    };
    let Some(at) = (last + 1..body.len()).rfind(|&i| rule(body[i].1)) else {
        return body.len();
    };
    let after: Vec<&str> = body[at + 1..]
        .iter()
        .map(|(_, l)| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if after.len() <= 3 && after.iter().all(|l| l.chars().count() <= 100) {
        at
    } else {
        body.len()
    }
}

/// A line that is one note in brackets and nothing else: `[END OF RECORDING]`,
/// `(interview ends)`, `（访谈结束）`, `【结束】`.
fn bracket_only(line: &str) -> bool {
    // (In emphasis or not: `*[music sting]*`.)
    let t = line.trim();
    let t = match t
        .strip_prefix(['*', '_'])
        .and_then(|r| r.strip_suffix(['*', '_']))
    {
        Some(inner) => inner.trim_matches(['*', '_']).trim(),
        None => t,
    };
    let pairs = [('[', ']'), ('(', ')'), ('（', '）'), ('【', '】')];
    pairs.iter().any(|&(open, close)| {
        t.starts_with(open)
            && t.ends_with(close)
            && t.len() > open.len_utf8() + close.len_utf8()
            && !t[open.len_utf8()..t.len() - close.len_utf8()].contains([open, close])
    })
}

/// The length of a bracketed time opening a line, with the space after it (`[00:00:04] `,
/// `[1:02.5] `); 0 if the line does not start with one.
fn leading_stamp(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let Some(inner) = rest.strip_prefix('[') else {
        return 0;
    };
    let Some(close) = inner.find(']') else {
        return 0;
    };
    if close > 12 || super::label::parse_time(&inner[..close]).is_none() {
        return 0;
    }
    let after = &inner[close + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return 0;
    }
    let gap = after.len() - after.trim_start().len();
    indent + 1 + close + 1 + gap
}

/// Whisper's time range opening a line, `[00:05.340 --> 00:08.240]` and the space
/// after it: its length and the segment's end.
fn segment_range(line: &str) -> Option<(usize, u64)> {
    let inner = line.strip_prefix('[')?;
    let close = inner.find(']')?;
    let (start, end) = inner[..close].split_once("-->")?;
    super::label::parse_time(start.trim())?;
    let end = super::label::parse_time(end.trim())?;
    let after = &inner[close + 1..];
    let gap = after.len() - after.trim_start().len();
    Some((1 + close + 1 + gap, end))
}

/// Otter's `Transcribed by https://otter.ai` line. The regex runs only on lines that end
/// in `otter.ai` (in any case: none of its letters has a non-ASCII case variant).
fn otter_footer(line: &str) -> bool {
    let l = line.trim().as_bytes();
    l.len() >= 8
        && l[l.len() - 8..].eq_ignore_ascii_case(b"otter.ai")
        && OTTER_FOOTER.is_match(line.trim())
}

fn finish(cur: Option<(Block, TextBuf)>) -> Option<Block> {
    cur.map(|(mut b, buf)| {
        b.text = buf.text;
        b
    })
}

/// Blank-line-separated paragraphs with their line spans.
/// `strip`: a Whisper time range opening a line is left out.
fn paragraphs(
    body: &[(usize, &str)],
    dropped: &[bool],
    strip: bool,
) -> Vec<(String, (usize, usize))> {
    let mut out = Vec::new();
    let mut cur: Option<(String, (usize, usize))> = None;
    for (i, &(n, line)) in body.iter().enumerate() {
        let mut t = if dropped[i] { "" } else { line.trim() };
        if strip && let Some((len, _)) = segment_range(t) {
            t = t[len..].trim();
        }
        if t.is_empty() {
            out.extend(cur.take());
            continue;
        }
        match cur.as_mut() {
            Some((text, lines)) => {
                text.push('\n');
                text.push_str(t);
                lines.1 = n;
            }
            None => cur = Some((t.to_owned(), (n, n))),
        }
    }
    out.extend(cur);
    out
}

/// How many of a written text's first paragraphs are not its author's words: a title
/// or metadata block (short lines, none ending a sentence: `Response ID: 0147`,
/// `FIELD NOTES – Site B`), or a short editor's note about the document (`Written
/// response submitted by ... in place of an interview.`). At most three, and never all.
fn heading_paragraphs(paras: &[(String, (usize, usize))]) -> usize {
    let heading = |text: &str| {
        let short_lines = text.lines().all(|l| {
            let l = l.trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '_']);
            l.chars().count() <= 160 && !l.ends_with(['.', '!', '?', '…'])
        });
        // (A greeting, `Hi Emma,` or `Dear Ros,`, opens the text itself.)
        let greeting = text.trim_end().ends_with(',');
        // (An editor's note in brackets, `[Editor's note: ... ]`, is about the text.)
        let t = text.trim();
        if t.starts_with('[') && t.ends_with(']') && t.chars().count() <= 600 {
            return true;
        }
        (short_lines && !greeting) || (text.chars().count() <= 300 && EDITORIAL.is_match(text))
    };
    paras
        .iter()
        .take(3.min(paras.len().saturating_sub(1)))
        .take_while(|(text, _)| heading(text))
        .count()
}

/// Words of an editor's note about a written text rather than the text itself.
static EDITORIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:written (?:response|answer|submission|evidence)|(?:response|answer|submission) (?:was )?(?:submitted|received|sent) (?:by|via|on)|submitted by|in (?:place|lieu) of (?:an? )?interview|field ?notes|dictated|response id|transcribed by)\b",
    )
    .expect("editorial regex")
});

/// Collapse runs of whitespace in a label, so `Morag  B` and `Morag B` are one speaker.
pub fn normalise_label(label: &str) -> String {
    let single = !label.contains("  ")
        && !label.starts_with(char::is_whitespace)
        && !label.ends_with(char::is_whitespace)
        && label.chars().all(|c| c == ' ' || !c.is_whitespace());
    if single {
        return label.to_owned();
    }
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Role;

    fn run(text: &str, kind: Kind) -> (Format, FrontMatter, Vec<Turn>, Vec<Warning>) {
        let mut w = Vec::new();
        let (f, fm, t, _) = parse(text, kind, &Speakers::default(), &mut w).unwrap();
        (f, fm, t, w)
    }

    fn brief(turns: &[Turn]) -> Vec<(String, Role, String, (usize, usize))> {
        turns
            .iter()
            .map(|t| (t.speaker.clone(), t.role, t.text.clone(), t.lines))
            .collect()
    }

    #[test]
    fn labelled_turns_with_continuations_and_paragraphs() {
        let text = "Interviewer: How did it go?\nC05: It was hard.\nThe bus was late.\n\nEvery week.\nInterviewer: Why?\n";
        let (f, _, turns, w) = run(text, Kind::Text);
        assert_eq!(f, Format::Text);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            brief(&turns),
            vec![
                (
                    "Interviewer".into(),
                    Role::Interviewer,
                    "How did it go?".into(),
                    (1, 1)
                ),
                (
                    "C05".into(),
                    Role::Participant,
                    "It was hard.\nThe bus was late.\n\nEvery week.".into(),
                    (2, 5)
                ),
                (
                    "Interviewer".into(),
                    Role::Interviewer,
                    "Why?".into(),
                    (6, 6)
                ),
            ]
        );
    }

    #[test]
    fn same_speaker_blocks_merge_and_sentences_with_colons_stay_text() {
        let text = "JSW1: First.\nJSW1: Second.\nThe main thing was: buses.\nJSW2 : Third.\n";
        let (_, _, turns, _) = run(text, Kind::Text);
        assert_eq!(
            brief(&turns),
            vec![
                (
                    "JSW1".into(),
                    Role::Participant,
                    "First.\n\nSecond.\nThe main thing was: buses.".into(),
                    (1, 3)
                ),
                ("JSW2".into(), Role::Participant, "Third.".into(), (4, 4)),
            ]
        );
    }

    #[test]
    fn label_alone_on_its_line_and_timestamps() {
        let text = "[00:00:05] Interviewer:\nTell me more.\n[00:00:09] Morag B: Well.\n";
        let (_, _, turns, _) = run(text, Kind::Text);
        assert_eq!(turns[0].text, "Tell me more.");
        assert_eq!(turns[0].lines, (1, 2));
        assert_eq!(
            (turns[0].start_ms, turns[1].start_ms),
            (Some(5_000), Some(9_000))
        );
    }

    #[test]
    fn front_matter_and_markdown_headings() {
        let text = "---\nparticipant: C02\ngroup: Client\n---\n# Interview 2\n\n**Interviewer:** Hi.\n\n**C02:** Hello.\n";
        let (f, fm, turns, w) = run(text, Kind::Markdown);
        assert_eq!(f, Format::Markdown);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(fm.participant, Some(("C02".into(), 2)));
        assert_eq!(
            brief(&turns)[1],
            ("C02".into(), Role::Participant, "Hello.".into(), (9, 9))
        );
    }

    #[test]
    fn preamble_before_first_label_is_reported() {
        let (_, _, turns, w) = run("Transcript of interview 3\nInt: Hi\nR: Hello\n", Kind::Text);
        assert_eq!(turns.len(), 2);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(1));
    }

    #[test]
    fn otter_export() {
        let text = "Speaker 1  0:02\nSo how long have you been on the order?\n\nSpeaker 2  0:09\nAbout a year.\nIt has been long.\n\nSpeaker 2  0:15\nReally long.\n\nTranscribed by https://otter.ai\n";
        let (f, _, turns, _) = run(text, Kind::Text);
        assert_eq!(f, Format::Otter);
        assert_eq!(
            brief(&turns),
            vec![
                (
                    "Speaker 1".into(),
                    Role::Participant,
                    "So how long have you been on the order?".into(),
                    (1, 2)
                ),
                (
                    "Speaker 2".into(),
                    Role::Participant,
                    "About a year.\nIt has been long.\n\nReally long.".into(),
                    (4, 9)
                ),
            ]
        );
        assert_eq!((turns[1].start_ms, turns[1].end_ms), (Some(9_000), None));
    }

    #[test]
    fn no_labels_means_paragraph_segments() {
        let (f, _, turns, w) = run("First answer,\nwrapped.\n\n\nSecond answer.\n", Kind::Text);
        assert_eq!(f, Format::Unlabelled);
        assert_eq!(
            brief(&turns),
            vec![
                (
                    "".into(),
                    Role::Participant,
                    "First answer,\nwrapped.".into(),
                    (1, 2)
                ),
                (
                    "".into(),
                    Role::Participant,
                    "Second answer.".into(),
                    (5, 5)
                ),
            ]
        );
        assert_eq!(w.len(), 1);
    }
}
