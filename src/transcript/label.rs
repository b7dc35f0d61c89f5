//! Speaker labels and timestamps at the start of a line: what counts as `Label: text`,
//! what counts as an Otter header, how times are read, and which labels are
//! interviewers. Shared by every format's parser.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::Role;

/// A time with hours, unbracketed (`00:00:08`): `07:30` at a line's start may be a
/// clock time in field notes.
const HMS: &str = r"\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?";

/// A timestamp: `1:02`, `00:01:02`, `00:01:02.500`, `01:02,5`.
const TS: &str = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?";

/// What may come before a label at the start of a line: a byte-order mark or a
/// zero-width character left by an export, and a paragraph number left by a PDF
/// conversion (`2    Dan: ...`, `2.   Dan: ...`: the number, with or without a `.` or
/// `)`, then a tab or two spaces).
const LEAD: &str =
    r"^[\u{FEFF}\u{200B}\u{200C}\u{200D}\u{2060}\x0C]*[ \t]*(?:\d{1,4}[.)]?(?:\t|[ ]{2,})[ \t]*)?";

/// One word of a label: a letter or digit then letters, digits and `.'’_-`; `#3`; or a
/// bracketed placeholder such as `[NAME]`.
const WORD: &str = r"(?:\[[^\]\n\d][^\]\n]{0,29}\]|#?[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’_\-]*)";

/// A chat export's message stamp before the sender: WhatsApp's `12/03/2024, 19:02 - `
/// and `[12/03/2024, 19:02:11] `.
const CHAT_STAMP: &str = r"\[?\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?[ ]\d{1,2}:\d{2}(?::\d{2})?(?:[ \u{202F}]?[APap]\.?[Mm]\.?)?\]?(?:[ ][-–])?[ ]+";

/// A sender known by a phone number (`+44 7700 900412`).
const PHONE: &str = r"\+\d[\d ]{5,17}\d";

static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // (`#00:00:03#` and `#00:00:05-2#` are MAXQDA's and f4's.)
    // (`[10:31:04 AM]`: a clock time, as Webex writes it.)
    let tsb = format!(
        r"(?:\[{TS}(?:[ \u{{202F}}][APap]\.?[Mm]\.?)?\]|\({TS}\)|（{TS}）|#{TS}(?:-\d)?#|{TS})"
    );
    Regex::new(&format!(
        r"{LEAD}(?:{CHAT_STAMP}|\[(?P<rs>{TS})[ \t]*-->[ \t]*(?P<re>{TS})\][ \t]*|(?P<t1>{tsb})[ \t]*(?:[-–—][ \t]*)?)?(?P<e>\*{{1,2}}|__)?(?P<label>{PHONE}|{WORD}(?:[ \t]+{WORD}){{0,3}})(?:[ \t]*\((?P<desc>[^():\n]{{1,40}})\)|[ \t]*（(?P<wdesc>[^()（）:：\n]{{1,40}})）)?(?:[ \t]*(?P<t2>{tsb}))?(?:\*{{1,2}}|__)?[ \t\u{{A0}}\u{{202F}}]?(?::(?:\*{{1,2}}|__)?(?:[ \t]+|$)|：[ \t]*)(?:(?P<t3>{tsb})(?:[ \t]+|$)|(?P<t4>（{TS}）)[ \t]*)?(?P<text>.*)$"
    ))
    .expect("label regex")
});

/// A turn header without a colon: a name then a time, alone on its line (`Kelly 0:03`,
/// `Speaker 1 [00:00:05]`, `**Emma** 0:00`, Zoom's `[Priya Nair] 14:02:07`), or followed by the turn's first words
/// when the name is emphasised or the time bracketed (`**Ali** [0:00] Today we...`).
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’_\-]*";
    Regex::new(&format!(
        r"{LEAD}(?P<e>\*\*|__|\[)?(?P<name>{name}(?:[ ]{name}){{0,4}})(?P<role>[ \t]*\([^():\n]{{1,40}}\))?(?:\*\*|__|\])?(?P<gap>[ \t]+)(?P<ts>\[{TS}\]|\({TS}\)|{TS})(?:[ \t]+(?P<text>.*))?[ \t]*$"
    ))
    .expect("header regex")
});

/// A turn header with the time first, alone on its line: `00:00:00 Interviewer` (Word's
/// Transcribe), `[00:00:11.04] - Participante 3 (mujer, 54 años)` (Happy Scribe),
/// `(00:01) **Sam**`. A role or description in parentheses is not part of the name.
static TIME_FIRST_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’_\-]*";
    Regex::new(&format!(
        r"{LEAD}(?P<ts>\[{TS}\]|\({TS}\)|{HMS})[ \t]+(?P<dash>[-–—][ \t]*)?(?P<e>\*\*|__)?(?P<name>{name}(?:[ ]{name}){{0,4}})(?:\*\*|__)?(?:[ \t]*\([^():\n]{{1,40}}\))?[ \t]*$"
    ))
    .expect("time-first header regex")
});

