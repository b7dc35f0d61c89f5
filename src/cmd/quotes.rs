//! `coda quotes`: quotes per theme and attribute value, as a report would print them.

use crate::analysis::quotes::{Options, Quote, Selector};
use crate::cli::{FormatArg, QuotesArgs};
use crate::error::{Error, Problem, Result};
use crate::output::{Column, Sink, Table};
use crate::store::{CodingRecord, Project, SegmentRow};

use super::study::Loaded;
use super::{Outcome, write_to};

pub fn run(args: QuotesArgs, project: &Project) -> Result<Outcome> {
    if args.min_words > args.max_words || args.per_group == 0 {
        return Err(Error::input(Problem::general(
            "--min-words must not exceed --max-words, and --per-group must be at least 1",
        )));
    }
    let sink = Sink::open(args.output.as_deref())?;
    let data = Loaded::load(project, &args.pass)?;
    data.check_attribute(&args.by)?;
    let wheres = data.wheres(&args.wheres)?;
    let positions = data.header.positions(std::slice::from_ref(&args.theme))?;
    let opts = Options {
        per_group: args.per_group,
        min_words: args.min_words,
        max_words: args.max_words,
    };
    let mut selector = Selector::new(&data.header, &args.theme, opts);
    data.for_each_coded(Some(&positions), |s, codings| {
        if s.is_participant() && super::selected(s, &wheres) {
            offer(&mut selector, &args.by, s, codings);
        }
        Ok(())
    })?;
    let qs = selector.finish();
    let found = !qs.is_empty();
    match args.format {
        FormatArg::Md => {
            let mut sink = sink;
            let md = markdown(
                &data,
                &[Section {
                    depth: 0,
                    theme: args.theme.clone(),
                    quotes: qs,
                    sub_themes_apart: false,
                    selected_only: !wheres.is_empty(),
                }],
            );
            sink.writer()
                .write_all(md.as_bytes())
                .map_err(Error::Output)?;
            sink.finish()?;
        }
        f => write_to(sink, &table(&args.by, &qs), f)?,
    }
    Ok(if found {
        Outcome::Success
    } else {
        Outcome::NoResult
    })
}

/// Offer a coded participant segment to a quote selector.
pub fn offer(selector: &mut Selector, by: &str, s: &SegmentRow, codings: &[CodingRecord]) {
    let participant = s.participant.as_deref().unwrap_or_default();
    selector.offer(
        &s.segment,
        participant,
        s.lines,
        &s.text,
        codings,
        super::value_of(s, by).unwrap_or(crate::analysis::NONE),
    );
}

/// CSV and JSON Lines rows.
pub fn table(by: &str, qs: &[Quote]) -> Table {
    let mut t = Table::new(vec![
        Column::all("theme"),
        Column::all(by),
        Column::all("participant"),
        Column::all("segment"),
        Column::all("quote"),
        Column::all("attribution"),
        Column::json("line_start"),
        Column::json("line_end"),
        Column::json("hits"),
    ]);
    for q in qs {
        t.push(vec![
            q.theme.as_str().into(),
            q.value.as_str().into(),
            q.participant.as_str().into(),
            q.segment.as_str().into(),
            q.quote.as_str().into(),
            q.attribution.as_str().into(),
            (q.lines.0 as usize).into(),
            (q.lines.1 as usize).into(),
            q.hits.into(),
        ]);
    }
    t
}

/// One theme's part of a quotes report.
pub struct Section {
    /// The theme's depth in the tree (0: a top-level theme).
    pub depth: usize,
    pub theme: String,
    pub quotes: Vec<Quote>,
    /// The sub-themes have sections of their own, and their quotes are left out of
    /// this one.
    pub sub_themes_apart: bool,
    /// Only the turns `--where` keeps were offered.
    pub selected_only: bool,
}

/// Markdown as in a report: a heading per theme (by depth) and per value, quotes as
/// blockquotes with their attribution and where to find them.
pub fn markdown(data: &Loaded, sections: &[Section]) -> String {
    let mut out = String::new();
    for section in sections {
        let (depth, theme, qs) = (section.depth, &section.theme, &section.quotes);
        let label = data
            .header
            .themes
            .iter()
            .find(|t| &t.id == theme)
            .and_then(|t| t.label.clone());
        let hashes = "#".repeat((depth + 2).min(6));
        match label {
            Some(l) => out.push_str(&format!(
                "{hashes} {} (`{theme}`)\n\n",
                crate::output::md_text(&l)
            )),
            None => out.push_str(&format!("{hashes} `{theme}`\n\n")),
        }
        let apart = section.sub_themes_apart && data.header.with_descendants(theme).len() > 1;
        match (apart, qs.is_empty()) {
            (true, true) => out
                .push_str("No quotes beyond those of its sub-themes, in their sections below.\n\n"),
            (true, false) => out.push_str(
                "Quotes of its sub-themes are in their sections below, not repeated here.\n\n",
            ),
            (false, true) if section.selected_only => out.push_str(
                "No quotes: no participant segment that --where keeps is coded with this theme.\n\n",
            ),
            (false, true) => {
                out.push_str("No quotes: no participant segment coded with this theme has the words a quote needs (`--min-words`), or none is coded.\n\n")
            }
            (false, false) => {}
        }
        let mut current: Option<&str> = None;
        for q in qs {
            if current != Some(q.value.as_str()) {
                out.push_str(&format!(
                    "{} {}\n\n",
                    "#".repeat((depth + 3).min(6)),
                    crate::output::md_text(&q.value)
                ));
                current = Some(&q.value);
            }
            let unit = data.unit_of(&q.segment).unwrap_or("line");
            let lines = if q.lines.0 == q.lines.1 {
                format!("{unit} {}", q.lines.0)
            } else {
                format!("{unit}s {}-{}", q.lines.0, q.lines.1)
            };
            out.push_str(&format!(
                "> {}\n>\n> {} · {}, {lines}\n\n",
                crate::output::md_text(&q.quote).replace('\n', "\n> "),
                crate::output::md_text(&q.attribution),
                crate::output::md_text(&q.segment)
            ));
        }
    }
    out
}
