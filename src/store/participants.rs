//! The participants of a project state as the analyses read them: ids, attribute values
//! and segment counts, packed. Each id lives in one shared string and each distinct value
//! is stored once, so a participant costs about 40 bytes instead of the 600 of its
//! record (77,593 participants: 3 MB, not 46). Streamed from the participants file, one
//! record at a time.

use std::io::Read;
use std::sync::Arc;

use serde::Deserializer as _;
use serde::de::{SeqAccess, Visitor};

use crate::strings::Strings;

use super::manifest::ParticipantRecord;

/// Participants sorted by id.
#[derive(Debug, Default)]
pub struct Participants {
    /// Attribute names and distinct values, each stored once.
    names: Vec<Arc<str>>,
    values: Vec<Arc<str>>,
    /// The ids, one after the other; `id_ends[i]` ends the `i`th.
    ids: String,
    id_ends: Vec<u32>,
    /// Each participant's (name, value) pairs, sorted by name; `attr_ends[i]` ends the `i`th's.
    attrs: Vec<(u32, u32)>,
    attr_ends: Vec<u32>,
    segments: Vec<u32>,
    /// Each participant's transcript ids, if kept ([`Builder::with_transcripts`]): the
    /// ids one after the other, `transcript_id_ends[k]` ending the `k`th, and
    /// `transcript_ends[i]` ending the `i`th participant's. Transcript ids are mostly
    /// one participant's each: stored as they come, not numbered.
    transcripts: String,
    transcript_id_ends: Vec<u32>,
    transcript_ends: Vec<u32>,
}

/// One participant of [`Participants`].
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    table: &'a Participants,
    i: usize,
}

impl Participants {
    /// Packs records as they come.
    pub fn builder() -> Builder {
        Builder::default()
    }

    pub fn from_records<'a>(
        records: impl IntoIterator<Item = &'a ParticipantRecord>,
    ) -> Participants {
        let mut b = Builder::default();
        for r in records {
            b.push(r);
        }
        b.finish()
    }

    pub fn len(&self) -> usize {
        self.id_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id_ends.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<Entry<'_>> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.id(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    return Some(Entry {
                        table: self,
                        i: mid,
                    });
                }
            }
        }
        None
    }

    /// Every participant, by id.
    pub fn rows(&self) -> impl Iterator<Item = Entry<'_>> {
        (0..self.len()).map(|i| Entry { table: self, i })
    }

    /// Participant segments in the project.
    pub fn segments(&self) -> usize {
        self.segments.iter().map(|&n| n as usize).sum()
    }

    fn id(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.id_ends[i - 1] as usize
        };
        &self.ids[start..self.id_ends[i] as usize]
    }

    fn attrs(&self, i: usize) -> &[(u32, u32)] {
        let start = if i == 0 {
            0
        } else {
            self.attr_ends[i - 1] as usize
        };
        &self.attrs[start..self.attr_ends[i] as usize]
    }

    fn transcripts_of(&self, i: usize) -> impl Iterator<Item = &str> {
        let (from, to) = if self.transcript_ends.is_empty() {
            (0, 0)
        } else if i == 0 {
            (0, self.transcript_ends[0] as usize)
        } else {
            (
                self.transcript_ends[i - 1] as usize,
                self.transcript_ends[i] as usize,
            )
        };
        (from..to).map(|k| {
            let start = if k == 0 {
                0
            } else {
                self.transcript_id_ends[k - 1] as usize
            };
            &self.transcripts[start..self.transcript_id_ends[k] as usize]
        })
    }

    /// The same participants in id order (a table read from an older project may not be).
    fn sorted(mut self) -> Participants {
        if (1..self.len()).all(|i| self.id(i - 1) <= self.id(i)) {
            return self;
        }
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by(|&a, &b| self.id(a).cmp(self.id(b)));
        let mut t = Participants {
            names: std::mem::take(&mut self.names),
            values: std::mem::take(&mut self.values),
            ..Participants::default()
        };
        for i in order {
            t.ids.push_str(self.id(i));
            t.id_ends.push(t.ids.len() as u32);
            t.attrs.extend_from_slice(self.attrs(i));
            t.attr_ends.push(t.attrs.len() as u32);
            t.segments.push(self.segments[i]);
            if !self.transcript_ends.is_empty() {
                for id in self.transcripts_of(i) {
                    t.transcripts.push_str(id);
                    t.transcript_id_ends.push(t.transcripts.len() as u32);
                }
                t.transcript_ends.push(t.transcript_id_ends.len() as u32);
            }
        }
        t
    }
}

