//! The participants of a project state as the analyses read them: ids, attribute values
//! and segment counts. The records wait on disk, in id order, in a scratch file with no
//! name; an FST from id to record, in a scratch file of its own, is mapped into memory
//! (its pages are the file's, not the process's). Looking a participant up costs a read
//! of its record, and the last record read is kept, since a transcript's segments ask
//! for the same participants again and again. So a command holds a handful of records,
//! whatever the number of participants.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Deserializer as _;
use serde::de::{SeqAccess, Visitor};

use crate::error::{Error, Result};

use super::manifest::ParticipantRecord;
use super::scratch::{Fst, ScratchFst};
use super::sorter::{Appended, Appender, Sorter};

/// Participants sorted by id.
#[derive(Default)]
pub struct Participants {
    /// Each record, keyed by its id, in id order; `None` when there are none.
    records: Option<Appended>,
    /// Id to the offset of its record.
    index: Option<Fst>,
    len: usize,
    segments: usize,
    /// Attribute names any participant has, sorted.
    names: Vec<String>,
    /// The last participant looked up.
    last: Mutex<Option<Entry>>,
}

impl std::fmt::Debug for Participants {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Participants")
            .field("len", &self.len)
            .field("segments", &self.segments)
            .finish_non_exhaustive()
    }
}

impl Participants {
    /// Takes records in any order.
    pub fn builder() -> Builder {
        Builder::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Participant segments in the project.
    pub fn segments(&self) -> usize {
        self.segments
    }

    /// Attribute names any participant has, sorted.
    pub fn attribute_names(&self) -> &[String] {
        &self.names
    }

    /// The participant with this id, if there is one.
    pub fn get(&self, id: &str) -> Result<Option<Entry>> {
        let (Some(records), Some(index)) = (&self.records, &self.index) else {
            return Ok(None);
        };
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = last.as_ref().filter(|e| e.id() == id) {
            return Ok(Some(e.clone()));
        }
        let Some(offset) = index.get(id) else {
            return Ok(None);
        };
        let (id, value) = records.at(offset)?;
        let entry = decode(records.path(), id, value)?;
        *last = Some(entry.clone());
        Ok(Some(entry))
    }

    /// Lookups in id order, from one reading of the records.
    pub fn in_order(&self) -> InOrder<'_> {
        InOrder {
            table: self,
            rows: Box::new(self.rows()),
            at: None,
        }
    }

    /// Every participant, by id, read in order.
    pub fn rows(&self) -> impl Iterator<Item = Result<Entry>> + '_ {
        let mut records = self.records.as_ref().map(|r| (r.path(), r.records()));
        std::iter::from_fn(move || {
            let (path, records) = records.as_mut()?;
            match records.next() {
                Ok(Some((id, value))) => Some(decode(path, id, value)),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            }
        })
    }
}

/// Lookups mostly in id order (a pass's counts, say), served by one reading of the
/// records from start to end; one out of order goes to the index.
pub struct InOrder<'a> {
    table: &'a Participants,
    rows: Box<dyn Iterator<Item = Result<Entry>> + 'a>,
    at: Option<Entry>,
}

impl InOrder<'_> {
    pub fn get(&mut self, id: &str) -> Result<Option<Entry>> {
        loop {
            match &self.at {
                Some(at) if at.id() == id => return Ok(Some(at.clone())),
                // Behind the reading, or not a participant.
                Some(at) if at.id() > id => return self.table.get(id),
                _ => {}
            }
            match self.rows.next().transpose()? {
                Some(e) => self.at = Some(e),
                None => return self.table.get(id),
            }
        }
    }
}

