//! "Only these segments" (the segments coded with a theme, for `--theme`): their keys
//! (ids in the project database) as a bit set, checked against each document's `key`
//! column.

use std::sync::Arc;

use super::pick::Bits;

/// Which segments a search may return: a bit per segment key.
#[derive(Clone, Debug)]
pub struct Only(Arc<Bits>);

impl Only {
    pub fn keys(keys: Vec<u64>) -> Self {
        let mut bits = Bits::default();
        for k in keys {
            bits.insert(k);
        }
        Only(Arc::new(bits))
    }

    pub(super) fn contains(&self, k: u64) -> bool {
        self.0.contains(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_a_set() {
        let only = Only::keys(vec![0, 63, 64, 1000, 63]);
        for k in [0, 63, 64, 1000] {
            assert!(only.contains(k), "{k}");
        }
        for k in [1, 62, 65, 999, 1001, 100_000] {
            assert!(!only.contains(k), "{k}");
        }
    }
}
