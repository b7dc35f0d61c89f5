//! `coda matrix` and `coda cooccur`.

use crate::analysis::NONE;
use crate::analysis::cooccur::{Cooccurrence, Counter};
use crate::analysis::matrix::{Builder, Cell as MatrixCell, Matrix};
use crate::analysis::quotes::Selector;
use crate::cli::{CellsArg, CooccurArgs, CountArg, FormatArg, LayoutArg, MatrixArgs};
use crate::error::{Error, Problem, Result};
use crate::output::{Cell, Column, Sink, Table};
use crate::store::{PassHeader, Project, UnitQuery};

use super::study::Loaded;
use super::{Outcome, write_to};

pub fn run(args: MatrixArgs, project: &Project) -> Result<Outcome> {
    if args.percent && args.count != CountArg::Participants {
        return Err(Error::input(Problem::general(
            "--percent shows participants as a share of each column's participants; use it without --count segments or words",
        )));
    }
    let by: Vec<String> = if args.by.is_empty() {
        vec!["group".to_owned()]
    } else {
        args.by.iter().map(|b| b.trim().to_lowercase()).collect()
    };
    if by.len() > 2 || (by.len() == 2 && by[0] == by[1]) {
        return Err(Error::input(Problem::general(
            "--by: give one attribute, or two different ones (--by group --by wave)",
        )));
    }
    if args.cells == CellsArg::Quote && by != ["participant"] {
        return Err(Error::input(Problem::general(
            "--cells quote puts a participant's best quote in each cell: use it with --by participant",
        )));
    }
    let sink = Sink::open(args.output.as_deref())?;
    let data = Loaded::load(project, &args.pass)?;
    for b in &by {
        data.check_attribute(b)?;
    }
    let wheres = data.wheres(&args.wheres)?;
    if args.cells == CellsArg::Quote {
        let opts = crate::analysis::quotes::Options {
            per_group: 1,
            min_words: args.min_words,
            max_words: args.max_words.max(args.min_words),
        };
        let table = quote_grid(&data, &wheres, opts, args.format)?;
        write_to(sink, &table, args.format)?;
        return Ok(Outcome::Success);
    }
    // One attribute of participants, no filter, no words: the counts the pass keeps.
    let counted = if wheres.is_empty() && by.len() == 1 && args.count != CountArg::Words {
        data.db
            .counted_matrix(&data.header.pass, &by[0], !args.no_rollup)?
    } else {
        None
    };
    let m = match counted {
        Some(u) => build(&data, u),
        None => matrix_of(&data, &by, &wheres, !args.no_rollup)?,
    };
    let table = match args.layout {
        LayoutArg::Wide => wide(&m, args.count, args.percent, args.format),
        LayoutArg::Long => long(&m, &by),
    };
    write_to(sink, &table, args.format)?;
    Ok(Outcome::Success)
}

/// The matrix of a pass over the project's participants (those with turns) by one or
/// two attributes, with `--where` conditions: counted in the database over
/// participant-transcript units, a few rows per theme and column.
pub fn matrix_of(
    data: &Loaded,
    by: &[String],
    wheres: &[(String, Vec<String>)],
    rollup: bool,
) -> Result<Matrix> {
    let q = UnitQuery { by, wheres, rollup };
    let u = data.db.unit_matrix(&data.header.pass, &q)?;
    Ok(build(data, u))
}

/// A matrix from counts over units (the database's), in tree order.
fn build(data: &Loaded, u: crate::store::UnitMatrix) -> Matrix {
    let key = |k: Vec<Option<String>>| -> Vec<String> {
        k.into_iter()
            .map(|v| v.unwrap_or_else(|| NONE.to_owned()))
            .collect()
    };
    let columns = u
        .columns
        .into_iter()
        .map(|c| (key(c.key), c.participants, c.words));
    let mut b = Builder::new(&data.header, columns, (u.participants, u.words));
    for c in u.cells {
        let k = c.key.map(key);
        b.set(
            c.position,
            k.as_deref(),
            MatrixCell {
                participants: c.participants,
                segments: c.segments,
                words: c.words,
            },
        );
    }
    b.finish()
}

