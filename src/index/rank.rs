//! The ranking collector: the best `limit` documents by score, ties in score in file
//! order (sort key), whatever the index's segment layout.
//!
//! tantivy's `TopDocs` ordered by (score, string) scores every match, because only an
//! order by score alone lets the query skip blocks that cannot enter the top (Block-WAND).
//! This collector keeps that skipping: it hands the query a threshold just below the
//! k-th best score so far, so documents that tie with it still come through, and
//! breaks ties within an index segment by the transcript's value number, then the
//! segment's number (the transcript column's dictionary is sorted, so number order is
//! name order). Only the finalists over all index segments (the limit, and whatever
//! ties with the last of them) have their transcript read as text, to order them
//! across segments: reading one is a walk through a block of the column's dictionary.
//! A filter is checked on each document the query hands over, so that the query still
//! skips what cannot rank.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::Weight;
use tantivy::{DocId, Score, SegmentReader, TantivyError};

/// A ranked document: its score, transcript, number, and `key` (the segment's database id).
pub(super) type Ranked = (Score, String, u64, u64);

/// An index segment's best documents: (score, order, key), where order is the
/// transcript's value number in the high 32 bits and the segment's number in the low;
/// and the column that turns a value number into its transcript.
pub(super) struct SegmentTop {
    transcripts: StrColumn,
    best: Vec<(Score, u64, u64)>,
}

pub(super) struct Ranking {
    pub limit: usize,
    /// What a document must meet (the filter).
    pub picks: Vec<super::pick::Pick>,
}

/// One heap entry: greater is better (higher score, then earlier in file order).
#[derive(Clone, Copy)]
struct Entry {
    score: Score,
    ord: u64,
    doc: DocId,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.ord.cmp(&self.ord))
            .then_with(|| other.doc.cmp(&self.doc))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}

/// Never used: `collect_segment` does the work (the trait asks for a segment collector).
pub(super) struct Unused;

impl SegmentCollector for Unused {
    type Fruit = Option<SegmentTop>;
    fn collect(&mut self, _doc: DocId, _score: Score) {}
    fn harvest(self) -> Option<SegmentTop> {
        None
    }
}

fn column_error(what: &str) -> TantivyError {
    TantivyError::SchemaError(format!("the index has no {what} column"))
}

impl Collector for Ranking {
    type Fruit = Vec<Ranked>;
    type Child = Unused;

    fn for_segment(&self, _: u32, _: &SegmentReader) -> tantivy::Result<Unused> {
        Ok(Unused)
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        _segment_ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<Option<SegmentTop>> {
        let k = self.limit.max(1);
        let fast = reader.fast_fields();
        let transcripts = fast
            .str("transcript")?
            .ok_or_else(|| column_error("transcript"))?;
        let numbers = fast.u64("number")?;
        let keys = fast.u64("key")?;
        let check = super::pick::Check::new(&self.picks, reader)?;
        let alive = reader.alive_bitset();
        let mut heap: BinaryHeap<Reverse<Entry>> = BinaryHeap::with_capacity(k + 1);
        // Documents scoring above the threshold come through: just below the k-th best
        // score, so that ties with it are seen and ordered by sort key.
        let mut threshold = Score::MIN;
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if alive.is_some_and(|a| a.is_deleted(doc)) || !check.is_empty() && !check.accepts(doc)
            {
                return threshold;
            }
            let ord = match transcripts.term_ords(doc).next() {
                Some(t) => (t << 32) | numbers.first(doc).unwrap_or(0).min(u64::from(u32::MAX)),
                None => u64::MAX,
            };
            let entry = Entry { score, ord, doc };
            if heap.len() < k {
                heap.push(Reverse(entry));
            } else if heap.peek().is_some_and(|Reverse(worst)| entry > *worst) {
                heap.pop();
                heap.push(Reverse(entry));
            }
            if heap.len() == k
                && let Some(Reverse(worst)) = heap.peek()
            {
                threshold = worst.score.next_down();
            }
            threshold
        })?;
        let best = heap
            .into_iter()
            .filter_map(|Reverse(e)| Some((e.score, e.ord, keys.first(e.doc)?)))
            .collect();
        Ok(Some(SegmentTop { transcripts, best }))
    }

    fn merge_fruits(&self, fruits: Vec<Option<SegmentTop>>) -> tantivy::Result<Vec<Ranked>> {
        let k = self.limit.max(1);
        let fruits: Vec<SegmentTop> = fruits.into_iter().flatten().collect();
        let mut all: Vec<(Score, usize, u64, u64)> = fruits
            .iter()
            .enumerate()
            .flat_map(|(i, f)| f.best.iter().map(move |&(s, ord, key)| (s, i, ord, key)))
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        // The k-th best score: what scores below it cannot rank; what ties with it may.
        if let Some(&(cut, ..)) = all.get(k - 1) {
            all.retain(|e| e.0 >= cut);
        }
        let mut ranked = Vec::with_capacity(all.len());
        for (score, i, ord, key) in all {
            let mut text = String::new();
            if ord != u64::MAX {
                fruits[i].transcripts.ord_to_str(ord >> 32, &mut text)?;
            }
            ranked.push((score, text, ord & u64::from(u32::MAX), key));
        }
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| a.2.cmp(&b.2))
        });
        ranked.truncate(k);
        Ok(ranked)
    }
}
