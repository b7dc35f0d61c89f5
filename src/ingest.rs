//! `coda ingest` as a library call: read the project's transcripts (those already in it
//! whose files remain, plus the new PATHs), and bring the index and manifest up to
//! date, touching only transcripts whose indexed documents changed. What it keeps of
//! each transcript (the previous record, where the new one is set aside, what became of
//! it) is sorted and kept in scratch files, not in memory.

use std::collections::{BTreeMap, HashSet};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Options, Reread, Source};
use crate::error::{Error, Result};
use crate::hash::{Hasher, sha256_hex};
use crate::index::SegmentIndex;
use crate::progress::Progress;
use crate::store::Project;
use crate::store::manifest::{ManifestHead, SheetRecord, SourceRecord, WarningRecord};
use crate::store::scratch::{Scratch, Spot};
use crate::store::sorter::{Appender, Sorter};

/// What to ingest.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub paths: Vec<PathBuf>,
    /// The participants sheet; `None` reuses the last ingest's.
    pub participants: Option<PathBuf>,
    /// Extra interviewer labels; empty reuses the last ingest's.
    pub interviewer_labels: Vec<String>,
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Report {
    /// Failures, skipped files and warnings (sources and participants are not kept).
    pub corpus: Corpus,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Transcripts removed because their files are gone: id and path.
    pub removed: Vec<(String, PathBuf)>,
    /// Transcripts whose file could not be read this time: their previous version stays.
    pub kept: Vec<(String, PathBuf)>,
    /// The manifest could not be read: the project was rebuilt from the paths given.
    pub damaged_manifest: Option<crate::Problem>,
    /// The participants sheet reused from the last ingest, if any.
    pub reused_sheet: Option<PathBuf>,
    /// The project now: transcripts, segments, warnings, participants.
    pub sources: usize,
    pub segments: usize,
    pub warnings: usize,
    pub participants: usize,
}

/// One indexed document, as hashed to notice changes.
#[derive(Serialize)]
struct DocView<'a> {
    segment: String,
    speaker: &'a str,
    role: &'a str,
    participant: Option<&'a str>,
    start_ms: Option<u64>,
    end_ms: Option<u64>,
    lines: (usize, usize),
    text: &'a str,
}

/// What became of a transcript read this time, as the ingest goes over them in id
/// order: where its record is in the scratch file, its status and its text tokens.
/// Kept on disk, one record per transcript ([`Appender`]), not in memory.
struct Entry {
    spot: Spot,
    status: Status,
    tokens: u64,
}

impl Entry {
    const SIZE: usize = Spot::SIZE + 9;

    fn to_bytes(&self) -> [u8; Entry::SIZE] {
        let mut b = [0u8; Entry::SIZE];
        b[..Spot::SIZE].copy_from_slice(&self.spot.to_bytes());
        b[Spot::SIZE] = match self.status {
            Status::Added => 0,
            Status::Changed => 1,
            Status::Unchanged => 2,
        };
        b[Spot::SIZE + 1..].copy_from_slice(&self.tokens.to_le_bytes());
        b
    }

    fn from_bytes(b: &[u8]) -> Entry {
        Entry {
            spot: Spot::from_bytes(b),
            status: match b.get(Spot::SIZE) {
                Some(0) => Status::Added,
                Some(1) => Status::Changed,
                _ => Status::Unchanged,
            },
            tokens: b
                .get(Spot::SIZE + 1..Entry::SIZE)
                .map_or(0, |t| u64::from_le_bytes(t.try_into().expect("8 bytes"))),
        }
    }
}

/// What an ingest compares of a transcript's previous version.
struct Before {
    indexed: Option<[u8; 32]>,
    tokens: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Added,
    Changed,
    Unchanged,
}

#[derive(Serialize, Deserialize)]
struct SetAside {
    record: SourceRecord,
    reread: Reread,
}

/// A record of the previous manifest, as set aside.
fn old_record(path: &Path, json: &[u8]) -> Result<SourceRecord> {
    serde_json::from_slice(json).map_err(|e| Error::io(path, e.into()))
}

