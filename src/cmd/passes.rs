//! `coda passes`: the project's coding passes.

use crate::cli::PassesArgs;
use crate::error::Result;
use crate::output::{Column, Table};
use crate::store::Project;

use super::{Outcome, emit_rows};

pub fn run(args: PassesArgs, project: &Project) -> Result<Outcome> {
    let db = project.open()?;
    let mut table = Table::new(vec![
        Column::all("pass"),
        Column::all("kind"),
        Column::all("coder"),
        Column::all("codebook"),
        Column::all("version"),
        Column::all("sha256"),
        Column::all("created"),
        Column::all("segments"),
        Column::all("coded"),
        Column::all("codings"),
    ]);
    let passes = db.passes()?;
    for p in &passes {
        table.push(vec![
            p.pass.as_str().into(),
            p.kind.as_str().into(),
            p.coder.clone().into(),
            p.codebook.name.as_str().into(),
            p.codebook.version.clone().into(),
            p.codebook.sha256.as_str().into(),
            p.created.as_str().into(),
            p.segments.into(),
            p.coded_segments.into(),
            p.codings.into(),
        ]);
    }
    emit_rows(&table, args.format)
}
