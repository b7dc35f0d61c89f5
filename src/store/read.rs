//! The named queries the reading commands use. Each runs in the snapshot the reader
//! opened (one read transaction), so a reader sees one state whatever a writer does
//! meanwhile.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rusqlite::{Row, params};

use super::db::At;

use super::Db;
use super::passes::CodingRecord;
use crate::error::Result;

/// Hands segment ids to the function it is given (see [`Db::for_each_segment_of`]).
pub type Fill<'a> = &'a mut dyn FnMut(&mut dyn FnMut(String)) -> Result<()>;

/// A transcript of the project.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: String,
    pub path: PathBuf,
    pub format: String,
    pub encoding: String,
    pub segments: usize,
    pub participants: Vec<String>,
    pub warnings: Vec<WarningRow>,
    /// The transcript's attributes, by name.
    pub attributes: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct WarningRow {
    pub line: Option<usize>,
    pub message: String,
}

/// A participant with attributes, participant segments and transcripts.
#[derive(Debug, Clone, Default)]
pub struct ParticipantRow {
    pub id: String,
    pub segments: usize,
    pub transcripts: Vec<String>,
    pub attributes: BTreeMap<String, String>,
}

impl ParticipantRow {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }
}

/// A segment as stored, with its participant's attributes where asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRow {
    /// The segment's key in the database and the index (its `segment.id`).
    pub key: u64,
    /// `<transcript>#<number>`.
    pub segment: String,
    pub transcript: String,
    pub number: u64,
    pub participant: Option<String>,
    pub speaker: String,
    pub role: String,
    pub text: String,
    pub lines: (u64, u64),
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    pub attributes: BTreeMap<String, String>,
}

impl SegmentRow {
    /// A participant's turn (interviewer turns are not analysed).
    pub fn is_participant(&self) -> bool {
        self.role == "participant" && self.participant.is_some()
    }
}

/// A segment as a coding pass reads it, borrowed from the database's row:
/// `participant` only for a participant's turn.
pub struct ToCode<'r> {
    pub key: u64,
    pub transcript: &'r str,
    pub number: u64,
    pub interviewer: bool,
    pub participant: Option<&'r str>,
    pub text: &'r str,
    /// Words of the text (as the matrices count them).
    pub words: u64,
}

/// A coded segment and its codings in the pass, themes in codebook order.
pub struct CodedSegment {
    pub segment: SegmentRow,
    pub codings: Vec<CodingRecord>,
}

/// How a pass stands to the project now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Transcripts changed or removed since the pass coded them.
    pub changed: usize,
    /// Transcripts added since.
    pub added: usize,
}

impl Staleness {
    pub fn is_stale(&self) -> bool {
        self.changed > 0 || self.added > 0
    }
}

const SEGMENT_COLUMNS: &str = "s.transcript, s.number, s.participant, s.speaker, s.role, s.text, \
                               s.line_start, s.line_end, s.start_ms, s.end_ms, s.id";

fn segment_of(r: &Row<'_>, at: usize) -> rusqlite::Result<SegmentRow> {
    let transcript: String = r.get(at)?;
    let number: i64 = r.get(at + 1)?;
    let opt = |i: usize| -> rusqlite::Result<Option<u64>> {
        Ok(r.get::<_, Option<i64>>(at + i)?.map(|v| v as u64))
    };
    Ok(SegmentRow {
        segment: format!("{transcript}#{number}"),
        transcript,
        number: number as u64,
        participant: r.get(at + 2)?,
        speaker: r.get(at + 3)?,
        role: r.get(at + 4)?,
        text: r.get(at + 5)?,
        lines: (
            r.get::<_, i64>(at + 6)? as u64,
            r.get::<_, i64>(at + 7)? as u64,
        ),
        start_ms: opt(8)?,
        end_ms: opt(9)?,
        attributes: BTreeMap::new(),
        key: r.get::<_, i64>(at + 10)? as u64,
    })
}

