//! The participants while a corpus is read. What is needed to attribute a turn is on
//! disk, in scratch files with no name: each id once, numbered by its place there, and
//! FSTs from lowercased ids and from transcript ids to those numbers, mapped into memory
//! (their pages are the files', not the process's). Lowercased ids met while reading
//! are held until there are a few thousand, then settled into an FST. What is learnt of each participant (a
//! sheet row's attributes, front matter attributes, segments in a transcript) is written
//! as it is learnt to a [`Sorter`] keyed by id, and gathered participant by participant
//! at the end: memory does not grow with the number of transcripts.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy_fst::Streamer;
use tantivy_fst::map::OpBuilder;

use super::{Segment, Sheet, Source, sheet};
use crate::error::{Error, Problem, Result};
use crate::store::manifest::ParticipantRecord;
use crate::store::participants::Participants;
use crate::store::scratch::{Fst, Scratch, ScratchFst, Spot};
use crate::store::sorter::{self, Sorter};
use crate::transcript::{self, Kind, Role};

/// In `by_transcript`: more than one sheet row names the transcript.
const AMBIGUOUS: u64 = u64::MAX;

pub(super) struct Registry {
    /// Each id once, as a 4-byte length and the id; an id's number is where it starts.
    ids: Scratch,
    /// Lowercased id to the id's number, for matching speaker labels.
    labels: Labels,
    /// Transcript id to the number of the sheet row's id that names it.
    by_transcript: Option<Fst>,
    /// What is learnt of each participant: keyed by id, then by when it was learnt.
    events: Sorter,
    /// How many events and problems there have been: their order of reading.
    seq: u64,
    /// Problems that make the participants wrong, with their place in the reading.
    conflicts: Vec<(u64, Problem)>,
}

/// Something learnt of a participant.
#[derive(Serialize, Deserialize)]
enum Event {
    /// The participant exists: a sheet row, a participant named or met.
    Known,
    /// An attribute value, and where it was set.
    Attribute {
        name: String,
        value: String,
        file: String,
        line: usize,
    },
    /// Participant segments in a transcript.
    Turns { transcript: String, segments: u32 },
}

impl Registry {
    /// No participants yet.
    pub(super) fn empty() -> Result<Registry> {
        Ok(Registry {
            ids: Scratch::anonymous()?,
            labels: Labels::default(),
            by_transcript: None,
            events: Sorter::anonymous()?,
            seq: 0,
            conflicts: Vec::new(),
        })
    }

    /// The participants of a participants sheet; with the sheet's warnings and an FST of
    /// its ids lowercased (for telling speakers from text).
    pub(super) fn from_sheet(path: &Path) -> Result<(Registry, Vec<Problem>, Fst)> {
        let mut reg = Registry::empty()?;
        let file = path.display().to_string();
        // Lowercased id and transcript to the id's number, sorted on disk.
        let mut lowered = Sorter::anonymous()?;
        let mut named = Sorter::anonymous()?;
        let sheet = Sheet::load(path, &mut |row| {
            let n = reg.push_id(&row.id)?;
            reg.event(&row.id, &Event::Known)?;
            for (name, value) in row.attributes.iter() {
                reg.event(
                    &row.id,
                    &Event::Attribute {
                        name: name.clone(),
                        value: value.clone(),
                        file: file.clone(),
                        line: row.line,
                    },
                )?;
            }
            lowered.push(row.id.to_lowercase().as_bytes(), &n.to_le_bytes())?;
            if let Some(t) = &row.transcript {
                named.push(t.as_bytes(), &n.to_le_bytes())?;
            }
            Ok(())
        })?;
        // The sheet has no two ids that differ only in case.
        let mut lowered = lowered.finish()?;
        let (mut labels, mut known) = (ScratchFst::new()?, ScratchFst::new()?);
        while let Some((lower, n)) = lowered.next()? {
            labels.insert(&lower, number(&n))?;
            known.insert(&lower, 0)?;
        }
        reg.labels.levels.push(labels.finish()?);
        // A transcript named by more than one row is nobody's in particular.
        let mut named = named.finish()?;
        let mut by_transcript = ScratchFst::new()?;
        let mut pending: Option<(Vec<u8>, u64)> = None;
        while let Some((t, n)) = named.next()? {
            let n = number(&n);
            pending = match pending {
                Some((l, _)) if l == t => Some((l, AMBIGUOUS)),
                Some((l, m)) => {
                    by_transcript.insert(&l, m)?;
                    Some((t, n))
                }
                None => Some((t, n)),
            };
        }
        if let Some((l, m)) = pending {
            by_transcript.insert(&l, m)?;
        }
        reg.by_transcript = Some(by_transcript.finish()?);
        Ok((reg, sheet.warnings, known.finish()?))
    }

