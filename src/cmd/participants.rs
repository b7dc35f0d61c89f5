//! `coda participants`: participants with their attributes and segment counts, of the
//! project, or of the transcripts named on the command line.

use crate::cli::{InputArgs, ParticipantsArgs};
use crate::error::Result;
use crate::output::{Cell, Column, Rows, Sink};
use crate::store::Project;
use crate::store::manifest::ParticipantRecord;

use super::{Outcome, outcome, read_corpus};

pub fn run(args: ParticipantsArgs, project: &Project) -> Result<Outcome> {
    if args.paths.is_empty() {
        // The project's participants, streamed from its participants file.
        let head = project.head()?;
        let attrs = head.attributes.clone();
        write(args.format.into(), &attrs, |push| {
            project.for_each_participant(&head, |r| push(&r))
        })?;
        return Ok(Outcome::Success);
    }
    let input = InputArgs {
        paths: args.paths,
        participants: args.participants,
        interviewer_labels: args.interviewer_labels,
    };
    let corpus = read_corpus(&input, &super::progress::Bar::new(), &mut |_| Ok(()))?;
    let attrs = corpus.attribute_names();
    write(args.format.into(), &attrs, |push| {
        corpus
            .participants
            .rows()
            .try_for_each(|p| push(&p?.record()))
    })?;
    Ok(outcome(&corpus))
}

/// One row per participant, as `records` hands them to `push`.
fn write(
    format: crate::output::Format,
    attrs: &[String],
    records: impl FnOnce(&mut dyn FnMut(&ParticipantRecord) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let mut columns = vec![
        Column::all("participant"),
        Column::all("segments"),
        Column::all("transcripts"),
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
        ];
        cells.extend(attrs.iter().map(|a| r.attributes.get(a).cloned().into()));
        rows.push(cells)
    })?;
    rows.finish()?;
    sink.finish()
}