/// A line of a Zoom meeting's saved chat: `00:02:05 From Nadia Farouk (she/her) to
/// Everyone:` with the message on the lines below (indented by a tab), or the older
/// `10:23:45 From  Jane Doe : message` and `10:23:45\t From  Jane Doe  to  Everyone:\tmessage`.
/// The sender is the speaker; a pronoun or role in parentheses is not part of the name,
/// and to whom it was sent (everyone, a direct message) is not part of the turn.
static ZOOM_CHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\u{FEFF}]?[ \t]*(?P<ts>\d{1,2}:\d{2}:\d{2})[ \t]+From[ \t]+(?P<name>[^:\n]{1,80}?)(?:[ \t]+to[ \t]+(?P<to>[^:\n]{1,80}?))?[ \t]*:(?:[ \t]+(?P<text>.*))?$",
    )
    .expect("Zoom chat regex")
});

/// A Telegram chat export's message header, alone on its line with the message below:
/// `Lena Hartmann, [04.03.2026 19:02]`.
static TELEGRAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\u{FEFF}]?(?P<name>[^,\[\]:\n]{1,60}?), \[\d{1,2}[./]\d{1,2}[./]\d{2,4},? (?P<ts>\d{1,2}:\d{2}(?::\d{2})?)\][ \t]*$",
    )
    .expect("Telegram regex")
});

/// A chat export's message header (Zoom's saved chat, see [`ZOOM_CHAT`]; Telegram's,
/// see [`TELEGRAM`]) as a turn header.
pub fn zoom_chat(line: &str) -> Option<HeaderLine<'_>> {
    if line.ends_with(']')
        && let Some(caps) = TELEGRAM.captures(line)
    {
        let name = caps.name("name")?.as_str().trim();
        if name.is_empty() || name.split_whitespace().count() > 6 {
            return None;
        }
        // A clock time, `19:02` is two minutes past seven.
        let ts = caps.name("ts")?.as_str();
        let clock = if ts.matches(':').count() == 1 {
            parse_time(&format!("{ts}:00"))?
        } else {
            parse_time(ts)?
        };
        return Some(HeaderLine {
            name,
            time_ms: clock,
            text: "",
            marked: true,
        });
    }
    // Cheap rejection: the word `From` after a time.
    if !line.contains("From") {
        return None;
    }
    let caps = ZOOM_CHAT.captures(line)?;
    let name = without_role(caps.name("name")?.as_str().trim());
    if name.is_empty() || name.split_whitespace().count() > 6 {
        return None;
    }
    Some(HeaderLine {
        name,
        time_ms: parse_time(caps.name("ts")?.as_str())?,
        text: caps.name("text").map_or("", |m| m.as_str().trim()),
        marked: true,
    })
}

static OTTER_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<name>[\p{{L}}\p{{N}}\[][^:\t]*?)(?: {{2,}}|\t+)(?P<ts>{TS})[ \t]*$"
    ))
    .expect("otter regex")
});

static DEFAULT_INTERVIEWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:interviewer|int|i|q|moderator|facilitator|researcher",
        // The same in the languages of transcripts researchers send (es, it, fr, de, pt,
        // pl, cy, nl).
        r"|entrevistador|entrevistadora|moderador|moderadora|intervistatore|intervistatrice",
        r"|moderatore|moderatrice|enquêteur|enquêtrice|enquêteuse|intervieweur|intervieweuse",
        r"|animateur|animatrice|interviewerin|moderatorin|ankieter|ankieterka|cyfwelydd",
        r"|gespreksleider)[ ]?\d*$"
    ))
    .expect("interviewer regex")
});

/// A line that starts with a candidate speaker label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelLine<'a> {
    pub label: &'a str,
    pub time_ms: Option<u64>,
    /// The end of the segment, where the line opens with a time range (Whisper's
    /// `[00:00.000 --> 00:05.340]  SPEAKER_00: text`).
    pub end_ms: Option<u64>,
    pub text: &'a str,
    /// The label in `*` or `__` emphasis (`**Interviewer:**`).
    pub emphasis: bool,
    /// What follows the label: a colon, or the period of `Q.` / `A.`, or a dash.
    pub mark: Mark,
}

/// What separates a label from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mark {
    Colon,
    /// `Q.  text`
    Period,
    /// `INT - text`, `Interviewer – text`
    Dash,
}

/// A turn header without a colon (see [`header_line`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLine<'a> {
    pub name: &'a str,
    pub time_ms: u64,
    /// The turn's first words on the header's line (empty: the text is below).
    pub text: &'a str,
    /// How the header is marked: emphasis, a bracketed time, or a wide gap (two spaces or
    /// a tab, as Otter writes it). A plain `Name 0:03` has none.
    pub marked: bool,
}

/// Whether a label is one of the interviewer labels coda knows without being told
/// (`Interviewer`, `Q`, `Moderator`, `Entrevistadora`, ...).
pub fn is_default_interviewer(label: &str) -> bool {
    DEFAULT_INTERVIEWER.is_match(label)
}

/// Split `Label: text` (with optional timestamps and Markdown bold) into its parts.
/// This finds candidates only; [`Speakers::accept`] decides whether one is a speaker.
pub fn label_line(line: &str) -> Option<LabelLine<'_>> {
    let mut l = colon_label(line)
        .or_else(|| question_answer(line))
        .or_else(|| dash_label(line))?;
    l.label = without_question_number(l.label);
    Some(l)
}

