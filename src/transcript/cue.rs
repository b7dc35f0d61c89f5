//! What WebVTT, SubRip and SubViewer share: cues with a time range and payload lines,
//! speakers given by `<v Name>` voice tags, `Name: text` (Zoom writes one on every
//! cue) or `>>` speaker changes, markup stripped, and cues merged into turns.
//!
//! Cues are found as the services write them, not only as the specifications say: a
//! missing blank line between two cues, a line of one space inside a cue (YouTube), a
//! NOTE or header block that runs into the first cue, Teams' unpadded times
//! (`0:0:6.90` is 6.090 s), YouTube's rolling duplicate lines.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::assemble::{Block, assemble, unlabelled_turn};
use super::label::{count_candidates, is_bracket_note, label_line};
use super::text::normalise_label;
use super::{Format, NotTaken, ParseError, Speakers, Turn, Warning};

static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>|</v>").expect("voice regex"));
/// Markup: WebVTT tags, and the `{\an8}` override tags SubRip files carry over from ASS.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[^>\n]*>|\{\\[^}\n]*\}").expect("tag regex"));
/// A timing line's shape: `start --> end [settings]`.
static ARROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\S+?)\s*-->\s*(\S+)(?:\s.*)?$").expect("timing regex"));
/// SubViewer's timing line: `0:00:01.000,0:00:04.000`.
static SBV_TIMING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d[\d:.]*),(\d[\d:.]*)\s*$").expect("sbv timing regex"));
/// A word's time inside a cue (`<00:00:01.469>`), as YouTube's automatic captions have.
static INLINE_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>").expect("inline time regex"));
/// A Teams cue identifier: `8a2f3c1e-…/12-0`.
static TEAMS_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9A-Za-z-]+/\d+-\d+$").expect("teams id regex"));

/// The caption formats: where their cues' timings are and how they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    WebVtt,
    Srt,
    Sbv,
}

impl Dialect {
    fn example(self) -> &'static str {
        match self {
            Dialect::WebVtt => "00:00:01.000 --> 00:00:04.000",
            Dialect::Srt => "00:00:01,000 --> 00:00:04,000",
            Dialect::Sbv => "0:00:01.000,0:00:04.000",
        }
    }

    /// The two times of a line shaped like a timing line.
    fn shape(self, line: &str) -> Option<(&str, &str)> {
        let re = match self {
            Dialect::WebVtt | Dialect::Srt => &*ARROW,
            Dialect::Sbv => &*SBV_TIMING,
        };
        let caps = re.captures(line)?;
        Some((caps.get(1)?.as_str(), caps.get(2)?.as_str()))
    }

    /// Whether a line inside a block is a timing line (a new cue): shaped like one, and
    /// starting with a time rather than with words that happen to hold `-->`.
    fn starts_cue(self, line: &str) -> bool {
        self.shape(line).is_some_and(|(start, _)| {
            start.starts_with(|c: char| c.is_ascii_digit()) && start.contains(':')
        })
    }
}

/// One cue: where it is, when it is, what it says.
#[derive(Debug)]
pub struct Cue<'a> {
    /// First line of the cue (identifier or timing) and last payload line.
    pub lines: (usize, usize),
    pub start_ms: u64,
    pub end_ms: u64,
    /// The payload lines, each with its line number.
    pub payload: Vec<(usize, &'a str)>,
}

/// A cue before its times are read: the file decides how its times are written.
struct RawCue<'a> {
    lines: (usize, usize),
    /// The timing line: its number, the line, the two times.
    timing: (usize, &'a str, &'a str, &'a str),
    payload: Vec<(usize, &'a str)>,
}

/// A time as written.
#[derive(Debug, Clone, Copy)]
struct Clock<'a> {
    h: u64,
    m: u64,
    s: u64,
    frac: &'a str,
    /// `h:m:s` with a one-digit minute or second field, as Teams writes (`0:0:6.90`).
    unpadded: bool,
}

/// `[h:]mm:ss[.fff]` (or `,fff`) read into its fields; `None` if it is not a time.
fn clock(s: &str) -> Option<Clock<'_>> {
    let (fields, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = fields.split(':').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4)
    {
        return None;
    }
    let n = |p: &str| p.parse::<u64>().ok();
    let (h, m, sec, unpadded) = match parts.as_slice() {
        [m, sec] => (0, n(m)?, n(sec)?, false),
        [h, m, sec] => (n(h)?, n(m)?, n(sec)?, m.len() == 1 || sec.len() == 1),
        _ => return None,
    };
    if sec >= 60 || (parts.len() == 3 && m >= 60) {
        return None;
    }
    Some(Clock {
        h,
        m,
        s: sec,
        frac,
        unpadded,
    })
}

