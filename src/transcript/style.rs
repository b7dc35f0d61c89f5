//! Each typed transcript's label style, learnt from the whole file: which lines start a
//! turn. A line on its own cannot say whether `Heteronormativity: a term coined...` is
//! a speaker; the file can: real labels recur, in the shapes the file uses.
//!
//! The shapes: `Label: text` (with times before or after the label, emphasis, a role or
//! description in parentheses, a leading paragraph number), and headers without a colon
//! (`Kelly 0:03`, `Speaker 1 [00:00:05]`, `**Emma** 0:00`, `**Ali** [0:00] text`,
//! Otter's `Name  0:02`). A file with several shapes is read with each.

use super::Speakers;
use super::label::{HeaderLine, LabelLine, caps_name, header_line, label_line, number_prefix};

/// Where a turn starts: its speaker as written, time, and first words.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    pub label: &'a str,
    pub time_ms: Option<u64>,
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
    /// Per body line: a paragraph number alone on its line, left by a PDF conversion.
    pub dropped: Vec<bool>,
    /// The file's paragraphs are numbered: a number before a line's text is dropped.
    pub numbered: bool,
    /// Label-like lines not taken.
    pub not_taken: Vec<NotTaken>,
    /// The shapes found, described for `coda check`.
    pub shapes: Vec<&'static str>,
    /// Labels the file's header names as interviewers (`Interviewer: Dr Lena Fischer`).
    pub interviewers: Vec<&'a str>,
}

/// A candidate's shape, for telling a label seen once in the file's shape from one that
/// is not (`**Note:**` in a file of plain `Name:` labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    header: bool,
    emphasis: bool,
    timed: bool,
    /// `Q.` / `A.`
    dotted: bool,
}

impl Shape {
    fn describe(self) -> &'static str {
        if self.dotted {
            return "Q. / A.";
        }
        match (self.header, self.emphasis, self.timed) {
            (false, false, false) => "Label: text",
            (false, false, true) => "Label: text, with times",
            (false, true, false) => "**Label:** text",
            (false, true, true) => "**Label:** text, with times",
            (true, true, _) => "**Name** time headers",
            (true, false, true) => "Name time headers",
            (true, false, false) => "NAME alone on its line",
        }
    }
}

enum Candidate<'a> {
    Colon(LabelLine<'a>),
    Header(HeaderLine<'a>),
    /// A name in capitals alone on its line (`HOST`), the speech below.
    Caps(&'a str),
}

impl Candidate<'_> {
    fn label(&self) -> &str {
        match self {
            Candidate::Colon(l) => l.label,
            Candidate::Header(h) => h.name,
            Candidate::Caps(name) => name,
        }
    }
    fn shape(&self) -> Shape {
        match self {
            Candidate::Colon(l) => Shape {
                header: false,
                emphasis: l.emphasis,
                timed: l.time_ms.is_some(),
                dotted: l.dotted,
            },
            Candidate::Header(h) => Shape {
                header: true,
                emphasis: h.marked,
                timed: true,
                dotted: false,
            },
            Candidate::Caps(_) => Shape {
                header: true,
                emphasis: false,
                timed: false,
                dotted: false,
            },
        }
    }
}

/// Whether a label's first character can start a speaker label: a capital, a digit, a
/// bracket, `#` or the `+` of a phone number, or a letter of a script without case
/// (`名前`).
fn starts_like_a_label(label: &str) -> bool {
    label.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || c == '['
            || c == '#'
            || c == '+'
            || (c.is_alphabetic() && !c.is_lowercase())
    })
}

