//! Loading what the analyses read: a pass (named on stderr if it is out of date), the
//! database snapshot its codings and segments are read from.

use crate::error::{Error, Problem, Result};
use crate::store::passes::AUTO;
use crate::store::{CodingRecord, Db, PassHeader, Project, SegmentRow};

/// A pass and the database it is read from. Codings and segments are streamed with
/// `for_each_coded`.
pub struct Loaded {
    pub db: Db,
    pub header: PassHeader,
    /// The project's attribute names, sorted.
    pub attributes: Vec<String>,
}

impl Loaded {
    pub fn load(project: &Project, pass: &str) -> Result<Loaded> {
        let db = project.open()?;
        let header = db.pass(pass)?;
        super::warn_if_stale(&db, pass)?;
        let attributes = db.attributes()?;
        Ok(Loaded {
            db,
            header,
            attributes,
        })
    }

    /// What a segment's numbers count, for "line 12" or "paragraph 12": paragraphs in
    /// a transcript read from a document (.docx, .odt), lines in any other.
    pub fn unit_of(&self, segment: &str) -> Result<&'static str> {
        let transcript = segment.rsplit_once('#').map_or(segment, |(t, _)| t);
        unit_of(&self.db, transcript)
    }

    /// `--by ATTR` must be an attribute of the project (either kind), `participant` or
    /// `transcript`; else the message lists the attributes of each kind.
    pub fn check_attribute(&self, attr: &str) -> Result<()> {
        check_attribute(&self.db, &self.attributes, attr)
    }

    /// `--where` options checked against the project's attributes (either kind,
    /// `participant`, `transcript`).
    pub fn wheres(&self, raw: &[String]) -> Result<Vec<(String, Vec<String>)>> {
        super::wheres_of(raw, &self.db)
    }

    /// Walk the pass's codings of the themes at `positions` (every theme when `None`) in
    /// file order, a coded segment (with its text and attributes) and its codings at a
    /// time; segments no longer in the project are passed over.
    pub fn for_each_coded(
        &self,
        positions: Option<&[usize]>,
        mut each: impl FnMut(&SegmentRow, &[CodingRecord]) -> Result<()>,
    ) -> Result<()> {
        self.db
            .for_each_coded(&self.header.pass, positions, true, |c| {
                each(&c.segment, &c.codings)
            })
    }
}

/// `--by ATTR` checked against `attributes`, the project's (see [`Loaded::check_attribute`]).
pub fn check_attribute(db: &Db, attributes: &[String], attr: &str) -> Result<()> {
    if attr == "participant" || attr == "transcript" || attributes.iter().any(|a| a == attr) {
        return Ok(());
    }
    Err(Error::input(Problem::general(format!(
        "--by: unknown attribute '{attr}'; {}",
        super::known_attributes(db)?
    ))))
}

/// How a pass's codings were made, for the reports a person reads (summary.md,
/// quotes.md): the pass, its kind, the codebook and its version, and, for automatic
/// codings, that no person reviewed them and what one rule match means.
pub fn how_coded(h: &PassHeader) -> String {
    let version = h
        .codebook
        .version
        .as_deref()
        .map(|v| format!(", version {v}"))
        .unwrap_or_default();
    let mut s = if h.kind == AUTO {
        format!(
            "Codings: pass `{}`, kind `{}`: made by the rules of the codebook {}{} (SHA-256 {})",
            h.pass, h.kind, h.codebook.name, version, h.codebook.sha256
        )
    } else {
        format!(
            "Codings: pass `{}`, kind `{}`: coded by {} with the themes of the codebook {}{} (SHA-256 {}), in {} participant segments",
            h.pass,
            h.kind,
            crate::output::md_text(h.coder.as_deref().unwrap_or("an unnamed coder")),
            h.codebook.name,
            version,
            h.codebook.sha256,
            h.segments
        )
    };
    if h.kind == AUTO {
        s.push_str(
            ", not reviewed by a person. A theme is coded in a participant's turn where its \
             rules match: one match is enough unless the theme's `min_hits` asks for more. \
             Read the quotes, and `coda explain SEGMENT` for a coding's evidence, before \
             relying on a count.",
        );
    } else {
        s.push('.');
    }
    s
}

/// What the line numbers of a transcript's segments count: "paragraph" for a document
/// (.docx, .odt), else "line".
pub fn unit_of(db: &Db, transcript: &str) -> Result<&'static str> {
    let format = db.transcript_format(transcript)?;
    Ok(match format.as_deref() {
        Some("docx" | "odt") => "paragraph",
        _ => "line",
    })
}
