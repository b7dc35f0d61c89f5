//! Strings stored once each, numbered: for tables of many participants whose attribute
//! names, values and file names repeat, a string costs its bytes once and a number
//! (4 bytes) wherever it appears.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

#[derive(Debug, Default)]
pub struct Strings {
    list: Vec<Arc<str>>,
    index: HashMap<Arc<str>, u32>,
}

impl Strings {
    /// The number of `s`, given it if it is new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.index.get(s) {
            return n;
        }
        let n = self.list.len() as u32;
        let shared: Arc<str> = s.into();
        self.list.push(shared.clone());
        self.index.insert(shared, n);
        n
    }

    pub fn get(&self, n: u32) -> &str {
        &self.list[n as usize]
    }

    /// The strings by number, without the index that numbers new ones.
    pub fn into_list(self) -> Vec<Arc<str>> {
        self.list
    }
}
