//! `coda segments`: every speaker turn, attributed, one per row. Participants'
//! attributes are final only once every file is read (front matter further on may add
//! to them), so the rows are written in a second pass, one file at a time. Each file's
//! turns are set aside in a scratch file as it is read and read back in order; without
//! one (no temp folder, a full disk), each file is read again. What the second pass
//! needs of each file besides its turns is kept in memory.

use crate::cli::SegmentsArgs;
use crate::corpus::aside::SetAside;
use crate::corpus::{Participant, Reread, Segment};
use crate::error::Result;
use crate::output::{Cell, Column, Rows, Sink};
use crate::progress::Progress;
use crate::transcript::label::format_time;

use super::{Outcome, outcome, read_corpus};

pub fn run(args: SegmentsArgs) -> Result<Outcome> {
    let bar = super::progress::Bar::new();
    // What each file's second pass needs, one record per transcript, and its turns if
    // they can be set aside (else the file is read again).
    let mut read: Vec<Reread> = Vec::new();
    let mut aside = SetAside::new().ok();
    let corpus = read_corpus(&args.input, true, &bar, &mut |s| {
        read.push(s.reread_key());
        if aside.as_mut().is_some_and(|a| a.push(s).is_err()) {
            aside = None;
        }
        Ok(())
    })?;
    let mut aside = aside.and_then(|a| a.finish().ok());
    let attrs = corpus.attribute_names();
    let mut columns = vec![
        Column::all("segment"),
        Column::data("transcript"),
        Column::all("participant"),
        Column::all("speaker"),
        Column::all("role"),
        Column::all("start"),
        Column::data("end"),
        Column::all("text"),
        Column::json("line_start"),
        Column::json("line_end"),
    ];
    columns.extend(attrs.iter().map(Column::data));
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(args.format.into(), columns, sink.writer(), width)?;
    let mut outcome = outcome(&corpus);
    bar.begin("writing", read.len());
    for r in &read {
        bar.advance(&r.path);
        // The participant last looked up: a file's participant turns are mostly one
        // participant's.
        let mut last: Option<(String, Option<&Participant>)> = None;
        let mut write = |s: Segment| {
            let participant = match s.participant.as_deref() {
                None => None,
                Some(p) => match &last {
                    Some((id, found)) if id == p => *found,
                    _ => {
                        let found = corpus.participants.get(p);
                        last = Some((p.to_owned(), found));
                        found
                    }
                },
            };
            rows.push(row(s, participant, &r.attributes, &attrs))
        };
        match aside.as_mut() {
            Some(a) => {
                for number in 1..=a.count()? {
                    write(a.segment(r, number)?)?;
                }
            }
            None => match corpus.reread(r) {
                Ok(segments) => segments.into_iter().try_for_each(write)?,
                Err(p) => {
                    eprintln!("error: {p}");
                    outcome = Outcome::Failed;
                }
            },
        }
    }
    bar.end();
    rows.finish()?;
    sink.finish()?;
    Ok(outcome)
}

/// A segment's row: its attribute columns hold its participant's attributes and its
/// transcript's (`own`, sorted by name). Takes the segment to move its text into the row.
fn row(
    s: Segment,
    participant: Option<&Participant>,
    own: &[(String, String)],
    attrs: &[String],
) -> Vec<Cell> {
    let mut row: Vec<Cell> = vec![
        s.id().into(),
        s.transcript.into(),
        s.participant.into(),
        s.speaker.into(),
        s.role.as_str().into(),
        s.start_ms.map(format_time).into(),
        s.end_ms.map(format_time).into(),
        s.text.into(),
        s.lines.0.into(),
        s.lines.1.into(),
    ];
    row.extend(attrs.iter().map(|a| {
        participant
            .and_then(|p| p.get(a))
            .or_else(|| {
                own.binary_search_by(|(k, _)| k.as_str().cmp(a))
                    .ok()
                    .map(|i| own[i].1.as_str())
            })
            .map(str::to_owned)
            .into()
    }));
    row
}
