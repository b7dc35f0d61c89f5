//! `coda import`: a coding sheet a person edited, or a long-form CSV, stored as a pass
//! of kind `human`, in one transaction. Every problem is found and named (unknown
//! segments, themes, values, text that is not the project's) before anything is
//! written.

use std::collections::{BTreeMap, HashMap};

use crate::cli::ImportArgs;
use crate::codebook::Codebook;
use crate::error::{Error, Problem, Result};
use crate::exchange::Frame;
use crate::exchange::import::{Table, codings, fail_if, read_table, same_text};
use crate::store::passes::{HUMAN, check_name, now_rfc3339};
use crate::store::{Db, PassHeader, Project, ThemeRecord};

use super::Outcome;

/// A segment a sheet names, as the project has it.
struct Known {
    key: u64,
    transcript: String,
    number: u64,
    participant: String,
}

pub fn run(args: ImportArgs, project: &Project) -> Result<Outcome> {
    check_name(&args.pass)?;
    let table = read_table(&args.file)?;
    let book = args.codebook.as_deref().map(Codebook::load).transpose()?;
    let (_lock, db) = project.open_write(false)?;
    let header = db.transaction(|db| store(db, &args, &table, book.as_ref()))?;
    eprintln!(
        "imported pass '{}' (kind human, coder {}): {} coding(s) of {} theme(s) in {} of the {} segment(s) it covers",
        header.pass,
        header.coder.as_deref().unwrap_or("?"),
        header.codings,
        header.themes.iter().filter(|t| t.codings > 0).count(),
        header.coded_segments,
        header.segments
    );
    Ok(Outcome::Success)
}

/// The themes the sheet is read against: the codebook named, else the one an .xlsx sheet
/// records, else the one codebook of the project's passes.
fn frame(db: &Db, table: &Table, book: Option<&Codebook>) -> Result<Frame> {
    if let Some(b) = book {
        return Ok(Frame::of_codebook(b));
    }
    if let Some((_, f)) = &table.about {
        return Ok(f.clone());
    }
    let passes = db.passes()?;
    let mut books: BTreeMap<&str, &PassHeader> = BTreeMap::new();
    for p in &passes {
        books.entry(p.codebook.sha256.as_str()).or_insert(p);
    }
    match books.len() {
        1 => Ok(Frame::of_pass(books.values().next().expect("one"))),
        0 => Err(Error::input(Problem::general(
            "name the codebook whose themes the sheet's columns are (--codebook FILE): the project has no pass to take it from",
        ))),
        _ => Err(Error::input(Problem::general(format!(
            "name the codebook whose themes the sheet's columns are (--codebook FILE): the project's passes use {} codebooks ({})",
            books.len(),
            books
                .values()
                .map(|p| format!("{} in pass {}", p.codebook.name, p.pass))
                .collect::<Vec<_>>()
                .join(", ")
        )))),
    }
}

