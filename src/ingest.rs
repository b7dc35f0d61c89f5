//! `coda ingest` and `coda reindex` as library calls. Ingest reads the project's
//! transcripts (those already in it whose files remain, plus the new PATHs) and writes
//! them into the database in one transaction, each transcript's segments replaced only
//! when their content changed; then brings the search index up to date from the
//! database, touching only transcripts whose indexed documents changed. The index is
//! derived data: `reindex` rebuilds it from the database alone.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::{Corpus, Options, Segment, Source};
use crate::error::{Error, Result};
use crate::hash::{Hasher, sha256_hex};
use crate::index::SegmentIndex;
use crate::progress::Progress;
use crate::store::{Db, Project, SegmentRow};
use crate::store::{ParticipantIn, TranscriptIn};
use crate::transcript::Role;

/// The index layout this build writes; an index of another version is rebuilt.
const INDEX_VERSION: u32 = 7;

/// What to ingest.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub paths: Vec<PathBuf>,
    /// The participants sheet; `None` reuses the last ingest's.
    pub participants: Option<PathBuf>,
    /// The transcripts sheet; `None` reuses the last ingest's.
    pub transcripts: Option<PathBuf>,
    /// Extra interviewer labels; empty reuses the last ingest's.
    pub interviewer_labels: Vec<String>,
    /// The names to redact; `None` reuses the last ingest's file.
    pub redact: Option<PathBuf>,
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct Report {
    /// Failures, skipped files and warnings.
    pub corpus: Corpus,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Transcripts removed because their files are gone: id and path.
    pub removed: Vec<(String, PathBuf)>,
    /// Transcripts whose file could not be read this time: their previous version stays.
    pub kept: Vec<(String, PathBuf)>,
    /// The project was in the layout before the database and was rebuilt.
    pub rebuilt_old_layout: bool,
    /// The database was damaged: set aside, and the project rebuilt.
    pub damaged: Option<crate::Problem>,
    /// The participants sheet reused from the last ingest, if any.
    pub reused_sheet: Option<PathBuf>,
    /// The transcripts sheet reused from the last ingest, if any.
    pub reused_transcripts: Option<PathBuf>,
    /// The names to redact, reused from the last ingest, whose file changed since.
    pub redact_changed: Option<PathBuf>,
    /// The project now: transcripts, segments, warnings, participants.
    pub sources: usize,
    pub segments: usize,
    pub warnings: usize,
    pub participants: usize,
}

/// One segment, as hashed to notice changes.
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
    ingest_then(project, req, progress, None)
}

/// A file of the last ingest that is to be read again must be one: a sheet given as
/// `<(...)` (a pipe, `/dev/fd/63`) was read once and is gone.
fn again(path: &Path, what: &str, flag: &str) -> Result<()> {
    if path.starts_with("/dev") || path.starts_with("/proc") {
        return Err(Error::input(crate::error::Problem::at(
            path,
            None,
            format!(
                "the {what} of the last ingest was read from a pipe (such as `<(...)`), which cannot be \
                 read again: give {flag} FILE again (a file, or the same pipe)"
            ),
        )));
    }
    Ok(())
}

/// Work that a command does in the ingest's transaction, after the ingest and before the
/// commit (`analyse` codes its pass there, so that the two land together).
pub type Then<'a> = &'a mut dyn FnMut(&Db) -> Result<()>;

