//! `coda participants`: participants with their attributes and segment counts, of the
//! project, or of the transcripts named on the command line.

use std::collections::BTreeMap;

use crate::cli::{InputArgs, ParticipantsArgs};
use crate::error::Result;
use crate::output::{Cell, Column, Table};
use crate::store::Project;

use super::{Outcome, emit, load_corpus, outcome};

/// One row before it becomes a table row.
struct Row {
    id: String,
    segments: usize,
    transcripts: Vec<String>,
    attributes: BTreeMap<String, String>,
}

pub fn run(args: ParticipantsArgs, project: &Project) -> Result<Outcome> {
    let (rows, attrs, outcome) = if args.paths.is_empty() {
        let m = project.open()?;
        let rows: Vec<Row> = m
            .participants
            .iter()
            .map(|p| Row {
                id: p.id.clone(),
                segments: p.segments,
                transcripts: p.transcripts.clone(),
                attributes: p.attributes.clone(),
            })
            .collect();
        (rows, m.attributes.clone(), Outcome::Success)
    } else {
        let input = InputArgs {
            paths: args.paths,
            participants: args.participants,
            interviewer_labels: args.interviewer_labels,
        };
        let corpus = load_corpus(&input)?;
        let rows: Vec<Row> = corpus
            .participants
            .values()
            .map(|p| Row {
                id: p.id.clone(),
                segments: p.segments,
                transcripts: p.transcripts.iter().cloned().collect(),
                attributes: p
                    .attributes
                    .iter()
                    .map(|(k, a)| (k.clone(), a.value.clone()))
                    .collect(),
            })
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
