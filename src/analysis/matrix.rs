//! Theme x attribute matrices: for each theme (tree order) and each column (a value of
//! an attribute, or a pair of values of two), the coded segments ("references"), the
//! distinct participants ("cases") and the coded words. Built from the counts over
//! participant-transcript units that the database adds up, so a matrix costs a few
//! rows per theme and column whatever the corpus size.
//!
//! The counting rule: a cell counts the distinct participants with at least one coded
//! segment having the column's values; a column's `n` the distinct participants with at
//! least one turn having them. A participant interviewed in two waves counts once in
//! each wave's column, and once in Total.

use rustc_hash::FxHashMap as HashMap;

use super::{NONE, tree};
use crate::store::PassHeader;

/// One cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub segments: usize,
    pub participants: usize,
    /// Words of the coded segments.
    pub words: u64,
}

/// A computed matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Theme ids in tree order, with depth.
    pub themes: Vec<(usize, String)>,
    /// Each row's parent theme (`None`: a top-level theme).
    pub parents: Vec<Option<String>>,
    /// Each column's values, one per attribute it is by (`(none)` for no value);
    /// sorted, `(none)` last.
    pub keys: Vec<Vec<String>>,
    /// Column labels: the values, joined by ", ".
    pub values: Vec<String>,
    /// Participants (with turns) per column; then the total.
    pub n: Vec<usize>,
    pub n_total: usize,
    /// Words of those participants' turns per column; then the total.
    pub words: Vec<u64>,
    pub words_total: u64,
    /// cells[theme][column]; the last column of each row is the total.
    pub cells: Vec<Vec<Cell>>,
}

/// A matrix filled cell by cell.
pub struct Builder {
    themes: Vec<(usize, String)>,
    parents: Vec<Option<String>>,
    /// Each row's theme's position in the counts (codebook order).
    at: Vec<usize>,
    keys: Vec<Vec<String>>,
    n: Vec<usize>,
    words: Vec<u64>,
    n_total: usize,
    words_total: u64,
    cells: Vec<Vec<Cell>>,
}

/// Sort order of a column key: by each value, `(none)` after the others.
fn order(k: &[String]) -> Vec<(bool, &str)> {
    k.iter().map(|v| (v == NONE, v.as_str())).collect()
}

impl Builder {
    /// `columns`: each column's values (`(none)` for participants without one), how
    /// many participants with at least one turn have them, and those turns' words;
    /// `total`: the distinct participants of all columns, and their words.
    pub fn new(
        header: &PassHeader,
        columns: impl IntoIterator<Item = (Vec<String>, usize, u64)>,
        total: (usize, u64),
    ) -> Builder {
        let mut columns: Vec<(Vec<String>, usize, u64)> = columns.into_iter().collect();
        columns.sort_by(|a, b| order(&a.0).cmp(&order(&b.0)));
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
            words: columns.iter().map(|c| c.2).collect(),
            keys: columns.into_iter().map(|c| c.0).collect(),
            n_total: total.0,
            words_total: total.1,
        }
    }

    /// The cell of the theme at codebook `position` in the column `key` (`None`: the
    /// Total column, counted apart: a participant in two columns is one participant).
    pub fn set(&mut self, position: usize, key: Option<&[String]>, cell: Cell) {
        let c = match key {
            None => self.keys.len(),
            Some(k) => match self.keys.binary_search_by(|v| order(v).cmp(&order(k))) {
                Ok(c) => c,
                Err(_) => return,
            },
        };
        for (r, &i) in self.at.iter().enumerate() {
            if i == position {
                self.cells[r][c] = cell;
            }
        }
    }

    pub fn finish(self) -> Matrix {
        Matrix {
            themes: self.themes,
            parents: self.parents,
            values: self.keys.iter().map(|k| k.join(", ")).collect(),
            keys: self.keys,
            n: self.n,
            n_total: self.n_total,
            words: self.words,
            words_total: self.words_total,
            cells: self.cells,
        }
    }
}
