//! `coda code`: run a codebook over the project as a pass.

use crate::cli::CodeArgs;
use crate::codebook::Codebook;
use crate::error::Result;
use crate::pass::run_pass;
use crate::store::Project;

use super::{Outcome, progress::Bar};

pub fn run(args: CodeArgs, project: &Project) -> Result<Outcome> {
    let book = Codebook::load(&args.codebook)?;
    let h = run_pass(project, &book, &args.pass, &Bar::new())?;
    let counts: Vec<String> = h
        .themes
        .iter()
        .map(|t| format!("{} {}", t.id, t.codings))
        .collect();
    eprintln!(
        "pass '{}': codebook '{}'{} ({}): {} segments read, {} coded, {} codings ({})",
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
        counts.join(", ")
    );
    Ok(Outcome::Success)
}
