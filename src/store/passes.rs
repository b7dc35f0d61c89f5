//! Coding passes in the database: the pass (its codebook's name, version and hash,
//! the time, what it coded), its theme tree, its codings with their evidence, and the
//! counts matrices read. A pass is replaced whole, in one transaction.

use std::path::PathBuf;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Db;
use crate::error::{Error, Problem, Result};
use crate::evidence::Hit;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodebookRecord {
    pub name: String,
    pub version: Option<String>,
    pub sha256: String,
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeRecord {
    pub id: String,
    pub label: Option<String>,
    pub parent: Option<String>,
    /// Segments coded with this theme itself (not its sub-themes).
    pub codings: usize,
}

/// The kind of a pass made by running a codebook's rules (`coda code`, `coda
/// analyse`): automatic codings that no person has reviewed.
pub const AUTO: &str = "auto";

/// The kind of a pass a person coded (`coda import` of a coding sheet or a long-form
/// CSV).
pub const HUMAN: &str = "human";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassHeader {
    pub pass: String,
    /// How the codings were made: [`AUTO`] or [`HUMAN`].
    pub kind: String,
    /// Who coded a [`HUMAN`] pass.
    pub coder: Option<String>,
    pub codebook: CodebookRecord,
    /// When the pass ran (UTC, RFC 3339).
    pub created: String,
    /// Segments read.
    pub segments: usize,
    /// Segments with at least one coding.
    pub coded_segments: usize,
    pub codings: usize,
    /// SHA-256 of the codings in file order: a re-run whose codings are the same keeps
    /// the pass's time.
    pub codings_sha256: String,
    /// Themes in codebook order.
    pub themes: Vec<ThemeRecord>,
}

/// A theme applied to a segment, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodingRecord {
    pub segment: String,
    pub theme: String,
    pub hits: Vec<Hit>,
}

impl PassHeader {
    /// A theme and every theme below it, in codebook order.
    pub fn with_descendants(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_owned()];
        let mut i = 0;
        while i < out.len() {
            let cur = out[i].clone();
            out.extend(
                self.themes
                    .iter()
                    .filter(|t| t.parent.as_deref() == Some(cur.as_str()))
                    .map(|t| t.id.clone()),
            );
            i += 1;
        }
        self.themes
            .iter()
            .filter(|t| out.contains(&t.id))
            .map(|t| t.id.clone())
            .collect()
    }

    /// The themes selected by `--theme` ids: each with its sub-themes. Unknown ids are an
    /// error naming the pass's themes.
    pub fn select(&self, ids: &[String]) -> Result<std::collections::HashSet<String>> {
        self.check_themes(ids)?;
        Ok(ids.iter().flat_map(|t| self.with_descendants(t)).collect())
    }

    /// The codebook positions of the themes `select` selects, sorted.
    pub fn positions(&self, ids: &[String]) -> Result<Vec<usize>> {
        let wanted = self.select(ids)?;
        Ok(self
            .themes
            .iter()
            .enumerate()
            .filter(|(_, t)| wanted.contains(&t.id))
            .map(|(i, _)| i)
            .collect())
    }

    /// Check theme ids, naming those that exist when one does not.
    pub fn check_themes(&self, ids: &[String]) -> Result<()> {
        for id in ids {
            if !self.themes.iter().any(|t| &t.id == id) {
                let known: Vec<&str> = self.themes.iter().map(|t| t.id.as_str()).collect();
                return Err(Error::input(Problem::general(format!(
                    "unknown theme '{id}' in pass '{}'; its themes are: {}",
                    self.pass,
                    known.join(", ")
                ))));
            }
        }
        Ok(())
    }
}

/// A pass name must be short and plain (it names the pass in every command).
pub fn check_name(name: &str) -> Result<()> {
    if name.is_empty()
        || name.len() > 64
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::input(Problem::general(format!(
            "pass name '{name}': use letters, digits, '-' and '_' (at most 64)"
        ))));
    }
    Ok(())
}

