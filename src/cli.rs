//! The command line: clap types only. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output;

/// Qualitative analysis of interview transcripts: parse them into speaker turns,
/// attribute each turn to a participant, and list what was found.
#[derive(Debug, Parser)]
#[command(name = "coda", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The project directory, where coda keeps its index and manifest.
    #[arg(
        long,
        global = true,
        env = "CODA_PROJECT",
        default_value = ".coda",
        value_name = "DIR"
    )]
    pub project: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every speaker turn (segment) of the transcripts, attributed to participants.
    Segments(SegmentsArgs),
    /// List the participants with their attributes and segment counts: of the project,
    /// or of the transcripts named.
    Participants(ParticipantsArgs),
    /// Parse transcripts and index their segments into the project; re-run to pick up
    /// changed, new and deleted files and a changed participants sheet.
    Ingest(IngestArgs),
    /// Search the project's segments (tantivy query syntax), ranked by relevance.
    Search(SearchArgs),
    /// Keyword in context: every occurrence of a word or phrase with the words around it.
    Kwic(KwicArgs),
    /// List the project's transcripts with format, segment count and warnings.
    Sources(SourcesArgs),
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
    /// Transcript files or folders to read instead of the project.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Participants sheet (CSV), with PATH.
    #[arg(long, value_name = "FILE", requires = "paths")]
    pub participants: Option<PathBuf>,

    /// Extra interviewer label, with PATH. Repeatable.
    #[arg(long = "interviewer-label", value_name = "NAME", requires = "paths")]
    pub interviewer_labels: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// Which segments to look in.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only segments of participants with this attribute value (case-insensitive), e.g.
    /// `--where group=Client`. Repeat for more: different attributes must all match,
    /// values of one attribute are alternatives.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,

    /// Whose turns to search.
    #[arg(long, value_enum, default_value_t = RoleArg::Participant)]
    pub role: RoleArg,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (any may match; segments with more rank higher), AND, OR, NOT,
    /// "a phrase", prefix*, field:term (participant, speaker, role, transcript, or an
    /// attribute such as group).
    #[arg(value_name = "QUERY")]
    pub query: String,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// The most results to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    /// A word or phrase, matched as whole words regardless of case; a trailing `*`
    /// matches any ending (`stigma*`).
    #[arg(value_name = "TERM")]
    pub term: String,

    /// Words of context on each side.
    #[arg(long, default_value_t = 6)]
    pub window: usize,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

/// `--role` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Participant,
    Interviewer,
    All,
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
