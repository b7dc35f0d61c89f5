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
    let (manifest, index) = super::open_index(project)?;
    let filter = filter(&args.filter, &manifest, project)?;
    let columns = vec![
        Column::all("segment"),
        Column::all("participant"),
        Column::all("left").right(),
        Column::all("keyword"),
        Column::all("right"),
    ];
    // Each matching segment is reduced to its lines as it is read: its text is not kept.
    let lines = match kwic_query(&index, &args.term) {
        Some(q) => index.all_matching_map(q, &filter, |seg| {
            let lines = matcher.lines(&seg.text, args.window);
            (!lines.is_empty()).then_some((seg.segment, seg.participant, lines))
        })?,
        None => Vec::new(),
    };
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(args.format.into(), columns, sink.writer(), width)?;
    for (segment, participant, ls) in lines {
        for l in ls {
            rows.push(vec![
                segment.as_str().into(),
                participant.clone().into(),
                Cell::from(l.left),
                Cell::from(l.keyword),
                Cell::from(l.right),
            ])?;
        }
    }
    let n = rows.finish()?;
    sink.finish()?;
    Ok(super::found(n))
}