impl<'a> Entry<'a> {
    pub fn id(&self) -> &'a str {
        self.table.id(self.i)
    }

    /// The value of an attribute, if the participant has it.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        let t = self.table;
        t.attrs(self.i)
            .iter()
            .find(|(n, _)| &*t.names[*n as usize] == name)
            .map(|(_, v)| &*t.values[*v as usize])
    }

    pub fn segments(&self) -> usize {
        self.table.segments[self.i] as usize
    }

    /// Attribute names and values, sorted by name.
    pub fn attributes(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        let t = self.table;
        t.attrs(self.i)
            .iter()
            .map(|&(n, v)| (&*t.names[n as usize], &*t.values[v as usize]))
    }

    /// The record again (its transcripts only if they were kept).
    pub fn record(&self) -> ParticipantRecord {
        let t = self.table;
        ParticipantRecord {
            id: self.id().to_owned(),
            attributes: self
                .attributes()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect(),
            segments: self.segments(),
            transcripts: t.transcripts_of(self.i).map(str::to_owned).collect(),
        }
    }
}

/// Packs records as they come.
#[derive(Default)]
pub struct Builder {
    table: Participants,
    names: Strings,
    values: Strings,
    transcripts: bool,
}

impl Builder {
    /// Keep each participant's transcript ids too.
    pub fn with_transcripts(mut self) -> Builder {
        self.transcripts = true;
        self
    }

    pub fn push(&mut self, r: &ParticipantRecord) {
        let t = &mut self.table;
        t.ids.push_str(&r.id);
        t.id_ends.push(t.ids.len() as u32);
        for (name, value) in r.attributes.iter() {
            let n = self.names.intern(name);
            let v = self.values.intern(value);
            t.attrs.push((n, v));
        }
        t.attr_ends.push(t.attrs.len() as u32);
        t.segments
            .push(u32::try_from(r.segments).unwrap_or(u32::MAX));
        if self.transcripts {
            for id in &r.transcripts {
                t.transcripts.push_str(id);
                t.transcript_id_ends.push(t.transcripts.len() as u32);
            }
            t.transcript_ends.push(t.transcript_id_ends.len() as u32);
        }
    }

    pub fn finish(self) -> Participants {
        let mut t = self.table;
        t.names = self.names.into_list();
        t.values = self.values.into_list();
        t.ids.shrink_to_fit();
        t.id_ends.shrink_to_fit();
        t.attrs.shrink_to_fit();
        t.attr_ends.shrink_to_fit();
        t.segments.shrink_to_fit();
        t.transcripts.shrink_to_fit();
        t.transcript_id_ends.shrink_to_fit();
        t.transcript_ends.shrink_to_fit();
        t.sorted()
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
        ];
        let json = serde_json::to_vec(&records).unwrap();
        let mut b = Participants::builder();
        let n = for_each_record(json.as_slice(), |r| {
            b.push(&r);
            Ok(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(n, 4);
        let t = b.finish();
        let mut with = Participants::builder().with_transcripts();
        for r in &records {
            with.push(r);
        }
        let with = with.finish();
        let mut sorted = records;
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        let back: Vec<ParticipantRecord> = with.rows().map(|r| r.record()).collect();
        assert_eq!(back, sorted);
        let ids: Vec<&str> = t.rows().map(|r| r.id()).collect();
        assert_eq!(ids, ["P1", "P10", "P2", "P3"]);
        let p2 = t.get("P2").unwrap();
        assert_eq!(
            (p2.get("area"), p2.get("group"), p2.segments()),
            (Some("Rural"), Some("Client"), 3)
        );
        assert_eq!(t.get("P1").unwrap().get("group"), None);
        assert_eq!(t.get("P3").unwrap().get("area"), Some("Rural"));
        assert!(t.get("P4").is_none());
        assert_eq!(t.segments(), 9);
        // Each name and each value is stored once.
        assert_eq!((t.names.len(), t.values.len()), (2, 3));
    }
}
