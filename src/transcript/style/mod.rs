//! Each typed transcript's label style, learnt from the whole file: which lines start a
//! turn. A line on its own cannot say whether `Heteronormativity: a term coined...` is
//! a speaker; the file can: real labels recur, in the shapes the file uses.
//!
//! The shapes: `Label: text` (with times before or after the label, emphasis, a role or
//! description in parentheses, a leading paragraph number), and headers without a colon
//! (`Kelly 0:03`, `Speaker 1 [00:00:05]`, `**Emma** 0:00`, `**Ali** [0:00] text`,
//! Otter's `Name  0:02`), names in capitals alone on their lines, and `Q.` / `A.`. A file
//! with several shapes is read with each.
//!
//! `learn` goes in steps: each line's candidate and how often its label recurs
//! (`lines`); the rules the recurring labels set, which judge each candidate on its own
//! (`Rules::why_not`); the header above the dialogue (`header`); a label seen once
//! judged by the shapes of those that recur; and what a PDF conversion left
//! (`furniture`).

mod candidate;
mod furniture;
mod header;
mod lines;

use super::Speakers;
use candidate::{Candidate, Shape, is_note, is_title_case, starts_like_a_label};
use header::Header;
use lines::{Lines, Rules};

/// Where a turn starts: its speaker as written, time, and first words.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    pub label: &'a str,
    pub time_ms: Option<u64>,
    /// The end of a Whisper-style segment (`[00:00.000 --> 00:05.340]  SPEAKER_00: text`).
    pub end_ms: Option<u64>,
    pub text: &'a str,
    /// A header without a colon (Otter and the like), not `Label: text`.
    pub header: bool,
}

/// A label-like line that was not taken as a turn start, for `coda check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotTaken {
    pub line: usize,
    pub label: String,
    pub why: &'static str,
}

/// What the file's lines are, once its style is known.
pub struct Style<'a> {
    /// Per body line: where a turn starts.
    pub starts: Vec<Option<Start<'a>>>,
    /// Per body line: a paragraph number alone on its line, left by a PDF conversion,
    /// or a section heading in capitals among mixed-case turns: part of no turn.
    pub dropped: Vec<bool>,
    /// The file's paragraphs are numbered: a number before a line's text is dropped.
    pub numbered: bool,
    /// Label-like lines not taken.
    pub not_taken: Vec<NotTaken>,
    /// The shapes found, described for `coda check`.
    pub shapes: Vec<&'static str>,
    /// Labels the file's header names as interviewers (`Interviewer: Dr Lena Fischer`).
    pub interviewers: Vec<&'a str>,
    /// Email header blocks (`From:` ... `Subject:`), by first and last body line: the
    /// file is a written answer sent by email.
    pub mail: Vec<(usize, usize)>,
}

/// Learn the style of a file's body lines (1-based line number, text).
/// `breaks`: the body lines that held a form feed (a page break, as `pdftotext` writes).
pub fn learn<'a>(body: &[(usize, &'a str)], breaks: &[usize], speakers: &Speakers) -> Style<'a> {
    let lines = Lines::new(body, speakers);
    let rules = Rules::of(&lines);
    // What a PDF conversion left. A running header can look like a dash label
    // (`Interview 4 — Page 1`); no other label-like line is furniture.
    let labelled: Vec<bool> = lines
        .candidates
        .iter()
        .map(|c| c.as_ref().is_some_and(|c| !c.is_dash()))
        .collect();
    let (mut dropped, numbered) = furniture::dropped(body, breaks, &labelled);
    let mut accepted: Vec<bool> = lines
        .candidates
        .iter()
        .zip(&lines.per_line)
        .zip(&dropped)
        .map(|((c, &n), &d)| {
            !d && c
                .as_ref()
                .is_some_and(|c| rules.why_not(&lines, c, n).is_none())
        })
        .collect();
    let shapes = recurring_shapes(&lines, &accepted);
    let header = Header::find(&lines, &accepted);
    let (not_taken, preamble) = judge(
        &lines,
        &rules,
        &header,
        &shapes,
        &mut dropped,
        &mut accepted,
    );
    let mut not_taken = not_taken;
    not_taken.extend(unread_headers(&lines, &accepted, &dropped));
    not_taken.sort_by_key(|n| n.line);
    let mail = lines.mail.clone();
    let (starts, shapes) = starts(lines.candidates, &accepted);
    let interviewers = header::named_interviewers(&preamble, &starts);
    Style {
        starts,
        dropped,
        numbered,
        not_taken,
        shapes,
        interviewers,
        mail,
    }
}

