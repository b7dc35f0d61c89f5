//! `coda search`: ranked full-text search over the project's segments.

use std::io::IsTerminal;

use crate::cli::{FormatArg, SearchArgs};
use crate::error::Result;
use crate::index::{Filter, Hit, SegmentIndex};
use crate::output::{Cell, Column, Table, flatten};
use crate::store::{Db, Project, SegmentRow};

use super::{Outcome, emit, filter, found};

pub fn run(args: SearchArgs, project: &Project) -> Result<Outcome> {
    let (db, index) = super::open_index(project)?;
    let filter = filter(&args.filter, &db)?;
    let attributes = db.attributes()?;
    let scope = Scope {
        db: &db,
        index: &index,
        filter: &filter,
        attributes: &attributes,
    };
    let n = search(&scope, &args.query, args.limit, args.format)?;
    Ok(found(n))
}

/// What a search or kwic reads: the project opened (by a command, or once by the shell),
/// its filter checked, and the attributes that make the search's columns.
pub(super) struct Scope<'a> {
    pub db: &'a Db,
    pub index: &'a SegmentIndex,
    pub filter: &'a Filter,
    pub attributes: &'a [String],
}

/// Run a query and write its hits to stdout in `format`; the number of hits. A
/// table view of no hits prints nothing (as grep does).
pub(super) fn search(scope: &Scope, query: &str, limit: usize, format: FormatArg) -> Result<usize> {
    let Scope {
        db,
        index,
        filter,
        attributes,
    } = *scope;
    let found = index.search(
        query,
        filter,
        &super::DbAttributes(db),
        limit,
        db.text_tokens()?,
        &mut |keys| db.segments(keys),
        |s| s.text.as_str(),
    )?;
    for w in &found.warnings {
        eprintln!("warning: {w}");
    }
    let hits = found.hits;
    let table_view = format == FormatArg::Table;
    let mut columns = vec![
        Column::all("segment"),
        Column::data("transcript"),
        Column::all("participant"),
        Column::data("speaker"),
        Column::data("role"),
        Column::all("score"),
        Column::data("text"),
        Column::json("line_start"),
        Column::json("line_end"),
    ];
    columns.extend(attributes.iter().map(Column::all));
    columns.push(Column::table_only("snippet"));
    let mut table = Table::new(columns);
    let ansi = table_view && std::io::stdout().is_terminal();
    for h in &hits {
        let s = &h.segment;
        let mut row: Vec<Cell> = vec![
            s.segment.as_str().into(),
            s.transcript.as_str().into(),
            s.participant.clone().into(),
            s.speaker.as_str().into(),
            s.role.as_str().into(),
            Cell::Float(h.score as f64),
            s.text.as_str().into(),
            (s.lines.0 as usize).into(),
            (s.lines.1 as usize).into(),
        ];
        row.extend(
            attributes
                .iter()
                .map(|a| s.attributes.get(a).cloned().into()),
        );
        row.push(if table_view {
            highlight(h, ansi).into()
        } else {
            Cell::Null
        });
        table.push(row);
    }
    emit(&table, format)?;
    Ok(table.rows.len())
}

/// The snippet on one line, hits in bold on a terminal and in `**` otherwise.
fn highlight(h: &Hit<SegmentRow>, ansi: bool) -> String {
    let (on, off) = if ansi {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let mut out = String::new();
    let mut at = 0;
    for r in &h.highlights {
        out.push_str(&h.snippet[at..r.start]);
        out.push_str(on);
        out.push_str(&h.snippet[r.clone()]);
        out.push_str(off);
        at = r.end;
    }
    out.push_str(&h.snippet[at..]);
    let flat = flatten(&out);
    if flat.is_empty() {
        flatten(&h.segment.text)
    } else {
        flat
    }
}