/// `IN (...)` of theme positions (numbers, never text from a user).
fn positions_list(p: &[usize]) -> String {
    p.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

impl Db {
    /// Attribute names of either kind, sorted.
    pub fn attributes(&self) -> Result<Vec<String>> {
        self.rows("SELECT name FROM attribute ORDER BY name", [], |r| r.get(0))
    }

    /// Attribute names of one kind (`participant` or `transcript`), sorted.
    pub fn attributes_of_kind(&self, kind: &str) -> Result<Vec<String>> {
        self.rows(
            "SELECT name FROM attribute WHERE kind = ?1 ORDER BY name",
            params![kind],
            |r| r.get(0),
        )
    }

    /// A transcript's own attribute values.
    pub fn transcript_attributes_of(&self, transcript: &str) -> Result<BTreeMap<String, String>> {
        let pairs = self.rows(
            "SELECT attribute, value FROM transcript_value WHERE transcript = ?1",
            params![transcript],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(pairs.into_iter().collect())
    }

    /// An attribute's distinct values, sorted.
    pub fn values_of(&self, attr: &str) -> Result<Vec<String>> {
        self.rows(
            "SELECT value FROM attribute_value WHERE attribute = ?1 ORDER BY value",
            params![attr],
            |r| r.get(0),
        )
    }

    /// Who has a value of attribute `attr` that `matches` takes (given the value
    /// lowercased): participants (`true`) or transcripts (`false`), by the attribute's
    /// kind, ids sorted; `None` when the project has no such attribute.
    pub fn holders_of(
        &self,
        attr: &str,
        matches: &dyn Fn(&str) -> bool,
    ) -> Result<Option<(bool, Vec<String>)>> {
        let kind: Option<String> = self.row(
            "SELECT kind FROM attribute WHERE name = ?1",
            params![attr],
            |r| r.get(0),
        )?;
        let Some(kind) = kind else {
            return Ok(None);
        };
        let of_participants = kind == "participant";
        let values: Vec<String> = self
            .values_of(attr)?
            .into_iter()
            .filter(|v| matches(&v.to_lowercase()))
            .collect();
        let sql = if of_participants {
            "SELECT participant FROM participant_value WHERE attribute = ?1 AND value = ?2"
        } else {
            "SELECT transcript FROM transcript_value WHERE attribute = ?1 AND value = ?2"
        };
        let mut ids: Vec<String> = Vec::new();
        for v in &values {
            ids.extend(self.rows(sql, params![attr, v], |r| r.get(0))?);
        }
        ids.sort();
        ids.dedup();
        Ok(Some((of_participants, ids)))
    }

    /// Text tokens in the whole project (exact BM25 statistics).
    pub fn text_tokens(&self) -> Result<u64> {
        match self.meta("text_tokens")?.and_then(|t| t.parse().ok()) {
            Some(n) => Ok(n),
            None => Ok(self.number("SELECT sum(tokens) FROM transcript", [])? as u64),
        }
    }

    /// The index generation folder and the stamp of the commit that matches this state.
    pub fn index_state(&self) -> Result<(Option<String>, Option<String>)> {
        Ok((self.meta("index")?, self.meta("index_stamp")?))
    }

    /// Participants in the project.
    pub fn participants(&self) -> Result<usize> {
        self.number("SELECT count(*) FROM participant", [])
    }

    /// Participant segments in the project.
    pub fn participant_segments(&self) -> Result<usize> {
        self.number("SELECT sum(segments) FROM participant", [])
    }

    /// Segments in the project.
    pub fn num_segments(&self) -> Result<usize> {
        self.number("SELECT count(*) FROM segment", [])
    }

    /// A transcript's format ("text", "docx", ...), if the project has it.
    pub fn transcript_format(&self, id: &str) -> Result<Option<String>> {
        self.row("SELECT format FROM transcript WHERE id = ?1", [id], |r| {
            r.get(0)
        })
    }

    /// The transcripts, in id order, one at a time.
    pub fn for_each_source(&self, mut each: impl FnMut(SourceRow) -> Result<()>) -> Result<()> {
        let sql = "SELECT t.id, t.path, t.format, t.encoding, t.segments,
               (SELECT json_group_array(p) FROM (SELECT participant AS p FROM participant_transcript
                  WHERE transcript = t.id ORDER BY p)),
               (SELECT json_group_array(json_array(line, message)) FROM
                  (SELECT line, message FROM transcript_warning WHERE transcript = t.id ORDER BY n)),
               (SELECT json_group_array(json_array(attribute, value)) FROM (SELECT attribute, value
                  FROM transcript_value WHERE transcript = t.id ORDER BY attribute))
             FROM transcript t ORDER BY t.id";
        self.each_row(sql, [], |r| {
            let row = || -> rusqlite::Result<SourceRow> {
                let participants: String = r.get(5)?;
                let warnings: String = r.get(6)?;
                let warnings: Vec<(Option<usize>, String)> =
                    serde_json::from_str(&warnings).unwrap_or_default();
                let attrs: String = r.get(7)?;
                let attrs: Vec<(String, String)> = serde_json::from_str(&attrs).unwrap_or_default();
                Ok(SourceRow {
                    id: r.get(0)?,
                    path: super::write::path_of(r, 1)?,
                    format: r.get(2)?,
                    encoding: r.get(3)?,
                    segments: r.get::<_, i64>(4)? as usize,
                    participants: serde_json::from_str(&participants).unwrap_or_default(),
                    warnings: warnings
                        .into_iter()
                        .map(|(line, message)| WarningRow { line, message })
                        .collect(),
                    attributes: attrs.into_iter().collect(),
                })
            };
            each(row().at(self)?)
        })
    }

    /// The participants, in id order, one at a time.
    pub fn for_each_participant(
        &self,
        mut each: impl FnMut(ParticipantRow) -> Result<()>,
    ) -> Result<()> {
        let sql = "SELECT p.id, p.segments,
               (SELECT json_group_array(transcript) FROM (SELECT transcript FROM participant_transcript
                  WHERE participant = p.id ORDER BY transcript)),
               (SELECT json_group_array(json_array(attribute, value)) FROM (SELECT attribute, value
                  FROM participant_value WHERE participant = p.id ORDER BY attribute))
             FROM participant p ORDER BY p.id";
        self.each_row(sql, [], |r| {
            let row = || -> rusqlite::Result<ParticipantRow> {
                let transcripts: String = r.get(2)?;
                let attrs: String = r.get(3)?;
                let attrs: Vec<(String, String)> = serde_json::from_str(&attrs).unwrap_or_default();
                Ok(ParticipantRow {
                    id: r.get(0)?,
                    segments: r.get::<_, i64>(1)? as usize,
                    transcripts: serde_json::from_str(&transcripts).unwrap_or_default(),
                    attributes: attrs.into_iter().collect(),
                })
            };
            each(row().at(self)?)
        })
    }

    /// A participant's attribute values.
    pub fn attributes_of(&self, participant: &str) -> Result<BTreeMap<String, String>> {
        let pairs = self.rows(
            "SELECT attribute, value FROM participant_value WHERE participant = ?1",
            params![participant],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(pairs.into_iter().collect())
    }

    /// Participants with at least one turn in the project, by their value of `attr`
    /// (`None`: without it).
    pub fn columns(&self, attr: &str) -> Result<Vec<(Option<String>, usize)>> {
        self.rows(
            "SELECT v.value, count(*) FROM participant p
             LEFT JOIN participant_value v ON v.participant = p.id AND v.attribute = ?1
             WHERE p.segments > 0 GROUP BY v.value ORDER BY v.value",
            params![attr],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)),
        )
    }

    /// Every segment in file order (transcript id, then number), one at a time;
    /// without attributes. `transcript`: only that transcript's.
    pub fn for_each_segment(
        &self,
        transcript: Option<&str>,
        mut each: impl FnMut(SegmentRow) -> Result<()>,
    ) -> Result<()> {
        let mut each = |r: &Row<'_>| each(segment_of(r, 0).at(self)?);
        match transcript {
            Some(t) => self.each_row(
                &format!("SELECT {SEGMENT_COLUMNS} FROM segment s WHERE s.transcript = ?1 ORDER BY s.number"),
                params![t],
                &mut each,
            ),
            None => self.each_row(
                &format!("SELECT {SEGMENT_COLUMNS} FROM segment s ORDER BY s.transcript, s.number"),
                [],
                &mut each,
            ),
        }
    }

    /// Every segment in the order the database keeps them (the index does not need
    /// file order), one at a time; without attributes.
    pub fn for_each_segment_stored(
        &self,
        mut each: impl FnMut(SegmentRow) -> Result<()>,
    ) -> Result<()> {
        let sql = format!("SELECT {SEGMENT_COLUMNS} FROM segment s ORDER BY s.id");
        self.each_row(&sql, [], |r| each(segment_of(r, 0).at(self)?))
    }

    /// Every segment as a coding pass reads it, in file order, one at a time (its
    /// strings borrowed from the row: nothing is allocated per segment).
    pub fn for_each_to_code(&self, mut each: impl FnMut(ToCode<'_>) -> Result<()>) -> Result<()> {
        self.each_row(
            "SELECT s.id, s.transcript, s.number, s.role, s.participant, s.text, s.words
             FROM segment s ORDER BY s.transcript, s.number",
            [],
            |r| {
                let row = || -> rusqlite::Result<ToCode<'_>> {
                    let interviewer = r.get_ref(3)?.as_str()? == "interviewer";
                    Ok(ToCode {
                        key: r.get::<_, i64>(0)? as u64,
                        transcript: r.get_ref(1)?.as_str()?,
                        number: r.get::<_, i64>(2)? as u64,
                        interviewer,
                        participant: if interviewer {
                            None
                        } else {
                            r.get_ref(4)?.as_str_or_null()?
                        },
                        text: r.get_ref(5)?.as_str()?,
                        words: r.get::<_, i64>(6)? as u64,
                    })
                };
                each(row().at(self)?)
            },
        )
    }

    /// Segments by key (their id in the database, the search index's `key`), with their
    /// participants' attributes, in the order asked (`None` for a key the project does
    /// not have): two queries in all.
    pub fn segments(&self, keys: &[u64]) -> Result<Vec<Option<SegmentRow>>> {
        let mut found: std::collections::HashMap<u64, SegmentRow> = Default::default();
        // A few hundred at a time: SQLite takes a bounded number of parameters.
        for chunk in keys.chunks(400) {
            let sql = format!(
                "SELECT {SEGMENT_COLUMNS} FROM segment s WHERE s.id IN ({})",
                vec!["?"; chunk.len()].join(",")
            );
            let params: Vec<i64> = chunk.iter().map(|&k| k as i64).collect();
            for s in self.rows(&sql, rusqlite::params_from_iter(params), |r| {
                segment_of(r, 0)
            })? {
                found.insert(s.key, s);
            }
        }
        self.attach_attributes(found.values_mut())?;
        Ok(keys.iter().map(|k| found.get(k).cloned()).collect())
    }

    /// Each segment's participant's attributes, in one query per few hundred people.
    fn attach_attributes<'a>(
        &self,
        segments: impl Iterator<Item = &'a mut SegmentRow>,
    ) -> Result<()> {
        let mut segments: Vec<&mut SegmentRow> = segments.collect();
        let mut people: Vec<String> = segments
            .iter()
            .filter_map(|s| s.participant.clone())
            .collect();
        people.sort_unstable();
        people.dedup();
        let mut by: std::collections::HashMap<String, BTreeMap<String, String>> =
            Default::default();
        for chunk in people.chunks(400) {
            let sql = format!(
                "SELECT participant, attribute, value FROM participant_value WHERE participant IN ({})",
                vec!["?"; chunk.len()].join(",")
            );
            for (p, k, v) in self.rows(&sql, rusqlite::params_from_iter(chunk), |r| {
                Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
            })? {
                by.entry(p).or_default().insert(k, v);
            }
        }
        let mut own: std::collections::HashMap<String, BTreeMap<String, String>> =
            Default::default();
        for s in segments.iter_mut() {
            if let Some(a) = s.participant.as_ref().and_then(|p| by.get(p)) {
                s.attributes = a.clone();
            }
            if !own.contains_key(&s.transcript) {
                own.insert(
                    s.transcript.clone(),
                    self.transcript_attributes_of(&s.transcript)?,
                );
            }
            s.attributes.extend(own[&s.transcript].clone());
        }
        Ok(())
    }

    /// One segment by id (`transcript#number`), with its participant's attributes.
    pub fn segment(&self, id: &str) -> Result<Option<SegmentRow>> {
        let Some((t, n)) = id.rsplit_once('#') else {
            return Ok(None);
        };
        let Some(number) = n.parse::<i64>().ok().filter(|v| v.to_string() == n) else {
            return Ok(None);
        };
        let mut found = self.rows(
            &format!(
                "SELECT {SEGMENT_COLUMNS} FROM segment s WHERE s.transcript = ?1 AND s.number = ?2"
            ),
            params![t, number],
            |r| segment_of(r, 0),
        )?;
        self.attach_attributes(found.iter_mut())?;
        Ok(found.pop())
    }

    /// The segments whose ids (`transcript#number`, in any order, repeats allowed)
    /// `fill` hands to its argument, handed to `each` in file order, one at a time: the
    /// ids go into a temp table as they come, which SQLite sorts (on disk when large).
    pub fn for_each_segment_of(
        &self,
        fill: Fill<'_>,
        mut each: impl FnMut(SegmentRow) -> Result<()>,
    ) -> Result<()> {
        self.batch(
            "CREATE TEMP TABLE IF NOT EXISTS wanted (transcript TEXT NOT NULL, number INTEGER NOT NULL,
               PRIMARY KEY (transcript, number)) WITHOUT ROWID; DELETE FROM temp.wanted;",
        )?;
        let mut failed = None;
        fill(&mut |id| {
            if failed.is_none()
                && let Some((t, n)) = id.rsplit_once('#')
                && let Ok(n) = n.parse::<i64>()
                && let Err(e) = self.exec(
                    "INSERT OR IGNORE INTO temp.wanted (transcript, number) VALUES (?1, ?2)",
                    params![t, n],
                )
            {
                failed = Some(e);
            }
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        let sql = format!(
            "SELECT {SEGMENT_COLUMNS} FROM temp.wanted w
             JOIN segment s ON s.transcript = w.transcript AND s.number = w.number
             ORDER BY w.transcript, w.number"
        );
        self.each_row(&sql, [], |r| each(segment_of(r, 0).at(self)?))?;
        self.batch("DELETE FROM temp.wanted")
    }
}

/// What a person's pass covers.
impl Db {
    /// The segments (transcript, number) a pass covers, if it covers only some: the
    /// rows of the coding sheet it was imported from. `None`: every segment.
    pub fn covered(&self, pass: &str) -> Result<Option<std::collections::HashSet<(String, u64)>>> {
        let rows: Vec<(String, i64)> = self.rows(
            "SELECT transcript, number FROM pass_segment
             WHERE pass = (SELECT id FROM pass WHERE name = ?1)",
            params![pass],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((!rows.is_empty()).then(|| rows.into_iter().map(|(t, n)| (t, n as u64)).collect()))
    }
}

/// A pass's codings, read with their segments.
impl Db {
    /// The pass's codings of the themes at `positions` (all when `None`), with their
    /// segments (text; attributes when `with_attributes`), in file order, a segment at
    /// a time with its codings in codebook order. Codings of segments no longer in the
    /// project are passed over.
    pub fn for_each_coded(
        &self,
        pass: &str,
        positions: Option<&[usize]>,
        with_attributes: bool,
        each: impl FnMut(CodedSegment) -> Result<()>,
    ) -> Result<()> {
        let filter = positions.map_or(String::new(), |p| {
            format!("AND c.position IN ({})", positions_list(p))
        });
        let sql = format!(
            "SELECT c.theme, c.evidence, {SEGMENT_COLUMNS} FROM coding c
             JOIN segment s ON s.transcript = c.transcript AND s.number = c.number
             WHERE c.pass = (SELECT id FROM pass WHERE name = ?1) {filter}
             ORDER BY c.transcript, c.number, c.position"
        );
        self.walk_coded(&sql, pass, with_attributes, each)
    }

    /// Every participant turn of the project in file order, with its attributes and its
    /// codings in pass `pass` (none when `pass` is `None` or does not code it): what a
    /// coding sheet has a row for.
    pub fn for_each_participant_turn(
        &self,
        pass: Option<&str>,
        each: impl FnMut(CodedSegment) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT c.theme, c.evidence, {SEGMENT_COLUMNS} FROM segment s
             LEFT JOIN coding c ON c.pass = (SELECT id FROM pass WHERE name = ?1)
               AND c.transcript = s.transcript AND c.number = s.number
             WHERE s.role = 'participant' AND s.participant IS NOT NULL
             ORDER BY s.transcript, s.number, c.position"
        );
        self.walk_coded(&sql, pass.unwrap_or("\u{1}none"), true, each)
    }

    /// Rows of (theme, evidence, segment columns), in file order: a segment at a time
    /// with its codings (a NULL theme: a segment without any).
    fn walk_coded(
        &self,
        sql: &str,
        pass: &str,
        with_attributes: bool,
        mut each: impl FnMut(CodedSegment) -> Result<()>,
    ) -> Result<()> {
        let mut current: Option<CodedSegment> = None;
        // The last participant's attributes, and the last transcript's.
        let mut last: Option<(String, BTreeMap<String, String>)> = None;
        let mut own: Option<(String, BTreeMap<String, String>)> = None;
        self.each_row(sql, params![pass], |r| {
            let theme: Option<String> = r.get(0).at(self)?;
            let evidence: Option<String> = r.get(1).at(self)?;
            let transcript: String = r.get(2).at(self)?;
            let number = r.get::<_, i64>(3).at(self)? as u64;
            let same = current
                .as_ref()
                .is_some_and(|c| c.segment.number == number && c.segment.transcript == transcript);
            if !same {
                if let Some(done) = current.take() {
                    each(done)?;
                }
                let mut seg = segment_of(r, 2).at(self)?;
                if with_attributes && let Some(p) = &seg.participant {
                    if last.as_ref().is_none_or(|(q, _)| q != p) {
                        last = Some((p.clone(), self.attributes_of(p)?));
                    }
                    seg.attributes = last.as_ref().map(|l| l.1.clone()).unwrap_or_default();
                }
                if with_attributes {
                    if own.as_ref().is_none_or(|(t, _)| *t != seg.transcript) {
                        own = Some((
                            seg.transcript.clone(),
                            self.transcript_attributes_of(&seg.transcript)?,
                        ));
                    }
                    if let Some((_, a)) = &own {
                        seg.attributes.extend(a.clone());
                    }
                }
                current = Some(CodedSegment {
                    segment: seg,
                    codings: Vec::new(),
                });
            }
            let c = current.as_mut().expect("set above");
            if let (Some(theme), Some(evidence)) = (theme, evidence) {
                c.codings.push(CodingRecord {
                    segment: c.segment.segment.clone(),
                    theme,
                    hits: self.evidence(&evidence)?,
                });
            }
            Ok(())
        })?;
        match current {
            Some(done) => each(done),
            None => Ok(()),
        }
    }

    /// A segment's codings in the pass, themes in codebook order.
    pub fn codings_of(&self, pass: &str, segment: &SegmentRow) -> Result<Vec<CodingRecord>> {
        let rows: Vec<(String, String)> = self.rows(
            "SELECT theme, evidence FROM coding WHERE pass = (SELECT id FROM pass WHERE name = ?1) AND transcript = ?2 AND number = ?3
             ORDER BY position",
            params![pass, segment.transcript, segment.number as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        rows.into_iter()
            .map(|(theme, evidence)| {
                Ok(CodingRecord {
                    segment: segment.segment.clone(),
                    theme,
                    hits: self.evidence(&evidence)?,
                })
            })
            .collect()
    }

    fn evidence(&self, json: &str) -> Result<Vec<crate::evidence::Hit>> {
        serde_json::from_str(json).map_err(|e| {
            crate::Error::input(crate::Problem::at(
                &self.path,
                None,
                format!("a coding's evidence cannot be read ({e}); run `coda code` again to rebuild the pass"),
            ))
        })
    }

    /// The keys of the segments the pass coded with any theme at `positions` (the
    /// segments as they were when coded: a segment replaced since has another key).
    pub fn coded_keys(&self, pass: &str, positions: &[usize]) -> Result<Vec<u64>> {
        let sql = format!(
            "SELECT keys FROM pass_theme WHERE pass = (SELECT id FROM pass WHERE name = ?1)
             AND position IN ({})",
            positions_list(positions)
        );
        let blobs: Vec<Option<Vec<u8>>> = self.rows(&sql, params![pass], |r| r.get(0))?;
        let mut keys = Vec::new();
        for blob in blobs.into_iter().flatten() {
            // Sorted keys as deltas in LEB128 (see `NewPass::finish`).
            let (mut last, mut d, mut shift) = (0u64, 0u64, 0u32);
            for b in blob {
                d |= u64::from(b & 0x7f) << shift.min(63);
                shift += 7;
                if b & 0x80 == 0 {
                    last += d;
                    keys.push(last);
                    (d, shift) = (0, 0);
                }
            }
        }
        Ok(keys)
    }

    /// Each theme's participants and participant segments with its sub-themes'
    /// codings, over every participant with a turn: a matrix's Total column, whatever
    /// the attribute it is by. `(position, participants, segments)`; themes nothing
    /// coded are left out.
    pub fn theme_totals(&self, pass: &str) -> Result<Vec<(usize, usize, usize)>> {
        self.rows(
            "SELECT pp.position, sum(pp.rollup > 0), sum(pp.rollup) FROM pass_participant pp
             JOIN participant p ON p.id = pp.participant AND p.segments > 0
             WHERE pp.pass = (SELECT id FROM pass WHERE name = ?1)
             GROUP BY pp.position ORDER BY pp.position",
            params![pass],
            |r| {
                let n = |i| r.get::<_, i64>(i).map(|v| v as usize);
                Ok((n(0)?, n(1)?, n(2)?))
            },
        )
    }

    /// How a pass stands to the project as it is now.
    pub fn staleness(&self, pass: &str) -> Result<Staleness> {
        let state: Option<String> = self.row(
            "SELECT state FROM pass WHERE name = ?1",
            params![pass],
            |r| r.get(0),
        )?;
        if state.is_none() || state == self.meta("state")? {
            return Ok(Staleness::default());
        }
        let changed = self.number(
            "SELECT count(*) FROM pass_transcript pt LEFT JOIN transcript t ON t.id = pt.transcript
             WHERE pt.pass = (SELECT id FROM pass WHERE name = ?1) AND (t.id IS NULL OR t.content_sha256 != pt.content_sha256)",
            params![pass],
        )?;
        let added = self.number(
            "SELECT count(*) FROM transcript t WHERE NOT EXISTS
               (SELECT 1 FROM pass_transcript pt WHERE pt.pass = (SELECT id FROM pass WHERE name = ?1) AND pt.transcript = t.id)",
            params![pass],
        )?;
        Ok(Staleness { changed, added })
    }

    /// The transcripts changed or removed since the pass coded them in which it has
    /// codings or rows it covers: where a person's codings may now name other turns.
    pub fn changed_under(&self, pass: &str) -> Result<Vec<String>> {
        self.rows(
            "SELECT pt.transcript FROM pass_transcript pt LEFT JOIN transcript t ON t.id = pt.transcript
             WHERE pt.pass = (SELECT id FROM pass WHERE name = ?1)
               AND (t.id IS NULL OR t.content_sha256 != pt.content_sha256)
               AND (EXISTS (SELECT 1 FROM coding c WHERE c.pass = pt.pass AND c.transcript = pt.transcript)
                 OR EXISTS (SELECT 1 FROM pass_segment s WHERE s.pass = pt.pass AND s.transcript = pt.transcript))
             ORDER BY pt.transcript",
            params![pass],
            |r| r.get(0),
        )
    }

    /// Whether a transcript's text changed since the pass coded it (its evidence
    /// offsets no longer hold).
    pub fn changed_since(&self, pass: &str, transcript: &str) -> Result<bool> {
        let same: Option<i64> = self.row(
            "SELECT t.content_sha256 = pt.content_sha256 FROM pass_transcript pt
             JOIN transcript t ON t.id = pt.transcript WHERE pt.pass = (SELECT id FROM pass WHERE name = ?1) AND pt.transcript = ?2",
            params![pass, transcript],
            |r| r.get(0),
        )?;
        Ok(same != Some(1))
    }
}

/// What a matrix over participant-transcript units asks: the attributes its columns
/// are by, the `--where` conditions (attribute and accepted values, any case), and
/// whether sub-themes count for their parents.
#[derive(Debug, Clone, Default)]
pub struct UnitQuery<'a> {
    pub by: &'a [String],
    pub wheres: &'a [(String, Vec<String>)],
    pub rollup: bool,
}

/// One column of a matrix: its values (one per `by` attribute, `None`: without it),
/// the distinct participants with a turn having them, and those turns' words.
#[derive(Debug, Clone)]
pub struct UnitColumn {
    pub key: Vec<Option<String>>,
    pub participants: usize,
    pub words: u64,
}

/// One cell (`key` `None`: the Total column): distinct participants with a coded
/// segment, coded segments and their words.
#[derive(Debug, Clone)]
pub struct UnitCell {
    pub position: usize,
    pub key: Option<Vec<Option<String>>>,
    pub participants: usize,
    pub segments: usize,
    pub words: u64,
}

/// A matrix as counted over units: columns, the Total column's participants and
/// words, and every cell.
#[derive(Debug, Clone, Default)]
pub struct UnitMatrix {
    pub columns: Vec<UnitColumn>,
    pub participants: usize,
    pub words: u64,
    pub cells: Vec<UnitCell>,
}

impl Db {
    /// An attribute's value for a participant-transcript unit `pt`, as SQL: `participant`
    /// and `transcript` are themselves attributes; else the attribute of its kind.
    fn unit_value_sql(&self, attr: &str, params: &mut Vec<String>) -> Result<String> {
        Ok(match attr {
            "participant" => "pt.participant".to_owned(),
            "transcript" => "pt.transcript".to_owned(),
            _ => {
                let kind: Option<String> = self.row(
                    "SELECT kind FROM attribute WHERE name = ?1",
                    params![attr],
                    |r| r.get(0),
                )?;
                params.push(attr.to_owned());
                let n = params.len();
                if kind.as_deref() == Some("transcript") {
                    format!(
                        "(SELECT value FROM transcript_value WHERE transcript = pt.transcript AND attribute = ?{n})"
                    )
                } else {
                    format!(
                        "(SELECT value FROM participant_value WHERE participant = pt.participant AND attribute = ?{n})"
                    )
                }
            }
        })
    }

    /// The units (a participant and a transcript they have turns in) that `wheres`
    /// keep, each with its column key, into `temp.unit_key`.
    fn select_units(&self, by: &[String], wheres: &[(String, Vec<String>)]) -> Result<()> {
        let mut params: Vec<String> = Vec::new();
        let mut keys = Vec::new();
        for a in by {
            keys.push(self.unit_value_sql(a, &mut params)?);
        }
        let mut conds = vec!["pt.segments > 0".to_owned()];
        for (a, values) in wheres {
            let e = self.unit_value_sql(a, &mut params)?;
            let mut alts = Vec::new();
            for v in values {
                params.push(v.to_lowercase());
                alts.push(format!("?{}", params.len()));
            }
            conds.push(format!("lower({e}) IN ({})", alts.join(", ")));
        }
        self.batch(
            "CREATE TEMP TABLE IF NOT EXISTS unit_key (participant TEXT NOT NULL, transcript TEXT NOT NULL,
               key TEXT NOT NULL, words INTEGER NOT NULL, PRIMARY KEY (participant, transcript)) WITHOUT ROWID;
             DELETE FROM temp.unit_key;",
        )?;
        let sql = format!(
            "INSERT INTO temp.unit_key (participant, transcript, key, words)
             SELECT pt.participant, pt.transcript, json_array({}), pt.words
             FROM participant_transcript pt JOIN participant p ON p.id = pt.participant
             WHERE {}",
            if keys.is_empty() {
                "NULL".to_owned()
            } else {
                keys.join(", ")
            },
            conds.join(" AND ")
        );
        self.exec(&sql, rusqlite::params_from_iter(params))?;
        Ok(())
    }

    /// Participant turns in the units (a participant and a transcript) that `wheres`
    /// keep: what a share of "all participant segments" is of, under a filter.
    pub fn selected_segments(&self, wheres: &[(String, Vec<String>)]) -> Result<usize> {
        self.select_units(&[], wheres)?;
        let n = self.number(
            "SELECT sum(pt.segments) FROM temp.unit_key uk JOIN participant_transcript pt
               ON pt.participant = uk.participant AND pt.transcript = uk.transcript",
            [],
        );
        self.batch("DELETE FROM temp.unit_key")?;
        n
    }

    /// A pass's matrix by one participant attribute, without filters, from the counts
    /// the pass keeps (`pass_count`, made when it was stored): the same figures as
    /// [`Db::unit_matrix`] without a pass over the units, but no words (`None` for an
    /// attribute of transcripts, where a participant may be in several columns and the
    /// Total is not their sum).
    pub fn counted_matrix(
        &self,
        pass: &str,
        attr: &str,
        rollup: bool,
    ) -> Result<Option<UnitMatrix>> {
        let kind: Option<String> = self.row(
            "SELECT kind FROM attribute WHERE name = ?1",
            params![attr],
            |r| r.get(0),
        )?;
        if kind.as_deref() != Some("participant") {
            return Ok(None);
        }
        // The column sizes the pass keeps (position -1), or, in a project whose passes
        // were stored before it kept them, counted now.
        let kept: Vec<(Option<String>, usize)> = self.rows(
            "SELECT value, participants FROM pass_count
             WHERE pass = (SELECT id FROM pass WHERE name = ?1) AND attribute = ?2 AND position = -1
             ORDER BY value",
            params![pass, attr],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)),
        )?;
        let kept = if kept.is_empty() {
            self.columns(attr)?
        } else {
            kept
        };
        let columns: Vec<UnitColumn> = kept
            .into_iter()
            .map(|(v, participants)| UnitColumn {
                key: vec![v],
                participants,
                words: 0,
            })
            .collect();
        let (p, sg) = if rollup {
            ("participants", "segments")
        } else {
            ("own_participants", "own_segments")
        };
        let rows: Vec<(usize, Option<String>, usize, usize)> = self.rows(
            &format!(
                "SELECT position, value, {p}, {sg} FROM pass_count
                 WHERE pass = (SELECT id FROM pass WHERE name = ?1) AND attribute = ?2
                   AND position >= 0
                 ORDER BY position, value"
            ),
            params![pass, attr],
            |r| {
                Ok((
                    r.get::<_, i64>(0)? as usize,
                    r.get(1)?,
                    r.get::<_, i64>(2)? as usize,
                    r.get::<_, i64>(3)? as usize,
                ))
            },
        )?;
        // Each participant has one value of a participant attribute: a theme's Total is
        // the sum of its columns.
        let mut totals: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        let mut cells = Vec::with_capacity(rows.len());
        for (position, value, participants, segments) in rows {
            let t = totals.entry(position).or_default();
            t.0 += participants;
            t.1 += segments;
            cells.push(UnitCell {
                position,
                key: Some(vec![value]),
                participants,
                segments,
                words: 0,
            });
        }
        cells.extend(
            totals
                .into_iter()
                .map(|(position, (participants, segments))| UnitCell {
                    position,
                    key: None,
                    participants,
                    segments,
                    words: 0,
                }),
        );
        Ok(Some(UnitMatrix {
            participants: columns.iter().map(|c| c.participants).sum(),
            columns,
            words: 0,
            cells,
        }))
    }

    /// A pass's matrix over participant-transcript units: a column's participants are
    /// those with a turn having its values, a cell's those with a coded segment having
    /// them; the Total column counts each participant once, whatever their values.
    pub fn unit_matrix(&self, pass: &str, q: &UnitQuery<'_>) -> Result<UnitMatrix> {
        self.select_units(q.by, q.wheres)?;
        let key_of =
            |s: String| -> Vec<Option<String>> { serde_json::from_str(&s).unwrap_or_default() };
        let columns = self.rows(
            "SELECT key, count(DISTINCT participant), total(words) FROM temp.unit_key GROUP BY key",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)? as usize,
                    r.get::<_, f64>(2)? as u64,
                ))
            },
        )?
        .into_iter()
        .map(|(k, participants, words)| UnitColumn {
            key: key_of(k),
            participants,
            words,
        })
        .collect();
        let mut m = UnitMatrix {
            columns,
            ..UnitMatrix::default()
        };
        if let Some((n, w)) = self.row(
            "SELECT count(DISTINCT participant), total(words) FROM temp.unit_key",
            [],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, f64>(1)? as u64)),
        )? {
            (m.participants, m.words) = (n, w);
        }
        let (flag, segs, words) = if q.rollup {
            ("pu.rollup", "pu.rollup", "pu.rollup_words")
        } else {
            ("pu.own", "pu.own", "pu.own_words")
        };
        for (group, total) in [("pu.position, uk.key", false), ("pu.position", true)] {
            let sql = format!(
                "SELECT pu.position, {key}, count(DISTINCT CASE WHEN {flag} > 0 THEN pu.participant END),
                   sum({segs}), sum({words})
                 FROM pass_unit pu JOIN temp.unit_key uk
                   ON uk.participant = pu.participant AND uk.transcript = pu.transcript
                 WHERE pu.pass = (SELECT id FROM pass WHERE name = ?1)
                 GROUP BY {group} ORDER BY {group}",
                key = if total { "NULL" } else { "uk.key" },
            );
            let rows = self.rows(&sql, params![pass], |r| {
                Ok((
                    r.get::<_, i64>(0)? as usize,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, i64>(2)? as usize,
                    r.get::<_, i64>(3)? as usize,
                    r.get::<_, i64>(4)? as u64,
                ))
            })?;
            m.cells.extend(
                rows.into_iter()
                    .map(|(position, k, participants, segments, words)| UnitCell {
                        position,
                        key: k.map(key_of),
                        participants,
                        segments,
                        words,
                    }),
            );
        }
        self.batch("DELETE FROM temp.unit_key")?;
        Ok(m)
    }

    /// The participant ids with turns, or the transcript ids: the values of the
    /// attributes `participant` and `transcript`.
    pub fn ids_of(&self, attr: &str) -> Result<Vec<String>> {
        match attr {
            "participant" => self.rows(
                "SELECT id FROM participant WHERE segments > 0 ORDER BY id",
                [],
                |r| r.get(0),
            ),
            _ => self.rows("SELECT id FROM transcript ORDER BY id", [], |r| r.get(0)),
        }
    }
}