const ADD_CODING: &str = "INSERT INTO coding (pass, transcript, number, position, theme, participant, hits, evidence, segment)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/// Adds a pass's codings, its statement prepared once (see [`NewPass::adder`]).
pub struct Adder<'a> {
    pass: &'a NewPass<'a>,
    st: rusqlite::CachedStatement<'a>,
}

impl Adder<'_> {
    /// One coding: `participant` only for a participant's turn; `evidence` the hits
    /// as JSON.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        key: u64,
        transcript: &str,
        number: u64,
        participant: Option<&str>,
        position: usize,
        theme: &str,
        hits: usize,
        evidence: &str,
    ) -> Result<()> {
        self.st
            .execute(params![
                self.pass.id,
                transcript,
                number as i64,
                position as i64,
                theme,
                participant,
                hits as i64,
                evidence,
                key as i64
            ])
            .map(drop)
            .map_err(|e| self.pass.err(e))
    }
}

/// What the matrices count from, made while coding: per participant, transcript and
/// theme position (each theme standing for itself and the themes below it), the
/// participant's segments there coded with the theme itself (`own`), with it or one
/// below (`rollup`), and their words: `[own, rollup, own_words, rollup_words]`. Only
/// rows with `rollup > 0`.
#[derive(Default)]
pub struct Units {
    pub rows: Vec<(String, String, usize, [i64; 4])>,
}

/// Each theme's position with itself and the positions of every theme above it, as
/// `finish` relates them (a cycle of parents stops after as many steps as themes).
pub fn ancestry(themes: &[(&str, Option<&str>)]) -> Vec<Vec<usize>> {
    (0..themes.len())
        .map(|i| {
            let mut out: Vec<usize> = Vec::new();
            let mut cur = Some(i);
            let mut steps = 0;
            while let Some(p) = cur {
                if !out.contains(&p) {
                    out.push(p);
                }
                steps += 1;
                cur = themes[p]
                    .1
                    .and_then(|q| themes.iter().position(|t| t.0 == q))
                    .filter(|_| steps <= themes.len());
            }
            out
        })
        .collect()
}

/// A pass being written, inside the transaction of `coda code`.
pub struct NewPass<'a> {
    db: &'a Db,
    name: String,
    id: i64,
}

impl Db {
    /// Every pass's header, sorted by name.
    pub fn passes(&self) -> Result<Vec<PassHeader>> {
        let names: Vec<String> = self.rows(
            "SELECT name FROM pass WHERE name NOT LIKE char(1) || '%' ORDER BY name",
            [],
            |r| r.get(0),
        )?;
        names.iter().map(|n| self.pass(n)).collect()
    }

    /// A pass's header, or an error naming the passes there are.
    pub fn pass(&self, name: &str) -> Result<PassHeader> {
        match self.find_pass(name)? {
            Some(h) => Ok(h),
            None => {
                let known: Vec<String> = {
                    let mut st = self
                        .conn
                        .prepare("SELECT name FROM pass ORDER BY name")
                        .map_err(|e| self.err(e))?;
                    let rows = st.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
                    rows.collect::<rusqlite::Result<_>>()
                        .map_err(|e| self.err(e))?
                };
                let known = if known.is_empty() {
                    "none yet: run `coda code --codebook FILE`".to_owned()
                } else {
                    known.join(", ")
                };
                Err(Error::input(Problem::general(format!(
                    "no pass '{name}' in the project; passes: {known}"
                ))))
            }
        }
    }

