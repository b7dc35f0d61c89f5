//! The project directory (`--project DIR`, else `$CODA_PROJECT`, else `.coda`): one
//! SQLite database, `project.db`, holding everything coda knows about the study, the
//! tantivy index generations derived from it, and the writer lock. The only module
//! that speaks SQL.
//!
//! ```text
//! .coda/
//!   project.db      transcripts, segments (with their text), participants, attributes,
//!                   passes, codings, matrix counts (docs/schema.md)
//!   index-<n>/      the full-text index, rebuilt from project.db alone (`coda reindex`)
//!   lock            held by the one process writing the project
//! ```
//!
//! Every writing command writes in one transaction (WAL mode): a kill leaves the old
//! state or the new one. Readers never take the lock and are never blocked.

mod db;
mod lock;
pub mod passes;
mod read;
mod schema;
mod write;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
pub use db::Db;
pub use lock::Lock;
pub use passes::{CodebookRecord, CodingRecord, NewPass, PassHeader, ThemeRecord, Units};
pub use read::{
    CodedSegment, ParticipantRow, SegmentRow, SourceRow, Staleness, ToCode, UnitCell, UnitColumn,
    UnitMatrix, UnitQuery, WarningRow,
};
pub use write::{
    Ingesting, ParticipantIn, TranscriptIn, attributes_json, indexed_attributes, words,
};

/// The database's file name inside the project directory.
pub const DATABASE: &str = "project.db";

/// Files of the layout before the database (a manifest and JSON files).
const OLD_LAYOUT: &[&str] = &["manifest.json", "head.json"];

/// The default project folder's name, and the name of the project `coda analyse
/// --out DIR` makes in DIR.
pub const DEFAULT_DIR: &str = ".coda";

/// Projects one folder below `dir` (`*/.coda` holding a database, as `coda analyse
/// --out DIR` leaves them), sorted; hidden folders are not looked in.
pub fn nearby(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| Path::new(&e.file_name()).join(DEFAULT_DIR))
        .filter(|p| dir.join(p).join(DATABASE).is_file())
        .collect();
    found.sort();
    found
}

