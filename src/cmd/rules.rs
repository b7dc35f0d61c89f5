//! `coda rules`: each rule of a pass's codebook judged against a reference pass (a hand
//! coding): the codings it produced, how many the reference confirms, its precision,
//! worst first; `--misses`: the reference's codings that no rule found.

use std::collections::{HashMap, HashSet};

use crate::cli::RulesArgs;
use crate::codebook::Codebook;
use crate::error::{Error, Problem, Result};
use crate::output::{Cell, Column, Sink, Table};
use crate::store::passes::AUTO;
use crate::store::{PassHeader, Project};

use super::agree::Selection;
use super::{Outcome, write_to};

/// One rule of one theme and what it coded.
#[derive(Debug, Clone, Default)]
struct RuleFigures {
    theme: usize,
    rule: String,
    coded: u64,
    confirmed: u64,
}

pub fn run(args: RulesArgs, project: &Project) -> Result<Outcome> {
    if args.pass == args.reference {
        return Err(Error::input(Problem::general(format!(
            "--pass and --reference are both '{}': judge a pass against another",
            args.pass
        ))));
    }
    let sink = Sink::open(args.output.as_deref())?;
    let db = project.open()?;
    let pass = db.pass(&args.pass)?;
    let reference = db.pass(&args.reference)?;
    if pass.kind != AUTO {
        return Err(Error::input(Problem::general(format!(
            "pass '{}' is of kind '{}': its codings were not made by a codebook's rules; name \
             a pass that `coda code` made with --pass (and '{}' as --reference, if it is the \
             hand coding)",
            pass.pass, pass.kind, pass.pass
        ))));
    }
    super::warn_if_stale(&db, &pass.pass)?;
    super::warn_if_stale(&db, &reference.pass)?;
    let wheres = super::wheres_of(&args.wheres, &db)?;
    let wanted = if args.themes.is_empty() {
        None
    } else {
        Some(pass.select(&args.themes)?)
    };
    let keep = |id: &str| wanted.as_ref().is_none_or(|w| w.contains(id));
    let theme_at: HashMap<&str, usize> = pass
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    // Whether the reference has each of the pass's themes at all.
    let judged: Vec<bool> = pass
        .themes
        .iter()
        .map(|t| reference.themes.iter().any(|r| r.id == t.id))
        .collect();
    let sel = Selection::load(&db, &wheres, None)?;
    // A reference imported from a coding sheet judges only the segments it has rows for.
    let covered = sel.covers(&db, &reference.pass)?;

    // The reference's codings of the pass's themes, on the selected segments.
    let mut confirmed: HashSet<(usize, usize)> = HashSet::new();
    let mut elsewhere: HashMap<String, u64> = HashMap::new();
    let mut misses_rows: Vec<(usize, usize, String)> = Vec::new();
    db.for_each_coded(&reference.pass, None, false, |c| {
        let Some(u) = sel.find(&c.segment) else {
            return Ok(());
        };
        for r in &c.codings {
            match theme_at.get(r.theme.as_str()) {
                Some(&t) if keep(&r.theme) => {
                    confirmed.insert((u, t));
                    if args.misses {
                        misses_rows.push((u, t, c.segment.text.clone()));
                    }
                }
                Some(_) => {}
                None => *elsewhere.entry(r.theme.clone()).or_default() += 1,
            }
        }
        Ok(())
    })?;
    let unjudged: Vec<&str> = pass
        .themes
        .iter()
        .zip(&judged)
        .filter(|(t, j)| !**j && keep(&t.id))
        .map(|(t, _)| t.id.as_str())
        .collect();
    if !args.misses && !unjudged.is_empty() {
        eprintln!(
            "note: the reference '{}' has no theme {}: its rules' codings are not judged \
             (confirmed, fp and precision empty)",
            reference.pass,
            unjudged.join(", ")
        );
    }
    if args.misses && !elsewhere.is_empty() {
        let mut names: Vec<String> = elsewhere
            .iter()
            .map(|(t, n)| format!("{t} ({n})"))
            .collect();
        names.sort();
        eprintln!(
            "note: the reference '{}' has codings of themes pass '{}' does not have, which no \
             rule could find and which are left out: {}",
            reference.pass,
            pass.pass,
            names.join(", ")
        );
    }

    // The rules, from the codebook file when it is the one the pass ran; then what
    // each produced.
    let mut rules: Vec<RuleFigures> = codebook_rules(&pass)?
        .into_iter()
        .filter(|r| keep(&pass.themes[r.theme].id))
        .collect();
    let mut found: HashSet<(usize, usize)> = HashSet::new();
    let mut at: HashMap<(usize, String), usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.theme, r.rule.clone()), i))
        .collect();
    db.for_each_coded(&pass.pass, None, false, |c| {
        let Some(u) = sel.find(&c.segment) else {
            return Ok(());
        };
        if covered.as_ref().is_some_and(|c| !c[u]) {
            return Ok(());
        }
        for r in &c.codings {
            let Some(&t) = theme_at.get(r.theme.as_str()) else {
                continue;
            };
            if !keep(&r.theme) {
                continue;
            }
            found.insert((u, t));
            let mut names: Vec<&str> = Vec::new();
            for h in &r.hits {
                if !names.contains(&h.rule.as_str()) {
                    names.push(&h.rule);
                }
            }
            for name in names {
                let i = *at.entry((t, name.to_owned())).or_insert_with(|| {
                    rules.push(RuleFigures {
                        theme: t,
                        rule: name.to_owned(),
                        ..RuleFigures::default()
                    });
                    rules.len() - 1
                });
                rules[i].coded += 1;
                if confirmed.contains(&(u, t)) {
                    rules[i].confirmed += 1;
                }
            }
        }
        Ok(())
    })?;

    let table = if args.misses {
        let mut t = Table::new(vec![
            Column::all("segment"),
            Column::all("participant"),
            Column::all("theme"),
            Column::data("text"),
        ]);
        for (u, th, text) in misses_rows {
            if found.contains(&(u, th)) {
                continue;
            }
            let unit = &sel.units[u];
            t.push(vec![
                unit.id.as_str().into(),
                unit.participant.as_str().into(),
                pass.themes[th].id.as_str().into(),
                text.into(),
            ]);
        }
        t
    } else {
        rules_table(&pass, rules, &judged)
    };
    let n = table.rows.len();
    if n == 0 && args.format == crate::cli::FormatArg::Table {
        sink.finish()?;
    } else {
        write_to(sink, &table, args.format)?;
    }
    Ok(super::found(n))
}

