//! `coda codings`: export a pass's codings with their evidence.

use std::collections::HashSet;

use crate::cli::CodingsArgs;
use crate::error::Result;
use crate::index::Stored;
use crate::output::{Cell, Column, Rows, Sink};
use crate::store::Project;
use crate::store::participants::Entry;
use crate::store::passes::CodingRecord;

use super::study::{Loaded, for_each_coded};
use super::{Outcome, parse_wheres};

pub fn run(args: CodingsArgs, project: &Project) -> Result<Outcome> {
    let data = Loaded::load(project, &args.pass)?;
    let attributes = &data.head.attributes;
    let wheres = parse_wheres(&args.wheres, attributes, &|a| data.head.values_of(a))?;
    let wanted: Option<HashSet<String>> = if args.themes.is_empty() {
        None
    } else {
        Some(data.header.select(&args.themes)?)
    };
    // A segment's attributes are its participant's (interviewer turns have none).
    let attrs_of = |s: &Stored| match s.participant.as_deref() {
        Some(p) => data.attributes_of(p),
        None => Ok(None),
    };
    let selected = |attrs: &Option<Entry>| {
        wheres.iter().all(|(a, values)| {
            attrs.as_ref().and_then(|m| m.get(a)).is_some_and(|v| {
                let v = v.to_lowercase();
                values.iter().any(|x| x.to_lowercase() == v)
            })
        })
    };
    let mut sink = Sink::open(None)?;
    let width = sink.terminal_width();
    let mut rows = Rows::new(
        args.format.into(),
        columns(attributes),
        sink.writer(),
        width,
    )?;
    for_each_coded(
        project,
        &data,
        |t| wanted.as_ref().is_none_or(|w| w.contains(t)),
        |s, codings| {
            let attrs = attrs_of(s)?;
            if !selected(&attrs) {
                return Ok(());
            }
            for c in codings {
                rows.push(row(&data.header.pass, s, c, attributes, |a| {
                    attrs.as_ref().and_then(|m| m.get(a))
                }))?;
            }
            Ok(())
        },
    )?;
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

/// One coding's row; `attribute` gives the segment's value of an attribute.
pub fn row<'a>(
    pass: &str,
    s: &Stored,
    c: &CodingRecord,
    attributes: &[String],
    attribute: impl Fn(&str) -> Option<&'a str>,
) -> Vec<Cell> {
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
    row.extend(attributes.iter().map(|a| attribute(a).into()));
    row
}