/// A label without the question number a committee's Official Report puts before the
/// questioner (`Q118 Chair`, `Q 12 Mr Lowe`: `Chair`, `Mr Lowe`).
fn without_question_number(label: &str) -> &str {
    let Some(rest) = label.strip_prefix('Q') else {
        return label;
    };
    let rest = rest.trim_start_matches(' ');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let name = rest[digits..].trim_start_matches(' ');
    if (1..=4).contains(&digits)
        && name.len() < rest.len() - digits
        && name.starts_with(|c: char| c.is_uppercase())
    {
        name
    } else {
        label
    }
}

/// `Label: text`, the colon's shapes.
fn colon_label(line: &str) -> Option<LabelLine<'_>> {
    // Cheap rejection first: most continuation lines have no colon early on.
    let colon = line.find([':', '：'])?;
    if colon > 160 {
        return None;
    }
    if line.as_bytes()[colon] == b':'
        && let Some(fast) = plain_label_line(line, colon)
    {
        return fast;
    }
    let caps = LABEL_LINE.captures(line)?;
    let label = caps.name("label")?.as_str().trim();
    let (time_ms, end_ms) = match (caps.name("rs"), caps.name("re")) {
        (Some(a), Some(b)) => (parse_time(a.as_str()), parse_time(b.as_str())),
        _ => (
            ["t1", "t2", "t3", "t4"]
                .iter()
                .find_map(|n| caps.name(n))
                .and_then(|m| stamp_ms(m.as_str())),
            None,
        ),
    };
    Some(LabelLine {
        label,
        time_ms,
        end_ms,
        text: caps.name("text").map_or("", |m| m.as_str().trim_end()),
        emphasis: caps.name("e").is_some(),
        mark: Mark::Colon,
    })
}

/// A label's time in milliseconds: an offset into the recording, or a clock time with
/// AM or PM (`[10:31:04 AM]`, `[1:05 PM]`), as the time of day.
fn stamp_ms(t: &str) -> Option<u64> {
    let ms = parse_time(bare_time(t))?;
    let lower = t.to_ascii_lowercase().replace('.', "");
    let (am, pm) = (lower.contains("am]"), lower.contains("pm]"));
    if !(am || pm) {
        return Some(ms);
    }
    const HALF_DAY: u64 = 12 * 3600 * 1000;
    // (`1:05 PM` is hours and minutes, not minutes and seconds.)
    let ms = if bare_time(t).matches(':').count() == 1 {
        ms * 60
    } else {
        ms
    };
    Some(match (pm, ms >= HALF_DAY) {
        (true, false) => ms + HALF_DAY,
        (false, true) => ms - HALF_DAY,
        _ => ms,
    })
}

/// A time without its brackets: `[1:02]`, `(1:02)`, MAXQDA's `#00:01:02#`, f4's
/// `#00:01:02-5#` (the tenths after the dash dropped).
fn bare_time(t: &str) -> &str {
    let t = t.trim().trim_matches(['[', ']', '(', ')', '（', '）']);
    // (A clock time's AM or PM: the order of the turns is what the time is for.)
    let t = t.split_once([' ', '\u{202F}']).map_or(t, |(time, _)| time);
    match t.strip_prefix('#').and_then(|t| t.strip_suffix('#')) {
        Some(inner) => inner.split_once('-').map_or(inner, |(time, _)| time),
        None => t,
    }
}

/// `Q.  text` / `A.  text`, as court, inquiry and oral-history transcripts write them
/// (or `Q   text`, the period left out, a tab or wide gap after the letter): the label
/// `Q` or `A`, after an optional line number.
fn question_answer(line: &str) -> Option<LabelLine<'_>> {
    let at = line
        .bytes()
        .take(13)
        .position(|b| !(b.is_ascii_digit() || b == b' ' || b == b'\t'))?;
    if !matches!(line.as_bytes()[at], b'Q' | b'A') {
        return None;
    }
    // (Typed oral-history transcripts leave the period out and set the text off with a
    // tab or a wide gap: `Q   When the pit shut, ...`.)
    let after = &line[at + 1..];
    let rest = match after.strip_prefix('.') {
        Some(rest) => rest,
        None if after.starts_with('\t') || after.starts_with("  ") => after,
        None => return None,
    };
    if !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    let lead = &line[..at];
    if lead.bytes().any(|b| b.is_ascii_digit()) && number_prefix(lead) != lead.len() {
        return None;
    }
    Some(LabelLine {
        label: &line[at..=at],
        time_ms: None,
        end_ms: None,
        text: rest.trim(),
        emphasis: false,
        mark: Mark::Period,
    })
}

