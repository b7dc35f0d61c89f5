//! How library code reports progress without printing: the command layer passes an
//! implementation (an indicatif bar on a terminal) or `NoProgress`.

use std::path::Path;

pub trait Progress {
    /// Work on `total` files begins.
    fn begin(&self, _total: usize) {}
    /// One more file is being read.
    fn advance(&self, _path: &Path) {}
    /// All done.
    fn end(&self) {}
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {}