/// A record as the table holds it: the segment count (8 bytes), the number of
/// attributes and of transcripts (4 bytes each), then each attribute's name and value and
/// each transcript id, as a 4-byte length and the text.
fn encode(r: &ParticipantRecord, transcripts: bool) -> Vec<u8> {
    let transcripts: &[String] = if transcripts { &r.transcripts } else { &[] };
    let mut out = Vec::new();
    out.extend_from_slice(&(r.segments as u64).to_le_bytes());
    out.extend_from_slice(&(r.attributes.iter().count() as u32).to_le_bytes());
    out.extend_from_slice(&(transcripts.len() as u32).to_le_bytes());
    let mut text = |s: &str| {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    for (name, value) in r.attributes.iter() {
        text(name);
        text(value);
    }
    for t in transcripts {
        text(t);
    }
    out
}

/// The segment count of an encoded record.
fn segments_of(value: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    if let Some(count) = value.get(..8) {
        b.copy_from_slice(count);
    }
    u64::from_le_bytes(b)
}

fn decode(path: &Path, id: Vec<u8>, value: Vec<u8>) -> Result<Entry> {
    let damaged = || Error::io(path, std::io::Error::other("a damaged participant record"));
    let id = String::from_utf8(id).map_err(|_| damaged())?;
    let number = |at: usize| -> Option<usize> {
        Some(u32::from_le_bytes(value.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let (Some(attributes), Some(transcripts)) = (number(8), number(12)) else {
        return Err(damaged());
    };
    let entry = Entry(Arc::new(Raw {
        id,
        attributes,
        value,
    }));
    // Checked whole now, so that reading it later cannot fail.
    let (texts, end) = entry
        .texts()
        .fold((0usize, TEXTS), |(n, end), t| (n + 1, end + 4 + t.len()));
    let want = attributes
        .checked_mul(2)
        .and_then(|a| a.checked_add(transcripts));
    if want != Some(texts) || end != entry.0.value.len() {
        return Err(damaged());
    }
    Ok(entry)
}

/// One participant of [`Participants`], shared.
#[derive(Debug, Clone)]
pub struct Entry(Arc<Raw>);

#[derive(Debug)]
struct Raw {
    id: String,
    attributes: usize,
    /// As [`encode`] wrote it.
    value: Vec<u8>,
}

/// Where an encoded record's texts start.
const TEXTS: usize = 16;

impl Entry {
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// The value of an attribute, if the participant has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        // Names compared as bytes: only the value found is checked as UTF-8.
        let mut texts = self.bytes();
        for _ in 0..self.0.attributes {
            let (n, v) = (texts.next()?, texts.next()?);
            if n == name.as_bytes() {
                return std::str::from_utf8(v).ok();
            }
        }
        None
    }

    pub fn segments(&self) -> usize {
        segments_of(&self.0.value) as usize
    }

    /// Attribute names and values, sorted by name.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        let mut texts = self.texts();
        std::iter::from_fn(move || Some((texts.next()?, texts.next()?))).take(self.0.attributes)
    }

    /// The transcripts, if they were kept.
    pub fn transcripts(&self) -> impl Iterator<Item = &str> {
        self.texts().skip(2 * self.0.attributes)
    }

    /// The record again.
    pub fn record(&self) -> ParticipantRecord {
        ParticipantRecord {
            id: self.id().to_owned(),
            attributes: self
                .attributes()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect(),
            segments: self.segments(),
            transcripts: self.transcripts().map(str::to_owned).collect(),
        }
    }

    /// The texts in order, up to the first that is not whole (none, once `decode` has
    /// checked the record).
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.bytes().map_while(|b| std::str::from_utf8(b).ok())
    }

    /// The texts' bytes in order, up to the first that is cut short.
    fn bytes(&self) -> impl Iterator<Item = &[u8]> {
        let value = &self.0.value;
        let mut at = TEXTS;
        std::iter::from_fn(move || {
            let len = u32::from_le_bytes(value.get(at..at + 4)?.try_into().ok()?) as usize;
            let text = value.get(at + 4..at + 4 + len)?;
            at += 4 + len;
            Some(text)
        })
    }
}

impl serde::Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.record().serialize(s)
    }
}

/// Takes records as they come. Records in id order (as a participants file holds them)
/// are written as they come; from the first out of order on, all go through a sorter.
#[derive(Default)]
pub struct Builder {
    state: State,
    names: BTreeSet<String>,
    transcripts: bool,
}

#[derive(Default)]
enum State {
    #[default]
    Empty,
    InOrder(Writer),
    Sorting(Sorter),
}

impl Builder {
    /// Keep each participant's transcript ids too.
    pub fn with_transcripts(mut self) -> Builder {
        self.transcripts = true;
        self
    }

