//! Theme x attribute matrices: for each theme (tree order) and each value of an
//! attribute, the coded segments ("references") and distinct participants ("cases").

use std::collections::{BTreeSet, HashMap};

use super::Study;

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
    /// Participants (with segments) per column; then the total.
    pub n: Vec<usize>,
    pub n_total: usize,
    /// cells[theme][value]; the last column of each row is the total.
    pub cells: Vec<Vec<Cell>>,
}

pub fn matrix(study: &Study<'_>, by: &str, rollup: bool) -> Matrix {
    let values = study.values(by);
    let col: HashMap<&str, usize> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (v.as_str(), i))
        .collect();
    let speaking = study.speaking();
    let mut n = vec![0; values.len()];
    for p in &speaking {
        n[col[study.value_of(p, by).as_str()]] += 1;
    }
    let themes: Vec<(usize, String)> = study
        .tree()
        .into_iter()
        .map(|(d, t)| (d, t.to_owned()))
        .collect();
    let row: HashMap<&str, usize> = themes
        .iter()
        .enumerate()
        .map(|(i, (_, t))| (t.as_str(), i))
        .collect();
    let by_segment = study.themes_by_segment(rollup);
    let k = values.len();
    let mut segs = vec![vec![0usize; k + 1]; themes.len()];
    let mut people: Vec<Vec<BTreeSet<&str>>> = vec![vec![BTreeSet::new(); k + 1]; themes.len()];
    for s in study.segments {
        let Some(ts) = by_segment.get(s.id.as_str()) else {
            continue;
        };
        let c = col[study.value_of(&s.participant, by).as_str()];
        for t in ts {
            let r = row[t];
            for j in [c, k] {
                segs[r][j] += 1;
                people[r][j].insert(&s.participant);
            }
        }
    }
    let cells = segs
        .iter()
        .zip(&people)
        .map(|(sr, pr)| {
            sr.iter()
                .zip(pr)
                .map(|(s, p)| Cell {
                    segments: *s,
                    participants: p.len(),
                })
                .collect()
        })
        .collect();
    Matrix {
        themes,
        values,
        n,
        n_total: speaking.len(),
        cells,
    }
}
