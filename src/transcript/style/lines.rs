//! A file's lines as candidates, counted once: which label starts each line and how
//! often each label recurs, and the rules the file's recurring labels set.

use rustc_hash::FxHashMap;

use super::super::Speakers;
use super::super::label::{Mark, caps_name, header_line, label_line, zoom_chat};
use super::candidate::{Candidate, is_note, is_title_case, starts_like_a_label};

/// The body's lines with what each may be.
pub(super) struct Lines<'a, 'b> {
    pub(super) body: &'b [(usize, &'a str)],
    /// Per line: the turn start it may be.
    pub(super) candidates: Vec<Option<Candidate<'a>>>,
    /// Per line: how often its label starts a line of its kind in the file.
    pub(super) per_line: Vec<usize>,
    /// Each (kind, label) with how often it starts a line (labels as written: counting
    /// is on every line of every file, so it borrows rather than folds case).
    counts: FxHashMap<(bool, &'a str), usize>,
    /// Whether each distinct label is a known one (an interviewer label, a sheet id),
    /// asked once a label rather than once a line.
    known: FxHashMap<&'a str, bool>,
    /// Email header blocks (first and last line), in order.
    pub(super) mail: Vec<(usize, usize)>,
}

impl<'a, 'b> Lines<'a, 'b> {
    pub(super) fn new(body: &'b [(usize, &'a str)], speakers: &Speakers) -> Self {
        let candidates: Vec<Option<Candidate<'a>>> = body
            .iter()
            .enumerate()
            .map(|(i, &(_, l))| {
                zoom_chat(l)
                    .map(Candidate::Header)
                    .or_else(|| label_line(l).map(Candidate::Colon))
                    .or_else(|| header_line(l).map(Candidate::Header))
                    .or_else(|| caps_name(l).map(Candidate::Caps))
                    .or_else(|| {
                        name_above_indent(l, body.get(i + 1).map(|b| b.1)).map(Candidate::Caps)
                    })
            })
            .collect();
        let (candidates, mail) = without_mail_headers(candidates);
        let keys: Vec<Option<(bool, &'a str)>> = candidates
            .iter()
            .map(|c| {
                c.as_ref()
                    .map(|c| (!matches!(c, Candidate::Colon(_)), c.label()))
            })
            .collect();
        let mut counts: FxHashMap<(bool, &'a str), usize> = Default::default();
        for k in keys.iter().flatten() {
            *counts.entry(*k).or_insert(0) += 1;
        }
        let per_line = keys
            .iter()
            .map(|k| k.as_ref().map_or(0, |k| counts[k]))
            .collect();
        let known = counts
            .keys()
            .map(|&(_, l)| (l, speakers.is_known(l)))
            .collect();
        Lines {
            body,
            candidates,
            per_line,
            counts,
            known,
            mail,
        }
    }

    pub(super) fn is_known(&self, label: &str) -> bool {
        self.known.get(label).copied().unwrap_or(false)
    }

    /// The labels that start two lines or more.
    pub(super) fn recurring_labels(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.counts
            .iter()
            .filter(|(_, n)| **n >= 2)
            .map(|((_, l), _)| *l)
    }

    /// Whether the line after `i` is text of a turn (not blank, not a label).
    pub(super) fn speech_below(&self, i: usize) -> bool {
        self.body
            .get(i + 1)
            .is_some_and(|(_, l)| !l.trim().is_empty() && self.candidates[i + 1].is_none())
    }
}

/// A name in mixed case alone on its line, the speech below it indented (`Interviewer`
/// / `    Thanks for agreeing...`), as some typed transcripts set a turn out: a candidate
/// of the same shape as a name in capitals alone on its line.
fn name_above_indent<'a>(line: &'a str, next: Option<&str>) -> Option<&'a str> {
    let indented = next.is_some_and(|n| n.starts_with([' ', '\t']) && !n.trim().is_empty());
    if !indented || line.starts_with([' ', '\t']) {
        return None;
    }
    let t = line.trim_end();
    let words = t.split_whitespace().count();
    let ok = (1..=3).contains(&words)
        && t.chars().count() <= 40
        && is_title_case(t)
        && starts_like_a_label(t)
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
        && !t.ends_with('.');
    ok.then_some(t)
}

