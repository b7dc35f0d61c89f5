//! Records sorted by a byte key without holding them all: records are held up to
//! `LIMIT` bytes, then sorted and set aside in a scratch file as a run; the runs are
//! merged when read. Records with equal keys come out in the order they were pushed.
//! Once there are `FAN_IN` runs they are merged into one, so that reading never has
//! more than `FAN_IN` runs open, each a `BLOCK` at a time.
//! What a command has one of per transcript or participant (the files found, the
//! participants' attributes and transcripts) goes through one, so that its memory is
//! bounded by `LIMIT`, not by the corpus.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::os::unix::fs::FileExt;

use crate::error::{Error, Result};
use crate::store::scratch::Scratch;

/// Bytes of records held before a run is sorted and set aside.
const LIMIT: usize = 1 << 20;
/// Bytes read from a run at a time.
const BLOCK: usize = 64 << 10;
/// Runs merged at once: at most this many blocks are held while merging.
const FAN_IN: usize = 32;

/// A held record: its start, key length and value length.
type Held = (usize, u32, u32);
/// A record read from a run: key, run, value.
type Next = Reverse<(Vec<u8>, usize, Vec<u8>)>;

pub struct Sorter {
    /// Records back to back: key, then value.
    held: Vec<u8>,
    /// Each held record's start, key length and value length.
    index: Vec<Held>,
    /// Where runs go: made (with no name, in the temp folder) at the first run, unless
    /// given.
    runs: Option<Scratch>,
    /// Each run's start and end in the scratch file.
    bounds: Vec<(u64, u64)>,
    limit: usize,
}

impl Sorter {
    /// A sorter whose runs, if any, go to `runs`.
    pub fn new(runs: Scratch) -> Sorter {
        Sorter::with_limit(Some(runs), LIMIT)
    }

    fn with_limit(runs: Option<Scratch>, limit: usize) -> Sorter {
        Sorter {
            held: Vec::new(),
            index: Vec::new(),
            runs,
            bounds: Vec::new(),
            limit,
        }
    }

    /// A sorter whose runs, if it needs any, go to a scratch file with no name in the
    /// temp folder (none is made for what fits in memory).
    pub fn anonymous() -> Result<Sorter> {
        Ok(Sorter::with_limit(None, LIMIT))
    }

    pub fn push(&mut self, key: &[u8], value: &[u8]) -> Result<()> {
        let too_long = || {
            Error::io(
                &std::env::temp_dir(),
                std::io::Error::other("a record over 4 GB"),
            )
        };
        let klen = u32::try_from(key.len()).map_err(|_| too_long())?;
        let vlen = u32::try_from(value.len()).map_err(|_| too_long())?;
        if self.held.capacity() == 0 {
            // Reserved, not touched: memory is used only as records come.
            self.held.reserve_exact(self.limit.min(LIMIT));
        }
        self.index.push((self.held.len(), klen, vlen));
        self.held.extend_from_slice(key);
        self.held.extend_from_slice(value);
        if self.held.len() + self.index.len() * 16 >= self.limit {
            self.spill()?;
        }
        Ok(())
    }

    fn key(&self, &(start, klen, _): &Held) -> &[u8] {
        &self.held[start..start + klen as usize]
    }

    fn sort_held(&mut self) {
        let mut index = std::mem::take(&mut self.index);
        // Stable: equal keys stay in the order pushed.
        index.sort_by(|a, b| self.key(a).cmp(self.key(b)));
        self.index = index;
    }

    fn spill(&mut self) -> Result<()> {
        self.sort_held();
        let runs = match &mut self.runs {
            Some(runs) => runs,
            None => self.runs.insert(Scratch::anonymous()?),
        };
        let mut run = Run::default();
        for &(at, klen, vlen) in &self.index {
            let (k, v) = (klen as usize, vlen as usize);
            run.push(runs, &self.held[at..at + k], &self.held[at + k..at + k + v])?;
        }
        self.bounds.push(run.finish(runs)?);
        self.held.clear();
        self.index.clear();
        if self.bounds.len() >= FAN_IN {
            self.merge_runs()?;
        }
        Ok(())
    }

