//! `coda explain`: one segment, its matched words marked, and per theme the rules that
//! fired, from the pass's stored evidence.

use std::io::{IsTerminal, Write};

use crate::cli::ExplainArgs;
use crate::error::{Error, Problem, Result};
use crate::output::Sink;
use crate::store::Project;

use super::Outcome;

pub fn run(args: ExplainArgs, project: &Project) -> Result<Outcome> {
    let db = project.open()?;
    let header = db.pass(&args.pass)?;
    super::warn_if_stale(&db, &header.pass)?;
    let seg = db.segment(&args.segment)?.ok_or_else(|| {
        Error::input(Problem::general(format!(
            "no segment '{}' in the project; segment ids look like C01-interview#4 (see `coda search` or `coda segments`)",
            args.segment
        )))
    })?;
    // The segment's codings, unless its text changed since the pass coded it: evidence
    // offsets in changed text would mark the wrong words.
    let changed = db.changed_since(&header.pass, &seg.transcript)?;
    let mine = if changed {
        Vec::new()
    } else {
        db.codings_of(&header.pass, &seg)?
    };
    let (on, off) = if std::io::stdout().is_terminal() {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("**", "**")
    };

    // Mark every evidence span (character offsets), merged where they overlap.
    let mut spans: Vec<(usize, usize)> = mine
        .iter()
        .flat_map(|c| c.hits.iter().map(|h| (h.start, h.end)))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut marked = String::new();
    let mut next = merged.iter().peekable();
    for (i, ch) in seg.text.chars().enumerate() {
        if next.peek().is_some_and(|(s, _)| *s == i) {
            marked.push_str(on);
        }
        // (A control character from the transcript is shown, not sent to the terminal.)
        marked.push(crate::output::shown(ch));
        if next.peek().is_some_and(|(_, e)| *e == i + 1) {
            marked.push_str(off);
            next.next();
        }
    }

    let mut sink = Sink::open(None)?;
    let w = sink.writer();
    let attrs: Vec<String> = seg
        .attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let out = |w: &mut dyn Write, s: String| writeln!(w, "{s}").map_err(Error::Output);
    out(
        w,
        format!(
            "{}  participant {}  {}  ({}; {}s {}-{})",
            seg.segment,
            seg.participant.as_deref().unwrap_or("-"),
            seg.role,
            if attrs.is_empty() {
                "no attributes".to_owned()
            } else {
                attrs.join(", ")
            },
            super::study::unit_of(&db, &seg.transcript)?,
            seg.lines.0,
            seg.lines.1
        ),
    )?;
    out(w, String::new())?;
    out(w, marked)?;
    out(w, String::new())?;
    if changed {
        out(
            w,
            format!(
                "Transcript '{}' changed since pass '{}' coded it: its codings are out of date. \
                 Run `coda code --codebook FILE --pass {}` to re-code it.",
                seg.transcript, header.pass, header.pass
            ),
        )?;
    } else if mine.is_empty() {
        out(w, format!("No theme coded in pass '{}'.", header.pass))?;
    }
    for c in &mine {
        let label = header
            .themes
            .iter()
            .find(|t| t.id == c.theme)
            .and_then(|t| t.label.clone());
        let how = if c.hits.is_empty() && header.kind != crate::store::passes::AUTO {
            format!("coded by {}", header.coder.as_deref().unwrap_or("a person"))
        } else {
            format!(
                "{} hit{}",
                c.hits.len(),
                if c.hits.len() == 1 { "" } else { "s" }
            )
        };
        out(
            w,
            format!(
                "{}{}: {how}",
                c.theme,
                label.map(|l| format!(" ({l})")).unwrap_or_default(),
            ),
        )?;
        for h in &c.hits {
            out(
                w,
                format!(
                    "  {}  matched {:?} at characters {}-{}",
                    h.rule, h.text, h.start, h.end
                ),
            )?;
        }
    }
    sink.finish()?;
    Ok(Outcome::Success)
}