/// A note's label (`Note:`, `NB:`, `Transcriber's note:`): never a speaker, however often
/// it recurs.
fn is_note(label: &str) -> bool {
    // (The longest note label is 20 bytes; most labels are settled without folding.)
    if label.len() > 24
        || !label
            .as_bytes()
            .first()
            .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'n' | b'p' | b'c' | b'e' | b't' | b'r'))
    {
        return false;
    }
    let l = label.to_lowercase();
    let l = l.trim_end_matches('.');
    matches!(
        l,
        "note"
            | "notes"
            | "nb"
            | "n.b"
            | "ps"
            | "comment"
            | "editor's note"
            | "editor’s note"
            | "transcriber's note"
            | "transcriber’s note"
            | "transcriber note"
            | "researcher's note"
            | "researcher’s note"
            | "translator's note"
            | "translator’s note"
    )
}

fn is_title_case(label: &str) -> bool {
    label
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

fn is_number_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// Learn the style of a file's body lines (1-based line number, text).
/// `breaks`: the body lines that held a form feed (a page break, as `pdftotext` writes).
pub fn learn<'a>(body: &[(usize, &'a str)], breaks: &[usize], speakers: &Speakers) -> Style<'a> {
    let candidates: Vec<Option<Candidate<'a>>> = body
        .iter()
        .map(|&(_, l)| {
            label_line(l)
                .map(Candidate::Colon)
                .or_else(|| header_line(l).map(Candidate::Header))
                .or_else(|| caps_name(l).map(Candidate::Caps))
        })
        .collect();
    // How often each label starts a line, per kind (labels as written: counting is on
    // every line of every file, so it borrows rather than folds case).
    let keys: Vec<Option<(bool, &str)>> = candidates
        .iter()
        .map(|c| {
            c.as_ref()
                .map(|c| (!matches!(c, Candidate::Colon(_)), c.label()))
        })
        .collect();
    let mut counts: rustc_hash::FxHashMap<(bool, &str), usize> = Default::default();
    for k in keys.iter().flatten() {
        *counts.entry(*k).or_insert(0) += 1;
    }
    let per_line: Vec<usize> = keys
        .iter()
        .map(|k| k.as_ref().map_or(0, |k| counts[k]))
        .collect();
    // Whether each distinct label is a known one (an interviewer label, a sheet id),
    // asked once a label rather than once a line.
    let known: rustc_hash::FxHashMap<&str, bool> = counts
        .keys()
        .map(|&(_, l)| (l, speakers.is_known(l)))
        .collect();
    let is_known = |l: &str| known.get(l).copied().unwrap_or(false);

    // Lowercase labels are the file's style when two or more recur
    // (`interviewer:` / `interviewee:`), never for one word that happens to.
    let lowercase_recurring = counts
        .iter()
        .filter(|((header, l), n)| {
            !*header && **n >= 2 && l.split_whitespace().count() <= 2 && !starts_like_a_label(l)
        })
        .count();
    let lowercase_style = lowercase_recurring >= 2;

    // Headers without a colon are turns when two or more lines have that shape, and
    // plain ones (`Kelly 0:03`) only when a name recurs.
    let header_lines = |marked: bool| {
        candidates
            .iter()
            .flatten()
            .filter(|c| matches!(c, Candidate::Header(h) if h.marked == marked && starts_like_a_label(h.name)))
            .count()
    };
    let header_recurs = candidates.iter().zip(&per_line).any(|(c, &n)| {
        matches!(c, Some(Candidate::Header(h)) if !h.marked && is_title_case(h.name)) && n >= 2
    });
    let headers_marked = header_lines(true) >= 2;
    let headers_plain = header_lines(false) >= 2 && header_recurs;

    // Names in capitals alone on their lines are turns when the file is written that
    // way: four or more such lines with speech on the line below, two names recurring.
    let speech_below = |i: usize| {
        body.get(i + 1)
            .is_some_and(|(_, l)| !l.trim().is_empty() && candidates[i + 1].is_none())
    };
    let caps_lines: Vec<usize> = (0..candidates.len())
        .filter(|&i| matches!(candidates[i], Some(Candidate::Caps(_))) && speech_below(i))
        .collect();
    let caps_style = caps_lines.len() >= 4 && {
        let mut names: rustc_hash::FxHashMap<&str, usize> = Default::default();
        for &i in &caps_lines {
            if let Some(c) = &candidates[i] {
                *names.entry(c.label()).or_insert(0) += 1;
            }
        }
        names.values().filter(|&&n| n >= 2).count() >= 2
    };

    let why_not = |c: &Candidate<'_>, n: usize| -> Option<&'static str> {
        let label = c.label();
        if let Candidate::Caps(_) = c {
            return (!caps_style).then_some("a name in capitals alone on its line, in a file not written that way");
        }
        if is_known(label) {
            return None;
        }
        match c {
            Candidate::Caps(_) => None,
            Candidate::Header(h) => {
                let ok = if h.marked {
                    headers_marked && starts_like_a_label(label)
                } else {
                    headers_plain && is_title_case(label)
                };
                (!ok).then_some("a name and a time, but the file's headers are not in this shape")
            }
            Candidate::Colon(_) => {
                if is_note(label) {
                    return Some("a transcriber's or editor's note, not a speaker");
                }
                let words = label.split_whitespace().count();
                if !(starts_like_a_label(label) || (lowercase_style && n >= 2 && words <= 2)) {
                    return Some("starts in lowercase");
                }
                let reason = words == 1
                    || n >= 2
                    || label.chars().any(|ch| ch.is_ascii_digit())
                    || is_title_case(label);
                (!reason).then_some("several words, seen once, not in Title Case")
            }
        }
    };
    let mut accepted: Vec<bool> = candidates
        .iter()
        .zip(&per_line)
        .map(|(c, &n)| c.as_ref().is_some_and(|c| why_not(c, n).is_none()))
        .collect();

    // A label seen once is taken only in a shape that the file's recurring labels use:
    // `**Note:**` among plain `Name:` labels is emphasis, not a speaker.
    let shapes_of = |keep: &dyn Fn(usize) -> bool| -> Vec<Shape> {
        let mut v: Vec<Shape> = (0..candidates.len())
            .filter(|&i| accepted[i] && keep(i))
            .filter_map(|i| candidates[i].as_ref().map(Candidate::shape))
            .collect();
        v.sort_by_key(|s| (s.header, s.emphasis, s.timed, s.dotted));
        v.dedup();
        v
    };
    // The shapes of labels that recur; with none, of the known labels (an interviewer
    // label, a sheet id), which need not recur.
    let recurring_shapes: Vec<Shape> = shapes_of(&|i| per_line[i] >= 2);
    let recurring_shapes = if recurring_shapes.is_empty() {
        shapes_of(&|i| candidates[i].as_ref().is_some_and(|c| is_known(c.label())))
    } else {
        recurring_shapes
    };
    let truly_recurring = (0..candidates.len()).any(|i| accepted[i] && per_line[i] >= 2);
    let mut not_taken = Vec::new();
    let single = candidates.iter().flatten().count() == 1;
    // Where the dialogue starts: the first line of a label that recurs. Labels seen once
    // before it are the file's header (`Interview ID: YJ-07`, `Site: North`,
    // `Interviewer: D. Whitfield`, `**Note:** names changed`), not turns.
    // A header has two such lines or more; one alone may be the first speaker's only turn.
    // A metadata block at the top: three or more consecutive `Key: value` lines, most of
    // whose keys are seen once (`Date:`, `Facilitator: Rhiannon Price`, `Location:`),
    // after nothing but title lines. All of it is header, a key that is also a speaker's
    // label (`Facilitator`) included.
    let block_end = {
        let first = (0..body.len()).find(|&i| candidates[i].is_some());
        let titles_only = first.is_some_and(|f| {
            (0..f).all(|i| candidates[i].is_none())
        });
        match first.filter(|_| titles_only) {
            Some(f) => {
                let end = (f..body.len())
                    .find(|&i| !matches!(candidates[i], Some(Candidate::Colon(_))))
                    .unwrap_or(body.len());
                let once = (f..end).filter(|&i| per_line[i] < 2).count();
                let rest_recurs = (end..body.len()).any(|i| accepted[i] && per_line[i] >= 2);
                (end - f >= 3 && once >= 2 && 2 * once >= end - f && rest_recurs).then_some(end)
            }
            None => None,
        }
    };
    // `Interviewer: Elin Haf` above the first turn names the interviewer: a header line,
    // though its label recurs as a speaker's.
    let names_a_person = |i: usize| match &candidates[i] {
        Some(Candidate::Colon(l)) => is_a_name(l.text),
        _ => false,
    };
    let dialogue = (block_end.unwrap_or(0)..candidates.len())
        .find(|&i| accepted[i] && per_line[i] >= 2 && !names_a_person(i));
    // A label line whose sentence runs on to the next line (`THE CHAIR:  Good morning.
    // Mr Hale, your` / `first witness.`) is speech, not a header line.
    let runs_on = |i: usize| {
        let text = match &candidates[i] {
            Some(Candidate::Colon(l)) => l.text.trim_end(),
            _ => return false,
        };
        text.split_whitespace().count() >= 4
            && text.ends_with(|c: char| c.is_alphabetic() || c == ',')
            && body
                .get(i + 1)
                .is_some_and(|(_, l)| !l.trim().is_empty() && candidates[i + 1].is_none())
    };
    let in_preamble = |i: usize| {
        matches!(candidates[i], Some(Candidate::Colon(_)))
            && (per_line[i] < 2 || names_a_person(i))
            && !runs_on(i)
    };
    // (A line of several `Key: value` pairs, `Interviewer: X | Participant: Y`, counts
    // as that many.)
    let preamble_lines = dialogue.map_or(0, |d| {
        (0..d)
            .filter(|&i| in_preamble(i))
            .map(|i| match &candidates[i] {
                Some(Candidate::Colon(l)) => 1 + more_pairs(l.text).count(),
                _ => 1,
            })
            .sum()
    });
    let mut preamble: Vec<(&'a str, &'a str)> = Vec::new();
    // A line before the dialogue whose value names two of the file's recurring speakers
    // (`Speakers: Hannah (UX researcher), Kofi (participant, 34)`) is a header line.
    let recurring_labels: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n >= 2)
        .map(|((_, l), _)| *l)
        .collect();
    let names_speakers = |c: &Candidate<'_>| match c {
        Candidate::Colon(l) => {
            recurring_labels
                .iter()
                .filter(|r| **r != l.label && names(l.text, r))
                .count()
                >= 2
        }
        Candidate::Header(_) | Candidate::Caps(_) => false,
    };
    // Whether the file is a dialogue (some label recurs), and its recurring labels in
    // lower case, for reporting what was not taken.
    let dialogue_file = truly_recurring;
    // (Distinct labels, folded once each.)
    let accepted_folded: std::collections::BTreeSet<String> = counts
        .iter()
        .filter(|(_, n)| **n >= 2)
        .map(|((_, l), _)| l.to_lowercase())
        .collect();
    for (i, c) in candidates.iter().enumerate() {
        let Some(c) = c else { continue };
        let n = per_line[i];
        // A title in capitals above the first speaker (`NO FIXED ABODE`) is no speaker.
        if matches!(c, Candidate::Caps(_)) && n < 2 && dialogue.is_none_or(|d| i < d) {
            accepted[i] = false;
            continue;
        }
        let header = block_end.is_some_and(|e| i < e)
            || (dialogue.is_some_and(|d| i < d)
                && in_preamble(i)
                && (preamble_lines >= 2 || names_speakers(c)));
        if header {
            accepted[i] = false;
            if let Candidate::Colon(l) = c {
                preamble.push((l.label, first_value(l.text)));
                preamble.extend(more_pairs(l.text).map(|p| (p.label, first_value(p.text))));
            }
            continue;
        }
        let mut why = why_not(c, n);
        let known = is_known(c.label());
        if why.is_none() && n < 2 && (!known || truly_recurring) {
            let shape = c.shape();
            // In a file whose labels all carry times, one without is not in its shape.
            let same = recurring_shapes.iter().any(|s| {
                s.header == shape.header
                    && s.emphasis == shape.emphasis
                    && s.dotted == shape.dotted
                    && (shape.timed || !s.timed)
            });
            if recurring_shapes.is_empty() {
                // No label recurs: a dialogue has one that does. One label on the
                // first line is a written answer's author; otherwise these are prose.
                if !(single && i == first_text_line(body)) {
                    why = Some("no label in the file recurs");
                }
            } else if !same {
                why = Some("seen once, in a shape the file's labels do not use");
            }
        }
        if let Some(why) = why {
            accepted[i] = false;
            // Only what a reader could take for a label is worth a look; in a dialogue,
            // also a short label (`Support worker:`, `mum:` among `int:`/`resp:`) and one
            // that is an accepted label in another case (`maria:` among `Maria:`).
            let label = c.label();
            let short = label.split_whitespace().count() <= 2;
            if is_note(label) {
                // A note in the text is expected, not something to check.
            } else if n >= 2
                || label.chars().any(|ch| ch.is_ascii_digit())
                || (starts_like_a_label(label) && is_title_case(label))
                || (dialogue_file && short && (starts_like_a_label(label) || lowercase_style))
                || (dialogue_file && accepted_folded.contains(&label.to_lowercase()))
            {
                not_taken.push(NotTaken {
                    line: body[i].0,
                    label: label.to_owned(),
                    why,
                });
            }
        }
    }

    // Paragraph numbers (alone on their lines, or before a paragraph's text): dropped
    // when the file has several.
    let numbers = body
        .iter()
        .filter(|(_, l)| is_number_line(l) || number_prefix(l) > 0)
        .count();
    let numbered = numbers >= 3;
    let labelled: Vec<bool> = candidates.iter().map(Option::is_some).collect();
    let furniture = page_furniture(body, breaks, &labelled);
    let dropped: Vec<bool> = body
        .iter()
        .zip(&furniture)
        .map(|((_, l), &f)| f || (numbered && is_number_line(l)))
        .collect();

    let mut shapes: Vec<&'static str> = Vec::new();
    let starts: Vec<Option<Start<'a>>> = candidates
        .into_iter()
        .zip(&accepted)
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
                    text: l.text,
                    header: false,
                },
                Candidate::Header(h) => Start {
                    label: h.name,
                    time_ms: Some(h.time_ms),
                    text: h.text,
                    header: true,
                },
                // (Read as a text transcript, not an Otter export: `header` is the latter.)
                Candidate::Caps(name) => Start {
                    label: name,
                    time_ms: None,
                    text: "",
                    header: false,
                },
            })
        })
        .collect();
    let interviewers = named_interviewers(&preamble, &starts);
    Style {
        starts,
        dropped,
        numbered,
        not_taken,
        shapes,
        interviewers,
    }
}