    /// Merge every run into one, written after them (the space they took is not given
    /// back until the scratch file is dropped).
    fn merge_runs(&mut self) -> Result<()> {
        let Some(runs) = self.runs.as_mut() else {
            return Ok(());
        };
        let mut readers: Vec<RunReader> = self
            .bounds
            .iter()
            .map(|&(next, end)| RunReader::new(next, end))
            .collect();
        let mut heap: BinaryHeap<Next> = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some((k, v)) = r.next(runs)? {
                heap.push(Reverse((k, i, v)));
            }
        }
        let mut run = Run::default();
        // Equal keys come out by run: in the order pushed.
        while let Some(Reverse((k, i, v))) = heap.pop() {
            run.push(runs, &k, &v)?;
            if let Some((k, v)) = readers[i].next(runs)? {
                heap.push(Reverse((k, i, v)));
            }
        }
        self.bounds = vec![run.finish(runs)?];
        Ok(())
    }

    /// Done pushing: the records in key order.
    pub fn finish(mut self) -> Result<Sorted> {
        if self.bounds.is_empty() {
            self.sort_held();
            return Ok(Sorted {
                held: Some((self.held, self.index.into_iter())),
                runs: self.runs,
                readers: Vec::new(),
                heap: BinaryHeap::new(),
            });
        }
        if !self.index.is_empty() {
            self.spill()?;
        }
        let mut sorted = Sorted {
            held: None,
            readers: self
                .bounds
                .iter()
                .map(|&(next, end)| RunReader::new(next, end))
                .collect(),
            runs: self.runs,
            heap: BinaryHeap::new(),
        };
        for i in 0..sorted.readers.len() {
            sorted.refill(i)?;
        }
        Ok(sorted)
    }
}

/// A run being written, a block at a time: a copy of the records would double the
/// memory.
#[derive(Default)]
struct Run {
    block: Vec<u8>,
    /// The run's start and end in the scratch file so far.
    span: Option<(u64, u64)>,
}

impl Run {
    fn push(&mut self, runs: &mut Scratch, key: &[u8], value: &[u8]) -> Result<()> {
        record(&mut self.block, key, value);
        if self.block.len() >= BLOCK {
            self.flush(runs)?;
        }
        Ok(())
    }

    fn flush(&mut self, runs: &mut Scratch) -> Result<()> {
        if !self.block.is_empty() {
            let spot = runs.append(&self.block)?;
            let end = spot.offset + self.block.len() as u64;
            self.span = Some((self.span.map_or(spot.offset, |s| s.0), end));
            self.block.clear();
        }
        Ok(())
    }

    /// The run's start and end.
    fn finish(mut self, runs: &mut Scratch) -> Result<(u64, u64)> {
        self.flush(runs)?;
        Ok(self.span.unwrap_or_default())
    }
}

/// The records of a [`Sorter`], in key order.
pub struct Sorted {
    /// Everything, when it was never set aside.
    held: Option<(Vec<u8>, std::vec::IntoIter<Held>)>,
    runs: Option<Scratch>,
    readers: Vec<RunReader>,
    /// Each run's next record: key, run, value. Equal keys come out by run: in the order
    /// pushed.
    heap: BinaryHeap<Next>,
}

impl Sorted {
    fn refill(&mut self, run: usize) -> Result<()> {
        let runs = self
            .runs
            .as_ref()
            .expect("there are readers only of runs written");
        if let Some((key, value)) = self.readers[run].next(runs)? {
            self.heap.push(Reverse((key, run, value)));
        }
        Ok(())
    }

    /// The next record: key and value.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
        if let Some((held, index)) = &mut self.held {
            return Ok(index.next().map(|(start, klen, vlen)| {
                let (k, v) = (klen as usize, vlen as usize);
                (
                    held[start..start + k].to_vec(),
                    held[start + k..start + k + v].to_vec(),
                )
            }));
        }
        let Some(Reverse((key, run, value))) = self.heap.pop() else {
            return Ok(None);
        };
        self.refill(run)?;
        Ok(Some((key, value)))
    }
}

