//! Theme x attribute matrices: for each theme (tree order) and each value of an
//! attribute, the coded segments ("references") and distinct participants ("cases").
//! Read from the pass header's per-participant counts, so a matrix costs the same
//! whatever the corpus size.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use super::{NONE, tree};
use crate::store::passes::{Counts, PassHeader};

/// One cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub segments: usize,
    pub participants: usize,
}

/// A computed matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Theme ids in tree order, with depth.
    pub themes: Vec<(usize, String)>,
    /// Column values, sorted, `(none)` last.
    pub values: Vec<String>,
    /// Participants (with turns) per column; then the total.
    pub n: Vec<usize>,
    pub n_total: usize,
    /// cells[theme][value]; the last column of each row is the total.
    pub cells: Vec<Vec<Cell>>,
}

/// `value_of`: each participant with at least one turn in the project, and their value
/// of the attribute the columns are by (`(none)` when they have none).
pub fn matrix(
    header: &PassHeader,
    counts: &Counts,
    value_of: &HashMap<&str, &str>,
    rollup: bool,
) -> Matrix {
    let mut values: Vec<String> = value_of
        .values()
        .copied()
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .map(str::to_owned)
        .collect();
    if let Some(i) = values.iter().position(|v| v == NONE) {
        let none = values.remove(i);
        values.push(none);
    }
    let col: HashMap<&str, usize> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect();
    let k = values.len();
    let mut n = vec![0; k];
    for v in value_of.values() {
        n[col[v]] += 1;
    }
    let index: HashMap<&str, usize> = header
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let themes: Vec<(usize, String)> = tree(header)
        .into_iter()
        .map(|(d, t)| (d, t.to_owned()))
        .collect();
    let mut cells = vec![vec![Cell::default(); k + 1]; themes.len()];
    for (p, counts) in counts {
        let Some(v) = value_of.get(p.as_str()) else {
            continue;
        };
        let c = col[v];
        let per = if rollup { &counts.rollup } else { &counts.own };
        for (r, (_, id)) in themes.iter().enumerate() {
            let segs = per[index[id.as_str()]] as usize;
            if segs == 0 {
                continue;
            }
            for j in [c, k] {
                cells[r][j].segments += segs;
                cells[r][j].participants += 1;
            }
        }
    }
    Matrix {
        themes,
        values,
        n,
        n_total: value_of.len(),
        cells,
    }
}