/// Whether a label's text is a person's name and nothing else (`Elin Haf`, `Dr Lena
/// Fischer`): two to four capitalised words, no sentence punctuation.
fn is_a_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && !text.trim_end().ends_with(['!', '?'])
}

/// Whether `text` holds `name` as whole words.
fn names(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The `Key: value` pairs a metadata line's value holds after its own, each after a
/// `|`, `;`, `,`, tab or wide gap (`Dr Lena Fischer | Participant: Senior Nurse`: one).
fn more_pairs(text: &str) -> impl Iterator<Item = LabelLine<'_>> {
    text.split(['|', ';', '\t', ','])
        .flat_map(|part| part.split("  "))
        .skip(1)
        .filter_map(|part| label_line(part.trim_start()))
}

/// A metadata line's first value, without the pairs after it.
fn first_value(text: &str) -> &str {
    text.split(['|', ';', '\t'])
        .next()
        .and_then(|v| v.split("  ").next())
        .unwrap_or("")
}

/// The speaker labels that the file's header names as its interviewers
/// (`Interviewer: Dr Lena Fischer` above `Lena Fischer [00:00:03]: ...`, or a legend,
/// `Speakers: KB = interviewer; SA = ...`).
fn named_interviewers<'a>(preamble: &[(&str, &str)], starts: &[Option<Start<'a>>]) -> Vec<&'a str> {
    let interviewer = |word: &str| {
        let w = word.trim().to_lowercase();
        matches!(
            w.trim_end_matches('s'),
            "interviewer" | "moderator" | "facilitator" | "researcher" | "interviewed by"
        )
    };
    let mut names: Vec<String> = Vec::new();
    for (key, value) in preamble {
        // A legend: `Speakers: KB = interviewer; SA = Head of Year 9`.
        for part in value.split([',', ';']) {
            if let Some((who, what)) = part.split_once('=')
                && interviewer(what)
            {
                names.push(who.trim().to_lowercase());
            }
        }
        if !interviewer(key) {
            continue;
        }
        names.extend(
            value
                .split([',', '&', '/'])
                .flat_map(|n| n.split(" and "))
                .map(|n| n.trim().to_lowercase())
                .filter(|n| !n.is_empty()),
        );
    }
    let mut found: Vec<&'a str> = Vec::new();
    if names.is_empty() {
        return found;
    }
    for s in starts.iter().flatten() {
        let label = s.label.to_lowercase();
        let named = names
            .iter()
            .any(|n| *n == label || n.ends_with(&format!(" {label}")));
        if named && !found.contains(&s.label) {
            found.push(s.label);
        }
    }
    found
}