    /// The id numbered `n`.
    fn id(&self, n: u64) -> Result<String> {
        let len = self.ids.bytes(Spot { offset: n, len: 4 })?;
        let len = u32::from_le_bytes(len[..4].try_into().expect("4 bytes"));
        let id = self.ids.bytes(Spot { offset: n + 4, len })?;
        String::from_utf8(id).map_err(|_| {
            Error::io(
                self.ids.path(),
                std::io::Error::other("a damaged participant id"),
            )
        })
    }

    /// Set an id aside; its number.
    fn push_id(&mut self, id: &str) -> Result<u64> {
        let len = u32::try_from(id.len()).map_err(|_| {
            Error::io(
                self.ids.path(),
                std::io::Error::other("a participant id over 4 GB"),
            )
        })?;
        let mut bytes = Vec::with_capacity(4 + id.len());
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(id.as_bytes());
        Ok(self.ids.append(&bytes)?.offset)
    }

    fn event(&mut self, id: &str, event: &Event) -> Result<()> {
        // No id holds a 0 byte (files with NUL are not read as text).
        let key = sorter::text_then_number(id.as_bytes(), self.seq);
        self.seq += 1;
        let value = serde_json::to_vec(event).expect("an event serialises");
        self.events.push(&key, &value)
    }

    /// The id a speaker label names, if it is a known participant's (any case).
    fn by_label(&self, label: &str) -> Result<Option<String>> {
        self.labels
            .get(&label.to_lowercase())
            .map(|n| self.id(n))
            .transpose()
    }

    /// Make `id` a known participant.
    fn ensure(&mut self, id: &str) -> Result<()> {
        let lower = id.to_lowercase();
        if let Some(n) = self.labels.get(&lower)
            && self.id(n)? == id
        {
            return Ok(());
        }
        let n = self.push_id(id)?;
        self.labels.insert(lower, n)?;
        self.event(id, &Event::Known)
    }

