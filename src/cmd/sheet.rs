//! `coda sheet`: a coding sheet for a person to code or review in a spreadsheet, one row
//! per participant turn, one column per theme (see `exchange::sheet`).

use crate::cli::SheetArgs;
use crate::codebook::Codebook;
use crate::error::{Error, Problem, Result};
use crate::exchange::sheet::{About, SheetRow, SheetWriter, header};
use crate::exchange::{Frame, IGNORED};
use crate::output::Sink;
use crate::store::Project;
use crate::store::passes::AUTO;

use super::Outcome;

pub fn run(args: SheetArgs, project: &Project) -> Result<Outcome> {
    let db = project.open()?;
    let (frame, pass) = match (&args.pass, &args.codebook) {
        (_, Some(cb)) => (Frame::of_codebook(&Codebook::load(cb)?), None),
        (Some(p), None) => {
            let h = db.pass(p)?;
            super::warn_if_stale(&db, p)?;
            (Frame::of_pass(&h), Some(p.clone()))
        }
        (None, None) => match db.passes()?.into_iter().find(|h| h.pass == AUTO) {
            Some(h) => {
                super::warn_if_stale(&db, AUTO)?;
                (Frame::of_pass(&h), Some(AUTO.to_owned()))
            }
            None => {
                return Err(Error::input(Problem::general(
                    "name the pass whose codings fill the sheet (--pass NAME), or the codebook whose themes are its columns for a sheet to code from scratch (--codebook FILE); the project has no pass 'auto'",
                )));
            }
        },
    };
    let wheres = super::wheres_of(&args.wheres, &db)?;
    // An attribute named like a theme or a column the sheet has is left out of it.
    let (attributes, left_out): (Vec<String>, Vec<String>) =
        db.attributes()?.into_iter().partition(|a| {
            frame.position(a).is_none()
                && !IGNORED.contains(&a.as_str())
                && a != crate::exchange::SEGMENT
        });
    if !left_out.is_empty() {
        eprintln!(
            "warning: attribute(s) {} left out of the sheet: a theme or a column of the sheet has the name",
            left_out.join(", ")
        );
    }
    let columns = header(&attributes, &frame);
    let tree = frame.tree();
    let xlsx = args.output.as_deref().is_some_and(|p| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    });
    // A person's pass covers its sheet's rows only: on the others it says nothing, so
    // their theme cells stay empty (not 0).
    let covered = match &pass {
        Some(p) => db.covered(p)?,
        None => None,
    };
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut rows = 0usize;
    let cut = {
        let mut w = if xlsx {
            SheetWriter::xlsx(
                sink.writer(),
                &columns,
                &About {
                    pass: pass.as_deref(),
                    frame: &frame,
                },
            )?
        } else {
            SheetWriter::csv(sink.writer(), &columns)?
        };
        db.for_each_participant_turn(pass.as_deref(), |c| {
            let s = &c.segment;
            if !super::selected(s, &wheres) {
                return Ok(());
            }
            let seen = pass.is_some()
                && covered
                    .as_ref()
                    .is_none_or(|c| c.contains(&(s.transcript.clone(), s.number)));
            let mut coded: Vec<Option<u8>> = vec![seen.then_some(0); tree.len()];
            let mut evidence = Vec::new();
            for k in &c.codings {
                if let Some(i) = tree.iter().position(|t| *t == k.theme) {
                    coded[i] = Some(1);
                }
                if !k.hits.is_empty() {
                    let words: Vec<&str> = k.hits.iter().map(|h| h.text.as_str()).collect();
                    evidence.push(format!("{}: {}", k.theme, words.join(", ")));
                }
            }
            w.push(&SheetRow {
                segment: &s.segment,
                transcript: &s.transcript,
                participant: s.participant.as_deref().unwrap_or_default(),
                attributes: attributes
                    .iter()
                    .map(|a| s.attributes.get(a).map(String::as_str))
                    .collect(),
                text: &s.text,
                coded,
                evidence: evidence.join("; "),
            })?;
            rows += 1;
            Ok(())
        })?;
        w.finish()?.1
    };
    sink.finish()?;
    if let Some(out) = &args.output {
        eprintln!(
            "wrote {rows} participant turn(s) x {} theme(s){} to {}",
            tree.len(),
            pass.as_deref()
                .map(|p| format!(", coded as pass '{p}' codes them,"))
                .unwrap_or_default(),
            out.display()
        );
    }
    if cut > 0 {
        eprintln!(
            "warning: {cut} turn(s) longer than a spreadsheet cell holds were cut in the sheet's text column (the codings are whole; `coda import` reads them back)"
        );
    }
    Ok(super::found(rows))
}
