//! Typed transcripts (.txt, .md): front matter, then `Label: text` turns, an Otter
//! export (`Speaker Name  0:02` headers), or, with no labels at all, one segment per
//! paragraph. Documents (.docx, .odt) come here too, as the lines `document` makes of
//! their paragraphs ([`parse_body`]).

use std::sync::LazyLock;

use regex::Regex;

use super::assemble::{Block, assemble, unlabelled_turn};
use std::collections::HashMap;

use super::label::{LabelLine, label_line, otter_header};
use super::{Format, FrontMatter, Kind, ParseError, Speakers, Turn, Warning, frontmatter};

static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}(?:\s|$)").expect("heading regex"));
static OTTER_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^transcribed by https?://otter\.ai\s*$").expect("footer regex")
});

pub fn parse(
    text: &str,
    kind: Kind,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> Result<(Format, FrontMatter, Vec<Turn>), ParseError> {
    let lines: Vec<&str> = text.split('\n').collect();
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
    // (1-based line number, line) for the body, without Markdown headings.
    let body: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .skip(skip)
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !(markdown && MD_HEADING.is_match(l)))
        .collect();
    let (format, turns) = parse_body(&body, kind, speakers, warnings);
    Ok((format, fm, turns))
}

/// The turns of a body of lines, each with the number that places it in the file (a
/// line number; in a document, the number of the paragraph the line comes from).
pub fn parse_body(
    body: &[(usize, &str)],
    kind: Kind,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> (Format, Vec<Turn>) {
    let otter = body
        .iter()
        .filter(|(_, l)| otter_header(l).is_some())
        .count();
    // Each line's label candidate, read once.
    let labels: Vec<Option<LabelLine<'_>>> = body.iter().map(|(_, l)| label_line(l)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in labels.iter().flatten() {
        *counts.entry(l.label).or_insert(0) += 1;
    }
    let accepted: usize = counts
        .iter()
        .filter(|(l, c)| speakers.accept(l, **c))
        .map(|(_, c)| c)
        .sum();

    let unit = kind.unit();
    if otter > 0 && otter >= accepted {
        let turns = assemble(otter_blocks(body), "\n\n", unit, speakers, warnings);
        return (Format::Otter, turns);
    }
    if accepted > 0 {
        let blocks = labelled_blocks(body, &labels, |label| {
            speakers.accept(label, counts.get(label).copied().unwrap_or(0))
        });
        let turns = assemble(blocks, "\n\n", unit, speakers, warnings);
        let format = match kind {
            Kind::Markdown => Format::Markdown,
            Kind::Docx => Format::Docx,
            Kind::Odt => Format::Odt,
            Kind::Text | Kind::WebVtt | Kind::Srt => Format::Text,
        };
        return (format, turns);
    }
    let turns: Vec<Turn> = paragraphs(body)
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
    (Format::Unlabelled, turns)
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

fn labelled_blocks(
    body: &[(usize, &str)],
    labels: &[Option<LabelLine<'_>>],
    accept: impl Fn(&str) -> bool,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cur: Option<(Block, TextBuf)> = None;
    for (i, &(n, line)) in body.iter().enumerate() {
        if let Some(l) = labels[i].as_ref().filter(|l| accept(l.label)) {
            if let Some(b) = finish(cur.take()) {
                blocks.push(b);
            }
            let mut buf = TextBuf::default();
            buf.push_line(l.text);
            let block = Block {
                speaker: Some(normalise_label(l.label)),
                text: String::new(),
                lines: (n, n),
                start_ms: l.time_ms,
                end_ms: None,
            };
            cur = Some((block, buf));
            continue;
        }
        match cur.as_mut() {
            Some((b, buf)) => {
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

fn otter_blocks(body: &[(usize, &str)]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cur: Option<(Block, TextBuf)> = None;
    for &(n, line) in body {
        if OTTER_FOOTER.is_match(line.trim()) {
            continue;
        }
        if let Some((name, ms)) = otter_header(line) {
            blocks.extend(finish(cur.take()));
            let b = Block {
                speaker: Some(normalise_label(name)),
                text: String::new(),
                lines: (n, n),
                start_ms: Some(ms),
                end_ms: None,
            };
            cur = Some((b, TextBuf::default()));
            continue;
        }
        match cur.as_mut() {
            Some((b, buf)) => {
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

fn finish(cur: Option<(Block, TextBuf)>) -> Option<Block> {
    cur.map(|(mut b, buf)| {
        b.text = buf.text;
        b
    })
}

/// Blank-line-separated paragraphs with their line spans.
fn paragraphs(body: &[(usize, &str)]) -> Vec<(String, (usize, usize))> {
    let mut out = Vec::new();
    let mut cur: Option<(String, (usize, usize))> = None;
    for &(n, line) in body {
        let t = line.trim();
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

/// Collapse runs of whitespace in a label, so `Morag  B` and `Morag B` are one speaker.
pub fn normalise_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Role;

    fn run(text: &str, kind: Kind) -> (Format, FrontMatter, Vec<Turn>, Vec<Warning>) {
        let mut w = Vec::new();
        let (f, fm, t) = parse(text, kind, &Speakers::default(), &mut w).unwrap();
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
