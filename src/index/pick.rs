//! Which documents a filter lets through, read from the index's columns: the index keeps
//! no participant attribute, only each segment's transcript, participant, speaker and
//! role as fast columns (`--where` on an attribute is resolved by the caller, from the
//! project database, into the participants or transcripts that have it).
//!
//! A string column's values are numbered per index segment in sorted order (its
//! dictionary); a selection of values becomes the set of their numbers, found in one
//! walk of the dictionary, and a document is then checked with one column read.

use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{DocId, Score, SegmentReader, TantivyError};

use super::only::Only;
use crate::transcript::Role;

/// A set of small numbers (a column's value numbers, or segment keys).
#[derive(Clone, Debug, Default)]
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub(super) fn insert(&mut self, n: u64) {
        let w = (n / 64) as usize;
        if w >= self.0.len() {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << (n % 64);
    }

    pub(super) fn contains(&self, n: u64) -> bool {
        self.0
            .get((n / 64) as usize)
            .is_some_and(|w| w & (1 << (n % 64)) != 0)
    }
}

/// How a string column's values are chosen.
#[derive(Clone, Debug)]
pub enum Values {
    /// Exactly these values (sorted, without repeats).
    Exact(Arc<Vec<String>>),
    /// Values whose lowercase form matches: a value (lowercase) or a pattern with `*`.
    Lower(Arc<Vec<LowerMatch>>),
}

impl Values {
    /// Exactly these values.
    pub fn exact(mut v: Vec<String>) -> Values {
        v.sort();
        v.dedup();
        Values::Exact(Arc::new(v))
    }
}

/// A value as the user typed it after `field:`, lowercased: whole, or with `*` standing
/// for any characters.
#[derive(Clone, Debug)]
pub struct LowerMatch {
    parts: Vec<String>,
}

impl LowerMatch {
    pub fn new(typed: &str) -> LowerMatch {
        LowerMatch {
            parts: typed.to_lowercase().split('*').map(str::to_owned).collect(),
        }
    }

    /// Whether `lower` (a value, lowercased) matches.
    pub fn matches(&self, lower: &str) -> bool {
        let [first, rest @ ..] = self.parts.as_slice() else {
            return false;
        };
        let Some(mut tail) = lower.strip_prefix(first.as_str()) else {
            return false;
        };
        let Some((last, middle)) = rest.split_last() else {
            return tail.is_empty();
        };
        for p in middle {
            match tail.find(p.as_str()) {
                Some(i) => tail = &tail[i + p.len()..],
                None => return false,
            }
        }
        tail.len() >= last.len() && tail.ends_with(last.as_str())
    }
}

/// One condition on a document's columns.
#[derive(Clone, Debug)]
pub enum Pick {
    /// The document's value of a string column (`transcript`, `participant`, `speaker`)
    /// is one of these; a document without a value does not match.
    Str(&'static str, Values),
    Role(Role),
    /// The segment's key is one of these.
    Keys(Only),
    /// Matches nothing (an unknown value of `role:`).
    Nothing,
}

/// A condition made ready for one index segment.
enum Ready {
    Str(StrColumn, Bits),
    U64(Column<u64>, u64),
    Keys(Column<u64>, Only),
    Nothing,
}

pub(super) fn role_number(role: Role) -> u64 {
    match role {
        Role::Interviewer => 0,
        Role::Participant => 1,
    }
}

fn no_column(name: &str) -> TantivyError {
    TantivyError::SchemaError(format!(
        "the index has no {name} column; run `coda reindex`"
    ))
}

/// The value numbers of `column` that `values` chooses, in one walk of its dictionary
/// (from the first exact value on, when exact).
fn numbers(column: &StrColumn, values: &Values) -> std::io::Result<Bits> {
    let mut bits = Bits::default();
    let dict = column.dictionary();
    match values {
        Values::Exact(list) => {
            let Some(first) = list.first() else {
                return Ok(bits);
            };
            let mut stream = dict.range().ge(first.as_bytes()).into_stream()?;
            let mut i = 0;
            while i < list.len() && stream.advance() {
                let key = stream.key();
                while i < list.len() && list[i].as_bytes() < key {
                    i += 1;
                }
                if i < list.len() && list[i].as_bytes() == key {
                    bits.insert(stream.term_ord());
                    i += 1;
                }
            }
        }
        Values::Lower(matches) => {
            let mut stream = dict.stream()?;
            while stream.advance() {
                let lower = String::from_utf8_lossy(stream.key()).to_lowercase();
                if matches.iter().any(|m| m.matches(&lower)) {
                    bits.insert(stream.term_ord());
                }
            }
        }
    }
    Ok(bits)
}

/// Conditions that must all hold, ready for one index segment.
pub(super) struct Check(Vec<Ready>);

impl Check {
    pub(super) fn new(picks: &[Pick], reader: &SegmentReader) -> tantivy::Result<Check> {
        let fast = reader.fast_fields();
        let mut ready = Vec::with_capacity(picks.len());
        for p in picks {
            ready.push(match p {
                Pick::Str(name, values) => {
                    let column = fast.str(name)?.ok_or_else(|| no_column(name))?;
                    let bits = numbers(&column, values)?;
                    Ready::Str(column, bits)
                }
                Pick::Role(role) => Ready::U64(fast.u64("role")?, role_number(*role)),
                Pick::Keys(only) => Ready::Keys(fast.u64("key")?, only.clone()),
                Pick::Nothing => Ready::Nothing,
            });
        }
        Ok(Check(ready))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether document `doc` meets every condition.
    pub(super) fn accepts(&self, doc: DocId) -> bool {
        self.0.iter().all(|r| match r {
            Ready::Str(column, bits) => column.term_ords(doc).any(|o| bits.contains(o)),
            Ready::U64(column, want) => column.first(doc) == Some(*want),
            Ready::Keys(column, only) => column.first(doc).is_some_and(|k| only.contains(k)),
            Ready::Nothing => false,
        })
    }
}

/// The documents that meet a condition, as a query (a `field:value` term in a user's
/// query): every document of an index segment is checked once. It scores nothing.
#[derive(Clone, Debug)]
pub(super) struct PickQuery(pub Pick);

impl Query for PickQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for PickQuery {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let check = Check::new(std::slice::from_ref(&self.0), reader)?;
        let max = reader.max_doc();
        let mut bits = tantivy::BitSet::with_max_value(max);
        for doc in 0..max {
            if check.accepts(doc) {
                bits.insert(doc);
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(bits), 0.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if Check::new(std::slice::from_ref(&self.0), reader)?.accepts(doc) {
            Ok(Explanation::new("PickQuery", 0.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_matches_whole_values_and_stars() {
        let m = |p: &str, v: &str| LowerMatch::new(p).matches(v);
        assert!(m("C03", "c03"));
        assert!(!m("C03", "c030"));
        assert!(m("c0*", "c03"));
        assert!(m("c0*", "c0"));
        assert!(!m("c0*", "b03"));
        assert!(m("*ral", "rural"));
        assert!(m("r*r*l", "rural"));
        assert!(!m("ru*ur", "rur"));
        assert!(m("*", ""));
    }
}
