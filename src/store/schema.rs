//! The database schema (`schema.sql`) and its version, kept in `PRAGMA user_version`.
//! A change to the schema raises `VERSION`; a database of another version is refused
//! with a message saying how to rebuild it.

/// The schema version this build reads and writes.
pub const VERSION: i64 = 3;

/// What a database of version 2 lacks, added in place by the first command that opens
/// it for writing (or, for a reading command, by an upgrade before it reads).
pub const FROM_2: &str = "
    CREATE TABLE IF NOT EXISTS pass_segment (
        pass       INTEGER NOT NULL REFERENCES pass(id) ON DELETE CASCADE,
        transcript TEXT NOT NULL,
        number     INTEGER NOT NULL,
        PRIMARY KEY (pass, transcript, number)
    ) WITHOUT ROWID;";

/// The tables, indexes and views of a new project, but for the segment table's indexes.
pub const SQL: &str = include_str!("schema.sql");

/// The segment table's index: by transcript and number (unique: how segments are named).
pub const SEGMENT_INDEXES: &str = "
    CREATE UNIQUE INDEX IF NOT EXISTS segment_by_number ON segment (transcript, number);";