fn store(db: &Db, args: &ImportArgs, table: &Table, book: Option<&Codebook>) -> Result<PassHeader> {
    let path = args.file.as_path();
    let exists = db.passes()?.iter().any(|p| p.pass == args.pass);
    if exists && !args.replace {
        return Err(Error::input(Problem::general(format!(
            "the project has a pass '{}' already: add --replace to replace it, or import as another --pass",
            args.pass
        ))));
    }
    let frame = frame(db, table, book)?;
    let attributes = db.attributes()?;
    let mut problems = Vec::new();
    let read = codings(
        path,
        table,
        &frame,
        args.coder.as_deref(),
        &attributes,
        &mut problems,
    )?;
    let coder = args.coder.clone().or_else(|| read.named_coder.clone());
    if coder.is_none() {
        problems.push("say who coded the sheet: --coder NAME".to_owned());
    }
    // Every segment named must be a participant turn of the project, each row once, and
    // show the project's text.
    let mut known: HashMap<String, Known> = HashMap::new();
    let mut unknown = Vec::new();
    let mut look = |id: &str,
                    text: Option<&str>,
                    at: &str,
                    problems: &mut Vec<String>|
     -> Result<()> {
        if known.contains_key(id) {
            return Ok(());
        }
        match db.segment(id)? {
            None => unknown.push(format!("{id} ({at})")),
            Some(s) if !s.is_participant() => problems.push(format!(
                "{at}: segment {id} is an interviewer's turn; only participants' turns are coded"
            )),
            Some(s) => {
                if let Some(t) = text
                    && !same_text(t, &s.text)
                {
                    problems.push(format!(
                        "{at}: the text of segment {id} is not the project's: was the sheet made for another project, or has the transcript changed since? Make a new sheet with `coda sheet`"
                    ));
                }
                known.insert(
                    id.to_owned(),
                    Known {
                        key: s.key,
                        transcript: s.transcript,
                        number: s.number,
                        participant: s.participant.unwrap_or_default(),
                    },
                );
            }
        }
        Ok(())
    };
    let mut covered: Vec<String> = Vec::new();
    if let Some(rows) = &read.rows {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (line, id, text) in rows {
            let at = if table.xlsx {
                format!("row {line}")
            } else {
                format!("line {line}")
            };
            if let Some(first) = seen.insert(id.as_str(), *line) {
                problems.push(format!(
                    "{at}: segment {id} has a row already ({} {first})",
                    if table.xlsx { "row" } else { "line" }
                ));
                continue;
            }
            look(id, text.as_deref(), &at, &mut problems)?;
            covered.push(id.clone());
        }
    } else {
        for c in &read.codings {
            let at = format!("{} {}", if table.xlsx { "row" } else { "line" }, c.line);
            look(&c.segment, None, &at, &mut problems)?;
        }
    }
    if !unknown.is_empty() {
        let n = unknown.len();
        let shown: Vec<String> = unknown.into_iter().take(10).collect();
        problems.insert(
            0,
            format!(
                "{n} segment id(s) not in the project: {}{}",
                shown.join(", "),
                if n > 10 { ", ..." } else { "" }
            ),
        );
    }
    fail_if(path, &problems)?;
    if read.codings.is_empty() && covered.is_empty() {
        return Err(Error::input(Problem::at(
            path,
            None,
            "the sheet has no rows: nothing to import",
        )));
    }

    let (pass, _old) = db.new_pass(&args.pass)?;
    for id in &covered {
        let k = &known[id];
        pass.cover(&k.transcript, k.number)?;
    }
    let mut per_theme = vec![0usize; frame.themes.len()];
    let mut hasher = crate::hash::Hasher::new();
    let mut coded = std::collections::HashSet::new();
    let mut adder = pass.adder()?;
    for c in &read.codings {
        let k = &known[&c.segment];
        let theme = &frame.themes[c.position].id;
        adder.add(
            k.key,
            &k.transcript,
            k.number,
            Some(&k.participant),
            c.position,
            theme,
            0,
            "[]",
        )?;
        per_theme[c.position] += 1;
        coded.insert(c.segment.as_str());
        for part in [c.segment.as_bytes(), theme.as_bytes()] {
            hasher.update(part);
            hasher.update(b"\0");
        }
    }
    drop(adder);
    let segments = if read.long_form {
        db.participant_segments()?
    } else {
        covered.len()
    };
    let header = PassHeader {
        pass: args.pass.clone(),
        kind: HUMAN.to_owned(),
        coder,
        codebook: frame.codebook.clone(),
        created: now_rfc3339(),
        segments,
        coded_segments: coded.len(),
        codings: read.codings.len(),
        codings_sha256: hasher.finish(),
        themes: frame
            .themes
            .iter()
            .zip(&per_theme)
            .map(|(t, n)| ThemeRecord {
                codings: *n,
                ..t.clone()
            })
            .collect(),
    };
    pass.finish(&header, false)?;
    Ok(header)
}
