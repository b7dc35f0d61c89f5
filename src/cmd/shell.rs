//! `coda shell`: searches and kwic typed one after another on the project opened once.
//!
//! A line is a query, run and printed as `coda search QUERY` would with the session's
//! settings; a line that starts with `:` is a command (`:help`). On a terminal the lines
//! are read with a line editor and a history kept in the project folder; otherwise they
//! are read from stdin as they are, with no prompt, so that a session can be scripted.

use std::io::{BufRead, IsTerminal};
use std::time::Instant;

use clap::ValueEnum;

use crate::analysis::kwic::Matcher;
use crate::cli::{FilterArgs, FormatArg, RoleArg, ShellArgs};
use crate::error::{Error, Problem, Result};
use crate::index::{Filter, SegmentIndex};
use crate::store::{Db, Project};

use super::Outcome;
use super::search::{Scope, search};

/// The file of the lines typed, in the project folder (the only place it may be: the
/// queries name what the transcripts say).
const HISTORY: &str = "shell-history";

const HELP: &str = "\
A line is a search query, as `coda search QUERY`: words, AND, OR, NOT, \"a phrase\",
prefix*, field:term. Commands:
  :kwic TERM            keyword in context, as `coda kwic TERM`
  :where ATTR=VALUE     add a condition, as --where (repeat for more); :where alone clears
  :theme ID             only segments coded with a theme, as --theme (repeat for any of
                        several); :theme alone clears
  :pass NAME            the pass that :theme reads (default auto)
  :role participant|interviewer|all
                        whose turns to search (default participant)
  :limit N              the most results a query shows (default 20)
  :window N             words of context each side for :kwic (default 6)
  :format table|csv|jsonl|md
                        output format
  :time on|off          each query's number of results and time, on stderr
  :show                 the settings
  :help                 this help
  :quit                 end the session (or Ctrl-D)";

/// What the session has set, and the filter it makes (checked against the project
/// when a setting changes, not at each query).
struct Session<'a> {
    db: &'a Db,
    index: &'a SegmentIndex,
    attributes: Vec<String>,
    args: FilterArgs,
    filter: Filter,
    limit: usize,
    window: usize,
    format: FormatArg,
    time: bool,
    /// Read from a terminal: a query that finds nothing says so.
    interactive: bool,
}

/// After a line: go on, or end the session.
enum Flow {
    Next,
    Quit,
}

pub fn run(args: ShellArgs, project: &Project) -> Result<Outcome> {
    let (db, index) = super::open_index(project)?;
    let interactive = std::io::stdin().is_terminal();
    let mut s = Session {
        attributes: db.attributes()?,
        filter: super::filter(&args.filter, &db)?,
        db: &db,
        index: &index,
        args: args.filter,
        limit: args.limit,
        window: args.window,
        format: args.format,
        time: false,
        interactive,
    };
    let mut failed = false;
    // A line's outcome: an error is reported as the one-shot command reports it and the
    // session goes on; output that can no longer be written (a closed pipe) ends it.
    let mut outcome = |r: Result<Flow>| match r {
        Ok(flow) => Some(flow),
        Err(e) if e.is_broken_pipe() => None,
        Err(e) => {
            eprintln!("error: {e}");
            failed = true;
            Some(Flow::Next)
        }
    };
    if interactive {
        interact(&mut s, project, !args.no_history, &mut outcome)?;
    } else {
        let mut stdin = std::io::stdin().lock();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let n = stdin
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::io(std::path::Path::new("standard input"), e))?;
            if n == 0 {
                break;
            }
            let r = match std::str::from_utf8(&buf) {
                Ok(line) => s.line(line),
                Err(_) => Err(Error::input(Problem::general(
                    "a line of standard input is not UTF-8 text; it was skipped",
                ))),
            };
            match outcome(r) {
                Some(Flow::Next) => {}
                Some(Flow::Quit) | None => break,
            }
        }
    }
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

/// Lines from a terminal, edited with rustyline, with the history in the project folder
/// when it can be written to (and `keep`).
fn interact(
    s: &mut Session,
    project: &Project,
    keep: bool,
    outcome: &mut dyn FnMut(Result<Flow>) -> Option<Flow>,
) -> Result<()> {
    use rustyline::error::ReadlineError;
    let config = rustyline::Config::builder()
        .auto_add_history(false)
        // A line typed with a space before it is not kept, as in bash.
        .history_ignore_space(true)
        .history_ignore_dups(true)
        .and_then(|b| b.max_history_size(1000))
        .map_err(|e| misuse(format!("the line editor: {e}")))?
        .build();
    let mut editor = rustyline::DefaultEditor::with_config(config)
        .map_err(|e| misuse(format!("the line editor cannot start: {e}")))?;
    let history = (keep && project.writable()).then(|| project.dir.join(HISTORY));
    if let Some(h) = history.as_ref().filter(|h| h.is_file()) {
        let _ = editor.load_history(h);
    }
    eprintln!(
        "coda shell on {}: a line is a search query; :help for the commands, Ctrl-D to end",
        project.dir.display()
    );
    let mut warned = false;
    loop {
        let line = match editor.readline("coda> ") {
            Ok(line) => line,
            // Ctrl-C drops the line being typed, as in a Unix shell.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                return Err(Error::input(Problem::general(format!(
                    "the terminal cannot be read: {e}"
                ))));
            }
        };
        if let Some(h) = &history
            && editor.add_history_entry(line.as_str()).unwrap_or(false)
            && let Err(e) = editor.append_history(h)
            && !warned
        {
            eprintln!(
                "warning: the history cannot be kept in {}: {e}",
                h.display()
            );
            warned = true;
        }
        match outcome(s.line(&line)) {
            Some(Flow::Next) => {}
            Some(Flow::Quit) | None => break,
        }
    }
    Ok(())
}

