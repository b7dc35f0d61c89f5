//! `coda code` as a library call: every segment of the project, read from the database
//! in file order, coded by the codebook's compiled rules, and stored as a pass with its
//! evidence and the counts matrices read, in one transaction. Nothing is written if the
//! codebook does not compile.

use crate::codebook::Codebook;
use crate::coding::Engine;
use crate::error::Result;
use crate::progress::Progress;
use crate::store::passes::{check_name, now_rfc3339};
use crate::store::{CodebookRecord, CodingRecord, Db, PassHeader, Project, ThemeRecord};
use crate::transcript::Role;

/// Code every segment of the project with `book` and store the result as pass `name`,
/// replacing any pass of that name. A re-run with the same codebook and the same
/// codings keeps the pass's time.
pub fn run_pass(
    project: &Project,
    book: &Codebook,
    name: &str,
    progress: &dyn Progress,
) -> Result<PassHeader> {
    check_name(name)?;
    let engine = Engine::new(book)?;
    let (_lock, db) = project.open_write(false)?;
    db.transaction(|db| code_into(db, book, &engine, name, progress))
}

/// The pass coded into `db`, in the transaction the caller holds (`analyse` codes in its
/// ingest's).
pub fn code_into(
    db: &Db,
    book: &Codebook,
    engine: &Engine,
    name: &str,
    progress: &dyn Progress,
) -> Result<PassHeader> {
    check_name(name)?;
    {
        let (pass, old) = db.new_pass(name)?;
        let mut per_theme = vec![0usize; book.themes.len()];
        let (mut segments, mut coded, mut codings) = (0usize, 0usize, 0usize);
        let mut hasher = crate::hash::Hasher::new();
        progress.begin("coding", db.num_segments()?);
        db.for_each_segment(None, |s| {
            segments += 1;
            progress.advance(std::path::Path::new(""));
            let role = if s.role == "interviewer" {
                Role::Interviewer
            } else {
                Role::Participant
            };
            let found = engine.code(&s.text, role);
            if found.is_empty() {
                return Ok(());
            }
            coded += 1;
            let participant = s
                .is_participant()
                .then_some(s.participant.as_deref())
                .flatten();
            // Themes in codebook order: a segment's codings stay together and in order.
            for f in found {
                per_theme[f.theme] += 1;
                codings += 1;
                let theme = &book.themes[f.theme].id;
                let rec = CodingRecord {
                    segment: s.segment.clone(),
                    theme: theme.clone(),
                    hits: f.hits,
                };
                serde_json::to_writer(&mut hasher, &rec).expect("a coding serialises");
                hasher.update(b"\n");
                pass.add(
                    s.key,
                    &s.transcript,
                    s.number,
                    participant,
                    f.theme,
                    theme,
                    &rec.hits,
                )?;
            }
            Ok(())
        })?;
        progress.end();
        let mut header = PassHeader {
            pass: name.to_owned(),
            codebook: CodebookRecord {
                name: book.name.clone(),
                version: book.version.clone(),
                sha256: book.sha256.clone(),
                path: book
                    .path
                    .canonicalize()
                    .unwrap_or_else(|_| book.path.clone()),
            },
            created: now_rfc3339(),
            segments,
            coded_segments: coded,
            codings,
            codings_sha256: hasher.finish(),
            themes: book
                .themes
                .iter()
                .zip(&per_theme)
                .map(|(t, n)| ThemeRecord {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    parent: t.parent.clone(),
                    codings: *n,
                })
                .collect(),
        };
        // Same codebook, same codings: the pass keeps its time.
        if let Some(old) = old
            && (PassHeader {
                created: old.created.clone(),
                ..header.clone()
            }) == old
        {
            header.created = old.created;
        }
        pass.finish(&header)?;
        Ok(header)
    }
}