/// The pass's rules in codebook order, read from the codebook file the pass recorded;
/// when that file is gone or has changed since (its SHA-256 differs), a note, and no
/// rules: those named in the pass's evidence are taken instead.
fn codebook_rules(pass: &PassHeader) -> Result<Vec<RuleFigures>> {
    let path = &pass.codebook.path;
    let why = if path.as_os_str().is_empty() {
        Some("records no codebook file".to_owned())
    } else {
        match crate::hash::sha256_file(path) {
            Err(e) => Some(format!("codebook {} cannot be read ({e})", path.display())),
            Ok(sha) if sha != pass.codebook.sha256 => Some(format!(
                "codebook {} has changed since the pass ran (its SHA-256 differs)",
                path.display()
            )),
            Ok(_) => None,
        }
    };
    let book = match why {
        None => Codebook::load(path).ok(),
        Some(_) => None,
    };
    let Some(book) = book else {
        eprintln!(
            "note: pass '{}' {}: its rules are those named in its codings' evidence (a rule \
             that coded nothing is not listed); run `coda code --pass {}` again to list them all",
            pass.pass,
            why.unwrap_or_else(|| format!("codebook {} cannot be loaded", path.display())),
            pass.pass
        );
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (i, t) in pass.themes.iter().enumerate() {
        if let Some(bt) = book.themes.iter().find(|b| b.id == t.id) {
            out.extend(
                crate::coding::rule_names(bt)
                    .into_iter()
                    .map(|rule| RuleFigures {
                        theme: i,
                        rule,
                        ..RuleFigures::default()
                    }),
            );
        }
    }
    Ok(out)
}

/// Worst precision first (a rule with no precision last), then more false positives,
/// then the theme's place in the codebook and the rule's.
fn rules_table(pass: &PassHeader, rules: Vec<RuleFigures>, judged: &[bool]) -> Table {
    let mut rows: Vec<(usize, RuleFigures)> = rules.into_iter().enumerate().collect();
    let precision = |r: &RuleFigures| {
        (judged[r.theme] && r.coded > 0).then(|| r.confirmed as f64 / r.coded as f64)
    };
    let fp = |r: &RuleFigures| {
        if judged[r.theme] {
            r.coded - r.confirmed
        } else {
            0
        }
    };
    rows.sort_by(|(i, a), (j, b)| {
        let key = |r: &RuleFigures| precision(r).map_or(f64::INFINITY, |p| p);
        key(a)
            .total_cmp(&key(b))
            .then(fp(b).cmp(&fp(a)))
            .then(a.theme.cmp(&b.theme))
            .then(i.cmp(j))
    });
    let mut t = Table::new(vec![
        Column::all("theme"),
        Column::all("rule"),
        Column::all("coded"),
        Column::all("confirmed"),
        Column::all("fp"),
        Column::all("precision"),
    ]);
    for (_, r) in rows {
        let p = precision(&r);
        let (confirmed, fps) = if judged[r.theme] {
            (
                Cell::Int(r.confirmed as i64),
                Cell::Int((r.coded - r.confirmed) as i64),
            )
        } else {
            (Cell::Null, Cell::Null)
        };
        t.push(vec![
            pass.themes[r.theme].id.as_str().into(),
            r.rule.into(),
            Cell::Int(r.coded as i64),
            confirmed,
            fps,
            super::agree::num(p),
        ]);
    }
    t
}
