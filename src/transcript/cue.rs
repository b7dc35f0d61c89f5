//! What WebVTT and SubRip share: cues with a time range and payload lines, speakers
//! given by `<v Name>` voice tags or `Name: text`, markup stripped, and cues merged
//! into turns.

use std::sync::LazyLock;

use regex::Regex;

use super::assemble::{Block, assemble, unlabelled_turn};
use super::label::{count_candidates, label_line, parse_time};
use super::text::normalise_label;
use super::{Format, ParseError, Speakers, Turn, Warning};

static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>|</v>").expect("voice regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>\n]*>").expect("tag regex"));
static TIMING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$").expect("timing regex"));

/// One cue: where it is, when it is, what it says.
#[derive(Debug)]
pub struct Cue<'a> {
    /// First line of the cue (identifier or timing) and last payload line.
    pub lines: (usize, usize),
    pub start_ms: u64,
    pub end_ms: u64,
    pub payload: Vec<&'a str>,
}

/// Read a timing line `start --> end [settings]`. `example` shows the expected form.
pub fn timing(line: &str, n: usize, example: &str) -> Result<(u64, u64), ParseError> {
    let bad = || {
        ParseError::at(
            n,
            format!(
                "malformed cue timing '{}': expected '{example}'; fix the line and run again",
                line.trim()
            ),
        )
    };
    let caps = TIMING.captures(line).ok_or_else(bad)?;
    let start = parse_time(&caps[1]).ok_or_else(bad)?;
    let end = parse_time(&caps[2]).ok_or_else(bad)?;
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

/// `<c>`, `<i>`, `<b>`, inline timestamps go; entities are decoded.
fn clean(s: &str) -> String {
    let s = TAG.replace_all(s, "");
    let s = s
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&lrm;", "")
        .replace("&rlm;", "")
        .replace("&amp;", "&");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Split a cue's payload into (speaker, text) pieces.
fn pieces(payload: &[&str], accept: &impl Fn(&str) -> bool) -> Vec<(Option<String>, String)> {
    let joined = payload.join("\n");
    if VOICE.is_match(&joined) {
        let mut out: Vec<(Option<String>, String)> = Vec::new();
        let mut speaker: Option<String> = None;
        let mut last = 0;
        for m in VOICE.captures_iter(&joined) {
            let whole = m.get(0).expect("match");
            let before = clean(&joined[last..whole.start()]);
            if !before.is_empty() {
                out.push((speaker.clone(), before));
            }
            speaker = m
                .get(1)
                .map(|v| normalise_label(v.as_str()))
                .filter(|v| !v.is_empty());
            last = whole.end();
        }
        let rest = clean(&joined[last..]);
        if !rest.is_empty() {
            out.push((speaker, rest));
        }
        return out;
    }
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    for line in payload {
        let cleaned = clean(line);
        match label_line(&cleaned).filter(|l| accept(l.label)) {
            Some(l) => out.push((Some(normalise_label(l.label)), l.text.trim().to_owned())),
            None if cleaned.is_empty() => {}
            None => match out.last_mut() {
                Some((_, text)) => {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&cleaned);
                }
                None => out.push((None, cleaned)),
            },
        }
    }
    out
}

/// Cues to turns: merge consecutive cues by one speaker; with no speaker anywhere,
/// one turn per cue, with a warning.
pub fn turns(
    cues: Vec<Cue<'_>>,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
    labelled: Format,
) -> (Format, Vec<Turn>) {
    let counts = count_candidates(
        cues.iter()
            .flat_map(|c| c.payload.iter().map(|l| clean(l)))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str),
    );
    let accept = |label: &str| speakers.accept(label, counts.get(label).copied().unwrap_or(0));
    let mut blocks = Vec::new();
    for cue in &cues {
        for (speaker, text) in pieces(&cue.payload, &accept) {
            blocks.push(Block {
                speaker,
                text,
                lines: cue.lines,
                start_ms: Some(cue.start_ms),
                end_ms: Some(cue.end_ms),
            });
        }
    }
    if blocks.iter().all(|b| b.speaker.is_none()) {
        let turns: Vec<Turn> = blocks
            .into_iter()
            .filter(|b| !b.text.is_empty())
            .map(|b| unlabelled_turn(b.text, b.lines, b.start_ms, b.end_ms))
            .collect();
        if !turns.is_empty() {
            warnings.push(Warning {
                line: None,
                message: format!("no speakers found in any cue: each of the {} cues is a segment of one participant", turns.len()),
            });
        }
        return (Format::Unlabelled, turns);
    }
    (labelled, assemble(blocks, " ", "line", speakers, warnings))
}

/// Blank-line-separated blocks of (1-based line number, line).
pub fn blocks(text: &str) -> Vec<Vec<(usize, &str)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_tags_with_and_without_close() {
        let accept = |_: &str| true;
        assert_eq!(
            pieces(&["<v Morag B>Hello <i>there</i></v>"], &accept),
            vec![(Some("Morag B".into()), "Hello there".into())]
        );
        assert_eq!(
            pieces(&["<v.loud Interviewer>Hi", "again"], &accept),
            vec![(Some("Interviewer".into()), "Hi again".into())]
        );
        assert_eq!(
            pieces(&["<v A>one</v><v B>two &amp; three</v>"], &accept),
            vec![
                (Some("A".into()), "one".into()),
                (Some("B".into()), "two & three".into())
            ]
        );
    }

    #[test]
    fn colon_labels_per_line() {
        let accept = |_: &str| true;
        assert_eq!(
            pieces(&["Int: So what", "happened?", "C3: Nothing."], &accept),
            vec![
                (Some("Int".into()), "So what happened?".into()),
                (Some("C3".into()), "Nothing.".into())
            ]
        );
        assert_eq!(
            pieces(&["and then"], &accept),
            vec![(None, "and then".into())]
        );
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
}
