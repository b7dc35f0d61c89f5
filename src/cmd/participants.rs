//! `coda participants`: participants with their attributes and segment counts, of the
//! project, or of the transcripts named on the command line.

use crate::cli::{InputArgs, ParticipantsArgs};
use crate::error::Result;
use crate::output::{Cell, Column, Rows, Sink};
use crate::store::{ParticipantRow, Project};

use super::{Outcome, outcome, read_corpus};

pub fn run(args: ParticipantsArgs, project: &Project) -> Result<Outcome> {
    if args.paths.is_empty() {
        // The project's participants, a row at a time.
        let db = project.open()?;
        let attrs = db.attributes_of_kind("participant")?;
        write(args.format.into(), &attrs, |push| {
            db.for_each_participant(push)
        })?;
        return Ok(Outcome::Success);
    }
    let input = InputArgs {
        paths: args.paths,
        participants: args.participants,
        transcripts: args.transcripts,
        interviewer_labels: args.interviewer_labels,
        redact: None,
    };
    let corpus = read_corpus(&input, true, &super::progress::Bar::new(), &mut |_| Ok(()))?;
    let attrs = corpus.participant_attribute_names().to_vec();
    write(args.format.into(), &attrs, |push| {
        corpus.participants.iter().try_for_each(|p| {
            push(ParticipantRow {
                id: p.id.clone(),
                segments: p.segments,
                transcripts: p.transcripts.clone(),
                attributes: p
                    .attributes()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
            })
        })
    })?;
    Ok(outcome(&corpus))
}

/// One row per participant, as `records` hands them to `push`.
fn write(
    format: crate::output::Format,
    attrs: &[String],
    records: impl FnOnce(&mut dyn FnMut(ParticipantRow) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let mut columns = vec![
        Column::all("participant"),
        Column::all("segments"),
        Column::all("transcripts"),
        Column::all("n_transcripts"),
    ];
    columns.extend(attrs.iter().map(Column::all));
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(format, columns, sink.writer(), width)?;
    records(&mut |r| {
        let mut cells: Vec<Cell> = vec![
            Cell::from(r.id.as_str()),
            Cell::from(r.segments),
            Cell::from(r.transcripts.join(";")),
            Cell::from(r.transcripts.len()),
        ];
        cells.extend(attrs.iter().map(|a| r.get(a).map(str::to_owned).into()));
        rows.push(cells)
    })?;
    rows.finish()?;
    sink.finish()
}
