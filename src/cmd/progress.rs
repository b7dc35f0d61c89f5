//! The indicatif progress bar, drawn on stderr only when stderr is a terminal.

use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::progress::Progress;

/// A bar per phase of work; nothing at all when stderr is not a terminal.
#[derive(Default)]
pub struct Bar {
    bar: RefCell<Option<ProgressBar>>,
}

impl Bar {
    pub fn new() -> Self {
        Bar::default()
    }
}

impl Progress for Bar {
    fn begin(&self, what: &str, total: usize) {
        if !std::io::stderr().is_terminal() {
            return;
        }
        let b = ProgressBar::new(total as u64);
        b.set_style(
            ProgressStyle::with_template("{prefix:>9} [{bar:30}] {pos}/{len} {wide_msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        b.set_prefix(what.to_owned());
        *self.bar.borrow_mut() = Some(b);
    }

    fn advance(&self, item: &Path) {
        if let Some(b) = self.bar.borrow().as_ref() {
            b.inc(1);
            b.set_message(item.display().to_string());
        }
    }

    fn end(&self) {
        if let Some(b) = self.bar.borrow_mut().take() {
            b.finish_and_clear();
        }
    }
}
