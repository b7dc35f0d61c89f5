//! `coda participants`: participants with their attributes and segment counts, of the
//! project, or of the transcripts named on the command line.

use crate::cli::{InputArgs, ParticipantsArgs};
use crate::error::Result;
use crate::output::{Cell, Column, Table};
use crate::store::Project;
use crate::store::manifest::ParticipantRecord;

use super::{Outcome, emit, load_corpus, outcome};

pub fn run(args: ParticipantsArgs, project: &Project) -> Result<Outcome> {
    let (rows, attrs, outcome) = if args.paths.is_empty() {
        let head = project.head()?;
        (
            project.participants_of(&head)?,
            head.attributes,
            Outcome::Success,
        )
    } else {
        let input = InputArgs {
            paths: args.paths,
            participants: args.participants,
            interviewer_labels: args.interviewer_labels,
        };
        let corpus = load_corpus(&input)?;
        let rows: Vec<ParticipantRecord> = corpus
            .participants
            .values()
            .map(ParticipantRecord::from)
            .collect();
        (rows, corpus.attribute_names(), outcome(&corpus))
    };
    let mut columns = vec![
        Column::all("participant"),
        Column::all("segments"),
        Column::all("transcripts"),
    ];
    columns.extend(attrs.iter().map(Column::all));
    let mut table = Table::new(columns);
    for r in rows {
        let mut cells: Vec<Cell> = vec![
            Cell::from(r.id),
            Cell::from(r.segments),
            Cell::from(r.transcripts.join(";")),
        ];
        cells.extend(attrs.iter().map(|a| r.attributes.get(a).cloned().into()));
        table.push(cells);
    }
    emit(&table, args.format)?;
    Ok(outcome)
}
