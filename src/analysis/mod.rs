//! Reading across segments: keyword in context, and what a coding pass adds up to:
//! theme x attribute matrices, co-occurrence, quotes. Plain data in, plain data out:
//! the command layer loads the pass, segments and participants and renders the results.

pub mod cooccur;
pub mod kwic;
pub mod matrix;
pub mod quotes;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::store::passes::{CodingRecord, PassHeader};

/// A participant's segment as the analyses need it.
#[derive(Debug, Clone)]
pub struct SegmentInfo {
    pub id: String,
    pub participant: String,
    pub text: String,
    pub lines: (u64, u64),
}

/// A pass with the participant segments and participants it is about.
pub struct Study<'a> {
    pub header: &'a PassHeader,
    pub codings: &'a [CodingRecord],
    /// Participant segments, in file order (interviewer turns are not analysed).
    pub segments: &'a [SegmentInfo],
    /// Participant id to attributes.
    pub participants: &'a BTreeMap<String, BTreeMap<String, String>>,
}

impl Study<'_> {
    /// Theme ids in tree order (each parent followed by its sub-themes) with depths.
    pub fn tree(&self) -> Vec<(usize, &str)> {
        tree(self.header)
    }

    /// The themes of each participant segment: as coded, plus every ancestor when
    /// `rollup` (a parent counts its sub-themes' codings).
    pub fn themes_by_segment(&self, rollup: bool) -> HashMap<&str, BTreeSet<&str>> {
        let parent: HashMap<&str, Option<&str>> = self
            .header
            .themes
            .iter()
            .map(|t| (t.id.as_str(), t.parent.as_deref()))
            .collect();
        let known: HashMap<&str, ()> = self.segments.iter().map(|s| (s.id.as_str(), ())).collect();
        let mut out: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for c in self.codings {
            if !known.contains_key(c.segment.as_str()) {
                continue;
            }
            let set = out.entry(c.segment.as_str()).or_default();
            let mut cur = Some(c.theme.as_str());
            while let Some(t) = cur {
                set.insert(t);
                cur = if rollup {
                    parent.get(t).copied().flatten()
                } else {
                    None
                };
            }
        }
        out
    }

    /// The attribute value of a participant, or `(none)`.
    pub fn value_of(&self, participant: &str, attr: &str) -> String {
        self.participants
            .get(participant)
            .and_then(|a| a.get(attr))
            .cloned()
            .unwrap_or_else(|| NONE.to_owned())
    }
}

/// A pass's theme ids in tree order (each parent followed by its sub-themes, at any
/// depth; siblings in codebook order), with depths.
pub fn tree(h: &PassHeader) -> Vec<(usize, &str)> {
    crate::codebook::tree_order(&h.themes, |t| (t.id.as_str(), t.parent.as_deref()))
        .into_iter()
        .map(|(d, t)| (d, t.id.as_str()))
        .collect()
}

/// The column of participants without a value for the attribute.
pub const NONE: &str = "(none)";
