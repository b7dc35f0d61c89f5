//! Loading what the analyses read: a pass, the participant segments, the participants.

use std::collections::BTreeMap;

use crate::analysis::SegmentInfo;
use crate::error::{Error, Problem, Result};
use crate::index::{Filter, SegmentIndex};
use crate::store::passes::{CodingRecord, PassHeader};
use crate::store::{Manifest, Project};
use crate::transcript::Role;

/// Owned data for an `analysis::Study`.
pub struct Loaded {
    pub manifest: Manifest,
    pub header: PassHeader,
    pub codings: Vec<CodingRecord>,
    pub segments: Vec<SegmentInfo>,
    pub participants: BTreeMap<String, BTreeMap<String, String>>,
}

impl Loaded {
    pub fn load(project: &Project, pass: &str) -> Result<Loaded> {
        let manifest = project.open()?;
        let (header, codings) = project.read_pass(pass)?;
        let index = SegmentIndex::open(&project.index_dir(&manifest.index))?;
        let filter = Filter {
            role: Some(Role::Participant),
            ..Filter::default()
        };
        let segments = index
            .segments(&filter)?
            .into_iter()
            .filter_map(|s| {
                Some(SegmentInfo {
                    participant: s.participant?,
                    id: s.segment,
                    text: s.text,
                    lines: s.lines,
                })
            })
            .collect();
        let participants = manifest
            .participants
            .iter()
            .map(|p| (p.id.clone(), p.attributes.clone()))
            .collect();
        Ok(Loaded {
            manifest,
            header,
            codings,
            segments,
            participants,
        })
    }

    pub fn study(&self) -> crate::analysis::Study<'_> {
        crate::analysis::Study {
            header: &self.header,
            codings: &self.codings,
            segments: &self.segments,
            participants: &self.participants,
        }
    }

    /// `--by ATTR` must be an attribute of the project.
    pub fn check_attribute(&self, attr: &str) -> Result<()> {
        check_attribute(&self.manifest.attributes, attr)
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
