//! Quote extracts: for a theme and each value of an attribute, the best few coded
//! segments, one per participant before any participant gets a second, ranked by the
//! strength of the evidence, trimmed to whole sentences around it (at least
//! [`QUOTE_WORDS`] words, or the whole turn), attributed by value and participant id
//! (never by speaker label). A parent theme's section in a report can leave out the
//! segments its sub-themes' sections quote (`Selector::below`, `finish_without`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::NONE;
use crate::store::{CodingRecord, PassHeader};

/// Bounds and counts for quote selection.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub per_group: usize,
    /// Segments shorter than this are not quoted; a quote is grown to at least this
    /// many words too, when it is more than [`QUOTE_WORDS`].
    pub min_words: usize,
    /// No quote is longer (this wins over the minimum).
    pub max_words: usize,
}

/// The fewest words a quote has, unless it is its whole turn: fewer words than this
/// are seldom understood out of their context (a proximity rule's few words, one short
/// sentence).
pub const QUOTE_WORDS: usize = 12;

impl Options {
    /// How many words a quote is grown to: [`QUOTE_WORDS`] or `min_words`, within
    /// `max_words`.
    fn target(&self) -> usize {
        self.min_words.max(QUOTE_WORDS).min(self.max_words)
    }
}

/// One quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub theme: String,
    pub value: String,
    pub participant: String,
    pub segment: String,
    pub lines: (u64, u64),
    pub quote: String,
    pub attribution: String,
    /// Evidence hits in the segment (the ranking key; a person's coding counts as one).
    pub hits: usize,
}

/// A candidate quote: the ranking key (more hits, then more distinct matched words,
/// then file order) and what the quote is made from.
#[derive(Debug, Clone)]
struct Candidate {
    hits: usize,
    distinct: usize,
    order: usize,
    participant: String,
    segment: String,
    lines: (u64, u64),
    text: String,
    spans: Vec<(usize, usize)>,
}

impl Candidate {
    fn rank(&self) -> (std::cmp::Reverse<usize>, std::cmp::Reverse<usize>, usize) {
        (
            std::cmp::Reverse(self.hits),
            std::cmp::Reverse(self.distinct),
            self.order,
        )
    }
}

/// The candidates of one value: each participant's best few. Quotes go round robin
/// (each participant's best, then each one's second best, ...), so once more than
/// `per_group` participants have candidates only the `per_group` participants with the
/// best candidates can be quoted, and the others are dropped.
#[derive(Debug, Default)]
struct Group {
    participants: HashMap<String, Vec<Candidate>>,
}

/// Quotes for one theme (and its sub-themes), chosen from participant segments offered
/// one at a time in file order: memory stays bounded by `per_group` candidates per
/// participant kept, whatever the number of coded segments.
pub struct Selector {
    theme: String,
    wanted: BTreeSet<String>,
    opts: Options,
    /// How many quotes per value other sections may show that `finish_without` leaves
    /// out: so many more candidates are kept, so that leaving them out still gives
    /// the quotes a selection without them would.
    reserve: usize,
    values: BTreeMap<String, Group>,
    order: usize,
}

impl Selector {
    pub fn new(header: &PassHeader, theme: &str, opts: Options) -> Selector {
        Selector {
            theme: theme.to_owned(),
            wanted: header.with_descendants(theme).into_iter().collect(),
            opts,
            reserve: 0,
            values: BTreeMap::new(),
            order: 0,
        }
    }

    /// A selector for a report where each sub-theme of `theme` has a section of its
    /// own, before `finish_without` leaves out the segments those sections quote.
    pub fn below(header: &PassHeader, theme: &str, opts: Options) -> Selector {
        let mut s = Selector::new(header, theme, opts);
        s.reserve = opts.per_group * (s.wanted.len() - 1);
        s
    }

    /// Candidates kept per participant, and participants kept once there are too many.
    fn keep(&self) -> usize {
        self.opts.per_group + self.reserve
    }

