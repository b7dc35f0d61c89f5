//! `coda ingest` as a library call: read the project's transcripts (those already in it
//! whose files remain, plus the new PATHs), and bring the index and manifest up to
//! date, touching only transcripts whose indexed documents changed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::{Corpus, Options, Source};
use crate::error::{Error, Result};
use crate::hash::{Hasher, sha256_hex};
use crate::index::SegmentIndex;
use crate::progress::Progress;
use crate::store::manifest::{ParticipantRecord, SheetRecord, SourceRecord, WarningRecord};
use crate::store::{Manifest, Project};

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
    pub corpus: Corpus,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: Vec<String>,
    /// Transcripts removed because their files are gone: id and path.
    pub removed: Vec<(String, PathBuf)>,
    /// Transcripts whose file could not be read this time: their previous version stays.
    pub kept: Vec<(String, PathBuf)>,
    /// The manifest could not be read: the project was rebuilt from the paths given.
    pub damaged_manifest: Option<crate::Problem>,
    /// The participants sheet reused from the last ingest, if any.
    pub reused_sheet: Option<PathBuf>,
    pub manifest: Manifest,
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

pub fn ingest(project: &Project, req: &Request, progress: &dyn Progress) -> Result<Report> {
    project.create()?;
    let _lock = project.lock()?;
    let (old, damaged) = project.read_manifest_for_rebuild()?;
    let old_ref = old.as_ref();

    let mut report = Report {
        damaged_manifest: damaged,
        ..Report::default()
    };
    let sheet = match (
        &req.participants,
        old_ref.and_then(|m| m.participants_sheet.as_ref()),
    ) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(rec)) => {
            report.reused_sheet = Some(rec.path.clone());
            Some(rec.path.clone())
        }
        (None, None) => None,
    };
    let labels = if req.interviewer_labels.is_empty() {
        old_ref
            .map(|m| m.interviewer_labels.clone())
            .unwrap_or_default()
    } else {
        req.interviewer_labels.clone()
    };

    // The project's files that remain, then the new paths.
    let mut paths = Vec::new();
    for s in old_ref.map(|m| m.sources.as_slice()).unwrap_or_default() {
        if s.path.exists() {
            paths.push(s.path.clone());
        } else {
            report.removed.push((s.id.clone(), s.path.clone()));
        }
    }
    paths.extend(req.paths.iter().cloned());

    // First reading: every file parsed once, hashed, its segments dropped.
    let mut records: Vec<SourceRecord> = Vec::new();
    let corpus = Corpus::stream(
        &paths,
        &Options {
            participants: sheet.clone(),
            interviewer_labels: labels.clone(),
        },
        progress,
        &mut |s, _| {
            records.push(record(s));
            Ok(())
        },
    )?;

    // Files of the project that failed this time keep their previous version.
    let read: HashSet<&str> = corpus.sources.iter().map(|s| s.id.as_str()).collect();
    let failed: HashSet<&Path> = corpus
        .failures
        .iter()
        .filter_map(|f| f.path.as_deref())
        .collect();
    for s in old_ref.map(|m| m.sources.as_slice()).unwrap_or_default() {
        if failed.contains(s.path.as_path()) && !read.contains(s.id.as_str()) {
            report.kept.push((s.id.clone(), s.path.clone()));
        }
    }

    // Attributes are final now: a document's hash covers its participants' attributes.
    let attributes = corpus.attribute_names();
    let attrs_of = |p: &Option<String>| -> BTreeMap<String, String> {
        p.as_ref()
            .and_then(|id| corpus.participants.get(id))
            .map(|p| {
                p.attributes
                    .iter()
                    .map(|(k, a)| (k.clone(), a.value.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    for r in &mut records {
        let attrs: Vec<(&String, BTreeMap<String, String>)> = r
            .participants
            .iter()
            .map(|p| (p, attrs_of(&Some(p.clone()))))
            .collect();
        let json = serde_json::to_string(&attrs).expect("attributes serialise");
        r.indexed = sha256_hex(format!("{}\n{json}", r.indexed).as_bytes());
    }

    let generation = old_ref.map(|m| m.index.clone()).unwrap_or_default();
    let index_ok =
        !generation.is_empty() && project.index_dir(&generation).join("meta.json").exists();
    let rebuild = !index_ok || old_ref.is_none_or(|m| m.attributes != attributes);
    let new_generation = if rebuild {
        next_generation(&generation)
    } else {
        generation.clone()
    };

    // Decide what changes.
    let mut to_index: Vec<(&Source, usize)> = Vec::new();
    for (s, (i, rec)) in corpus.sources.iter().zip(records.iter_mut().enumerate()) {
        match old_ref.and_then(|m| m.source(&s.id)) {
            None => report.added.push(s.id.clone()),
            Some(o) if o.indexed != rec.indexed => report.changed.push(s.id.clone()),
            Some(o) => {
                report.unchanged.push(s.id.clone());
                rec.tokens = o.tokens;
                if !rebuild {
                    continue;
                }
            }
        }
        to_index.push((s, i));
    }
    let removed_ids: Vec<String> = report.removed.iter().map(|(id, _)| id.clone()).collect();

    // Second reading: only the files to index, one at a time.
    if rebuild || !to_index.is_empty() || !removed_ids.is_empty() {
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
        for id in &removed_ids {
            w.delete_transcript(id, true);
        }
        let changed: HashSet<&str> = report.changed.iter().map(String::as_str).collect();
        progress.begin("indexing", to_index.len());
        for (s, i) in &to_index {
            progress.advance(&s.path);
            if !rebuild {
                // Also clears documents of an add whose manifest write was interrupted.
                w.delete_transcript(&s.id, changed.contains(s.id.as_str()));
            }
            let segments = corpus.reread(s).map_err(|p| Error::Input(vec![p]))?;
            let mut tokens = 0;
            for seg in &segments {
                tokens += crate::index::token_count(&seg.text);
                w.add(seg, &attrs_of(&seg.participant))?;
            }
            records[*i].tokens = tokens;
        }
        w.commit()?;
        progress.end();
    }
    let mut kept_records: Vec<SourceRecord> = report
        .kept
        .iter()
        .filter_map(|(id, _)| old_ref.and_then(|m| m.source(id)).cloned())
        .collect();
    records.append(&mut kept_records);
    records.sort_by(|a, b| a.id.cmp(&b.id));

    let manifest = Manifest {
        format: crate::store::manifest::FORMAT,
        index: new_generation.clone(),
        attributes,
        participants_sheet: match &sheet {
            Some(p) => Some(sheet_record(p)?),
            None => None,
        },
        interviewer_labels: labels,
        sources: records,
        participants: corpus
            .participants
            .values()
            .map(ParticipantRecord::from)
            .collect(),
    };
    project.commit_state(&manifest, old.as_ref())?;
    if rebuild && !generation.is_empty() && generation != new_generation {
        let _ = std::fs::remove_dir_all(project.index_dir(&generation));
    }
    report.corpus = corpus;
    report.manifest = manifest;
    Ok(report)
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
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(SheetRecord {
        path: absolute(path),
        sha256: sha256_hex(&bytes),
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
