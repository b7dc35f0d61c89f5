//! The rule engine: a codebook compiled once into a word table (keywords and proximity
//! words, exact and prefix) and one regex set (patterns and exclusions). Coding a
//! segment tokenises it once and runs the set once; match positions are then located
//! only for the patterns that matched.

use rustc_hash::FxHashMap as HashMap;

use regex::{Regex, RegexBuilder, RegexSetBuilder};

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
    /// The patterns as their hits' evidence names them.
    pattern_names: Vec<String>,
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
    /// (One search finds which match; the regex crate's `RegexSet` without its
    /// literal prefilter.)
    sets: [regex_automata::meta::Regex; 2],
    /// The same patterns as one search for whether any matches at all, with the literal
    /// prefilter the set goes without: most segments match none, and are passed over at
    /// the prefilter's speed.
    any: [regex_automata::meta::Regex; 2],
    regexes: Vec<([Regex; 2], RegexUse)>,
    /// Which tokens of a text whose letters are ASCII are worth looking up (by their
    /// first three characters); `None` if the tables have no ASCII words.
    starts: Option<Starts>,
    /// Which themes code a participant's turn, and which an interviewer's.
    active: [Vec<bool>; 2],
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
                pattern_names: t.patterns.iter().map(|p| pattern_rule(p)).collect(),
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
            // As `RegexSetBuilder` configures it, with the prefilter off.
            let config = regex_automata::meta::Config::new()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(2 * (1 << 20))
                .match_kind(regex_automata::MatchKind::All)
                .utf8_empty(true)
                .which_captures(regex_automata::nfa::thompson::WhichCaptures::None)
                .auto_prefilter(false);
            regex_automata::meta::Builder::new()
                .configure(config)
                .syntax(
                    regex_automata::util::syntax::Config::new()
                        .case_insensitive(true)
                        .utf8(true),
                )
                .build_many(ps)
                .map_err(|_| {
                    // The regex crate's message for what does not compile.
                    let e = RegexSetBuilder::new(ps)
                        .case_insensitive(true)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .err()
                        .map_or_else(|| "too large".to_owned(), |e| e.to_string());
                    bad(format!(
                        "the codebook's patterns cannot be compiled together: {e}"
                    ))
                })
        };
        let sets = [build_set(&sources)?, build_set(&ascii)?];
        let build_any = |ps: &[String]| {
            regex_automata::meta::Builder::new()
                .configure(
                    regex_automata::meta::Config::new()
                        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                        .utf8_empty(true)
                        .which_captures(regex_automata::nfa::thompson::WhichCaptures::None),
                )
                .syntax(
                    regex_automata::util::syntax::Config::new()
                        .case_insensitive(true)
                        .utf8(true),
                )
                .build_many(ps)
                .map_err(|e| {
                    bad(format!(
                        "the codebook's patterns cannot be compiled together: {e}"
                    ))
                })
        };
        let any = [build_any(&sources)?, build_any(&ascii)?];
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
        let mut starts = Starts::new();
        let mut ascii_words = 0;
        for (w, prefix) in exact
            .keys()
            .map(|w| (w, false))
            .chain(prefixes.keys().map(|w| (w, true)))
            .filter(|(w, _)| w.is_ascii())
        {
            starts.add(w.as_bytes(), prefix);
            ascii_words += 1;
        }
        let starts = (ascii_words > 0).then_some(starts);
        let active = [Role::Participant, Role::Interviewer].map(|role| {
            themes
                .iter()
                .map(|t| match t.scope {
                    Scope::All => true,
                    Scope::Participant => role == Role::Participant,
                    Scope::Interviewer => role == Role::Interviewer,
                })
                .collect()
        });
        Ok(Engine {
            themes,
            exact,
            prefixes,
            prefix_lengths,
            sets,
            any,
            regexes,
            starts,
            active,
        })
    }

    /// The codings of one segment, themes in codebook order, hits in text order.
    pub fn code(&self, text: &str, role: Role) -> Vec<Coding> {
        let active = &self.active[usize::from(role == Role::Interviewer)];
        if !active.iter().any(|a| *a) {
            return Vec::new();
        }
        let (letters_ascii, words_ascii) = letters(text);
        let mut found = Found::default();
        if letters_ascii {
            self.words_ascii(text, active, &mut found);
        } else {
            self.words_unicode(text, active, &mut found);
        }
        let Found { mut hits, mut near } = found;
        if !near.is_empty() {
            near.sort_unstable();
            near.dedup();
            for group in near.chunk_by(|a, b| (a.theme, a.rule) == (b.theme, b.rule)) {
                let (theme, rule) = (group[0].theme, group[0].rule);
                let (words, within, desc) = &self.themes[theme].near[rule];
                let pos: Vec<(usize, usize)> = group.iter().map(|n| (n.token, n.word)).collect();
                for (a, z) in near_windows(&pos, words.len(), *within) {
                    hits.push((theme, group[a].start, group[z].end, desc.as_str()));
                }
            }
        }
        let mut excluded: Vec<(usize, usize, usize)> = Vec::new();
        let k = usize::from(words_ascii);
        if !self.regexes.is_empty() && self.any[k].is_match(text) {
            let set = &self.sets[k];
            let mut matched = regex_automata::PatternSet::new(set.pattern_len());
            set.which_overlapping_matches(&regex_automata::Input::new(text), &mut matched);
            for idx in matched.iter().map(|p| p.as_usize()) {
                let (res, u) = &self.regexes[idx];
                let re = &res[k];
                match *u {
                    RegexUse::Pattern { theme, rule } if active[theme] => {
                        let desc = self.themes[theme].pattern_names[rule].as_str();
                        for m in re.find_iter(text).filter(|m| !m.is_empty()) {
                            hits.push((theme, m.start(), m.end(), desc));
                        }
                    }
                    RegexUse::Exclude { theme } if active[theme] => {
                        excluded.extend(re.find_iter(text).map(|m| (theme, m.start(), m.end())));
                    }
                    _ => {}
                }
            }
        }
        if hits.is_empty() {
            return Vec::new();
        }
        hits.retain(|&(theme, s, e, _)| {
            !excluded
                .iter()
                .any(|&(t, xs, xe)| t == theme && xs <= s && e <= xe)
        });
        hits.sort_unstable();
        let mut out = Vec::new();
        for hs in hits.chunk_by(|a, b| a.0 == b.0) {
            let theme = hs[0].0;
            // The rule's minimum counts every hit, duplicates included.
            if hs.len() < self.themes[theme].min_hits {
                continue;
            }
            // Character offsets counted once along the text (hits are in order of their
            // start), not from the segment's start for every hit.
            let (mut at_byte, mut at_char) = (0usize, 0usize);
            let mut hits = Vec::with_capacity(hs.len());
            let mut last = None;
            for &(_, s, e, rule) in hs {
                if last == Some((s, e, rule)) {
                    continue;
                }
                last = Some((s, e, rule));
                at_char += text[at_byte..s].chars().count();
                at_byte = s;
                hits.push(Hit {
                    rule: rule.to_owned(),
                    text: text[s..e].to_owned(),
                    start: at_char,
                    end: at_char + text[s..e].chars().count(),
                });
            }
            out.push(Coding { theme, hits });
        }
        out
    }

    /// The entries of the word tables a token (lowercased) meets: its exact entry, then
    /// those of its prefixes, shortest first.
    fn lookup<'e>(&'e self, word: &str, mut each: impl FnMut(&'e [Entry])) {
        if let Some(es) = self.exact.get(word) {
            each(es);
        }
        if self.prefix_lengths.is_empty() {
            return;
        }
        // The byte ends of the word's first 1, 2, ... characters, at the lengths some
        // prefix has.
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
                each(es);
            }
        }
    }

    /// What the `i`th token's table entries find, for the themes active: a keyword
    /// where its words run on from the token (`phrase_end`: the end of the phrase), a
    /// proximity rule's word at the token.
    fn record<'e>(
        &'e self,
        entries: &'e [Entry],
        active: &[bool],
        found: &mut Found<'e>,
        i: usize,
        tok: Token,
        phrase_end: impl Fn(&Keyword) -> Option<usize>,
    ) {
        for e in entries {
            match *e {
                Entry::Keyword { theme, rule } if active[theme] => {
                    let (kw, desc) = &self.themes[theme].keywords[rule];
                    if let Some(end) = phrase_end(kw) {
                        found.hits.push((theme, tok.start, end, desc.as_str()));
                    }
                }
                Entry::NearWord { theme, rule, word } if active[theme] => {
                    found.near.push(NearAt {
                        theme,
                        rule,
                        token: i,
                        word,
                        start: tok.start,
                        end: tok.end,
                    });
                }
                _ => {}
            }
        }
    }

    /// Keywords and proximity words, on a text with letters outside ASCII: every token
    /// looked up.
    fn words_unicode<'e>(&'e self, text: &str, active: &[bool], found: &mut Found<'e>) {
        let toks = tokens(text);
        let lower = lowercase(text);
        for (i, tok) in toks.iter().enumerate() {
            self.lookup(&lower[tok.start..tok.end], |entries| {
                self.record(entries, active, found, i, *tok, |kw| {
                    phrase_at(text, &lower, &toks, i, kw)
                });
            });
        }
    }

    /// Keywords and proximity words, on a text whose letters and digits are all ASCII:
    /// one pass over its bytes finds the tokens (runs of ASCII letters and digits), and
    /// only those whose first characters some word of the tables begins with are looked
    /// up, as [`Engine::words_unicode`] would look up every token.
    fn words_ascii<'e>(&'e self, text: &str, active: &[bool], found: &mut Found<'e>) {
        let Some(starts) = &self.starts else { return };
        let bytes = text.as_bytes();
        let mut lower = String::new();
        // Tokens before the one at `p` (proximity rules count words).
        let mut token = 0usize;
        // Token starts found 64 bytes at a time: a bit per letter or digit, a start
        // where one follows anything else (no branch per byte).
        let mut before = 0u64;
        for (chunk, block) in bytes.chunks(64).enumerate() {
            let mut word = 0u64;
            for (i, &b) in block.iter().enumerate() {
                word |= u64::from(KEY_OF[usize::from(b)] != KEY_END as u8) << i;
            }
            let mut begins = word & !((word << 1) | before);
            before = word >> 63;
            while begins != 0 {
                let p = chunk * 64 + begins.trailing_zeros() as usize;
                begins &= begins - 1;
                let i = token;
                token += 1;
                if !starts.may_begin(bytes, p) {
                    continue;
                }
                let end = p + bytes[p..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - p);
                self.token_ascii(text, active, found, &mut lower, i, Token { start: p, end });
            }
        }
    }

    /// A token of [`Engine::words_ascii`], the `i`th of the text, looked up.
    fn token_ascii<'e>(
        &'e self,
        text: &str,
        active: &[bool],
        found: &mut Found<'e>,
        lower: &mut String,
        i: usize,
        tok: Token,
    ) {
        lower.clear();
        lower.push_str(&text[tok.start..tok.end]);
        lower.make_ascii_lowercase();
        self.lookup(lower, |entries| {
            self.record(entries, active, found, i, tok, |kw| {
                ascii_phrase_at(text, tok, kw)
            });
        });
    }
}

