//! `coda analyse`: the whole study in one command. Ingest, code (pass `auto`), and
//! write matrix.csv, matrix-long.csv, cooccurrence.csv, codings.csv, quotes.md and
//! summary.md into the output folder, from pass `auto` or the pass `--pass` names. Every output is opened before the work starts,
//! written atomically, and has no timestamp: two runs give the same bytes.

use crate::output::{md_cell, md_text};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::analysis::cooccur::Counter;
use crate::analysis::quotes::{Options, Selector};
use crate::cli::{AnalyseArgs, CountArg, FormatArg};
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::ingest::{Request, ingest_then};
use crate::output::{CsvRows, Sink};
use crate::pass::code_into;
use crate::store::Project;

use super::matrix::{cooccur_table, long, wide};
use super::quotes::Section;
use super::study::{Loaded, how_coded};
use super::{Outcome, outcome, progress::Bar, report, write_to};

const PASS: &str = "auto";

pub fn run(args: AnalyseArgs, project: &Project) -> Result<Outcome> {
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
    let open = |name: &str| Sink::open(Some(&args.out.join(name)));
    let sinks = [
        open("matrix.csv")?,
        open("matrix-long.csv")?,
        open("cooccurrence.csv")?,
        open("codings.csv")?,
        open("quotes.md")?,
        open("summary.md")?,
    ];
    let book = Codebook::load(&args.codebook)?;

    let bar = Bar::new();
    let req = Request {
        paths: args.input.paths.clone(),
        participants: args.input.participants.clone(),
        transcripts: args.input.transcripts.clone(),
        interviewer_labels: args.input.interviewer_labels.clone(),
        redact: args.input.redact.clone(),
    };
    // The ingest and the pass in one transaction: a kill leaves the project as it was
    // or with both.
    let engine = crate::coding::Engine::new(&book)?;
    // `--by` and `--where` are checked against the attributes the ingest gives, before
    // coding: an unknown one rolls the ingest back, so nothing is changed.
    let mut wheres = None;
    let mut code = |db: &crate::store::Db| {
        if args.pass != PASS {
            db.pass(&args.pass)?;
        }
        super::study::check_attribute(db, &db.attributes()?, &args.by)?;
        wheres = Some(super::wheres_of(&args.wheres, db)?);
        code_into(db, &book, &engine, PASS, &bar).map(drop)
    };
    let r = ingest_then(project, &req, &bar, Some(&mut code))?;
    report(&r.corpus, true);
    super::ingest::report_removed_and_kept(&r);
    // The outputs are of the pass named: `auto`, just coded, or any other (a person's
    // review, say), which must be in the project.
    let data = Loaded::load(project, &args.pass)?;
    let wheres = match wheres {
        Some(w) => w,
        None => data.wheres(&args.wheres)?,
    };

    let [
        matrix_csv,
        long_csv,
        cooccur_csv,
        mut codings_csv,
        quotes_md,
        summary_md,
    ] = sinks;
    let by = [args.by.clone()];
    let m = super::matrix::matrix_of(&data, &by, &wheres, true)?;
    write_to(
        matrix_csv,
        &wide(&m, CountArg::Participants, false, FormatArg::Csv),
        FormatArg::Csv,
    )?;
    write_to(long_csv, &long(&m, &by), FormatArg::Csv)?;

    // One walk over the pass: co-occurrence, codings.csv row by row, quote candidates.
    let opts = Options {
        per_group: 3,
        min_words: 8,
        max_words: 60,
    };
    let themes: Vec<(usize, String)> = crate::analysis::tree(&data.header)
        .into_iter()
        .map(|(d, t)| (d, t.to_owned()))
        .collect();
    let mut selectors: Vec<Selector> = themes
        .iter()
        .map(|(_, t)| Selector::below(&data.header, t, opts))
        .collect();
    let mut counter = Counter::new(&data.header, false, true);
    let attributes = &data.attributes;
    let mut rows = CsvRows::new(codings_csv.writer(), &super::codings::columns(attributes))?;
    data.for_each_coded(None, |s, codings| {
        if !super::selected(s, &wheres) {
            return Ok(());
        }
        for c in codings {
            rows.push(&super::codings::row(&data.header.pass, s, c, attributes))?;
        }
        if let Some(p) = s.participant.as_deref()
            && s.is_participant()
        {
            counter.offer(p, codings);
            for sel in &mut selectors {
                super::quotes::offer(sel, &args.by, s, codings);
            }
        }
        Ok(())
    })?;
    rows.finish()?;
    codings_csv.finish()?;
    write_to(
        cooccur_csv,
        &cooccur_table(&data.header, counter.finish(), FormatArg::Csv),
        FormatArg::Csv,
    )?;
    let sections = sections(&data.header, themes, selectors);
    let only = only(&args.wheres);
    let mut md = format!(
        "# Quotes by theme and {}\n\n{}{only}\n\n",
        args.by,
        how_coded(&data.header)
    );
    md.push_str(&super::quotes::markdown(&data, &sections));
    write_text(quotes_md, &md)?;
    write_text(
        summary_md,
        &summary(&data, &m, &args.by, &wheres, &only, &r.corpus.failures)?,
    )?;

    eprintln!(
        "wrote matrix.csv, matrix-long.csv, cooccurrence.csv, codings.csv, quotes.md and summary.md to {}",
        args.out.display()
    );
    Ok(outcome(&r.corpus))
}

