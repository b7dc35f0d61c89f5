//! Subcommands: each resolves its options, calls the library, writes the output and
//! reports problems on stderr. The only layer that prints.

mod agree;
mod analyse;
mod check;
mod code;
mod codebook;
mod codings;
mod compare;
mod explain;
mod import;
mod ingest;
mod kwic;
mod matrix;
mod participants;
mod passes;
mod progress;
mod quotes;
mod rules;
mod search;
mod segments;
mod sheet;
mod shell;
mod sources;
mod study;

use std::collections::BTreeSet;

use crate::cli::{Cli, Command, FilterArgs, FormatArg, InputArgs, RoleArg};
use crate::corpus::{Corpus, Options};
use crate::error::{Error, Problem, Result};
use crate::index::{Filter, Only};
use crate::output::{Sink, Table};
use crate::store::{DEFAULT_DIR, Db, Project};
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
    let project = Project::new(cli.project.clone().unwrap_or_else(|| DEFAULT_DIR.into()));
    crate::output::set_csv_raw(cli.csv_raw);
    // A writing command makes an existing project private first (a new one is made so):
    // files it then creates are private through the umask set in `main`.
    let writes = match &cli.command {
        Command::Ingest(_) | Command::Reindex | Command::Code(_) | Command::Import(_) => {
            Some(project.clone())
        }
        Command::Analyse(args) => Some(
            cli.project
                .clone()
                .map(Project::new)
                .unwrap_or_else(|| Project::new(args.out.join(DEFAULT_DIR))),
        ),
        _ => None,
    };
    // (A read-only project is left to the command, which says so.)
    if let Some(p) = writes
        .filter(|p| p.dir.is_dir() && p.writable())
        .and_then(|p| p.make_private())
    {
        eprintln!("warning: {p}");
    }
    match cli.command {
        Command::Segments(args) => segments::run(args),
        Command::Check(args) => check::run(args),
        Command::Participants(args) => participants::run(args, &project),
        Command::Ingest(args) => ingest::run(args, &project),
        Command::Reindex => ingest::run_reindex(&project),
        Command::Search(args) => search::run(args, &project),
        Command::Kwic(args) => kwic::run(args, &project),
        Command::Shell(args) => shell::run(args, &project),
        Command::Sources(args) => sources::run(args, &project),
        Command::Codebook(c) => codebook::run(c),
        Command::Code(args) => code::run(args, &project),
        Command::Passes(args) => passes::run(args, &project),
        Command::Sheet(args) => sheet::run(args, &project),
        Command::Import(args) => import::run(args, &project),
        Command::Codings(args) => codings::run(args, &project),
        Command::Explain(args) => explain::run(args, &project),
        Command::Matrix(args) => matrix::run(args, &project),
        Command::Compare(args) => compare::run(args, &project),
        Command::Cooccur(args) => matrix::run_cooccur(args, &project),
        Command::Quotes(args) => quotes::run(args, &project),
        Command::Agree(args) => agree::run(args, &project),
        Command::Rules(args) => rules::run(args, &project),
        Command::Analyse(args) => {
            let project = cli
                .project
                .clone()
                .map(Project::new)
                .unwrap_or_else(|| Project::new(args.out.join(DEFAULT_DIR)));
            analyse::run(args, &project)
        }
    }
}

