//! The database schema (`schema.sql`) and its version, kept in `PRAGMA user_version`.
//! A change to the schema raises `VERSION`; a database of another version is refused
//! with a message saying how to rebuild it.

/// The schema version this build reads and writes.
pub const VERSION: i64 = 1;

/// The tables, indexes and views of a new project.
pub const SQL: &str = include_str!("schema.sql");
