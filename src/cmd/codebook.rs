//! `coda codebook check` and `coda codebook show`.

use crate::cli::CodebookCommand;
use crate::codebook::{Codebook, Scope};
use crate::error::Result;
use crate::output::{Cell, Column, Table};

use super::{Outcome, emit};

pub fn run(c: CodebookCommand) -> Result<Outcome> {
    match c {
        CodebookCommand::Check { file } => {
            let book = Codebook::load(&file)?;
            // Compiled as `coda code` compiles it: every pattern in one set, so that a
            // set too large together is found here.
            crate::coding::Engine::new(&book)?;
            let rules: usize = book.themes.iter().map(|t| t.rule_count()).sum();
            eprintln!(
                "{}: codebook '{}'{}: {} themes, {} rules, no problems",
                file.display(),
                book.name,
                book.version
                    .as_deref()
                    .map(|v| format!(" version {v}"))
                    .unwrap_or_default(),
                book.themes.len(),
                rules
            );
            Ok(Outcome::Success)
        }
        CodebookCommand::Show { file, format } => {
            let book = Codebook::load(&file)?;
            let mut table = Table::new(vec![
                Column::all("theme"),
                Column::data("parent"),
                Column::all("label"),
                Column::all("keywords"),
                Column::all("patterns"),
                Column::all("near"),
                Column::all("exclude_patterns"),
                Column::all("scope"),
                Column::all("min_hits"),
            ]);
            for (depth, t) in book.tree() {
                let id = if format == crate::cli::FormatArg::Table {
                    format!("{}{}", "· ".repeat(depth), t.id)
                } else {
                    t.id.clone()
                };
                let scope = match t.scope {
                    Scope::Participant => "participant",
                    Scope::Interviewer => "interviewer",
                    Scope::All => "all",
                };
                table.push(vec![
                    id.into(),
                    t.parent.clone().into(),
                    t.title().into(),
                    t.keywords.len().into(),
                    t.patterns.len().into(),
                    t.near.len().into(),
                    t.exclude_patterns.len().into(),
                    Cell::from(scope),
                    t.min_hits.into(),
                ]);
            }
            emit(&table, format)?;
            Ok(Outcome::Success)
        }
    }
}
