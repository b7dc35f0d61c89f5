//! Reading across segments: keyword in context, and what a coding pass adds up to:
//! theme x attribute matrices, co-occurrence, quotes. Plain data in, plain data out:
//! the command layer loads the pass, segments and participants and renders the results.

pub mod agreement;
pub mod cooccur;
pub mod kwic;
pub mod matrix;
pub mod quotes;

use crate::store::PassHeader;

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
