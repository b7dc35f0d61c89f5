//! "Only these segments" (the segments coded with a theme, for `--theme`) as a filter
//! that is never held as a list: the ids are walked once, in file order, alongside each
//! index segment's sorted dictionary of sort keys (transcript, then number: the same
//! order), and what matches is marked in one bit per document.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::InvertedIndexReader;
use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::{TermDictionary, TermStreamer};
use tantivy::{BitSet, DocId, DocSet, Score, Searcher, SegmentReader, TantivyError};

use crate::error::{Error, Result};

/// A walk over segment ids: it hands each id to its argument. File order (that of a
/// pass) is fastest; any order gives the same result.
type WalkFn = dyn Fn(&mut dyn FnMut(&str)) -> Result<()> + Send + Sync;

/// Which segments a search may return, walked when the search runs.
#[derive(Clone)]
pub struct Only(Arc<WalkFn>);

impl Only {
    pub fn walk(walk: impl Fn(&mut dyn FnMut(&str)) -> Result<()> + Send + Sync + 'static) -> Self {
        Only(Arc::new(walk))
    }

    /// Just these ids.
    pub fn ids(ids: Vec<String>) -> Self {
        Only::walk(move |each| {
            ids.iter().for_each(|id| each(id));
            Ok(())
        })
    }
}

impl std::fmt::Debug for Only {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Only(..)")
    }
}

/// The sort key of segment `number` of `transcript`: its transcript, then its number
/// zero-padded, so that keys sort in file order.
pub(super) fn sort_key(transcript: &str, number: u64) -> String {
    format!("{transcript}\u{1}{number:010}")
}

/// The sort key of a segment id (`transcript#number`), if it is one.
fn key_of(id: &str) -> Option<String> {
    let (transcript, number) = id.rsplit_once('#')?;
    let n: u64 = number.parse().ok()?;
    (n.to_string() == number).then(|| sort_key(transcript, n))
}

/// Ids walked between calls to `release`.
const RELEASE_EVERY: usize = 65_536;

/// The documents of `only`, per index segment of `searcher`, as a query. `release` is
/// called every [`RELEASE_EVERY`] ids and at the end: the dictionaries' pages read so far
/// can be handed back.
pub(super) fn docs(
    searcher: &Searcher,
    sort_key: Field,
    only: &Only,
    release: &dyn Fn(),
) -> Result<DocsQuery> {
    let err = |e: std::io::Error| Error::Index(e.to_string());
    let readers = searcher.segment_readers();
    let inverted = readers
        .iter()
        .map(|r| r.inverted_index(sort_key))
        .collect::<tantivy::Result<Vec<_>>>()
        .map_err(|e| Error::Index(e.to_string()))?;
    let mut cursors = Vec::with_capacity(readers.len());
    for (reader, ii) in readers.iter().zip(&inverted) {
        cursors.push(Cursor::new(ii, reader.max_doc()).map_err(err)?);
    }
    let mut last: Vec<u8> = Vec::new();
    let mut failed: Option<std::io::Error> = None;
    let mut walked = 0usize;
    (only.0)(&mut |id: &str| {
        if failed.is_some() {
            return;
        }
        walked += 1;
        if walked.is_multiple_of(RELEASE_EVERY) {
            release();
        }
        let Some(key) = key_of(id) else { return };
        let key = key.as_bytes();
        let back = key < last.as_slice();
        if let Err(e) = cursors.iter_mut().try_for_each(|c| c.mark(key, back)) {
            failed = Some(e);
            return;
        }
        last.clear();
        last.extend_from_slice(key);
    })?;
    release();
    if let Some(e) = failed {
        return Err(err(e));
    }
    let docs = readers
        .iter()
        .zip(cursors)
        .map(|(r, c)| (r.segment_id(), c.docs))
        .collect();
    Ok(DocsQuery {
        docs: Arc::new(docs),
    })
}

/// Terms a cursor steps over before it jumps instead.
const STEPS: usize = 16;

/// One index segment's dictionary, read in order, and the documents found so far.
struct Cursor<'a> {
    inverted: &'a InvertedIndexReader,
    terms: &'a TermDictionary,
    stream: TermStreamer<'a>,
    /// The stream is on a term (not past the end).
    on: bool,
    docs: BitSet,
}

impl<'a> Cursor<'a> {
    fn new(inverted: &'a InvertedIndexReader, max_doc: DocId) -> std::io::Result<Self> {
        let terms = inverted.terms();
        let mut stream = terms.stream()?;
        Ok(Cursor {
            inverted,
            terms,
            on: stream.advance(),
            stream,
            docs: BitSet::with_max_value(max_doc),
        })
    }

    /// Mark the documents of `key`, if this index segment has it (`back`: the key is
    /// below the last one).
    fn mark(&mut self, key: &[u8], back: bool) -> std::io::Result<()> {
        if let Some(info) = self.seek(key, back)? {
            let mut postings = self
                .inverted
                .read_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                self.docs.insert(doc);
                doc = postings.advance();
            }
        }
        Ok(())
    }

    /// Move to the first term not below `key` (from the start of the dictionary if
    /// `back`: the key is below the last one); the term's info if it is `key`. A few
    /// terms are stepped over; farther, the stream starts again at the key.
    fn seek(&mut self, key: &[u8], back: bool) -> std::io::Result<Option<TermInfo>> {
        let mut steps = 0;
        while !back && self.on && self.stream.key() < key && steps < STEPS {
            self.on = self.stream.advance();
            steps += 1;
        }
        if back || (self.on && self.stream.key() < key) {
            self.stream = self.terms.range().ge(key).into_stream()?;
            self.on = self.stream.advance();
        }
        Ok((self.on && self.stream.key() == key).then(|| self.stream.value().clone()))
    }
}

/// Matches the documents found for each index segment.
#[derive(Clone)]
pub(super) struct DocsQuery {
    docs: Arc<HashMap<SegmentId, BitSet>>,
}

impl std::fmt::Debug for DocsQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DocsQuery(..)")
    }
}

struct DocsWeight {
    docs: Arc<HashMap<SegmentId, BitSet>>,
}

impl Query for DocsQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DocsWeight {
            docs: self.docs.clone(),
        }))
    }
}

impl Weight for DocsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.docs.get(&reader.segment_id()) {
            Some(docs) => Box::new(ConstScorer::new(BitSetDocSet::from(docs.clone()), boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.docs.get(&reader.segment_id()) {
            Some(docs) if docs.contains(doc) => Ok(Explanation::new("one of the segments", 1.0)),
            _ => Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not one of the segments"
            ))),
        }
    }
}
