//! `coda sources`: the project's transcripts.

use crate::cli::SourcesArgs;
use crate::error::Result;
use crate::output::{Cell, Column, Table};
use crate::store::Project;

use super::{Outcome, emit};

pub fn run(args: SourcesArgs, project: &Project) -> Result<Outcome> {
    let manifest = project.open()?;
    let mut table = Table::new(vec![
        Column::all("transcript"),
        Column::all("format"),
        Column::all("encoding"),
        Column::all("segments"),
        Column::all("participants"),
        Column::all("warnings"),
        Column::data("warning_messages"),
        Column::all("path"),
    ]);
    for s in &manifest.sources {
        let messages: Vec<String> = s
            .warnings
            .iter()
            .map(|w| match w.line {
                Some(l) => format!("line {l}: {}", w.message),
                None => w.message.clone(),
            })
            .collect();
        table.push(vec![
            s.id.as_str().into(),
            s.format.as_str().into(),
            s.encoding.as_str().into(),
            s.segments.into(),
            s.participants.join(";").into(),
            s.warnings.len().into(),
            Cell::from(messages.join("\n")),
            s.path.display().to_string().into(),
        ]);
    }
    emit(&table, args.format)?;
    Ok(Outcome::Success)
}