/// The shapes of the accepted labels that recur; with none, of the known labels (an
/// interviewer label, a sheet id), which need not recur.
fn recurring_shapes(lines: &Lines<'_, '_>, accepted: &[bool]) -> Vec<Shape> {
    let shapes_of = |keep: &dyn Fn(usize) -> bool| -> Vec<Shape> {
        let mut v: Vec<Shape> = (0..lines.candidates.len())
            .filter(|&i| accepted[i] && keep(i))
            .filter_map(|i| lines.candidates[i].as_ref().map(Candidate::shape))
            .collect();
        v.sort_by_key(|s| (s.header, s.emphasis, s.timed, s.mark));
        v.dedup();
        v
    };
    let recurring = shapes_of(&|i| lines.per_line[i] >= 2);
    if recurring.is_empty() {
        shapes_of(&|i| {
            lines.candidates[i]
                .as_ref()
                .is_some_and(|c| lines.is_known(c.label()))
        })
    } else {
        recurring
    }
}

/// Judge each candidate against the whole file: header lines are not turns (their
/// `Key: value` pairs are returned), a title in capitals is no speaker, and a label
/// seen once is taken only in a shape the file's recurring labels use (`**Note:**`
/// among plain `Name:` labels is emphasis, not a speaker). Returns the label-like lines
/// not taken that a reader should look at.
fn judge<'a>(
    lines: &Lines<'a, '_>,
    rules: &Rules,
    header: &Header<'a>,
    shapes: &[Shape],
    dropped: &mut [bool],
    accepted: &mut [bool],
) -> (Vec<NotTaken>, Vec<(&'a str, &'a str)>) {
    let candidates = &lines.candidates;
    let truly_recurring = (0..candidates.len()).any(|i| accepted[i] && lines.per_line[i] >= 2);
    let single = candidates.iter().flatten().count() == 1;
    let first_text = lines
        .body
        .iter()
        .position(|(_, l)| !l.trim().is_empty())
        .unwrap_or(0);
    // The recurring labels in lower case (distinct labels, folded once each), for
    // reporting one that is an accepted label in another case.
    let accepted_folded: std::collections::BTreeSet<String> =
        lines.recurring_labels().map(str::to_lowercase).collect();
    // Whether the file's recurring turns are written in mixed case: then a line seen
    // once whose label and text are all capitals (`BLOQUE 2: APOYOS Y PRESTACIONES`) is
    // a section heading, not a speaker.
    let capitals =
        |t: &str| t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
    let mixed_case = candidates.iter().enumerate().any(|(i, c)| {
        accepted[i]
            && lines.per_line[i] >= 2
            && matches!(c, Some(Candidate::Colon(l)) if l.text.chars().any(char::is_lowercase))
    });
    let mut not_taken = Vec::new();
    let mut preamble = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(c) = c else { continue };
        let n = lines.per_line[i];
        if dropped[i] {
            continue;
        }
        // A line in capitals under a name in capitals (`MEL` / `OK`) is speech.
        if matches!(c, Candidate::Caps(_))
            && i > 0
            && matches!(candidates[i - 1], Some(Candidate::Caps(_)))
        {
            accepted[i] = false;
            continue;
        }
        // A title above the first speaker, in capitals (`NO FIXED ABODE`) or with a dash
        // (`Interview 6 - prison visits study`), is no speaker.
        if (matches!(c, Candidate::Caps(_)) || c.is_dash())
            && n < 2
            && header.dialogue.is_none_or(|d| i < d)
        {
            accepted[i] = false;
            continue;
        }
        if let Candidate::Colon(l) = c
            && n < 2
            && mixed_case
            && capitals(l.label)
            && capitals(l.text)
            && l.text.chars().filter(|ch| ch.is_alphabetic()).count() >= 4
            && !lines.is_known(l.label)
        {
            // (Dropped: a heading is part of no one's turn.)
            accepted[i] = false;
            dropped[i] = true;
            continue;
        }
        if header.is_header(lines, i) {
            accepted[i] = false;
            if let Candidate::Colon(l) = c {
                preamble.extend(header::pairs(l));
            }
            continue;
        }
        let mut why = rules.why_not(lines, c, n);
        let known = lines.is_known(c.label());
        if why.is_none() && n < 2 && (!known || truly_recurring) {
            let shape = c.shape();
            // In a file whose labels all carry times, one without is not in its shape.
            let same = shapes.iter().any(|s| {
                s.header == shape.header
                    && s.emphasis == shape.emphasis
                    && s.mark == shape.mark
                    && (shape.timed || !s.timed)
            });
            if shapes.is_empty() {
                // No label recurs: a dialogue has one that does. One label on the
                // first line is a written answer's author (`Name: text`, not a dashed
                // title); otherwise these are prose.
                if !(single && i == first_text && !c.is_dash()) {
                    why = Some("no label in the file recurs");
                }
            } else if !same {
                why = Some("seen once, in a shape the file's labels do not use");
            }
        }
        let Some(why) = why else { continue };
        accepted[i] = false;
        // Only what a reader could take for a label is worth a look; in a dialogue,
        // also a short label (`Support worker:`, `mum:` among `int:`/`resp:`) and one
        // that is an accepted label in another case (`maria:` among `Maria:`). A note
        // in the text is expected, not something to check.
        let label = c.label();
        let short = label.split_whitespace().count() <= 2;
        let worth_a_look = n >= 2
            || label.chars().any(|ch| ch.is_ascii_digit())
            || (starts_like_a_label(label) && is_title_case(label))
            || (truly_recurring && short && (starts_like_a_label(label) || rules.lowercase))
            || (truly_recurring && accepted_folded.contains(&label.to_lowercase()));
        if !is_note(label) && worth_a_look {
            not_taken.push(NotTaken {
                line: lines.body[i].0,
                label: label.to_owned(),
                why,
            });
        }
    }
    (not_taken, preamble)
}

