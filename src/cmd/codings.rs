//! `coda codings`: export a pass's codings with their evidence.

use std::collections::{HashMap, HashSet};

use crate::cli::CodingsArgs;
use crate::error::Result;
use crate::index::{Filter, Stored};
use crate::output::{Cell, Column, Table};
use crate::store::Project;
use crate::store::passes::{CodingRecord, PassHeader};

use super::{Outcome, emit_rows, parse_wheres};

pub fn run(args: CodingsArgs, project: &Project) -> Result<Outcome> {
    let head = project.head()?;
    let wheres = parse_wheres(&args.wheres, &head.attributes, &|a| head.values_of(a))?;
    let header = project.read_pass_header(&args.pass)?;
    let wanted: Option<HashSet<String>> = if args.themes.is_empty() {
        None
    } else {
        Some(header.select(&args.themes)?)
    };
    let (_, codings) = project.read_pass_where(&args.pass, |t| {
        wanted.as_ref().is_none_or(|w| w.contains(t))
    })?;
    let table = codings_table(project, &header, &codings, wanted.as_ref(), wheres)?;
    emit_rows(&table, args.format)
}

/// One row per coding: `segment,transcript,participant,theme,pass,hits,evidence,text`,
/// then the attributes.
pub fn codings_table(
    project: &Project,
    header: &PassHeader,
    codings: &[CodingRecord],
    wanted: Option<&HashSet<String>>,
    wheres: Vec<(String, Vec<String>)>,
) -> Result<Table> {
    let (manifest, index) = super::open_index(project)?;
    // Only the segments the codings name are read from the index.
    let coded: std::collections::BTreeSet<&str> = codings
        .iter()
        .filter(|c| wanted.is_none_or(|w| w.contains(&c.theme)))
        .map(|c| c.segment.as_str())
        .collect();
    let segments: HashMap<String, _> = index
        .segments(&Filter {
            role: None,
            wheres,
            segments: Some(coded.into_iter().map(str::to_owned).collect()),
        })?
        .into_iter()
        .map(|s| (s.segment.clone(), s))
        .collect();
    let mut table = Table::new(columns(&manifest.attributes));
    for c in codings {
        if wanted.is_some_and(|w| !w.contains(&c.theme)) {
            continue;
        }
        let Some(s) = segments.get(&c.segment) else {
            continue;
        };
        table.push(row(&header.pass, s, c, &manifest.attributes, |a| {
            s.attributes.get(a).map(String::as_str)
        }));
    }
    Ok(table)
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
