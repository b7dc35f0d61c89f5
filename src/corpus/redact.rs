//! Names to hide (`--redact FILE`, one name a line): every whole-word occurrence, in
//! any case, becomes `[NAME]` in a turn's text and speaker label before the turn is
//! stored or shown, so that the project, its index and every output never hold them.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Problem, Result};

/// What a name is replaced with.
pub const MARK: &str = "[NAME]";

/// A compiled list of names.
#[derive(Debug, Clone)]
pub struct Redactor {
    re: Option<Regex>,
    /// The file the names came from, and the SHA-256 of its bytes.
    pub path: PathBuf,
    pub sha256: String,
}

impl Redactor {
    /// The names of `path`: one a line, NFC, trimmed; empty lines and lines starting
    /// with `#` are left out. An empty file hides nothing.
    pub fn load(path: &Path) -> Result<Redactor> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            Error::input(Problem::at(
                path,
                None,
                "the names to redact are not UTF-8 text; save the file as UTF-8, one name a line",
            ))
        })?;
        let mut names: Vec<String> = text
            .trim_start_matches('\u{feff}')
            .lines()
            .map(|l| l.trim().nfc().collect::<String>())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        // Longest first, so that "Ewan Thomson" is taken whole before "Ewan".
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        names.dedup();
        let re = if names.is_empty() {
            None
        } else {
            let alts: Vec<String> = names
                .iter()
                .map(|n| {
                    let words: Vec<String> = n.split_whitespace().map(regex::escape).collect();
                    let body = words.join(r"\s+");
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    format!(
                        "{}{body}{}",
                        if word(n.chars().next()) { r"\b" } else { "" },
                        if word(n.chars().last()) { r"\b" } else { "" }
                    )
                })
                .collect();
            Some(
                regex::RegexBuilder::new(&format!("(?i)(?:{})", alts.join("|")))
                    .size_limit(64 << 20)
                    .build()
                    .map_err(|e| {
                        Error::input(Problem::at(
                            path,
                            None,
                            format!("too many names to redact: {e}"),
                        ))
                    })?,
            )
        };
        Ok(Redactor {
            re,
            path: path.to_path_buf(),
            sha256: crate::hash::sha256_hex(&bytes),
        })
    }

    /// `text` with every name replaced by `[NAME]`.
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match &self.re {
            Some(re) => re.replace_all(text, regex::NoExpand(MARK)),
            None => Cow::Borrowed(text),
        }
    }

    /// Each name found in `text`: its byte offset and the name as written there.
    pub fn find_at<'t>(&self, text: &'t str) -> Vec<(usize, &'t str)> {
        match &self.re {
            Some(re) => re
                .find_iter(text)
                .map(|m| (m.start(), m.as_str()))
                .collect(),
            None => Vec::new(),
        }
    }

    /// Redact one segment's text and speaker label in place.
    pub fn segment(&self, s: &mut super::Segment) {
        if let Cow::Owned(t) = self.apply(&s.text) {
            s.text = t;
        }
        if let Cow::Owned(t) = self.apply(&s.speaker) {
            s.speaker = t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_any_case_longest_first() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("names.txt");
        std::fs::write(&p, "# staff\nEwan\nEwan Thomson\n\nZoë\n").unwrap();
        let r = Redactor::load(&p).unwrap();
        assert_eq!(
            r.apply("EWAN THOMSON said ewan's Ewanson zoë ZOË Zoëy"),
            "[NAME] said [NAME]'s Ewanson [NAME] [NAME] Zoëy"
        );
    }
}