/// In a file whose turns start with timed headers (`Name  0:03`, `[Name] 14:02:11`),
/// the lines read as text that also end with a time after a few words: a header of a
/// shape coda did not read, whose speaker's words went to the turn above. Said, so that
/// a file read wrongly is not read wrongly without a word.
fn unread_headers(lines: &Lines<'_, '_>, accepted: &[bool], dropped: &[bool]) -> Vec<NotTaken> {
    let timed = (0..accepted.len())
        .any(|i| accepted[i] && matches!(lines.candidates[i], Some(Candidate::Header(_))));
    if !timed {
        return Vec::new();
    }
    let ends_with_a_time = |l: &str| {
        let last = l
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .trim_matches(['[', ']', '(', ')']);
        let parts: Vec<&str> = last.split(':').collect();
        (2..=3).contains(&parts.len())
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.len() <= 6
                    && p.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            })
    };
    (0..accepted.len())
        .filter(|&i| !accepted[i] && !dropped[i])
        .filter_map(|i| {
            let (n, l) = lines.body[i];
            let t = l.trim();
            let words = t.split_whitespace().count();
            // (A transcriber's note with its time, `[Inaudible] 14:02:31`, is no header.)
            let note = t
                .strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .is_some_and(super::label::is_bracket_note);
            ((2..=8).contains(&words) && ends_with_a_time(t) && !note).then(|| NotTaken {
                line: n,
                label: t.chars().take(60).collect(),
                why: "ends with a time, as the file's turn headers do, but was not read as one: its words went to the turn above",
            })
        })
        .collect()
}

/// The accepted candidates as turn starts, and the shapes they use (for `coda check`).
fn starts<'a>(
    candidates: Vec<Option<Candidate<'a>>>,
    accepted: &[bool],
) -> (Vec<Option<Start<'a>>>, Vec<&'static str>) {
    let mut shapes: Vec<&'static str> = Vec::new();
    let starts = candidates
        .into_iter()
        .zip(accepted)
        .map(|(c, &a)| {
            let c = c.filter(|_| a)?;
            let d = c.shape().describe();
            if !shapes.contains(&d) {
                shapes.push(d);
            }
            Some(match c {
                Candidate::Colon(l) => Start {
                    label: l.label,
                    time_ms: l.time_ms,
                    end_ms: l.end_ms,
                    text: l.text,
                    header: false,
                },
                Candidate::Header(h) => Start {
                    label: h.name,
                    time_ms: Some(h.time_ms),
                    end_ms: None,
                    text: h.text,
                    header: true,
                },
                // (Read as a text transcript, not an Otter export: `header` is the latter.)
                Candidate::Caps(name) => Start {
                    label: name,
                    time_ms: None,
                    end_ms: None,
                    text: "",
                    header: false,
                },
            })
        })
        .collect();
    (starts, shapes)
}
