//! The indicatif progress bar, drawn on stderr only when stderr is a terminal.

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::progress::Progress;

/// A bar created when work begins; nothing at all when stderr is not a terminal.
pub struct Bar {
    label: &'static str,
    bar: OnceCell<ProgressBar>,
}

impl Bar {
    pub fn new(label: &'static str) -> Self {
        Bar {
            label,
            bar: OnceCell::new(),
        }
    }
}

impl Progress for Bar {
    fn begin(&self, total: usize) {
        if !std::io::stderr().is_terminal() {
            return;
        }
        let b = ProgressBar::new(total as u64);
        b.set_style(
            ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} {wide_msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        b.set_prefix(self.label);
        let _ = self.bar.set(b);
    }

    fn advance(&self, path: &Path) {
        if let Some(b) = self.bar.get() {
            b.inc(1);
            b.set_message(path.display().to_string());
        }
    }

    fn end(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}
