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
/// Words past which a labelled file read as a single turn is worth a look.
const ONE_TURN_WORDS: usize = 100;

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

/// In a file read as written text, the opening the most paragraphs share in shape
/// (letters, digits and spaces folded; `[0.04 - 7.92] spk_0:`, `00:03 INTERVIEWER -`,
/// `Lena Hartmann, [04.03.2026 19:02]`), if at least three lines share one that holds a
/// digit or a bracket: the labels of a transcript whose shape
/// coda does not know, which would otherwise pass for prose. Counted over the text's
/// lines (a quarter of them or more); the first paragraph's line, the opening as
/// written, and how many share it.
fn recurring_opener(parsed: &Parsed) -> Option<(usize, String, usize)> {
    // A line's opening: up to its first `: ` or ` - `, or the whole of a short line that
    // has text below it (a header on its own line).
    let opener = |line: &str, more: bool| -> Option<String> {
        let first = line.trim();
        let head: String = first.chars().take(48).collect();
        let cut = head
            .find(": ")
            .map(|i| i + 1)
            .or_else(|| head.ends_with(':').then_some(head.len()))
            .or_else(|| head.find(" - ").map(|i| i + 2))
            .or_else(|| head.find(" – ").map(|i| i + " –".len()));
        match cut {
            Some(c) => Some(head[..c].to_owned()),
            // (A short line opened by a time is a field note's heading, `07:30 Handover`.)
            None if more
                && (2..=6).contains(&first.split_whitespace().count())
                && !first.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Some(first.to_owned())
            }
            None => None,
        }
    };
    let shape = |o: &str| -> String {
        let mut out = String::new();
        for c in o.chars() {
            let k = if c.is_alphabetic() {
                'A'
            } else if c.is_ascii_digit() {
                '9'
            } else if c.is_whitespace() {
                ' '
            } else {
                c
            };
            if !(matches!(k, 'A' | '9' | ' ') && out.ends_with(k)) {
                out.push(k);
            }
        }
        out
    };
    let mut counts: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
    let mut lines = 0;
    for t in &parsed.turns {
        let ls: Vec<&str> = t.text.lines().filter(|l| !l.trim().is_empty()).collect();
        for (i, l) in ls.iter().enumerate() {
            lines += 1;
            if let Some(o) = opener(l, i + 1 < ls.len()) {
                let sh = shape(&o);
                if sh.contains('9') || sh.contains('[') {
                    let e = counts.entry(sh).or_insert((0, t.lines.0, o));
                    e.0 += 1;
                }
            }
        }
    }
    let (n, line, o) = counts
        .into_values()
        .max_by_key(|(n, line, _)| (*n, std::cmp::Reverse(*line)))?;
    (n >= 3 && 4 * n >= lines).then_some((line, o, n))
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
    if parsed.format == Format::Unlabelled
        && not_taken.is_empty()
        && let Some((line, opener, n)) = recurring_opener(parsed)
    {
        looks.push(Problem::at(
            path,
            Some(line),
            format!(
                "read as written text, but {n} of its lines begin alike (the first: '{opener}'): if these begin speakers' turns, coda did not read their labels; write them as `Name: text` lines or see docs/formats.md"
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
    looks.extend(read_as_turn_before(
        path,
        &parsed.diagnosis.unattributed,
        (
            "timed row of the speaker table",
            "timed rows of the speaker table",
        ),
    ));
    if let Some(&first) = parsed.diagnosis.speakerless.first() {
        let n = parsed.diagnosis.speakerless.len();
        looks.push(Problem::at(
            path,
            Some(first),
            format!(
                "{n} timed segments (`[start --> end] text`, as Whisper writes them) and no speaker \
                 anywhere: read as text with no speaker and the times left out; if more than one \
                 person speaks, transcribe with speakers (diarisation) or add speaker labels"
            ),
        ));
    }
    looks.extend(read_as_turn_before(
        path,
        &parsed.diagnosis.unnamed,
        ("timed segment", "timed segments"),
    ));
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
    // A labelled file read as one long turn: its other labels were not read (an
    // Obsidian note whose callout `[!note] Update:` became the only label).
    if let [t] = parsed.turns.as_slice()
        && parsed.format != Format::Unlabelled
        && t.text.split_whitespace().nth(ONE_TURN_WORDS).is_some()
    {
        looks.push(Problem::at(
            path,
            Some(t.lines.0),
            format!(
                "the whole file (lines {}-{}) was read as one turn of '{}': its other labels may not have been recognised",
                t.lines.0, t.lines.1, t.speaker
            ),
        ));
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

/// Lines with no speaker among lines with one, read as part of the turn before (`what`:
/// how one and several are called): one look at the first of them.
fn read_as_turn_before(path: &Path, lines: &[usize], what: (&str, &str)) -> Option<Problem> {
    let (&first, n) = (lines.first()?, lines.len());
    let one = n == 1;
    Some(Problem::at(
        path,
        Some(first),
        format!(
            "{n} {} {} no speaker, and {} read as part of the turn before; \
             give {} a speaker if someone else said {}",
            if one { what.0 } else { what.1 },
            if one { "has" } else { "have" },
            if one { "is" } else { "are" },
            if one { "it" } else { "them" },
            if one { "it" } else { "them" },
        ),
    ))
}
