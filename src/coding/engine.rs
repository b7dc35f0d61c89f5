//! The rule engine: a codebook compiled once into a word table (keywords and proximity
//! words, exact and prefix) and one `RegexSet` (patterns and exclusions). Coding a
//! segment tokenises it once and runs the set once; match positions are then located
//! only for the patterns that matched.

use rustc_hash::FxHashMap as HashMap;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::words::{Keyword, Token, lowercase, tokens};
use crate::codebook::{Codebook, Scope};
use crate::error::{Error, Problem, Result};
use crate::transcript::Role;

/// Compiled regexes may use this much memory each (a codebook of long alternations).
const REGEX_SIZE_LIMIT: usize = 256 << 20;

pub use crate::evidence::Hit;

/// A theme applied to a segment, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    /// Index of the theme in the codebook.
    pub theme: usize,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    Keyword {
        theme: usize,
        rule: usize,
    },
    NearWord {
        theme: usize,
        rule: usize,
        word: usize,
    },
}

#[derive(Debug, Clone, Copy)]
enum RegexUse {
    Pattern { theme: usize, rule: usize },
    Exclude { theme: usize },
}

struct ThemeRules {
    scope: Scope,
    min_hits: usize,
    keywords: Vec<(Keyword, String)>,
    near: Vec<(Vec<Keyword>, usize, String)>,
    patterns: Vec<String>,
}

/// A compiled codebook.
pub struct Engine {
    themes: Vec<ThemeRules>,
    exact: HashMap<String, Vec<Entry>>,
    prefixes: HashMap<String, Vec<Entry>>,
    /// The lengths in characters the prefixes have, ascending: a token is looked up
    /// only at those (one prefix keyword is one lookup, not one per character).
    prefix_lengths: Vec<usize>,
    /// The patterns as written, and with ASCII word boundaries.
    sets: [RegexSet; 2],
    regexes: Vec<([Regex; 2], RegexUse)>,
}

