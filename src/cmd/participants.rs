//! `coda participants`: participants with their attributes and segment counts.

use crate::cli::ParticipantsArgs;
use crate::error::Result;
use crate::output::{Cell, Column, Sink, Table};

use super::{Outcome, load_corpus, outcome};

pub fn run(args: ParticipantsArgs) -> Result<Outcome> {
    let corpus = load_corpus(&args.input)?;
    let attrs = corpus.attribute_names();
    let mut columns = vec![
        Column::all("participant"),
        Column::all("segments"),
        Column::all("transcripts"),
    ];
    columns.extend(attrs.iter().map(Column::all));
    let mut table = Table::new(columns);
    for p in corpus.participants.values() {
        let mut row: Vec<Cell> = vec![
            p.id.as_str().into(),
            p.segments.into(),
            p.transcripts
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(";")
                .into(),
        ];
        row.extend(
            attrs
                .iter()
                .map(|a| p.attributes.get(a).map(|v| v.value.clone()).into()),
        );
        table.push(row);
    }
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    table.write(args.format.into(), sink.writer(), width)?;
    sink.finish()?;
    Ok(outcome(&corpus))
}