pub fn ingest(project: &Project, req: &Request, progress: &dyn Progress) -> Result<Report> {
    project.create()?;
    let _lock = project.lock()?;
    // The project's transcripts, sorted by id on disk.
    let mut old = Sorter::anonymous()?;
    let (old_head, damaged) = project.read_manifest_streaming(&mut |s| {
        let json = serde_json::to_vec(&s).expect("a record serialises");
        old.push(s.id.as_bytes(), &json)
    })?;
    let mut report = Report {
        damaged_manifest: damaged,
        ..Report::default()
    };
    let sheet = match (
        &req.participants,
        old_head
            .as_ref()
            .and_then(|m| m.participants_sheet.as_ref()),
    ) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(rec)) => {
            report.reused_sheet = Some(rec.path.clone());
            Some(rec.path.clone())
        }
        (None, None) => None,
    };
    let labels = if req.interviewer_labels.is_empty() {
        old_head
            .as_ref()
            .map(|m| m.interviewer_labels.clone())
            .unwrap_or_default()
    } else {
        req.interviewer_labels.clone()
    };

    // The previous records in id order, set aside to compare with; their files that
    // remain are read again, before the new paths.
    let mut olds = Appender::anonymous()?;
    let mut remaining = Appender::anonymous()?;
    if old_head.is_some() {
        let mut sorted = old.finish()?;
        while let Some((id, json)) = sorted.next()? {
            let r = old_record(project.dir.as_path(), &json)?;
            if r.path.exists() {
                remaining.push(r.path.as_os_str().as_bytes(), &[])?;
            } else {
                report.removed.push((r.id, r.path));
            }
            olds.push(&id, &json)?;
        }
    }
    let (olds, remaining) = (olds.finish()?, remaining.finish()?);
    let paths = remaining
        .records()
        .items()
        .map(|r| r.map(|(path, _)| PathBuf::from(std::ffi::OsStr::from_bytes(&path))))
        .chain(req.paths.iter().cloned().map(Ok));

    // First reading: every file parsed once, hashed, its record set aside; the
    // transcripts read, sorted by id on disk.
    let mut scratch = Scratch::create(
        &project
            .dir
            .join(format!(".ingest.scratch-{}", std::process::id())),
    )?;
    let mut read = Sorter::anonymous()?;
    let corpus = Corpus::stream(
        Box::new(paths),
        &Options {
            participants: sheet.clone(),
            interviewer_labels: labels.clone(),
        },
        progress,
        &mut |s| {
            let spot = scratch.push(&SetAside {
                record: record(s),
                reread: s.reread_key(),
            })?;
            read.push(s.id.as_bytes(), &spot.to_bytes())
        },
    )?;

    // Attributes are final now. The participants wait on disk, looked up one at a time.
    let mut corpus = corpus;
    let attributes = corpus.attribute_names();
    let people = std::mem::take(&mut corpus.participants);

    // A document's hash covers its participants' attributes.
    let attrs_of = |p: &Option<String>| -> Result<BTreeMap<String, String>> {
        let entry = match p {
            Some(id) => people.get(id)?,
            None => None,
        };
        Ok(entry
            .map(|p| {
                p.attributes()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            })
            .unwrap_or_default())
    };

    let generation = old_head
        .as_ref()
        .map(|m| m.index.clone())
        .unwrap_or_default();
    let index_ok =
        !generation.is_empty() && project.index_dir(&generation).join("meta.json").exists();
    let rebuild = !index_ok || old_head.as_ref().is_none_or(|m| m.attributes != attributes);
    let new_generation = if rebuild {
        next_generation(&generation)
    } else {
        generation.clone()
    };

    // Each transcript read beside its previous version (both in id order): what changes.
    // Each record is set aside again, complete. Of the previous versions whose files
    // failed this time, the whole record is kept.
    let failed: HashSet<&Path> = corpus
        .failures
        .iter()
        .filter_map(|f| f.path.as_deref())
        .collect();
    let mut kept_records: Vec<SourceRecord> = Vec::new();
    let mut olds_read = olds.records();
    let mut next_old = || -> Result<Option<SourceRecord>> {
        olds_read
            .next()?
            .map(|(_, json)| old_record(olds.path(), &json))
            .transpose()
    };
    let mut old = next_old()?;
    let mut keep = |r: SourceRecord, report: &mut Report| {
        if failed.contains(r.path.as_path()) {
            report.kept.push((r.id.clone(), r.path.clone()));
            kept_records.push(r);
        }
    };
    let mut decided = Appender::anonymous()?;
    let mut read = read.finish()?;
    while let Some((id, spot)) = read.next()? {
        while let Some(r) = old.take_if(|r| r.id.as_bytes() < id.as_slice()) {
            keep(r, &mut report);
            old = next_old()?;
        }
        let before = match old.take_if(|r| r.id.as_bytes() == id.as_slice()) {
            Some(r) => {
                old = next_old()?;
                Some(Before {
                    indexed: crate::hash::digest_from_hex(&r.indexed),
                    tokens: r.tokens,
                })
            }
            None => None,
        };
        let mut set: SetAside = scratch.get(Spot::from_bytes(&spot))?;
        let r = &mut set.record;
        let attrs: Vec<(&String, BTreeMap<String, String>)> = r
            .participants
            .iter()
            .map(|p| Ok((p, attrs_of(&Some(p.clone()))?)))
            .collect::<Result<_>>()?;
        let json = serde_json::to_string(&attrs).expect("attributes serialise");
        r.indexed = sha256_hex(format!("{}\n{json}", r.indexed).as_bytes());
        let (status, tokens) = match &before {
            None => (Status::Added, 0),
            Some(b) if b.indexed != crate::hash::digest_from_hex(&r.indexed) => {
                (Status::Changed, 0)
            }
            Some(b) => (Status::Unchanged, b.tokens),
        };
        match status {
            Status::Added => report.added += 1,
            Status::Changed => report.changed += 1,
            Status::Unchanged => report.unchanged += 1,
        }
        let spot = scratch.push(&set)?;
        decided.push(
            &id,
            &Entry {
                spot,
                status,
                tokens,
            }
            .to_bytes(),
        )?;
    }
    while let Some(r) = old.take() {
        keep(r, &mut report);
        old = next_old()?;
    }
    drop(read);
    let decided = decided.finish()?;
    let to_index = |e: &Entry| rebuild || e.status != Status::Unchanged;

    // Second reading: only the files to index, one at a time. Each transcript's tokens
    // are set aside beside its record.
    let mut done = Appender::anonymous()?;
    let mut text_tokens = kept_records.iter().map(|r| r.tokens).sum::<u64>();
    let index = if rebuild || report.added + report.changed > 0 || !report.removed.is_empty() {
        let dir = project.index_dir(&new_generation);
        Some(if rebuild {
            if dir.exists() {
                // Left over from an interrupted rebuild: never named by the manifest.
                std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            }
            SegmentIndex::create(&dir, &attributes)?
        } else {
            SegmentIndex::open(&dir)?
        })
    } else {
        None
    };
    let mut writer = match &index {
        Some(index) => {
            let mut w = index.writer()?;
            for (id, _) in &report.removed {
                w.delete_transcript(id, true);
            }
            Some(w)
        }
        None => None,
    };
    let indexing = if rebuild {
        decided.len()
    } else {
        report.added + report.changed
    };
    if writer.is_some() {
        progress.begin("indexing", indexing);
    }
    let mut indexed = 0usize;
    let mut entries = decided.records();
    while let Some((id, entry)) = entries.next()? {
        let mut e = Entry::from_bytes(&entry);
        if let Some(w) = writer.as_mut().filter(|_| to_index(&e)) {
            let id = String::from_utf8_lossy(&id);
            let set: SetAside = scratch.get(e.spot)?;
            progress.advance(&set.reread.path);
            if !rebuild {
                // Also clears documents of an add whose manifest write was interrupted.
                w.delete_transcript(&id, e.status == Status::Changed);
            }
            let segments = corpus
                .reread(&set.reread)
                .map_err(|p| Error::Input(vec![p]))?;
            let mut tokens = 0;
            for seg in &segments {
                tokens += crate::index::token_count(&seg.text);
                // Looked up for each segment: the table keeps the last participant.
                let person = match &seg.participant {
                    Some(id) => people.get(id)?,
                    None => None,
                };
                w.add(seg, person.iter().flat_map(|p| p.attributes()))?;
            }
            e.tokens = tokens;
            indexed += 1;
            if indexed.is_multiple_of(1000) {
                release_free_memory();
            }
        }
        text_tokens += e.tokens;
        done.push(&id, &e.to_bytes())?;
    }
    if let Some(w) = writer {
        w.commit()?;
        progress.end();
    }
    let done = done.finish()?;

    let head = ManifestHead {
        format: crate::store::manifest::FORMAT,
        index: new_generation.clone(),
        attributes,
        participants_sheet: match &sheet {
            Some(p) => Some(sheet_record(p)?),
            None => None,
        },
        interviewer_labels: labels,
    };
    let totals = std::cell::Cell::new((0usize, 0usize, 0usize));
    // This state's records in id order: those read this time and those kept.
    let mut fresh = done.records().items().peekable();
    let mut kept_iter = kept_records.into_iter().peekable();
    let sources = std::iter::from_fn(|| {
        let next = match (fresh.peek(), kept_iter.peek()) {
            (Some(Ok((id, _))), Some(k)) if k.id.as_bytes() < id.as_slice() => {
                Ok(kept_iter.next()?)
            }
            (Some(_), _) => fresh.next()?.and_then(|(_, entry)| {
                let e = Entry::from_bytes(&entry);
                scratch.get::<SetAside>(e.spot).map(|set| SourceRecord {
                    tokens: e.tokens,
                    ..set.record
                })
            }),
            (None, Some(_)) => Ok(kept_iter.next()?),
            (None, None) => return None,
        };
        if let Ok(r) = &next {
            let (n, segs, warns) = totals.get();
            totals.set((n + 1, segs + r.segments, warns + r.warnings.len()));
        }
        Some(next)
    });
    project.commit_state(&head, sources, &people, text_tokens)?;
    if rebuild && !generation.is_empty() && generation != new_generation {
        let _ = std::fs::remove_dir_all(project.index_dir(&generation));
    }
    (report.sources, report.segments, report.warnings) = totals.get();
    report.participants = people.len();
    report.corpus = corpus;
    Ok(report)
}

