//! Scratch files: what a command has too much of to hold in memory (a record per
//! transcript, a coded segment's lines), appended to a file and read back by position.
//! A writer's scratch file is in the project: it is removed when dropped, on Ctrl-C, and
//! (if the process was killed) by the next writer, under the project lock. A command
//! without a project uses one with no name in the system's temp folder.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Where a record is in a scratch file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub offset: u64,
    pub len: u32,
}

impl Spot {
    /// Bytes of a spot written to another scratch file.
    pub const SIZE: usize = 12;

    pub fn to_bytes(self) -> [u8; Spot::SIZE] {
        let mut b = [0u8; Spot::SIZE];
        b[..8].copy_from_slice(&self.offset.to_le_bytes());
        b[8..].copy_from_slice(&self.len.to_le_bytes());
        b
    }

    /// The spot in the first [`Spot::SIZE`] bytes of `b`.
    pub fn from_bytes(b: &[u8]) -> Spot {
        Spot {
            offset: u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
            len: u32::from_le_bytes(b[8..12].try_into().expect("4 bytes")),
        }
    }
}

#[derive(Debug)]
pub struct Scratch {
    file: File,
    /// The file, or for one with no name the folder it is in (for messages).
    path: PathBuf,
    end: u64,
    named: bool,
}

impl Scratch {
    /// Create (or truncate) a scratch file; its name must contain `.scratch-`.
    pub fn create(path: &Path) -> Result<Scratch> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        crate::output::track_temp_file(path);
        Ok(Scratch {
            file,
            path: path.to_path_buf(),
            end: 0,
            named: true,
        })
    }

    /// A scratch file with no name in the system's temp folder, readable by its owner
    /// only: nothing is left behind, however the process stops.
    pub fn anonymous() -> Result<Scratch> {
        let dir = std::env::temp_dir();
        // An open file with no name (O_TMPFILE where there is one), mode 0600.
        let file = tempfile::tempfile_in(&dir).map_err(|e| {
            Error::input(crate::error::Problem::at(
                &dir,
                None,
                format!("cannot make a scratch file in this temp folder ({e}); set TMPDIR to a folder you can write to"),
            ))
        })?;
        Ok(Scratch {
            file,
            path: dir,
            end: 0,
            named: false,
        })
    }

    /// The file, for a caller that buffers its own writes (then `append` must not be used).
    pub fn file(&self) -> &File {
        &self.file
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append bytes.
    pub fn append(&mut self, bytes: &[u8]) -> Result<Spot> {
        let spot = Spot {
            offset: self.end,
            len: u32::try_from(bytes.len()).map_err(|_| {
                Error::io(
                    &self.path,
                    std::io::Error::other("a scratch record over 4 GB"),
                )
            })?,
        };
        self.file
            .write_all_at(bytes, self.end)
            .map_err(|e| Error::io(&self.path, e))?;
        self.end += bytes.len() as u64;
        Ok(spot)
    }

    /// Append a record as JSON.
    pub fn push<T: Serialize>(&mut self, record: &T) -> Result<Spot> {
        let bytes = serde_json::to_vec(record).map_err(|e| Error::io(&self.path, e.into()))?;
        self.append(&bytes)
    }

    /// The bytes at `spot`.
    pub fn bytes(&self, spot: Spot) -> Result<Vec<u8>> {
        let mut buf = vec![0u8; spot.len as usize];
        self.file
            .read_exact_at(&mut buf, spot.offset)
            .map_err(|e| Error::io(&self.path, e))?;
        Ok(buf)
    }

    /// The record at `spot`.
    pub fn get<T: DeserializeOwned>(&self, spot: Spot) -> Result<T> {
        serde_json::from_slice(&self.bytes(spot)?).map_err(|e| Error::io(&self.path, e.into()))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.named {
            let _ = std::fs::remove_file(&self.path);
            crate::output::untrack_temp_file(&self.path);
        }
    }
}

/// An FST mapped from a scratch file.
pub type Fst = tantivy_fst::Map<memmap2::Mmap>;

/// An FST (a map from sorted keys to numbers) built into a scratch file with no name,
/// then mapped into memory: its pages are the file's, which the kernel can drop and read
/// again, not the process's.
pub struct ScratchFst {
    builder: tantivy_fst::MapBuilder<std::io::BufWriter<File>>,
    scratch: Scratch,
}

impl ScratchFst {
    pub fn new() -> Result<ScratchFst> {
        let scratch = Scratch::anonymous()?;
        let file = scratch
            .file
            .try_clone()
            .map_err(|e| Error::io(&scratch.path, e))?;
        let builder = tantivy_fst::MapBuilder::new(std::io::BufWriter::new(file))
            .map_err(|e| fst_error(&scratch, e))?;
        Ok(ScratchFst { builder, scratch })
    }

    /// Add a key, greater than the last one added.
    pub fn insert(&mut self, key: &[u8], value: u64) -> Result<()> {
        self.builder
            .insert(key, value)
            .map_err(|e| fst_error(&self.scratch, e))
    }

    pub fn finish(self) -> Result<Fst> {
        let scratch = self.scratch;
        let mut w = self
            .builder
            .into_inner()
            .map_err(|e| fst_error(&scratch, e))?;
        std::io::Write::flush(&mut w).map_err(|e| Error::io(&scratch.path, e))?;
        drop(w);
        // SAFETY: the file has no name and is this process's alone, and nothing writes
        // to it once it is mapped.
        let map = unsafe { memmap2::Mmap::map(&scratch.file) }
            .map_err(|e| Error::io(&scratch.path, e))?;
        let fst = tantivy_fst::raw::Fst::new(map).map_err(|e| fst_error(&scratch, e))?;
        Ok(tantivy_fst::Map::from(fst))
    }
}

fn fst_error(scratch: &Scratch, e: tantivy_fst::Error) -> Error {
    Error::io(&scratch.path, std::io::Error::other(e.to_string()))
}
