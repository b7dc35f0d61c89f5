//! `coda ingest`: parse and index transcripts into the project.

use crate::cli::IngestArgs;
use crate::error::Result;
use crate::ingest::{Request, ingest};
use crate::store::Project;

use super::{Outcome, outcome, progress::Bar, report};

pub fn run(args: IngestArgs, project: &Project) -> Result<Outcome> {
    let req = Request {
        paths: args.input.paths,
        participants: args.input.participants,
        transcripts: args.input.transcripts,
        interviewer_labels: args.input.interviewer_labels,
        redact: args.input.redact,
    };
    let bar = Bar::new();
    let r = ingest(project, &req, &bar)?;
    if let Some(p) = &r.damaged {
        eprintln!("warning: {p}");
    }
    if r.rebuilt_old_layout {
        eprintln!(
            "note: the project was in the layout of an older coda: rebuilt into {} from the paths given \
             (transcripts not named this time are no longer in it); its passes are gone: run `coda code` again",
            project.db_path().display()
        );
    }
    if let Some(sheet) = &r.reused_sheet {
        eprintln!(
            "note: using the participants sheet of the last ingest: {}",
            sheet.display()
        );
    }
    if let Some(sheet) = &r.reused_transcripts {
        eprintln!(
            "note: using the transcripts sheet of the last ingest: {}",
            sheet.display()
        );
    }
    if let Some(names) = &r.redact_changed {
        eprintln!(
            "note: the names to redact of the last ingest, {}, changed since: the text is redacted with the list as it is now",
            names.display()
        );
    }
    report(&r.corpus, true);
    report_removed_and_kept(&r);
    let looks = match r.corpus.looks.len() {
        0 => String::new(),
        n => format!("; {n} file(s) need a look (`coda check`)"),
    };
    eprintln!(
        "ingested {} transcript(s) into {}: {} new, {} changed, {} unchanged, {} removed; {} segments, {} participants, {} warning(s){looks}",
        r.sources,
        project.dir.display(),
        r.added,
        r.changed,
        r.unchanged,
        r.removed.len(),
        r.segments,
        r.participants,
        // (The transcripts' warnings, as `coda sources` lists them.)
        r.warnings
    );
    Ok(outcome(&r.corpus))
}

/// The transcripts an ingest removed (their files are gone) and kept (their files could
/// not be read this time), on stderr.
pub(super) fn report_removed_and_kept(r: &crate::ingest::Report) {
    for (id, path) in &r.removed {
        eprintln!("removed: {id} (its file {} is gone)", path.display());
    }
    for (id, path) in &r.kept {
        eprintln!(
            "kept: {id}: {} could not be read this time; its previous version stays in the project",
            path.display()
        );
    }
}

/// `coda reindex`: the search index rebuilt from the database alone.
pub fn run_reindex(project: &Project) -> Result<Outcome> {
    let generation = crate::ingest::reindex(project, &Bar::new())?;
    eprintln!(
        "rebuilt the search index of {} from project.db ({generation})",
        project.dir.display()
    );
    Ok(Outcome::Success)
}