    fn find_pass(&self, name: &str) -> Result<Option<PassHeader>> {
        let head = self
            .conn
            .query_row(
                "SELECT codebook_name, codebook_version, codebook_sha256, codebook_path, created,
                        segments, coded_segments, codings, codings_sha256, kind, coder
                 FROM pass WHERE name = ?1",
                params![name],
                |r| {
                    Ok(PassHeader {
                        pass: name.to_owned(),
                        kind: r.get(9)?,
                        coder: r.get(10)?,
                        codebook: CodebookRecord {
                            name: r.get(0)?,
                            version: r.get(1)?,
                            sha256: r.get(2)?,
                            path: PathBuf::from(r.get::<_, String>(3)?),
                        },
                        created: r.get(4)?,
                        segments: r.get::<_, i64>(5)? as usize,
                        coded_segments: r.get::<_, i64>(6)? as usize,
                        codings: r.get::<_, i64>(7)? as usize,
                        codings_sha256: r.get(8)?,
                        themes: Vec::new(),
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(mut head) = head else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT theme, label, parent, codings FROM pass_theme
                 WHERE pass = (SELECT id FROM pass WHERE name = ?1) ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![name], |r| {
                Ok(ThemeRecord {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    parent: r.get(2)?,
                    codings: r.get::<_, i64>(3)? as usize,
                })
            })
            .map_err(|e| self.err(e))?;
        head.themes = rows
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))?;
        Ok(Some(head))
    }

    /// Begin coding pass `name` anew (in the open transaction, within a savepoint):
    /// its codings go to a pass row of their own, which replaces the old pass at
    /// [`NewPass::finish`]. The old pass's header, if there is one, is returned with it.
    pub fn new_pass(&self, name: &str) -> Result<(NewPass<'_>, Option<PassHeader>)> {
        check_name(name)?;
        let old = self.find_pass(name)?;
        self.batch("SAVEPOINT new_pass")?;
        // The pass row comes first (codings refer to it); its figures are set at the end.
        self.exec(
            "INSERT INTO pass (name, codebook_name, codebook_sha256, codebook_path, created,
               segments, coded_segments, codings, codings_sha256, state)
             VALUES (?1, '', '', '', '', 0, 0, 0, '', '')",
            params![format!("\u{1}new {name}")],
        )?;
        let id = self.conn.last_insert_rowid();
        Ok((
            NewPass {
                db: self,
                name: name.to_owned(),
                id,
            },
            old,
        ))
    }
}