/// [`ingest`], then `then` in the same transaction and under the same lock.
pub fn ingest_then(
    project: &Project,
    req: &Request,
    progress: &dyn Progress,
    mut then: Option<Then<'_>>,
) -> Result<Report> {
    let old_layout = !project.exists() && project.old_layout();
    let (_lock, mut db, damaged) = project.open_for_ingest()?;
    let mut report = Report {
        rebuilt_old_layout: old_layout,
        damaged,
        ..Report::default()
    };
    let (old_sheet, old_labels) = db.settings()?;
    let old_people = db.meta("participants_sha256")?;
    let sheet = match (&req.participants, old_sheet.clone()) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(p)) => {
            again(&p, "participants sheet", "--participants")?;
            report.reused_sheet = Some(p.clone());
            Some(p)
        }
        (None, None) => None,
    };
    let old_transcripts = db.meta("transcripts_sheet")?.map(PathBuf::from);
    let transcripts = match (&req.transcripts, old_transcripts.clone()) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(p)) => {
            again(&p, "transcripts sheet", "--transcripts")?;
            report.reused_transcripts = Some(p.clone());
            Some(p)
        }
        (None, None) => None,
    };
    // The names to redact: the file given, else the last ingest's, which must still be
    // there (the project keeps its path and SHA-256, never the names).
    let old_redact = db.meta("redact_file")?.map(PathBuf::from);
    let redact = match (&req.redact, &old_redact) {
        (Some(p), _) => Some(crate::corpus::redact::Redactor::load(p)?),
        (None, Some(p)) => {
            again(p, "list of names to redact", "--redact")?;
            let r = crate::corpus::redact::Redactor::load(p).map_err(|_| {
                Error::input(crate::error::Problem::at(
                    p,
                    None,
                    "the names to redact, given to an earlier ingest, cannot be read; give --redact FILE again \
                     (the project keeps the file's path and SHA-256, not the names)",
                ))
            })?;
            if db.meta("redact_sha256")?.as_deref() != Some(r.sha256.as_str()) {
                report.redact_changed = Some(p.clone());
            }
            Some(r)
        }
        (None, None) => None,
    };
    let labels = if req.interviewer_labels.is_empty() {
        old_labels.clone()
    } else {
        req.interviewer_labels.clone()
    };
    let (old_generation, old_stamp) = db.index_state()?;

    // The project's transcripts whose files remain are read again, before the new paths
    // (a file that is gone is not read: its transcript is removed below, unless a path
    // given this time holds it). A file that cannot be looked at (its folder cannot be
    // read) is not gone: its transcript is kept.
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut unknown: std::collections::HashMap<PathBuf, std::io::Error> = Default::default();
    for (_, path) in db.transcript_paths()? {
        match path.try_exists() {
            Ok(true) => paths.push(path),
            Ok(false) => {}
            Err(e) => {
                unknown.insert(path, e);
            }
        }
    }
    paths.extend(req.paths.iter().cloned());

    // With no index that matches the database (a new project, or one whose index is
    // gone), a new generation is built as the files are read (the index holds no
    // attribute, so nothing read later changes what it holds).
    let index_ok = match (&old_generation, &old_stamp) {
        (Some(g), Some(stamp)) => index_matches(project, g, stamp),
        _ => false,
    };
    let mut fast = if index_ok {
        None
    } else {
        Some(Streaming {
            generation: next_generation(old_generation.as_deref().unwrap_or("")),
            writer: None,
        })
    };
    let ing = db.ingesting()?;
    let run = |then: Option<Then<'_>>| -> Result<bool> {
        let mut corpus = Corpus::stream(
            Box::new(paths.into_iter().map(Ok)),
            &Options {
                participants: sheet.clone(),
                transcripts: transcripts.clone(),
                interviewer_labels: labels.clone(),
                redact: redact.clone(),
            },
            progress,
            &mut |s| put(project, &ing, s, fast.as_mut()),
        )?;
        ing.db().index_segments()?;
        // Transcripts not read this time: kept (with their previous version) if their
        // file, or a folder it is in, could not be read, or whether it is still there
        // cannot be told; else removed (the file is gone, or no longer given).
        // As found, and as stored (the real path).
        let failed: Vec<PathBuf> = corpus
            .failures
            .iter()
            .filter_map(|f| f.path.as_deref())
            .flat_map(|p| [p.to_path_buf(), absolute(p)])
            .collect();
        for (id, path) in ing.unseen()? {
            if failed.iter().any(|f| path.starts_with(f)) {
                report.kept.push((id, path));
            } else if let Some(e) = unknown.get(&path) {
                corpus.failures.push(crate::Problem::at(
                    &path,
                    None,
                    format!("cannot tell whether the file is still there: {e}; check the permissions of its folders"),
                ));
                report.kept.push((id, path));
            } else {
                ing.remove(&id)?;
                report.removed.push((id, path));
            }
        }
        ing.set_participants(
            corpus.participant_attribute_names(),
            corpus.transcript_attribute_names(),
            corpus.participants.iter().map(|p| ParticipantIn {
                id: &p.id,
                segments: p.segments,
                transcripts: p.transcripts.iter().map(String::as_str).collect(),
                attributes: p.attributes().collect(),
            }),
        )?;
        let people = participants_digest(ing.db())?;
        let (added, changed, unchanged) =
            ing.settle(&|content, attrs| sha256_hex(format!("{content}\n{attrs}").as_bytes()))?;
        (report.added, report.changed, report.unchanged) = (added, changed, unchanged);
        report.corpus = corpus;
        let sheet = sheet.as_deref().map(absolute);
        ing.finish_settings(sheet.as_deref(), &labels, &people)?;
        // The transcripts sheet, reused by the next ingest as the participants sheet is.
        let transcripts_path = transcripts.as_deref().map(absolute);
        ing.set_setting(
            "transcripts_sheet",
            transcripts_path
                .as_ref()
                .map(|p| p.to_string_lossy())
                .as_deref(),
        )?;
        let redact_path = redact.as_ref().map(|r| absolute(&r.path));
        ing.set_setting(
            "redact_file",
            redact_path.as_ref().map(|p| p.to_string_lossy()).as_deref(),
        )?;
        ing.set_setting("redact_sha256", redact.as_ref().map(|r| r.sha256.as_str()))?;
        let people_changed = old_people.as_deref() != Some(&people);
        // Passes: their matrix counts follow the participants' attributes as they are
        // now; a pass whose transcripts are all as it coded them stays current.
        let turns_changed = added > 0 || changed > 0 || !report.removed.is_empty();
        ing.db().settle_passes(people_changed, turns_changed)?;

        // The index: the one built as the files were read; else rebuilt into a new
        // generation when there is none that matches the database; else updated in
        // place.
        let streamed = fast
            .take()
            .and_then(|f| f.writer.map(|w| (f.generation, w)));
        let rebuild = streamed.is_none() && !index_ok;
        let reindex = ing.to_reindex()?;
        let index_changes =
            streamed.is_some() || rebuild || !reindex.is_empty() || !report.removed.is_empty();
        let changed = index_changes
            || ing.touched()
            || people_changed
            || sheet != old_sheet
            || labels != old_labels;
        if index_changes {
            let stamp = new_stamp();
            let generation = if let Some((g, mut w)) = streamed {
                // Every transcript read is in it as read; those kept from before
                // (their file could not be read this time) are taken from the database.
                for (id, _) in &report.kept {
                    add_segments(ing.db(), &mut w, Some(id))?;
                }
                w.commit(&stamp)?;
                g
            } else if rebuild {
                let g = next_generation(old_generation.as_deref().unwrap_or(""));
                build_index(ing.db(), &project.index_dir(&g), &stamp, progress)?;
                g
            } else {
                let g = old_generation.clone().expect("an index that matches");
                let index = SegmentIndex::open(&project.index_dir(&g))?;
                let mut w = index.writer()?;
                for (id, _) in &report.removed {
                    w.delete_transcript(id, true);
                }
                if !reindex.is_empty() {
                    progress.begin("indexing", reindex.len());
                }
                for id in &reindex {
                    progress.advance(Path::new(id));
                    w.delete_transcript(id, true);
                    add_segments(ing.db(), &mut w, Some(id))?;
                }
                if !reindex.is_empty() {
                    progress.end();
                }
                w.commit(&stamp)?;
                g
            };
            ing.set_index(&generation, &stamp)?;
        }
        match then {
            Some(then) => {
                then(ing.db())?;
                Ok(true)
            }
            None => Ok(changed),
        }
    };
    let changed = match run(then.take()) {
        Ok(c) => c,
        Err(e) => {
            ing.abandon();
            return Err(e);
        }
    };
    report.participants = db.participants()?;
    if changed {
        ing.commit()?;
        // A new project's database, loaded without a journal, goes into place now.
        db.install()?;
    } else {
        ing.abandon();
    }
    if let Some(g) = db.index_state()?.0 {
        project.remove_other_indexes(&g);
    }
    if old_layout {
        project.remove_old_layout();
    }
    let totals = db.totals()?;
    (report.sources, report.segments, report.warnings) = totals;
    Ok(report)
}

