//! The command line: clap types only. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output;

/// Qualitative research on interview transcripts: parse them into speaker turns
/// attributed to participants, search them, code them with a codebook's rules, and write
/// matrices, quotes and the codings with their evidence.
#[derive(Debug, Parser)]
#[command(
    name = "coda",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "The workflow: ingest, check, code, review (explain, codings, search --theme), \
                  matrix, quotes, export (--format csv, --output FILE); `analyse` ingests, codes \
                  and writes the matrices, quotes, codings and a summary in one command. The \
                  workflow is in coda's README.md, every command in its docs/commands.md."
)]
pub struct Cli {
    /// The project directory, where coda keeps its database and index [default: .coda;
    /// for `analyse`, DIR/.coda of --out DIR].
    #[arg(long, global = true, env = "CODA_PROJECT", value_name = "DIR")]
    pub project: Option<PathBuf>,

    /// Write CSV text cells as they are, for R and pandas: by default a cell that a
    /// spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
    /// return) is written with a ' before it.
    #[arg(long, global = true, env = "CODA_CSV_RAW", action = clap::ArgAction::SetTrue, value_parser = clap::builder::FalseyValueParser::new())]
    pub csv_raw: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every speaker turn (segment) of the transcripts, attributed to participants.
    Segments(SegmentsArgs),
    /// Show how each transcript is read: its label shapes, its speakers with turns and
    /// words, and what looks wrong (exit status 1 if anything does).
    Check(CheckArgs),
    /// List the participants with their attributes and segment counts: of the project,
    /// or of the transcripts named.
    Participants(ParticipantsArgs),
    /// Parse transcripts and index their segments into the project; re-run to pick up
    /// changed, new and deleted files and a changed participants sheet.
    Ingest(IngestArgs),
    /// Rebuild the project's search index from its database alone (no transcript file
    /// is read).
    Reindex,
    /// Search the project's segments (tantivy query syntax), ranked by relevance.
    Search(SearchArgs),
    /// Keyword in context: every occurrence of a word or phrase with the words around it.
    Kwic(KwicArgs),
    /// An interactive session of searches and kwic on the project opened once: a line is
    /// a query (as `coda search`), `:where`, `:theme`, `:kwic`... change the settings or
    /// run kwic (`:help` lists them); a script of lines can be piped in.
    Shell(ShellArgs),
    /// List the project's transcripts with format, segment count and warnings.
    Sources(SourcesArgs),
    /// Check a codebook, or show its theme tree.
    #[command(subcommand)]
    Codebook(CodebookCommand),
    /// Code every segment of the project with a codebook's rules, as a pass.
    Code(CodeArgs),
    /// List the project's coding passes.
    Passes(PassesArgs),
    /// Write a coding sheet (.xlsx or CSV): a row per participant turn, a column per
    /// theme holding 1 where the pass codes it, for a person to code or review.
    Sheet(SheetArgs),
    /// Read a coding sheet a person edited (or a long-form CSV, `segment,theme`) back as
    /// a pass of kind `human`.
    Import(ImportArgs),
    /// Export codings: one row per coded segment and theme, with the evidence.
    Codings(CodingsArgs),
    /// Show one segment with its matched words marked and the rules that fired.
    Explain(ExplainArgs),
    /// Theme x attribute matrix: participants (cases) or segments (references) per cell.
    Matrix(MatrixArgs),
    /// Per theme, the participants coded with it under each value of an attribute
    /// (`--by wave`: coded in both waves, or in only one).
    Compare(CompareArgs),
    /// Theme x theme co-occurrence: segments (or participants) coded with both.
    Cooccur(CooccurArgs),
    /// The best few quotes for a theme per attribute value, trimmed and attributed.
    Quotes(QuotesArgs),
    /// Agreement between passes per theme: percent agreement, Cohen's kappa,
    /// Krippendorff's alpha, and precision and recall against a reference pass.
    Agree(AgreeArgs),
    /// Each rule of a pass's codebook against a reference pass: its codings, how many the
    /// reference confirms, precision (worst first); `--misses`: what no rule found.
    Rules(RulesArgs),
    /// Ingest, code and write matrices, quotes, codings and a summary into a folder.
    #[command(alias = "analyze")]
    Analyse(AnalyseArgs),
}

/// What a matrix cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountArg {
    /// Distinct participants (cases).
    Participants,
    /// Segments (references).
    Segments,
    /// The share of the column's participant words that are in segments coded with the
    /// theme, as a percentage (NVivo's coverage).
    Words,
}

/// What a cell of a `--by participant` matrix holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CellsArg {
    /// The count `--count` asks for.
    Count,
    /// The participant's best quote for the theme (ranked as `coda quotes` ranks them).
    Quote,
}

