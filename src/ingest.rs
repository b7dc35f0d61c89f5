//! `coda ingest` as a library call: read the project's transcripts (those already in it
//! whose files remain, plus the new PATHs), and bring the index and manifest up to
//! date, touching only transcripts whose indexed documents changed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Options, Reread, Source};
use crate::error::{Error, Result};
use crate::hash::{Hasher, sha256_hex};
use crate::index::SegmentIndex;
use crate::progress::Progress;
use crate::store::Project;
use crate::store::manifest::{
    ManifestHead, ParticipantRecord, SheetRecord, SourceRecord, WarningRecord,
};
use crate::store::scratch::{Scratch, Spot};

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

/// A transcript read this time: its record and what a second reading needs are set
/// aside in a scratch file, so that memory does not grow with the corpus but by this.
struct Entry {
    id: String,
    spot: Spot,
    status: Status,
    tokens: u64,
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

pub fn ingest(project: &Project, req: &Request, progress: &dyn Progress) -> Result<Report> {
    project.create()?;
    let _lock = project.lock()?;
    // The project's transcripts, in id order: their files that remain are read again.
    let mut old: Vec<(String, PathBuf)> = Vec::new();
    let (old_head, damaged) = project.read_manifest_streaming(&mut |s| {
        old.push((s.id, s.path));
        Ok(())
    })?;
    if old_head.is_none() {
        old.clear();
    }
    old.sort();
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

    // The project's files that remain, then the new paths.
    let mut paths = Vec::new();
    for (id, path) in old {
        if path.exists() {
            paths.push(path);
        } else {
            report.removed.push((id, path));
        }
    }
    paths.extend(req.paths.iter().cloned());

    // First reading: every file parsed once, hashed, its record set aside.
    let mut scratch = Scratch::create(
        &project
            .dir
            .join(format!(".ingest.scratch-{}", std::process::id())),
    )?;
    let mut entries: Vec<Entry> = Vec::new();
    let corpus = Corpus::stream(
        paths,
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
            entries.push(Entry {
                id: s.id.clone(),
                spot,
                status: Status::Added,
                tokens: 0,
            });
            Ok(())
        },
    )?;
    entries.sort_by(|a, b| a.id.cmp(&b.id));

    // Attributes are final now. The participants come packed (each value stored once):
    // the index writer's memory comes on top of them.
    let mut corpus = corpus;
    let attributes = corpus.attribute_names();
    let people = std::mem::take(&mut corpus.participants);

    // The previous versions, from the old manifest read again: of each transcript read
    // this time what is compared; of those whose files failed this time, the whole
    // record, kept.
    let failed: HashSet<&Path> = corpus
        .failures
        .iter()
        .filter_map(|f| f.path.as_deref())
        .collect();
    let mut kept_records: Vec<SourceRecord> = Vec::new();
    // Beside `entries`, made once their number is known (they grow as files are read).
    let mut before: Vec<Option<Before>> = Vec::new();
    before.resize_with(entries.len(), || None);
    if old_head.is_some() {
        project.read_manifest_streaming(&mut |s| {
            match entries.binary_search_by(|e| e.id.as_str().cmp(&s.id)) {
                Ok(i) => {
                    before[i] = Some(Before {
                        indexed: crate::hash::digest_from_hex(&s.indexed),
                        tokens: s.tokens,
                    });
                }
                Err(_) if failed.contains(s.path.as_path()) => {
                    report.kept.push((s.id.clone(), s.path.clone()));
                    kept_records.push(s);
                }
                Err(_) => {}
            }
            Ok(())
        })?;
    }
    kept_records.sort_by(|a, b| a.id.cmp(&b.id));
    report.kept.sort();

