//! `coda agree`: how far passes (automatic or human, any kind) agree, per theme and over
//! all themes: percent agreement, Cohen's kappa, Krippendorff's alpha, and precision,
//! recall and F1 against a reference; or, with `--disagreements`, where they differ.
//!
//! The units are the project's participant segments that `--where` keeps. Each pass
//! says 1 (coded with the theme itself, not rolled up to parents) or 0 for every unit,
//! a segment it coded with nothing included; a pass without the theme at all has no
//! value (missing). See docs/agreement.md.

use std::collections::{BTreeMap, HashMap};

use crate::analysis::NONE;
use crate::analysis::agreement::{Tally, Value};
use crate::cli::AgreeArgs;
use crate::error::{Error, Problem, Result};
use crate::output::{Cell, Column, Sink, Table};
use crate::store::passes::AUTO;
use crate::store::{Db, PassHeader, Project, SegmentRow};

use super::{Outcome, write_to};

/// The name of the row that pools every theme's decisions.
pub const ALL_THEMES: &str = "(all themes)";

/// A participant segment the units are made of.
pub struct Unit {
    pub id: String,
    pub participant: String,
    /// Its value of `--by` (`None`: without one).
    pub value: Option<String>,
}

/// The participant segments `--where` keeps, in file order, found by transcript and
/// number.
pub struct Selection {
    pub units: Vec<Unit>,
    index: HashMap<(String, u64), usize>,
}

impl Selection {
    /// The participant segments of the project that `wheres` keep, each with its value
    /// of `by`.
    pub fn load(db: &Db, wheres: &[(String, Vec<String>)], by: Option<&str>) -> Result<Selection> {
        let mut people: HashMap<String, BTreeMap<String, String>> = HashMap::new();
        db.for_each_participant(|p| {
            people.insert(p.id, p.attributes);
            Ok(())
        })?;
        let mut sources: HashMap<String, BTreeMap<String, String>> = HashMap::new();
        db.for_each_source(|s| {
            sources.insert(s.id, s.attributes);
            Ok(())
        })?;
        let mut sel = Selection {
            units: Vec::new(),
            index: HashMap::new(),
        };
        // The last participant and transcript's attributes, merged.
        let mut last: Option<(String, String, BTreeMap<String, String>)> = None;
        db.for_each_segment(None, |mut s| {
            if !s.is_participant() {
                return Ok(());
            }
            let p = s.participant.clone().unwrap_or_default();
            if last
                .as_ref()
                .is_none_or(|(q, t, _)| *q != p || *t != s.transcript)
            {
                let mut a = people.get(&p).cloned().unwrap_or_default();
                a.extend(sources.get(&s.transcript).cloned().unwrap_or_default());
                last = Some((p.clone(), s.transcript.clone(), a));
            }
            s.attributes = last.as_ref().map(|l| l.2.clone()).unwrap_or_default();
            if !super::selected(&s, wheres) {
                return Ok(());
            }
            let value = by.and_then(|b| super::value_of(&s, b).map(str::to_owned));
            sel.index
                .insert((s.transcript.clone(), s.number), sel.units.len());
            sel.units.push(Unit {
                id: s.segment,
                participant: p,
                value,
            });
            Ok(())
        })?;
        Ok(sel)
    }

    /// Which units a pass covers: `None` for all (see [`Db::covered`]).
    pub fn covers(&self, db: &Db, pass: &str) -> Result<Option<Vec<bool>>> {
        let Some(set) = db.covered(pass)? else {
            return Ok(None);
        };
        let mut v = vec![false; self.units.len()];
        for key in set {
            if let Some(&u) = self.index.get(&key) {
                v[u] = true;
            }
        }
        Ok(Some(v))
    }

    /// A segment's place among the units, if it is one.
    pub fn find(&self, s: &SegmentRow) -> Option<usize> {
        self.index.get(&(s.transcript.clone(), s.number)).copied()
    }
}

