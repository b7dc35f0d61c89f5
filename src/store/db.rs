//! Opening `project.db`: WAL mode, foreign keys, the schema version check. A folder
//! that cannot be written to (an archived study) is read as an immutable file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::schema;
use crate::error::{Error, Problem, Result};

/// An open project database.
pub struct Db {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

/// An SQLite error as coda's: the database file named, and what to do.
pub(super) fn sql_error(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    let code = e.sqlite_error_code();
    let message = match code {
        Some(ErrorCode::DiskFull) | Some(ErrorCode::SystemIoFailure) => format!(
            "the project database could not be written ({e}); check the free disk space and any \
             file size limit (ulimit -f) where the project is, then run the command again: the \
             project is as it was before"
        ),
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => format!(
            "the project database is damaged ({e}); run `coda ingest PATH...` with all the study's \
             transcripts to rebuild it (the damaged file is kept beside it)"
        ),
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) => format!(
            "the project database cannot be opened ({e}); check the permissions of the project \
             folder and of project.db"
        ),
        _ => format!("the project database: {e}"),
    };
    Error::input(Problem::at(path, None, message))
}

impl Db {
    /// For reading: never creates or changes anything. Where the folder is read-only
    /// (no `-shm` file can be made), the database is read as an immutable file; a writer
    /// checkpoints before it ends, so the file holds every committed change.
    pub fn open_read(path: &Path) -> Result<Db> {
        use rusqlite::ErrorCode;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let probe = |c: &Connection| {
            c.busy_timeout(std::time::Duration::from_secs(10))?;
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
        };
        // Only a database that cannot be opened where it is (no `-shm` file can be made
        // in a read-only folder) is read as an immutable file.
        let cannot_open = |e: &rusqlite::Error| {
            matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::CannotOpen) | Some(ErrorCode::ReadOnly)
            )
        };
        let conn = match Connection::open_with_flags(path, flags) {
            Ok(c) => match probe(&c) {
                Ok(()) => c,
                Err(e) if cannot_open(&e) => Self::immutable(path)?,
                Err(e) => return Err(sql_error(path, e)),
            },
            Err(e) if cannot_open(&e) => Self::immutable(path)?,
            Err(e) => return Err(sql_error(path, e)),
        };
        let db = Db {
            conn,
            path: path.to_path_buf(),
        };
        db.pragmas(false)?;
        db.check_version()?;
        // One snapshot for every query of the command: a writer committing meanwhile is
        // not seen, so a reader sees the old state or the new one, never a mix.
        db.conn
            .execute_batch("BEGIN; SELECT count(*) FROM meta;")
            .map_err(|e| db.err(e))?;
        Ok(db)
    }

    fn immutable(path: &Path) -> Result<Connection> {
        let uri = format!(
            "file:{}?immutable=1",
            path.to_string_lossy()
                .replace('%', "%25")
                .replace('?', "%3f")
                .replace('#', "%23")
        );
        Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql_error(path, e))
    }

    /// Whether the file at `path` is not a readable SQLite database (damaged, truncated,
    /// or something else).
    pub fn is_damaged(path: &Path) -> bool {
        use rusqlite::ErrorCode;
        let Ok(c) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
            return false;
        };
        let r = c
            .query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
            .map(|ok| ok != "ok");
        match r {
            Ok(bad) => bad,
            Err(e) => matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt)
            ),
        }
    }

    /// For the one writer (the lock is held): created with the schema if new.
    pub fn open_write(path: &Path) -> Result<Db> {
        let new = !path.exists();
        let conn = Connection::open(path).map_err(|e| sql_error(path, e))?;
        #[cfg(unix)]
        if new {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        let db = Db {
            conn,
            path: path.to_path_buf(),
        };
        db.pragmas(true)?;
        if db.version()? == 0 {
            db.conn
                .execute_batch(&format!(
                    "BEGIN IMMEDIATE; {} PRAGMA user_version = {}; COMMIT;",
                    schema::SQL,
                    schema::VERSION
                ))
                .map_err(|e| sql_error(path, e))?;
        }
        db.check_version()?;
        Ok(db)
    }

    fn pragmas(&self, write: bool) -> Result<()> {
        let e = |e| sql_error(&self.path, e);
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(e)?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(e)?;
        if write {
            self.conn
                .pragma_update(None, "journal_mode", "WAL")
                .map_err(e)?;
            self.conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(e)?;
        }
        Ok(())
    }

    fn version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| sql_error(&self.path, e))
    }

    /// Refuse a database of another schema version, naming both.
    fn check_version(&self) -> Result<()> {
        let v = self.version()?;
        if v == schema::VERSION {
            return Ok(());
        }
        let what = if v > schema::VERSION {
            "a newer coda; use that version, or rebuild the project with `coda ingest` into a new --project folder"
        } else {
            "an older coda; move project.db aside and run `coda ingest` with the study's paths to rebuild it"
        };
        Err(Error::input(Problem::at(
            &self.path,
            None,
            format!(
                "the project database has schema version {v}, this coda reads version {}: it was written by {what}",
                schema::VERSION
            ),
        )))
    }

    pub(super) fn err(&self, e: rusqlite::Error) -> Error {
        sql_error(&self.path, e)
    }

    /// A setting of the project (`meta`).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(super) fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    pub(super) fn begin(&self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))
    }

    pub(super) fn commit(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
        // Everything into the main file, so that a copy of project.db alone, or the
        // folder made read-only, holds the whole state; without waiting for readers
        // that hold an older snapshot (SQLite checkpoints again later).
        let _ = self.conn.busy_timeout(std::time::Duration::ZERO);
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
        let _ = self.conn.busy_timeout(std::time::Duration::from_secs(10));
        Ok(())
    }

    pub(super) fn rollback(&self) {
        let _ = self.conn.execute_batch("ROLLBACK");
    }

    /// Run `f` in one transaction: committed if it succeeds, rolled back if not.
    pub fn transaction<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.begin()?;
        match f(self) {
            Ok(v) => {
                self.commit()?;
                Ok(v)
            }
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }
}
