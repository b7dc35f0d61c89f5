//! `coda compare`: per theme, the participants coded with it under each value of an
//! attribute. Read from the matrix by the attribute and `participant`, so it counts as
//! `coda matrix` counts (participants' turns, `--where`, sub-themes rolled up).

use std::collections::{BTreeMap, BTreeSet};

use crate::cli::{CompareArgs, FormatArg};
use crate::error::{Error, Problem, Result};
use crate::output::{Cell, Column, Sink, Table};
use crate::store::Project;

use super::matrix::{label, matrix_of};
use super::study::Loaded;
use super::{Outcome, write_to};

/// Each participant coded with a theme, and the indexes into `Comparison::values` they
/// were coded under.
pub type Coded = BTreeMap<String, BTreeSet<usize>>;

/// Each theme (tree order, with depth) and who was coded with it under which values.
pub struct Comparison {
    /// The attribute's values with turns, sorted, `(none)` last.
    pub values: Vec<String>,
    pub themes: Vec<((usize, String), Coded)>,
}

pub fn run(args: CompareArgs, project: &Project) -> Result<Outcome> {
    let by = args.by.trim().to_lowercase();
    if by == "participant" {
        return Err(Error::input(Problem::general(
            "--by participant: every participant has only their own id; compare by an attribute (--by wave)",
        )));
    }
    let sink = Sink::open(args.output.as_deref())?;
    let data = Loaded::load(project, &args.pass)?;
    data.check_attribute(&by)?;
    let wheres = data.wheres(&args.wheres)?;
    let c = compare(&data, &by, &wheres, !args.no_rollup)?;
    let table = if c.values.len() == 2 {
        two_values(&c, args.format)
    } else {
        per_participant(&c, args.format)
    };
    write_to(sink, &table, args.format)?;
    Ok(Outcome::Success)
}

/// The matrix by `by` and `participant`, read back as who was coded under which values.
pub fn compare(
    data: &Loaded,
    by: &str,
    wheres: &[(String, Vec<String>)],
    rollup: bool,
) -> Result<Comparison> {
    let m = matrix_of(
        data,
        &[by.to_owned(), "participant".to_owned()],
        wheres,
        rollup,
    )?;
    // The matrix's keys are sorted by the first value, `(none)` last; keep that order.
    let mut ordered: Vec<String> = Vec::new();
    for k in &m.keys {
        if !ordered.contains(&k[0]) {
            ordered.push(k[0].clone());
        }
    }
    let themes = m
        .themes
        .iter()
        .zip(&m.cells)
        .map(|(theme, row)| {
            let mut who = Coded::new();
            for (k, cell) in m.keys.iter().zip(row) {
                if cell.participants > 0 {
                    let v = ordered.iter().position(|o| o == &k[0]).expect("a value");
                    who.entry(k[1].clone()).or_default().insert(v);
                }
            }
            (theme.clone(), who)
        })
        .collect();
    Ok(Comparison {
        values: ordered,
        themes,
    })
}

/// Two values: each participant coded with the theme is in `both` or `only <value>`.
/// For people (table, Markdown) a row per theme with the participants of each status;
/// for data (CSV, JSON Lines) a row per theme, status and participant.
fn two_values(c: &Comparison, format: FormatArg) -> Table {
    let statuses = [
        "both".to_owned(),
        format!("only {}", c.values[0]),
        format!("only {}", c.values[1]),
    ];
    let status_of = |vs: &BTreeSet<usize>| match vs.len() {
        2 => 0,
        _ => 1 + *vs.iter().next().expect("a value"),
    };
    if matches!(format, FormatArg::Table | FormatArg::Md) {
        let mut columns = vec![Column::all("theme")];
        columns.extend(statuses.iter().map(Column::all));
        let mut t = Table::new(columns);
        for ((depth, id), who) in &c.themes {
            let mut lists: [Vec<&str>; 3] = Default::default();
            for (p, vs) in who {
                lists[status_of(vs)].push(p);
            }
            let mut row: Vec<Cell> = vec![label(*depth, id, format).into()];
            row.extend(lists.iter().map(|l| Cell::from(l.join(", "))));
            t.push(row);
        }
        t
    } else {
        let mut t = Table::new(vec![
            Column::all("theme"),
            Column::all("status"),
            Column::all("participant"),
        ]);
        for ((_, id), who) in &c.themes {
            for (s, status) in statuses.iter().enumerate() {
                for (p, vs) in who {
                    if status_of(vs) == s {
                        t.push(vec![
                            id.as_str().into(),
                            status.as_str().into(),
                            p.as_str().into(),
                        ]);
                    }
                }
            }
        }
        t
    }
}

/// One value, or more than two: a row per theme and participant coded with it, with the
/// values they were coded under (sorted, joined by "; ").
fn per_participant(c: &Comparison, format: FormatArg) -> Table {
    let mut t = Table::new(vec![
        Column::all("theme"),
        Column::all("participant"),
        Column::all("values"),
    ]);
    for ((depth, id), who) in &c.themes {
        for (p, vs) in who {
            let values: Vec<&str> = vs.iter().map(|&v| c.values[v].as_str()).collect();
            t.push(vec![
                label(*depth, id, format).into(),
                p.as_str().into(),
                values.join("; ").into(),
            ]);
        }
    }
    t
}
