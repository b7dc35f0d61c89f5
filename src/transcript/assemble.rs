//! Blocks (a labelled paragraph, a subtitle cue) to turns: consecutive blocks by the
//! same speaker merge into one turn, and unlabelled blocks continue the turn before.

use super::{Role, Speakers, Turn, Warning};

/// A run of text as a format's parser found it.
#[derive(Debug, Clone)]
pub struct Block {
    /// `None` when the block has no label of its own and continues the previous turn.
    pub speaker: Option<String>,
    pub text: String,
    pub lines: (usize, usize),
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
}

/// Merge blocks into turns. `joiner` goes between merged blocks' texts: a paragraph
/// break for typed transcripts, a space for subtitle cues. `unit` is what the blocks'
/// numbers count, for messages: "line", or "paragraph" in a document.
pub fn assemble(
    blocks: Vec<Block>,
    joiner: &str,
    unit: &str,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    let mut orphan: Option<(usize, usize)> = None;
    let mut current: Option<Turn> = None;
    for b in blocks {
        let same = match (&b.speaker, &current) {
            (None, Some(_)) => true,
            (Some(s), Some(t)) => *s == t.speaker,
            (_, None) => false,
        };
        if same {
            let t = current.as_mut().expect("checked above");
            if !b.text.is_empty() {
                if !t.text.is_empty() {
                    t.text.push_str(joiner);
                }
                t.text.push_str(&b.text);
            }
            t.lines.1 = b.lines.1;
            t.end_ms = b.end_ms.or(t.end_ms);
            if t.start_ms.is_none() {
                t.start_ms = b.start_ms;
            }
            continue;
        }
        match b.speaker {
            None => {
                orphan = Some(orphan.map_or(b.lines, |(s, _)| (s, b.lines.1)));
            }
            Some(speaker) => {
                if let Some(t) = current.take() {
                    push_turn(&mut turns, t, joiner, warnings);
                }
                current = Some(Turn {
                    role: speakers.role(&speaker),
                    speaker,
                    text: b.text,
                    lines: b.lines,
                    start_ms: b.start_ms,
                    end_ms: b.end_ms,
                });
            }
        }
    }
    if let Some(t) = current.take() {
        push_turn(&mut turns, t, joiner, warnings);
    }
    if let Some((a, z)) = orphan {
        warnings.push(Warning {
            line: Some(a),
            message: format!(
                "{} before the first speaker label {} not part of any turn; \
                 give {} a speaker label if it is speech",
                span(unit, a, z),
                if a == z { "is" } else { "are" },
                if a == z { "it" } else { "them" }
            ),
        });
    }
    turns
}

fn push_turn(turns: &mut Vec<Turn>, t: Turn, joiner: &str, warnings: &mut Vec<Warning>) {
    if t.text.trim().is_empty() {
        warnings.push(Warning {
            line: Some(t.lines.0),
            message: format!(
                "speaker label '{}' has no text after it; skipped",
                t.speaker
            ),
        });
        return;
    }
    // Turns separated only by an empty one are still consecutive.
    if let Some(prev) = turns.last_mut()
        && prev.speaker == t.speaker
    {
        prev.text.push_str(joiner);
        prev.text.push_str(&t.text);
        prev.lines.1 = t.lines.1;
        prev.end_ms = t.end_ms.or(prev.end_ms);
        return;
    }
    turns.push(t);
}

fn span(unit: &str, a: usize, z: usize) -> String {
    if a == z {
        format!("{unit} {a}")
    } else {
        format!("{unit}s {a}-{z}")
    }
}

/// The role of an unlabelled file's text: always a participant's.
pub fn unlabelled_turn(
    text: String,
    lines: (usize, usize),
    start_ms: Option<u64>,
    end_ms: Option<u64>,
) -> Turn {
    Turn {
        speaker: String::new(),
        role: Role::Participant,
        text,
        lines,
        start_ms,
        end_ms,
    }
}