    /// Offer a participant segment with its codings (of any theme) and the participant's
    /// value of the `by` attribute. Segments must come in file order.
    pub fn offer(
        &mut self,
        segment: &str,
        participant: &str,
        lines: (u64, u64),
        text: &str,
        codings: &[CodingRecord],
        value: &str,
    ) {
        // Evidence: character spans of hits of the wanted themes.
        let mut ev: BTreeSet<(usize, usize, String)> = BTreeSet::new();
        for c in codings.iter().filter(|c| self.wanted.contains(&c.theme)) {
            for h in &c.hits {
                ev.insert((h.start, h.end, h.text.to_lowercase()));
            }
            if c.hits.is_empty() {
                // A person's coding has no matched words: the quote starts the turn.
                ev.insert((0, 0, String::new()));
            }
        }
        if ev.is_empty() {
            return;
        }
        self.order += 1;
        if words(text) < self.opts.min_words {
            return;
        }
        let distinct = ev.iter().map(|(_, _, t)| t).collect::<BTreeSet<_>>().len();
        let cand = Candidate {
            hits: ev.len(),
            distinct,
            order: self.order,
            participant: participant.to_owned(),
            segment: segment.to_owned(),
            lines,
            text: text.to_owned(),
            spans: ev.iter().map(|(a, b, _)| (*a, *b)).collect(),
        };
        let (keep, reserve) = (self.keep(), self.reserve);
        let group = self.values.entry(value.to_owned()).or_default();
        let list = group
            .participants
            .entry(participant.to_owned())
            .or_default();
        let at = list.partition_point(|c| c.rank() < cand.rank());
        if at < keep {
            list.insert(at, cand);
            list.truncate(keep);
        }
        if group.participants.len() > 2 * keep {
            let mut best: Vec<(String, Vec<Candidate>)> = group.participants.drain().collect();
            best.sort_by(|a, b| a.1[0].rank().cmp(&b.1[0].rank()));
            best.truncate(keep);
            // Of these `keep` participants, at most `reserve` lose their best to the
            // segments left out, so at least `per_group` still have one better than
            // anything of the participants dropped: the quotes are each participant's
            // best left, one of its first `reserve + 1`.
            for (_, l) in &mut best {
                l.truncate(reserve + 1);
            }
            group.participants = best.into_iter().collect();
        }
    }

    /// The quotes, per value in sorted order (`(none)` last).
    pub fn finish(self) -> Vec<Quote> {
        self.finish_without(&BTreeSet::new())
    }

    /// The quotes of segments other than `shown` (the ids of the segments that the
    /// sections of the sub-themes quote, at most `reserve` per value), per value in
    /// sorted order (`(none)` last).
    pub fn finish_without(self, shown: &BTreeSet<String>) -> Vec<Quote> {
        let mut values: Vec<(String, Group)> = self.values.into_iter().collect();
        if let Some(i) = values.iter().position(|(v, _)| v == NONE) {
            let none = values.remove(i);
            values.push(none);
        }
        let mut out = Vec::new();
        for (value, group) in values {
            // Participants in the order of their best candidate not shown elsewhere.
            let mut lists: Vec<Vec<Candidate>> = group
                .participants
                .into_values()
                .map(|mut l| {
                    l.retain(|c| !shown.contains(&c.segment));
                    l
                })
                .filter(|l| !l.is_empty())
                .collect();
            lists.sort_by_key(|l| l[0].rank());
            let mut chosen: Vec<&Candidate> = Vec::new();
            let mut round = 0;
            while chosen.len() < self.opts.per_group {
                let mut any = false;
                for l in &lists {
                    if let Some(c) = l.get(round) {
                        any = true;
                        if chosen.len() < self.opts.per_group {
                            chosen.push(c);
                        }
                    }
                }
                if !any {
                    break;
                }
                round += 1;
            }
            for c in chosen {
                let attribution = if value == NONE {
                    format!("({})", c.participant)
                } else {
                    format!("({value}, {})", c.participant)
                };
                out.push(Quote {
                    theme: self.theme.clone(),
                    value: value.clone(),
                    participant: c.participant.clone(),
                    segment: c.segment.clone(),
                    lines: c.lines,
                    quote: trim(&c.text, &c.spans, self.opts),
                    attribution,
                    hits: c.hits,
                });
            }
        }
        out
    }
}

/// Byte ranges of the sentences of `text`: ending at . ! ? … (with any closing quotes
/// or brackets) before whitespace, or at a paragraph break.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let closer = |c: char| matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '.' | '!' | '?');
    let mut out = Vec::new();
    let mut start = None;
    // One pass, looking ahead as it goes (no copy of the text's characters).
    let mut it = text.char_indices().peekable();
    while let Some((b, c)) = it.next() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(b);
        }
        let mut end = None;
        if matches!(c, '.' | '!' | '?' | '…') {
            // The closing run (quotes, brackets, more stops) stays with the sentence.
            let mut ahead = it.clone();
            let mut run = 0;
            while ahead.peek().is_some_and(|&(_, n)| closer(n)) {
                ahead.next();
                run += 1;
            }
            match ahead.peek() {
                None => end = Some((run, text.len())),
                Some(&(nb, n)) if n.is_whitespace() => end = Some((run, nb)),
                _ => {}
            }
        } else if c == '\n' && it.peek().is_some_and(|&(_, n)| n == '\n') {
            end = Some((0, b));
        }
        if let Some((run, e)) = end {
            if let Some(s) = start.take()
                && e > s
            {
                out.push((s, e));
            }
            for _ in 0..run {
                it.next();
            }
        }
    }
    if let Some(s) = start {
        let e = text.trim_end().len();
        if e > s {
            out.push((s, e));
        }
    }
    out
}