impl Session<'_> {
    /// Run one line: a query, or a `:` command.
    fn line(&mut self, line: &str) -> Result<Flow> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(Flow::Next);
        }
        let Some(command) = line.strip_prefix(':') else {
            self.search(line)?;
            return Ok(Flow::Next);
        };
        let (name, rest) = command
            .split_once(char::is_whitespace)
            .map_or((command, ""), |(n, r)| (n, r.trim()));
        match name {
            "q" | "quit" | "exit" => return Ok(Flow::Quit),
            "help" | "h" | "?" => eprintln!("{HELP}"),
            "show" => eprintln!("{}", self.settings()),
            "kwic" => self.kwic(rest)?,
            "where" => self.refilter(|a| {
                if rest.is_empty() {
                    a.wheres.clear();
                } else {
                    a.wheres.push(rest.to_owned());
                }
            })?,
            "theme" => self.refilter(|a| {
                if rest.is_empty() {
                    a.themes.clear();
                } else {
                    a.themes.push(rest.to_owned());
                }
            })?,
            "pass" => self.refilter(|a| {
                a.pass = if rest.is_empty() { "auto" } else { rest }.to_owned();
            })?,
            "role" => {
                let role = value::<RoleArg>(":role", rest)?;
                self.refilter(|a| a.role = role)?;
            }
            "format" => self.format = value::<FormatArg>(":format", rest)?,
            "limit" => self.limit = number(":limit", rest)?,
            "window" => self.window = number(":window", rest)?,
            "time" => match rest {
                "on" => self.time = true,
                "off" => self.time = false,
                "" => eprintln!("time {}", if self.time { "on" } else { "off" }),
                _ => return Err(misuse(format!(":time '{rest}': say :time on or :time off"))),
            },
            _ => {
                return Err(misuse(format!(
                    "unknown command ':{name}'; :help lists the commands"
                )));
            }
        }
        Ok(Flow::Next)
    }

    fn search(&self, query: &str) -> Result<()> {
        let start = Instant::now();
        let scope = Scope {
            db: self.db,
            index: self.index,
            filter: &self.filter,
            attributes: &self.attributes,
        };
        let n = search(&scope, query, self.limit, self.format)?;
        self.report(n, "hit", start);
        Ok(())
    }

    fn kwic(&self, term: &str) -> Result<()> {
        let start = Instant::now();
        let matcher = Matcher::new(term)?;
        let n = super::kwic::kwic(
            self.db,
            self.index,
            &self.filter,
            &matcher,
            term,
            self.window,
            self.format,
        )?;
        self.report(n, "line", start);
        Ok(())
    }

    /// With `:time on`, the number of results and the time taken, on stderr; on a
    /// terminal, that nothing was found.
    fn report(&self, n: usize, what: &str, start: Instant) {
        let plural = if n == 1 { "" } else { "s" };
        if self.time {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            eprintln!("{n} {what}{plural} in {ms:.2} ms");
        } else if n == 0 && self.interactive {
            eprintln!("no {what}s");
        }
    }

    /// Change the filter's settings; kept only if the filter they make is valid (its
    /// message is the one-shot command's).
    fn refilter(&mut self, change: impl FnOnce(&mut FilterArgs)) -> Result<()> {
        let mut args = self.args.clone();
        change(&mut args);
        self.filter = super::filter(&args, self.db)?;
        self.args = args;
        Ok(())
    }

    /// The settings, as the options of the one-shot commands that give the same output.
    fn settings(&self) -> String {
        let a = &self.args;
        let mut out = Vec::new();
        for w in &a.wheres {
            out.push(format!("--where {w}"));
        }
        out.push(format!("--role {}", name_of(a.role)));
        for t in &a.themes {
            out.push(format!("--theme {t}"));
        }
        out.push(format!("--pass {}", a.pass));
        out.push(format!("--limit {}", self.limit));
        out.push(format!("--window {}", self.window));
        out.push(format!("--format {}", name_of(self.format)));
        out.push(format!("(time {})", if self.time { "on" } else { "off" }));
        out.join(" ")
    }
}

/// A `:` command used wrongly.
fn misuse(message: String) -> Error {
    Error::input(Problem::general(message))
}

/// One of a clap value enum's values, by name (any case).
fn value<T: ValueEnum>(command: &str, raw: &str) -> Result<T> {
    T::from_str(raw, true).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .map(|v| name_of(v.clone()))
            .collect();
        misuse(format!(
            "{command} '{raw}': say one of {}",
            names.join(", ")
        ))
    })
}

fn name_of<T: ValueEnum>(v: T) -> String {
    v.to_possible_value()
        .map(|p| p.get_name().to_owned())
        .unwrap_or_default()
}

fn number(command: &str, raw: &str) -> Result<usize> {
    raw.parse().map_err(|_| {
        misuse(format!(
            "{command} '{raw}': say a whole number, such as {command} 20"
        ))
    })
}