/// The tables' ASCII words by their first three characters (ASCII letters lowercased,
/// digits, or "the word ends"): a token whose first three are not among them cannot
/// be a word of the tables nor begin with a prefix of them, and is not looked up.
struct Starts {
    /// One bit per three-character key (see [`Starts::key`]).
    bits: Vec<u64>,
}

/// Characters a key is made of: 10 digits, 26 letters, and the end of the word.
const KEY_CHARS: usize = 37;
const KEY_END: usize = 36;

impl Starts {
    fn new() -> Starts {
        Starts {
            bits: vec![0; (KEY_CHARS * KEY_CHARS * KEY_CHARS).div_ceil(64)],
        }
    }

    /// A character of a key: an ASCII letter (either case) or digit; `None` for others.
    fn char(b: u8) -> Option<usize> {
        let k = usize::from(KEY_OF[usize::from(b)]);
        (k != KEY_END).then_some(k)
    }

    fn index(k: [usize; 3]) -> usize {
        (k[0] * KEY_CHARS + k[1]) * KEY_CHARS + k[2]
    }

    fn set(&mut self, k: [usize; 3]) {
        let i = Self::index(k);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    /// A word of the tables (lowercase ASCII): `prefix` if it matches any token that
    /// begins with it, else only the token that is the word.
    fn add(&mut self, word: &[u8], prefix: bool) {
        let Some(chars) = word
            .iter()
            .map(|&b| Self::char(b))
            .collect::<Option<Vec<_>>>()
        else {
            // Not a run of letters and digits: no ASCII token is this word. (Words are
            // tokens, so this does not happen.)
            return;
        };
        let mut k = [KEY_END; 3];
        for (slot, c) in k.iter_mut().zip(&chars) {
            *slot = *c;
        }
        if !prefix || chars.len() >= 3 {
            // The token's first three characters are the word's (the end marked if
            // the word is shorter).
            self.set(k);
            return;
        }
        // A prefix of one or two characters: every key that begins with it.
        let n = chars.len();
        let mut rest = vec![[0usize; 3]];
        for pos in n..3 {
            rest = rest
                .into_iter()
                .flat_map(|r| {
                    (0..KEY_CHARS).map(move |c| {
                        let mut r = r;
                        r[pos] = c;
                        r
                    })
                })
                .collect();
        }
        for r in rest {
            let mut key = r;
            key[..n].copy_from_slice(&k[..n]);
            // A key is only ever ended once: after the end, the end again.
            if (1..3).any(|j| key[j - 1] == KEY_END && key[j] != KEY_END) {
                continue;
            }
            self.set(key);
        }
    }

    /// Whether the token that begins at `p` of `bytes` (a letter or digit there, none
    /// before it) may be a word of the tables or begin with one of their prefixes.
    fn may_begin(&self, bytes: &[u8], p: usize) -> bool {
        let key = |at: usize| {
            bytes
                .get(at)
                .map_or(KEY_END, |&b| usize::from(KEY_OF[usize::from(b)]))
        };
        let k0 = key(p);
        let k1 = key(p + 1);
        let k2 = if k1 == KEY_END { KEY_END } else { key(p + 2) };
        let i = Self::index([k0, k1, k2]);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// Each byte's character in a [`Starts`] key: [`KEY_END`] for all but ASCII letters and
/// digits.
const KEY_OF: [u8; 256] = {
    let mut t = [KEY_END as u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'0'..=b'9' => c - b'0',
            c @ b'a'..=b'z' => c - b'a' + 10,
            c @ b'A'..=b'Z' => c - b'A' + 10,
            _ => KEY_END as u8,
        };
        b += 1;
    }
    t
};

/// What the word tables found in a segment: hits (theme, byte start, byte end, rule),
/// and the proximity words seen.
#[derive(Default)]
struct Found<'e> {
    hits: Vec<(usize, usize, usize, &'e str)>,
    near: Vec<NearAt>,
}

/// A proximity rule's word at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct NearAt {
    theme: usize,
    rule: usize,
    token: usize,
    word: usize,
    start: usize,
    end: usize,
}

/// Whether the letters and digits of `text` are all ASCII (its other characters may be
/// anything), and whether its word characters are (see `ascii_words`): one pass.
fn letters(text: &str) -> (bool, bool) {
    if text.is_ascii() {
        return (true, true);
    }
    let (mut letters, mut words) = (true, true);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        letters &= !c.is_alphanumeric();
        words &= ascii_word_char(c);
        if !letters && !words {
            break;
        }
    }
    (letters, words)
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
#[cfg(test)]
fn ascii_words(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii() || ascii_word_char(c))
}

