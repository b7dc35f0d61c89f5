//! What `coda ingest` writes, inside the one transaction the ingest runs in: each
//! transcript as it is read (its segments replaced only when their content changed),
//! then the participants and attributes, then which transcripts the index must take
//! again. Temp tables hold what the ingest learns on the way (`seen`, `reindex`), so
//! nothing grows in memory with the number of transcripts.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};

use super::db::At;

use super::Db;
use crate::corpus::Segment;
use crate::error::{Problem, Result};

/// A transcript as read this time, for [`Ingesting::put`].
pub struct TranscriptIn<'a> {
    pub id: &'a str,
    pub path: &'a Path,
    pub sha256: &'a str,
    pub content_sha256: &'a str,
    pub format: &'a str,
    pub encoding: &'a str,
    pub tokens: u64,
    pub segments: &'a [Segment],
    pub warnings: &'a [Problem],
    /// The transcript's attributes (transcripts sheet and front matter), by name.
    pub attributes: &'a BTreeMap<String, String>,
}

/// A participant as the corpus knows it, for [`Ingesting::set_participants`].
pub struct ParticipantIn<'a> {
    pub id: &'a str,
    /// Participant segments in the files read this time.
    pub segments: usize,
    /// The transcripts read this time that they speak in.
    pub transcripts: Vec<&'a str>,
    pub attributes: Vec<(&'a str, &'a str)>,
}

/// An ingest in progress: its transaction is open.
pub struct Ingesting<'a> {
    db: &'a Db,
    /// A transcript's row changed (its file, path or segments), or one was added.
    touched: std::cell::Cell<bool>,
}

impl Db {
    /// Record the index generation and stamp this state is searched with (in the open
    /// transaction).
    pub fn set_index_state(&self, generation: &str, stamp: &str) -> Result<()> {
        self.set_meta("index", generation)?;
        self.set_meta("index_stamp", stamp)
    }

    /// Transcripts, segments and warnings in the project.
    pub fn totals(&self) -> Result<(usize, usize, usize)> {
        Ok((
            self.number("SELECT count(*) FROM transcript", [])?,
            self.number("SELECT sum(segments) FROM transcript", [])?,
            self.number("SELECT count(*) FROM transcript_warning", [])?,
        ))
    }

    /// The last ingest's participants sheet (path and hash) and interviewer labels.
    pub fn settings(&self) -> Result<(Option<PathBuf>, Vec<String>)> {
        let sheet = self.meta("participants_sheet")?.map(PathBuf::from);
        let labels = match self.meta("interviewer_labels")? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => Vec::new(),
        };
        Ok((sheet, labels))
    }

    /// Each transcript's id and path, in id order.
    pub fn transcript_paths(&self) -> Result<Vec<(String, PathBuf)>> {
        self.rows("SELECT id, path FROM transcript ORDER BY id", [], |r| {
            Ok((r.get(0)?, path_of(r, 1)?))
        })
    }

    /// Start an ingest: its transaction, and the temp tables it keeps its notes in.
    pub fn ingesting(&self) -> Result<Ingesting<'_>> {
        self.begin()?;
        let r = self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, status INTEGER NOT NULL) WITHOUT ROWID;
             CREATE TEMP TABLE IF NOT EXISTS reindex (id TEXT PRIMARY KEY) WITHOUT ROWID;
             DELETE FROM temp.seen; DELETE FROM temp.reindex;",
        );
        if let Err(e) = r {
            self.rollback();
            return Err(self.err(e));
        }
        Ok(Ingesting {
            db: self,
            touched: std::cell::Cell::new(false),
        })
    }
}

/// A transcript's status in `seen`.
pub const ADDED: i64 = 0;
pub const CHANGED: i64 = 1;
pub const UNCHANGED: i64 = 2;

