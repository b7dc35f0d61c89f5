//! What looks wrong in how a file was read: the signs that a transcript was parsed
//! wrongly, which `coda check` lists and `segments`/`ingest` count. A file read wrongly
//! is worse than one refused, so coda says where it is unsure.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Problem;
use crate::transcript::{Format, Parsed, Role};

/// A file with at least this much text (about a thousand words), one turn of which
/// holds most of it, was probably not split into its turns.
const MOST_TEXT_MIN: usize = 6000;
const MOST_TEXT_SHARE: f64 = 0.6;

/// Each speaker label of a file, with its role, turns and first line.
fn speakers(parsed: &Parsed) -> BTreeMap<&str, (Role, usize, usize)> {
    let mut by: BTreeMap<&str, (Role, usize, usize)> = BTreeMap::new();
    for t in &parsed.turns {
        by.entry(t.speaker.as_str())
            .or_insert((t.role, 0, t.lines.0))
            .1 += 1;
    }
    by
}

pub fn of_file(path: &Path, parsed: &Parsed) -> Vec<Problem> {
    let mut looks = Vec::new();
    let not_taken = &parsed.diagnosis.not_taken;
    if parsed.format == Format::Unlabelled && !not_taken.is_empty() {
        let first = &not_taken[0];
        looks.push(Problem::at(
            path,
            Some(first.line),
            format!(
                "read as having no speakers, but {} line{} look like speaker labels (the first: '{}'); \
                 if they are, see `coda check` for why each was not taken",
                not_taken.len(),
                if not_taken.len() == 1 { "" } else { "s" },
                first.label
            ),
        ));
    }
    for n in not_taken {
        looks.push(Problem::at(
            path,
            Some(n.line),
            format!(
                "'{}' looks like a speaker label but was not taken: {}",
                n.label, n.why
            ),
        ));
    }
    if let Some(&first) = parsed.diagnosis.unattributed.first() {
        let n = parsed.diagnosis.unattributed.len();
        looks.push(Problem::at(
            path,
            Some(first),
            format!(
                "{n} timed row{} of the speaker table {} no speaker, and {} read as part of the turn before; \
                 give {} a speaker if someone else said {}",
                if n == 1 { "" } else { "s" },
                if n == 1 { "has" } else { "have" },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "it" } else { "them" },
                if n == 1 { "it" } else { "them" },
            ),
        ));
    }
    let by = speakers(parsed);
    let participants = by
        .values()
        .filter(|(role, ..)| *role == Role::Participant)
        .count();
    // A transcript of interviewers only has lost its participant: a label read as an
    // interviewer's (a header naming them, a default label) that is not.
    if parsed.turns.len() >= 2 && participants == 0 && parsed.format != Format::Unlabelled {
        let labels: Vec<String> = by.keys().map(|l| format!("'{l}'")).collect();
        looks.push(Problem::at(
            path,
            parsed.turns.first().map(|t| t.lines.0),
            format!(
                "every turn was read as an interviewer's ({}): no participant speaks; if one of these labels is a participant, \
                 see `coda check` and the interviewer labels (`--interviewer-label`)",
                labels.join(", ")
            ),
        ));
    }
    if parsed.turns.len() >= 3 && by.len() >= 2 {
        for (label, (role, turns, line)) in &by {
            // An id-like label (`JSW2`, `P3`, `A`) speaking once is someone who said little;
            // a word (`Mother`, `Summary`) may be text with a colon.
            // (`Step 1`, `Section 2`, `Question 4`: a heading's word and a number is no id.)
            let heading = label.split_whitespace().next().is_some_and(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "step"
                        | "section"
                        | "part"
                        | "question"
                        | "item"
                        | "page"
                        | "chapter"
                        | "figure"
                        | "table"
                        | "point"
                        | "stage"
                        | "phase"
                        | "option"
                        | "theme"
                )
            });
            let id_like = (!heading && label.chars().any(|c| c.is_ascii_digit()))
                || label.chars().count() == 1;
            if *role == Role::Participant
                && *turns == 1
                && !label.is_empty()
                && !id_like
                && participants >= 2
            {
                looks.push(Problem::at(
                    path,
                    Some(*line),
                    format!(
                        "speaker '{label}' speaks once: check that this is someone speaking, not text with a colon"
                    ),
                ));
            }
        }
    }
    // Bytes of text, as a measure of how much each turn holds (no pass over the words).
    let total: usize = parsed.turns.iter().map(|t| t.text.len()).sum();
    if total >= MOST_TEXT_MIN && parsed.format != Format::Unlabelled {
        for t in &parsed.turns {
            let alone = by.len() == 1 && t.role == Role::Participant;
            if !alone && t.text.len() as f64 >= MOST_TEXT_SHARE * total as f64 {
                let share = (100 * t.text.len()) / total;
                looks.push(Problem::at(
                    path,
                    Some(t.lines.0),
                    format!(
                        "one turn of '{}' (lines {}-{}) holds {share}% of the file's text: \
                         its labels may not have been recognised",
                        t.speaker, t.lines.0, t.lines.1
                    ),
                ));
            }
        }
    }
    looks
}
