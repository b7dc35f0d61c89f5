//! The project directory (`--project DIR`, else `$CODA_PROJECT`, else `.coda`): the
//! manifest, the tantivy index generations, and the writer lock. Every write here is
//! atomic, so an interrupted command leaves the previous state readable.
//!
//! ```text
//! .coda/
//!   manifest.json   format version, sources with content hashes, participants
//!   index-<n>/      the tantivy index the manifest names (derived data)
//!   lock            held by the one process writing the project
//! ```

mod lock;
pub mod manifest;
pub mod passes;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
use crate::output::Sink;
pub use lock::Lock;
pub use manifest::Manifest;

/// The manifest's file name inside the project directory.
pub const MANIFEST: &str = "manifest.json";

/// A project directory.
#[derive(Debug, Clone)]
pub struct Project {
    pub dir: PathBuf,
}

impl Project {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Project { dir: dir.into() }
    }

    /// Create the directory (readable by its owner only) if it does not exist.
    pub fn create(&self) -> Result<()> {
        if self.dir.is_dir() {
            return Ok(());
        }
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(&self.dir).map_err(|e| Error::io(&self.dir, e))
    }

    pub fn manifest_path(&self) -> PathBuf {
        self.dir.join(MANIFEST)
    }

    /// The manifest, or `None` for a project never ingested into.
    pub fn read_manifest(&self) -> Result<Option<Manifest>> {
        let path = self.manifest_path();
        match fs::read(&path) {
            Ok(bytes) => Manifest::from_json(&bytes, &path).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// The manifest of a project that must exist (every reading command).
    pub fn open(&self) -> Result<Manifest> {
        self.read_manifest()?.ok_or_else(|| {
            Error::input(Problem::at(
                &self.dir,
                None,
                "no coda project here yet: run `coda ingest PATH...` first (or pass --project DIR)",
            ))
        })
    }

    /// Replace the manifest atomically.
    pub fn write_manifest(&self, m: &Manifest) -> Result<()> {
        write_atomic(&self.manifest_path(), &m.to_json())
    }

    /// Take the writer lock, or fail at once naming the process that holds it.
    pub fn lock(&self) -> Result<Lock> {
        Lock::acquire(&self.dir.join("lock"))
    }

    pub fn index_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// Write `bytes` to `path` atomically (through [`Sink`]: temp file, fsync, rename,
/// fsync of the folder).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut sink = Sink::open(Some(path))?;
    sink.writer()
        .write_all(bytes)
        .map_err(|e| Error::io(path, e))?;
    sink.finish()
}
