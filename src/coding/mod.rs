//! Coding: a codebook applied to segments. `words` tokenises and reads keywords,
//! `engine` compiles a codebook and codes one segment at a time.

mod engine;
pub mod words;

pub use engine::{Coding, Engine, Hit};

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::os::unix::fs::FileExt;

use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::index::SegmentIndex;
use crate::progress::Progress;
use crate::store::Project;
use crate::store::passes::{
    CodebookRecord, CodingRecord, PassHeader, ThemeCounts, ThemeRecord, check_name, now_rfc3339,
};
use crate::transcript::Role;

/// Code every segment of the project with `book` and store the result as pass `name`,
/// replacing any pass of that name. Nothing is written if the codebook does not compile.
///
/// Memory stays bounded by the number of codings, not the corpus: segments stream from
/// the index; each coding line goes to a scratch file as it is made, and only a small
/// sort key per coding (transcript, segment number, theme) stays in memory to write the
/// pass in file order at the end.
pub fn run_pass(
    project: &Project,
    book: &Codebook,
    name: &str,
    progress: &dyn Progress,
) -> Result<PassHeader> {
    check_name(name)?;
    let engine = Engine::new(book)?;
    let manifest = project.open()?;
    let _lock = project.lock()?;
    let index = SegmentIndex::open(&project.index_dir(&manifest.index))?;
    // Transcript ids in sorted order: a coding's sort key is (transcript rank, number, theme).
    let rank: HashMap<&str, u32> = manifest
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i as u32))
        .collect();
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
    let mut keys: Vec<(u32, u32, u16, u64, u32, u32)> = Vec::new();
    // Ids of the coded segments; keys point into it, for the theme index.
    let mut coded_ids: Vec<String> = Vec::new();
    let mut per_theme = vec![0usize; book.themes.len()];
    let mut counts: BTreeMap<String, ThemeCounts> = BTreeMap::new();
    let (mut segments, mut coded_segments) = (0usize, 0usize);
    let mut w = std::io::BufWriter::new(&scratch.file);
    let mut offset = 0u64;
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
        coded_segments += 1;
        let t_rank = rank.get(s.transcript.as_str()).copied().unwrap_or(u32::MAX);
        if let Some(p) = &s.participant {
            let n = book.themes.len();
            let c = counts.entry(p.clone()).or_insert_with(|| ThemeCounts {
                own: vec![0; n],
                rollup: vec![0; n],
            });
            let mut rolled = vec![false; n];
            for f in &found {
                c.own[f.theme] += 1;
                let mut cur = Some(f.theme);
                while let Some(t) = cur {
                    rolled[t] = true;
                    cur = parent_of[t];
                }
            }
            for (t, r) in rolled.iter().enumerate() {
                c.rollup[t] += u32::from(*r);
            }
        }
        coded_ids.push(s.segment.clone());
        let seg_idx = (coded_ids.len() - 1) as u32;
        for f in found {
            per_theme[f.theme] += 1;
            let rec = CodingRecord {
                segment: s.segment.clone(),
                theme: book.themes[f.theme].id.clone(),
                hits: f.hits,
            };
            let mut line =
                serde_json::to_vec(&rec).map_err(|e| Error::io(&scratch_path, e.into()))?;
            line.push(b'\n');
            w.write_all(&line)
                .map_err(|e| Error::io(&scratch_path, e))?;
            keys.push((
                t_rank,
                s.number as u32,
                f.theme as u16,
                offset,
                line.len() as u32,
                seg_idx,
            ));
            offset += line.len() as u64;
        }
        Ok(())
    })?;
    w.flush().map_err(|e| Error::io(&scratch_path, e))?;
    drop(w);
    progress.end();
    keys.sort_unstable_by_key(|k| (k.0, k.1, k.2));

    // The coding lines in file order, read back from the scratch file.
    let line_at = |k: &(u32, u32, u16, u64, u32, u32)| -> Result<Vec<u8>> {
        let mut buf = vec![0u8; k.4 as usize];
        scratch
            .file
            .read_exact_at(&mut buf, k.3)
            .map_err(|e| Error::io(&scratch_path, e))?;
        Ok(buf)
    };
    let mut hasher = crate::hash::Hasher::new();
    for k in &keys {
        hasher.update(&line_at(k)?);
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
        coded_segments,
        codings: keys.len(),
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
        counts,
    };
    // Same codebook, same codings: keep the stored pass (and its time) untouched.
    if let Ok(old) = project.read_pass_header(name)
        && (PassHeader {
            created: old.created.clone(),
            ..header.clone()
        }) == old
    {
        project.write_theme_index(
            name,
            &old.codings_sha256,
            theme_pairs(&keys, &coded_ids, book),
        )?;
        return Ok(old);
    }
    project.write_pass(&header, keys.iter().map(line_at))?;
    project.write_theme_index(
        name,
        &header.codings_sha256,
        theme_pairs(&keys, &coded_ids, book),
    )?;
    Ok(header)
}

/// (theme id, segment id) of each coding, in the pass's order.
fn theme_pairs<'a>(
    keys: &'a [(u32, u32, u16, u64, u32, u32)],
    ids: &'a [String],
    book: &'a Codebook,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    keys.iter().map(|k| {
        (
            book.themes[k.2 as usize].id.as_str(),
            ids[k.5 as usize].as_str(),
        )
    })
}

/// A scratch file, removed when dropped.
struct Scratch {
    file: std::fs::File,
    path: std::path::PathBuf,
}

impl Scratch {
    fn create(path: &std::path::Path) -> Result<Scratch> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        Ok(Scratch {
            file,
            path: path.to_path_buf(),
        })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
