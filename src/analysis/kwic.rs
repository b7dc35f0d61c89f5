//! Keyword in context: every occurrence of a word or phrase in a text, whole words,
//! regardless of case, with a trailing `*` for any ending, and N words either side.

use regex::Regex;

use crate::error::{Error, Problem, Result};

/// A compiled kwic term.
#[derive(Debug, Clone)]
pub struct Matcher {
    re: Regex,
}

/// One occurrence: the words before, the matched text, the words after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub left: String,
    pub keyword: String,
    pub right: String,
    /// Byte offset of the keyword in the segment text.
    pub offset: usize,
}

impl Matcher {
    /// `stigma*`, `bus`, `public transport`: words separated by any non-word
    /// characters in the text (spaces, line breaks, hyphens).
    pub fn new(term: &str) -> Result<Matcher> {
        let words: Vec<&str> = term.split_whitespace().collect();
        if words.is_empty() || words.iter().all(|w| w.trim_matches('*').is_empty()) {
            return Err(Error::input(Problem::general(
                "the kwic term is empty: give a word or a phrase",
            )));
        }
        let parts: Vec<String> = words
            .iter()
            .map(|w| {
                let (stem, star) = match w.strip_suffix('*') {
                    Some(s) => (s, true),
                    None => (*w, false),
                };
                // A typed apostrophe matches the typographic one too.
                let stem = regex::escape(stem).replace(['\'', '’'], "['’]");
                if star { format!(r"{stem}\w*") } else { stem }
            })
            .collect();
        let pattern = format!(r"(?i)\b{}\b", parts.join(r"\W+"));
        let re = Regex::new(&pattern)
            .map_err(|e| Error::input(Problem::general(format!("bad kwic term: {e}"))))?;
        Ok(Matcher { re })
    }

    /// Every occurrence in `text` with `window` words of context each side.
    pub fn lines(&self, text: &str, window: usize) -> Vec<Line> {
        self.re
            .find_iter(text)
            .map(|m| {
                // Punctuation glued to the keyword ("bus." or "(bus") does not use up a word.
                let (before, after) = (&text[..m.start()], &text[m.end()..]);
                let glued_left =
                    usize::from(!before.is_empty() && !before.ends_with(char::is_whitespace));
                let glued_right =
                    usize::from(!after.is_empty() && !after.starts_with(char::is_whitespace));
                // From the keyword back: a hit costs its window, not the text before it.
                let mut left: Vec<&str> = before
                    .split_whitespace()
                    .rev()
                    .take(window + glued_left)
                    .collect();
                left.reverse();
                let left = left.join(" ");
                let right: Vec<&str> = after
                    .split_whitespace()
                    .take(window + glued_right)
                    .collect();
                Line {
                    left,
                    keyword: crate::output::flatten(m.as_str()),
                    right: right.join(" "),
                    offset: m.start(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(term: &str, text: &str, window: usize) -> Vec<(String, String, String)> {
        Matcher::new(term)
            .unwrap()
            .lines(text, window)
            .into_iter()
            .map(|l| (l.left, l.keyword, l.right))
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn whole_words_any_case() {
        assert_eq!(
            kw("bus", "The Bus was late. Business as usual; no bus.", 2),
            vec![t("The", "Bus", "was late."), t("usual; no", "bus", ".")]
        );
    }

    #[test]
    fn prefixes_and_phrases_across_lines() {
        assert_eq!(
            kw("stigma*", "It's stigmatising, the stigma.", 1),
            vec![t("It's", "stigmatising", ", the"), t("the", "stigma", ".")]
        );
        assert_eq!(
            kw("public transport", "no public\ntransport here", 3),
            vec![t("no", "public transport", "here")]
        );
        assert_eq!(
            kw("don't", "I don’t know", 1),
            vec![t("I", "don’t", "know")]
        );
    }

    #[test]
    fn empty_term_is_an_error() {
        assert!(Matcher::new("  ").is_err());
        assert!(Matcher::new("*").is_err());
    }
}