/// Hand memory freed by the index writer's flushes back to the system: without this,
/// glibc keeps the freed pages of its threads' arenas, and the process grows by a few
/// dozen MB per GB indexed.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A source's record; `indexed` holds the hash of its documents without attributes,
/// which the caller completes once attributes are final.
fn record(s: &Source) -> SourceRecord {
    let docs: Vec<DocView<'_>> = s
        .segments
        .iter()
        .map(|seg| DocView {
            segment: seg.id(),
            speaker: &seg.speaker,
            role: seg.role.as_str(),
            participant: seg.participant.as_deref(),
            start_ms: seg.start_ms,
            end_ms: seg.end_ms,
            lines: seg.lines,
            text: &seg.text,
        })
        .collect();
    let mut participants: Vec<String> = s
        .segments
        .iter()
        .filter_map(|seg| seg.participant.clone())
        .collect();
    participants.sort();
    participants.dedup();
    SourceRecord {
        id: s.id.clone(),
        path: absolute(&s.path),
        sha256: s.sha256.clone(),
        indexed: {
            let mut h = Hasher::new();
            serde_json::to_writer(&mut h, &docs).expect("docs serialise");
            h.finish()
        },
        format: s.format.as_str().to_owned(),
        encoding: s.encoding.name().to_owned(),
        segments: s.segments.len(),
        tokens: 0,
        participants,
        warnings: s
            .warnings
            .iter()
            .map(|w| WarningRecord {
                line: w.line,
                message: w.message.clone(),
            })
            .collect(),
    }
}

fn sheet_record(path: &Path) -> Result<SheetRecord> {
    Ok(SheetRecord {
        path: absolute(path),
        sha256: crate::hash::sha256_file(path).map_err(|e| Error::io(path, e))?,
    })
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// `index-1`, `index-2`, ...: a rebuild goes to a fresh folder, and the manifest
/// switches to it only once it is complete.
fn next_generation(current: &str) -> String {
    let n: u64 = current
        .strip_prefix("index-")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    format!("index-{}", n + 1)
}
