//! The command line: clap types only. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output;

/// Qualitative analysis of interview transcripts: parse them into speaker turns,
/// attribute each turn to a participant, and list what was found.
#[derive(Debug, Parser)]
#[command(name = "coda", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every speaker turn (segment) of the transcripts, attributed to participants.
    Segments(SegmentsArgs),
    /// List the participants with their attributes and segment counts.
    Participants(ParticipantsArgs),
}

/// Which transcripts to read and how to attribute them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Transcript files or folders; folders are searched recursively for .txt, .md,
    /// .vtt and .srt files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Participants sheet (CSV): a `participant` id column, an optional `transcript`
    /// column naming a one-to-one interview's transcript, and attribute columns
    /// (group, area, ...).
    #[arg(long, value_name = "FILE")]
    pub participants: Option<PathBuf>,

    /// A speaker label that marks interviewer turns, besides Interviewer, Int, I, Q,
    /// Moderator, Facilitator and Researcher (each optionally numbered). Repeatable.
    #[arg(long = "interviewer-label", value_name = "NAME")]
    pub interviewer_labels: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SegmentsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ParticipantsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned columns for reading in a terminal.
    Table,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// A Markdown table.
    Md,
}

impl From<FormatArg> for output::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Table => output::Format::Table,
            FormatArg::Csv => output::Format::Csv,
            FormatArg::Jsonl => output::Format::Jsonl,
            FormatArg::Md => output::Format::Md,
        }
    }
}
