//! Theme co-occurrence: how often two themes code the same segment, or the same
//! participant.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Study;

/// Themes in tree order and a symmetric count matrix; the diagonal counts each theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cooccurrence {
    pub themes: Vec<String>,
    pub counts: Vec<Vec<usize>>,
}

pub fn cooccur(study: &Study<'_>, by_participant: bool, rollup: bool) -> Cooccurrence {
    let themes: Vec<String> = study
        .tree()
        .into_iter()
        .map(|(_, t)| t.to_owned())
        .collect();
    let idx: HashMap<&str, usize> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let by_segment = study.themes_by_segment(rollup);
    // Units: segments, or participants with the union of their segments' themes.
    let mut units: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in study.segments {
        let Some(ts) = by_segment.get(s.id.as_str()) else {
            continue;
        };
        let key = if by_participant {
            s.participant.as_str()
        } else {
            s.id.as_str()
        };
        units.entry(key).or_default().extend(ts.iter().copied());
    }
    let mut counts = vec![vec![0; themes.len()]; themes.len()];
    for ts in units.values() {
        let ids: Vec<usize> = ts.iter().map(|t| idx[t]).collect();
        for &a in &ids {
            for &b in &ids {
                counts[a][b] += 1;
            }
        }
    }
    Cooccurrence { themes, counts }
}
