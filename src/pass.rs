//! `coda code` as a library call: every segment of the project, read from the database
//! in file order, coded by the codebook's compiled rules, and stored as a pass with its
//! evidence and the counts matrices read, in one transaction. Nothing is written if the
//! codebook does not compile.

use crate::codebook::Codebook;
use crate::coding::Engine;
use crate::error::Result;
use crate::progress::Progress;
use crate::store::passes::{check_name, now_rfc3339};
use crate::store::{CodebookRecord, Db, PassHeader, Project, ThemeRecord, ToCode};

/// Segments handed to the coding thread at a time.
const BATCH: usize = 512;

/// What the coding thread counts.
#[derive(Default)]
struct Tally {
    coded: usize,
    codings: usize,
    per_theme: Vec<usize>,
}

/// A coded segment, for the pass: its codings (theme, hits, evidence as JSON).
struct Coded {
    key: u64,
    transcript: String,
    number: u64,
    participant: Option<String>,
    codings: Vec<(usize, usize, String)>,
}
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
        // A person's pass is never replaced by the rules' codings.
        if let Some(o) = old
            .as_ref()
            .filter(|o| o.kind != crate::store::passes::AUTO)
        {
            return Err(crate::Error::input(crate::Problem::general(format!(
                "pass '{name}' is a person's coding (kind {}, coder {}): `coda code` would replace it with the rules' codings; code into another --pass",
                o.kind,
                o.coder.as_deref().unwrap_or("?")
            ))));
        }
        let mut segments = 0usize;
        progress.begin("coding", db.num_segments()?);
        // The rules run on a second thread while this one reads the segments from the
        // database and writes the codings: batches of segments go one way (a few at a
        // time, so memory stays bounded), their codings come back in the same order.
        let mut failed = None;
        let (tally, hash) = std::thread::scope(|scope| -> Result<(Tally, String)> {
            let (to_coder, batches) = std::sync::mpsc::sync_channel::<Vec<ToCode>>(4);
            let (to_store, results) = std::sync::mpsc::channel::<Vec<Coded>>();
            let coder = scope.spawn(move || {
                let mut tally = Tally {
                    per_theme: vec![0; book.themes.len()],
                    ..Tally::default()
                };
                let mut hasher = crate::hash::Hasher::new();
                for batch in batches {
                    let mut out = Vec::new();
                    for s in batch {
                        let role = if s.interviewer {
                            Role::Interviewer
                        } else {
                            Role::Participant
                        };
                        let found = engine.code(&s.text, role);
                        if found.is_empty() {
                            continue;
                        }
                        tally.coded += 1;
                        let codings = found
                            .into_iter()
                            .map(|f| {
                                tally.per_theme[f.theme] += 1;
                                tally.codings += 1;
                                let evidence =
                                    serde_json::to_string(&f.hits).expect("evidence serialises");
                                // The codings in file order: a re-run with the same ones keeps the time.
                                for part in [
                                    s.transcript.as_bytes(),
                                    s.number.to_string().as_bytes(),
                                    book.themes[f.theme].id.as_bytes(),
                                    evidence.as_bytes(),
                                ] {
                                    hasher.update(part);
                                    hasher.update(b"\0");
                                }
                                (f.theme, f.hits.len(), evidence)
                            })
                            .collect();
                        out.push(Coded {
                            key: s.key,
                            transcript: s.transcript,
                            number: s.number,
                            participant: s.participant,
                            codings,
                        });
                    }
                    if to_store.send(out).is_err() {
                        break;
                    }
                }
                (tally, hasher.finish())
            });
            let store = |coded: Vec<Coded>| -> Result<()> {
                for c in coded {
                    for (theme, hits, evidence) in &c.codings {
                        pass.add(
                            c.key,
                            &c.transcript,
                            c.number,
                            c.participant.as_deref(),
                            *theme,
                            &book.themes[*theme].id,
                            *hits,
                            evidence,
                        )?;
                    }
                }
                Ok(())
            };
            let stopped = || crate::Error::Index("the coding thread stopped".into());
            let mut batch = Vec::with_capacity(BATCH);
            let read = db.for_each_to_code(|s| {
                segments += 1;
                progress.advance(std::path::Path::new(""));
                batch.push(s);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    to_coder.send(full).map_err(|_| stopped())?;
                    while let Ok(coded) = results.try_recv() {
                        store(coded)?;
                    }
                }
                Ok(())
            });
            if read.is_ok() && !batch.is_empty() {
                to_coder.send(batch).map_err(|_| stopped())?;
            }
            drop(to_coder);
            if let Err(e) = read {
                failed = Some(e);
            }
            for coded in results.iter() {
                if failed.is_none()
                    && let Err(e) = store(coded)
                {
                    failed = Some(e);
                }
            }
            coder.join().map_err(|_| stopped())
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        let (coded, codings, per_theme) = (tally.coded, tally.codings, tally.per_theme);
        progress.end();
        let mut header = PassHeader {
            pass: name.to_owned(),
            kind: crate::store::passes::AUTO.to_owned(),
            coder: None,
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
            codings_sha256: hash,
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
        // Same codebook, same codings: the stored pass stays as it is, its time too.
        let unchanged = old.as_ref().is_some_and(|old| {
            (PassHeader {
                created: old.created.clone(),
                ..header.clone()
            }) == *old
        }) && pass.same_as_stored()?;
        if let Some(old) = old.filter(|_| unchanged) {
            header.created = old.created;
        }
        pass.finish(&header, unchanged)?;
        Ok(header)
    }
}