/// `--where`, `--role` and `--theme` checked against the project's attributes and passes.
fn filter(args: &FilterArgs, db: &Db) -> Result<Filter> {
    let role = match args.role {
        RoleArg::Participant => Some(Role::Participant),
        RoleArg::Interviewer => Some(Role::Interviewer),
        RoleArg::All => None,
    };
    let segments = if args.themes.is_empty() {
        None
    } else {
        let header = db.pass(&args.pass)?;
        warn_if_stale(db, &header.pass)?;
        let positions = header.positions(&args.themes)?;
        Some(Only::keys(db.coded_keys(&header.pass, &positions)?))
    };
    let mut participants: Option<BTreeSet<String>> = None;
    let mut transcripts: Option<BTreeSet<String>> = None;
    let narrow = |set: &mut Option<BTreeSet<String>>, ids: Vec<String>| {
        let ids: BTreeSet<String> = ids.into_iter().collect();
        *set = Some(match set.take() {
            Some(s) => s.intersection(&ids).cloned().collect(),
            None => ids,
        });
    };
    for (attr, values) in wheres_of(&args.wheres, db)? {
        let lower: Vec<String> = values.iter().map(|v| v.to_lowercase()).collect();
        let wanted = |v: &str| lower.iter().any(|x| x == v);
        match attr.as_str() {
            "participant" | "transcript" => {
                let ids: Vec<String> = db
                    .ids_of(&attr)?
                    .into_iter()
                    .filter(|id| wanted(&id.to_lowercase()))
                    .collect();
                let set = if attr == "participant" {
                    &mut participants
                } else {
                    &mut transcripts
                };
                narrow(set, ids);
            }
            _ => match db.holders_of(&attr, &wanted)? {
                Some((true, ids)) => narrow(&mut participants, ids),
                Some((false, ids)) => narrow(&mut transcripts, ids),
                None => narrow(&mut participants, Vec::new()),
            },
        }
    }
    Ok(Filter {
        role,
        participants: participants.map(|s| s.into_iter().collect()),
        transcripts: transcripts.map(|s| s.into_iter().collect()),
        segments,
    })
}

/// The project database answers for attributes named as fields in a query.
pub(crate) struct DbAttributes<'a>(pub &'a Db);

impl crate::index::Attributes for DbAttributes<'_> {
    fn select(
        &self,
        attribute: &str,
        value: &crate::index::LowerMatch,
    ) -> Result<Option<crate::index::Selection>> {
        use crate::index::Selection;
        Ok(self
            .0
            .holders_of(attribute, &|v| value.matches(v))?
            .map(|(people, ids)| {
                if people {
                    Selection::Participants(ids)
                } else {
                    Selection::Transcripts(ids)
                }
            }))
    }

    fn names(&self) -> Vec<String> {
        self.0.attributes().unwrap_or_default()
    }
}

/// The attributes of each kind, for a message about an unknown one.
fn known_attributes(db: &Db) -> Result<String> {
    let list = |v: Vec<String>| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.join(", ")
        }
    };
    Ok(format!(
        "the project's participant attributes are: {}; its transcript attributes: {} (and participant, transcript)",
        list(db.attributes_of_kind("participant")?),
        list(db.attributes_of_kind("transcript")?)
    ))
}

/// `--where ATTR=VALUE` options checked against the project: attributes of either
/// kind, and `participant` and `transcript` (ids).
fn wheres_of(raw: &[String], db: &Db) -> Result<Vec<(String, Vec<String>)>> {
    let mut attributes = db.attributes()?;
    attributes.extend(["participant".to_owned(), "transcript".to_owned()]);
    match parse_wheres(raw, &attributes, &|a| match a {
        "participant" | "transcript" => db.ids_of(a).unwrap_or_default(),
        _ => db.values_of(a).unwrap_or_default(),
    }) {
        Err(Error::Input(p)) if p.iter().any(|p| p.message.contains("unknown attribute")) => {
            let first = p.into_iter().next().expect("one problem");
            let attr = first
                .message
                .split('\'')
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            Err(Error::input(Problem::general(format!(
                "--where: unknown attribute '{attr}'; {}",
                known_attributes(db)?
            ))))
        }
        r => r,
    }
}

/// A segment's value of an attribute: its participant's or its transcript's, or the
/// participant or transcript id itself.
pub(crate) fn value_of<'a>(s: &'a crate::store::SegmentRow, attr: &str) -> Option<&'a str> {
    match attr {
        "participant" => s.participant.as_deref(),
        "transcript" => Some(s.transcript.as_str()),
        _ => s.attributes.get(attr).map(String::as_str),
    }
}

