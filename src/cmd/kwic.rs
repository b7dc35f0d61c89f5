//! `coda kwic`: keyword in context over the project's segments.

use crate::analysis::kwic::Matcher;
use crate::cli::KwicArgs;
use crate::error::Result;
use crate::index::kwic_query;
use crate::output::{Cell, Column, Rows, Sink};
use crate::store::Project;

use super::{Outcome, filter};

pub fn run(args: KwicArgs, project: &Project) -> Result<Outcome> {
    let matcher = Matcher::new(&args.term)?;
    let (db, index) = super::open_index(project)?;
    let filter = filter(&args.filter, &db)?;
    let columns = vec![
        Column::all("segment"),
        Column::all("participant"),
        Column::all("left").right(),
        Column::all("keyword"),
        Column::all("right"),
    ];
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(args.format.into(), columns, sink.writer(), width)?;
    // The matching segments' ids from the index, put in file order by the database;
    // each segment's lines are written as it is read.
    if let Some(q) = kwic_query(&index, &args.term) {
        let mut q = Some(q);
        let mut fill = |push: &mut dyn FnMut(String)| match q.take() {
            Some(q) => index.for_each_matching_id(q, &filter, push),
            None => Ok(()),
        };
        db.for_each_segment_of(&mut fill, |seg| {
            for l in matcher.lines(&seg.text, args.window) {
                rows.push(vec![
                    seg.segment.as_str().into(),
                    seg.participant.clone().into(),
                    Cell::from(l.left),
                    Cell::from(l.keyword),
                    Cell::from(l.right),
                ])?;
            }
            Ok(())
        })?;
    }
    let n = rows.finish()?;
    sink.finish()?;
    Ok(super::found(n))
}