/// Character offsets to byte offsets, in one pass over the text whatever the number of
/// spans (past the end: the text's length).
fn bytes_of(text: &str, spans_chars: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut wanted: Vec<usize> = spans_chars.iter().flat_map(|&(a, b)| [a, b]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut at: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut next = wanted.iter().peekable();
    for (i, (b, _)) in text.char_indices().enumerate() {
        while next.peek().is_some_and(|&&w| w == i) {
            at.insert(i, b);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
    }
    let byte = |c: usize| at.get(&c).copied().unwrap_or(text.len());
    spans_chars
        .iter()
        .map(|&(a, b)| (byte(a), byte(b)))
        .collect()
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whole sentences around the first evidence span, grown to the other evidence and to
/// `opts.target()` words (or the whole turn) within `max_words`; when whole sentences
/// cannot reach it, `max_words` words of the turn around the evidence. Cuts marked
/// `[...]`.
fn trim(text: &str, spans_chars: &[(usize, usize)], opts: Options) -> String {
    let spans = bytes_of(text, spans_chars);
    let sents = sentences(text);
    if sents.is_empty() {
        return String::new();
    }
    let first = spans.first().map_or(0, |s| s.0);
    let anchor = sents
        .iter()
        .position(|(_, e)| first < *e)
        .unwrap_or(sents.len() - 1);
    let wc = |a: usize, b: usize| words(&text[sents[a].0..sents[b].1]);
    if wc(anchor, anchor) > opts.max_words {
        return cut_words(
            text,
            sents[anchor],
            spans[0],
            opts.max_words,
            anchor > 0,
            anchor + 1 < sents.len(),
        );
    }
    let has_evidence = |i: usize| {
        spans
            .iter()
            .any(|(a, b)| *a < sents[i].1 && *b > sents[i].0)
    };
    let (mut a, mut b) = (anchor, anchor);
    // Take following sentences with evidence, then grow to the minimum, after before before.
    while b + 1 < sents.len() && has_evidence(b + 1) && wc(a, b + 1) <= opts.max_words {
        b += 1;
    }
    let target = opts.target();
    while wc(a, b) < target {
        if b + 1 < sents.len() && wc(a, b + 1) <= opts.max_words {
            b += 1;
        } else if a > 0 && wc(a - 1, b) <= opts.max_words {
            a -= 1;
        } else {
            break;
        }
    }
    let last = sents.len() - 1;
    if wc(a, b) < target && (a, b) != (0, last) {
        // The sentences around are too long to take whole.
        return cut_words(
            text,
            (sents[0].0, sents[last].1),
            spans[0],
            opts.max_words,
            false,
            false,
        );
    }
    let mut q = flat(&text[sents[a].0..sents[b].1]);
    if a > 0 {
        q = format!("[...] {q}");
    }
    if b + 1 < sents.len() {
        q.push_str(" [...]");
    }
    q
}

/// A sentence longer than `max` words: `max` words around the evidence. `before` and
/// `after`: whether the segment has sentences before and after this one.
fn cut_words(
    text: &str,
    sent: (usize, usize),
    span: (usize, usize),
    max: usize,
    before: bool,
    after: bool,
) -> String {
    let s = &text[sent.0..sent.1];
    let ws: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize + sent.0, w))
        .collect();
    let hit = ws
        .iter()
        .position(|(b, w)| b + w.len() > span.0)
        .unwrap_or(0);
    let start = hit
        .saturating_sub(max / 3)
        .min(ws.len().saturating_sub(max));
    let end = (start + max).min(ws.len());
    let body: Vec<&str> = ws[start..end].iter().map(|(_, w)| *w).collect();
    let lead = if start > 0 || before { "[...] " } else { "" };
    let tail = if end < ws.len() || after {
        " [...]"
    } else {
        ""
    };
    format!("{lead}{}{tail}", body.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(min: usize, max: usize) -> Options {
        Options {
            per_group: 3,
            min_words: min,
            max_words: max,
        }
    }

    #[test]
    fn sentence_splitting() {
        let t = "One two. \"Three?\" Four… five!\n\nSix seven";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(s, ["One two.", "\"Three?\"", "Four…", "five!", "Six seven"]);
        // A known limit: an abbreviation ends a sentence.
        let t = "Mr. Smith said no.";
        assert_eq!(sentences(t).len(), 2);
    }

    #[test]
    fn trims_to_whole_sentences_around_the_evidence() {
        let t = "I live far out. There is one bus a day. It costs nine pounds. My mum drives me. \
                 She works nights.";
        // Evidence: characters 25-28 (in the second sentence). At least 12 words: three
        // sentences.
        assert_eq!(
            trim(t, &[(25, 28)], opts(5, 20)),
            "[...] There is one bus a day. It costs nine pounds. My mum drives me. [...]"
        );
        // Growing to 21 words reaches the end, then takes the sentence before.
        assert_eq!(trim(t, &[(25, 28)], opts(21, 21)), t);
        // 19 words cannot be whole sentences within 20: 20 words of the turn.
        assert_eq!(
            trim(t, &[(25, 28)], opts(19, 20)),
            "I live far out. There is one bus a day. It costs nine pounds. My mum drives me. \
             She works [...]"
        );
        // --max-words below 12 wins: 9 words, which whole sentences cannot make.
        assert_eq!(
            trim(t, &[(25, 28)], opts(5, 9)),
            "[...] out. There is one bus a day. It costs [...]"
        );
    }

    fn header(themes: &[(&str, Option<&str>)]) -> PassHeader {
        PassHeader {
            pass: "auto".into(),
            kind: crate::store::passes::AUTO.into(),
            coder: None,
            codebook: crate::store::CodebookRecord {
                name: "t".into(),
                version: None,
                sha256: String::new(),
                path: "t.toml".into(),
            },
            created: String::new(),
            segments: 0,
            coded_segments: 0,
            codings: 0,
            codings_sha256: String::new(),
            themes: themes
                .iter()
                .map(|(id, parent)| crate::store::ThemeRecord {
                    id: (*id).into(),
                    label: None,
                    parent: parent.map(Into::into),
                    codings: 0,
                })
                .collect(),
        }
    }

    /// A segment coded `theme` with `hits` hits (distinct words).
    fn coded(segment: &str, theme: &str, hits: usize) -> (String, Vec<CodingRecord>) {
        let words: Vec<String> = (0..hits).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        let hits = (0..hits)
            .map(|i| crate::evidence::Hit {
                rule: "k".into(),
                text: words[i].clone(),
                start: 3 * i,
                end: 3 * i + 2,
            })
            .collect();
        (
            text,
            vec![CodingRecord {
                segment: segment.into(),
                theme: theme.into(),
                hits,
            }],
        )
    }

    /// Participants dropped while offers come (more than twice those kept) never hold
    /// a quote, and those kept keep enough candidates: leaving out the segments a
    /// sub-theme's section shows gives what a selection without them would.
    #[test]
    fn leaving_out_what_sub_themes_show_keeps_the_best_left() {
        let h = header(&[("travel", None), ("bus", Some("travel"))]);
        let opts = Options {
            per_group: 1,
            min_words: 1,
            max_words: 60,
        };
        let mut sel = Selector::below(&h, "travel", opts);
        let offers = [
            ("P1", "s1", 5),
            ("P1", "s2", 4),
            ("P2", "s3", 3),
            ("P3", "s4", 1),
            ("P4", "s5", 1),
            ("P5", "s6", 1),
            ("P6", "s7", 1),
        ];
        for (p, seg, hits) in offers {
            let (text, codings) = coded(seg, "bus", hits);
            sel.offer(seg, p, (1, 1), &text, &codings, "G");
        }
        let shown: BTreeSet<String> = ["s1".to_owned()].into();
        let qs = sel.finish_without(&shown);
        let got: Vec<&str> = qs.iter().map(|q| q.segment.as_str()).collect();
        assert_eq!(got, ["s2"]);
    }

    #[test]
    fn a_long_sentence_is_cut_around_the_evidence() {
        let t = "a b c d e f g h i j k bus l m n o p q r s t u v w x y z.";
        assert_eq!(
            trim(t, &[(22, 25)], opts(3, 6)),
            "[...] j k bus l m n [...]"
        );
    }
}