impl Ingesting<'_> {
    fn err(&self, e: rusqlite::Error) -> crate::Error {
        self.db.err(e)
    }

    /// A transcript read this time: its row written, and its segments unless the
    /// project has them already. Returns the keys of the segments written (none when
    /// the project had them). `indexed`: the transcript's indexed hash, when the caller
    /// indexes it now.
    pub fn put(&self, t: &TranscriptIn<'_>, indexed: Option<&str>) -> Result<Vec<u64>> {
        let c = &self.db.conn;
        let path = path_value(t.path);
        let old: Option<(String, String, rusqlite::types::Value)> = c
            .prepare_cached("SELECT content_sha256, sha256, path FROM transcript WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row(params![t.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .map_err(|e| self.err(e))?;
        let status = match &old {
            None => ADDED,
            Some((h, _, _)) if h != t.content_sha256 => CHANGED,
            Some(_) => UNCHANGED,
        };
        if status != UNCHANGED
            || old
                .as_ref()
                .is_some_and(|(_, sha, p)| sha != t.sha256 || *p != path)
        {
            self.touched.set(true);
        }
        c.prepare_cached(
            "INSERT INTO transcript (id, path, sha256, content_sha256, indexed_sha256, format, encoding, segments, tokens)
             VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256,
               content_sha256 = excluded.content_sha256, format = excluded.format,
               encoding = excluded.encoding, segments = excluded.segments, tokens = excluded.tokens",
        )
        .and_then(|mut s| {
            s.execute(params![
                t.id,
                path,
                t.sha256,
                t.content_sha256,
                t.format,
                t.encoding,
                t.segments.len() as i64,
                t.tokens as i64
            ])
        })
        .map_err(|e| self.err(e))?;
        c.prepare_cached("DELETE FROM transcript_warning WHERE transcript = ?1")
            .and_then(|mut s| s.execute(params![t.id]))
            .map_err(|e| self.err(e))?;
        {
            let mut w = c
                .prepare_cached(
                    "INSERT INTO transcript_warning (transcript, n, line, message) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(|e| self.err(e))?;
            for (n, p) in t.warnings.iter().enumerate() {
                w.execute(params![t.id, n as i64, p.line.map(|l| l as i64), p.message])
                    .map_err(|e| self.err(e))?;
            }
        }
        c.prepare_cached("DELETE FROM transcript_value WHERE transcript = ?1")
            .and_then(|mut s| s.execute(params![t.id]))
            .map_err(|e| self.err(e))?;
        {
            let mut w = c
                .prepare_cached(
                    "INSERT INTO transcript_value (transcript, attribute, value) VALUES (?1, ?2, ?3)",
                )
                .map_err(|e| self.err(e))?;
            for (k, v) in t.attributes {
                w.execute(params![t.id, k, v]).map_err(|e| self.err(e))?;
            }
        }
        let mut written = Vec::new();
        if status != UNCHANGED {
            if status == CHANGED {
                c.prepare_cached("DELETE FROM segment WHERE transcript = ?1")
                    .and_then(|mut s| s.execute(params![t.id]))
                    .map_err(|e| self.err(e))?;
            }
            let mut keys = Vec::with_capacity(t.segments.len());
            let mut ins = c
                .prepare_cached(
                    "INSERT INTO segment (transcript, number, speaker, role, participant, start_ms, end_ms, line_start, line_end, text, words)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(|e| self.err(e))?;
            for s in t.segments {
                ins.execute(params![
                    s.transcript,
                    s.number as i64,
                    s.speaker,
                    s.role.as_str(),
                    s.participant,
                    s.start_ms.map(|v| v as i64),
                    s.end_ms.map(|v| v as i64),
                    s.lines.0 as i64,
                    s.lines.1 as i64,
                    s.text,
                    words(&s.text) as i64
                ])
                .map_err(|e| self.err(e))?;
                keys.push(c.last_insert_rowid() as u64);
            }
            written = keys;
        }
        if let Some(h) = indexed {
            self.db.exec(
                "UPDATE transcript SET indexed_sha256 = ?2 WHERE id = ?1",
                params![t.id, h],
            )?;
        }
        c.prepare_cached("INSERT OR REPLACE INTO temp.seen (id, status) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![t.id, status]))
            .map_err(|e| self.err(e))?;
        Ok(written)
    }

    /// Transcripts of the project not read this time, with their paths.
    pub fn unseen(&self) -> Result<Vec<(String, PathBuf)>> {
        self.db.rows(
            "SELECT id, path FROM transcript WHERE id NOT IN (SELECT id FROM temp.seen) ORDER BY id",
            [],
            |r| Ok((r.get(0)?, path_of(r, 1)?)),
        )
    }

    /// Remove a transcript (its file is gone), with its segments.
    pub fn remove(&self, id: &str) -> Result<()> {
        self.db
            .conn
            .execute("DELETE FROM transcript WHERE id = ?1", params![id])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Replace the participants and their attributes with those read this time. The
    /// participants of transcripts kept from before (their files could not be read this
    /// time) stay, with their previous attribute values where nothing read this time
    /// gives one (front matter in the unreadable file); every participant's segments
    /// and transcripts are then counted from the segments the project holds.
    /// `attributes` and `transcript_attributes`: the names of each kind read this time
    /// (the transcripts' values were written by [`Ingesting::put`]; those of transcripts
    /// kept from before stay).
    pub fn set_participants<'p>(
        &self,
        attributes: &[String],
        transcript_attributes: &[String],
        people: impl Iterator<Item = ParticipantIn<'p>>,
    ) -> Result<()> {
        let c = &self.db.conn;
        c.execute_batch(
            "DROP TABLE IF EXISTS temp.old_values;
             CREATE TEMP TABLE old_values AS SELECT participant, attribute, value FROM participant_value;
             DELETE FROM participant_value; DELETE FROM participant_transcript;
             DELETE FROM participant; DELETE FROM attribute;",
        )
        .map_err(|e| self.err(e))?;
        {
            let mut a = c
                .prepare("INSERT INTO attribute (name) VALUES (?1)")
                .map_err(|e| self.err(e))?;
            for name in attributes {
                a.execute(params![name]).map_err(|e| self.err(e))?;
            }
            let mut a = c
                .prepare("INSERT OR IGNORE INTO attribute (name, kind) VALUES (?1, 'transcript')")
                .map_err(|e| self.err(e))?;
            for name in transcript_attributes {
                a.execute(params![name]).map_err(|e| self.err(e))?;
            }
            let mut p = c
                .prepare("INSERT INTO participant (id, segments) VALUES (?1, ?2)")
                .map_err(|e| self.err(e))?;
            let mut pt = c
                .prepare("INSERT OR IGNORE INTO participant_transcript (participant, transcript) VALUES (?1, ?2)")
                .map_err(|e| self.err(e))?;
            let mut pv = c
                .prepare(
                    "INSERT INTO participant_value (participant, attribute, value) VALUES (?1, ?2, ?3)",
                )
                .map_err(|e| self.err(e))?;
            for person in people {
                p.execute(params![person.id, person.segments as i64])
                    .map_err(|e| self.err(e))?;
                for t in &person.transcripts {
                    pt.execute(params![person.id, t]).map_err(|e| self.err(e))?;
                }
                for (k, v) in &person.attributes {
                    pv.execute(params![person.id, k, v])
                        .map_err(|e| self.err(e))?;
                }
            }
        }
        c.execute_batch(
            "DROP TABLE IF EXISTS temp.kept_counts;
             CREATE TEMP TABLE kept_counts AS SELECT s.participant AS id, s.transcript, count(*) AS n
               FROM transcript t JOIN segment s ON s.transcript = t.id
               WHERE t.id NOT IN (SELECT id FROM temp.seen) AND s.participant IS NOT NULL
               GROUP BY s.participant, s.transcript;
             DROP TABLE IF EXISTS temp.kept_people;
             CREATE TEMP TABLE kept_people AS SELECT DISTINCT id FROM temp.kept_counts;
             INSERT INTO participant (id, segments) SELECT id, 0 FROM temp.kept_people
               WHERE id NOT IN (SELECT id FROM participant);
             INSERT OR IGNORE INTO attribute (name) SELECT DISTINCT attribute FROM temp.old_values
               WHERE participant IN (SELECT id FROM temp.kept_people);
             INSERT OR IGNORE INTO participant_value (participant, attribute, value)
               SELECT participant, attribute, value FROM temp.old_values
               WHERE participant IN (SELECT id FROM temp.kept_people);
             UPDATE participant SET segments = segments +
               (SELECT sum(n) FROM temp.kept_counts k WHERE k.id = participant.id)
               WHERE id IN (SELECT id FROM temp.kept_people);
             INSERT OR IGNORE INTO participant_transcript (participant, transcript)
               SELECT id, transcript FROM temp.kept_counts;
             DELETE FROM transcript_value WHERE attribute IN
               (SELECT name FROM attribute WHERE kind = 'participant');
             INSERT OR IGNORE INTO attribute (name, kind)
               SELECT DISTINCT attribute, 'transcript' FROM transcript_value;
             DELETE FROM attribute_value;
             INSERT INTO attribute_value (attribute, value)
               SELECT attribute, value FROM participant_value
               UNION SELECT attribute, value FROM transcript_value;
             DELETE FROM participant_transcript;
             INSERT INTO participant_transcript (participant, transcript, segments, words)
               SELECT s.participant, s.transcript, count(*), total(s.words) FROM segment s
               WHERE s.participant IS NOT NULL AND s.role = 'participant'
                 AND s.participant IN (SELECT id FROM participant)
               GROUP BY s.participant, s.transcript;
             DROP TABLE temp.kept_people; DROP TABLE temp.kept_counts; DROP TABLE temp.old_values;",
        )
        .map_err(|e| self.err(e))
    }

    /// Each transcript's indexed hash made anew from its content and its participants'
    /// attributes ([`attributes_json`]); transcripts whose hash changed are marked for
    /// the index. Returns how many read this time were added, changed and unchanged.
    pub fn settle(&self, hash: &dyn Fn(&str, &str) -> String) -> Result<(usize, usize, usize)> {
        type Current = (
            String,
            String,
            String,
            Vec<(String, BTreeMap<String, String>)>,
        );
        let mut updates: Vec<(String, String)> = Vec::new();
        let mut current: Option<Current> = None;
        let mut own: std::collections::HashMap<String, BTreeMap<String, String>> =
            Default::default();
        self.db.each_row(
            "SELECT transcript, attribute, value FROM transcript_value",
            [],
            |r| {
                own.entry(r.get(0).at(self.db)?)
                    .or_default()
                    .insert(r.get(1).at(self.db)?, r.get(2).at(self.db)?);
                Ok(())
            },
        )?;
        let none = BTreeMap::new();
        let mut flush = |c: Option<Current>| {
            if let Some((id, content, old, people)) = c {
                let new = hash(
                    &content,
                    &indexed_attributes(&people, own.get(&id).unwrap_or(&none)),
                );
                if new != old {
                    updates.push((id, new));
                }
            }
        };
        self.db.each_row(
            "SELECT t.id, t.content_sha256, t.indexed_sha256, pt.participant, v.attribute, v.value
             FROM transcript t
             LEFT JOIN participant_transcript pt ON pt.transcript = t.id
             LEFT JOIN participant_value v ON v.participant = pt.participant
             ORDER BY t.id, pt.participant, v.attribute",
            [],
            |r| {
                let id: String = r.get(0).at(self.db)?;
                if current.as_ref().is_none_or(|c| c.0 != id) {
                    flush(current.take());
                    current = Some((id, r.get(1).at(self.db)?, r.get(2).at(self.db)?, Vec::new()));
                }
                let people = &mut current.as_mut().expect("set above").3;
                if let Some(p) = r.get::<_, Option<String>>(3).at(self.db)? {
                    if people.last().is_none_or(|(q, _)| *q != p) {
                        people.push((p, BTreeMap::new()));
                    }
                    if let (Some(k), Some(v)) = (
                        r.get::<_, Option<String>>(4).at(self.db)?,
                        r.get::<_, Option<String>>(5).at(self.db)?,
                    ) {
                        people.last_mut().expect("pushed").1.insert(k, v);
                    }
                }
                Ok(())
            },
        )?;
        flush(current.take());
        for (id, h) in &updates {
            self.db.exec(
                "UPDATE transcript SET indexed_sha256 = ?2 WHERE id = ?1",
                params![id, h],
            )?;
            self.db.exec(
                "INSERT OR IGNORE INTO temp.reindex (id) VALUES (?1)",
                params![id],
            )?;
        }
        let seen = self.db.number("SELECT count(*) FROM temp.seen", [])?;
        let added = self.db.number(
            &format!("SELECT count(*) FROM temp.seen WHERE status = {ADDED}"),
            [],
        )?;
        let changed = self.db.number(
            "SELECT count(*) FROM temp.seen s JOIN temp.reindex r ON r.id = s.id WHERE s.status != 0",
            [],
        )?;
        Ok((added, changed, seen - added - changed))
    }

    /// The transcripts the index must take again, in id order: those whose indexed
    /// hash changed and whose segments were written this time (the index holds the
    /// segments only; a change of their participants' attributes alone leaves it as it is).
    pub fn to_reindex(&self) -> Result<Vec<String>> {
        self.db.rows(
            &format!(
                "SELECT id FROM temp.reindex
                 WHERE id NOT IN (SELECT id FROM temp.seen WHERE status = {UNCHANGED}) ORDER BY id"
            ),
            [],
            |r| r.get(0),
        )
    }

    /// The settings and the index state of this ingest.
    pub fn finish_settings(
        &self,
        sheet: Option<&Path>,
        labels: &[String],
        participants_sha256: &str,
    ) -> Result<()> {
        self.db
            .set_meta("participants_sha256", participants_sha256)?;
        match sheet {
            Some(p) => self
                .db
                .set_meta("participants_sheet", &p.to_string_lossy())?,
            None => {
                self.db
                    .conn
                    .execute("DELETE FROM meta WHERE key = 'participants_sheet'", [])
                    .map_err(|e| self.err(e))?;
            }
        }
        self.db.set_meta(
            "interviewer_labels",
            &serde_json::to_string(labels).expect("labels serialise"),
        )?;
        // The project's state: every transcript's indexed hash, so that a pass can
        // tell it coded another state.
        let mut h = crate::hash::Hasher::new();
        {
            let mut st = self
                .db
                .conn
                .prepare("SELECT id, indexed_sha256 FROM transcript ORDER BY id")
                .map_err(|e| self.err(e))?;
            let mut rows = st.query([]).map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                let id: String = r.get(0).map_err(|e| self.err(e))?;
                let x: String = r.get(1).map_err(|e| self.err(e))?;
                h.update(id.as_bytes());
                h.update(b"\0");
                h.update(x.as_bytes());
                h.update(b"\n");
            }
        }
        self.db.set_meta("state", &h.finish())?;
        let tokens = self.db.number("SELECT sum(tokens) FROM transcript", [])?;
        self.db.set_meta("text_tokens", &tokens.to_string())
    }

    /// A setting of the project (`meta`), or none.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.db.set_meta(key, v),
            None => self
                .db
                .conn
                .execute("DELETE FROM meta WHERE key = ?1", params![key])
                .map(drop)
                .map_err(|e| self.err(e)),
        }
    }

    /// Record the index generation and stamp this state is searched with.
    pub fn set_index(&self, generation: &str, stamp: &str) -> Result<()> {
        self.db.set_index_state(generation, stamp)
    }

    /// Commit the ingest.
    pub fn commit(self) -> Result<()> {
        self.db.commit()
    }

    /// Write nothing: nothing changed.
    pub fn abandon(self) {
        self.db.rollback();
    }

    pub fn db(&self) -> &Db {
        self.db
    }

    /// Whether a transcript was added, or its file, path or segments changed.
    pub fn touched(&self) -> bool {
        self.touched.get()
    }
}