    // A document's hash covers its participants' attributes.
    let attrs_of = |p: &Option<String>| -> BTreeMap<String, String> {
        p.as_ref()
            .and_then(|id| people.get(id))
            .map(|p| {
                p.attributes()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
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

    // Decide what changes; each record is set aside again, complete.
    for (e, before) in entries.iter_mut().zip(before) {
        let mut set: SetAside = scratch.get(e.spot)?;
        let r = &mut set.record;
        let attrs: Vec<(&String, BTreeMap<String, String>)> = r
            .participants
            .iter()
            .map(|p| (p, attrs_of(&Some(p.clone()))))
            .collect();
        let json = serde_json::to_string(&attrs).expect("attributes serialise");
        r.indexed = sha256_hex(format!("{}\n{json}", r.indexed).as_bytes());
        e.status = match &before {
            None => Status::Added,
            Some(b) if b.indexed != crate::hash::digest_from_hex(&r.indexed) => Status::Changed,
            Some(b) => {
                e.tokens = b.tokens;
                Status::Unchanged
            }
        };
        e.spot = scratch.push(&set)?;
    }
    let count = |s: Status| entries.iter().filter(|e| e.status == s).count();
    report.added = count(Status::Added);
    report.changed = count(Status::Changed);
    report.unchanged = count(Status::Unchanged);
    let to_index = |e: &Entry| rebuild || e.status != Status::Unchanged;

    // Second reading: only the files to index, one at a time.
    if rebuild || entries.iter().any(to_index) || !report.removed.is_empty() {
        let dir = project.index_dir(&new_generation);
        let index = if rebuild {
            if dir.exists() {
                // Left over from an interrupted rebuild: never named by the manifest.
                std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            }
            SegmentIndex::create(&dir, &attributes)?
        } else {
            SegmentIndex::open(&dir)?
        };
        let mut w = index.writer()?;
        for (id, _) in &report.removed {
            w.delete_transcript(id, true);
        }
        progress.begin("indexing", entries.iter().filter(|e| to_index(e)).count());
        let mut indexed = 0usize;
        for e in entries.iter_mut().filter(|e| to_index(e)) {
            let set: SetAside = scratch.get(e.spot)?;
            progress.advance(&set.reread.path);
            if !rebuild {
                // Also clears documents of an add whose manifest write was interrupted.
                w.delete_transcript(&e.id, e.status == Status::Changed);
            }
            let segments = corpus
                .reread(&set.reread)
                .map_err(|p| Error::Input(vec![p]))?;
            let mut tokens = 0;
            for seg in &segments {
                tokens += crate::index::token_count(&seg.text);
                w.add(seg, &attrs_of(&seg.participant))?;
            }
            e.tokens = tokens;
            indexed += 1;
            if indexed.is_multiple_of(1000) {
                release_free_memory();
            }
        }
        w.commit()?;
        progress.end();
    }

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
    let text_tokens = entries.iter().map(|e| e.tokens).sum::<u64>()
        + kept_records.iter().map(|r| r.tokens).sum::<u64>();
    let totals = std::cell::Cell::new((0usize, 0usize, 0usize));
    // This state's records in id order: those read this time and those kept.
    let mut fresh = entries.iter().peekable();
    let mut kept_iter = kept_records.into_iter().peekable();
    let sources = std::iter::from_fn(|| {
        let next = match (fresh.peek(), kept_iter.peek()) {
            (Some(e), Some(k)) if k.id < e.id => Ok(kept_iter.next()?),
            (Some(_), _) => {
                let e = fresh.next()?;
                scratch.get::<SetAside>(e.spot).map(|set| SourceRecord {
                    tokens: e.tokens,
                    ..set.record
                })
            }
            (None, Some(_)) => Ok(kept_iter.next()?),
            (None, None) => return None,
        };
        if let Ok(r) = &next {
            let (n, segs, warns) = totals.get();
            totals.set((n + 1, segs + r.segments, warns + r.warnings.len()));
        }
        Some(next)
    });
    let participants = || -> Box<dyn Iterator<Item = ParticipantRecord> + '_> {
        Box::new(people.rows().map(|p| p.record()))
    };
    project.commit_state(&head, sources, &participants, text_tokens)?;
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
