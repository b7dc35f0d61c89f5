//! Words for rule matching: a text's tokens (runs of letters and digits, lowercased,
//! with their byte offsets), and keywords (a word, a phrase, a trailing `*`).

/// One word of a text: its byte range (the same in the text and in its
/// [`lowercase`] copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// The words of `text`, in order: maximal runs of Unicode letters and digits.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// `text` lowercased with every byte offset kept, final sigma folded to σ: a character
/// whose lowercase form has another length in UTF-8 (a handful, such as 'İ' and 'ẞ')
/// is left as it is.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            // Greek final sigma is folded to σ, as Unicode case folding does, so that
            // `ΟΔΟΣ`, `οδος` and `οδός` written either way meet.
            (Some('ς'), None) => out.push('σ'),
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// What may stand between two words of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// Any run of whitespace, line breaks included.
    Space,
    /// Exactly this (an apostrophe, a hyphen), with ’ read as '.
    Exact(String),
}

impl Gap {
    pub fn matches(&self, gap: &str) -> bool {
        match self {
            Gap::Space => !gap.is_empty() && gap.chars().all(char::is_whitespace),
            Gap::Exact(g) => normalise_gap(gap) == *g,
        }
    }
}

fn normalise_gap(g: &str) -> String {
    let g = g.replace(['’', '‘'], "'");
    g.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A keyword rule: its words (lowercased), the gaps between them, and whether the last
/// word is a prefix (`stigma*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword {
    pub words: Vec<String>,
    pub gaps: Vec<Gap>,
    pub prefix: bool,
}

impl Keyword {
    pub fn parse(s: &str) -> Result<Keyword, String> {
        // Transcripts are NFC (decoded so): a keyword typed in NFD (`cafe\u{301}`) is
        // made NFC to meet them.
        let s: String = unicode_normalization::UnicodeNormalization::nfc(s).collect();
        let t = s.trim();
        if t.is_empty() {
            return Err("is empty; give a word or a phrase".into());
        }
        let (body, prefix) = match t.strip_suffix('*') {
            Some(b) => (b, true),
            None => (t, false),
        };
        if body.contains('*') {
            return Err(
                "has a `*` inside; only a trailing `*` (any word ending) is allowed".into(),
            );
        }
        if prefix && !body.chars().last().is_some_and(char::is_alphanumeric) {
            return Err("the `*` must follow a letter or digit directly (`stigma*`)".into());
        }
        let toks = tokens(body);
        let lower = lowercase(body);
        if toks.is_empty() {
            return Err("has no letters or digits".into());
        }
        let gaps = toks
            .windows(2)
            .map(|w| {
                let g = &body[w[0].end..w[1].start];
                if g.trim().is_empty() {
                    Gap::Space
                } else {
                    Gap::Exact(normalise_gap(g))
                }
            })
            .collect();
        Ok(Keyword {
            words: toks
                .iter()
                .map(|t| lower[t.start..t.end].to_owned())
                .collect(),
            gaps,
            prefix,
        })
    }

    /// For proximity rules: one word only.
    pub fn single_word(self) -> Result<Keyword, String> {
        if self.words.len() == 1 {
            Ok(self)
        } else {
            Err("must be a single word".into())
        }
    }

    /// Whether token `t` matches word `i` of the keyword.
    pub fn word_matches(&self, i: usize, t: &str) -> bool {
        if self.prefix && i + 1 == self.words.len() {
            t.starts_with(&self.words[i])
        } else {
            t == self.words[i]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_letter_and_digit_runs() {
        let text = "Don’t take the No.5 bus—Rural/urban; CAFÉ";
        let lower = lowercase(text);
        let t: Vec<&str> = tokens(text)
            .into_iter()
            .map(|t| &lower[t.start..t.end])
            .collect();
        assert_eq!(
            t,
            [
                "don", "t", "take", "the", "no", "5", "bus", "rural", "urban", "café"
            ]
        );
    }

    #[test]
    fn keywords() {
        let k = Keyword::parse("Public  Transport").unwrap();
        assert_eq!(
            (k.words.clone(), k.gaps.clone(), k.prefix),
            (
                vec!["public".to_owned(), "transport".to_owned()],
                vec![Gap::Space],
                false
            )
        );
        let k = Keyword::parse("stigma*").unwrap();
        assert!(k.prefix && k.word_matches(0, "stigmatised") && !k.word_matches(0, "stig"));
        let k = Keyword::parse("don't").unwrap();
        assert_eq!(k.gaps, vec![Gap::Exact("'".into())]);
        assert!(k.gaps[0].matches("’"));
        assert!(Keyword::parse("  ").is_err());
        assert!(Keyword::parse("st*gma").is_err());
        assert!(Keyword::parse("bus *").is_err());
        assert!(Keyword::parse("--").is_err());
    }
}