/// The passes named, each once, the reference added when it is not among them.
fn pass_names(args: &AgreeArgs) -> Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    for p in args.passes.iter().chain(args.reference.as_ref()) {
        if !names.contains(p) {
            names.push(p.clone());
        } else if args.reference.as_ref() != Some(p) {
            return Err(Error::input(Problem::general(format!(
                "pass '{p}' is named twice; name each pass once"
            ))));
        }
    }
    if names.len() < 2 {
        return Err(Error::input(Problem::general(format!(
            "coda agree compares passes: name two or more (only '{}' was given; kappa needs \
             exactly two, alpha two or more; `coda passes` lists the project's passes)",
            names.join("', '")
        ))));
    }
    Ok(names)
}

/// The themes of all the passes, matched by id: the first pass's in its order, then
/// each other pass's new ones in its order.
fn theme_ids(headers: &[PassHeader]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for h in headers {
        for t in &h.themes {
            if !ids.contains(&t.id) {
                ids.push(t.id.clone());
            }
        }
    }
    ids
}

/// `--theme` ids (each with its sub-themes in any pass that has it), or every theme;
/// an id no pass has is an error naming the themes there are.
fn selected_themes(
    headers: &[PassHeader],
    all: &[String],
    wanted: &[String],
) -> Result<Vec<String>> {
    if wanted.is_empty() {
        return Ok(all.to_vec());
    }
    let mut keep = std::collections::HashSet::new();
    for id in wanted {
        if !all.contains(id) {
            return Err(Error::input(Problem::general(format!(
                "--theme: no pass has theme '{id}'; the passes' themes are: {}",
                all.join(", ")
            ))));
        }
        for h in headers {
            if h.themes.iter().any(|t| &t.id == id) {
                keep.extend(h.with_descendants(id));
            }
        }
    }
    Ok(all.iter().filter(|t| keep.contains(*t)).cloned().collect())
}

pub fn run(args: AgreeArgs, project: &Project) -> Result<Outcome> {
    let names = pass_names(&args)?;
    let sink = Sink::open(args.output.as_deref())?;
    let db = project.open()?;
    let headers: Vec<PassHeader> = names.iter().map(|n| db.pass(n)).collect::<Result<_>>()?;
    for n in &names {
        super::warn_if_stale(&db, n)?;
    }
    let by = args.by.as_ref().map(|b| b.trim().to_lowercase());
    if let Some(b) = &by {
        check_attribute(&db, b)?;
    }
    let wheres = super::wheres_of(&args.wheres, &db)?;
    let all = theme_ids(&headers);
    let themes = selected_themes(&headers, &all, &args.themes)?;
    let sel = Selection::load(&db, &wheres, by.as_deref())?;
    let shared = themes
        .iter()
        .filter(|t| {
            headers
                .iter()
                .filter(|h| h.themes.iter().any(|x| &x.id == *t))
                .count()
                >= 2
        })
        .count();
    if shared == 0 && !themes.is_empty() {
        eprintln!(
            "note: no theme is in two of the passes (themes are matched by id): there is nothing \
             to compare"
        );
    }
    if sel.units.is_empty() {
        eprintln!("note: no participant segment is selected: nothing to compare");
    }
    // has[p][t]: pass p has theme t at all (else its values are missing).
    let has: Vec<Vec<bool>> = headers
        .iter()
        .map(|h| {
            themes
                .iter()
                .map(|t| h.themes.iter().any(|x| &x.id == t))
                .collect()
        })
        .collect();
    // covers[p]: the units pass p covers (`None`: all); a unit it does not cover has
    // no value from it (a person's pass covers the rows of the sheet they coded).
    let covers: Vec<Option<Vec<bool>>> = headers
        .iter()
        .map(|h| sel.covers(&db, &h.pass))
        .collect::<Result<_>>()?;
    let theme_at: HashMap<&str, usize> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    // Each coded (unit, theme): which passes coded it; with --disagreements, each auto
    // pass's evidence.
    let mut coded: BTreeMap<(usize, usize), Vec<bool>> = BTreeMap::new();
    let mut evidence: HashMap<(usize, usize, usize), String> = HashMap::new();
    for (p, h) in headers.iter().enumerate() {
        let keep_evidence = args.disagreements && h.kind == AUTO;
        db.for_each_coded(&h.pass, None, false, |c| {
            let Some(u) = sel.find(&c.segment) else {
                return Ok(());
            };
            for r in &c.codings {
                // With --rollup, the theme and every theme above it in this pass's tree.
                let mut up = vec![r.theme.clone()];
                if args.rollup {
                    let mut cur = r.theme.clone();
                    while let Some(parent) = h
                        .themes
                        .iter()
                        .find(|x| x.id == cur)
                        .and_then(|x| x.parent.clone())
                        .filter(|q| !up.contains(q))
                    {
                        up.push(parent.clone());
                        cur = parent;
                    }
                }
                for theme in &up {
                    if let Some(&t) = theme_at.get(theme.as_str()) {
                        coded
                            .entry((u, t))
                            .or_insert_with(|| vec![false; names.len()])[p] = true;
                    }
                }
                let Some(&t) = theme_at.get(r.theme.as_str()) else {
                    continue;
                };
                if keep_evidence {
                    let words: Vec<&str> = r.hits.iter().map(|h| h.text.as_str()).collect();
                    evidence.insert((u, t, p), words.join("; "));
                }
            }
            Ok(())
        })?;
    }
    let table = if args.disagreements {
        disagreements(
            &db,
            &headers,
            &sel,
            &themes,
            &has,
            &covers,
            &coded,
            &evidence,
            by.is_some(),
        )?
    } else {
        figures(
            &args,
            &headers,
            &sel,
            &themes,
            &has,
            &covers,
            &coded,
            by.is_some(),
        )
    };
    let n = table.rows.len();
    if n == 0 && !args.disagreements && !sel.units.is_empty() {
        eprintln!(
            "note: no selected segment is covered by two of the passes (a person's pass covers only its sheet's rows): nothing to compare"
        );
    }
    if n == 0 && args.disagreements && !sel.units.is_empty() && shared > 0 {
        eprintln!("note: the passes agree on every segment and theme");
    }
    if n == 0 && args.format == crate::cli::FormatArg::Table {
        sink.finish()?;
    } else {
        write_to(sink, &table, args.format)?;
    }
    Ok(super::found(n))
}