impl Engine {
    pub fn new(book: &Codebook) -> Result<Engine> {
        let mut themes = Vec::new();
        let mut exact: HashMap<String, Vec<Entry>> = HashMap::default();
        let mut prefixes: HashMap<String, Vec<Entry>> = HashMap::default();
        let mut sources = Vec::new();
        let mut uses = Vec::new();
        let bad = |m: String| Error::input(Problem::at(&book.path, None, m));
        for (ti, t) in book.themes.iter().enumerate() {
            let mut rules = ThemeRules {
                scope: t.scope,
                min_hits: t.min_hits,
                keywords: Vec::new(),
                near: Vec::new(),
                patterns: t.patterns.clone(),
            };
            for (ri, k) in t.keywords.iter().enumerate() {
                let kw = Keyword::parse(k)
                    .map_err(|e| bad(format!("theme '{}': keyword {k:?} {e}", t.id)))?;
                let table = if kw.prefix && kw.words.len() == 1 {
                    &mut prefixes
                } else {
                    &mut exact
                };
                table
                    .entry(kw.words[0].clone())
                    .or_default()
                    .push(Entry::Keyword {
                        theme: ti,
                        rule: ri,
                    });
                rules.keywords.push((kw, keyword_rule(k)));
            }
            for (ri, n) in t.near.iter().enumerate() {
                let mut words = Vec::new();
                for (wi, w) in n.all.iter().enumerate() {
                    let kw = Keyword::parse(w)
                        .and_then(Keyword::single_word)
                        .map_err(|e| bad(format!("theme '{}': near word {w:?} {e}", t.id)))?;
                    let table = if kw.prefix { &mut prefixes } else { &mut exact };
                    table
                        .entry(kw.words[0].clone())
                        .or_default()
                        .push(Entry::NearWord {
                            theme: ti,
                            rule: ri,
                            word: wi,
                        });
                    words.push(kw);
                }
                rules.near.push((words, n.within, near_rule(n)));
            }
            for (ri, p) in t.patterns.iter().enumerate() {
                sources.push(p.clone());
                uses.push(RegexUse::Pattern {
                    theme: ti,
                    rule: ri,
                });
            }
            for p in &t.exclude_patterns {
                sources.push(p.clone());
                uses.push(RegexUse::Exclude { theme: ti });
            }
            themes.push(rules);
        }
        // Two compilations of every pattern: as written, and with ASCII word boundaries.
        // The regex crate's Unicode `\b` leaves its fast DFA on any non-ASCII text, and
        // transcripts are full of curly quotes and dashes; on a text whose only non-ASCII
        // characters are such punctuation, both mean the same, so that text gets the fast
        // set (see `ascii_words`).
        let ascii: Vec<String> = sources.iter().map(|p| ascii_boundaries(p)).collect();
        let build_set = |ps: &[String]| {
            RegexSetBuilder::new(ps)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| {
                    bad(format!(
                        "the codebook's patterns cannot be compiled together: {e}"
                    ))
                })
        };
        let sets = [build_set(&sources)?, build_set(&ascii)?];
        let build = |p: &str| {
            RegexBuilder::new(p)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| bad(format!("pattern {p:?}: {e}")))
        };
        let regexes = sources
            .iter()
            .zip(&ascii)
            .zip(uses)
            .map(|((s, a), u)| Ok(([build(s)?, build(a)?], u)))
            .collect::<Result<_>>()?;
        let mut prefix_lengths: Vec<usize> = prefixes.keys().map(|p| p.chars().count()).collect();
        prefix_lengths.sort_unstable();
        prefix_lengths.dedup();
        Ok(Engine {
            themes,
            exact,
            prefixes,
            prefix_lengths,
            sets,
            regexes,
        })
    }

    /// The codings of one segment, themes in codebook order, hits in text order.
    pub fn code(&self, text: &str, role: Role) -> Vec<Coding> {
        let active: Vec<bool> = self
            .themes
            .iter()
            .map(|t| match t.scope {
                Scope::All => true,
                Scope::Participant => role == Role::Participant,
                Scope::Interviewer => role == Role::Interviewer,
            })
            .collect();
        if !active.iter().any(|a| *a) {
            return Vec::new();
        }
        let mut hits: Vec<Vec<(usize, usize, String)>> = vec![Vec::new(); self.themes.len()];
        let mut near_pos: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::default();

        let toks = tokens(text);
        let lower = lowercase(text);
        for (i, tok) in toks.iter().enumerate() {
            let mut visit = |entries: &Vec<Entry>| {
                for e in entries {
                    match *e {
                        Entry::Keyword { theme, rule } if active[theme] => {
                            let (kw, desc) = &self.themes[theme].keywords[rule];
                            if let Some(end) = phrase_at(text, &lower, &toks, i, kw) {
                                hits[theme].push((tok.start, end, desc.clone()));
                            }
                        }
                        Entry::NearWord { theme, rule, word } if active[theme] => {
                            near_pos.entry((theme, rule)).or_default().push((i, word));
                        }
                        _ => {}
                    }
                }
            };
            let word = &lower[tok.start..tok.end];
            if let Some(es) = self.exact.get(word) {
                visit(es);
            }
            if !self.prefix_lengths.is_empty() {
                // The byte ends of the word's first 1, 2, ... characters, at the
                // lengths some prefix has.
                let mut lengths = self.prefix_lengths.iter().peekable();
                for (n, (b, _)) in word
                    .char_indices()
                    .skip(1)
                    .chain(std::iter::once((word.len(), ' ')))
                    .enumerate()
                {
                    let Some(&&want) = lengths.peek() else { break };
                    if n + 1 < want {
                        continue;
                    }
                    lengths.next();
                    if let Some(es) = self.prefixes.get(&word[..b]) {
                        visit(es);
                    }
                }
            }
        }
        for ((theme, rule), mut pos) in near_pos {
            let (words, within, desc) = &self.themes[theme].near[rule];
            pos.sort_unstable();
            pos.dedup();
            for (a, z) in near_windows(&pos, words.len(), *within) {
                hits[theme].push((toks[a].start, toks[z].end, desc.clone()));
            }
        }
        let mut excluded: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.themes.len()];
        let k = usize::from(ascii_words(text));
        for idx in self.sets[k].matches(text).iter() {
            let (res, u) = &self.regexes[idx];
            let re = &res[k];
            match *u {
                RegexUse::Pattern { theme, rule } if active[theme] => {
                    let desc = pattern_rule(&self.themes[theme].patterns[rule]);
                    for m in re.find_iter(text).filter(|m| !m.is_empty()) {
                        hits[theme].push((m.start(), m.end(), desc.clone()));
                    }
                }
                RegexUse::Exclude { theme } if active[theme] => {
                    excluded[theme].extend(re.find_iter(text).map(|m| (m.start(), m.end())));
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for (theme, mut hs) in hits.into_iter().enumerate() {
            hs.retain(|(s, e, _)| !excluded[theme].iter().any(|(xs, xe)| xs <= s && e <= xe));
            if hs.is_empty() || hs.len() < self.themes[theme].min_hits {
                continue;
            }
            hs.sort();
            hs.dedup();
            // Character offsets counted once along the text (hits are in order of their
            // start), not from the segment's start for every hit.
            let (mut at_byte, mut at_char) = (0usize, 0usize);
            let hits = hs
                .into_iter()
                .map(|(s, e, rule)| {
                    at_char += text[at_byte..s].chars().count();
                    at_byte = s;
                    Hit {
                        rule,
                        text: text[s..e].to_owned(),
                        start: at_char,
                        end: at_char + text[s..e].chars().count(),
                    }
                })
                .collect();
            out.push(Coding { theme, hits });
        }
        out
    }
}

/// How a keyword rule is named in its hits' evidence (`keyword "bus"`).
fn keyword_rule(k: &str) -> String {
    format!("keyword {k:?}")
}

/// How a proximity rule is named in evidence (`near [worker, chang*] within 8`).
fn near_rule(n: &crate::codebook::Near) -> String {
    format!("near [{}] within {}", n.all.join(", "), n.within)
}

/// How a pattern rule is named in evidence (`pattern /miles? away/`).
fn pattern_rule(p: &str) -> String {
    format!("pattern /{p}/")
}

/// A theme's rules as its codings' evidence names them, in codebook order: keywords,
/// then proximity rules, then patterns (exclusions are not rules that code).
pub fn rule_names(t: &crate::codebook::Theme) -> Vec<String> {
    let mut out: Vec<String> = t.keywords.iter().map(|k| keyword_rule(k)).collect();
    out.extend(t.near.iter().map(near_rule));
    out.extend(t.patterns.iter().map(|p| pattern_rule(p)));
    let mut seen = std::collections::HashSet::new();
    out.retain(|r| seen.insert(r.clone()));
    out
}

/// Whether every word character of `text`, as the regex crate's Unicode `\w` defines it,
/// is ASCII: its non-ASCII characters are all spaces and punctuation (curly quotes,
/// dashes, ellipses, no-break spaces). Then `\b` and `(?-u:\b)` agree on it.
fn ascii_words(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii()
            || matches!(c, '\u{A0}'..='\u{BF}' | '\u{D7}' | '\u{F7}' | '\u{2000}'..='\u{206F}')
                && !matches!(
                    c,
                    '\u{AA}'
                        | '\u{B5}'
                        | '\u{BA}'
                        | '\u{200C}'
                        | '\u{200D}'
                        | '\u{203F}'
                        | '\u{2040}'
                        | '\u{2054}'
                )
    })
}

