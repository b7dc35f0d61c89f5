//! Subcommands: each resolves its options, calls the library, writes the output and
//! reports problems on stderr. The only layer that prints.

mod participants;
mod progress;
mod segments;

use crate::cli::{Cli, Command, InputArgs};
use crate::corpus::{Corpus, Options};
use crate::error::Result;

/// How a command ended, as an exit status: 0 success, 1 no result, 2 error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    NoResult,
    Failed,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::NoResult => 1,
            Outcome::Failed => 2,
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Segments(args) => segments::run(args),
        Command::Participants(args) => participants::run(args),
    }
}

/// Read the transcripts named on the command line, with a progress bar on a terminal,
/// and print their warnings and failures to stderr.
fn load_corpus(input: &InputArgs) -> Result<Corpus> {
    let opts = Options {
        participants: input.participants.clone(),
        interviewer_labels: input.interviewer_labels.clone(),
    };
    let bar = progress::Bar::new("reading");
    let corpus = Corpus::load(&input.paths, &opts, &bar)?;
    report(&corpus);
    Ok(corpus)
}

/// Warnings, skipped files and failures, on stderr.
fn report(corpus: &Corpus) {
    for w in corpus.warnings() {
        eprintln!("warning: {w}");
    }
    if !corpus.skipped.is_empty() {
        let names: Vec<String> = corpus
            .skipped
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eprintln!(
            "note: skipped {} file(s) that are not transcripts: {}",
            names.len(),
            names.join(", ")
        );
    }
    for f in &corpus.failures {
        eprintln!("error: {f}");
    }
    if !corpus.failures.is_empty() {
        eprintln!(
            "error: {} path(s) could not be read; {} transcript(s) were read",
            corpus.failures.len(),
            corpus.sources.len()
        );
    }
}

/// Success unless some input failed.
fn outcome(corpus: &Corpus) -> Outcome {
    if corpus.failures.is_empty() {
        Outcome::Success
    } else {
        Outcome::Failed
    }
}
