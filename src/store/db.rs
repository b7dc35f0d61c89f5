//! Opening `project.db`: WAL mode, foreign keys, the schema version check. A folder
//! that cannot be written to (an archived study) is read as an immutable file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Params, Row, params};

use super::schema;
use crate::error::{Error, Problem, Result};

/// An open project database.
pub struct Db {
    pub(super) conn: Connection,
    /// `project.db` (what messages name).
    pub(super) path: PathBuf,
    /// A new project's database while its first ingest loads it: a temp file beside
    /// `project.db`, written without a journal, renamed into place once complete.
    bulk: Option<PathBuf>,
}

impl Drop for Db {
    /// A bulk load that did not complete leaves nothing behind.
    fn drop(&mut self) {
        if let Some(tmp) = self.bulk.take() {
            let _ = std::fs::remove_file(&tmp);
            crate::output::untrack_temp_file(&tmp);
        }
    }
}

/// An SQLite result as coda's, the database named.
pub(super) trait At<T> {
    fn at(self, db: &Db) -> Result<T>;
}

impl<T> At<T> for rusqlite::Result<T> {
    fn at(self, db: &Db) -> Result<T> {
        self.map_err(|e| db.err(e))
    }
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
            c.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
                .map(drop)
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
            bulk: None,
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
            bulk: None,
        };
        db.pragmas(true)?;
        if db.version()? == 0 {
            db.batch(&format!(
                "BEGIN IMMEDIATE; {} {} PRAGMA user_version = {}; COMMIT;",
                schema::SQL,
                schema::SEGMENT_INDEXES,
                schema::VERSION
            ))?;
        }
        if db.version()? == 2 {
            db.batch(&format!(
                "BEGIN IMMEDIATE; {} PRAGMA user_version = {}; COMMIT;",
                schema::FROM_2,
                schema::VERSION
            ))?;
        }
        db.check_version()?;
        Ok(db)
    }

    /// Whether the database at `path` is of schema version 2, which a writer upgrades
    /// in place (see [`schema::FROM_2`]).
    pub fn is_version_2(path: &Path) -> bool {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)))
            .is_ok_and(|v| v == 2)
    }

    /// A new project's database for its first ingest (the lock is held and there is no
    /// `project.db`): a temp file beside it, without a journal (nothing to roll back to),
    /// the segment table's indexes made after the load ([`Db::index_segments`]);
    /// [`Db::install`] renames it into place.
    pub fn create_bulk(path: &Path) -> Result<Db> {
        let name = path
            .file_name()
            .map_or_else(Default::default, |n| n.to_string_lossy().into_owned());
        let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        crate::output::track_temp_file(&tmp);
        let conn = Connection::open(&tmp).map_err(|e| sql_error(path, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600));
        }
        let db = Db {
            conn,
            path: path.to_path_buf(),
            bulk: Some(tmp),
        };
        db.pragmas(false)?;
        let e = |e| sql_error(path, e);
        db.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(e)?;
        db.conn
            .pragma_update(None, "journal_mode", "OFF")
            .map_err(e)?;
        db.conn
            .pragma_update(None, "synchronous", "OFF")
            .map_err(e)?;
        db.conn
            .pragma_update(None, "cache_size", -65536)
            .map_err(e)?;
        db.batch(&format!(
            "{} PRAGMA user_version = {};",
            schema::SQL,
            schema::VERSION
        ))?;
        Ok(db)
    }

    /// Make the segment table's indexes if they are not there (after a bulk load).
    pub fn index_segments(&self) -> Result<()> {
        self.batch(schema::SEGMENT_INDEXES)
    }

    /// A bulk-loaded database, committed, put in place as `project.db`: WAL mode set,
    /// closed, fsynced, renamed, the folder fsynced; then opened again. Nothing to do
    /// for a database that was not bulk-loaded.
    pub fn install(&mut self) -> Result<()> {
        let Some(tmp) = self.bulk.clone() else {
            return Ok(());
        };
        let e = |e| sql_error(&self.path, e);
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(e)?;
        let conn = std::mem::replace(&mut self.conn, Connection::open_in_memory().map_err(e)?);
        conn.close()
            .map_err(|(_, err)| sql_error(&self.path, err))?;
        let io = |err| Error::io(&self.path, err);
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)?;
        if let Some(dir) = self.path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        self.bulk = None;
        crate::output::untrack_temp_file(&tmp);
        let mut reopened = Db::open_write(&self.path)?;
        std::mem::swap(&mut self.conn, &mut reopened.conn);
        Ok(())
    }

    fn pragmas(&self, write: bool) -> Result<()> {
        let e = |e| sql_error(&self.path, e);
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(e)?;
        if write {
            // Readers change nothing: the foreign keys are the writers' to keep.
            self.conn
                .pragma_update(None, "foreign_keys", "ON")
                .map_err(e)?;
            self.conn
                .pragma_update(None, "journal_mode", "WAL")
                .map_err(e)?;
            self.conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(e)?;
            // A writer's page cache (64 MB at most): inserting a million segments into
            // the table and its indexes through SQLite's default 2 MB takes twice as long.
            self.conn
                .pragma_update(None, "cache_size", -65536)
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

    /// Every row of a query, each made by `f`.
    pub(super) fn rows<T>(
        &self,
        sql: &str,
        p: impl Params,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.conn.prepare_cached(sql).at(self)?;
        st.query_map(p, f).and_then(|rows| rows.collect()).at(self)
    }

    /// The first row of a query, if there is one.
    pub(super) fn row<T>(
        &self,
        sql: &str,
        p: impl Params,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        let mut st = self.conn.prepare_cached(sql).at(self)?;
        st.query_row(p, f).optional().at(self)
    }

    /// The number (a count or a sum) a query gives; 0 for none.
    pub(super) fn number(&self, sql: &str, p: impl Params) -> Result<usize> {
        let n = self.row(sql, p, |r| r.get::<_, Option<i64>>(0))?;
        Ok(n.flatten().unwrap_or(0) as usize)
    }

    /// Run a statement.
    pub(super) fn exec(&self, sql: &str, p: impl Params) -> Result<usize> {
        let mut st = self.conn.prepare_cached(sql).at(self)?;
        st.execute(p).at(self)
    }

    /// Run statements, separated by `;`.
    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql).at(self)
    }

    /// Each row of a query handed to `each`, one at a time.
    pub(super) fn each_row(
        &self,
        sql: &str,
        p: impl Params,
        mut each: impl FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(sql).at(self)?;
        let mut rows = st.query(p).at(self)?;
        while let Some(r) = rows.next().at(self)? {
            each(r)?;
        }
        Ok(())
    }

    /// A setting of the project (`meta`).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
            r.get(0)
        })
    }

    pub(super) fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.exec(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
        .map(drop)
    }

    pub(super) fn begin(&self) -> Result<()> {
        self.batch("BEGIN IMMEDIATE")
    }

    pub(super) fn commit(&self) -> Result<()> {
        self.batch("COMMIT")?;
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