/// The participant x theme grid with each participant's best quote for each theme
/// (ranked as `coda quotes` ranks them): themes in tree order, participants sorted.
fn quote_grid(
    data: &Loaded,
    wheres: &[(String, Vec<String>)],
    opts: crate::analysis::quotes::Options,
    format: FormatArg,
) -> Result<Table> {
    let themes = crate::analysis::tree(&data.header);
    let mut selectors: Vec<Selector> = themes
        .iter()
        .map(|(_, t)| Selector::new(&data.header, t, opts))
        .collect();
    let mut people: std::collections::BTreeSet<String> = Default::default();
    let by = ["participant".to_owned()];
    let m = matrix_of(data, &by, wheres, true)?;
    for k in &m.keys {
        people.insert(k[0].clone());
    }
    data.for_each_coded(None, |s, codings| {
        if s.is_participant() && super::selected(s, wheres) {
            let p = s.participant.as_deref().unwrap_or_default();
            for sel in selectors.iter_mut() {
                sel.offer(&s.segment, p, s.lines, &s.text, codings, p);
            }
        }
        Ok(())
    })?;
    let mut columns = vec![Column::all("theme")];
    columns.extend(people.iter().map(Column::all));
    let mut t = Table::new(columns);
    for ((depth, id), sel) in themes.iter().zip(selectors) {
        let quotes = sel.finish();
        let mut row: Vec<Cell> = vec![label(*depth, id, format).into()];
        for p in &people {
            row.push(
                quotes
                    .iter()
                    .find(|q| &q.participant == p && &q.value == p)
                    .map(|q| format!("{} ({})", q.quote, q.segment))
                    .into(),
            );
        }
        t.push(row);
    }
    Ok(t)
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
            let w = if j < m.words.len() {
                m.words[j]
            } else {
                m.words_total
            };
            cells.push(match (count, percent) {
                (CountArg::Segments, _) => c.segments.into(),
                (CountArg::Words, _) if w == 0 => Cell::Null,
                (CountArg::Words, _) => {
                    Cell::Str(format!("{:.1}", 100.0 * c.words as f64 / w as f64))
                }
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

/// Tidy: one row per theme and column, zeros included; a column per attribute the
/// matrix is by.
pub fn long(m: &Matrix, by: &[String]) -> Table {
    let mut columns = vec![Column::all("theme")];
    columns.extend(by.iter().map(Column::all));
    columns.extend([
        Column::all("segments"),
        Column::all("participants"),
        Column::all("participants_in_group"),
    ]);
    let mut t = Table::new(columns);
    for ((_, id), row) in m.themes.iter().zip(&m.cells) {
        for (j, k) in m.keys.iter().enumerate() {
            let mut cells: Vec<Cell> = vec![id.as_str().into()];
            cells.extend(k.iter().map(|v| Cell::from(v.as_str())));
            cells.extend([
                row[j].segments.into(),
                row[j].participants.into(),
                m.n[j].into(),
            ]);
            t.push(cells);
        }
    }
    t
}

pub fn run_cooccur(args: CooccurArgs, project: &Project) -> Result<Outcome> {
    if args.count == CountArg::Words {
        return Err(Error::input(Problem::general(
            "coda cooccur counts segments or participants coded with both themes: use --count segments or participants",
        )));
    }
    let sink = Sink::open(args.output.as_deref())?;
    let data = Loaded::load(project, &args.pass)?;
    let wheres = data.wheres(&args.wheres)?;
    let mut counter = Counter::new(
        &data.header,
        args.count == CountArg::Participants,
        !args.no_rollup,
    );
    data.for_each_coded(None, |s, codings| {
        if s.is_participant() && super::selected(s, &wheres) {
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