/// Build the whole index anew from the database alone (`coda reindex`, or when the
/// index is missing, damaged or of another version), in a new generation that the
/// database names once it is complete.
pub fn reindex(project: &Project, progress: &dyn Progress) -> Result<String> {
    let (_lock, db) = project.open_write(false)?;
    let (old, _) = db.index_state()?;
    let generation = next_generation(old.as_deref().unwrap_or(""));
    let stamp = new_stamp();
    db.transaction(|db| {
        build_index(db, &project.index_dir(&generation), &stamp, progress)?;
        db.set_index_state(&generation, &stamp)
    })?;
    project.remove_other_indexes(&generation);
    Ok(generation)
}

/// Whether an index stamp is of this build's index version.
pub fn is_current(stamp: &str) -> bool {
    stamp.starts_with(&format!("v{INDEX_VERSION}:"))
}

/// Whether index generation `g` is there, of this version, and at the commit the
/// database names.
pub fn index_matches(project: &Project, g: &str, stamp: &str) -> bool {
    let dir = project.index_dir(g);
    dir.join("meta.json").exists()
        && is_current(stamp)
        && SegmentIndex::open(&dir).is_ok_and(|i| i.stamp().as_deref() == Some(stamp))
}

/// A new index generation in `dir`, every segment of the database in it.
fn build_index(db: &Db, dir: &Path, stamp: &str, progress: &dyn Progress) -> Result<()> {
    if dir.exists() {
        // Left over from an interrupted rebuild: never named by the database.
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let index = SegmentIndex::create(dir)?;
    let mut w = index.writer()?;
    progress.begin("indexing", db.num_segments()?);
    add_segments(db, &mut w, None)?;
    progress.end();
    w.commit(stamp)
}

/// Add the segments of a transcript (every transcript when `None`) to the index.
fn add_segments(db: &Db, w: &mut crate::index::Writer, transcript: Option<&str>) -> Result<()> {
    let mut n = 0usize;
    let mut add = |row: SegmentRow| {
        let key = row.key;
        w.add(key, &segment_of(row))?;
        n += 1;
        if n.is_multiple_of(100_000) {
            release_free_memory();
        }
        Ok(())
    };
    match transcript {
        Some(t) => db.for_each_segment(Some(t), &mut add),
        None => db.for_each_segment_stored(&mut add),
    }
}

fn segment_of(r: SegmentRow) -> Segment {
    Segment {
        transcript: r.transcript,
        number: r.number as usize,
        speaker: r.speaker,
        role: if r.role == "interviewer" {
            Role::Interviewer
        } else {
            Role::Participant
        },
        participant: r.participant,
        start_ms: r.start_ms,
        end_ms: r.end_ms,
        text: r.text,
        lines: (r.lines.0 as usize, r.lines.1 as usize),
    }
}

/// A digest of the participants (ids, segments, transcripts, attributes): an ingest that
/// changes none of them and no transcript writes nothing.
fn participants_digest(db: &Db) -> Result<String> {
    let mut h = Hasher::new();
    db.for_each_participant(|p| {
        serde_json::to_writer(&mut h, &(&p.id, p.segments, &p.transcripts, &p.attributes))
            .expect("a participant serialises");
        h.update(b"\n");
        Ok(())
    })?;
    db.for_each_source(|s| {
        if !s.attributes.is_empty() {
            serde_json::to_writer(&mut h, &(&s.id, &s.attributes))
                .expect("a transcript serialises");
            h.update(b"\n");
        }
        Ok(())
    })?;
    Ok(h.finish())
}

/// An index generation built as the files are read.
struct Streaming {
    generation: String,
    /// Made at the first file.
    writer: Option<crate::index::Writer>,
}

/// A transcript read: its row and segments into the database, and into the index being
/// built as the files are read, if any.
fn put(
    project: &Project,
    ing: &crate::store::Ingesting<'_>,
    s: &Source,
    fast: Option<&mut Streaming>,
) -> Result<()> {
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
    let mut h = Hasher::new();
    serde_json::to_writer(&mut h, &docs).expect("docs serialise");
    let content = h.finish();
    let tokens = s
        .segments
        .iter()
        .map(|seg| crate::index::token_count(&seg.text))
        .sum();
    let path = absolute(&s.path);
    let indexed = fast.as_ref().map(|_| {
        sha256_hex(
            format!(
                "{content}\n{}",
                crate::store::indexed_attributes(&s.known, &s.transcript_attributes)
            )
            .as_bytes(),
        )
    });
    let stored_warnings: Vec<crate::error::Problem> =
        s.warnings.iter().chain(&s.notes).cloned().collect();
    let keys = ing.put(
        &TranscriptIn {
            id: &s.id,
            path: &path,
            sha256: &s.sha256,
            content_sha256: &content,
            format: s.format.as_str(),
            encoding: s.encoding.name(),
            tokens,
            segments: &s.segments,
            warnings: &stored_warnings,
            attributes: &s.transcript_attributes,
        },
        indexed.as_deref(),
    )?;
    let Some(f) = fast else {
        return Ok(());
    };
    if f.writer.is_none() {
        let dir = project.index_dir(&f.generation);
        if dir.exists() {
            // Left over from an interrupted build: never named by the database.
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        f.writer = Some(SegmentIndex::create(&dir)?.writer()?);
    }
    let w = f.writer.as_mut().expect("made above");
    if keys.len() != s.segments.len() {
        // The project had this transcript's segments already.
        return add_segments(ing.db(), w, Some(&s.id));
    }
    for (key, seg) in keys.into_iter().zip(&s.segments) {
        w.add(key, seg)?;
    }
    Ok(())
}

/// A stamp no other commit has: the index version, the time and the process.
fn new_stamp() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("v{INDEX_VERSION}:{t:x}-{:x}", std::process::id())
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

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// `index-1`, `index-2`, ...: a rebuild goes to a fresh folder, and the database
/// switches to it only once it is complete.
fn next_generation(current: &str) -> String {
    let n: u64 = current
        .strip_prefix("index-")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    format!("index-{}", n + 1)
}
