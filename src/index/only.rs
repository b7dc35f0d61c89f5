//! "Only these segments" (the segments coded with a theme, for `--theme`) as a filter
//! that is never held as a list: the ids are walked once, in file order, and their sort
//! keys (transcript, then number: the same order) built into a compact automaton (an
//! FST, a few bytes a segment), which each index segment's dictionary of sort keys is
//! then searched with.

use std::sync::Arc;

use memmap2::Mmap;
use tantivy::query::{AutomatonWeight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentReader};
use tantivy_fst::raw::CompiledAddr;
use tantivy_fst::{Automaton, IntoStreamer, Map, Streamer};

use crate::error::Result;
use crate::store::scratch::ScratchFst;
use crate::store::sorter::Sorter;

/// A walk over segment ids: it hands each id to its argument. File order (that of a
/// pass) is what it is built for; any order gives the same result.
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
    let mut key = String::new();
    write_sort_key(&mut key, transcript, number);
    key
}

fn write_sort_key(key: &mut String, transcript: &str, number: u64) {
    use std::fmt::Write;
    key.clear();
    let _ = write!(key, "{transcript}\u{1}{number:010}");
}

/// Write the sort key of a segment id (`transcript#number`, the number as coda writes
/// it) into `key`; false if the id is not one.
fn key_of(id: &str, key: &mut String) -> bool {
    let Some((transcript, number)) = id.rsplit_once('#') else {
        return false;
    };
    let canonical = !number.starts_with('0') || number == "0";
    match number.parse::<u64>() {
        Ok(n) if canonical && !number.starts_with('+') => {
            write_sort_key(key, transcript, n);
            true
        }
        _ => false,
    }
}

/// The sort keys of `only`'s segments as an FST in a scratch file, built as the ids
/// come when they come in file order (a segment coded with several of the themes comes
/// several times in a row). From the first id out of order on (a theme index edited by
/// hand, or read in part and then the pass), the keys go through a sorter, and the two
/// sorted lists are merged into a second FST.
fn keys(only: &Only) -> Result<Map<Mmap>> {
    let mut built = ScratchFst::new()?;
    // The last key inserted (none yet while `started` is false).
    let (mut last, mut started) = (Vec::new(), false);
    let mut unordered: Option<Sorter> = None;
    let mut failed = None;
    let mut key = String::new();
    (only.0)(&mut |id: &str| {
        if failed.is_some() || !key_of(id, &mut key) {
            return;
        }
        let key = key.as_bytes();
        let done = if let Some(rest) = &mut unordered {
            rest.push(key, &[])
        } else if !started || last.as_slice() < key {
            last.clear();
            last.extend_from_slice(key);
            started = true;
            built.insert(key, 0)
        } else if last.as_slice() > key {
            Sorter::anonymous().and_then(|mut rest| {
                rest.push(key, &[])?;
                unordered = Some(rest);
                Ok(())
            })
        } else {
            Ok(())
        };
        if let Err(e) = done {
            failed = Some(e);
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    let map = built.finish()?;
    let Some(rest) = unordered else {
        return Ok(map);
    };
    let mut rest = rest.finish()?;
    let mut merged = ScratchFst::new()?;
    let mut stream = map.keys().into_stream();
    let (mut a, mut b) = (stream.next().map(<[u8]>::to_vec), rest.next()?.map(|r| r.0));
    let mut last: Option<Vec<u8>> = None;
    loop {
        let next = match (&a, &b) {
            (None, None) => break,
            (Some(x), Some(y)) if y < x => b.take(),
            (Some(_), _) => a.take(),
            (None, Some(_)) => b.take(),
        };
        if a.is_none() {
            a = stream.next().map(<[u8]>::to_vec);
        }
        if b.is_none() {
            b = rest.next()?.map(|r| r.0);
        }
        if let Some(k) = next.filter(|k| last.as_ref() != Some(k)) {
            merged.insert(&k, 0)?;
            last = Some(k);
        }
    }
    merged.finish()
}

/// The documents of `only`: those whose sort key (in `field`) is one of its segments'.
/// `release` is called once each index segment's documents are found: the pages of the
/// dictionary and postings read to find them can be handed back.
pub(super) fn query(
    field: Field,
    only: &Only,
    release: impl Fn() + Send + Sync + 'static,
) -> Result<KeysQuery> {
    Ok(KeysQuery {
        field,
        keys: Arc::new(Keys(keys(only)?)),
        release: Arc::new(release),
    })
}

/// Matches the documents whose sort key is in the set.
#[derive(Clone)]
pub(super) struct KeysQuery {
    field: Field,
    keys: Arc<Keys>,
    release: Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for KeysQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeysQuery({} keys)", self.keys.0.len())
    }
}

impl Query for KeysQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(KeysWeight {
            inner: AutomatonWeight::<Keys>::new(self.field, self.keys.clone()),
            release: self.release.clone(),
        }))
    }
}

/// tantivy's automaton weight, which finds an index segment's documents all at once
/// when asked for its scorer; then `release`.
struct KeysWeight {
    inner: AutomatonWeight<Keys>,
    release: Arc<dyn Fn() + Send + Sync>,
}

impl Weight for KeysWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.inner.scorer(reader, boost);
        (self.release)();
        scorer
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

/// A set of keys as an automaton that accepts exactly them (as tantivy's `TermSetQuery`
/// does with the terms it is given).
struct Keys(Map<Mmap>);

impl Automaton for Keys {
    type State = Option<CompiledAddr>;

    fn start(&self) -> Self::State {
        Some(self.0.as_fst().root().addr())
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.is_some_and(|s| self.0.as_fst().node(s).is_final())
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let node = self.0.as_fst().node((*state)?);
        let t = node.find_input(byte)?;
        Some(node.transition_addr(t))
    }
}
