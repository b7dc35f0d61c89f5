//! The manifest: what the project holds. JSON, sorted, without timestamps, so the same
//! inputs give the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, Result};

/// The manifest format this build reads and writes.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Manifest format version.
    pub format: u32,
    /// The index generation directory, relative to the project directory.
    pub index: String,
    /// Attribute names, sorted: the index schema has one field for each.
    pub attributes: Vec<String>,
    /// The participants sheet of the last ingest, reused when none is given.
    pub participants_sheet: Option<SheetRecord>,
    /// Extra interviewer labels of the last ingest, reused when none are given.
    pub interviewer_labels: Vec<String>,
    /// Transcripts, sorted by id.
    pub sources: Vec<SourceRecord>,
    /// Participants, sorted by id.
    pub participants: Vec<ParticipantRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRecord {
    pub path: PathBuf,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    pub id: String,
    /// Absolute path of the file.
    pub path: PathBuf,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// SHA-256 of the indexed documents (segments with their attributes): when it
    /// changes, the transcript is re-indexed.
    pub indexed: String,
    pub format: String,
    pub encoding: String,
    pub segments: usize,
    /// Text tokens indexed for this transcript (for exact BM25 statistics).
    pub tokens: u64,
    pub participants: Vec<String>,
    pub warnings: Vec<WarningRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningRecord {
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRecord {
    pub id: String,
    pub attributes: BTreeMap<String, String>,
    pub segments: usize,
    pub transcripts: Vec<String>,
}

impl From<&crate::corpus::Participant> for ParticipantRecord {
    fn from(p: &crate::corpus::Participant) -> Self {
        ParticipantRecord {
            id: p.id.clone(),
            attributes: p
                .attributes
                .iter()
                .map(|(k, a)| (k.clone(), a.value.clone()))
                .collect(),
            segments: p.segments,
            transcripts: p.transcripts.iter().cloned().collect(),
        }
    }
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest {
            format: FORMAT,
            index: String::new(),
            attributes: Vec::new(),
            participants_sheet: None,
            interviewer_labels: Vec::new(),
            sources: Vec::new(),
            participants: Vec::new(),
        }
    }
}

impl Manifest {
    /// Refuse a file written by a newer coda.
    pub fn check_format(bytes: &[u8], path: &Path) -> Result<()> {
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        let v: Version = serde_json::from_slice(bytes).map_err(|e| corrupt(path, &e))?;
        if v.format > FORMAT {
            return Err(Error::input(Problem::at(
                path,
                None,
                format!(
                    "this project was written by a newer coda (project format {}, this coda reads {FORMAT}); upgrade coda",
                    v.format
                ),
            )));
        }
        Ok(())
    }

    /// The format a manifest declares in its first line or so, even when the rest is
    /// damaged.
    pub fn declared_format(bytes: &[u8]) -> Option<u32> {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
        let after = head
            .split_once("\"format\"")?
            .1
            .trim_start()
            .strip_prefix(':')?;
        let digits: String = after
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }

    pub fn from_json(bytes: &[u8], path: &Path) -> Result<Manifest> {
        Manifest::check_format(bytes, path)?;
        serde_json::from_slice(bytes).map_err(|e| corrupt(path, &e))
    }

    /// The manifest as written: pretty JSON and a final newline.
    pub fn write_json(&self, mut w: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut w, self)?;
        w.write_all(b"\n")?;
        w.flush()
    }

    /// Text tokens in the whole index.
    pub fn text_tokens(&self) -> u64 {
        self.sources.iter().map(|s| s.tokens).sum()
    }

    pub fn source(&self, id: &str) -> Option<&SourceRecord> {
        // Sources are kept sorted by id.
        self.sources
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.sources[i])
    }

    /// Distinct values of an attribute over all participants, sorted.
    pub fn values_of(&self, attr: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .participants
            .iter()
            .filter_map(|p| p.attributes.get(attr).cloned())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

fn corrupt(path: &Path, e: &serde_json::Error) -> Error {
    Error::input(Problem::at(
        path,
        Some(e.line()),
        format!(
            "the project manifest cannot be read ({e}); run `coda ingest PATH...` with all the study's transcripts to rebuild it"
        ),
    ))
}
