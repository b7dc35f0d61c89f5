//! The file's header above the dialogue: metadata lines (`Date: ...`, `Site: North`,
//! `Interviewer: Dr Lena Fischer | Participant: ...`), a metadata block, a line listing
//! the speakers, and the interviewers such a header names.

use super::super::label::{LabelLine, label_line};
use super::Start;
use super::candidate::{Candidate, is_a_name, names};
use super::lines::Lines;

/// Where the dialogue starts and which lines above it are header, not turns.
pub(super) struct Header<'a> {
    /// The end of a metadata block at the top (three or more consecutive `Key: value`
    /// lines, most of whose keys are seen once, after nothing but title lines).
    block_end: Option<usize>,
    /// A legend: a roster key alone on its line (`Participants:`, `Участники:`) and the
    /// lines straight below it (`Olga S. – mother of two`), up to a blank line.
    legend: Option<(usize, usize)>,
    /// The first line of a label that recurs (and is not a header line naming a person).
    pub(super) dialogue: Option<usize>,
    /// How many `Key: value` pairs the lines above the dialogue hold.
    pairs: usize,
    /// The labels that recur, for a line that lists the speakers.
    recurring: Vec<&'a str>,
}

impl<'a> Header<'a> {
    /// Find the header of a file's lines, given which lines the rules accept.
    pub(super) fn find(lines: &Lines<'a, '_>, accepted: &[bool]) -> Header<'a> {
        let c = &lines.candidates;
        let n = c.len();
        // A metadata block at the top: all of it is header, a key that is also a
        // speaker's label (`Facilitator: Rhiannon Price`) included.
        // (Its values are values, not sentences: `Anna: I'm Anna, I work nights.` in a
        // round of introductions is speech. A title in capitals above it is a title.)
        let colon_value = |i: usize| matches!(&c[i], Some(Candidate::Colon(l)) if is_value(l.text));
        let block_end = {
            let first = (0..n).find(|&i| matches!(c[i], Some(Candidate::Colon(_))));
            match first {
                Some(f) => {
                    let end = (f..n).find(|&i| !colon_value(i)).unwrap_or(n);
                    let once = (f..end).filter(|&i| lines.per_line[i] < 2).count();
                    let rest_recurs = (end..n).any(|i| accepted[i] && lines.per_line[i] >= 2);
                    (end - f >= 3 && once >= 2 && 2 * once >= end - f && rest_recurs).then_some(end)
                }
                None => None,
            }
        };
        let legend = (0..n)
            .find(|&i| {
                matches!(&c[i], Some(Candidate::Colon(l)) if l.text.trim().is_empty() && is_roster(l.label))
            })
            .map(|k| {
                // (It ends at a blank line, or at a line that reads as speech.)
                let end = (k + 1..n)
                    .find(|&j| {
                        lines.body[j].1.trim().is_empty()
                            || matches!(&c[j], Some(Candidate::Colon(l)) if !is_value(l.text))
                    })
                    .unwrap_or(n);
                (k, end)
            })
            // (Above the dialogue: a roster at the end or in the middle is not one.)
            .filter(|&(k, _)| !(0..k).any(|i| accepted[i] && lines.per_line[i] >= 2))
            .filter(|&(k, end)| {
                (k + 2..=k + 13).contains(&end)
                    && (k + 1..end).all(|j| lines.body[j].1.split_whitespace().count() <= 12)
            });
        let mut h = Header {
            block_end,
            legend,
            dialogue: None,
            pairs: 0,
            recurring: lines.recurring_labels().collect(),
        };
        let start = block_end.unwrap_or(0).max(legend.map_or(0, |(_, e)| e));
        h.dialogue = (start..n)
            .find(|&i| accepted[i] && lines.per_line[i] >= 2 && !h.names_a_person(lines, i));
        // (A line of several `Key: value` pairs counts as that many.)
        h.pairs = h.dialogue.map_or(0, |d| {
            (0..d)
                .filter(|&i| h.in_preamble(lines, i))
                .map(|i| match &c[i] {
                    Some(Candidate::Colon(l)) => 1 + more_pairs(l.text).count(),
                    _ => 1,
                })
                .sum()
        });
        h
    }

    /// Whether line `i` is header, not a turn. A header has two pairs or more above
    /// the dialogue; one alone may be the first speaker's only turn, unless it lists
    /// the speakers (`Speakers: Hannah (UX researcher), Kofi (participant, 34)`).
    pub(super) fn is_header(&self, lines: &Lines<'a, '_>, i: usize) -> bool {
        let Some(c) = &lines.candidates[i] else {
            return false;
        };
        self.block_end.is_some_and(|e| i < e)
            || self.legend.is_some_and(|(k, e)| (k..e).contains(&i))
            || (self.dialogue.is_some_and(|d| i < d)
                && self.in_preamble(lines, i)
                && (self.pairs >= 2 || self.names_speakers(c) || is_roster(c.label())))
    }

    /// `Interviewer: Elin Haf` above the first turn names the interviewer: a header
    /// line, though its label recurs as a speaker's.
    /// (Not a greeting that names one of the file's speakers: `Interviewer: Good
    /// Morning Maria` above `Maria: ...` is the first turn.)
    fn names_a_person(&self, lines: &Lines<'a, '_>, i: usize) -> bool {
        // (Or names one and goes on to the next pair: `Moderadora: Lucía Ferrán ·
        // Observadora: Inés Calvo`.)
        matches!(&lines.candidates[i], Some(Candidate::Colon(l))
            if (is_a_name(l.text)
                || (is_a_name(first_value(l.text)) && more_pairs(l.text).next().is_some()))
                && !lines.recurring_labels().any(|r| names(l.text, r)))
    }

    /// A `Key: value` line that may be header: its key seen once (or naming a person),
    /// its text not a sentence running on to the next line (`THE CHAIR:  Good
    /// morning.  Mr Hale, your` / `first witness.` is speech).
    fn in_preamble(&self, lines: &Lines<'a, '_>, i: usize) -> bool {
        let Some(Candidate::Colon(l)) = &lines.candidates[i] else {
            return false;
        };
        let text = l.text.trim_end();
        let runs_on = text.split_whitespace().count() >= 4
            && text.ends_with(|c: char| c.is_alphabetic() || c == ',')
            && lines.speech_below(i);
        (lines.per_line[i] < 2 || self.names_a_person(lines, i)) && !runs_on
    }

    /// A line whose value names two of the file's recurring speakers.
    fn names_speakers(&self, c: &Candidate<'_>) -> bool {
        match c {
            Candidate::Colon(l) => {
                self.recurring
                    .iter()
                    .filter(|r| **r != l.label && names(l.text, r))
                    .count()
                    >= 2
            }
            Candidate::Header(_) | Candidate::Caps(_) => false,
        }
    }
}