/// `--by ATTR` must be an attribute of the project, `participant` or `transcript`.
fn check_attribute(db: &Db, attr: &str) -> Result<()> {
    if attr == "participant" || attr == "transcript" || db.attributes()?.iter().any(|a| a == attr) {
        return Ok(());
    }
    Err(Error::input(Problem::general(format!(
        "--by: unknown attribute '{attr}'; {}",
        super::known_attributes(db)?
    ))))
}

/// The values of `--by` among the units, sorted, `(none)` last; one `None` group
/// without `--by`.
fn groups(sel: &Selection, split: bool) -> Vec<Option<String>> {
    if !split {
        return vec![None];
    }
    let mut values: Vec<String> = sel
        .units
        .iter()
        .map(|u| u.value.clone().unwrap_or_else(|| NONE.to_owned()))
        .collect();
    values.sort_by(|a, b| (a == NONE).cmp(&(b == NONE)).then(a.cmp(b)));
    values.dedup();
    values.into_iter().map(Some).collect()
}

fn group_of(u: &Unit) -> String {
    u.value.clone().unwrap_or_else(|| NONE.to_owned())
}

/// A figure, empty when undefined; a rounding error below zero is shown as 0, never
/// `-0.0000`.
pub fn num(x: Option<f64>) -> Cell {
    x.map_or(Cell::Null, |v| {
        Cell::Float(if v.abs() < 1e-12 { 0.0 } else { v })
    })
}