/// `INT - text`, `R1 – text`, `Interviewer — text`: a label of one or two words (the
/// first a capital or a digit), then a dash between spaces, as hand-typed transcripts
/// write it. A candidate only: the file's recurring labels decide.
fn dash_label(full: &str) -> Option<LabelLine<'_>> {
    // A time may come first (`00:03 INTERVIEWER - text`, as oTranscribe writes it).
    let (time_ms, line) = match full.split_once(' ') {
        Some((t, rest))
            if t.contains(':')
                && t.starts_with(|c: char| c.is_ascii_digit() || c == '[' || c == '(') =>
        {
            match parse_time(t.trim_matches(['[', ']', '(', ')'])) {
                Some(ms) => (Some(ms), rest.trim_start()),
                None => (None, full),
            }
        }
        _ => (None, full),
    };
    // The first dash between spaces, within the first 30 bytes (only those are read).
    let head = &line.as_bytes()[..line.len().min(36)];
    let at = (0..head.len().min(31)).find(|&i| {
        head[i] == b' '
            && (head[i + 1..].starts_with(b"- ")
                || head[i + 1..].starts_with("– ".as_bytes())
                || head[i + 1..].starts_with("— ".as_bytes()))
    })?;
    let label = line[..at].trim();
    let first = label.chars().next()?;
    let words = label.split_whitespace().count();
    if !(first.is_uppercase() || first.is_ascii_digit())
        || words > 2
        || !label
            .chars()
            .all(|c| c == ' ' || c.is_alphanumeric() || matches!(c, '.' | '\'' | '’'))
    {
        return None;
    }
    let sep = line[at..].trim_start().chars().next()?.len_utf8();
    Some(LabelLine {
        label,
        time_ms,
        end_ms: None,
        text: line[at..].trim_start()[sep..].trim(),
        emphasis: false,
        mark: Mark::Dash,
    })
}

/// The length of a paragraph number and the gap after it at the start of a line
/// (`2    Dan: ...`, ` 12   Q.  ...`, `3.   Teacher: ...`: an indent, a number of up to
/// four digits with or without a `.` or `)`, then a tab or two spaces); 0 if none.
pub fn number_prefix(line: &str) -> usize {
    let indent = line
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count();
    if indent > 8 {
        return 0;
    }
    let digits = line[indent..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 || digits > 4 {
        return 0;
    }
    let mark = usize::from(line[indent + digits..].starts_with(['.', ')']));
    let digits = digits + mark;
    let rest = &line[indent + digits..];
    let gap = rest
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count();
    if rest.starts_with('\t') || gap >= 2 {
        indent + digits + gap
    } else {
        0
    }
}

/// A name without a role or description in parentheses at its end (`MEL (OUTREACH
/// WORKER)`, `Ellis, Jordan (Housing)`), unless that is all there is.
fn without_role(name: &str) -> &str {
    match name
        .strip_suffix(')')
        .and_then(|n| n.rfind('(').map(|i| n[..i].trim_end()))
    {
        Some(n) if !n.is_empty() => n,
        _ => name,
    }
}

/// A speaker's name alone on its line in capitals, as script-style and broadcast
/// transcripts write it above the speech (`HOST`, `MEL (OUTREACH WORKER)`, `DR ANITA
/// SHAH`): the name, without a role in parentheses. A candidate only: whether the file
/// is written this way is decided over the whole file.
pub fn caps_name(line: &str) -> Option<&str> {
    let t = line.trim();
    if t.is_empty()
        || t.len() > 60
        || !t.starts_with(|c: char| c.is_uppercase())
        || t.ends_with(['.', '!', '?', ','])
    {
        return None;
    }
    let name = without_role(t);
    let word_ok = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && w.chars().all(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '\'' | '’' | '-')
            })
    };
    let words = name.split_whitespace().count();
    ((1..=4).contains(&words) && name.split_whitespace().all(word_ok)).then_some(name)
}

/// A turn header without a colon: `Name 0:03`, `Name  0:03`, `Speaker 1 [00:00:05]`,
/// `**Emma** 0:00`, `**Ali** [0:00] first words`, or the time first (`00:00:00 Name`,
/// `[00:00:11.04] - Name (description)`). This finds candidates only: whether a
/// file's headers are turns is decided over the whole file.
pub fn header_line(line: &str) -> Option<HeaderLine<'_>> {
    // Cheap rejection: a time has a colon between digits.
    let colon = line.find(':')?;
    if colon > 120
        || !line[..colon].ends_with(|c: char| c.is_ascii_digit())
        || !line[colon + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if let Some(caps) = TIME_FIRST_HEADER.captures(line) {
        let ts = caps.name("ts")?.as_str();
        let name = caps.name("name")?.as_str();
        // A short sentence after a time (`[00:00:04] Thanks for the time.`, a paragraph
        // Trint opens with its time) is speech, not a name.
        let words: Vec<&str> = name.split_whitespace().collect();
        let lower = words
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
            .count();
        if lower >= 2 || (words.len() >= 2 && name.ends_with(['.', '!', '?'])) {
            return None;
        }
        return Some(HeaderLine {
            name,
            time_ms: parse_time(ts.trim_matches(['[', ']', '(', ')']))?,
            text: "",
            marked: ts.starts_with(['[', '('])
                || caps.name("dash").is_some()
                || caps.name("e").is_some(),
        });
    }
    let Some(caps) = HEADER_LINE.captures(line) else {
        // Otter's wider names (`Ellis, Jordan (Housing)  0:03`), with the gap it writes.
        // A trailing role or description in parentheses is not part of the name, as in
        // `Label (role):`.
        return otter_header(line).map(|(name, time_ms)| HeaderLine {
            name: without_role(name),
            time_ms,
            text: "",
            marked: true,
        });
    };
    let ts = caps.name("ts")?.as_str();
    let bracketed = ts.starts_with(['[', '(']);
    let emphasis = caps.name("e").is_some();
    // A bracketed name is closed (`[Priya Nair] 14:02:07`), and a bracketed note
    // (`[Inaudible] 14:02:31`) is no one's.
    let name = caps.name("name")?;
    // (Zoom writes a display name's pronouns inside the brackets: `[Moira Kettle
    // (she/her)] 14:02:11`; the role is not part of the name.)
    let after = caps.name("role").map_or(name.end(), |r| r.end());
    if caps.name("e").is_some_and(|e| e.as_str() == "[")
        && (!line[after..].starts_with(']') || is_bracket_note(name.as_str()))
    {
        return None;
    }
    let text = caps.name("text").map_or("", |m| m.as_str().trim());
    if !(text.is_empty() || emphasis || bracketed) {
        return None;
    }
    let gap = caps.name("gap")?.as_str();
    Some(HeaderLine {
        name: name.as_str(),
        time_ms: parse_time(ts.trim_matches(['[', ']', '(', ')']))?,
        text,
        marked: emphasis || bracketed || gap.len() >= 2 || gap.contains('\t'),
    })
}

