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
pub mod participants;
pub mod passes;
pub mod scratch;
pub mod sorter;

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
/// Participants of projects written before the head named its participants file.
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
    /// The participants file of this state (`participants-<hash>.json`): the head is
    /// replaced last, so a reader that reads the head first sees one state, never a mix.
    #[serde(default = "default_participants")]
    pub participants: String,
}

fn default_participants() -> String {
    PARTICIPANTS.to_owned()
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
            participants: PARTICIPANTS.to_owned(),
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
        self.check_is_folder()?;
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
        self.check_is_folder()?;
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

    /// The manifest for a writer, streamed: its head fields, each source handed to
    /// `each` in order. `None` for a project never ingested into; a damaged manifest (not
    /// from a newer coda) is `None` with the problem, so that an ingest can rebuild the
    /// project.
    pub fn read_manifest_streaming(
        &self,
        each: &mut dyn FnMut(manifest::SourceRecord) -> Result<()>,
    ) -> Result<(Option<manifest::ManifestHead>, Option<Problem>)> {
        self.check_is_folder()?;
        let path = self.manifest_path();
        let file = match fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((None, None)),
            Err(e) => return Err(Error::io(&path, e)),
        };
        match manifest::ManifestHead::read(file, &path, each) {
            Ok(h) => Ok((Some(h), None)),
            Err(Error::Input(problems)) => {
                let mut head = [0u8; 200];
                let n = std::io::Read::read(
                    &mut fs::File::open(&path).map_err(|e| Error::io(&path, e))?,
                    &mut head,
                )
                .map_err(|e| Error::io(&path, e))?;
                if Manifest::declared_format(&head[..n]).is_some_and(|f| f > manifest::FORMAT) {
                    return Err(Error::Input(problems));
                }
                Ok((None, problems.into_iter().next()))
            }
            Err(e) => Err(e),
        }
    }

    /// Commit an ingest's state: the manifest (streamed: `sources` and `participants`
    /// sorted by id), then the participants file (named by its content), then the head,
    /// which names both the index generation and the participants file and so is the
    /// switch from the old state to the new. Files left over from the old state are
    /// removed last. Nothing is rewritten that is unchanged. `participants` is called
    /// once for each file that lists them.
    pub fn commit_state(
        &self,
        m: &manifest::ManifestHead,
        sources: impl Iterator<Item = Result<manifest::SourceRecord>>,
        participants: &participants::Participants,
        text_tokens: u64,
    ) -> Result<()> {
        // The manifest, unless the same bytes are there already.
        let path = self.manifest_path();
        let old_hash = crate::hash::sha256_file(&path).ok();
        let mut sink = Sink::open(Some(&path))?;
        let mut tee = Tee {
            w: sink.writer(),
            h: crate::hash::Hasher::new(),
        };
        m.write(&mut tee, sources, participants.rows())?;
        if old_hash.as_deref() != Some(tee.h.finish().as_str()) {
            sink.finish()?;
        }

        // The participants file, named by the hash of its content.
        let list = |w: &mut dyn std::io::Write| -> Result<()> {
            let failed = std::cell::RefCell::new(None);
            let rows = manifest::until_error(participants.rows(), &failed);
            let res = serde_json::to_writer(&mut *w, &manifest::Lazy::new(rows))
                .map_err(std::io::Error::from)
                .and_then(|()| w.write_all(b"\n"));
            if let Some(e) = failed.into_inner() {
                return Err(e);
            }
            res.map_err(Error::Output)
        };
        let mut h = crate::hash::Hasher::new();
        list(&mut h)?;
        let hash = h.finish();
        let name = format!("participants-{}.json", &hash[..16]);
        let people = self.dir.join(&name);
        // Written unless there already, whole (a damaged copy is replaced).
        if crate::hash::sha256_file(&people).ok() != Some(hash) {
            let mut sink = Sink::open(Some(&people))?;
            list(sink.writer()).map_err(|e| match e {
                Error::Output(e) => Error::io(&people, e),
                e => e,
            })?;
            sink.finish()?;
        }

        let mut values: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = m
            .attributes
            .iter()
            .map(|a| (a.clone(), Default::default()))
            .collect();
        for p in participants.rows() {
            for (k, v) in p?.attributes() {
                if let Some(set) = values.get_mut(k)
                    && !set.contains(v)
                {
                    set.insert(v.to_owned());
                }
            }
        }
        let head = Head {
            format: m.format,
            index: m.index.clone(),
            attributes: m.attributes.clone(),
            text_tokens,
            values: values
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().collect()))
                .collect(),
            participants: name.clone(),
        };
        let head_path = self.dir.join(HEAD);
        let current = fs::read(&head_path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Head>(&b).ok());
        if current.as_ref() != Some(&head) {
            let mut bytes = serde_json::to_vec(&head).expect("head serialises");
            bytes.push(b'\n');
            write_atomic(&head_path, &bytes)?;
        }
        for e in fs::read_dir(&self.dir)
            .map_err(|e| Error::io(&self.dir, e))?
            .flatten()
        {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with("participants") && n.ends_with(".json") && n != name {
                let _ = fs::remove_file(e.path());
            }
        }
        Ok(())
    }

    /// The participants of the state `head` names (their attributes, segment counts and
    /// transcripts) handed to `each` one at a time, in id order.
    pub fn for_each_participant(
        &self,
        head: &Head,
        mut each: impl FnMut(manifest::ParticipantRecord) -> Result<()>,
    ) -> Result<()> {
        let path = self.dir.join(&head.participants);
        let from_manifest = |each: &mut dyn FnMut(manifest::ParticipantRecord) -> Result<()>| {
            // A project written before the head named its participants file.
            self.open()?.participants.into_iter().try_for_each(each)
        };
        let file = match fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return from_manifest(&mut each),
            Err(e) => return Err(Error::io(&path, e)),
        };
        match participants::for_each_record(file, &mut each)? {
            Ok(_) => Ok(()),
            Err(e) if e.is_io() => Err(Error::io(&path, e.into())),
            Err(e) => Err(Error::input(Problem::at(
                &path,
                Some(e.line()),
                format!(
                    "the participants file cannot be read ({e}); run `coda ingest` again to rebuild it"
                ),
            ))),
        }
    }

    /// The participants of the state `head` names, set aside on disk for the analyses'
    /// lookups.
    pub fn participant_table(&self, head: &Head) -> Result<participants::Participants> {
        let mut b = participants::Participants::builder();
        self.for_each_participant(head, |r| b.push(&r))?;
        b.finish()
    }

    /// Replace the manifest atomically.
    pub fn write_manifest(&self, m: &Manifest) -> Result<()> {
        // Streamed: at tens of thousands of transcripts the JSON runs to tens of MB.
        let path = self.manifest_path();
        let mut sink = Sink::open(Some(&path))?;
        m.write_json(sink.writer())
            .map_err(|e| Error::io(&path, e))?;
        sink.finish()
    }

    /// A project path that names a file is a mistake worth naming.
    fn check_is_folder(&self) -> Result<()> {
        if self.dir.exists() && !self.dir.is_dir() {
            return Err(Error::input(Problem::at(
                &self.dir,
                None,
                "is a file, not a coda project folder; give --project a folder (coda creates it)",
            )));
        }
        Ok(())
    }

    /// Take the writer lock, or fail at once naming the process that holds it. Temp
    /// files left by a writer that was killed before it could clean up are removed:
    /// with the lock held, no other writer can be using them.
    pub fn lock(&self) -> Result<Lock> {
        let lock = Lock::acquire(&self.dir.join("lock"))?;
        for dir in [self.dir.clone(), self.dir.join("passes")] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') && (name.contains(".tmp-") || name.contains(".scratch-")) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
        Ok(lock)
    }

    pub fn index_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// Writes to `w` and hashes what it writes.
struct Tee<'a> {
    w: &'a mut dyn std::io::Write,
    h: crate::hash::Hasher,
}

impl std::io::Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.w.write(buf)?;
        self.h.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
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