/// A key that sorts by `text` (bytes), then by `n`: the text, a 0 byte (which no id,
/// file name or label holds, and which sorts before every other byte, so "a" comes before
/// "a-"), then `n` big-endian.
pub fn text_then_number(text: &[u8], n: u64) -> Vec<u8> {
    let mut key = Vec::with_capacity(text.len() + 9);
    key.extend_from_slice(text);
    key.push(0);
    key.extend_from_slice(&n.to_be_bytes());
    key
}

/// The text and number of a key made by [`text_then_number`].
pub fn split_text_then_number(key: &[u8]) -> (&[u8], u64) {
    let (text, n) = key.split_at(key.len() - 9);
    (
        text,
        u64::from_be_bytes(n[1..].try_into().expect("8 bytes")),
    )
}

/// Append a record to `out` as runs hold it (and [`Records`] reads it): key length,
/// value length, key, value.
pub fn record(out: &mut Vec<u8>, key: &[u8], value: &[u8]) {
    out.extend_from_slice(&(key.len() as u32).to_le_bytes());
    out.extend_from_slice(&(value.len() as u32).to_le_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(value);
}

/// Records appended to a scratch file a block at a time, to be read back in order.
pub struct Appender {
    scratch: Scratch,
    block: Vec<u8>,
    end: u64,
    count: usize,
}

impl Appender {
    pub fn new(scratch: Scratch) -> Appender {
        Appender {
            scratch,
            block: Vec::new(),
            end: 0,
            count: 0,
        }
    }

    /// An appender to a scratch file with no name in the temp folder.
    pub fn anonymous() -> Result<Appender> {
        Ok(Appender::new(Scratch::anonymous()?))
    }

    /// Records appended so far.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Append a record; `Ok(offset)` is where it starts, for [`Appended::at`].
    pub fn push(&mut self, key: &[u8], value: &[u8]) -> Result<u64> {
        let offset = self.end + self.block.len() as u64;
        record(&mut self.block, key, value);
        self.count += 1;
        if self.block.len() >= BLOCK {
            self.flush()?;
        }
        Ok(offset)
    }

    fn flush(&mut self) -> Result<()> {
        if !self.block.is_empty() {
            let spot = self.scratch.append(&self.block)?;
            self.end = spot.offset + u64::from(spot.len);
            self.block.clear();
        }
        Ok(())
    }

    /// Done appending: the records, to read as often as needed.
    pub fn finish(mut self) -> Result<Appended> {
        self.flush()?;
        Ok(Appended {
            scratch: self.scratch,
            end: self.end,
            count: self.count,
        })
    }
}

/// The records of an [`Appender`].
#[derive(Debug)]
pub struct Appended {
    scratch: Scratch,
    end: u64,
    count: usize,
}

impl Appended {
    /// How many records there are.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The records in the order appended.
    pub fn records(&self) -> Records<'_> {
        Records::new(&self.scratch, 0, self.end)
    }

    /// The scratch file's path, for messages.
    pub fn path(&self) -> &std::path::Path {
        self.scratch.path()
    }

    /// The record that starts at `offset` (as [`Appender::push`] returned it), read
    /// on its own: key and value.
    pub fn at(&self, offset: u64) -> Result<(Vec<u8>, Vec<u8>)> {
        let read = |len: usize, at: u64| -> Result<Vec<u8>> {
            let mut buf = vec![0u8; len];
            if at + len as u64 > self.end {
                return Err(Error::io(
                    self.scratch.path(),
                    std::io::Error::other("a scratch record past the end of its file"),
                ));
            }
            self.scratch
                .file()
                .read_exact_at(&mut buf, at)
                .map_err(|e| Error::io(self.scratch.path(), e))?;
            Ok(buf)
        };
        let head = read(8, offset)?;
        let klen = u32::from_le_bytes(head[0..4].try_into().expect("4 bytes")) as usize;
        let vlen = u32::from_le_bytes(head[4..8].try_into().expect("4 bytes")) as usize;
        let mut both = read(klen + vlen, offset + 8)?;
        let value = both.split_off(klen);
        Ok((both, value))
    }
}

