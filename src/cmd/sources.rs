//! `coda sources`: the project's transcripts.

use crate::cli::SourcesArgs;
use crate::error::Result;
use crate::output::{Cell, Column, Rows, Sink};
use crate::store::Project;
use crate::transcript::Kind;

use super::Outcome;

pub fn run(args: SourcesArgs, project: &Project) -> Result<Outcome> {
    let db = project.open()?;
    // The transcript attributes (transcripts sheet, front matter), sorted by name.
    let attrs = db.attributes_of_kind("transcript")?;
    let mut columns = vec![
        Column::all("transcript"),
        Column::all("format"),
        Column::all("encoding"),
        Column::all("segments"),
        Column::all("participants"),
    ];
    columns.extend(attrs.iter().map(Column::all));
    columns.extend([
        Column::all("warnings"),
        Column::data("warning_messages"),
        Column::all("path"),
    ]);
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(args.format.into(), columns, sink.writer(), width)?;
    // A row at a time, whatever the project's size.
    db.for_each_source(|s| {
        let messages: Vec<String> = s
            .warnings
            .iter()
            .map(|w| match w.line {
                Some(l) => format!("{} {l}: {}", Kind::unit_of(&s.path), w.message),
                None => w.message.clone(),
            })
            .collect();
        let mut cells: Vec<Cell> = vec![
            s.id.as_str().into(),
            s.format.as_str().into(),
            s.encoding.as_str().into(),
            s.segments.into(),
            s.participants.join(";").into(),
        ];
        cells.extend(attrs.iter().map(|a| s.attributes.get(a).cloned().into()));
        cells.extend([
            s.warnings.len().into(),
            Cell::from(messages.join("\n")),
            s.path.display().to_string().into(),
        ]);
        rows.push(cells)
    })?;
    rows.finish()?;
    sink.finish()?;
    Ok(Outcome::Success)
}