/// A transcriber's note in brackets, not a name: `[Inaudible]`, `[crosstalk]`.
pub(super) fn is_bracket_note(name: &str) -> bool {
    matches!(
        name.to_lowercase().as_str(),
        "inaudible"
            | "crosstalk"
            | "laughter"
            | "laughs"
            | "silence"
            | "pause"
            | "music"
            | "noise"
            | "unclear"
            | "redacted"
            | "overlapping"
            | "background noise"
    )
}

/// The common case without the regex: `Label: text` with no timestamp, no Markdown
/// emphasis and no bracketed word. `Some(answer)` when the line is settled here, `None`
/// to let the full regex decide (it gives the same answer on every line this accepts).
#[allow(clippy::option_option)]
fn plain_label_line(line: &str, colon: usize) -> Option<Option<LabelLine<'_>>> {
    let head = line[..colon].trim_start_matches([' ', '\t']);
    let head = head
        .strip_suffix([' ', '\u{A0}', '\u{202F}'])
        .unwrap_or(head);
    let after = &line[colon + 1..];
    if head.is_empty()
        || head.starts_with([' ', '\t'])
        || head.contains("  ")
        || head.contains('\t')
    {
        return None;
    }
    let mut words = 0;
    for w in head.split([' ', '\t']).filter(|w| !w.is_empty()) {
        words += 1;
        let mut chars = w.chars();
        let first = chars.next()?;
        if !first.is_alphanumeric() || words > 4 {
            return None;
        }
        if !chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '_' | '-')) {
            return None;
        }
    }
    if head.chars().any(|c| c.is_ascii_digit()) && head.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match after.chars().next() {
        None => Some(Some(LabelLine {
            label: head.trim_end(),
            time_ms: None,
            end_ms: None,
            text: "",
            emphasis: false,
            mark: Mark::Colon,
        })),
        Some(c) if c == ' ' || c == '\t' => {
            let text = after.trim_start_matches([' ', '\t']);
            // A timestamp right after the colon is the regex's to read.
            if text.starts_with(|c: char| c == '[' || c == '(' || c.is_ascii_digit() || c == '*') {
                return None;
            }
            Some(Some(LabelLine {
                label: head.trim_end(),
                time_ms: None,
                end_ms: None,
                text: text.trim_end(),
                emphasis: false,
                mark: Mark::Colon,
            }))
        }
        _ => None,
    }
}

/// An Otter export's turn header: `Speaker Name  0:02` (two or more spaces or a tab).
pub fn otter_header(line: &str) -> Option<(&str, u64)> {
    // Cheap rejection: a header ends with a digit and has a tab or two spaces.
    if !line.trim_end().ends_with(|c: char| c.is_ascii_digit())
        || !(line.contains("  ") || line.contains('\t'))
    {
        return None;
    }
    let caps = OTTER_HEADER.captures(line)?;
    let name = caps.name("name")?.as_str().trim();
    if name.split_whitespace().count() > 6 {
        return None;
    }
    Some((name, parse_time(caps.name("ts")?.as_str())?))
}

