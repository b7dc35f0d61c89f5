//! Coding: a codebook applied to segments. `words` tokenises and reads keywords,
//! `engine` compiles a codebook and codes one segment at a time.

mod engine;
pub mod words;

pub use engine::{Coding, Engine, Hit};

use crate::codebook::Codebook;
use crate::error::Result;
use crate::index::{Filter, SegmentIndex};
use crate::progress::Progress;
use crate::store::Project;
use crate::store::passes::{
    CodebookRecord, CodingRecord, PassHeader, ThemeRecord, check_name, now_rfc3339,
};
use crate::transcript::Role;

/// Code every segment of the project with `book` and store the result as pass `name`,
/// replacing any pass of that name. Nothing is written if the codebook does not compile.
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
    let segments = index.segments(&Filter::default())?;
    let mut per_theme = vec![0usize; book.themes.len()];
    let mut codings = Vec::new();
    let mut coded_segments = 0;
    progress.begin("coding", segments.len());
    for s in &segments {
        progress.advance(std::path::Path::new(&s.segment));
        let role = if s.role == "interviewer" {
            Role::Interviewer
        } else {
            Role::Participant
        };
        let found = engine.code(&s.text, role);
        if !found.is_empty() {
            coded_segments += 1;
        }
        for c in found {
            per_theme[c.theme] += 1;
            codings.push(CodingRecord {
                segment: s.segment.clone(),
                theme: book.themes[c.theme].id.clone(),
                hits: c.hits,
            });
        }
    }
    progress.end();
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
        segments: segments.len(),
        coded_segments,
        codings: codings.len(),
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
    // Same codebook, same codings: keep the stored pass (and its time) untouched.
    if let Ok((old, old_codings)) = project.read_pass(name)
        && old.codebook.sha256 == header.codebook.sha256
        && old.segments == header.segments
        && old.themes == header.themes
        && old_codings == codings
    {
        return Ok(old);
    }
    project.write_pass(&header, &codings)?;
    Ok(header)
}