/// A key that lists who was there, as minutes, hearings and focus-group records head
/// their text (`Present: Judge Okonkwo; Dr Marsh; ...`): never a speaker above the
/// dialogue.
fn is_roster(label: &str) -> bool {
    const ROSTER: &[&str] = &[
        "present",
        "also present",
        "in attendance",
        "attendees",
        "attending",
        "apologies",
        "participants",
        "speakers",
        "panel",
        "members present",
        "participantes",
        "partecipanti",
        "teilnehmer",
        "teilnehmende",
        "anwesend",
        "deelnemers",
        "aanwezig",
        "deltagare",
        "uczestnicy",
        "участники",
        "учасники",
        "присутствовали",
        "συμμετέχοντες",
    ];
    let label = label.to_lowercase();
    ROSTER.iter().any(|r| label == *r)
}

/// Whether a label's text reads as a header's value, not speech: eight words or
/// fewer, not ending a sentence.
fn is_value(text: &str) -> bool {
    let t = text.trim_end();
    t.split_whitespace().count() <= 8 && !t.ends_with(['.', '!', '?', '…'])
}

/// A header line's `Key: value` pairs, its own first.
pub(super) fn pairs<'a>(l: &LabelLine<'a>) -> impl Iterator<Item = (&'a str, &'a str)> {
    std::iter::once((l.label, first_value(l.text)))
        .chain(more_pairs(l.text).map(|p| (p.label, first_value(p.text))))
}

/// The `Key: value` pairs a metadata line's value holds after its own, each after a
/// `|`, `;`, `,`, `·`, `•`, tab, wide gap or full stop (`Dr Lena Fischer | Participant:
/// Senior Nurse`: one).
fn more_pairs(text: &str) -> impl Iterator<Item = LabelLine<'_>> {
    // (And after a sentence's end: `Marlow Road Family Centre. Facilitator: C. Obi.`)
    text.split(['|', ';', '\t', ',', '·', '•'])
        .flat_map(|part| part.split("  "))
        .flat_map(|part| part.split(". "))
        .skip(1)
        .filter_map(|part| label_line(part.trim_start()))
}

/// A metadata line's first value, without the pairs after it.
fn first_value(text: &str) -> &str {
    text.split(['|', ';', '\t', '·', '•'])
        .next()
        .and_then(|v| v.split("  ").next())
        .unwrap_or("")
}

/// The speaker labels that the file's header names as its interviewers
/// (`Interviewer: Dr Lena Fischer` above `Lena Fischer [00:00:03]: ...`, or a legend,
/// `Speakers: KB = interviewer; SA = ...`).
pub(super) fn named_interviewers<'a>(
    preamble: &[(&str, &str)],
    starts: &[Option<Start<'a>>],
) -> Vec<&'a str> {
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
        // (`N/A`, `-`, an initial alone: no one's name.)
        names.extend(
            value
                .split([',', '&'])
                .flat_map(|n| n.split(" and "))
                .map(|n| n.trim().to_lowercase())
                .filter(|n| n.chars().filter(|c| c.is_alphabetic()).count() >= 2 && n != "n/a"),
        );
    }
    let mut found: Vec<&'a str> = Vec::new();
    if names.is_empty() {
        return found;
    }
    // The file's participant labels: naming every one of them an interviewer would
    // leave the file with no participant, which is a misreading, not a header.
    let mut participants: Vec<&str> = starts
        .iter()
        .flatten()
        .map(|s| s.label)
        .filter(|l| !super::super::label::is_default_interviewer(l))
        .collect();
    participants.sort_unstable();
    participants.dedup();
    for s in starts.iter().flatten() {
        let label = s.label.to_lowercase();
        let named = names
            .iter()
            .any(|n| *n == label || n.ends_with(&format!(" {label}")));
        if named && !found.contains(&s.label) {
            found.push(s.label);
        }
    }
    if participants.iter().all(|p| found.contains(p)) {
        found.clear();
    }
    found
}