/// What to say when there is no project where a command looked: the projects found
/// nearby are named, never used unasked.
fn nearby_hint(found: &[PathBuf]) -> String {
    let quoted = |p: &PathBuf| {
        let s = p.display().to_string();
        if s.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
            format!("'{}'", s.replace('\'', "'\\''"))
        } else {
            s
        }
    };
    match found {
        [] => "no coda project here yet: run `coda ingest PATH...` first (or pass --project DIR)"
            .to_owned(),
        [one] => format!(
            "no coda project here; found one in {}: run with --project {}",
            one.display(),
            quoted(one)
        ),
        several => format!(
            "no coda project here; found {} one folder down: {}; run with --project and one of them",
            several.len(),
            several.iter().map(quoted).collect::<Vec<_>>().join(", ")
        ),
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

    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DATABASE)
    }

    pub fn index_dir(&self, name: &str) -> PathBuf {
        self.dir.join(name)
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

    /// Make an existing project folder private to its owner, as a new one is made: the
    /// folder and the folders in it 0700, its files 0600 (group and other bits taken
    /// away, the owner's kept). Run by every writing command before it opens the project.
    /// Entries of another user are left as they are, and so are those that cannot be
    /// changed: one problem says so, for the folder, with what to do.
    #[cfg(unix)]
    pub fn make_private(&self) -> Option<Problem> {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        let mut left = 0usize;
        let mut stack = vec![self.dir.clone()];
        while let Some(path) = stack.pop() {
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.file_type().is_symlink() {
                continue;
            }
            if meta.is_dir()
                && let Ok(entries) = fs::read_dir(&path)
            {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
            let mode = meta.permissions().mode() & 0o7777;
            if mode & 0o077 == 0 {
                continue;
            }
            let private = fs::Permissions::from_mode(mode & 0o700);
            if meta.uid() != me || fs::set_permissions(&path, private).is_err() {
                left += 1;
            }
        }
        (left > 0).then(|| {
            Problem::at(
                &self.dir,
                None,
                format!(
                    "the project is readable by other users, and files or folders of it that are \
                     not yours to change were left as they are; their owner can make it private \
                     with `chmod -R go-rwx {}`",
                    self.dir.display()
                ),
            )
        })
    }

    #[cfg(not(unix))]
    pub fn make_private(&self) -> Option<Problem> {
        None
    }

    /// Whether the project has a database (a project ingested into since the store
    /// moved to SQLite).
    pub fn exists(&self) -> bool {
        self.db_path().is_file()
    }

    /// The database, for a reading command: the project must exist, in this layout.
    pub fn open(&self) -> Result<Db> {
        self.check_is_folder()?;
        if !self.exists() {
            return Err(Error::input(self.missing()));
        }
        match Db::open_read(&self.db_path()) {
            // A project of the previous schema is upgraded in place (a table added), as
            // any writing command would, then read.
            Err(e) if Db::is_version_2(&self.db_path()) => {
                if self.open_write(false).is_err() {
                    return Err(e);
                }
                Db::open_read(&self.db_path())
            }
            r => r,
        }
    }

    /// The database for a writing command, with the writer lock held. `create`: make
    /// the project if there is none (ingest); else it must exist.
    pub fn open_write(&self, create: bool) -> Result<(Lock, Db)> {
        if create {
            self.create()?;
        } else {
            self.check_is_folder()?;
            if !self.exists() {
                return Err(Error::input(self.missing()));
            }
        }
        self.check_writable()?;
        let lock = Lock::acquire(&self.dir.join("lock"))?;
        let db = Db::open_write(&self.db_path())?;
        Ok((lock, db))
    }

    /// The database for `coda ingest`, created if need be; a damaged one is set aside
    /// first (with the problem), so that the ingest builds the project anew.
    pub fn open_for_ingest(&self) -> Result<(Lock, Db, Option<Problem>)> {
        self.create()?;
        self.check_writable()?;
        let lock = Lock::acquire(&self.dir.join("lock"))?;
        let damaged = self.set_aside_if_damaged()?;
        let db = if self.exists() {
            Db::open_write(&self.db_path())?
        } else {
            Db::create_bulk(&self.db_path())?
        };
        Ok((lock, db, damaged))
    }

    /// Move a damaged database aside (`project.db.damaged`), so that an ingest builds
    /// the project anew; the problem, if it was damaged.
    fn set_aside_if_damaged(&self) -> Result<Option<Problem>> {
        let path = self.db_path();
        if !path.is_file() || !Db::is_damaged(&path) {
            return Ok(None);
        }
        let aside = self.dir.join(format!("{DATABASE}.damaged"));
        fs::rename(&path, &aside).map_err(|e| Error::io(&path, e))?;
        for ext in ["-wal", "-shm"] {
            let _ = fs::remove_file(self.dir.join(format!("{DATABASE}{ext}")));
        }
        Ok(Some(Problem::at(
            &path,
            None,
            format!(
                "the project database was damaged; it was moved to {} and the project rebuilt \
                 from the paths given (transcripts not named this time are no longer in it; passes \
                 must be coded again)",
                aside.display()
            ),
        )))
    }

    /// Whether a writer is at work on the project now.
    pub fn writer_active(&self) -> bool {
        Lock::is_held(&self.dir.join("lock"))
    }

    /// Whether the project folder can be written to.
    pub fn writable(&self) -> bool {
        self.check_writable().is_ok()
    }

    /// Why a project cannot be read: none here, or one in the layout before the
    /// database.
    fn missing(&self) -> Problem {
        if self.old_layout() {
            Problem::at(
                &self.dir,
                None,
                "this project was made by an older coda (manifest.json, passes/*.jsonl): run \
                 `coda ingest` with the study's paths (and --participants) to rebuild it into \
                 project.db, then `coda code` again for each pass",
            )
        } else {
            Problem::at(&self.dir, None, nearby_hint(&nearby(Path::new("."))))
        }
    }

    /// Whether files of the old layout are here.
    pub fn old_layout(&self) -> bool {
        OLD_LAYOUT.iter().any(|f| self.dir.join(f).exists()) || self.dir.join("passes").is_dir()
    }

    /// Remove the files of the old layout (after an ingest rebuilt the project). Index
    /// generations the database does not name are removed by the ingest itself.
    pub fn remove_old_layout(&self) {
        for f in OLD_LAYOUT {
            let _ = fs::remove_file(self.dir.join(f));
        }
        let _ = fs::remove_dir_all(self.dir.join("passes"));
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with("participants") && name.ends_with(".json") {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }

    /// Remove index generations other than `keep`, and temp files a killed writer left.
    /// The name of the one index generation in the folder (`None`: none, or several).
    pub fn only_index(&self) -> Option<String> {
        let mut found = None;
        for e in fs::read_dir(&self.dir).ok()?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("index-") && !name.contains(".tmp") {
                if found.is_some() {
                    return None;
                }
                found = Some(name);
            }
        }
        found
    }

    pub fn remove_other_indexes(&self, keep: &str) {
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with("index-") && name != keep && e.path().is_dir() {
                    let _ = fs::remove_dir_all(e.path());
                }
                if name.starts_with('.') && name.contains(".tmp-") {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
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

    /// Writing commands on a read-only project (an archived study, a read-only share)
    /// say so before any work.
    fn check_writable(&self) -> Result<()> {
        let probe = self
            .dir
            .join(format!(".write-check.tmp-{}", std::process::id()));
        match fs::File::create(&probe) {
            Ok(_) => {
                let _ = fs::remove_file(&probe);
                Ok(())
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Err(Error::input(Problem::at(
                    &self.dir,
                    None,
                    "the project folder is read-only: reading commands (search, kwic, codings, \
                     explain, matrix, quotes, participants, sources) work, but this command writes; \
                     copy the project to a folder you can write to, or pass --project DIR",
                )))
            }
            Err(e) => Err(Error::io(&self.dir, e)),
        }
    }
}
