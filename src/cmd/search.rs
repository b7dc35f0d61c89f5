//! `coda search`: ranked full-text search over the project's segments.

use std::io::IsTerminal;

use crate::cli::{FormatArg, SearchArgs};
use crate::error::Result;
use crate::index::Hit;
use crate::output::{Cell, Column, Table, flatten};
use crate::store::Project;
use crate::store::SegmentRow;

use super::{Outcome, emit_rows, filter};

pub fn run(args: SearchArgs, project: &Project) -> Result<Outcome> {
    let (db, index) = super::open_index(project)?;
    let filter = filter(&args.filter, &db)?;
    let attributes = db.attributes()?;
    let found = index.search(
        &args.query,
        &filter,
        &super::DbAttributes(&db),
        args.limit,
        db.text_tokens()?,
        &mut |keys| db.segments(keys),
        |s| s.text.as_str(),
    )?;
    for w in &found.warnings {
        eprintln!("warning: {w}");
    }
    let hits = found.hits;
    let table_view = args.format == FormatArg::Table;
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
    emit_rows(&table, args.format)
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
