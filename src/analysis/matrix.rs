//! Theme x attribute matrices: for each theme (tree order) and each value of an
//! attribute, the coded segments ("references") and distinct participants ("cases").
//! Built from the counts by value that `coda code` stores, so a matrix costs the same
//! whatever the corpus size.

use rustc_hash::FxHashMap as HashMap;

use super::{NONE, tree};
use crate::store::PassHeader;

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
    /// Each row's parent theme (`None`: a top-level theme).
    pub parents: Vec<Option<String>>,
    /// Column values, sorted, `(none)` last.
    pub values: Vec<String>,
    /// Participants (with turns) per column; then the total.
    pub n: Vec<usize>,
    pub n_total: usize,
    /// cells[theme][value]; the last column of each row is the total.
    pub cells: Vec<Vec<Cell>>,
}

/// A matrix built from each participant's counts as they are read: nothing per
/// participant is kept.
pub struct Builder {
    themes: Vec<(usize, String)>,
    parents: Vec<Option<String>>,
    /// Each row's theme's position in the counts (codebook order).
    at: Vec<usize>,
    values: Vec<String>,
    n: Vec<usize>,
    n_total: usize,
    cells: Vec<Vec<Cell>>,
}

impl Builder {
    /// `columns`: each value of the attribute the columns are by (`(none)` for
    /// participants without it), and how many participants with at least one turn in
    /// the project have it.
    pub fn new(header: &PassHeader, columns: impl IntoIterator<Item = (String, usize)>) -> Builder {
        let mut columns: Vec<(String, usize)> = columns.into_iter().collect();
        let n_total = columns.iter().map(|c| c.1).sum();
        // Sorted, `(none)` last.
        columns.sort_by(|a, b| (a.0 == NONE, &a.0).cmp(&(b.0 == NONE, &b.0)));
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
        let at: Vec<usize> = themes.iter().map(|(_, id)| index[id.as_str()]).collect();
        Builder {
            parents: at
                .iter()
                .map(|&i| header.themes[i].parent.clone())
                .collect(),
            at,
            cells: vec![vec![Cell::default(); columns.len() + 1]; themes.len()],
            themes,
            n: columns.iter().map(|c| c.1).collect(),
            values: columns.into_iter().map(|c| c.0).collect(),
            n_total,
        }
    }

    /// A cell as counted by value: `participants` and `segments` of the theme at
    /// codebook `position` with `value`; the Total column sums the values' cells (each
    /// participant has one value, or `(none)`).
    pub fn set(&mut self, position: usize, value: &str, participants: usize, segments: usize) {
        let Ok(c) = self
            .values
            .binary_search_by(|v| (v == NONE, v.as_str()).cmp(&(value == NONE, value)))
        else {
            return;
        };
        let k = self.values.len();
        for (r, &i) in self.at.iter().enumerate() {
            if i != position {
                continue;
            }
            self.cells[r][c].segments += segments;
            self.cells[r][c].participants += participants;
            self.cells[r][k].segments += segments;
            self.cells[r][k].participants += participants;
        }
    }

    pub fn finish(self) -> Matrix {
        Matrix {
            themes: self.themes,
            parents: self.parents,
            values: self.values,
            n: self.n,
            n_total: self.n_total,
            cells: self.cells,
        }
    }
}
