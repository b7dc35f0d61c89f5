//! Subcommands: each resolves its options, calls the library, writes the output and
//! reports problems on stderr. The only layer that prints.

mod analyse;
mod code;
mod codebook;
mod codings;
mod explain;
mod ingest;
mod kwic;
mod matrix;
mod participants;
mod passes;
mod progress;
mod quotes;
mod search;
mod segments;
mod sources;
mod study;

use crate::cli::{Cli, Command, FilterArgs, FormatArg, InputArgs, RoleArg};
use crate::corpus::{Corpus, Options};
use crate::error::{Error, Problem, Result};
use crate::index::{Filter, Only};
use crate::output::{Sink, Table};
use crate::store::{Head, Project};
use crate::transcript::Role;

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
    let project = Project::new(cli.project.clone().unwrap_or_else(|| ".coda".into()));
    match cli.command {
        Command::Segments(args) => segments::run(args),
        Command::Participants(args) => participants::run(args, &project),
        Command::Ingest(args) => ingest::run(args, &project),
        Command::Search(args) => search::run(args, &project),
        Command::Kwic(args) => kwic::run(args, &project),
        Command::Sources(args) => sources::run(args, &project),
        Command::Codebook(c) => codebook::run(c),
        Command::Code(args) => code::run(args, &project),
        Command::Passes(args) => passes::run(args, &project),
        Command::Codings(args) => codings::run(args, &project),
        Command::Explain(args) => explain::run(args, &project),
        Command::Matrix(args) => matrix::run(args, &project),
        Command::Cooccur(args) => matrix::run_cooccur(args, &project),
        Command::Quotes(args) => quotes::run(args, &project),
        Command::Analyse(args) => {
            let project = cli
                .project
                .clone()
                .map(Project::new)
                .unwrap_or_else(|| Project::new(args.out.join(".coda")));
            analyse::run(args, &project)
        }
    }
}

/// `--where`, `--role` and `--theme` checked against the project's attributes and passes.
fn filter(args: &FilterArgs, head: &Head, project: &Project) -> Result<Filter> {
    let role = match args.role {
        RoleArg::Participant => Some(Role::Participant),
        RoleArg::Interviewer => Some(Role::Interviewer),
        RoleArg::All => None,
    };
    let segments = if args.themes.is_empty() {
        None
    } else {
        Some(coded_segments(project, &args.pass, &args.themes)?)
    };
    Ok(Filter {
        role,
        wheres: parse_wheres(&args.wheres, &head.attributes, &|a| head.values_of(a))?,
        segments,
    })
}

/// The segments coded, in `pass`, with any of `themes` or their sub-themes: from the
/// pass's theme index if it belongs to the pass, else from the pass itself; walked when
/// the search runs, never held.
fn coded_segments(project: &Project, pass: &str, themes: &[String]) -> Result<Only> {
    let header = project.read_pass_header(pass)?;
    let wanted = header.select(themes)?;
    let (project, pass) = (project.clone(), pass.to_owned());
    Ok(Only::walk(move |each| {
        // A theme index cut short is read to where it fails, then the pass: a segment
        // found twice is still found once.
        if project.theme_index_walk(&pass, &header.codings_sha256, &wanted, each) {
            return Ok(());
        }
        project
            .for_each_coding_where(
                &pass,
                |t| wanted.contains(t),
                |c| {
                    each(&c.segment);
                    Ok(())
                },
            )
            .map(drop)
    }))
}

/// `--where ATTR=VALUE` options, grouped by attribute, checked against the project.
fn parse_wheres(
    raw: &[String],
    attributes: &[String],
    values_of: &dyn Fn(&str) -> Vec<String>,
) -> Result<Vec<(String, Vec<String>)>> {
    let mut wheres: Vec<(String, Vec<String>)> = Vec::new();
    for w in raw {
        let Some((attr, value)) = w.split_once('=') else {
            return Err(Error::input(Problem::general(format!(
                "--where '{w}' is not ATTR=VALUE (for example --where group=Client)"
            ))));
        };
        let attr = attr.trim().to_lowercase();
        let value = value.trim().to_owned();
        if !attributes.contains(&attr) {
            let known = if attributes.is_empty() {
                "none".to_owned()
            } else {
                attributes.join(", ")
            };
            return Err(Error::input(Problem::general(format!(
                "--where: unknown attribute '{attr}'; the project's attributes are: {known}"
            ))));
        }
        let values = values_of(&attr);
        if !values
            .iter()
            .any(|v| v.to_lowercase() == value.to_lowercase())
        {
            eprintln!(
                "warning: no participant has {attr}={value}; its values are: {}",
                values.join(", ")
            );
        }
        match wheres.iter_mut().find(|(a, _)| *a == attr) {
            Some((_, vs)) => vs.push(value),
            None => wheres.push((attr, vec![value])),
        }
    }
    Ok(wheres)
}

/// Write a table to stdout. An empty table view prints nothing (as grep does); the
/// data formats keep their header.
fn emit(table: &Table, format: FormatArg) -> Result<()> {
    if table.rows.is_empty() && format == FormatArg::Table {
        return Ok(());
    }
    write_to(Sink::open(None)?, table, format)
}

/// Write a table to stdout; exit status 1 (no result) when it has no rows, as grep does.
fn emit_rows(table: &Table, format: FormatArg) -> Result<Outcome> {
    emit(table, format)?;
    Ok(found(table.rows.len()))
}

/// Exit status 1 (no result) when nothing was found, as grep does.
fn found(rows: usize) -> Outcome {
    if rows == 0 {
        Outcome::NoResult
    } else {
        Outcome::Success
    }
}

/// Write a table into an opened sink (stdout or a file opened before the work began,
/// so that an unwritable output fails first).
fn write_to(mut sink: Sink, table: &Table, format: FormatArg) -> Result<()> {
    let width = sink.terminal_width();
    table.write(format.into(), sink.writer(), width)?;
    sink.finish()
}

/// Read the transcripts named on the command line, with a progress bar on a terminal,
/// handing each to `each` as it is read; their warnings and failures go to stderr.
fn read_corpus(
    input: &InputArgs,
    bar: &progress::Bar,
    each: &mut dyn FnMut(&crate::corpus::Source) -> Result<()>,
) -> Result<Corpus> {
    let opts = Options {
        participants: input.participants.clone(),
        interviewer_labels: input.interviewer_labels.clone(),
    };
    let corpus = Corpus::stream(
        Box::new(input.paths.iter().cloned().map(Ok)),
        &opts,
        bar,
        each,
    )?;
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
            corpus.read
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

/// The head and the index it names, its document store read without memory maps (pages
/// read do not stay in the process's memory), its files held open. A writer may switch
/// the project to a new index generation (and remove the old one) between the two
/// reads, or commit in place and remove files of the commit just read: then the head
/// and the index are read again, so a reader sees the old state or the new one, never
/// fails in between.
pub(crate) fn open_index(
    project: &crate::store::Project,
) -> Result<(crate::store::Head, crate::index::SegmentIndex)> {
    let mut tries = 0;
    loop {
        let head = project.head()?;
        match crate::index::SegmentIndex::open_for_scan(&project.index_dir(&head.index)) {
            Ok(index) => return Ok((head, index)),
            Err(e) => {
                tries += 1;
                if tries >= 3 {
                    return Err(e);
                }
                if project.head()?.index == head.index {
                    // The same generation: give a commit in progress a moment.
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            }
        }
    }
}
