//! `coda codings`: export a pass's codings with their evidence.

use crate::cli::CodingsArgs;
use crate::error::Result;
use crate::output::{Cell, Column, Rows, Sink};
use crate::store::{CodingRecord, Project, SegmentRow};

use super::Outcome;
use super::study::Loaded;

pub fn run(args: CodingsArgs, project: &Project) -> Result<Outcome> {
    let data = Loaded::load(project, &args.pass)?;
    let attributes = &data.attributes;
    let wheres = data.wheres(&args.wheres)?;
    let positions = if args.themes.is_empty() {
        None
    } else {
        Some(data.header.positions(&args.themes)?)
    };
    // A segment's attributes are its participant's and its transcript's.
    let selected = |s: &SegmentRow| super::selected(s, &wheres);
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(
        args.format.into(),
        columns(attributes),
        sink.writer(),
        width,
    )?;
    data.for_each_coded(positions.as_deref(), |s, codings| {
        if !selected(s) {
            return Ok(());
        }
        for c in codings {
            rows.push(row(&data.header.pass, s, c, attributes))?;
        }
        Ok(())
    })?;
    let n = rows.finish()?;
    sink.finish()?;
    Ok(super::found(n))
}

/// The columns of `coda codings` (and of `codings.csv`).
pub fn columns(attributes: &[String]) -> Vec<Column> {
    let mut columns = vec![
        Column::all("segment"),
        Column::data("transcript"),
        Column::all("participant"),
        Column::all("theme"),
        Column::data("pass"),
        Column::all("hits"),
        Column::all("evidence"),
        Column::data("text"),
    ];
    columns.extend(attributes.iter().map(Column::data));
    columns
}

/// One coding's row, with the segment's attribute values.
pub fn row(pass: &str, s: &SegmentRow, c: &CodingRecord, attributes: &[String]) -> Vec<Cell> {
    let evidence: Vec<&str> = c.hits.iter().map(|h| h.text.as_str()).collect();
    let mut row: Vec<Cell> = vec![
        c.segment.as_str().into(),
        s.transcript.as_str().into(),
        s.participant.clone().into(),
        c.theme.as_str().into(),
        pass.into(),
        c.hits.len().into(),
        evidence.join("; ").into(),
        s.text.as_str().into(),
    ];
    row.extend(
        attributes
            .iter()
            .map(|a| s.attributes.get(a).cloned().into()),
    );
    row
}