/// Records written back to back with [`record`] in part of a scratch file, read in
/// order a block at a time.
pub struct Records<'a> {
    scratch: &'a Scratch,
    reader: RunReader,
}

impl<'a> Records<'a> {
    pub fn new(scratch: &'a Scratch, start: u64, end: u64) -> Records<'a> {
        Records {
            scratch,
            reader: RunReader::new(start, end),
        }
    }

    /// The next record: key and value.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
        self.reader.next(self.scratch)
    }

    /// The records as an iterator.
    pub fn items(mut self) -> impl Iterator<Item = Result<(Vec<u8>, Vec<u8>)>> + 'a {
        std::iter::from_fn(move || self.next().transpose())
    }
}

/// One run, read a block at a time.
struct RunReader {
    /// The file position of the next byte to read, and the run's end.
    next: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
}

impl RunReader {
    fn new(next: u64, end: u64) -> RunReader {
        RunReader {
            next,
            end,
            buf: Vec::new(),
            at: 0,
        }
    }

    /// The next `n` bytes of the run, reading more when the block is used up.
    fn take(&mut self, runs: &Scratch, n: usize) -> Result<&[u8]> {
        if self.buf.len() - self.at < n {
            self.buf.drain(..self.at);
            self.at = 0;
            let want = (n - self.buf.len()).max(BLOCK) as u64;
            let len = want.min(self.end - self.next) as usize;
            let have = self.buf.len();
            self.buf.resize(have + len, 0);
            runs.file()
                .read_exact_at(&mut self.buf[have..], self.next)
                .map_err(|e| Error::io(runs.path(), e))?;
            self.next += len as u64;
            if self.buf.len() < n {
                return Err(Error::io(
                    runs.path(),
                    std::io::Error::other("a scratch run ends mid-record"),
                ));
            }
        }
        let bytes = &self.buf[self.at..self.at + n];
        self.at += n;
        Ok(bytes)
    }

    fn next(&mut self, runs: &Scratch) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
        if self.at == self.buf.len() && self.next == self.end {
            return Ok(None);
        }
        let head = self.take(runs, 8)?;
        let klen = u32::from_le_bytes(head[0..4].try_into().expect("4 bytes")) as usize;
        let vlen = u32::from_le_bytes(head[4..8].try_into().expect("4 bytes")) as usize;
        let key = self.take(runs, klen)?.to_vec();
        let value = self.take(runs, vlen)?.to_vec();
        Ok(Some((key, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(mut s: Sorted) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut out = Vec::new();
        while let Some(r) = s.next().unwrap() {
            out.push(r);
        }
        out
    }

    #[test]
    fn runs_merge_in_key_order_equal_keys_in_push_order() {
        for limit in [usize::MAX, 1000, 97] {
            let mut s = Sorter::with_limit(None, limit);
            let mut expected = Vec::new();
            for i in 0..5000u32 {
                let key = format!("k{:04}", (i * 7919) % 701).into_bytes();
                let value = i.to_le_bytes().repeat((i % 5) as usize);
                s.push(&key, &value).unwrap();
                expected.push((key, value));
            }
            // Never more than FAN_IN runs (at limit 97 there were over 1,000).
            assert!(
                s.bounds.len() < FAN_IN,
                "limit {limit}: {} runs",
                s.bounds.len()
            );
            // A stable sort by key is what the sorter promises.
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            let got = drain(s.finish().unwrap());
            assert!(got == expected, "limit {limit}");
        }
    }

    #[test]
    fn empty_keys_and_values() {
        let mut s = Sorter::with_limit(None, 20);
        for _ in 0..10 {
            s.push(b"", b"").unwrap();
            s.push(b"a", b"").unwrap();
        }
        let got = drain(s.finish().unwrap());
        assert_eq!(got.len(), 20);
        assert!(got[..10].iter().all(|(k, _)| k.is_empty()));
    }
}