/// A non-ASCII character that is not a word character by any reading of `\w`.
fn ascii_word_char(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{BF}' | '\u{D7}' | '\u{F7}' | '\u{2000}'..='\u{206F}')
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

/// [`phrase_at`] on a text whose letters and digits are all ASCII, without its tokens:
/// the words after the first are read from the text as the phrase needs them.
fn ascii_phrase_at(text: &str, first: Token, kw: &Keyword) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut prev = first;
    let mut lower = String::new();
    for w in 1..kw.words.len() {
        let start = prev.end
            + bytes[prev.end..]
                .iter()
                .position(u8::is_ascii_alphanumeric)?;
        let end = start
            + bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - start);
        lower.clear();
        lower.push_str(&text[start..end]);
        lower.make_ascii_lowercase();
        if !kw.gaps[w - 1].matches(&text[prev.end..start]) || !kw.word_matches(w, &lower) {
            return None;
        }
        prev = Token { start, end };
    }
    Some(prev.end)
}

/// Non-overlapping minimal windows (the indices in `pos` of their first and last word)
/// holding every one of `n` words within `within` words of each other. `pos`: (token
/// index, word), sorted.
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
                out.push((left, right));
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

    /// The ASCII path (tokens filtered by their first characters) finds what looking up
    /// every token finds: short words, one- and two-letter prefixes, phrases, digits,
    /// proximity words counted by token.
    #[test]
    fn ascii_tokens_found_as_every_token_looked_up() {
        let t = "[[theme]]\nid = \"a\"\nkeywords = [\"in\", \"on the bus\", \"a*\", \"st*\", \"the\", \"x\", \"4x4\", \"hi-vis\", \"stigma*\", \"caña\"]\nnear = [{ all = [\"worker\", \"ch*\"], within = 3 }, { all = [\"b*\", \"in\"], within = 2 }]";
        let (_, e) = engine(t);
        let words = [
            "in",
            "inside",
            "on",
            "the",
            "bus",
            "a",
            "an",
            "apple",
            "st",
            "stop",
            "s",
            "x",
            "xx",
            "4x4",
            "4X4",
            "hi",
            "vis",
            "Stigma",
            "stigmatised",
            "THE",
            "then",
            "worker",
            "ch",
            "change",
            "b",
            "In",
            "ON",
            "tHe",
            "Bus",
            "caña",
            "9",
            "",
        ];
        let seps = [
            " ", "  ", "-", ", ", "\n", "\u{2019}", "_", ". ", "'", "\u{a0}",
        ];
        let mut seed = 12345u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(14) {
                text.push_str(words[next(words.len())]);
                text.push_str(seps[next(seps.len())]);
            }
            if !letters(&text).0 {
                continue;
            }
            let active = [true];
            let (mut a, mut u) = (Found::default(), Found::default());
            e.words_ascii(&text, &active, &mut a);
            e.words_unicode(&text, &active, &mut u);
            assert_eq!(a.hits, u.hits, "{text:?}");
            assert_eq!(a.near, u.near, "{text:?}");
        }
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
