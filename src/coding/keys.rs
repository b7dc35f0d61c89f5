//! Where each coded segment's lines are in a pass's scratch file, sorted into file order
//! (transcript id, segment number) without holding them: the keys go through a
//! [`Sorter`] (runs of 1 MB in a scratch file, merged), and the sorted places are set
//! aside in a second scratch file, to be read as often as needed.

use std::path::Path;

use crate::error::Result;
use crate::store::scratch::{Scratch, Spot};
use crate::store::sorter::{self, Appended, Appender, Sorter};

/// Where a coded segment's lines are in the scratch file.
pub type Key = Spot;

pub struct Keys {
    sorter: Option<Sorter>,
    sorted: Option<Appended>,
    /// Where the sorted places go.
    sorted_path: std::path::PathBuf,
    count: usize,
}

impl Keys {
    /// Keys whose runs go to a scratch file at `runs`, and once sorted to one at `sorted`.
    pub fn new(runs: &Path, sorted: &Path) -> Result<Keys> {
        Ok(Keys {
            sorter: Some(Sorter::new(Scratch::create(runs)?)),
            sorted: None,
            sorted_path: sorted.to_path_buf(),
            count: 0,
        })
    }

    /// The place of segment `number` of `transcript`.
    pub fn push(&mut self, transcript: &str, number: u32, key: Key) -> Result<()> {
        // "a" sorts before "a-", as the ids do.
        let order = sorter::text_then_number(transcript.as_bytes(), u64::from(number));
        self.count += 1;
        self.sorter
            .as_mut()
            .expect("keys are pushed before they are finished")
            .push(&order, &key.to_bytes())
    }

    pub fn len(&self) -> usize {
        self.count
    }

    /// Done pushing: the places in file order are set aside.
    pub fn finish(&mut self) -> Result<()> {
        let Some(sorter) = self.sorter.take() else {
            return Ok(());
        };
        let mut sorted = sorter.finish()?;
        let mut out = Appender::new(Scratch::create(&self.sorted_path)?);
        while let Some((_, place)) = sorted.next()? {
            out.push(&[], &place)?;
        }
        self.sorted = Some(out.finish()?);
        Ok(())
    }

    /// The keys in file order; can be called again for another pass over them.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Result<Key>> + '_> {
        let Some(sorted) = &self.sorted else {
            return Box::new(std::iter::empty());
        };
        Box::new(
            sorted
                .records()
                .items()
                .map(|r| r.map(|(_, place)| Spot::from_bytes(&place))),
        )
    }
}
