//! `coda check`: how each transcript was read, before it goes into a project. For each
//! file: its format and label shapes, its speakers with their turns and words, and what
//! looks wrong (a label-like line not taken, a speaker seen once, one turn holding most
//! of the file, labels two speakers share by the sheet). Exit status 1 when anything
//! looks wrong, so a script can stop before `coda ingest`.

use std::collections::BTreeMap;

use crate::cli::CheckArgs;
use crate::error::Result;
use crate::output::{Cell, Column, Rows, Sink};

use super::{Outcome, read_corpus};

/// A speaker's first line, role, turns and words.
type Spoke = (usize, &'static str, usize, usize);

pub fn run(args: CheckArgs) -> Result<Outcome> {
    let bar = super::progress::Bar::new();
    let columns = vec![
        Column::all("file"),
        Column::all("line").right(),
        Column::all("what"),
        Column::all("speaker"),
        Column::all("role"),
        Column::all("turns").right(),
        Column::all("words").right(),
        Column::all("detail"),
    ];
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(args.format.into(), columns, sink.writer(), width)?;
    let mut looks = 0usize;
    // `--redact FILE`: the names are listed where they occur, not hidden.
    let redact = args
        .input
        .redact
        .as_deref()
        .map(crate::corpus::redact::Redactor::load)
        .transpose()?;
    let mut input = args.input.clone();
    input.redact = None;
    let mut names = 0usize;
    let corpus = read_corpus(&input, false, &bar, &mut |s| {
        let file = s.path.display().to_string();
        let shapes = if s.shapes.is_empty() {
            String::new()
        } else {
            format!(": {}", s.shapes.join("; "))
        };
        rows.push(vec![
            file.as_str().into(),
            Cell::Null,
            "format".into(),
            Cell::Null,
            Cell::Null,
            s.segments.len().into(),
            s.segments
                .iter()
                .map(|g| g.text.split_whitespace().count())
                .sum::<usize>()
                .into(),
            format!("{}{shapes}", s.format.as_str()).into(),
        ])?;
        // Speakers in the order they first speak: first line, role, turns, words.
        let mut by: BTreeMap<&str, Spoke> = BTreeMap::new();
        for g in &s.segments {
            let e = by
                .entry(g.speaker.as_str())
                .or_insert((g.lines.0, g.role.as_str(), 0, 0));
            e.2 += 1;
            e.3 += g.text.split_whitespace().count();
        }
        let mut speakers: Vec<(&str, Spoke)> = by.into_iter().collect();
        speakers.sort_by_key(|(label, (line, ..))| (*line, *label));
        for (label, (line, role, turns, words)) in speakers {
            rows.push(vec![
                file.as_str().into(),
                line.into(),
                "speaker".into(),
                label.into(),
                role.into(),
                turns.into(),
                words.into(),
                Cell::Null,
            ])?;
        }
        if let Some(r) = &redact {
            let list = r.path.display().to_string();
            let stem = s
                .path
                .file_stem()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default();
            // Words of a file name are often parted by '-', '_' or '.' (one byte each,
            // as the space that stands for them).
            let spaced = stem.replace(['-', '_', '.'], " ");
            for (at, m) in r.find_at(&spaced) {
                let found = &stem[at..at + m.len()];
                names += 1;
                rows.push(vec![
                    file.as_str().into(),
                    Cell::Null,
                    "name".into(),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    format!(
                        "the file name holds '{found}', a name in {list}: give the transcript an alias (transcripts sheet)"
                    )
                    .into(),
                ])?;
            }
            for g in &s.segments {
                for (field, text) in [("speaker label", &g.speaker), ("text", &g.text)] {
                    for m in r.find_at(text) {
                        names += 1;
                        // The line of a turn written over several lines, where its
                        // text keeps them.
                        let line = if text.matches('\n').count() == g.lines.1 - g.lines.0 {
                            g.lines.0 + text[..m.0].matches('\n').count()
                        } else {
                            g.lines.0
                        };
                        rows.push(vec![
                            file.as_str().into(),
                            line.into(),
                            "name".into(),
                            g.speaker.as_str().into(),
                            g.role.as_str().into(),
                            Cell::Null,
                            Cell::Null,
                            format!("'{}' in the {field}, a name in {list}", m.1).into(),
                        ])?;
                    }
                }
            }
        }
        for p in &s.looks {
            looks += 1;
            rows.push(vec![
                file.as_str().into(),
                p.line.into(),
                "look".into(),
                Cell::Null,
                Cell::Null,
                Cell::Null,
                Cell::Null,
                p.message.as_str().into(),
            ])?;
        }
        Ok(())
    })?;
    rows.finish()?;
    sink.finish()?;
    let files = corpus.looks.len();
    if let Some(r) = &redact {
        eprintln!(
            "{names} occurrence(s) of the names in {}{}",
            r.path.display(),
            if names > 0 {
                ": `coda ingest --redact` stores the text with each as [NAME]"
            } else {
                ""
            }
        );
    }
    if files > 0 {
        eprintln!(
            "{files} of {} file(s) need a look: {looks} thing(s) in how they were read",
            corpus.read
        );
    } else if corpus.failures.is_empty() {
        eprintln!("{} file(s) read; nothing looks wrong", corpus.read);
    } else {
        eprintln!(
            "{} file(s) read, nothing looks wrong in them; {} could not be read (above)",
            corpus.read,
            corpus.failures.len()
        );
    }
    Ok(if !corpus.failures.is_empty() {
        Outcome::Failed
    } else if files > 0 || names > 0 {
        Outcome::NoResult
    } else {
        Outcome::Success
    })
}
