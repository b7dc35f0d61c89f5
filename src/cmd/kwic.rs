//! `coda kwic`: keyword in context over the project's segments.

use crate::analysis::kwic::Matcher;
use crate::cli::KwicArgs;
use crate::error::Result;
use crate::index::kwic_query;
use crate::output::{Cell, Column, Table};
use crate::store::Project;

use super::{Outcome, emit_rows, filter};

pub fn run(args: KwicArgs, project: &Project) -> Result<Outcome> {
    let matcher = Matcher::new(&args.term)?;
    let (manifest, index) = super::open_index(project)?;
    let filter = filter(&args.filter, &manifest, project)?;
    let mut table = Table::new(vec![
        Column::all("segment"),
        Column::all("participant"),
        Column::all("left").right(),
        Column::all("keyword"),
        Column::all("right"),
    ]);
    if let Some(q) = kwic_query(&index, &args.term) {
        for seg in index.all_matching(q, &filter)? {
            for l in matcher.lines(&seg.text, args.window) {
                table.push(vec![
                    seg.segment.as_str().into(),
                    seg.participant.clone().into(),
                    Cell::from(l.left),
                    Cell::from(l.keyword),
                    Cell::from(l.right),
                ]);
            }
        }
    }
    emit_rows(&table, args.format)
}
