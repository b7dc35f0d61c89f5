//! Theme co-occurrence: how often two themes code the same segment, or the same
//! participant.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::store::{CodingRecord, PassHeader};

/// Themes in tree order and a symmetric count matrix; the diagonal counts each theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cooccurrence {
    pub themes: Vec<String>,
    pub counts: Vec<Vec<usize>>,
}

/// Co-occurrence counted from participant segments offered one at a time: per segment
/// nothing is kept; per participant (`by_participant`), the set of their themes.
pub struct Counter {
    themes: Vec<String>,
    /// Theme id to its position and its parent's position.
    idx: HashMap<String, (usize, Option<usize>)>,
    rollup: bool,
    by_participant: bool,
    units: BTreeMap<String, BTreeSet<usize>>,
    counts: Vec<Vec<usize>>,
}

impl Counter {
    pub fn new(header: &PassHeader, by_participant: bool, rollup: bool) -> Counter {
        let themes: Vec<String> = super::tree(header)
            .into_iter()
            .map(|(_, t)| t.to_owned())
            .collect();
        let pos: HashMap<&str, usize> = themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i))
            .collect();
        let idx = header
            .themes
            .iter()
            .map(|t| {
                let parent = t.parent.as_deref().and_then(|p| pos.get(p).copied());
                (t.id.clone(), (pos[t.id.as_str()], parent))
            })
            .collect();
        let n = themes.len();
        Counter {
            themes,
            idx,
            rollup,
            by_participant,
            units: BTreeMap::new(),
            counts: vec![vec![0; n]; n],
        }
    }

    /// A participant segment's codings: its themes, and their parents with `rollup`.
    pub fn offer(&mut self, participant: &str, codings: &[CodingRecord]) {
        let mut set = BTreeSet::new();
        for c in codings {
            let Some(&(i, mut parent)) = self.idx.get(&c.theme) else {
                continue;
            };
            set.insert(i);
            while self.rollup
                && let Some(p) = parent
            {
                set.insert(p);
                parent = self.idx[&self.themes[p]].1;
            }
        }
        if self.by_participant {
            self.units
                .entry(participant.to_owned())
                .or_default()
                .extend(set);
        } else {
            add(&mut self.counts, &set);
        }
    }

    pub fn finish(mut self) -> Cooccurrence {
        for set in std::mem::take(&mut self.units).values() {
            add(&mut self.counts, set);
        }
        Cooccurrence {
            themes: self.themes,
            counts: self.counts,
        }
    }
}

fn add(counts: &mut [Vec<usize>], set: &BTreeSet<usize>) {
    for &a in set {
        for &b in set {
            counts[a][b] += 1;
        }
    }
}