/// quotes.md's sections, in tree order: a theme's section leaves out the segments
/// that the sections of its sub-themes (at any depth) quote, so no quote is repeated
/// under a parent. Sub-themes are finished first (tree order backwards).
fn sections(
    header: &crate::store::PassHeader,
    themes: Vec<(usize, String)>,
    selectors: Vec<Selector>,
) -> Vec<Section> {
    let mut shown: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut out: Vec<Section> = themes
        .into_iter()
        .zip(selectors)
        .rev()
        .map(|((depth, theme), sel)| {
            let below: BTreeSet<String> = header
                .with_descendants(&theme)
                .iter()
                .skip(1)
                .filter_map(|t| shown.get(t))
                .flatten()
                .cloned()
                .collect();
            let quotes = sel.finish_without(&below);
            shown.insert(
                theme.clone(),
                quotes.iter().map(|q| q.segment.clone()).collect(),
            );
            Section {
                depth,
                theme,
                quotes,
                sub_themes_apart: true,
                selected_only: false,
            }
        })
        .collect();
    out.reverse();
    out
}

fn write_text(mut sink: Sink, text: &str) -> Result<()> {
    sink.writer()
        .write_all(text.as_bytes())
        .map_err(Error::Output)?;
    sink.finish()
}

fn summary(
    data: &Loaded,
    m: &crate::analysis::matrix::Matrix,
    by: &str,
    wheres: &[(String, Vec<String>)],
    only: &str,
    failures: &[crate::Problem],
) -> Result<String> {
    // The transcripts, a row at a time.
    let (mut n, mut segments) = (0usize, 0usize);
    let mut rows = String::new();
    let mut warnings: Vec<String> = Vec::new();
    data.db.for_each_source(|x| {
        n += 1;
        segments += x.segments;
        rows.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            md_cell(&x.id),
            x.format,
            x.encoding,
            x.segments,
            x.warnings.len()
        ));
        warnings.extend(x.warnings.iter().map(|w| match w.line {
            Some(l) => format!("{}:{l}: {}", md_text(&name(&x.path)), md_text(&w.message)),
            None => format!("{}: {}", md_text(&name(&x.path)), md_text(&w.message)),
        }));
        Ok(())
    })?;
    let mut s = String::from("# Analysis summary\n\n");
    s.push_str(&how_coded(&data.header));
    s.push_str(only);
    s.push_str("\n\n");
    s.push_str(&format!(
        "{n} transcripts, {segments} segments ({} participant turns), {} participants with turns.\n\n",
        data.db.participant_segments()?,
        m.n_total
    ));
    s.push_str("## Transcripts\n\n| transcript | format | encoding | segments | warnings |\n| --- | --- | --- | ---: | ---: |\n");
    s.push_str(&rows);
    s.push_str(&format!(
        "\n## Participants by {by}\n\n| {by} | participants |\n| --- | ---: |\n",
        by = md_cell(by)
    ));
    for (v, n) in m.values.iter().zip(&m.n) {
        s.push_str(&format!("| {} | {n} |\n", md_cell(v)));
    }
    s.push_str(&format!("| Total | {} |\n", m.n_total));
    s.push_str(&format!("\n## Themes\n\nParticipant segments coded with each theme (sub-themes count for their parent), as a share of {} participant segments, and the participants in whose turns it was coded.\n\n| theme | segments | share | coded in the turns of |\n| --- | ---: | ---: | ---: |\n", if wheres.is_empty() { "all" } else { "the counted" }));
    let total = data.db.selected_segments(wheres)?.max(1);
    for ((depth, id), row) in m.themes.iter().zip(&m.cells) {
        let t = row.last().copied().unwrap_or_default();
        s.push_str(&format!(
            "| {}{id} | {} | {:.1}% | {} of {} participants |\n",
            "· ".repeat(*depth),
            t.segments,
            100.0 * t.segments as f64 / total as f64,
            t.participants,
            m.n_total
        ));
    }
    warnings.extend(
        failures
            .iter()
            .map(|f| format!("not read: {}", md_text(&f.to_string()))),
    );
    s.push_str("\n## Warnings\n\n");
    if warnings.is_empty() {
        s.push_str("None.\n");
    }
    for w in warnings {
        s.push_str(&format!("- {w}\n"));
    }
    Ok(s)
}

/// The sentence that says which turns a filtered analysis counts (`--where`), for
/// quotes.md and summary.md; empty without a filter.
fn only(wheres: &[String]) -> String {
    if wheres.is_empty() {
        return String::new();
    }
    let w: Vec<String> = wheres.iter().map(|w| md_text(w)).collect();
    format!(
        " Only participants' turns where {} are counted and quoted.",
        w.join(" and ")
    )
}

/// A file's name without the folders above it: summaries do not depend on where the
/// study sits on disk.
fn name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
