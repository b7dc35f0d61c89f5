//! Quote extracts: for a theme and each value of an attribute, the best few coded
//! segments, one per participant before any participant gets a second, ranked by the
//! strength of the evidence, trimmed to whole sentences around it, attributed by value
//! and participant id (never by speaker label).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{NONE, Study};

/// Bounds and counts for quote selection.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub per_group: usize,
    pub min_words: usize,
    pub max_words: usize,
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
    /// Evidence hits in the segment (the ranking key).
    pub hits: usize,
}

/// Quotes for `theme` (and its sub-themes), per value of `by` in sorted order.
pub fn quotes(study: &Study<'_>, theme: &str, by: &str, opts: Options) -> Vec<Quote> {
    let wanted: BTreeSet<String> = study.header.with_descendants(theme).into_iter().collect();
    // Evidence per segment: character spans of hits of the wanted themes.
    let mut evidence: HashMap<&str, BTreeSet<(usize, usize, String)>> = HashMap::new();
    for c in study.codings.iter().filter(|c| wanted.contains(&c.theme)) {
        let e = evidence.entry(c.segment.as_str()).or_default();
        for h in &c.hits {
            e.insert((h.start, h.end, h.text.to_lowercase()));
        }
    }
    // Candidates per value, ranked: more hits, then more distinct matched words, then file order.
    let mut by_value: BTreeMap<String, Vec<(usize, usize, usize)>> = BTreeMap::new();
    for (order, s) in study.segments.iter().enumerate() {
        let Some(ev) = evidence.get(s.id.as_str()) else {
            continue;
        };
        if s.text.split_whitespace().count() < opts.min_words {
            continue;
        }
        let distinct = ev.iter().map(|(_, _, t)| t).collect::<BTreeSet<_>>().len();
        by_value
            .entry(study.value_of(&s.participant, by))
            .or_default()
            .push((ev.len(), distinct, order));
    }
    let mut values: Vec<String> = by_value.keys().cloned().collect();
    if let Some(i) = values.iter().position(|v| v == NONE) {
        let none = values.remove(i);
        values.push(none);
    }
    let mut out = Vec::new();
    for value in values {
        let mut cands = by_value.remove(&value).unwrap_or_default();
        cands.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        // Round robin: each participant's best, then each one's second best, ...
        let mut per_participant: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut first_rank: Vec<&str> = Vec::new();
        for (_, _, order) in &cands {
            let p = study.segments[*order].participant.as_str();
            if !per_participant.contains_key(p) {
                first_rank.push(p);
            }
            per_participant.entry(p).or_default().push(*order);
        }
        let mut chosen = Vec::new();
        let mut round = 0;
        while chosen.len() < opts.per_group {
            let mut any = false;
            for p in &first_rank {
                if let Some(&order) = per_participant[p].get(round) {
                    any = true;
                    if chosen.len() < opts.per_group {
                        chosen.push(order);
                    }
                }
            }
            if !any {
                break;
            }
            round += 1;
        }
        for order in chosen {
            let s = &study.segments[order];
            let ev = &evidence[s.id.as_str()];
            let spans: Vec<(usize, usize)> = ev.iter().map(|(a, b, _)| (*a, *b)).collect();
            let attribution = if value == NONE {
                format!("({})", s.participant)
            } else {
                format!("({value}, {})", s.participant)
            };
            out.push(Quote {
                theme: theme.to_owned(),
                value: value.clone(),
                participant: s.participant.clone(),
                segment: s.id.clone(),
                lines: s.lines,
                quote: trim(&s.text, &spans, opts),
                attribution,
                hits: ev.len(),
            });
        }
    }
    out
}

/// Byte ranges of the sentences of `text`: ending at . ! ? … (with any closing quotes
/// or brackets) before whitespace, or at a paragraph break.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if start.is_none() && !c.is_whitespace() {
            start = Some(b);
        }
        let mut end = None;
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '"' | '\'' | '’' | '”' | ')' | ']' | '.' | '!' | '?'
                )
            {
                j += 1;
            }
            if j == chars.len() || chars[j].1.is_whitespace() {
                end = Some((
                    j,
                    if j == chars.len() {
                        text.len()
                    } else {
                        chars[j].0
                    },
                ));
            }
        } else if c == '\n' && chars.get(i + 1).is_some_and(|n| n.1 == '\n') {
            end = Some((i, b));
        }
        if let Some((j, e)) = end {
            if let Some(s) = start.take()
                && e > s
            {
                out.push((s, e));
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        let e = text.trim_end().len();
        if e > s {
            out.push((s, e));
        }
    }
    out
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whole sentences around the first evidence span, grown towards `min_words` and the
/// other evidence within `max_words`; cuts marked `[...]`.
fn trim(text: &str, spans_chars: &[(usize, usize)], opts: Options) -> String {
    let byte_of = |ch: usize| text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b);
    let spans: Vec<(usize, usize)> = spans_chars
        .iter()
        .map(|(a, b)| (byte_of(*a), byte_of(*b)))
        .collect();
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
    while wc(a, b) < opts.min_words {
        if b + 1 < sents.len() && wc(a, b + 1) <= opts.max_words {
            b += 1;
        } else if a > 0 && wc(a - 1, b) <= opts.max_words {
            a -= 1;
        } else {
            break;
        }
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
        let t = "I live far out. There is one bus a day. It costs nine pounds. My mum drives me.";
        // Evidence: "bus" (characters 25-28).
        assert_eq!(
            trim(t, &[(25, 28)], opts(5, 20)),
            "[...] There is one bus a day. [...]"
        );
        assert_eq!(
            trim(t, &[(25, 28)], opts(10, 20)),
            "[...] There is one bus a day. It costs nine pounds. [...]"
        );
        // Growing to 16 words reaches the end, then takes the sentence before.
        assert_eq!(trim(t, &[(25, 28)], opts(16, 20)), t);
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
