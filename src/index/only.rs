//! "Only these segments" (the segments coded with a theme, for `--theme`) as a filter
//! that is never held as a list: the ids are walked once, in file order, and their sort
//! keys (transcript, then number: the same order) built into a compact automaton (an
//! FST, a few bytes a segment), which each index segment's dictionary of sort keys is
//! then searched with.

use std::sync::Arc;

use tantivy::query::{AutomatonWeight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentReader};
use tantivy_fst::raw::CompiledAddr;
use tantivy_fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};

use crate::error::{Error, Result};

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

/// The sort keys of `only`'s segments as an FST, built as the ids come when they come
/// in file order (a segment coded with several of the themes comes several times in a
/// row). Ids out of order (a theme index edited by hand, or read in part and then the
/// pass) are gathered and sorted first.
fn keys(only: &Only) -> Result<Map<Vec<u8>>> {
    let err = |e: tantivy_fst::Error| Error::Index(e.to_string());
    let mut built = MapBuilder::memory();
    // The last key inserted (none yet while `started` is false).
    let (mut last, mut started) = (Vec::new(), false);
    let mut unordered: Option<Vec<Vec<u8>>> = None;
    let mut failed = None;
    let mut key = String::new();
    (only.0)(&mut |id: &str| {
        if !key_of(id, &mut key) {
            return;
        }
        let key = key.as_bytes();
        if let Some(all) = &mut unordered {
            all.push(key.to_vec());
        } else if !started || last.as_slice() < key {
            if let Err(e) = built.insert(key, 0) {
                failed.get_or_insert(e);
            }
            last.clear();
            last.extend_from_slice(key);
            started = true;
        } else if last.as_slice() > key {
            unordered = Some(vec![key.to_vec()]);
        }
    })?;
    if let Some(e) = failed {
        return Err(err(e));
    }
    let map = Map::from_bytes(built.into_inner().map_err(err)?).map_err(err)?;
    let Some(mut all) = unordered else {
        return Ok(map);
    };
    let mut stream = map.keys().into_stream();
    while let Some(k) = stream.next() {
        all.push(k.to_vec());
    }
    all.sort_unstable();
    all.dedup();
    Map::from_iter(all.into_iter().map(|k| (k, 0))).map_err(err)
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
struct Keys(Map<Vec<u8>>);

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