impl Clock<'_> {
    /// Milliseconds. `millis`: the digits after the point count milliseconds (Teams'
    /// `6.90` is 6.090 s), else they are a decimal fraction (`6.9` is 6.900 s).
    fn ms(self, millis: bool) -> u64 {
        let frac = if self.frac.is_empty() {
            0
        } else {
            let f: u64 = self.frac.parse().unwrap_or(0);
            if millis {
                f
            } else {
                f * 10u64.pow(3 - self.frac.len() as u32)
            }
        };
        ((self.h * 60 + self.m) * 60 + self.s) * 1000 + frac
    }
}

/// Read a timing line `start --> end [settings]` as WebVTT or SubRip write it.
#[cfg(test)]
pub fn timing(line: &str, n: usize, example: &str) -> Result<(u64, u64), ParseError> {
    let bad = || malformed(line, n, example);
    let (a, b) = Dialect::WebVtt.shape(line).ok_or_else(bad)?;
    let (a, b) = (clock(a).ok_or_else(bad)?, clock(b).ok_or_else(bad)?);
    let millis = a.unpadded || b.unpadded;
    ordered(line, n, a.ms(millis), b.ms(millis))
}

fn malformed(line: &str, n: usize, example: &str) -> ParseError {
    ParseError::at(
        n,
        format!(
            "malformed cue timing '{}': expected '{example}'; fix the line and run again",
            line.trim()
        ),
    )
}

fn ordered(line: &str, n: usize, start: u64, end: u64) -> Result<(u64, u64), ParseError> {
    if end < start {
        return Err(ParseError::at(
            n,
            format!(
                "cue ends before it starts ('{}'); fix the times and run again",
                line.trim()
            ),
        ));
    }
    Ok((start, end))
}

/// Whether a line is a cue identifier written with no blank line before it: a cue
/// number (Zoom, SubRip) or a Teams identifier.
fn looks_like_id(line: &str) -> bool {
    let t = line.trim();
    (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())) || TEAMS_ID.is_match(t)
}