/// In a file with page breaks, the running headers and footers a PDF conversion leaves
/// (`Interview 4 — Page 3`, `CONFIDENTIAL – Evaluation   7`): lines next to a page break
/// or at the file's ends that recur, digits aside. A label-like line (`Interviewer:
/// Okay.`) never is.
fn page_furniture(body: &[(usize, &str)], breaks: &[usize], labelled: &[bool]) -> Vec<bool> {
    let mut out = vec![false; body.len()];
    if breaks.is_empty() {
        return out;
    }
    let text_lines: Vec<usize> = (0..body.len())
        .filter(|&i| !body[i].1.trim().is_empty())
        .collect();
    // The three text lines either side of each break, and at the file's ends (the first
    // page's header, the last page's footer): label-like lines are never taken.
    let mut near: Vec<usize> = Vec::new();
    let mut edges: Vec<usize> = breaks.to_vec();
    edges.extend([0, body.len()]);
    for b in edges {
        let at = text_lines.partition_point(|&i| i < b);
        near.extend(&text_lines[at.saturating_sub(3)..at]);
        near.extend(text_lines.iter().skip(at).take(3));
    }
    near.sort_unstable();
    near.dedup();
    let mask = |l: &str| -> String {
        let m: String = l
            .trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        m.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut counts: rustc_hash::FxHashMap<String, usize> = Default::default();
    let masks: Vec<(usize, String)> = near
        .iter()
        .filter(|&&i| !labelled[i] && body[i].1.trim().chars().count() <= 100)
        .map(|&i| (i, mask(body[i].1)))
        .collect();
    for (_, m) in &masks {
        *counts.entry(m.clone()).or_insert(0) += 1;
    }
    for (i, m) in masks {
        if counts[&m] >= 2 {
            out[i] = true;
        }
    }
    out
}

fn first_text_line(body: &[(usize, &str)]) -> usize {
    body.iter()
        .position(|(_, l)| !l.trim().is_empty())
        .unwrap_or(0)
}
