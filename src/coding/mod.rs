//! Coding: a codebook applied to segments. `words` tokenises and reads keywords,
//! `engine` compiles a codebook and codes one segment at a time.

mod engine;
mod keys;
pub mod words;

pub use engine::{Coding, Engine, Hit};
use keys::{Key, Keys};

use std::io::Write;
use std::os::unix::fs::FileExt;

use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::index::SegmentIndex;
use crate::progress::Progress;
use crate::store::Project;
use crate::store::passes::{
    CodebookRecord, CodingRecord, PassHeader, Tally, ThemeRecord, check_name, now_rfc3339,
};
use crate::store::scratch::Scratch;
use crate::transcript::Role;

/// Code every segment of the project with `book` and store the result as pass `name`,
/// replacing any pass of that name. Nothing is written if the codebook does not compile.
///
/// Memory stays small whatever the corpus: segments stream from the index (its document
/// store read without memory maps); each coded segment's lines go to a scratch file as
/// they are made, and a sort key per coded segment (transcript rank, number, where its
/// lines are) is sorted in runs set aside in a second scratch file (`keys`), merged to
/// write the pass in file order at the end. What grows is the transcripts' ranks and the
/// per-participant counts.
pub fn run_pass(
    project: &Project,
    book: &Codebook,
    name: &str,
    progress: &dyn Progress,
) -> Result<PassHeader> {
    check_name(name)?;
    let engine = Engine::new(book)?;
    let head = project.head()?;
    let _lock = project.lock()?;
    let index = SegmentIndex::open_for_scan(&project.index_dir(&head.index))?;
    let parent_of: Vec<Option<usize>> = book
        .themes
        .iter()
        .map(|t| {
            t.parent
                .as_ref()
                .and_then(|p| book.themes.iter().position(|x| &x.id == p))
        })
        .collect();

    let scratch_path = project.pass_scratch(name)?;
    let scratch = Scratch::create(&scratch_path)?;
    // The pass is in file order: (transcript id, segment number).
    let mut keys = Keys::new(
        &project.pass_scratch(&format!("{name}.keys"))?,
        &project.pass_scratch(&format!("{name}.order"))?,
    )?;
    let mut per_theme = vec![0usize; book.themes.len()];
    let mut counts = Tally::new(book.themes.len());
    let (mut segments, mut codings) = (0usize, 0usize);
    let mut w = std::io::BufWriter::new(scratch.file());
    let mut offset = 0u64;
    let mut chunk = Vec::new();
    progress.begin("coding", index.num_segments()? as usize);
    index.for_each(|s| {
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
        if let Some(p) = &s.participant {
            let (own, rollup) = counts.of(p);
            let mut rolled = vec![false; own.len()];
            for f in &found {
                own[f.theme] += 1;
                let mut cur = Some(f.theme);
                while let Some(t) = cur {
                    rolled[t] = true;
                    cur = parent_of[t];
                }
            }
            for (t, r) in rolled.iter().enumerate() {
                rollup[t] += u32::from(*r);
            }
            counts.spill_if_full()?;
        }
        // One line per coding, themes in codebook order: the segment's lines stay
        // together and in order.
        chunk.clear();
        for f in found {
            per_theme[f.theme] += 1;
            codings += 1;
            let rec = CodingRecord {
                segment: s.segment.clone(),
                theme: book.themes[f.theme].id.clone(),
                hits: f.hits,
            };
            serde_json::to_writer(&mut chunk, &rec)
                .map_err(|e| Error::io(&scratch_path, e.into()))?;
            chunk.push(b'\n');
        }
        w.write_all(&chunk)
            .map_err(|e| Error::io(&scratch_path, e))?;
        keys.push(
            &s.transcript,
            u32::try_from(s.number).unwrap_or(u32::MAX),
            Key {
                offset,
                len: chunk.len() as u32,
            },
        )?;
        offset += chunk.len() as u64;
        Ok(())
    })?;
    w.flush().map_err(|e| Error::io(&scratch_path, e))?;
    drop(w);
    progress.end();
    keys.finish()?;
    counts.finish()?;

    // The coding lines in file order, read back from the scratch file.
    let chunk_at = |k: Result<Key>| -> Result<Vec<u8>> {
        let k = k?;
        let mut buf = vec![0u8; k.len as usize];
        scratch
            .file()
            .read_exact_at(&mut buf, k.offset)
            .map_err(|e| Error::io(&scratch_path, e))?;
        Ok(buf)
    };
    let mut hasher = crate::hash::Hasher::new();
    for k in keys.iter() {
        hasher.update(&chunk_at(k)?);
    }
    let header = PassHeader {
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
        coded_segments: keys.len(),
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
    // (theme, segment) of each coding, in the pass's order, for the theme index.
    let pairs = || {
        keys.iter().map(chunk_at).flat_map(|chunk| {
            let lines: Vec<Result<(String, String)>> = match chunk {
                Ok(c) => c
                    .split(|b| *b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(|l| {
                        serde_json::from_slice::<Pair>(l)
                            .map(|p| (p.theme, p.segment))
                            .map_err(|e| Error::io(&scratch_path, e.into()))
                    })
                    .collect(),
                Err(e) => vec![Err(e)],
            };
            lines
        })
    };
    // Same codebook, same codings: keep the stored pass (and its time) untouched.
    if let Ok(old) = project.read_pass_header(name)
        && (PassHeader {
            created: old.created.clone(),
            ..header.clone()
        }) == old
        && project.pass_counts_are(name, &counts)
    {
        project.write_theme_index(name, &old.codings_sha256, pairs())?;
        return Ok(old);
    }
    project.write_pass(&header, &counts, keys.iter().map(chunk_at))?;
    project.write_theme_index(name, &header.codings_sha256, pairs())?;
    Ok(header)
}

#[derive(serde::Deserialize)]
struct Pair {
    segment: String,
    theme: String,
}