/// Whether a segment has every `--where` condition's attribute at one of its values
/// (any case).
pub(crate) fn selected(s: &crate::store::SegmentRow, wheres: &[(String, Vec<String>)]) -> bool {
    wheres.iter().all(|(a, values)| {
        value_of(s, a).is_some_and(|v| {
            let v = v.to_lowercase();
            values.iter().any(|x| x.to_lowercase() == v)
        })
    })
}

/// A pass coded before the last ingest changed the project is named on stderr, with
/// what changed and how to re-code it: its codings are never shown as current.
fn warn_if_stale(db: &Db, pass: &str) -> Result<crate::store::Staleness> {
    let s = db.staleness(pass)?;
    // A person's pass on transcripts that changed since: its codings name turns by
    // number, which may now be other turns, and no re-coding can mend it.
    if s.changed > 0 {
        let h = db.pass(pass)?;
        if h.kind != crate::store::passes::AUTO {
            let changed = db.changed_under(pass)?;
            if !changed.is_empty() {
                let shown: Vec<&str> = changed.iter().take(5).map(String::as_str).collect();
                return Err(Error::input(Problem::general(format!(
                    "pass '{pass}' was coded by {} on transcripts that have changed since ({}{}): its codings may now name other turns, so it is not read; to keep it, ingest those transcripts as they were when it was coded; to code their new text, make a sheet of them (`coda sheet --codebook FILE --where transcript=ID`) and import it as another pass",
                    h.coder.as_deref().unwrap_or("a person"),
                    shown.join(", "),
                    if changed.len() > 5 { ", ..." } else { "" }
                ))));
            }
        }
    }
    if s.is_stale() && db.pass(pass)?.kind != crate::store::passes::AUTO {
        eprintln!(
            "note: pass '{pass}' is a person's coding made before the last ingest; the transcripts it coded are unchanged, so its codings hold, and turns added since are not in it"
        );
    } else if s.is_stale() {
        let mut parts = Vec::new();
        if s.changed > 0 {
            parts.push(format!("{} transcript(s) changed or removed", s.changed));
        }
        if s.added > 0 {
            parts.push(format!("{} added", s.added));
        }
        let what = parts.join(", ");
        eprintln!(
            "warning: pass '{pass}' is out of date: since it was coded, {what}; \
             run `coda code --codebook FILE --pass {pass}` to re-code it"
        );
    }
    Ok(s)
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
        // Typed in NFD (a Mac's terminal), compared with the project's NFC.
        use unicode_normalization::UnicodeNormalization;
        let attr: String = attr.trim().nfc().collect::<String>().to_lowercase();
        let value: String = value.trim().nfc().collect();
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
                "warning: no segment has {attr}={value}; its values are: {}",
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
    looks: bool,
    bar: &progress::Bar,
    each: &mut dyn FnMut(&crate::corpus::Source) -> Result<()>,
) -> Result<Corpus> {
    let opts = Options {
        participants: input.participants.clone(),
        transcripts: input.transcripts.clone(),
        interviewer_labels: input.interviewer_labels.clone(),
        redact: input
            .redact
            .as_deref()
            .map(crate::corpus::redact::Redactor::load)
            .transpose()?,
    };
    let corpus = Corpus::stream(
        Box::new(input.paths.iter().cloned().map(Ok)),
        &opts,
        bar,
        each,
    )?;
    report(&corpus, looks);
    Ok(corpus)
}