/// A pattern with `\b` and `\B` made ASCII-only (`(?-u:\b)`); escaped backslashes and
/// `\b{...}` forms are left alone.
fn ascii_boundaries(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(b @ ('b' | 'B')) if chars.peek() != Some(&'{') => {
                out.push_str("(?-u:\\");
                out.push(b);
                out.push(')');
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// If keyword `kw` matches starting at token `i`, the byte offset where the match ends.
fn phrase_at(text: &str, lower: &str, toks: &[Token], i: usize, kw: &Keyword) -> Option<usize> {
    if !kw.word_matches(0, &lower[toks[i].start..toks[i].end]) {
        return None;
    }
    for w in 1..kw.words.len() {
        let (prev, t) = (toks.get(i + w - 1)?, toks.get(i + w)?);
        if !kw.gaps[w - 1].matches(&text[prev.end..t.start])
            || !kw.word_matches(w, &lower[t.start..t.end])
        {
            return None;
        }
    }
    Some(toks[i + kw.words.len() - 1].end)
}

/// Non-overlapping minimal windows (first and last token index) holding every one of
/// `n` words within `within` words of each other. `pos`: (token index, word), sorted.
fn near_windows(pos: &[(usize, usize)], n: usize, within: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut counts = vec![0usize; n];
    let mut have = 0;
    let mut left = 0;
    for right in 0..pos.len() {
        let w = pos[right].1;
        counts[w] += 1;
        if counts[w] == 1 {
            have += 1;
        }
        while have == n {
            let (a, z) = (pos[left].0, pos[right].0);
            if z - a <= within {
                out.push((a, z));
                counts.iter_mut().for_each(|c| *c = 0);
                have = 0;
                left = right + 1;
                break;
            }
            let lw = pos[left].1;
            counts[lw] -= 1;
            if counts[lw] == 0 {
                have -= 1;
            }
            left += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn engine(toml: &str) -> (Codebook, Engine) {
        let book = Codebook::parse(&format!("name = \"t\"\n{toml}"), Path::new("t.toml")).unwrap();
        let e = Engine::new(&book).unwrap();
        (book, e)
    }

    /// (theme id, [(rule, matched text)]) for a participant turn.
    fn code(toml: &str, text: &str, role: Role) -> Vec<(String, Vec<(String, String)>)> {
        let (book, e) = engine(toml);
        e.code(text, role)
            .into_iter()
            .map(|c| {
                (
                    book.themes[c.theme].id.clone(),
                    c.hits.into_iter().map(|h| (h.rule, h.text)).collect(),
                )
            })
            .collect()
    }

    fn one(id: &str, hits: &[(&str, &str)]) -> Vec<(String, Vec<(String, String)>)> {
        vec![(
            id.to_owned(),
            hits.iter()
                .map(|(r, t)| (r.to_string(), t.to_string()))
                .collect(),
        )]
    }

    const P: Role = Role::Participant;

    #[test]
    fn keywords_are_whole_words_any_case() {
        let t = "[[theme]]\nid = \"r\"\nkeywords = [\"bus\"]";
        assert_eq!(
            code(t, "The BUS, and a bus.", P),
            one(
                "r",
                &[("keyword \"bus\"", "BUS"), ("keyword \"bus\"", "bus")]
            )
        );
        assert_eq!(code(t, "business; buses; omnibus", P), vec![]);
    }

    #[test]
    fn wildcards_match_any_ending() {
        let t = "[[theme]]\nid = \"s\"\nkeywords = [\"stigma*\"]";
        assert_eq!(
            code(t, "Stigma, stigmatised; not a stigm.", P),
            one(
                "s",
                &[
                    ("keyword \"stigma*\"", "Stigma"),
                    ("keyword \"stigma*\"", "stigmatised")
                ]
            )
        );
        let t = "[[theme]]\nid = \"s\"\nkeywords = [\"public trans*\"]";
        assert_eq!(
            code(t, "poor public\ntransport", P),
            one("s", &[("keyword \"public trans*\"", "public\ntransport")])
        );
    }

    #[test]
    fn phrases_match_across_whitespace_and_line_breaks_only() {
        let t = "[[theme]]\nid = \"c\"\nkeywords = [\"postcode lottery\", \"don't\"]";
        assert_eq!(
            code(t, "a postcode\n  lottery; I don’t know", P),
            one(
                "c",
                &[
                    ("keyword \"postcode lottery\"", "postcode\n  lottery"),
                    ("keyword \"don't\"", "don’t")
                ]
            )
        );
        assert_eq!(code(t, "postcode, lottery", P), vec![]);
    }

    #[test]
    fn unicode_words() {
        let t = "[[theme]]\nid = \"u\"\nkeywords = [\"café\", \"ÉQUIPE\"]";
        assert_eq!(
            code(t, "Au CAFÉ avec l'équipe", P),
            one(
                "u",
                &[
                    ("keyword \"café\"", "CAFÉ"),
                    ("keyword \"ÉQUIPE\"", "équipe")
                ]
            )
        );
        let (book, e) = engine(t);
        let c = e.code("naïve café", P);
        assert_eq!(
            (c[0].hits[0].start, c[0].hits[0].end),
            (6, 10),
            "character offsets, not bytes: {book:?}"
        );
    }

    #[test]
    fn patterns_are_case_insensitive_unless_they_say_so() {
        let t = "[[theme]]\nid = \"g\"\npatterns = [\"targets?\", \"(?-i)NHS\"]";
        assert_eq!(
            code(t, "Targets and the NHS, not nhs", P),
            one(
                "g",
                &[
                    ("pattern /targets?/", "Targets"),
                    ("pattern /(?-i)NHS/", "NHS")
                ]
            )
        );
    }

    #[test]
    fn proximity() {
        let t = "[[theme]]\nid = \"c\"\nnear = [{ all = [\"worker\", \"chang*\"], within = 4 }]";
        assert_eq!(
            code(t, "My worker has changed again.", P),
            one(
                "c",
                &[("near [worker, chang*] within 4", "worker has changed")]
            )
        );
        assert_eq!(
            code(
                t,
                "My worker was lovely and kind and then things changed.",
                P
            ),
            vec![]
        );
        assert_eq!(
            code(t, "Changes. The worker. Then a new worker changed it.", P),
            one(
                "c",
                &[
                    ("near [worker, chang*] within 4", "Changes. The worker"),
                    ("near [worker, chang*] within 4", "worker changed")
                ]
            )
        );
    }

    #[test]
    fn exclusions_drop_hits_inside_them() {
        let t =
            "[[theme]]\nid = \"r\"\nkeywords = [\"rural\"]\nexclude_patterns = [\"rural affairs\"]";
        assert_eq!(code(t, "The Rural Affairs committee", P), vec![]);
        assert_eq!(
            code(t, "rural affairs, and rural buses", P),
            one("r", &[("keyword \"rural\"", "rural")])
        );
    }

    #[test]
    fn scope_and_min_hits() {
        let t = "[[theme]]\nid = \"a\"\nkeywords = [\"bus\"]\n[[theme]]\nid = \"b\"\nkeywords = [\"bus\"]\nscope = \"interviewer\"\n[[theme]]\nid = \"c\"\nkeywords = [\"bus\"]\nscope = \"all\"\nmin_hits = 2";
        let ids = |text: &str, role| {
            code(t, text, role)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("the bus", Role::Participant), ["a"]);
        assert_eq!(ids("the bus", Role::Interviewer), ["b"]);
        assert_eq!(ids("bus, bus", Role::Interviewer), ["b", "c"]);
        assert_eq!(ids("bus, bus", Role::Participant), ["a", "c"]);
    }

    #[test]
    fn ascii_boundaries_only_where_they_mean_the_same() {
        assert_eq!(
            ascii_boundaries(r"\bbus\b|\\b|\Bx|\b{start}a"),
            r"(?-u:\b)bus(?-u:\b)|\\b|(?-u:\B)x|\b{start}a"
        );
        assert!(ascii_words("It’s a “bus” – really…\u{a0}ok"));
        assert!(!ascii_words("Màiri’s café"));
        // Either way, boundaries next to non-ASCII letters stay right.
        let t = "[[theme]]\nid = \"p\"\npatterns = ['\\bcaf\\b', '\\bbus\\b']";
        assert_eq!(
            code(t, "le café, the bus’s stop", P),
            one("p", &[("pattern /\\bbus\\b/", "bus")])
        );
        assert_eq!(
            code(t, "the bus’s stop", P),
            one("p", &[("pattern /\\bbus\\b/", "bus")])
        );
    }

    #[test]
    fn ten_thousand_keywords_are_one_table() {
        let kws: Vec<String> = (0..10_000).map(|i| format!("\"word{i}\"")).collect();
        let t = format!(
            "[[theme]]\nid = \"big\"\nkeywords = [{}, \"needle*\"]",
            kws.join(", ")
        );
        assert_eq!(
            code(&t, "a word9999 and needles", P),
            one(
                "big",
                &[
                    ("keyword \"word9999\"", "word9999"),
                    ("keyword \"needle*\"", "needles")
                ]
            )
        );
    }
}
