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
    let corpus = read_corpus(&args.input, false, &bar, &mut |s| {
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
    } else if files > 0 {
        Outcome::NoResult
    } else {
        Outcome::Success
    })
}