/// A path as the database keeps it: text when it is UTF-8, else its bytes (a file name
/// in another encoding is kept exactly, to be found again).
fn path_value(p: &Path) -> rusqlite::types::Value {
    use std::os::unix::ffi::OsStrExt;
    match p.to_str() {
        Some(s) => rusqlite::types::Value::Text(s.to_owned()),
        None => rusqlite::types::Value::Blob(p.as_os_str().as_bytes().to_vec()),
    }
}

/// A path kept by [`path_value`].
pub(super) fn path_of(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => b.to_vec(),
        _ => Vec::new(),
    };
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(&bytes)))
}

/// The attributes of a transcript's participants as its indexed hash covers them:
/// `[[participant, {name: value, ...}], ...]`, participants and names sorted.
pub fn attributes_json(people: &[(String, BTreeMap<String, String>)]) -> String {
    serde_json::to_string(people).expect("attributes serialise")
}

/// What a transcript's indexed hash covers besides its content: its participants'
/// attributes ([`attributes_json`]), then its own attributes when it has any.
pub fn indexed_attributes(
    people: &[(String, BTreeMap<String, String>)],
    own: &BTreeMap<String, String>,
) -> String {
    let mut s = attributes_json(people);
    if !own.is_empty() {
        s.push('\n');
        s.push_str(&serde_json::to_string(own).expect("attributes serialise"));
    }
    s
}

/// The words of a segment's text, as `--count words` sums them: runs of letters or
/// digits (`don't` is one word, `-` none).
pub fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