/// The figures: a row per theme (and value of `--by`), then the themes pooled.
#[allow(clippy::too_many_arguments)]
fn figures(
    args: &AgreeArgs,
    headers: &[PassHeader],
    sel: &Selection,
    themes: &[String],
    has: &[Vec<bool>],
    covers: &[Option<Vec<bool>>],
    coded: &BTreeMap<(usize, usize), Vec<bool>>,
    split: bool,
) -> Table {
    let k = headers.len();
    let reference = args
        .reference
        .as_ref()
        .and_then(|r| headers.iter().position(|h| &h.pass == r));
    let mut columns = vec![Column::all("theme")];
    if split {
        columns.push(Column::all("value"));
    }
    columns.push(Column::all("segments"));
    columns.extend(headers.iter().map(|h| Column::all(h.pass.clone())));
    columns.push(Column::all("agreement"));
    if k == 2 {
        columns.push(Column::all("kappa"));
    }
    columns.push(Column::all("alpha"));
    let others: Vec<usize> = (0..k).filter(|&p| Some(p) != reference).collect();
    if reference.is_some() {
        for &p in &others {
            for m in ["tp", "fp", "fn", "precision", "recall", "f1"] {
                columns.push(Column::all(format!("{}_{m}", headers[p].pass)));
            }
        }
    }
    let groups = groups(sel, split);
    let size: Vec<u64> = groups
        .iter()
        .map(|g| {
            sel.units
                .iter()
                .filter(|u| g.as_ref().is_none_or(|g| *g == group_of(u)))
                .count() as u64
        })
        .collect();
    // Units by group and by which passes cover them (most often: every pass all).
    let cover = |p: usize, u: usize| covers[p].as_ref().is_none_or(|c| c[u]);
    let mask = |u: usize| -> Vec<bool> { (0..k).map(|p| cover(p, u)).collect() };
    // tallies[t][g], and the coded units of each by group and cover.
    let mut tallies: Vec<Vec<Tally>> = vec![vec![Tally::new(k); groups.len()]; themes.len()];
    let mut seen: Vec<HashMap<(usize, Vec<bool>), u64>> = vec![HashMap::new(); themes.len()];
    let gi = |u: usize| -> usize {
        if split {
            let v = group_of(&sel.units[u]);
            groups
                .iter()
                .position(|g| g.as_deref() == Some(v.as_str()))
                .unwrap_or(0)
        } else {
            0
        }
    };
    // The units are the segments two passes or more cover (all of them, but where a
    // person's pass covers only the rows of its sheet): a pass's count is of those.
    let kept = |u: usize| (0..k).filter(|&p| cover(p, u)).count() >= k.min(2);
    let mut units: BTreeMap<(usize, Vec<bool>), u64> = BTreeMap::new();
    for u in (0..sel.units.len()).filter(|&u| kept(u)) {
        *units.entry((gi(u), mask(u))).or_default() += 1;
    }
    for (&(u, t), by) in coded {
        if !kept(u) {
            continue;
        }
        let g = gi(u);
        let values: Vec<Value> = (0..k)
            .map(|p| (has[p][t] && cover(p, u)).then_some(u32::from(by[p])))
            .collect();
        tallies[t][g].add(&values, 1);
        *seen[t].entry((g, mask(u))).or_default() += 1;
    }
    // The segments no pass coded with the theme: 0 from every pass that has it and
    // covers them.
    for t in 0..themes.len() {
        for ((g, m), n) in &units {
            let zeros: Vec<Value> = (0..k).map(|p| (has[p][t] && m[p]).then_some(0)).collect();
            let coded_here = seen[t].get(&(*g, m.clone())).copied().unwrap_or(0);
            tallies[t][*g].add(&zeros, n - coded_here);
        }
    }
    let mut table = Table::new(columns);
    let mut pooled: Vec<Tally> = vec![Tally::new(k); groups.len()];
    // A row's segments: those compared (a value from two passes or more); for the
    // pooled row, the most any theme compares (each segment once, not per theme).
    let mut most = vec![0u64; groups.len()];
    let mut push = |name: &str, g: usize, tally: &Tally, counts: Vec<Cell>| {
        // A group without a unit two passes cover has nothing to show.
        if size[g] == 0 || !units.keys().any(|(ug, _)| *ug == g) {
            return;
        }
        let mut row: Vec<Cell> = vec![name.into()];
        if let Some(v) = &groups[g] {
            row.push(v.as_str().into());
        }
        let compared = if name == ALL_THEMES {
            most[g]
        } else {
            most[g] = most[g].max(tally.compared());
            tally.compared()
        };
        row.push(Cell::Int(compared as i64));
        row.extend(counts);
        row.push(num(tally.percent_agreement().map(|x| 100.0 * x)));
        if k == 2 {
            row.push(num(tally.kappa(0, 1)));
        }
        row.push(num(tally.alpha()));
        if let Some(r) = reference {
            for &p in &others {
                let paired = tally.paired(p, r);
                let c = tally.confusion(p, r);
                if paired {
                    row.extend([
                        Cell::Int(c.tp as i64),
                        Cell::Int(c.fp as i64),
                        Cell::Int(c.fn_ as i64),
                        num(c.precision()),
                        num(c.recall()),
                        num(c.f1()),
                    ]);
                } else {
                    row.extend(std::iter::repeat_n(Cell::Null, 6));
                }
            }
        }
        table.push(row);
    };
    for (t, name) in themes.iter().enumerate() {
        for g in 0..groups.len() {
            let tally = &tallies[t][g];
            let counts = (0..k)
                .map(|p| {
                    if has[p][t] {
                        Cell::Int(tally.count(p, 1) as i64)
                    } else {
                        Cell::Null
                    }
                })
                .collect();
            push(name, g, tally, counts);
            pooled[g].merge(tally);
        }
    }
    if !themes.is_empty() {
        for (g, tally) in pooled.iter().enumerate() {
            let counts = (0..k)
                .map(|p| {
                    if tally.has_values(p) {
                        Cell::Int(tally.count(p, 1) as i64)
                    } else {
                        Cell::Null
                    }
                })
                .collect();
            push(ALL_THEMES, g, tally, counts);
        }
    }
    table
}

