//! Loading what the analyses read: a pass, the participant segments, the participants.

use crate::error::{Error, Problem, Result};
use crate::index::{SegmentIndex, Stored};
use crate::store::participants::{Entry, Participants};
use crate::store::passes::{CodingRecord, PassHeader};
use crate::store::{Head, Project};
use crate::transcript::Role;

/// What the analyses of a pass read besides its codings: the head, the pass header and
/// the participants with their attributes. Codings and segments are streamed with
/// `for_each_coded`.
pub struct Loaded {
    pub head: Head,
    pub participants: Participants,
    pub header: PassHeader,
    index: SegmentIndex,
}

impl Loaded {
    pub fn load(project: &Project, pass: &str) -> Result<Loaded> {
        let (head, index) = super::open_index(project)?;
        let header = project.read_pass_header(pass)?;
        let participants = project.participant_table(&head)?;
        Ok(Loaded {
            head,
            participants,
            header,
            index,
        })
    }

    /// A participant's attribute values.
    pub fn attributes_of(&self, participant: &str) -> Result<Option<Entry>> {
        self.participants.get(participant)
    }

    /// Participant segments in the project.
    pub fn participant_segments(&self) -> usize {
        self.participants.segments()
    }

    /// `--by ATTR` must be an attribute of the project.
    pub fn check_attribute(&self, attr: &str) -> Result<()> {
        check_attribute(&self.head.attributes, attr)
    }
}

/// Walk a pass's codings of the themes `keep` accepts in file order, handing `each` one
/// coded segment (with its text) and its codings at a time; segments no longer in the
/// index are passed over. The analyses take only participant segments
/// (`is_participant`); `codings.csv` takes every coding. The pass is in file order, so
/// the coded segments of each transcript are read from the index together, once:
/// memory stays bounded by the largest transcript, whatever the corpus.
pub fn for_each_coded(
    project: &Project,
    data: &Loaded,
    keep: impl Fn(&str) -> bool,
    mut each: impl FnMut(&Stored, &[CodingRecord]) -> Result<()>,
) -> Result<()> {
    let reader = data.index.by_id()?;
    // The codings of one transcript, then its coded segments in one read.
    let mut pending: Vec<CodingRecord> = Vec::new();
    let transcript_of = |c: &CodingRecord| -> String {
        c.segment
            .rsplit_once('#')
            .map_or(c.segment.as_str(), |(t, _)| t)
            .to_owned()
    };
    let mut flush = |pending: &mut Vec<CodingRecord>| -> Result<()> {
        let mut ids: Vec<&str> = pending.iter().map(|c| c.segment.as_str()).collect();
        ids.dedup();
        let segments = reader.segments(&ids)?;
        let by_id: std::collections::HashMap<&str, &Stored> =
            segments.iter().map(|s| (s.segment.as_str(), s)).collect();
        for group in pending.chunk_by(|a, b| a.segment == b.segment) {
            if let Some(s) = by_id.get(group[0].segment.as_str()) {
                each(s, group)?;
            }
        }
        pending.clear();
        Ok(())
    };
    let mut current = String::new();
    project.for_each_coding_where(&data.header.pass, keep, |c| {
        let t = transcript_of(&c);
        if t != current {
            flush(&mut pending)?;
            current = t;
        }
        pending.push(c);
        Ok(())
    })?;
    flush(&mut pending)
}

/// A participant's turn (interviewer turns are not analysed).
pub fn is_participant(s: &Stored) -> bool {
    s.role == Role::Participant.as_str() && s.participant.is_some()
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