    pub fn push(&mut self, r: &ParticipantRecord) -> Result<()> {
        for (name, _) in r.attributes.iter() {
            if !self.names.contains(name) {
                self.names.insert(name.clone());
            }
        }
        let id = r.id.as_bytes();
        let value = encode(r, self.transcripts);
        // (An error leaves the builder empty; it is not used again.)
        self.state = match std::mem::take(&mut self.state) {
            State::Empty => {
                let mut w = Writer::new()?;
                w.push(id, &value)?;
                State::InOrder(w)
            }
            State::InOrder(mut w) if w.last.as_slice() <= id => {
                w.push(id, &value)?;
                State::InOrder(w)
            }
            State::InOrder(w) => {
                // Out of order: what was written goes to a sorter, and the rest after it.
                let mut sorter = Sorter::anonymous()?;
                let written = w.records.finish()?;
                let mut records = written.records();
                while let Some((k, v)) = records.next()? {
                    sorter.push(&k, &v)?;
                }
                sorter.push(id, &value)?;
                State::Sorting(sorter)
            }
            State::Sorting(mut s) => {
                s.push(id, &value)?;
                State::Sorting(s)
            }
        };
        Ok(())
    }

    /// The records in id order (the first of two with one id), and their index.
    pub fn finish(self) -> Result<Participants> {
        let w = match self.state {
            State::Empty => return Ok(Participants::default()),
            State::InOrder(w) => w,
            State::Sorting(sorter) => {
                let mut sorted = sorter.finish()?;
                let mut w = Writer::new()?;
                while let Some((id, value)) = sorted.next()? {
                    w.push(&id, &value)?;
                }
                w
            }
        };
        w.finish(self.names.into_iter().collect())
    }
}

/// Records in id order, written to a scratch file, and the FST of their ids.
struct Writer {
    records: Appender,
    index: ScratchFst,
    last: Vec<u8>,
    len: usize,
    segments: usize,
}

impl Writer {
    fn new() -> Result<Writer> {
        Ok(Writer {
            records: Appender::anonymous()?,
            index: ScratchFst::new()?,
            last: Vec::new(),
            len: 0,
            segments: 0,
        })
    }

    /// Append a record; ids come in order, and a second record with an id is passed over.
    fn push(&mut self, id: &[u8], value: &[u8]) -> Result<()> {
        if self.len > 0 && self.last.as_slice() == id {
            return Ok(());
        }
        let offset = self.records.push(id, value)?;
        self.index.insert(id, offset)?;
        self.segments += segments_of(value) as usize;
        self.len += 1;
        self.last.clear();
        self.last.extend_from_slice(id);
        Ok(())
    }

    fn finish(self, names: Vec<String>) -> Result<Participants> {
        let index = self.index.finish()?;
        Ok(Participants {
            records: Some(self.records.finish()?),
            index: Some(index),
            len: self.len,
            segments: self.segments,
            names,
            last: Mutex::new(None),
        })
    }
}

/// Hand each record of a participants file (a JSON array) to `each`, one at a time.
/// `Ok(n)`: `n` records were handed on; an error from `each` stops the reading and is
/// returned as is.
pub fn for_each_record(
    reader: impl Read,
    each: impl FnMut(ParticipantRecord) -> crate::Result<()>,
) -> crate::Result<std::result::Result<usize, serde_json::Error>> {
    let mut visit = Each {
        each,
        handed: 0,
        stopped: None,
    };
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
    let read = de.deserialize_seq(&mut visit).and_then(|()| de.end());
    match (visit.stopped, read) {
        (Some(e), _) => Err(e),
        (None, Ok(())) => Ok(Ok(visit.handed)),
        (None, Err(e)) => Ok(Err(e)),
    }
}

struct Each<F> {
    each: F,
    handed: usize,
    stopped: Option<crate::Error>,
}