/// Each coded unit and theme on which the passes' values differ, in file order, themes
/// in order; with the segment's text and each automatic pass's evidence.
#[allow(clippy::too_many_arguments)]
fn disagreements(
    db: &Db,
    headers: &[PassHeader],
    sel: &Selection,
    themes: &[String],
    has: &[Vec<bool>],
    covers: &[Option<Vec<bool>>],
    coded: &BTreeMap<(usize, usize), Vec<bool>>,
    evidence: &HashMap<(usize, usize, usize), String>,
    split: bool,
) -> Result<Table> {
    let k = headers.len();
    let cover = |p: usize, u: usize| covers[p].as_ref().is_none_or(|c| c[u]);
    let differ: Vec<(usize, usize, Vec<Value>)> = coded
        .iter()
        .filter_map(|(&(u, t), by)| {
            let values: Vec<Value> = (0..k)
                .map(|p| (has[p][t] && cover(p, u)).then_some(u32::from(by[p])))
                .collect();
            let ones = values.contains(&Some(1));
            let zeros = values.contains(&Some(0));
            (ones && zeros).then_some((u, t, values))
        })
        .collect();
    let mut texts: HashMap<String, String> = HashMap::new();
    db.for_each_segment_of(
        &mut |put| {
            for (u, _, _) in &differ {
                put(sel.units[*u].id.clone());
            }
            Ok(())
        },
        |s| {
            texts.insert(s.segment, s.text);
            Ok(())
        },
    )?;
    let auto: Vec<usize> = (0..k).filter(|&p| headers[p].kind == AUTO).collect();
    let mut columns = vec![Column::all("segment"), Column::all("participant")];
    if split {
        columns.push(Column::all("value"));
    }
    columns.push(Column::all("theme"));
    columns.extend(headers.iter().map(|h| Column::all(h.pass.clone())));
    columns.extend(
        auto.iter()
            .map(|&p| Column::all(format!("{}_evidence", headers[p].pass))),
    );
    columns.push(Column::data("text"));
    let mut table = Table::new(columns);
    for (u, t, values) in differ {
        let unit = &sel.units[u];
        let mut row: Vec<Cell> = vec![unit.id.as_str().into(), unit.participant.as_str().into()];
        if split {
            row.push(group_of(unit).into());
        }
        row.push(themes[t].as_str().into());
        row.extend(
            values
                .iter()
                .map(|v| v.map_or(Cell::Null, |x| Cell::Int(x.into()))),
        );
        row.extend(
            auto.iter()
                .map(|&p| evidence.get(&(u, t, p)).cloned().into()),
        );
        row.push(texts.get(&unit.id).cloned().unwrap_or_default().into());
        table.push(row);
    }
    Ok(table)
}
