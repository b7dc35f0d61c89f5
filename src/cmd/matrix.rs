//! `coda matrix` and `coda cooccur`.

use crate::analysis::NONE;
use crate::analysis::cooccur::{Cooccurrence, Counter};
use crate::analysis::matrix::{Builder, Matrix};
use crate::cli::{CooccurArgs, CountArg, FormatArg, LayoutArg, MatrixArgs};
use crate::error::{Error, Problem, Result};
use crate::output::{Cell, Column, Sink, Table};
use crate::store::{PassHeader, Project};

use super::study::Loaded;
use super::{Outcome, write_to};

pub fn run(args: MatrixArgs, project: &Project) -> Result<Outcome> {
    if args.percent && args.count == CountArg::Segments {
        return Err(Error::input(Problem::general(
            "--percent shows participants as a share of each column's participants; use it without --count segments",
        )));
    }
    let sink = Sink::open(args.output.as_deref())?;
    let data = Loaded::load(project, &args.pass)?;
    data.check_attribute(&args.by)?;
    let m = matrix_of(&data, &args.by, !args.no_rollup)?;
    let table = match args.layout {
        LayoutArg::Wide => wide(&m, args.count, args.percent, args.format),
        LayoutArg::Long => long(&m, &args.by),
    };
    write_to(sink, &table, args.format)?;
    Ok(Outcome::Success)
}

/// The matrix of a pass over the project's participants (those with turns), from the
/// counts `coda code` stored: a handful of rows, whatever the corpus size.
pub fn matrix_of(data: &Loaded, by: &str, rollup: bool) -> Result<Matrix> {
    let none = |v: Option<String>| v.unwrap_or_else(|| NONE.to_owned());
    let columns = data.db.columns(by)?.into_iter().map(|(v, n)| (none(v), n));
    let mut b = Builder::new(&data.header, columns);
    for c in data.db.matrix_counts(&data.header.pass, by, rollup)? {
        b.set(c.position, &none(c.value), c.participants, c.segments);
    }
    Ok(b.finish())
}

pub(super) fn label(depth: usize, id: &str, format: FormatArg) -> String {
    if matches!(format, FormatArg::Table | FormatArg::Md) {
        format!("{}{id}", "· ".repeat(depth))
    } else {
        id.to_owned()
    }
}

/// One row per theme; columns the values and Total. Views for people show each
/// column's n in its header and sub-themes indented; the data formats (CSV, JSON
/// Lines) have a `parent` column instead (empty for a top-level theme) and a first row
/// `n`, each column's participants, whatever is counted.
pub fn wide(m: &Matrix, count: CountArg, percent: bool, format: FormatArg) -> Table {
    let for_people = matches!(format, FormatArg::Table | FormatArg::Md);
    let head = |name: &str, n: usize| {
        if for_people {
            format!("{name} (n={n})")
        } else {
            name.to_owned()
        }
    };
    let mut columns = vec![Column::all("theme")];
    if !for_people {
        columns.push(Column::all("parent"));
    }
    columns.extend(
        m.values
            .iter()
            .zip(&m.n)
            .map(|(v, n)| Column::all(head(v, *n))),
    );
    columns.push(Column::all(head("Total", m.n_total)));
    let mut t = Table::new(columns);
    if !for_people {
        let mut cells: Vec<Cell> = vec!["n".into(), Cell::Null];
        cells.extend(m.n.iter().chain([&m.n_total]).map(|n| Cell::from(*n)));
        t.push(cells);
    }
    for (((depth, id), parent), row) in m.themes.iter().zip(&m.parents).zip(&m.cells) {
        let mut cells: Vec<Cell> = vec![label(*depth, id, format).into()];
        if !for_people {
            cells.push(parent.clone().into());
        }
        for (j, c) in row.iter().enumerate() {
            let n = if j < m.n.len() { m.n[j] } else { m.n_total };
            cells.push(match (count, percent) {
                (CountArg::Segments, _) => c.segments.into(),
                (CountArg::Participants, false) => c.participants.into(),
                (CountArg::Participants, true) if n == 0 => Cell::Null,
                (CountArg::Participants, true) => {
                    Cell::Str(format!("{:.1}", 100.0 * c.participants as f64 / n as f64))
                }
            });
        }
        t.push(cells);
    }
    t
}

/// Tidy: one row per theme and value, zeros included.
pub fn long(m: &Matrix, by: &str) -> Table {
    let mut t = Table::new(vec![
        Column::all("theme"),
        Column::all(by),
        Column::all("segments"),
        Column::all("participants"),
        Column::all("participants_in_group"),
    ]);
    for ((_, id), row) in m.themes.iter().zip(&m.cells) {
        for (j, v) in m.values.iter().enumerate() {
            t.push(vec![
                id.as_str().into(),
                v.as_str().into(),
                row[j].segments.into(),
                row[j].participants.into(),
                m.n[j].into(),
            ]);
        }
    }
    t
}

pub fn run_cooccur(args: CooccurArgs, project: &Project) -> Result<Outcome> {
    let sink = Sink::open(args.output.as_deref())?;
    let data = Loaded::load(project, &args.pass)?;
    let mut counter = Counter::new(
        &data.header,
        args.count == CountArg::Participants,
        !args.no_rollup,
    );
    data.for_each_coded(None, |s, codings| {
        if s.is_participant() {
            counter.offer(s.participant.as_deref().unwrap_or_default(), codings);
        }
        Ok(())
    })?;
    let table = cooccur_table(&data.header, counter.finish(), args.format);
    write_to(sink, &table, args.format)?;
    Ok(Outcome::Success)
}

pub fn cooccur_table(header: &PassHeader, c: Cooccurrence, format: FormatArg) -> Table {
    let mut columns = vec![Column::all("theme")];
    columns.extend(c.themes.iter().map(Column::all));
    let mut t = Table::new(columns);
    let depth: std::collections::HashMap<&str, usize> = crate::analysis::tree(header)
        .into_iter()
        .map(|(d, id)| (id, d))
        .collect();
    for (i, id) in c.themes.iter().enumerate() {
        let mut row: Vec<Cell> = vec![label(depth[id.as_str()], id, format).into()];
        row.extend(c.counts[i].iter().map(|n| Cell::from(*n)));
        t.push(row);
    }
    t
}
