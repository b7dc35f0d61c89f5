//! Where each coded segment's lines are in a pass's scratch file, sorted into file order
//! (transcript rank, segment number) without holding them all: keys are sorted in runs
//! of `RUN` (6 MB) written to a second scratch file, and the runs merged when read.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::os::unix::fs::FileExt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::store::scratch::Scratch;

/// Keys held before a run is sorted and set aside.
const RUN: usize = 262_144;
/// Bytes of a key on disk.
const SIZE: usize = 24;

/// Where a coded segment's lines are in the scratch file, and where they go in the pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The transcript's rank among the index's transcript ids.
    pub transcript: u32,
    pub number: u32,
    pub offset: u64,
    pub len: u32,
}

impl Key {
    fn order(&self) -> (u32, u32) {
        (self.transcript, self.number)
    }

    fn to_bytes(self) -> [u8; SIZE] {
        let mut b = [0u8; SIZE];
        b[0..4].copy_from_slice(&self.transcript.to_le_bytes());
        b[4..8].copy_from_slice(&self.number.to_le_bytes());
        b[8..16].copy_from_slice(&self.offset.to_le_bytes());
        b[16..20].copy_from_slice(&self.len.to_le_bytes());
        b
    }

    fn from_bytes(b: &[u8]) -> Key {
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        Key {
            transcript: u32_at(0),
            number: u32_at(4),
            offset: u64::from_le_bytes(b[8..16].try_into().expect("8 bytes")),
            len: u32_at(16),
        }
    }
}

pub struct Keys {
    held: Vec<Key>,
    runs: Scratch,
    /// Each run's first key and number of keys.
    bounds: Vec<(u64, u64)>,
    count: usize,
}

impl Keys {
    /// Keys whose runs, if any, go to a scratch file at `path`.
    pub fn new(path: &Path) -> Result<Keys> {
        Ok(Keys {
            held: Vec::new(),
            runs: Scratch::create(path)?,
            bounds: Vec::new(),
            count: 0,
        })
    }

    pub fn push(&mut self, key: Key) -> Result<()> {
        self.held.push(key);
        self.count += 1;
        if self.held.len() >= RUN {
            self.spill()?;
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.count
    }

    fn spill(&mut self) -> Result<()> {
        self.held.sort_unstable_by_key(Key::order);
        let runs = &mut self.runs;
        let first = self.bounds.iter().map(|(_, n)| n).sum::<u64>();
        let mut bytes = Vec::with_capacity(self.held.len() * SIZE);
        for k in &self.held {
            bytes.extend_from_slice(&k.to_bytes());
        }
        runs.append(&bytes)?;
        self.bounds.push((first, self.held.len() as u64));
        self.held.clear();
        Ok(())
    }

    /// Done pushing: keys held are sorted (and set aside too if runs were written).
    pub fn finish(&mut self) -> Result<()> {
        if !self.bounds.is_empty() && !self.held.is_empty() {
            self.spill()?;
        }
        self.held.sort_unstable_by_key(Key::order);
        self.held.shrink_to_fit();
        Ok(())
    }

    /// The keys in file order; can be called again for another pass over them.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Result<Key>> + '_> {
        if self.bounds.is_empty() {
            return Box::new(self.held.iter().copied().map(Ok));
        }
        let runs = &self.runs;
        let mut readers: Vec<RunReader<'_>> = self
            .bounds
            .iter()
            .map(|&(first, n)| RunReader {
                file: runs.file(),
                path: runs.path(),
                next: first,
                end: first + n,
                buf: Vec::new(),
                at: 0,
            })
            .collect();
        let mut heap = BinaryHeap::new();
        let mut failed = None;
        for (i, r) in readers.iter_mut().enumerate() {
            match r.next() {
                Ok(Some(k)) => heap.push(Reverse((k.order(), i, k.offset, k.len))),
                Ok(None) => {}
                Err(e) => failed = Some(e),
            }
        }
        Box::new(std::iter::from_fn(move || {
            if let Some(e) = failed.take() {
                return Some(Err(e));
            }
            let Reverse(((transcript, number), i, offset, len)) = heap.pop()?;
            match readers[i].next() {
                Ok(Some(k)) => heap.push(Reverse((k.order(), i, k.offset, k.len))),
                Ok(None) => {}
                Err(e) => failed = Some(e),
            }
            Some(Ok(Key {
                transcript,
                number,
                offset,
                len,
            }))
        }))
    }
}

/// One run, read a block at a time.
struct RunReader<'a> {
    file: &'a std::fs::File,
    path: &'a Path,
    /// The next key's position (in keys) and the run's end.
    next: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
}

impl RunReader<'_> {
    fn next(&mut self) -> Result<Option<Key>> {
        if self.at >= self.buf.len() {
            if self.next >= self.end {
                return Ok(None);
            }
            let n = (self.end - self.next).min(1024);
            self.buf.resize(n as usize * SIZE, 0);
            self.file
                .read_exact_at(&mut self.buf, self.next * SIZE as u64)
                .map_err(|e| Error::io(self.path, e))?;
            self.next += n;
            self.at = 0;
        }
        let k = Key::from_bytes(&self.buf[self.at..self.at + SIZE]);
        self.at += SIZE;
        Ok(Some(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_into_file_order() {
        let dir = std::env::temp_dir().join(format!("coda-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut keys = Keys::new(&dir.join(".keys.scratch-1")).unwrap();
        // Three and a half runs, in a scrambled order.
        let n = RUN * 3 + RUN / 2;
        let mut expected = Vec::new();
        for i in 0..n {
            let j = (i * 7919) % n;
            let k = Key {
                transcript: (j / 100) as u32,
                number: (j % 100) as u32,
                offset: j as u64 * 10,
                len: 3,
            };
            expected.push(k);
            keys.push(k).unwrap();
        }
        keys.finish().unwrap();
        expected.sort_unstable_by_key(Key::order);
        for _ in 0..2 {
            let got: Vec<Key> = keys.iter().map(|k| k.unwrap()).collect();
            assert_eq!(got.len(), expected.len());
            assert!(got == expected);
        }
        drop(keys);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
