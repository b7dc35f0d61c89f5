//! What a line may be: a candidate turn start of one shape or another, and the tests on
//! a label's words that the file's rules use.

use super::super::label::{HeaderLine, LabelLine, Mark};

/// A candidate's shape, for telling a label seen once in the file's shape from one that
/// is not (`**Note:**` in a file of plain `Name:` labels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Shape {
    pub(super) header: bool,
    pub(super) emphasis: bool,
    pub(super) timed: bool,
    /// What follows a `Label` (a colon, `Q.`'s period, a dash).
    pub(super) mark: Mark,
}

impl Shape {
    pub(super) fn describe(self) -> &'static str {
        match self.mark {
            Mark::Period => return "Q. / A.",
            Mark::Dash => return "Label - text",
            Mark::Colon => {}
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

pub(super) enum Candidate<'a> {
    Colon(LabelLine<'a>),
    Header(HeaderLine<'a>),
    /// A name in capitals alone on its line (`HOST`), the speech below.
    Caps(&'a str),
}

impl<'a> Candidate<'a> {
    pub(super) fn label(&self) -> &'a str {
        match self {
            Candidate::Colon(l) => l.label,
            Candidate::Header(h) => h.name,
            Candidate::Caps(name) => name,
        }
    }
    /// A `Label - text` line.
    pub(super) fn is_dash(&self) -> bool {
        matches!(self, Candidate::Colon(l) if l.mark == Mark::Dash)
    }

    pub(super) fn shape(&self) -> Shape {
        match self {
            Candidate::Colon(l) => Shape {
                header: false,
                emphasis: l.emphasis,
                timed: l.time_ms.is_some(),
                mark: l.mark,
            },
            Candidate::Header(h) => Shape {
                header: true,
                emphasis: h.marked,
                timed: true,
                mark: Mark::Colon,
            },
            Candidate::Caps(_) => Shape {
                header: true,
                emphasis: false,
                timed: false,
                mark: Mark::Colon,
            },
        }
    }
}

/// Whether a label's first character can start a speaker label: a capital, a digit, a
/// bracket, `#` or the `+` of a phone number, or a letter of a script without case
/// (`名前`).
pub(super) fn starts_like_a_label(label: &str) -> bool {
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
pub(super) fn is_note(label: &str) -> bool {
    let l = label.trim_end_matches('.');
    NOTES.iter().any(|n| l.eq_ignore_ascii_case(n))
}

/// Note labels, lower case (compared without regard to ASCII case, without folding
/// every label): an editor's or analyst's line among the talk, and a transcript's end
/// mark (`END - 23 mins`).
const NOTES: &[&str] = &[
    "note",
    "notes",
    "nb",
    "n.b",
    "ps",
    "comment",
    "editor's note",
    "editor’s note",
    "transcriber's note",
    "transcriber’s note",
    "transcriber note",
    "researcher's note",
    "researcher’s note",
    "translator's note",
    "translator’s note",
    "key point",
    "key points",
    "takeaway",
    "takeaways",
    "summary",
    "reflection",
    "observation",
    "action",
    "actions",
    "follow up",
    "follow-up",
    "to follow up",
    "memo",
    "end",
    "end of interview",
    "end of recording",
    "end of transcript",
];

pub(super) fn is_title_case(label: &str) -> bool {
    label
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// Whether a label's text is a person's name and nothing else (`Elin Haf`, `Dr Lena
/// Fischer`): two to four capitalised words, no sentence punctuation.
pub(super) fn is_a_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && !text.trim_end().ends_with(['!', '?'])
}

/// Whether `text` holds `name` as whole words.
pub(super) fn names(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
