//! How library code reports progress without printing: the command layer passes an
//! implementation (an indicatif bar on a terminal) or `NoProgress`.

use std::path::Path;

pub trait Progress {
    /// A phase of work over `total` items begins ("reading", "indexing").
    fn begin(&self, _what: &str, _total: usize) {}
    /// One more item.
    fn advance(&self, _item: &Path) {}
    /// The phase is done.
    fn end(&self) {}
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {}
