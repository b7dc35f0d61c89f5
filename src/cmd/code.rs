//! `coda code`: run a codebook over the project as a pass, and say what it coded: per
//! theme, the figures of `coda matrix`'s Total column.

use crate::cli::{CodeArgs, FormatArg};
use crate::codebook::Codebook;
use crate::error::Result;
use crate::output::{Column, Table};
use crate::pass::run_pass;
use crate::store::{PassHeader, Project};

use super::{Outcome, progress::Bar};

pub fn run(args: CodeArgs, project: &Project) -> Result<Outcome> {
    let book = Codebook::load(&args.codebook)?;
    let h = run_pass(project, &book, &args.pass, &Bar::new())?;
    eprintln!(
        "pass '{}': codebook '{}'{} ({}): {} segments read, {} coded, {} codings",
        h.pass,
        h.codebook.name,
        h.codebook
            .version
            .as_deref()
            .map(|v| format!(" version {v}"))
            .unwrap_or_default(),
        &h.codebook.sha256[..12],
        h.segments,
        h.coded_segments,
        h.codings,
    );
    let totals = project.open()?.theme_totals(&h.pass)?;
    let mut out = Vec::new();
    per_theme(&h, &totals).write(FormatArg::Table.into(), &mut out, None)?;
    eprint!(
        "per theme, in participants' turns, a theme counting its sub-themes' codings: \
         participants = the Total column of `coda matrix`, segments = that of \
         `coda matrix --count segments`\n{}",
        String::from_utf8_lossy(&out)
    );
    Ok(Outcome::Success)
}

/// Each theme in tree order (sub-themes marked `· `) with its participants and
/// segments; `totals` as `Db::theme_totals` gives them.
fn per_theme(h: &PassHeader, totals: &[(usize, usize, usize)]) -> Table {
    let mut t = Table::new(vec![
        Column::all("theme"),
        Column::all("participants"),
        Column::all("segments"),
    ]);
    for (depth, id) in crate::analysis::tree(h) {
        let position = h.themes.iter().position(|t| t.id == id);
        let (participants, segments) = totals
            .iter()
            .find(|(p, ..)| Some(*p) == position)
            .map_or((0, 0), |&(_, n, s)| (n, s));
        t.push(vec![
            super::matrix::label(depth, id, FormatArg::Table).into(),
            participants.into(),
            segments.into(),
        ]);
    }
    t
}
