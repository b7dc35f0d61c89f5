//! Loading what the analyses read: a pass (named on stderr if it is out of date), the
//! database snapshot its codings and segments are read from.

use crate::error::{Error, Problem, Result};
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

    /// `--by ATTR` must be an attribute of the project.
    pub fn check_attribute(&self, attr: &str) -> Result<()> {
        check_attribute(&self.attributes, attr)
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

/// `--by ATTR` must be an attribute of the project.
pub fn check_attribute(attributes: &[String], attr: &str) -> Result<()> {
    if attributes.iter().any(|a| a == attr) {
        return Ok(());
    }
    let known = if attributes.is_empty() {
        "none".to_owned()
    } else {
        attributes.join(", ")
    };
    Err(Error::input(Problem::general(format!(
        "--by: unknown attribute '{attr}'; the project's attributes are: {known}"
    ))))
}