/// Warnings, skipped files and failures, on stderr.
/// `looks`: one line for each file with something to check (`coda check` shows them
/// in full instead).
fn report(corpus: &Corpus, looks: bool) {
    for w in corpus.warnings() {
        eprintln!("warning: {w}");
    }
    for (path, first, n) in corpus.looks.iter().filter(|_| looks) {
        let unit = crate::transcript::Kind::unit_of(path);
        let at = first
            .line
            .map(|l| format!("{unit} {l}: "))
            .unwrap_or_default();
        eprintln!(
            "warning: {}: {n} thing{} to check in how it was read; the first, {at}{}; run `coda check {}`",
            path.display(),
            if *n == 1 { "" } else { "s" },
            first.message,
            path.display()
        );
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
    for n in &corpus.special {
        eprintln!("note: {n}");
    }
    for d in &corpus.documents {
        eprintln!("warning: {d}");
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

/// The database (one snapshot) and the index generation it names, at the commit it
/// names. A writer commits the index a moment before the database, and may switch to a
/// new generation and remove the old one: while a writer is at work, a reader that
/// finds the index ahead of its snapshot (or gone) takes a new snapshot and tries again,
/// so it sees the old state or the new one and never fails in between. An index that is
/// missing, damaged or of another version with no writer at work is rebuilt from the
/// database when the project can be written to; else the message says how.
pub(crate) fn open_index(project: &Project) -> Result<(Db, crate::index::SegmentIndex)> {
    // The usual case, a project with one index generation: the database (about 0.6 ms
    // from a fresh process) and that index open at the same time, then the index is
    // checked against the database as below.
    if let Some(g) = project.only_index() {
        let (db, index) = std::thread::scope(|s| {
            let db = s.spawn(|| project.open());
            let index = crate::index::SegmentIndex::open_for_scan(&project.index_dir(&g));
            (db.join(), index)
        });
        let db = db.unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        if let (Ok(index), (Some(name), Some(stamp))) = (index, db.index_state()?)
            && name == g
            && crate::ingest::is_current(&stamp)
            && index.stamp().as_deref() == Some(stamp.as_str())
        {
            return Ok((db, index));
        }
    }
    let start = std::time::Instant::now();
    let mut last: Option<(Option<String>, Option<String>)> = None;
    let mut settled = 0;
    loop {
        let db = project.open()?;
        let state = db.index_state()?;
        if let (Some(g), Some(stamp)) = &state
            && crate::ingest::is_current(stamp)
            && let Ok(index) = crate::index::SegmentIndex::open_for_scan(&project.index_dir(g))
            && index.stamp().as_deref() == Some(stamp.as_str())
        {
            return Ok((db, index));
        }
        drop(db);
        // A writer between its commits, or a state that moved on since the snapshot.
        let moved = last.as_ref().is_some_and(|l| *l != state);
        if (project.writer_active() || moved)
            && start.elapsed() < std::time::Duration::from_secs(600)
        {
            last = Some(state);
            std::thread::sleep(std::time::Duration::from_millis(20));
            continue;
        }
        // A few more fresh snapshots, a moment apart, before deciding the index is
        // missing: a writer that has just finished may not be seen as at work.
        settled += 1;
        if settled < 5 {
            last = Some(state);
            std::thread::sleep(std::time::Duration::from_millis(20));
            continue;
        }
        break;
    }
    if !project.writable() {
        return Err(Error::input(Problem::at(
            &project.dir,
            None,
            "the search index is missing or out of date, and the project folder is read-only: \
             run `coda reindex` on a copy you can write to",
        )));
    }
    eprintln!("note: the search index is missing or out of date; rebuilding it from project.db");
    crate::ingest::reindex(project, &progress::Bar::new())?;
    let db = project.open()?;
    let (g, stamp) = db.index_state()?;
    let index =
        crate::index::SegmentIndex::open_for_scan(&project.index_dir(g.as_deref().unwrap_or("")))?;
    if index.stamp() != stamp {
        return Err(Error::input(Problem::at(
            &project.dir,
            None,
            "the search index cannot be opened; run `coda reindex` to rebuild it from project.db",
        )));
    }
    Ok((db, index))
}
