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
/// The head's file name: the little that searching needs, so that a search does not
/// parse a manifest of every source (50 MB at a million segments).
pub const HEAD: &str = "head.json";
/// The participants (ids, attributes, segment counts) on their own, for matrices.
pub const PARTICIPANTS: &str = "participants.json";

/// What `search` and `kwic` need of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Head {
    pub format: u32,
    /// The index generation directory.
    pub index: String,
    /// Attribute names, sorted.
    pub attributes: Vec<String>,
    /// Text tokens in the whole index (exact BM25 statistics).
    pub text_tokens: u64,
    /// Each attribute's distinct values, sorted.
    pub values: std::collections::BTreeMap<String, Vec<String>>,
}

impl Head {
    pub fn of(m: &Manifest) -> Head {
        Head {
            format: m.format,
            index: m.index.clone(),
            attributes: m.attributes.clone(),
            text_tokens: m.text_tokens(),
            values: m
                .attributes
                .iter()
                .map(|a| (a.clone(), m.values_of(a)))
                .collect(),
        }
    }

    pub fn values_of(&self, attr: &str) -> Vec<String> {
        self.values.get(attr).cloned().unwrap_or_default()
    }
}

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

    /// The head, or (for a project written before heads existed) the manifest's.
    pub fn head(&self) -> Result<Head> {
        let path = self.dir.join(HEAD);
        match fs::read(&path) {
            Ok(bytes) => {
                // The format check of the manifest, on the head's bytes.
                Manifest::check_format(&bytes, &path)?;
                serde_json::from_slice(&bytes).or_else(|_| Ok(Head::of(&self.open()?)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Head::of(&self.open()?)),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Write the head for `m` if it differs from the one on disk.
    pub fn write_head(&self, m: &Manifest) -> Result<()> {
        let head = Head::of(m);
        let path = self.dir.join(HEAD);
        let current = fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Head>(&b).ok());
        if current.as_ref() == Some(&head) {
            return Ok(());
        }
        let mut bytes = serde_json::to_vec(&head).expect("head serialises");
        bytes.push(b'\n');
        write_atomic(&path, &bytes)
    }

    /// The participants with their attributes and segment counts, read without the
    /// manifest's sources (or from the manifest, for an older project).
    pub fn participants(&self) -> Result<Vec<manifest::ParticipantRecord>> {
        let path = self.dir.join(PARTICIPANTS);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).or_else(|_| Ok(self.open()?.participants)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(self.open()?.participants),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Write `participants.json` for `m` if it differs from the one on disk.
    pub fn write_participants(&self, m: &Manifest) -> Result<()> {
        let path = self.dir.join(PARTICIPANTS);
        let mut bytes = serde_json::to_vec(&m.participants).expect("participants serialise");
        bytes.push(b'\n');
        if fs::read(&path).ok().as_deref() == Some(bytes.as_slice()) {
            return Ok(());
        }
        write_atomic(&path, &bytes)
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