    /// Turn a parsed file into an attributed source, registering its participants.
    pub(super) fn attribute(
        &mut self,
        id: String,
        path: &Path,
        kind: Kind,
        parsed: transcript::Parsed,
    ) -> Result<Source> {
        let mut warnings: Vec<Problem> = parsed
            .warnings
            .iter()
            .map(|w| Problem::at(path, w.line, w.message.clone()))
            .collect();
        let by_transcript = self
            .by_transcript
            .as_ref()
            .and_then(|m| m.get(id.as_bytes()))
            .filter(|&n| n != AMBIGUOUS)
            .map(|n| self.id(n))
            .transpose()?;
        let front = parsed
            .front_matter
            .participant
            .as_ref()
            .map(|(p, _)| p.clone());
        let mut guessed: BTreeMap<String, usize> = BTreeMap::new();
        let mut segments = Vec::with_capacity(parsed.turns.len());
        // Each speaker label as written, with the participant of its first turn.
        let mut attribution: BTreeMap<String, Option<String>> = BTreeMap::new();
        // Each participant label met, with its participant: labels are looked up once a
        // file (interviewer turns have none).
        let mut met: HashMap<String, String> = HashMap::new();
        // Participant segments in this file, by participant.
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for (i, turn) in parsed.turns.into_iter().enumerate() {
            let participant = match turn.role {
                Role::Interviewer => None,
                Role::Participant => match met.get(turn.speaker.as_str()) {
                    Some(p) => Some(p.clone()),
                    None => {
                        let p = self
                            .by_label(&turn.speaker)?
                            .or_else(|| by_transcript.clone())
                            .or_else(|| front.clone())
                            .unwrap_or_else(|| {
                                let label = if turn.speaker.is_empty() {
                                    id.clone()
                                } else {
                                    turn.speaker.clone()
                                };
                                guessed.entry(label.clone()).or_insert(turn.lines.0);
                                label
                            });
                        self.ensure(&p)?;
                        met.insert(turn.speaker.clone(), p.clone());
                        Some(p)
                    }
                },
            };
            if !attribution.contains_key(&turn.speaker) {
                attribution.insert(turn.speaker.clone(), participant.clone());
            }
            if let Some(p) = &participant {
                match counts.get_mut(p) {
                    Some(n) => *n += 1,
                    None => {
                        counts.insert(p.clone(), 1);
                    }
                }
            }
            segments.push(Segment::of_turn(&id, i + 1, turn, participant));
        }
        for (p, &n) in &counts {
            self.event(
                p,
                &Event::Turns {
                    transcript: id.clone(),
                    segments: n,
                },
            )?;
        }
        for (label, line) in guessed {
            let unlabelled = segments.iter().all(|s: &Segment| s.speaker.is_empty());
            warnings.push(Problem::at(
                path,
                Some(line),
                if unlabelled {
                    format!(
                        "no participant is named for this file: '{label}' (the transcript id) is used as the participant \
                         id; add a front matter 'participant' line, or a sheet row with transcript '{label}'"
                    )
                } else { format!(
                    "speaker '{label}' is not a participant id in the participants sheet, and neither the sheet's \
                     'transcript' column nor a front matter 'participant' names this file's participant: \
                     '{label}' is used as the participant id"
                ) },
            ));
        }
        // Front matter attributes: of the named participant, else of everyone who speaks here.
        let fm = &parsed.front_matter;
        let owners: Vec<String> = match &fm.participant {
            Some((p, _)) => {
                self.ensure(p)?;
                vec![p.clone()]
            }
            None => counts.into_keys().collect(),
        };
        let file = path.display().to_string();
        for (key, value, line) in &fm.attributes {
            if sheet::RESERVED.contains(&key.as_str()) {
                self.conflicts.push((
                    self.seq,
                    Problem::at(
                        path,
                        Some(*line),
                        format!(
                            "front matter key '{key}' is a name coda uses for its own output; rename it"
                        ),
                    ),
                ));
                self.seq += 1;
                continue;
            }
            for owner in &owners {
                self.event(
                    owner,
                    &Event::Attribute {
                        name: key.clone(),
                        value: value.clone(),
                        file: file.clone(),
                        line: *line,
                    },
                )?;
            }
        }
        Ok(Source {
            id,
            path: path.to_path_buf(),
            sha256: String::new(),
            format: parsed.format,
            encoding: parsed.encoding,
            segments,
            warnings,
            kind,
            attribution: attribution.into_iter().collect(),
        })
    }

    /// The participants, sorted by id, on disk; and the problems that make
    /// them wrong (an attribute with two values), in the order they were read.
    pub(super) fn into_participants(self) -> Result<(Participants, Vec<Problem>)> {
        let Registry {
            events,
            mut conflicts,
            ..
        } = self;
        let mut events = events.finish()?;
        let mut b = Participants::builder().with_transcripts();
        let mut person: Option<Person> = None;
        while let Some((key, value)) = events.next()? {
            let (id, seq) = sorter::split_text_then_number(&key);
            if person.as_ref().is_none_or(|p| p.id.as_bytes() != id) {
                if let Some(p) = person.take() {
                    b.push(&p.record())?;
                }
                person = Some(Person {
                    id: String::from_utf8_lossy(id).into_owned(),
                    ..Person::default()
                });
            }
            let p = person.as_mut().expect("just set");
            let event: Event = serde_json::from_slice(&value)
                .map_err(|e| Error::io(Path::new("participants scratch"), e.into()))?;
            match event {
                Event::Known => {}
                Event::Turns {
                    transcript,
                    segments,
                } => {
                    p.segments += segments as usize;
                    p.transcripts.push(transcript);
                }
                Event::Attribute {
                    name,
                    value,
                    file,
                    line,
                } => match p.attributes.iter().find(|a| a.0 == name) {
                    Some((_, before, at, line_at)) if *before != value => conflicts.push((
                        seq,
                        Problem::at(
                            Path::new(&file),
                            Some(line),
                            format!(
                                "participant {}: attribute '{name}' is '{value}' here but '{before}' in {at}:{line_at}; make them agree",
                                p.id
                            ),
                        ),
                    )),
                    Some(_) => {}
                    None => p.attributes.push((name, value, file, line)),
                },
            }
        }
        if let Some(p) = person.take() {
            b.push(&p.record())?;
        }
        conflicts.sort_by_key(|c| c.0);
        Ok((b.finish()?, conflicts.into_iter().map(|c| c.1).collect()))
    }
}

