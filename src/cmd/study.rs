//! Loading what the analyses read: a pass, the participant segments, the participants.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::analysis::SegmentInfo;
use crate::error::{Error, Problem, Result};
use crate::index::Filter;
use crate::store::manifest::ParticipantRecord;
use crate::store::passes::{CodingRecord, PassHeader};
use crate::store::{Head, Project};
use crate::transcript::Role;

/// Owned data for an `analysis::Study`.
pub struct Loaded {
    pub head: Head,
    pub participant_records: Vec<ParticipantRecord>,
    pub header: PassHeader,
    pub codings: Vec<CodingRecord>,
    pub segments: Vec<SegmentInfo>,
    pub participants: BTreeMap<String, BTreeMap<String, String>>,
}

impl Loaded {
    /// Everything a pass's analyses read; with `themes`, only the codings of those
    /// themes (and their sub-themes) and only the segments they code, so that a
    /// report on one theme reads no more of a large project than it needs.
    pub fn load(project: &Project, pass: &str, themes: Option<&[String]>) -> Result<Loaded> {
        let (head, index) = super::open_index(project)?;
        let header = project.read_pass_header(pass)?;
        let wanted: Option<HashSet<String>> = match themes {
            Some(ids) => Some(header.select(ids)?),
            None => None,
        };
        let (_, codings) = project.read_pass_where(pass, |theme| {
            wanted.as_ref().is_none_or(|w| w.contains(theme))
        })?;
        let filter = Filter {
            role: Some(Role::Participant),
            segments: wanted.as_ref().map(|_| {
                let ids: BTreeSet<&str> = codings.iter().map(|c| c.segment.as_str()).collect();
                ids.into_iter().map(str::to_owned).collect()
            }),
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
        let participant_records = project.participants_of(&head)?;
        let participants = participant_records
            .iter()
            .map(|p| (p.id.clone(), p.attributes.clone()))
            .collect();
        Ok(Loaded {
            head,
            participant_records,
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
        check_attribute(&self.head.attributes, attr)
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