impl NewPass<'_> {
    fn err(&self, e: rusqlite::Error) -> Error {
        self.db.err(e)
    }

    /// Whether the codings written so far and the stored pass's look the same (counts,
    /// hits and the evidence's length): a stored pass edited by hand is not kept.
    pub fn same_as_stored(&self) -> Result<bool> {
        let Some(old) = self.stored_sums()? else {
            return Ok(false);
        };
        Ok(old == self.sums(self.id)?)
    }

    /// Whether the stored pass of this name still names each coded segment as it is
    /// now: its transcript, number and participant (none for an interviewer's turn). A
    /// transcript read again may get back the same segment ids with another speaker,
    /// so equal figures alone do not say the codings are the same.
    pub fn stored_attribution_holds(&self) -> Result<bool> {
        let old: Option<i64> = self.db.row(
            "SELECT id FROM pass WHERE name = ?1",
            params![self.name],
            |r| r.get(0),
        )?;
        let Some(old) = old else {
            return Ok(false);
        };
        let moved: i64 = self
            .db
            .row(
                "SELECT EXISTS (SELECT 1 FROM coding c LEFT JOIN segment s ON s.id = c.segment
                   WHERE c.pass = ?1 AND (s.id IS NULL OR c.transcript IS NOT s.transcript
                     OR c.number IS NOT s.number
                     OR c.participant IS NOT (CASE WHEN s.role = 'interviewer' THEN NULL ELSE s.participant END)))",
                [old],
                |r| r.get(0),
            )?
            .unwrap_or(1);
        Ok(moved == 0)
    }

    /// The figures [`NewPass::same_as_stored`] compares, of the stored pass of this
    /// name (`None` if there is none): its codings, their hits, the evidence's length
    /// in characters, and their segments' keys, summed.
    pub fn stored_sums(&self) -> Result<Option<(i64, f64, f64, f64)>> {
        let old: Option<i64> = self.db.row(
            "SELECT id FROM pass WHERE name = ?1",
            params![self.name],
            |r| r.get(0),
        )?;
        match old {
            Some(old) => self.sums(old).map(Some),
            None => Ok(None),
        }
    }

    fn sums(&self, pass: i64) -> Result<(i64, f64, f64, f64)> {
        self.db
            .row(
                "SELECT count(*), total(hits), total(length(evidence)), total(segment)
                 FROM coding WHERE pass = ?1",
                [pass],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, f64>(1)?,
                        r.get::<_, f64>(2)?,
                        r.get::<_, f64>(3)?,
                    ))
                },
            )
            .map(|s| s.unwrap_or((0, 0.0, 0.0, 0.0)))
    }

    /// Whether the stored pass of this name coded the project as it is now (its state
    /// is the project's).
    pub fn is_current(&self) -> Result<bool> {
        let state: Option<String> = self.db.row(
            "SELECT state FROM pass WHERE name = ?1",
            params![self.name],
            |r| r.get(0),
        )?;
        Ok(state.is_some() && state == self.db.meta("state")?)
    }

    /// The statement that adds codings, prepared once for a pass's many.
    pub fn adder(&self) -> Result<Adder<'_>> {
        let st = self
            .db
            .conn
            .prepare_cached(ADD_CODING)
            .map_err(|e| self.err(e))?;
        Ok(Adder { pass: self, st })
    }

    /// A segment the pass covers (a person's pass: a row of the sheet they coded). A
    /// pass that covers none this way covers every segment.
    pub fn cover(&self, transcript: &str, number: u64) -> Result<()> {
        self.db
            .exec(
                "INSERT OR IGNORE INTO pass_segment (pass, transcript, number) VALUES (?1, ?2, ?3)",
                params![self.id, transcript, number as i64],
            )
            .map(drop)
    }

    /// The pass's figures and theme tree, what it coded (each transcript's content
    /// hash), and the counts matrices read: per participant and theme, then per
    /// attribute value.
    ///
    /// `unchanged`: the codings are those of the pass already stored (same codebook):
    /// everything this pass wrote is undone and the stored pass stays, only marked as
    /// coding the project as it is now.
    pub fn finish(self, header: &PassHeader, unchanged: bool) -> Result<()> {
        self.finish_counted(header, unchanged, None)
    }

    /// As [`NewPass::finish`], with the per-participant-and-transcript counts already
    /// made by whoever wrote the codings (`units`, as [`Units`] says), instead of
    /// counted from the codings written.
    pub fn finish_counted(
        self,
        header: &PassHeader,
        unchanged: bool,
        units: Option<&Units>,
    ) -> Result<()> {
        let state = self.db.meta("state")?.unwrap_or_default();
        if unchanged {
            self.db.batch("ROLLBACK TO new_pass; RELEASE new_pass")?;
            let id = self
                .db
                .row(
                    "SELECT id FROM pass WHERE name = ?1",
                    params![self.name],
                    |r| r.get::<_, i64>(0),
                )?
                .unwrap_or(0);
            self.db.exec(
                "UPDATE pass SET state = ?2 WHERE id = ?1",
                params![id, state],
            )?;
            self.db
                .exec("DELETE FROM pass_transcript WHERE pass = ?1", params![id])?;
            self.db.exec(
                "INSERT INTO pass_transcript (pass, transcript, content_sha256)
                 SELECT ?1, id, content_sha256 FROM transcript",
                params![id],
            )?;
            return Ok(());
        }
        self.db
            .exec("DELETE FROM pass WHERE name = ?1", params![self.name])?;
        let c = &self.db.conn;
        let name = &self.id;
        c.execute(
            "UPDATE pass SET codebook_name = ?2, codebook_version = ?3, codebook_sha256 = ?4,
               codebook_path = ?5, created = ?6, segments = ?7, coded_segments = ?8, codings = ?9,
               codings_sha256 = ?10, state = ?11, name = ?12, kind = ?13, coder = ?14 WHERE id = ?1",
            params![
                name,
                header.codebook.name,
                header.codebook.version,
                header.codebook.sha256,
                header.codebook.path.to_string_lossy(),
                header.created,
                header.segments as i64,
                header.coded_segments as i64,
                header.codings as i64,
                header.codings_sha256,
                state,
                self.name,
                header.kind,
                header.coder
            ],
        )
        .map_err(|e| self.err(e))?;
        {
            let mut t = c
                .prepare(
                    "INSERT INTO pass_theme (pass, position, theme, label, parent, codings)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(|e| self.err(e))?;
            for (i, th) in header.themes.iter().enumerate() {
                t.execute(params![
                    name,
                    i as i64,
                    th.id,
                    th.label,
                    th.parent,
                    th.codings as i64
                ])
                .map_err(|e| self.err(e))?;
            }
        }
        // Each theme with itself and every theme above it.
        c.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS ancestry (position INTEGER, ancestor INTEGER,
               PRIMARY KEY (position, ancestor)) WITHOUT ROWID; DELETE FROM temp.ancestry;",
        )
        .map_err(|e| self.err(e))?;
        {
            let mut a = c
                .prepare("INSERT OR IGNORE INTO temp.ancestry (position, ancestor) VALUES (?1, ?2)")
                .map_err(|e| self.err(e))?;
            for (i, _) in header.themes.iter().enumerate() {
                let mut cur = Some(i);
                let mut steps = 0;
                while let Some(p) = cur {
                    a.execute(params![i as i64, p as i64])
                        .map_err(|e| self.err(e))?;
                    steps += 1;
                    cur = header.themes[p]
                        .parent
                        .as_ref()
                        .and_then(|q| header.themes.iter().position(|t| &t.id == q))
                        .filter(|_| steps <= header.themes.len());
                }
            }
        }
        c.execute(
            "INSERT INTO pass_transcript (pass, transcript, content_sha256)
             SELECT ?1, id, content_sha256 FROM transcript",
            params![name],
        )
        .map_err(|e| self.err(e))?;
        if let Some(units) = units {
            let mut by_participant: std::collections::BTreeMap<(&str, usize), [i64; 2]> =
                Default::default();
            let mut st = c
                .prepare(
                    "INSERT INTO pass_unit (pass, participant, transcript, position, own, rollup, own_words, rollup_words)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(|e| self.err(e))?;
            for (participant, transcript, position, n) in &units.rows {
                st.execute(params![
                    name,
                    participant,
                    transcript,
                    *position as i64,
                    n[0],
                    n[1],
                    n[2],
                    n[3]
                ])
                .map_err(|e| self.err(e))?;
                let p = by_participant
                    .entry((participant.as_str(), *position))
                    .or_default();
                p[0] += n[0];
                p[1] += n[1];
            }
            let mut st = c
                .prepare(
                    "INSERT INTO pass_participant (pass, participant, position, own, rollup)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(|e| self.err(e))?;
            for ((participant, position), n) in by_participant {
                st.execute(params![name, participant, position as i64, n[0], n[1]])
                    .map_err(|e| self.err(e))?;
            }
        } else {
            c.execute(
                "INSERT INTO pass_participant (pass, participant, position, own, rollup)
                 SELECT ?1, participant, ancestor, sum(own), count(*) FROM (
                   SELECT c.participant, a.ancestor, max(c.position = a.ancestor) AS own
                   FROM coding c JOIN temp.ancestry a ON a.position = c.position
                   WHERE c.pass = ?1 AND c.participant IS NOT NULL
                   GROUP BY c.participant, a.ancestor, c.transcript, c.number)
                 GROUP BY participant, ancestor",
                params![name],
            )
            .map_err(|e| self.err(e))?;
            c.execute(
                "INSERT INTO pass_unit (pass, participant, transcript, position, own, rollup, own_words, rollup_words)
                 SELECT ?1, participant, transcript, ancestor, sum(own), count(*), sum(own * words), sum(words) FROM (
                   SELECT c.participant, c.transcript, a.ancestor, max(c.position = a.ancestor) AS own,
                     max(s.words) AS words
                   FROM coding c JOIN temp.ancestry a ON a.position = c.position
                   JOIN segment s ON s.id = c.segment
                   WHERE c.pass = ?1 AND c.participant IS NOT NULL
                   GROUP BY c.participant, a.ancestor, c.transcript, c.number)
                 GROUP BY participant, transcript, ancestor",
                params![name],
            )
            .map_err(|e| self.err(e))?;
        }
        self.db.count_by_value(*name)?;
        self.db.count_columns(*name)?;
        // Each theme's segment keys, sorted, as deltas in LEB128: what `--theme` reads
        // instead of every coding of the theme.
        for position in 0..header.themes.len() {
            let keys: Vec<i64> = self.db.rows(
                "SELECT segment FROM coding WHERE pass = ?1 AND position = ?2 ORDER BY segment",
                params![name, position as i64],
                |r| r.get(0),
            )?;
            let mut blob = Vec::with_capacity(keys.len() * 2);
            let mut last = 0u64;
            for k in keys {
                let k = k as u64;
                let mut d = k - last;
                last = k;
                loop {
                    let byte = (d & 0x7f) as u8;
                    d >>= 7;
                    if d == 0 {
                        blob.push(byte);
                        break;
                    }
                    blob.push(byte | 0x80);
                }
            }
            self.db.exec(
                "UPDATE pass_theme SET keys = ?3 WHERE pass = ?1 AND position = ?2",
                params![name, position as i64, blob],
            )?;
        }
        self.db.batch("RELEASE new_pass")
    }
}

impl Db {
    /// A pass's matrix counts by attribute value, from its per-participant counts and
    /// the participants' attributes as they are now.
    fn count_by_value(&self, pass: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM pass_count WHERE pass = ?1", params![pass])
            .map_err(|e| self.err(e))?;
        self.conn
            .execute(
                "INSERT INTO pass_count (pass, position, attribute, value, participants, segments,
                   own_participants, own_segments)
                 SELECT ?1, pu.position, a.name, coalesce(pv.value, tv.value),
                   count(DISTINCT CASE WHEN pu.rollup > 0 THEN pu.participant END), sum(pu.rollup),
                   count(DISTINCT CASE WHEN pu.own > 0 THEN pu.participant END), sum(pu.own)
                 FROM pass_unit pu
                 JOIN participant p ON p.id = pu.participant AND p.segments > 0
                 CROSS JOIN attribute a
                 LEFT JOIN participant_value pv ON a.kind = 'participant'
                   AND pv.participant = pu.participant AND pv.attribute = a.name
                 LEFT JOIN transcript_value tv ON a.kind = 'transcript'
                   AND tv.transcript = pu.transcript AND tv.attribute = a.name
                 WHERE pu.pass = ?1
                 GROUP BY pu.position, a.name, coalesce(pv.value, tv.value)",
                params![pass],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// A matrix's column sizes, kept with each pass in `pass_count` at position -1:
    /// per participant attribute and value (NULL: without it), the participants with a
    /// turn in the project, as `Db::columns` counts them.
    fn count_columns(&self, pass: i64) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM pass_count WHERE pass = ?1 AND position = -1",
                params![pass],
            )
            .map_err(|e| self.err(e))?;
        self.conn
            .execute(
                "INSERT INTO pass_count (pass, position, attribute, value, participants, segments,
                   own_participants, own_segments)
                 SELECT ?1, -1, a.name, v.value, count(*), 0, 0, 0
                 FROM participant p
                 CROSS JOIN attribute a
                 LEFT JOIN participant_value v ON v.participant = p.id AND v.attribute = a.name
                 WHERE p.segments > 0 AND a.kind = 'participant'
                 GROUP BY a.name, v.value",
                params![pass],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// After an ingest (in its transaction): every pass's matrix counts follow the
    /// participants' attributes as they are now (`people_changed`), its column sizes
    /// the participants with turns (`turns_changed` too), and a pass whose transcripts
    /// are all as it coded them is current for the new state.
    pub fn settle_passes(&self, people_changed: bool, turns_changed: bool) -> Result<()> {
        let state = self.meta("state")?.unwrap_or_default();
        let names: Vec<(i64, String)> = {
            let mut st = self
                .conn
                .prepare("SELECT id, name FROM pass ORDER BY name")
                .map_err(|e| self.err(e))?;
            let rows = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.err(e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| self.err(e))?
        };
        for (id, name) in names {
            if people_changed {
                self.count_by_value(id)?;
            }
            if people_changed || turns_changed {
                self.count_columns(id)?;
            }
            if !self.staleness(&name)?.is_stale() {
                self.exec(
                    "UPDATE pass SET state = ?2 WHERE id = ?1",
                    params![id, state],
                )?;
            }
        }
        Ok(())
    }
}

/// Now as RFC 3339 UTC, to the second.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}
