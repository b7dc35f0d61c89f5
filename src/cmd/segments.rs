//! `coda segments`: every speaker turn, attributed, one per row.

use crate::cli::SegmentsArgs;
use crate::error::Result;
use crate::output::{Cell, Column, Table};
use crate::transcript::label::format_time;

use super::{Outcome, emit, load_corpus, outcome};

pub fn run(args: SegmentsArgs) -> Result<Outcome> {
    let corpus = load_corpus(&args.input)?;
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
    let mut table = Table::new(columns);
    for s in corpus.segments() {
        let participant = s
            .participant
            .as_ref()
            .and_then(|p| corpus.participants.get(p));
        let mut row: Vec<Cell> = vec![
            s.id().into(),
            s.transcript.as_str().into(),
            s.participant.clone().into(),
            s.speaker.as_str().into(),
            s.role.as_str().into(),
            s.start_ms.map(format_time).into(),
            s.end_ms.map(format_time).into(),
            s.text.as_str().into(),
            s.lines.0.into(),
            s.lines.1.into(),
        ];
        row.extend(attrs.iter().map(|a| {
            participant
                .and_then(|p| p.attributes.get(a))
                .map(|v| v.value.clone())
                .into()
        }));
        table.push(row);
    }
    emit(&table, args.format)?;
    Ok(outcome(&corpus))
}