impl<'de, F: FnMut(ParticipantRecord) -> crate::Result<()>> Visitor<'de> for &mut Each<F> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of participants")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(r) = seq.next_element::<ParticipantRecord>()? {
            if let Err(e) = (self.each)(r) {
                self.stopped = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
            self.handed += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, attrs: &[(&str, &str)], segments: usize) -> ParticipantRecord {
        ParticipantRecord {
            id: id.into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            segments,
            transcripts: vec![id.into()],
        }
    }

    #[test]
    fn reads_what_the_records_hold_in_id_order() {
        let records = vec![
            record("P2", &[("area", "Rural"), ("group", "Client")], 3),
            record("P1", &[("area", "Urban")], 5),
            record("P10", &[], 0),
            record("P3", &[("area", "Rural")], 1),
            // A second record with an id: the first is kept.
            record("P2", &[("area", "Urban")], 7),
        ];
        let json = serde_json::to_vec(&records).unwrap();
        let mut b = Participants::builder();
        let n = for_each_record(json.as_slice(), |r| b.push(&r))
            .unwrap()
            .unwrap();
        assert_eq!(n, 5);
        let t = b.finish().unwrap();
        let mut with = Participants::builder().with_transcripts();
        for r in &records {
            with.push(r).unwrap();
        }
        let with = with.finish().unwrap();
        let mut sorted = records[..4].to_vec();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        let back: Vec<ParticipantRecord> = with.rows().map(|r| r.unwrap().record()).collect();
        assert_eq!(back, sorted);
        let ids: Vec<String> = t.rows().map(|r| r.unwrap().id().to_owned()).collect();
        assert_eq!(ids, ["P1", "P10", "P2", "P3"]);
        // Transcripts are not kept unless asked for.
        assert!(t.rows().all(|r| r.unwrap().record().transcripts.is_empty()));
        let p2 = t.get("P2").unwrap().unwrap();
        assert_eq!(
            (p2.get("area"), p2.get("group"), p2.segments()),
            (Some("Rural"), Some("Client"), 3)
        );
        // Asked again, from the last one kept.
        assert_eq!(t.get("P2").unwrap().unwrap().segments(), 3);
        assert_eq!(t.get("P1").unwrap().unwrap().get("group"), None);
        assert_eq!(t.get("P3").unwrap().unwrap().get("area"), Some("Rural"));
        assert!(t.get("P4").unwrap().is_none());
        assert!(t.get("P").unwrap().is_none());
        assert_eq!((t.len(), t.segments()), (4, 9));
        assert_eq!(t.attribute_names(), ["area", "group"]);
        let none = Participants::builder().finish().unwrap();
        assert!(none.is_empty() && none.get("P1").unwrap().is_none());
        assert_eq!(none.rows().count(), 0);
    }

    #[test]
    fn records_in_order_are_written_as_they_come_and_read_the_same() {
        let given = vec![
            record("B", &[("area", "Rural")], 2),
            record("A", &[], 1),
            record("C", &[("area", "Urban"), ("group", "é ü")], 4),
            record("B", &[("area", "Urban")], 9),
        ];
        // In order, the second B after the first, as a sort keeps them.
        let ordered = vec![
            given[1].clone(),
            given[0].clone(),
            given[3].clone(),
            given[2].clone(),
        ];
        let table = |records: &[ParticipantRecord]| {
            let mut b = Participants::builder().with_transcripts();
            for r in records {
                b.push(r).unwrap();
            }
            b.finish().unwrap()
        };
        let rows = |t: &Participants| -> Vec<ParticipantRecord> {
            t.rows().map(|r| r.unwrap().record()).collect()
        };
        let (sorted, as_given) = (table(&ordered), table(&given));
        assert_eq!(rows(&sorted), rows(&as_given));
        assert_eq!(
            rows(&sorted),
            vec![given[1].clone(), given[0].clone(), given[2].clone()]
        );
        assert_eq!((sorted.len(), sorted.segments()), (3, 7));
        // Lookups in order, again, behind and missing.
        let mut people = sorted.in_order();
        let mut ask = |id: &str| people.get(id).unwrap().map(|e| e.segments());
        assert_eq!(
            ["A", "A", "AB", "C", "B", "D", "A"].map(&mut ask),
            [Some(1), Some(1), None, Some(4), Some(2), None, Some(1)]
        );
        let c = sorted.get("C").unwrap().unwrap();
        assert_eq!(c.transcripts().collect::<Vec<_>>(), ["C"]);
        assert_eq!(
            c.attributes().collect::<Vec<_>>(),
            [("area", "Urban"), ("group", "é ü")]
        );
    }
}