/// An email's header block (`From:`, `Sent:`, `To:`, `Subject:` on consecutive lines,
/// as a written answer forwarded by email or a quoted original message carries it) is
/// no one speaking: its lines are text, however often `From:` recurs. Returns the
/// blocks found, by first and last line.
#[allow(clippy::type_complexity)]
fn without_mail_headers(
    mut candidates: Vec<Option<Candidate<'_>>>,
) -> (Vec<Option<Candidate<'_>>>, Vec<(usize, usize)>) {
    let mut blocks = Vec::new();
    const FIELDS: &[&str] = &[
        "from",
        "sent",
        "date",
        "to",
        "cc",
        "bcc",
        "subject",
        "reply-to",
        "importance",
        "attachments",
    ];
    let field = |c: &Option<Candidate<'_>>| match c {
        Some(Candidate::Colon(l)) if l.mark == Mark::Colon => {
            FIELDS.iter().position(|f| l.label.eq_ignore_ascii_case(f))
        }
        _ => None,
    };
    let mut i = 0;
    while i < candidates.len() {
        let end = (i..candidates.len())
            .find(|&j| field(&candidates[j]).is_none())
            .unwrap_or(candidates.len());
        let fields: Vec<usize> = (i..end).filter_map(|j| field(&candidates[j])).collect();
        // (From, then a date, recipient or subject: a block of three or more.)
        if fields.len() >= 3
            && fields.contains(&0)
            && fields.iter().any(|&f| matches!(f, 1 | 2 | 3 | 6))
        {
            for c in &mut candidates[i..end] {
                *c = None;
            }
            blocks.push((i, end - 1));
        }
        i = end + 1;
    }
    (candidates, blocks)
}

/// What the file's recurring labels say about its shapes.
pub(super) struct Rules {
    /// Lowercase labels are the file's style: two or more recur (`interviewer:` /
    /// `interviewee:`), never one word that happens to.
    pub(super) lowercase: bool,
    /// Headers without a colon, marked (emphasis, a bracketed time, a wide gap): two
    /// or more lines have that shape.
    headers_marked: bool,
    /// Plain headers (`Kelly 0:03`): two or more lines, and a name recurs.
    headers_plain: bool,
    /// Names in capitals alone on their lines: four or more with speech below, two
    /// names recurring.
    caps: bool,
    /// `Q.` and `A.` both start two lines or more (one alone is a lettered list).
    qa: bool,
}

impl Rules {
    pub(super) fn of(lines: &Lines<'_, '_>) -> Rules {
        let lowercase_recurring = lines
            .counts
            .iter()
            .filter(|((header, l), n)| {
                !*header && **n >= 2 && l.split_whitespace().count() <= 2 && !starts_like_a_label(l)
            })
            .count();
        let headers = |marked: bool| {
            lines
                .candidates
                .iter()
                .flatten()
                .filter(|c| matches!(c, Candidate::Header(h) if h.marked == marked && starts_like_a_label(h.name)))
                .count()
        };
        let header_recurs = lines.candidates.iter().zip(&lines.per_line).any(|(c, &n)| {
            matches!(c, Some(Candidate::Header(h)) if !h.marked && is_title_case(h.name)) && n >= 2
        });
        let caps_lines: Vec<usize> = (0..lines.candidates.len())
            .filter(|&i| {
                matches!(lines.candidates[i], Some(Candidate::Caps(_))) && lines.speech_below(i)
            })
            .collect();
        let caps = caps_lines.len() >= 4 && {
            let mut names: FxHashMap<&str, usize> = Default::default();
            for &i in &caps_lines {
                if let Some(c) = &lines.candidates[i] {
                    *names.entry(c.label()).or_insert(0) += 1;
                }
            }
            names.values().filter(|&&n| n >= 2).count() >= 2
        };
        let dotted = |label: &str| {
            lines
                .candidates
                .iter()
                .flatten()
                .filter(|c| matches!(c, Candidate::Colon(l) if l.mark == Mark::Period && l.label == label))
                .count()
        };
        Rules {
            qa: dotted("Q") >= 2 && dotted("A") >= 2,
            lowercase: lowercase_recurring >= 2,
            headers_marked: headers(true) >= 2,
            headers_plain: headers(false) >= 2 && header_recurs,
            caps,
        }
    }

    /// Why a candidate whose label starts `n` lines is not a turn start, if it is not.
    pub(super) fn why_not(
        &self,
        lines: &Lines<'_, '_>,
        c: &Candidate<'_>,
        n: usize,
    ) -> Option<&'static str> {
        let label = c.label();
        if let Candidate::Caps(_) = c {
            return (!self.caps)
                .then_some("a name in capitals alone on its line, in a file not written that way");
        }
        if let Candidate::Colon(l) = c
            && l.mark == Mark::Period
            && !self.qa
        {
            return Some("a letter and a period, but the file has no Q. and A. turns");
        }
        if lines.is_known(label) {
            return None;
        }
        match c {
            Candidate::Caps(_) => None,
            Candidate::Header(h) => {
                let ok = if h.marked {
                    self.headers_marked && starts_like_a_label(label)
                } else {
                    self.headers_plain && is_title_case(label)
                };
                (!ok).then_some("a name and a time, but the file's headers are not in this shape")
            }
            Candidate::Colon(_) => {
                if is_note(label) {
                    return Some("a transcriber's or editor's note, not a speaker");
                }
                let words = label.split_whitespace().count();
                if !(starts_like_a_label(label) || (self.lowercase && n >= 2 && words <= 2)) {
                    return Some("starts in lowercase");
                }
                let reason = words == 1
                    || n >= 2
                    || label.chars().any(|ch| ch.is_ascii_digit())
                    || is_title_case(label);
                (!reason).then_some("several words, seen once, not in Title Case")
            }
        }
    }
}
