//! `coda ingest` as a library call: read the project's transcripts (those already in it
//! whose files remain, plus the new PATHs), and bring the index and manifest up to
//! date, touching only transcripts whose indexed documents changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::{Corpus, Options, Source};
use crate::error::{Error, Result};
use crate::hash::sha256_hex;
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
    attributes: &'a BTreeMap<String, String>,
}

pub fn ingest(project: &Project, req: &Request, progress: &dyn Progress) -> Result<Report> {
    project.create()?;
    let _lock = project.lock()?;
    let old = project.read_manifest()?;
    let old_ref = old.as_ref();

    let mut report = Report::default();
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

    let corpus = Corpus::load(
        &paths,
        &Options {
            participants: sheet.clone(),
            interviewer_labels: labels.clone(),
        },
        progress,
    )?;

    // Files of the project that failed this time keep their previous version.
    let mut kept_records = Vec::new();
    for s in old_ref.map(|m| m.sources.as_slice()).unwrap_or_default() {
        let failed = corpus
            .failures
            .iter()
            .any(|f| f.path.as_deref() == Some(s.path.as_path()));
        if failed && !corpus.sources.iter().any(|c| c.id == s.id) {
            report.kept.push((s.id.clone(), s.path.clone()));
            kept_records.push(s.clone());
        }
    }

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
    let mut analyzer = crate::index::text_analyzer();
    let mut records: Vec<SourceRecord> = corpus
        .sources
        .iter()
        .map(|s| {
            let mut r = record(s, &attrs_of);
            r.tokens = match old_ref.and_then(|m| m.source(&s.id)) {
                Some(o) if o.indexed == r.indexed && o.tokens > 0 => o.tokens,
                _ => s
                    .segments
                    .iter()
                    .map(|seg| crate::index::token_count(&mut analyzer, &seg.text))
                    .sum(),
            };
            r
        })
        .collect();
    records.extend(kept_records);
    records.sort_by(|a, b| a.id.cmp(&b.id));

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
    let mut to_index: Vec<&Source> = Vec::new();
    for s in &corpus.sources {
        let rec = records
            .iter()
            .find(|r| r.id == s.id)
            .expect("record per source");
        match old_ref.and_then(|m| m.source(&s.id)) {
            None => report.added.push(s.id.clone()),
            Some(o) if o.indexed != rec.indexed => report.changed.push(s.id.clone()),
            Some(_) => {
                report.unchanged.push(s.id.clone());
                if !rebuild {
                    continue;
                }
            }
        }
        to_index.push(s);
    }
    let removed_ids: Vec<String> = report.removed.iter().map(|(id, _)| id.clone()).collect();

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
        progress.begin("indexing", to_index.len());
        for s in &to_index {
            progress.advance(&s.path);
            if !rebuild {
                // Also clears documents of an add whose manifest write was interrupted.
                w.delete_transcript(&s.id, report.changed.contains(&s.id));
            }
            for seg in &s.segments {
                w.add(seg, &attrs_of(&seg.participant))?;
            }
        }
        w.commit()?;
        progress.end();
    }

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
    if old.as_ref() != Some(&manifest) {
        project.write_manifest(&manifest)?;
    }
    project.write_head(&manifest)?;
    project.write_participants(&manifest)?;
    if rebuild && !generation.is_empty() && generation != new_generation {
        let _ = std::fs::remove_dir_all(project.index_dir(&generation));
    }
    report.corpus = corpus;
    report.manifest = manifest;
    Ok(report)
}

fn record(
    s: &Source,
    attrs_of: &dyn Fn(&Option<String>) -> BTreeMap<String, String>,
) -> SourceRecord {
    let attrs: Vec<BTreeMap<String, String>> = s
        .segments
        .iter()
        .map(|seg| attrs_of(&seg.participant))
        .collect();
    let docs: Vec<DocView<'_>> = s
        .segments
        .iter()
        .zip(&attrs)
        .map(|(seg, a)| DocView {
            segment: seg.id(),
            speaker: &seg.speaker,
            role: seg.role.as_str(),
            participant: seg.participant.as_deref(),
            start_ms: seg.start_ms,
            end_ms: seg.end_ms,
            lines: seg.lines,
            text: &seg.text,
            attributes: a,
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
        indexed: sha256_hex(&serde_json::to_vec(&docs).expect("docs serialise")),
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
