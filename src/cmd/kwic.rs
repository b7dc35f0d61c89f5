//! `coda kwic`: keyword in context over the project's segments.

use crate::analysis::kwic::Matcher;
use crate::cli::{FormatArg, KwicArgs};
use crate::error::Result;
use crate::index::{Filter, SegmentIndex, kwic_query};
use crate::output::{Cell, Column, Rows, Sink};
use crate::store::{Db, Project};

use super::{Outcome, filter};

pub fn run(args: KwicArgs, project: &Project) -> Result<Outcome> {
    let matcher = Matcher::new(&args.term)?;
    let (db, index) = super::open_index(project)?;
    let filter = filter(&args.filter, &db)?;
    let n = kwic(
        &db,
        &index,
        &filter,
        &matcher,
        &args.term,
        args.window,
        args.format,
    )?;
    Ok(super::found(n))
}

/// Write every occurrence of `term` (as `matcher` finds it) in the segments of the
/// filter, with `window` words each side, to stdout in `format`; the number of lines.
pub(super) fn kwic(
    db: &Db,
    index: &SegmentIndex,
    filter: &Filter,
    matcher: &Matcher,
    term: &str,
    window: usize,
    format: FormatArg,
) -> Result<usize> {
    let columns = vec![
        Column::all("segment"),
        Column::all("participant"),
        Column::all("left").right(),
        Column::all("keyword"),
        Column::all("right"),
    ];
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(format.into(), columns, sink.writer(), width)?;
    // The matching segments' ids from the index, put in file order by the database;
    // each segment's lines are written as it is read.
    if let Some(q) = kwic_query(index, term) {
        let mut q = Some(q);
        let mut fill = |push: &mut dyn FnMut(String)| match q.take() {
            Some(q) => index.for_each_matching_id(q, filter, push),
            None => Ok(()),
        };
        db.for_each_segment_of(&mut fill, |seg| {
            for l in matcher.lines(&seg.text, window) {
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
    Ok(n)
}