/// `m:ss`, `h:mm:ss`, with an optional fraction after `.` or `,`, to milliseconds.
pub fn parse_time(s: &str) -> Option<u64> {
    let (clock, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let nums: Option<Vec<u64>> = parts.iter().map(|p| p.parse::<u64>().ok()).collect();
    let nums = nums?;
    let (h, m, sec) = match nums.as_slice() {
        [m, s] => (0, *m, *s),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    if sec >= 60 || (parts.len() == 3 && m >= 60) || frac.len() > 3 {
        return None;
    }
    let ms = if frac.is_empty() {
        0
    } else {
        let f: u64 = frac.parse().ok()?;
        f * 10u64.pow(3 - frac.len() as u32)
    };
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

/// Format milliseconds as `HH:MM:SS.mmm`.
pub fn format_time(ms: u64) -> String {
    let (s, ms) = (ms / 1000, ms % 1000);
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        s / 3600,
        (s / 60) % 60,
        s % 60,
        ms
    )
}

/// Which labels are speakers, and which speakers are interviewers.
#[derive(Debug, Clone, Default)]
pub struct Speakers {
    /// Extra interviewer labels (`--interviewer-label`), lowercased.
    extra_interviewers: Vec<String>,
    /// Participant ids from the participants sheet, lowercased: always speakers. Shared
    /// by clones (a corpus keeps one for its second readings).
    known_ids: Option<Arc<HashSet<String>>>,
}

impl Speakers {
    #[cfg(test)]
    pub fn new(extra_interviewers: &[String], known_ids: impl IntoIterator<Item = String>) -> Self {
        let ids = known_ids.into_iter().map(|s| s.to_lowercase()).collect();
        Speakers::with_known(extra_interviewers, Some(ids))
    }

    /// Speakers whose known ids are a set of lowercased ids.
    pub fn with_known(extra_interviewers: &[String], known_ids: Option<HashSet<String>>) -> Self {
        Speakers {
            extra_interviewers: extra_interviewers
                .iter()
                .map(|s| s.trim().to_lowercase())
                .collect(),
            known_ids: known_ids.filter(|m| !m.is_empty()).map(Arc::new),
        }
    }

    pub fn role(&self, label: &str) -> Role {
        if DEFAULT_INTERVIEWER.is_match(label) {
            return Role::Interviewer;
        }
        let lower = label.to_lowercase();
        let stem = lower
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end();
        if self
            .extra_interviewers
            .iter()
            .any(|x| *x == lower || *x == stem)
        {
            Role::Interviewer
        } else {
            Role::Participant
        }
    }

    /// Whether a label is a speaker whatever the text around it: an interviewer label
    /// or a participant id of the sheet.
    pub(super) fn is_known(&self, label: &str) -> bool {
        self.role(label) == Role::Interviewer
            || self
                .known_ids
                .as_ref()
                .is_some_and(|ids| ids.contains(&label.to_lowercase()))
    }

    /// Whether a candidate label is a speaker. `count` is how often the same candidate
    /// starts a line in this file. A sentence such as "The main thing was: buses" must
    /// not become a speaker, so a multi-word candidate needs a reason: it is a known
    /// label, holds a digit, is in Title Case, or recurs.
    pub fn accept(&self, label: &str, count: usize) -> bool {
        if self.is_known(label) {
            return true;
        }
        let first = label.chars().next().unwrap_or(' ');
        if !(first.is_uppercase() || first.is_ascii_digit() || first == '[') {
            return false;
        }
        let words: Vec<&str> = label.split_whitespace().collect();
        words.len() == 1
            || count >= 2
            || label.chars().any(|c| c.is_ascii_digit())
            || words
                .iter()
                .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
    }
}

/// Counts of candidate labels in a set of lines, for [`Speakers::accept`].
pub fn count_candidates<'a>(lines: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        if let Some(l) = label_line(line) {
            *counts.entry(l.label.to_owned()).or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ll(line: &str) -> Option<(String, Option<u64>, String)> {
        label_line(line).map(|l| (l.label.to_owned(), l.time_ms, l.text.to_owned()))
    }

    fn some(label: &str, t: Option<u64>, text: &str) -> Option<(String, Option<u64>, String)> {
        Some((label.to_owned(), t, text.to_owned()))
    }

    #[test]
    fn plain_labels() {
        assert_eq!(
            ll("Interviewer: How are you?"),
            some("Interviewer", None, "How are you?")
        );
        assert_eq!(
            ll("Morag B: Fine, thanks."),
            some("Morag B", None, "Fine, thanks.")
        );
        assert_eq!(ll("JSW1:"), some("JSW1", None, ""));
        assert_eq!(ll("Team Leader 2: yes"), some("Team Leader 2", None, "yes"));
        assert_eq!(ll("[NAME]: it was"), some("[NAME]", None, "it was"));
    }

    #[test]
    fn french_colon_and_markdown_bold() {
        assert_eq!(
            ll("Interviewer : Bonjour"),
            some("Interviewer", None, "Bonjour")
        );
        assert_eq!(ll("Int\u{a0}: oui"), some("Int", None, "oui"));
        assert_eq!(
            ll("**Interviewer:** Hello"),
            some("Interviewer", None, "Hello")
        );
        assert_eq!(ll("**C02**: Hi"), some("C02", None, "Hi"));
        assert_eq!(ll("*Interviewer:* Hi"), some("Interviewer", None, "Hi"));
    }

    #[test]
    fn timestamps_before_and_after_the_label() {
        assert_eq!(
            ll("[00:01:02] Int: go on"),
            some("Int", Some(62_000), "go on")
        );
        assert_eq!(
            ll("(00:01:02) Int: go on"),
            some("Int", Some(62_000), "go on")
        );
        assert_eq!(
            ll("00:01:02 Int: go on"),
            some("Int", Some(62_000), "go on")
        );
        assert_eq!(ll("1:02 Int: go on"), some("Int", Some(62_000), "go on"));
        assert_eq!(
            ll("Int [00:01:02]: go on"),
            some("Int", Some(62_000), "go on")
        );
        assert_eq!(ll("Int (1:02): go on"), some("Int", Some(62_000), "go on"));
        assert_eq!(
            ll("[10:31:04 AM] Dana Whitfield (she/her): Okay."),
            some("Dana Whitfield", Some(37_864_000), "Okay.")
        );
        assert_eq!(
            ll("[1:05 PM] Kofi: Yes."),
            some("Kofi", Some(47_100_000), "Yes.")
        );
        assert_eq!(
            ll("[12:10 AM] Kofi: Yes."),
            some("Kofi", Some(600_000), "Yes.")
        );
        assert_eq!(
            ll("Int: [00:01:02] go on"),
            some("Int", Some(62_000), "go on")
        );
    }

    #[test]
    fn question_answer_and_chat_senders() {
        assert_eq!(ll("Q.  Half a day?"), some("Q", None, "Half a day?"));
        assert_eq!(ll("24   A.  Yes."), some("A", None, "Yes."));
        assert_eq!(ll("A. Smith said so."), some("A", None, "Smith said so."));
        assert_eq!(ll("Q.E.D."), None);
        assert_eq!(
            ll("Q   When the pit shut"),
            some("Q", None, "When the pit shut")
        );
        assert_eq!(
            ll("A\tWell it all went"),
            some("A", None, "Well it all went")
        );
        assert_eq!(ll("A lot of people"), None);
        assert_eq!(ll("A   "), None);
        assert_eq!(ll("12 A. b"), None);
        assert_eq!(
            ll("12/03/2024, 19:02 - Ellie Marsh: Hi there"),
            some("Ellie Marsh", None, "Hi there")
        );
        assert_eq!(
            ll("12/03/2024, 21:47 - +44 7700 900412: Hi sorry"),
            some("+44 7700 900412", None, "Hi sorry")
        );
        assert_eq!(
            ll("#00:00:03# KB: Thanks both."),
            some("KB", Some(3_000), "Thanks both.")
        );
        assert_eq!(
            ll("[12/03/2024, 19:02:11] Ellie Marsh: Hi"),
            some("Ellie Marsh", None, "Hi")
        );
    }

    #[test]
    fn dash_labels() {
        assert_eq!(
            ll("INT - does the prison help"),
            some("INT", None, "does the prison help")
        );
        assert_eq!(ll("R1 – yeah"), some("R1", None, "yeah"));
        assert_eq!(ll("Interviewer — So."), some("Interviewer", None, "So."));
        assert_eq!(ll("well - I think"), None);
        assert_eq!(ll("The thing is - money"), None);
    }

    #[test]
    fn not_labels() {
        assert_eq!(ll("It was at 10:30 that day"), None);
        assert_eq!(ll("see https://example.org"), None);
        assert_eq!(ll("10:30 we met"), None);
        assert_eq!(ll("Well, the thing is: no"), None);
        assert_eq!(
            ll("This is a long sentence of many words: not a label"),
            None
        );
        assert_eq!(ll(""), None);
    }

    #[test]
    fn acceptance() {
        let s = Speakers::new(&[], ["c05".to_owned()]);
        assert!(s.accept("Interviewer", 1));
        assert!(s.accept("Morag B", 1));
        assert!(s.accept("Speaker 2", 1));
        assert!(s.accept("C05", 1));
        assert!(!s.accept("The main thing", 1));
        assert!(s.accept("The main thing", 2));
        assert!(!s.accept("so", 3));
        assert!(s.accept("int", 1));
    }

    #[test]
    fn interviewer_roles() {
        let s = Speakers::new(&["Evaluator".to_owned()], []);
        for l in [
            "Interviewer",
            "interviewer 2",
            "Int",
            "Int1",
            "I",
            "Q",
            "Q3",
            "Moderator",
            "FACILITATOR",
            "Researcher 1",
            "Evaluator",
            "evaluator 2",
        ] {
            assert_eq!(s.role(l), Role::Interviewer, "{l}");
        }
        for l in [
            "A",
            "R",
            "JSW1",
            "Morag B",
            "Interviewee",
            "Speaker 1",
            "Participant",
        ] {
            assert_eq!(s.role(l), Role::Participant, "{l}");
        }
    }

    #[test]
    fn roles_numbers_marks_and_caseless_scripts() {
        assert_eq!(
            ll("Ms. Ng (SW): How are you?"),
            some("Ms. Ng", None, "How are you?")
        );
        assert_eq!(ll("P3 (female, 45): Fine."), some("P3", None, "Fine."));
        assert_eq!(
            ll("Respondent #3: Yes."),
            some("Respondent #3", None, "Yes.")
        );
        assert_eq!(ll("2    Dan: Okay."), some("Dan", None, "Okay."));
        assert_eq!(ll("12\tDan: Okay."), some("Dan", None, "Okay."));
        assert_eq!(ll("3.   Dan: Okay."), some("Dan", None, "Okay."));
        assert_eq!(ll("3)\tDan: Okay."), some("Dan", None, "Okay."));
        assert_eq!(
            ll("\u{feff}Interviewer: Hi."),
            some("Interviewer", None, "Hi.")
        );
        assert_eq!(ll("名前：こんにちは"), some("名前", None, "こんにちは"));
        assert_eq!(ll("interviewee: yes"), some("interviewee", None, "yes"));
        // The paragraph number is not part of the label, and a single space is no gap.
        assert_eq!(ll("2 Dan: Okay."), some("2 Dan", None, "Okay."));
    }

    #[test]
    fn zoom_chat_lines() {
        let z = |l: &str| zoom_chat(l).map(|h| (h.name.to_owned(), h.time_ms, h.text.to_owned()));
        assert_eq!(
            z("00:02:05 From Nadia Farouk (she/her) to Everyone:"),
            Some(("Nadia Farouk".into(), 125_000, "".into()))
        );
        assert_eq!(
            z("00:04:50 From Kai to Nadia Farouk(Direct Message):"),
            Some(("Kai".into(), 290_000, "".into()))
        );
        assert_eq!(
            z("10:23:45 From  Jane Doe : Hello all"),
            Some(("Jane Doe".into(), 37_425_000, "Hello all".into()))
        );
        assert_eq!(
            z("10:23:45\t From  Jane Doe  to  Everyone:\tHello"),
            Some(("Jane Doe".into(), 37_425_000, "Hello".into()))
        );
        assert_eq!(z("From the start: it was hard"), None);
        assert_eq!(
            z("Lena Hartmann, [04.03.2026 19:02]"),
            Some(("Lena Hartmann".into(), 68_520_000, "".into()))
        );
        assert_eq!(z("Yes, [laughs]"), None);
    }

    #[test]
    fn headers_without_a_colon() {
        let h = |l: &str| {
            header_line(l).map(|h| (h.name.to_owned(), h.time_ms, h.text.to_owned(), h.marked))
        };
        assert_eq!(
            h("Kelly 0:03"),
            Some(("Kelly".into(), 3_000, "".into(), false))
        );
        assert_eq!(
            h("Kelly  0:03"),
            Some(("Kelly".into(), 3_000, "".into(), true))
        );
        assert_eq!(
            h("**Emma** 0:00"),
            Some(("Emma".into(), 0, "".into(), true))
        );
        assert_eq!(
            h("**Ali** [0:00] Today we start."),
            Some(("Ali".into(), 0, "Today we start.".into(), true))
        );
        assert_eq!(
            h("Speaker 1 [00:00:05]"),
            Some(("Speaker 1".into(), 5_000, "".into(), true))
        );
        assert_eq!(
            h("Ellis, Jordan (Housing)   0:03"),
            Some(("Ellis, Jordan".into(), 3_000, "".into(), true))
        );
        assert_eq!(
            h("[Priya Nair] 14:02:07"),
            Some(("Priya Nair".into(), 50_527_000, "".into(), true))
        );
        assert_eq!(
            h("[Moira Kettle (she/her)] 14:02:11"),
            Some(("Moira Kettle".into(), 50_531_000, "".into(), true))
        );
        assert_eq!(
            h("00:00:08 Interviewee A"),
            Some(("Interviewee A".into(), 8_000, "".into(), false))
        );
        assert_eq!(
            h("[00:00:11.04] - Participante 3 (mujer, 54 años)"),
            Some(("Participante 3".into(), 11_040, "".into(), true))
        );
        assert_eq!(
            h("(0:05) **Sam**"),
            Some(("Sam".into(), 5_000, "".into(), true))
        );
        // Prose with a time and more words is no header.
        assert_eq!(h("10:30 we met at the station and then"), None);
        assert_eq!(h("We met at 10:30 that day"), None);
        assert_eq!(h("Kelly 0:03 and then"), None);
    }

    #[test]
    fn names_in_capitals() {
        assert_eq!(caps_name("                HOST"), Some("HOST"));
        assert_eq!(caps_name("  MEL (OUTREACH WORKER)"), Some("MEL"));
        assert_eq!(caps_name("DR ANITA SHAH"), Some("DR ANITA SHAH"));
        assert_eq!(caps_name("OK."), None);
        assert_eq!(caps_name("[SOUND OF TRAFFIC]"), None);
        assert_eq!(header_line("[Inaudible] 14:02:31"), None);
        assert_eq!(header_line("[Priya Nair 14:02:31"), None);
        assert_eq!(caps_name("Host"), None);
        assert_eq!(caps_name("HOST: hello"), None);
        assert_eq!(caps_name("ONE TWO THREE FOUR FIVE"), None);
    }

    #[test]
    fn otter_headers() {
        assert_eq!(otter_header("Speaker 1  0:02"), Some(("Speaker 1", 2_000)));
        assert_eq!(
            otter_header("Jane Doe\t1:02:03"),
            Some(("Jane Doe", 3_723_000))
        );
        assert_eq!(otter_header("Jane Doe 0:02"), None);
        assert_eq!(otter_header("it was 0:02"), None);
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("1:02"), Some(62_000));
        assert_eq!(parse_time("01:02:03.5"), Some(3_723_500));
        assert_eq!(parse_time("00:00:01,250"), Some(1_250));
        assert_eq!(parse_time("1:75"), None);
        assert_eq!(format_time(3_723_500), "01:02:03.500");
    }
}
