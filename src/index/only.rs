//! "Only these segments" (the segments coded with a theme, for `--theme`): their keys
//! (ids in the project database) as a bit set, and a query that matches the documents
//! whose `key` fast field is in it. Each index segment's documents are checked once, in
//! one pass over the column: no list of terms is built or searched.

use std::sync::Arc;

use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};

use tantivy::{DocId, Score, SegmentReader, TantivyError};

/// Which segments a search may return: a bit per segment key.
#[derive(Clone, Debug)]
pub struct Only(Arc<Vec<u64>>);

impl Only {
    pub fn keys(keys: Vec<u64>) -> Self {
        let mut words: Vec<u64> = Vec::new();
        for k in keys {
            let w = (k / 64) as usize;
            if w >= words.len() {
                words.resize(w + 1, 0);
            }
            words[w] |= 1 << (k % 64);
        }
        Only(Arc::new(words))
    }

    fn contains(&self, k: u64) -> bool {
        self.0
            .get((k / 64) as usize)
            .is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

/// The documents whose fast field `field` holds a key of `only`.
#[derive(Clone, Debug)]
pub(super) struct KeysQuery {
    field: String,
    only: Only,
}

impl KeysQuery {
    pub(super) fn new(field: &str, only: Only) -> Self {
        KeysQuery {
            field: field.to_owned(),
            only,
        }
    }
}

impl Query for KeysQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for KeysQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let column = reader.fast_fields().u64(&self.field)?;
        let max = reader.max_doc();
        let mut bits = tantivy::BitSet::with_max_value(max);
        for doc in 0..max {
            if column.first(doc).is_some_and(|k| self.only.contains(k)) {
                bits.insert(doc);
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(bits), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let column = reader.fast_fields().u64(&self.field)?;
        if column.first(doc).is_some_and(|k| self.only.contains(k)) {
            Ok(Explanation::new("KeysQuery", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not one of the segments"
            )))
        }
    }
}

/// The sort key of segment `number` of `transcript`: its transcript, then its number
/// zero-padded, so that keys sort in file order.
pub(super) fn sort_key(transcript: &str, number: u64) -> String {
    format!("{transcript}\u{1}{number:010}")
}

/// The segment id (`transcript#number`) of a sort key.
pub(super) fn id_of_sort_key(key: &str) -> Option<String> {
    let (t, n) = key.rsplit_once('\u{1}')?;
    let n: u64 = n.parse().ok()?;
    Some(format!("{t}#{n}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_give_back_their_ids() {
        for (t, n) in [
            ("C01-interview", 4u64),
            ("a#b", 12),
            ("", 1),
            ("x\u{2}y", 0),
        ] {
            assert_eq!(id_of_sort_key(&sort_key(t, n)), Some(format!("{t}#{n}")));
        }
        assert!(sort_key("a", 9) < sort_key("a", 10));
    }

    #[test]
    fn keys_are_a_set() {
        let only = Only::keys(vec![0, 63, 64, 1000, 63]);
        for k in [0, 63, 64, 1000] {
            assert!(only.contains(k), "{k}");
        }
        for k in [1, 62, 65, 999, 1001, 100_000] {
            assert!(!only.contains(k), "{k}");
        }
    }
}
