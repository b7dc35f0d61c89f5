//! The manifest: what the project holds. JSON, sorted, without timestamps, so the same
//! inputs give the same bytes.

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
    pub attributes: Values,
    pub segments: usize,
    pub transcripts: Vec<String>,
}

/// Attribute values by name.
pub type Values = crate::names::Names<String>;

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
            return Err(newer(path, v.format));
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

fn newer(path: &Path, format: u32) -> Error {
    Error::input(Problem::at(
        path,
        None,
        format!(
            "this project was written by a newer coda (project format {format}, this coda reads {FORMAT}); upgrade coda"
        ),
    ))
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

/// A manifest without its sources and participants: what a writer holds while it
/// streams the rest.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManifestHead {
    pub format: u32,
    pub index: String,
    pub attributes: Vec<String>,
    pub participants_sheet: Option<SheetRecord>,
    pub interviewer_labels: Vec<String>,
}

impl ManifestHead {
    /// Read a manifest from `r`, handing each source record to `each` in order, one at a
    /// time, and skipping the participants: memory does not grow with the project.
    pub fn read(
        r: impl std::io::Read,
        path: &Path,
        each: &mut dyn FnMut(SourceRecord) -> Result<()>,
    ) -> Result<ManifestHead> {
        let mut failed = None;
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(r));
        let visitor = HeadVisitor {
            each,
            failed: &mut failed,
        };
        let out = serde::Deserializer::deserialize_map(&mut de, visitor).and_then(|h| {
            de.end()?;
            Ok(h)
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let head = out.map_err(|e| corrupt(path, &e))?;
        if head.format > FORMAT {
            return Err(newer(path, head.format));
        }
        Ok(head)
    }

    /// Write a manifest: these fields, then the sources and participants as the
    /// iterators yield them (each sorted by id), byte for byte as `Manifest::write_json`
    /// writes the same manifest.
    pub fn write(
        &self,
        w: &mut dyn std::io::Write,
        sources: impl Iterator<Item = Result<SourceRecord>>,
        participants: impl Iterator<Item = Result<impl Serialize>>,
    ) -> Result<()> {
        #[derive(Serialize)]
        struct Out<'a, S: Serialize, P: Serialize> {
            format: u32,
            index: &'a str,
            attributes: &'a [String],
            participants_sheet: &'a Option<SheetRecord>,
            interviewer_labels: &'a [String],
            sources: S,
            participants: P,
        }
        let failed = std::cell::RefCell::new(None);
        let out = Out {
            format: self.format,
            index: &self.index,
            attributes: &self.attributes,
            participants_sheet: &self.participants_sheet,
            interviewer_labels: &self.interviewer_labels,
            sources: Lazy::new(until_error(sources, &failed)),
            participants: Lazy::new(until_error(participants, &failed)),
        };
        let res = serde_json::to_writer_pretty(&mut *w, &out);
        drop(out);
        if let Some(e) = failed.into_inner() {
            return Err(e);
        }
        res.map_err(|e| Error::Output(e.into()))?;
        w.write_all(b"\n").map_err(Error::Output)?;
        Ok(())
    }
}

/// The items up to the first error, which is kept in `failed`.
pub(crate) fn until_error<'a, T>(
    items: impl Iterator<Item = Result<T>> + 'a,
    failed: &'a std::cell::RefCell<Option<Error>>,
) -> impl Iterator<Item = T> + 'a {
    items.map_while(move |r| match r {
        Ok(s) => Some(s),
        Err(e) => {
            *failed.borrow_mut() = Some(e);
            None
        }
    })
}

/// A sequence serialised from an iterator, once.
pub(crate) struct Lazy<I>(std::cell::RefCell<Option<I>>);

impl<I> Lazy<I> {
    pub(crate) fn new(iter: I) -> Self {
        Lazy(std::cell::RefCell::new(Some(iter)))
    }
}

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Lazy<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let iter = self.0.borrow_mut().take();
        s.collect_seq(iter.into_iter().flatten())
    }
}

struct HeadVisitor<'a> {
    each: &'a mut dyn FnMut(SourceRecord) -> Result<()>,
    failed: &'a mut Option<Error>,
}

impl<'de> serde::de::Visitor<'de> for HeadVisitor<'_> {
    type Value = ManifestHead;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a coda manifest")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<ManifestHead, A::Error> {
        use serde::de::{Error as _, IgnoredAny};
        let mut head = ManifestHead::default();
        let mut format = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let f: u32 = map.next_value()?;
                    if f > FORMAT {
                        // Nothing further is read the way this coda reads it.
                        head.format = f;
                        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                        return Ok(head);
                    }
                    format = Some(f);
                }
                "index" => head.index = map.next_value()?,
                "attributes" => head.attributes = map.next_value()?,
                "participants_sheet" => head.participants_sheet = map.next_value()?,
                "interviewer_labels" => head.interviewer_labels = map.next_value()?,
                "sources" => map.next_value_seed(SourcesSeed {
                    each: &mut *self.each,
                    failed: &mut *self.failed,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        head.format = format.ok_or_else(|| A::Error::missing_field("format"))?;
        Ok(head)
    }
}

struct SourcesSeed<'a> {
    each: &'a mut dyn FnMut(SourceRecord) -> Result<()>,
    failed: &'a mut Option<Error>,
}

impl<'de> serde::de::DeserializeSeed<'de> for SourcesSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for SourcesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of sources")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        while let Some(s) = seq.next_element::<SourceRecord>()? {
            if let Err(e) = (self.each)(s) {
                *self.failed = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}