/// Matrix shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// One row per theme, one column per value.
    Wide,
    /// One row per theme and value (tidy data for R and pandas).
    Long,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// The pass to read.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
    /// The attribute whose values are the columns [default: group]: of participants or
    /// of transcripts, or `participant` (the participant x theme grid) or `transcript`.
    /// Twice for a column per pair of values (`--by group --by wave`).
    #[arg(long, value_name = "ATTR")]
    pub by: Vec<String>,
    /// Only participants' turns in transcripts with this attribute value (either kind,
    /// `participant` or `transcript`). Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// What a cell counts.
    #[arg(long, value_enum, default_value_t = CountArg::Participants)]
    pub count: CountArg,
    /// With `--by participant`: a count in each cell, or the participant's best quote
    /// for the theme.
    #[arg(long, value_enum, default_value_t = CellsArg::Count)]
    pub cells: CellsArg,
    /// With `--cells quote`: the shortest segment to quote, in words.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub min_words: usize,
    /// With `--cells quote`: the longest quote, in words.
    #[arg(long, default_value_t = 60, value_name = "N")]
    pub max_words: usize,
    /// Participants as a percentage of the column's participants (not with `--count
    /// segments`).
    #[arg(long)]
    pub percent: bool,
    /// Count only a theme's own codings, not its sub-themes'.
    #[arg(long)]
    pub no_rollup: bool,
    /// Wide or long (tidy) table.
    #[arg(long, value_enum, default_value_t = LayoutArg::Wide)]
    pub layout: LayoutArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The pass to read.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
    /// The attribute whose values are compared: of transcripts (`wave`) or of
    /// participants, or `transcript`.
    #[arg(long, value_name = "ATTR")]
    pub by: String,
    /// Only participants' turns in transcripts with this attribute value (either kind,
    /// `participant` or `transcript`). Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// Count only a theme's own codings, not its sub-themes'.
    #[arg(long)]
    pub no_rollup: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CooccurArgs {
    /// The pass to read.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
    /// Only participants' turns in transcripts with this attribute value (either kind,
    /// `participant` or `transcript`). Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// Count segments coded with both themes, or participants coded with both.
    #[arg(long, value_enum, default_value_t = CountArg::Segments)]
    pub count: CountArg,
    /// Only a theme's own codings, not its sub-themes'.
    #[arg(long)]
    pub no_rollup: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// The theme (its sub-themes included).
    #[arg(long, value_name = "ID")]
    pub theme: String,
    /// The attribute to group quotes by.
    #[arg(long, default_value = "group", value_name = "ATTR")]
    pub by: String,
    /// Quotes per value.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub per_group: usize,
    /// Only participants' turns in transcripts with this attribute value (either kind,
    /// `participant` or `transcript`). Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// The pass to read.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
    /// Shortest segment to quote, in words; a quote is at least 12 words (or N, if
    /// more), or its whole turn.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub min_words: usize,
    /// Longest quote, in words (wins over the shortest).
    #[arg(long, default_value_t = 60, value_name = "N")]
    pub max_words: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    pub format: FormatArg,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The passes to compare (two or more, any kind), by name.
    #[arg(value_name = "PASS", required = true)]
    pub passes: Vec<String>,
    /// The reference pass (a hand coding): the others' precision, recall and F1 against
    /// it. Added to the passes compared if not named among them.
    #[arg(long, value_name = "PASS")]
    pub reference: Option<String>,
    /// Split each row by this attribute's value (either kind, `participant` or
    /// `transcript`): a `value` column.
    #[arg(long, value_name = "ATTR")]
    pub by: Option<String>,
    /// Only participants' turns with this attribute value (either kind, `participant` or
    /// `transcript`). Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// Only this theme and its sub-themes (each compared on its own codings). Repeatable.
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// Count a pass's codings of a sub-theme for its parent themes too (a hand coding
    /// made at the level of the main themes compared with rules that code sub-themes).
    #[arg(long)]
    pub rollup: bool,
    /// List each segment and theme on which the passes differ, instead of the figures.
    #[arg(long)]
    pub disagreements: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// The pass whose codebook's rules are judged.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
    /// The reference pass (a hand coding) that confirms a coding or not.
    #[arg(long, value_name = "PASS")]
    pub reference: String,
    /// Only participants' turns with this attribute value (either kind, `participant` or
    /// `transcript`). Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// Only this theme and its sub-themes. Repeatable.
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// List the reference's codings that no rule found, instead of the rules.
    #[arg(long)]
    pub misses: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AnalyseArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The codebook, .toml or .json.
    #[arg(long, value_name = "FILE")]
    pub codebook: PathBuf,
    /// The attribute that makes the matrix columns and quote groups.
    #[arg(long, default_value = "group", value_name = "ATTR")]
    pub by: String,
    /// Only participants' turns in transcripts with this attribute value (either kind,
    /// `participant` or `transcript`), in every output. Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// The pass the outputs are made from: `auto` (coded by this command from
    /// --codebook), or another pass of the project, such as a person's review imported
    /// with `coda import` (`auto` is coded all the same).
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
    /// The folder to write into (created if need be): matrix.csv, matrix-long.csv,
    /// cooccurrence.csv, codings.csv, quotes.md and summary.md there are replaced, other
    /// files are left alone.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum CodebookCommand {
    /// Report every problem of a codebook at once (exit 2 if there is any).
    Check {
        /// A codebook, .toml or .json.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print the theme tree with labels and rule counts.
    Show {
        /// A codebook, .toml or .json.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
    },
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The codebook, .toml or .json.
    #[arg(long, value_name = "FILE")]
    pub codebook: PathBuf,

    /// The pass to write; a pass of that name is replaced.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
}

#[derive(Debug, Args)]
pub struct SheetArgs {
    /// The pass whose codings fill the theme columns (1 coded, 0 not) and the evidence
    /// [default: auto, if the project has it].
    #[arg(long, value_name = "NAME")]
    pub pass: Option<String>,
    /// The codebook whose themes are the columns, for a sheet with empty theme columns
    /// (to code by hand from scratch); instead of --pass.
    #[arg(long, value_name = "FILE", conflicts_with = "pass")]
    pub codebook: Option<PathBuf>,
    /// Only participants' turns in transcripts with this attribute value (either kind,
    /// `participant` or `transcript`). Repeatable.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,
    /// Write here: FILE.xlsx for a workbook, any other name for CSV [default: CSV on
    /// standard output].
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The sheet: .xlsx (from `coda sheet`), or CSV: a coding sheet, or the long form
    /// `segment,theme[,coder]` (a row per coding).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The pass to write.
    #[arg(long, value_name = "NAME")]
    pub pass: String,
    /// Who coded it [default: the sheet's coder column, if it names one].
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    /// The codebook the sheet's theme columns are of [default: the one an .xlsx sheet
    /// records, else the codebook of the project's passes].
    #[arg(long, value_name = "FILE")]
    pub codebook: Option<PathBuf>,
    /// Replace a pass of the same name.
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct PassesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct CodingsArgs {
    /// The pass to read.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,

    /// Only this theme and its sub-themes. Repeatable.
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,

    /// Only participants with this attribute value. Repeatable, as in `search`.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A segment id, such as C01-interview#4.
    #[arg(value_name = "SEGMENT")]
    pub segment: String,

    /// The pass to read.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
}

/// Which transcripts to read and how to attribute them.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Transcript files or folders; folders are searched recursively for .txt, .md,
    /// .vtt, .srt, .sbv, .docx and .odt files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Participants sheet (CSV): a `participant` id column, an optional `transcript`
    /// column naming a one-to-one interview's transcript, and attribute columns
    /// (group, area, ...).
    #[arg(long, value_name = "FILE")]
    pub participants: Option<PathBuf>,

    /// Transcripts sheet (CSV): a `transcript` column with the transcript id (the file
    /// name without extension) and attribute columns of the transcript (wave, date,
    /// site, interviewer, mode, ...).
    #[arg(long, value_name = "FILE")]
    pub transcripts: Option<PathBuf>,

    /// A speaker label that marks interviewer turns, besides Interviewer, Int, I, Q,
    /// Moderator, Facilitator and Researcher (each optionally numbered, in any case) and
    /// the same in other languages (Entrevistadora, Cyfwelydd, ...). Repeatable.
    #[arg(long = "interviewer-label", value_name = "NAME")]
    pub interviewer_labels: Vec<String>,

    /// Names to hide, one a line (UTF-8; empty lines and lines starting with # left
    /// out): each, as a whole word in any case, becomes [NAME] in every turn's text and
    /// speaker label. `ingest` stores the text redacted and reuses the file next time;
    /// `check` lists where the names occur instead.
    #[arg(long, value_name = "FILE")]
    pub redact: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
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

    /// Transcripts sheet (CSV), with PATH.
    #[arg(long, value_name = "FILE", requires = "paths")]
    pub transcripts: Option<PathBuf>,

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
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only segments of participants with this attribute value (case-insensitive), e.g.
    /// `--where group=Client`. Repeat for more: different attributes must all match,
    /// values of one attribute are alternatives.
    #[arg(long = "where", value_name = "ATTR=VALUE")]
    pub wheres: Vec<String>,

    /// Whose turns to search.
    #[arg(long, value_enum, default_value_t = RoleArg::Participant)]
    pub role: RoleArg,

    /// Only segments coded with this theme (or one of its sub-themes) in the pass.
    /// Repeatable: any of the themes.
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,

    /// The coding pass that `--theme` reads.
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub pass: String,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (any may match; segments with more rank higher), AND, OR, NOT,
    /// "a phrase", prefix*, field:term (participant, speaker, role, transcript, or an
    /// attribute such as group). An empty query ('') lists every segment in the filter.
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
pub struct ShellArgs {
    /// The filter the session starts with (`:where`, `:role`, `:theme`, `:pass` change
    /// it).
    #[command(flatten)]
    pub filter: FilterArgs,

    /// The most results a query shows (`:limit N`).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,

    /// Words of context on each side for `:kwic` (`:window N`).
    #[arg(long, default_value_t = 6)]
    pub window: usize,

    /// Output format (`:format`).
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// Keep no history of the lines typed: by default they are kept in the project
    /// folder (`shell-history`, readable by its owner only), never elsewhere.
    #[arg(long)]
    pub no_history: bool,
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