/// An id's number, as a sorter holds it.
fn number(bytes: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(b)
}

/// One participant, gathered from its events.
#[derive(Default)]
struct Person {
    id: String,
    /// Name, value, and where the value was set, in the order set.
    attributes: Vec<(String, String, String, usize)>,
    segments: usize,
    transcripts: Vec<String>,
}

impl Person {
    fn record(mut self) -> ParticipantRecord {
        self.transcripts.sort();
        self.transcripts.dedup();
        ParticipantRecord {
            id: self.id,
            attributes: self
                .attributes
                .into_iter()
                .map(|(name, value, _, _)| (name, value))
                .collect(),
            segments: self.segments,
            transcripts: self.transcripts,
        }
    }
}

/// Lowercased ids to id numbers: FSTs in scratch files, the latest entry for a key
/// winning, and the ids added since the last FST was made.
#[derive(Default)]
struct Labels {
    /// Oldest first.
    levels: Vec<Fst>,
    recent: HashMap<Box<str>, u64>,
}

/// Ids added before they are settled into an FST.
const RECENT: usize = 4096;
/// FSTs before they are merged into one.
const LEVELS: usize = 8;

impl Labels {
    fn get(&self, lower: &str) -> Option<u64> {
        if let Some(&n) = self.recent.get(lower) {
            return Some(n);
        }
        self.levels.iter().rev().find_map(|m| m.get(lower))
    }

    fn insert(&mut self, lower: String, n: u64) -> Result<()> {
        self.recent.insert(lower.into(), n);
        if self.recent.len() >= RECENT {
            self.settle()?;
        }
        Ok(())
    }

    fn settle(&mut self) -> Result<()> {
        let mut recent: Vec<(Box<str>, u64)> = self.recent.drain().collect();
        recent.sort_unstable();
        let mut level = ScratchFst::new()?;
        for (k, n) in &recent {
            level.insert(k.as_bytes(), *n)?;
        }
        self.levels.push(level.finish()?);
        if self.levels.len() >= LEVELS {
            let merged = merge(&self.levels)?;
            self.levels = vec![merged];
        }
        Ok(())
    }
}

/// One FST of several, the latest level's value winning for a key in more than one.
fn merge(levels: &[Fst]) -> Result<Fst> {
    let mut op = OpBuilder::new();
    for m in levels {
        op.push(m.stream());
    }
    let mut union = op.union();
    let mut b = ScratchFst::new()?;
    while let Some((key, values)) = union.next() {
        if let Some(latest) = values.iter().max_by_key(|v| v.index) {
            b.insert(key, latest.value)?;
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_settle_and_merge_with_the_latest_entry_winning() {
        let mut labels = Labels::default();
        let n = RECENT * (LEVELS + 3) + 17;
        for i in 0..n {
            labels.insert(format!("p{i}"), i as u64).unwrap();
        }
        // Later entries for the same keys.
        for i in (0..n).step_by(3) {
            labels.insert(format!("p{i}"), (n + i) as u64).unwrap();
        }
        for i in 0..n {
            let want = if i % 3 == 0 { n + i } else { i };
            assert_eq!(labels.get(&format!("p{i}")), Some(want as u64), "p{i}");
        }
        assert_eq!(labels.get("q1"), None);
        assert!(labels.levels.len() < LEVELS);
    }
}