/// Blank-line-separated blocks of (1-based line number, line). A line of spaces inside
/// a cue, followed by more of the cue's text, does not end it (YouTube writes a line of
/// one space as a cue's first line).
fn split_blocks(text: &str, dialect: Dialect) -> Vec<Vec<(usize, &str)>> {
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut cur: Vec<(usize, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            let inside = !line.is_empty()
                && cur
                    .iter()
                    .any(|(_, l)| l.contains("-->") || dialect.starts_cue(l))
                && !blank(i + 1)
                && !dialect.starts_cue(lines[i + 1])
                && !lines.get(i + 2).is_some_and(|l| dialect.starts_cue(l));
            if !inside && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push((i + 1, line.trim_end()));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The cues of a caption file, with their times read.
pub fn cues<'a>(
    text: &'a str,
    dialect: Dialect,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Cue<'a>>, ParseError> {
    let mut blocks = split_blocks(text, dialect).into_iter().peekable();
    let mut raw = Vec::new();
    // Timing lines with no blank line before them: the first one's line, and how many.
    let mut unsplit: Option<(usize, usize)> = None;
    let mut note = |n: usize| {
        unsplit = Some(unsplit.map_or((n, 1), |(first, k)| (first, k + 1)));
    };
    if dialect == Dialect::WebVtt {
        match blocks.peek() {
            Some(header)
                if header[0]
                    .1
                    .trim_start_matches('\u{feff}')
                    .starts_with("WEBVTT") =>
            {
                // The header's own lines (a title, `X-TIMESTAMP-MAP`, YouTube's `Kind:`)
                // are skipped; a cue in the same block had its blank line left out.
                let header = blocks.next().expect("peeked");
                if let Some(rest) = after_skipped(&header, dialect, &mut note) {
                    cues_of_block(&rest, dialect, &mut raw, &mut note)?;
                }
            }
            Some(first) => warnings.push(Warning {
                line: Some(first[0].0),
                message: "the file does not start with 'WEBVTT'; read as WebVTT anyway".into(),
            }),
            None => {}
        }
    }
    for block in blocks {
        let word = block[0].1.split_whitespace().next().unwrap_or("");
        if dialect == Dialect::WebVtt && matches!(word, "NOTE" | "STYLE" | "REGION") {
            if let Some(rest) = after_skipped(&block, dialect, &mut note) {
                cues_of_block(&rest, dialect, &mut raw, &mut note)?;
            }
            continue;
        }
        cues_of_block(&block, dialect, &mut raw, &mut note)?;
    }
    if let Some((first, k)) = unsplit {
        warnings.push(Warning {
            line: Some(first),
            message: if k == 1 {
                "a cue with no blank line before it: read as a new cue".to_owned()
            } else {
                format!(
                    "{k} cues with no blank line before them (the first here): each timing line is read as the start of a new cue"
                )
            },
        });
    }
    timed(raw, dialect, warnings)
}

/// The part of a block that is not a cue (a header, a NOTE) holding a timing line: the
/// cue from there on (its identifier with it), or `None` if the block holds no cue.
fn after_skipped<'a>(
    block: &[(usize, &'a str)],
    dialect: Dialect,
    note: &mut impl FnMut(usize),
) -> Option<Vec<(usize, &'a str)>> {
    let k = (1..block.len()).find(|&k| dialect.starts_cue(block[k].1))?;
    let from = if k >= 2 && looks_like_id(block[k - 1].1) {
        k - 1
    } else {
        k
    };
    note(block[from].0);
    Some(block[from..].to_vec())
}

/// One block's cues: normally one, more when the blank lines between cues are missing.
fn cues_of_block<'a>(
    block: &[(usize, &'a str)],
    dialect: Dialect,
    out: &mut Vec<RawCue<'a>>,
    note: &mut impl FnMut(usize),
) -> Result<(), ParseError> {
    let (n, first) = block[0];
    // Where the timing line is: first, or after an identifier.
    let at = match dialect {
        Dialect::WebVtt => usize::from(!first.contains("-->")),
        Dialect::Srt => usize::from(first.trim().bytes().all(|b| b.is_ascii_digit())),
        Dialect::Sbv => 0,
    };
    let Some(&(tn, tline)) = block.get(at) else {
        return Err(ParseError::at(
            n,
            "a cue number with no timing line after it; add '00:00:01,000 --> 00:00:04,000' below it",
        ));
    };
    let Some((a, b)) = dialect.shape(tline).filter(|_| match dialect {
        Dialect::WebVtt | Dialect::Srt => tline.contains("-->"),
        Dialect::Sbv => true,
    }) else {
        return Err(no_timing(dialect, n, tn, tline, tline.contains("-->")));
    };
    // The payload runs to the next timing line, if one follows with no blank line.
    let mut end = block.len();
    for k in at + 1..block.len() {
        if dialect.starts_cue(block[k].1) {
            end = if k > at + 1 && looks_like_id(block[k - 1].1) {
                k - 1
            } else {
                k
            };
            break;
        }
    }
    out.push(RawCue {
        lines: (n, block[end - 1].0),
        timing: (tn, tline, a, b),
        payload: block[at + 1..end].to_vec(),
    });
    if end < block.len() {
        note(block[end].0);
        cues_of_block(&block[end..], dialect, out, note)?;
    }
    Ok(())
}

fn no_timing(dialect: Dialect, n: usize, tn: usize, line: &str, arrow: bool) -> ParseError {
    if arrow {
        return malformed(line, tn, dialect.example());
    }
    match dialect {
        Dialect::WebVtt => ParseError::at(
            n,
            "a cue without a timing line ('00:00:01.000 --> 00:00:04.000'); \
             add the timing, or remove the blank line that split this cue",
        ),
        Dialect::Srt => ParseError::at(
            tn,
            format!(
                "expected a cue timing such as '00:00:01,000 --> 00:00:04,000', found '{}'; \
                 fix the line, or remove the blank line that split the cue above",
                line.trim()
            ),
        ),
        Dialect::Sbv => ParseError::at(
            n,
            format!(
                "expected a cue timing such as '0:00:01.000,0:00:04.000', found '{}'; \
                 fix the line, or remove the blank line that split the cue above",
                line.trim()
            ),
        ),
    }
}

/// Read the cues' times. A file whose times have one-digit minute or second fields
/// (`0:0:6.90`, as Teams writes) counts milliseconds after the point; any other file
/// reads a short fraction as a decimal one, with a warning.
fn timed<'a>(
    raw: Vec<RawCue<'a>>,
    dialect: Dialect,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Cue<'a>>, ParseError> {
    let mut clocks = Vec::with_capacity(raw.len());
    for c in &raw {
        let (n, line, a, b) = c.timing;
        let bad = || malformed(line, n, dialect.example());
        clocks.push((clock(a).ok_or_else(bad)?, clock(b).ok_or_else(bad)?));
    }
    let millis = clocks.iter().any(|(a, b)| a.unpadded || b.unpadded);
    if !millis
        && let Some(c) = raw.iter().zip(&clocks).find_map(|(c, (a, b))| {
            (a.frac.len() < 3 && !a.frac.is_empty() || b.frac.len() < 3 && !b.frac.is_empty())
                .then_some(c)
        })
    {
        warnings.push(Warning {
            line: Some(c.timing.0),
            message: format!(
                "a time with fewer than three digits after the point ('{}'): read as a decimal fraction of a second (.5 = 500 ms); check the times if they look wrong",
                c.timing.1.trim()
            ),
        });
    }
    raw.into_iter()
        .zip(clocks)
        .map(|(c, (a, b))| {
            let (start_ms, end_ms) = ordered(c.timing.1, c.timing.0, a.ms(millis), b.ms(millis))?;
            Ok(Cue {
                lines: c.lines,
                start_ms,
                end_ms,
                payload: c.payload,
            })
        })
        .collect()
}

/// YouTube's automatic captions show each line twice as it rolls up: once as it is
/// spoken (with its words' times), again above the next line. With words' times in the
/// file, a payload line that repeats the line before it is dropped.
pub fn drop_rolling_repeats(cues: &mut [Cue<'_>]) {
    if !cues
        .iter()
        .any(|c| c.payload.iter().any(|(_, l)| INLINE_TIME.is_match(l)))
    {
        return;
    }
    let mut last = String::new();
    for cue in cues.iter_mut() {
        for (_, line) in cue.payload.iter_mut() {
            let cleaned = clean(line);
            if cleaned.is_empty() {
                continue;
            }
            if cleaned == last {
                *line = "";
            } else {
                last = cleaned;
            }
        }
    }
}

/// `<c>`, `<i>`, `<b>`, inline timestamps go; entities are decoded.
fn clean(s: &str) -> String {
    let s = TAG.replace_all(s, "");
    let s = decode_entities(&s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&quot;`, `&apos;`, `&lrm;`, `&rlm;` and numeric
/// references; anything else is left as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest[1..].find(';').filter(|&j| j <= 10).and_then(|j| {
            let name = &rest[1..=j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lrm" | "rlm" => Some('\u{200B}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, j + 2))
        });
        match decoded {
            Some(('\u{200B}', len)) => rest = &rest[len..],
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A run of a cue's text by one speaker.
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    speaker: Option<String>,
    text: String,
    line: usize,
    /// Marked as a change of speaker (`>>`, a dialogue dash) without naming one.
    changed: bool,
}

/// `>>` (or more) at the start of a line: a change of speaker.
fn strip_chevrons(s: &str) -> Option<&str> {
    let rest = s.strip_prefix(">>")?;
    Some(rest.trim_start_matches('>').trim_start())
}

/// `- ` or `– ` at the start of a line: a dialogue dash.
fn strip_dash(s: &str) -> Option<&str> {
    s.strip_prefix("- ")
        .or_else(|| s.strip_prefix("– "))
        .map(str::trim_start)
}

/// The `Name` of a cue's first line `Name: text`, as Zoom writes a display name of any
/// form (`jsmith`, `Morag Brown (she/her)`, `Ginsberg, Corey`).
fn zoom_prefix(line: &str) -> Option<&str> {
    let i = line.find(':')?;
    let (prefix, after) = (&line[..i], &line[i + 1..]);
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let ok = !prefix.is_empty()
        && prefix.chars().count() <= 60
        && prefix.trim() == prefix
        && prefix.split_whitespace().count() <= 8
        && prefix.chars().any(char::is_alphabetic)
        && !prefix.contains(['<', '>', '"', '“', '”', '?', '!']);
    ok.then_some(prefix)
}

/// `[Name] text` or `[Name]: text` at the start of a cue's line, as subtitle files and
/// WhisperX mark a speaker: the name and the text after it. The name is one to four
/// words, the first a capital or a digit (`[JOHN]`, `[Pamela Grieve]`, `[SPEAKER_01]`);
/// a transcriber's note (`[Music]`, `[inaudible]`) is not a name.
fn bracket_mark(line: &str) -> Option<(&str, &str)> {
    let inner_end = line.strip_prefix('[')?.find(']')? + 1;
    let name = line[1..inner_end].trim();
    let after = &line[inner_end + 1..];
    let after = after.strip_prefix(':').unwrap_or(after);
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = (1..=4).contains(&words.len())
        && name.chars().count() <= 40
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '_' | '-'))
        })
        && !name.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !is_bracket_note(name);
    ok.then(|| (name, after.trim()))
}

/// The line without a `>>` change mark or a dialogue dash before it.
fn unmarked(line: &str) -> &str {
    let rest = strip_chevrons(line).unwrap_or(line);
    strip_dash(rest).unwrap_or(rest)
}

/// How labels are told from speech in one file.
struct Labels<'s> {
    speakers: &'s Speakers,
    counts: HashMap<String, usize>,
    /// Most cues open with a `Name:` that recurs (Zoom): such names are speakers
    /// whatever their form. Each with how many cues it opens.
    zoom: Option<HashMap<String, usize>>,
    /// Names in square brackets opening a cue's line (`[Derek] text`, `[SPEAKER_01]:
    /// text`, `- [Derek] text`), each with how many lines they open.
    bracketed: HashMap<String, usize>,
}

impl Labels<'_> {
    /// Whether `[name]` opening a line is a speaker: the name opens two lines or more,
    /// or once where another bracketed name does (`[Music]` and other notes are not
    /// names).
    fn bracket_speaker(&self, name: &str) -> bool {
        match self.bracketed.get(name) {
            Some(&k) if k >= 2 => true,
            Some(_) => self.bracketed.values().any(|&k| k >= 2),
            None => false,
        }
    }

    fn accept(&self, label: &str) -> bool {
        self.zoom
            .as_ref()
            .is_some_and(|z| z.get(label).is_some_and(|&k| k >= 2))
            || self
                .speakers
                .accept(label, self.counts.get(label).copied().unwrap_or(0))
    }
}

/// Split a cue's payload into pieces by speaker. `guessed` collects the lines where a
/// cue's opening `Name:` was taken for a speaker on the strength of the file's style.
fn pieces(
    payload: &[(usize, &str)],
    labels: &Labels<'_>,
    guessed: &mut Vec<(usize, String)>,
) -> Vec<Piece> {
    let Some(&(first_line, _)) = payload.first() else {
        return Vec::new();
    };
    let joined = payload
        .iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n");
    if VOICE.is_match(&joined) {
        return voice_pieces(payload, &joined, first_line);
    }
    let cleaned: Vec<(usize, String)> = payload
        .iter()
        .map(|(n, l)| (*n, clean(l)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let dialogue = cleaned
        .iter()
        .filter(|(_, l)| strip_dash(l).is_some())
        .count()
        >= 2;
    let mut out: Vec<Piece> = Vec::new();
    for (i, (n, line)) in cleaned.iter().enumerate() {
        let (mut rest, mut changed) = match strip_chevrons(line) {
            Some(r) => (r, true),
            None => (line.as_str(), false),
        };
        if let Some(r) = strip_dash(rest)
            && (dialogue
                || label_line(r).is_some_and(|l| labels.accept(l.label))
                || bracket_mark(r).is_some_and(|(name, _)| labels.bracket_speaker(name)))
        {
            rest = r;
            changed = true;
        }
        let label = bracket_mark(rest)
            .filter(|(name, _)| labels.bracket_speaker(name))
            .or_else(|| {
                label_line(rest)
                    .filter(|l| labels.accept(l.label))
                    .map(|l| (l.label, l.text.trim()))
                    .or_else(|| {
                        // A cue's opening `Name:` in a file where most cues open with one.
                        let z = labels.zoom.as_ref().filter(|_| i == 0)?;
                        let p = zoom_prefix(rest)?;
                        if z.get(p).is_none_or(|&k| k < 2) {
                            guessed.push((*n, normalise_label(p)));
                        }
                        Some((p, rest[p.len() + 1..].trim()))
                    })
            });
        match label {
            Some((label, text)) => out.push(Piece {
                speaker: Some(normalise_label(label)),
                text: text.to_owned(),
                line: *n,
                changed: false,
            }),
            None if changed => out.push(Piece {
                speaker: None,
                text: rest.to_owned(),
                line: *n,
                changed: true,
            }),
            None => match out.last_mut() {
                Some(p) => {
                    if !p.text.is_empty() && !rest.is_empty() {
                        p.text.push(' ');
                    }
                    p.text.push_str(rest);
                }
                None => out.push(Piece {
                    speaker: None,
                    text: rest.to_owned(),
                    line: *n,
                    changed: false,
                }),
            },
        }
    }
    out
}

/// Pieces of a cue with `<v Name>` voice tags (Teams): each tag starts a speaker's text.
fn voice_pieces(payload: &[(usize, &str)], joined: &str, first_line: usize) -> Vec<Piece> {
    // The line a byte offset of `joined` is on.
    let line_at = |at: usize| {
        let k = joined[..at].matches('\n').count();
        payload.get(k).map_or(first_line, |(n, _)| *n)
    };
    let mut out: Vec<Piece> = Vec::new();
    let mut speaker: Option<String> = None;
    let mut from = 0;
    let mut last = 0;
    for m in VOICE.captures_iter(joined) {
        let whole = m.get(0).expect("match");
        let before = clean(&joined[last..whole.start()]);
        if !before.is_empty() {
            out.push(Piece {
                speaker: speaker.clone(),
                text: before,
                line: line_at(from),
                changed: false,
            });
        }
        // Teams' `(Guest)` after the name is not part of it.
        speaker = m
            .get(1)
            .map(|v| normalise_label(without_parenthetical(&decode_entities(v.as_str()))))
            .filter(|v| !v.is_empty());
        from = whole.start();
        last = whole.end();
    }
    let rest = clean(&joined[last..]);
    if !rest.is_empty() {
        out.push(Piece {
            speaker,
            text: rest,
            line: line_at(from),
            changed: false,
        });
    }
    out
}

/// A name without what a meeting service or an organiser adds to it in parentheses
/// (`Fiona Morrison (Guest)`, `(She/Her)`, `Joanna Lis (Housing Options)`), as a
/// label's role is dropped. A number stays: `Nurse (1)` and `Nurse (2)` are two people.
fn without_parenthetical(name: &str) -> &str {
    let mut t = name.trim_end();
    loop {
        let Some(open) = t.strip_suffix(')').and_then(|r| r.rfind('(')) else {
            return t;
        };
        let note = &t[open + 1..t.len() - 1];
        let rest = t[..open].trim_end();
        if rest.is_empty() || !note.chars().any(char::is_alphabetic) {
            return t;
        }
        t = rest;
    }
}

/// The cues whose first line opens with the same `Name:` as at least one other, if they
/// are most of the cues (Zoom's style): each name with how many cues it opens.
fn zoom_names(cues: &[Cue<'_>]) -> Option<HashMap<String, usize>> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut with_text = 0;
    for cue in cues {
        let Some(first) = cue
            .payload
            .iter()
            .map(|(_, l)| clean(l))
            .find(|l| !l.is_empty())
        else {
            continue;
        };
        if VOICE.is_match(cue.payload[0].1) {
            return None;
        }
        with_text += 1;
        let first = strip_chevrons(&first).unwrap_or(&first).to_owned();
        if let Some(p) = zoom_prefix(&first) {
            *counts.entry(p.to_owned()).or_insert(0) += 1;
        }
    }
    let recurring: usize = counts.values().filter(|&&k| k >= 2).sum();
    (recurring >= 2 && recurring * 2 >= with_text).then_some(counts)
}

/// Cues to turns: merge consecutive cues by one speaker; with no speaker anywhere,
/// one turn per cue, with a warning.
pub fn turns(
    cues: Vec<Cue<'_>>,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
    not_taken: &mut Vec<NotTaken>,
    labelled: Format,
) -> (Format, Vec<Turn>) {
    let cleaned: Vec<String> = cues
        .iter()
        .flat_map(|c| c.payload.iter().map(|(_, l)| clean(l)))
        .map(|l| match strip_chevrons(&l) {
            Some(r) => r.to_owned(),
            None => l,
        })
        .collect();
    let mut bracketed: HashMap<String, usize> = HashMap::new();
    for l in &cleaned {
        if let Some((name, _)) = bracket_mark(unmarked(l)) {
            *bracketed.entry(name.to_owned()).or_insert(0) += 1;
        }
    }
    let labels = Labels {
        speakers,
        counts: count_candidates(cleaned.iter().map(String::as_str)),
        zoom: zoom_names(&cues),
        bracketed,
    };
    drop(cleaned);
    // `[Name] text` where no bracketed name recurs: kept as what was said, for a look.
    if !labels.bracketed.is_empty() && !labels.bracketed.values().any(|&k| k >= 2) {
        for cue in &cues {
            for (n, l) in &cue.payload {
                let l = clean(l);
                if let Some((name, text)) = bracket_mark(unmarked(&l))
                    && !text.is_empty()
                    && !labels.bracket_speaker(name)
                {
                    not_taken.push(NotTaken {
                        line: *n,
                        label: format!("[{name}]"),
                        why: "a name in square brackets opens a cue's line only once and no other does: read as part of what was said; if it is a speaker, mark each of their cues the same way",
                    });
                }
            }
        }
    }
    let mut guessed = Vec::new();
    let mut blocks = Vec::new();
    // A change of speaker marked without a name, after a named speaker: its first line
    // and how many.
    let mut unnamed: Option<(usize, usize, String)> = None;
    let mut markers = 0;
    let mut current: Option<String> = None;
    for cue in &cues {
        for piece in pieces(&cue.payload, &labels, &mut guessed) {
            if piece.changed && piece.speaker.is_none() {
                markers += 1;
                if let Some(who) = &current {
                    unnamed = Some(match unnamed {
                        Some((first, k, w)) => (first, k + 1, w),
                        None => (piece.line, 1, who.clone()),
                    });
                }
            }
            if piece.speaker.is_some() {
                current.clone_from(&piece.speaker);
            }
            blocks.push(Block {
                speaker: piece.speaker,
                text: piece.text,
                lines: cue.lines,
                start_ms: Some(cue.start_ms),
                end_ms: Some(cue.end_ms),
            });
        }
    }
    if blocks.iter().all(|b| b.speaker.is_none()) {
        // Changes of speaker marked with `>>` and no one named (YouTube's automatic
        // captions): a segment from each mark to the next, wherever in a cue it falls.
        if let Some(turns) = chevron_turns(&cues) {
            warnings.push(Warning {
                line: None,
                message: format!(
                    "no speakers named in any cue: the {} changes of speaker marked '>>' are read as {} segments of one participant; put 'Name: ' after each mark to attribute the turns",
                    turns.len(),
                    turns.len()
                ),
            });
            return (Format::Unlabelled, turns);
        }
        let turns: Vec<Turn> = blocks
            .into_iter()
            .filter(|b| !b.text.is_empty())
            .map(|b| unlabelled_turn(b.text, b.lines, b.start_ms, b.end_ms))
            .collect();
        if !turns.is_empty() {
            let hint = if markers > 0 {
                format!(
                    "; {markers} change(s) of speaker are marked ('>>' or '- ') but no one is named: put 'Name: ' after each mark to attribute the turns"
                )
            } else {
                String::new()
            };
            warnings.push(Warning {
                line: None,
                message: format!(
                    "no speakers found in any cue: each of the {} cues is a segment of one participant{hint}",
                    turns.len()
                ),
            });
        }
        return (Format::Unlabelled, turns);
    }
    if let Some((first, k, who)) = unnamed {
        let more = if k > 1 {
            format!(" ({k} such lines, the first here)")
        } else {
            String::new()
        };
        warnings.push(Warning {
            line: Some(first),
            message: format!(
                "a change of speaker is marked ('>>' or '- ') but no one is named{more}: read as part of the turn before ('{who}'); put 'Name: ' after the mark where someone else speaks"
            ),
        });
    }
    for (n, who) in guessed {
        warnings.push(Warning {
            line: Some(n),
            message: format!(
                "'{who}' is read as a speaker because most cues start with a speaker's name; if it is part of what was said, give the cue its speaker's name"
            ),
        });
    }
    (labelled, assemble(blocks, " ", "line", speakers, warnings))
}

/// The turns of cues whose changes of speaker are marked `>>` without names, at the
/// start of a cue's line or within it: `None` when no cue has the mark. Text before the
/// first mark is a turn of its own.
fn chevron_turns(cues: &[Cue<'_>]) -> Option<Vec<Turn>> {
    if !cues.iter().any(|c| {
        c.payload
            .iter()
            .any(|(_, l)| l.contains(">>") || l.contains("&gt;&gt;"))
    }) {
        return None;
    }
    struct Open {
        text: String,
        lines: (usize, usize),
        start_ms: u64,
        end_ms: u64,
    }
    let mut turns = Vec::new();
    let mut open: Option<Open> = None;
    let close = |open: &mut Option<Open>, turns: &mut Vec<Turn>| {
        if let Some(o) = open.take()
            && !o.text.is_empty()
        {
            turns.push(unlabelled_turn(
                o.text,
                o.lines,
                Some(o.start_ms),
                Some(o.end_ms),
            ));
        }
    };
    for cue in cues {
        for (_, line) in &cue.payload {
            let line = clean(line);
            for (k, part) in line.split(">>").enumerate() {
                if k > 0 {
                    close(&mut open, &mut turns);
                }
                let part = part.trim_start_matches('>').trim();
                let o = open.get_or_insert_with(|| Open {
                    text: String::new(),
                    lines: cue.lines,
                    start_ms: cue.start_ms,
                    end_ms: cue.end_ms,
                });
                o.lines.1 = cue.lines.1;
                o.end_ms = cue.end_ms;
                if !part.is_empty() {
                    if !o.text.is_empty() {
                        o.text.push(' ');
                    }
                    o.text.push_str(part);
                }
            }
        }
    }
    close(&mut open, &mut turns);
    Some(turns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered<'a>(lines: &[&'a str]) -> Vec<(usize, &'a str)> {
        lines.iter().enumerate().map(|(i, l)| (i + 1, *l)).collect()
    }

    fn brief(ps: Vec<Piece>) -> Vec<(Option<String>, String)> {
        ps.into_iter().map(|p| (p.speaker, p.text)).collect()
    }

    fn any() -> Labels<'static> {
        static S: LazyLock<Speakers> = LazyLock::new(Speakers::default);
        Labels {
            speakers: &S,
            counts: HashMap::new(),
            zoom: None,
            bracketed: HashMap::new(),
        }
    }

    #[test]
    fn voice_tags_with_and_without_close() {
        let l = any();
        let p = |lines: &[&str]| brief(pieces(&numbered(lines), &l, &mut Vec::new()));
        assert_eq!(
            p(&["<v Morag B>Hello <i>there</i></v>"]),
            vec![(Some("Morag B".into()), "Hello there".into())]
        );
        assert_eq!(
            p(&["<v.loud Interviewer>Hi", "again"]),
            vec![(Some("Interviewer".into()), "Hi again".into())]
        );
        assert_eq!(
            p(&["<v A>one</v><v B>two &amp; three</v>"]),
            vec![
                (Some("A".into()), "one".into()),
                (Some("B".into()), "two & three".into())
            ]
        );
    }

    #[test]
    fn colon_labels_per_line_and_speaker_marks() {
        let l = any();
        let p = |lines: &[&str]| brief(pieces(&numbered(lines), &l, &mut Vec::new()));
        assert_eq!(
            p(&["Int: So what", "happened?", "C3: Nothing."]),
            vec![
                (Some("Int".into()), "So what happened?".into()),
                (Some("C3".into()), "Nothing.".into())
            ]
        );
        assert_eq!(p(&["and then"]), vec![(None, "and then".into())]);
        assert_eq!(
            p(&["&gt;&gt; Int: Go on.", ">> Well, no."]),
            vec![
                (Some("Int".into()), "Go on.".into()),
                (None, "Well, no.".into())
            ]
        );
        assert_eq!(
            p(&["- Is it far?", "- Miles."]),
            vec![(None, "Is it far?".into()), (None, "Miles.".into())]
        );
        // One dash alone is text, not a mark.
        assert_eq!(p(&["- well"]), vec![(None, "- well".into())]);
    }

    #[test]
    fn markup_and_entities() {
        assert_eq!(
            clean(
                "<c.colorE5E5E5>a</c><00:00:01.000><c> b</c> {\\an8}&quot;c&quot; &#39;d&#x27; &amp;lt; &bogus; &"
            ),
            "a b \"c\" 'd' &lt; &bogus; &"
        );
        assert_eq!(clean("x&lrm;y&nbsp;z"), "xy z");
    }

    #[test]
    fn zoom_names_of_any_form() {
        assert_eq!(zoom_prefix("jsmith: hi"), Some("jsmith"));
        assert_eq!(
            zoom_prefix("Morag Brown (she/her): hi"),
            Some("Morag Brown (she/her)")
        );
        assert_eq!(zoom_prefix("Ginsberg, Corey: hi"), Some("Ginsberg, Corey"));
        assert_eq!(zoom_prefix("10:30 we met"), None);
        assert_eq!(zoom_prefix("Why not? Because: x"), None);
    }

    #[test]
    fn timings() {
        assert_eq!(
            timing("00:00:01.000 --> 00:00:04.500 align:start", 3, "x").unwrap(),
            (1_000, 4_500)
        );
        assert_eq!(
            timing("00:01.000 --> 00:04.000", 3, "x").unwrap(),
            (1_000, 4_000)
        );
        assert_eq!(
            timing("00:00:01,000 --> 00:00:02,000", 3, "x").unwrap(),
            (1_000, 2_000)
        );
        // Teams: unpadded fields, milliseconds unpadded too.
        assert_eq!(
            timing("0:0:6.90 --> 0:0:6.500", 3, "x").unwrap(),
            (6_090, 6_500)
        );
        assert_eq!(
            timing("00:00:1.000 -> 00:00:02.000", 7, "x")
                .unwrap_err()
                .line,
            Some(7)
        );
        assert_eq!(
            timing("00:00:05.000 --> 00:00:02.000", 7, "x")
                .unwrap_err()
                .line,
            Some(7)
        );
        assert!(timing("00:00:99.000 --> 00:01:00.000", 7, "x").is_err());
    }

    #[test]
    fn cues_without_blank_lines_and_with_space_lines() {
        let text = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n \nA: one\n2\n00:00:03.000 --> 00:00:04.000\nA: two\n";
        let mut w = Vec::new();
        let c = cues(text, Dialect::WebVtt, &mut w).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].lines, (3, 6));
        assert_eq!(c[0].payload, vec![(6, "A: one")]);
        assert_eq!((c[1].lines, c[1].start_ms), ((7, 9), 3_000));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(7));
    }

    #[test]
    fn header_and_note_blocks_that_run_into_a_cue() {
        let text = "WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:0\n00:00:01.000 --> 00:00:02.000\none\n\nNOTE Confidence: 0.9\n7\n00:00:03.000 --> 00:00:04.000\ntwo\n";
        let mut w = Vec::new();
        let c = cues(text, Dialect::WebVtt, &mut w).unwrap();
        let got: Vec<_> = c
            .iter()
            .map(|c| (c.lines, c.start_ms, c.payload.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ((3, 4), 1_000, vec![(4, "one")]),
                ((7, 9), 3_000, vec![(9, "two")])
            ]
        );
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(3));
        assert!(
            w[0].message.starts_with("2 cues with no blank line"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn unnamed_speaker_changes_in_a_file_without_names() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\n>> Where to?\n\n2\n00:00:02,000 --> 00:00:03,000\n>> Town.\n";
        let mut w = Vec::new();
        let c = cues(text, Dialect::Srt, &mut w).unwrap();
        let (f, t) = turns(
            c,
            &Speakers::default(),
            &mut w,
            &mut Vec::new(),
            Format::Srt,
        );
        assert_eq!(f, Format::Unlabelled);
        assert_eq!(
            t.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["Where to?", "Town."]
        );
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message
                .contains("the 2 changes of speaker marked '>>' are read as 2 segments"),
            "{}",
            w[0].message
        );
    }

    /// Lines of every kind, in many orders: reading never panics.
    #[test]
    fn any_mix_of_lines_never_panics() {
        let pool = [
            "WEBVTT",
            "",
            " ",
            "NOTE x",
            "1",
            "a1/2-0",
            "00:00:01.000 --> 00:00:02.000",
            "0:0:6.90 --> 0:0:6.5",
            "0:00:01.000,0:00:02.000",
            "00:00:0x --> y",
            "-->",
            "<v A>hi",
            "</v>",
            "<v >",
            "A: b",
            ">> c",
            "- d",
            "- E: f",
            "&#xFFFFFF; &#0; &",
            "x<00:00:01.000><c> y</c>",
            "é: ü",
            "{\\an8}",
            "<",
            "::",
            "00:00:03,000 --> 00:00:01,000",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next() % 12 {
                text.push_str(pool[next() % pool.len()]);
                text.push('\n');
            }
            for d in [Dialect::WebVtt, Dialect::Srt, Dialect::Sbv] {
                let mut w = Vec::new();
                if let Ok(mut c) = cues(&text, d, &mut w) {
                    drop_rolling_repeats(&mut c);
                    let _ = turns(
                        c,
                        &Speakers::default(),
                        &mut w,
                        &mut Vec::new(),
                        Format::WebVtt,
                    );
                }
            }
        }
    }
}
