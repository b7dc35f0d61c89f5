//! `coda code` as a library call: every segment of the project, read from the database
//! in file order, coded by the codebook's compiled rules, and stored as a pass with its
//! evidence and the counts matrices read, in one transaction. Nothing is written if the
//! codebook does not compile.

use crate::codebook::Codebook;
use crate::coding::Engine;
use crate::error::Result;
use crate::progress::Progress;
use crate::store::passes::{check_name, now_rfc3339};
use crate::store::{CodebookRecord, Db, PassHeader, Project, ThemeRecord, ToCode, Units};
use crate::transcript::Role;

/// A batch is sent to the coding thread when it holds this many segments or this many
/// bytes of text.
const BATCH_SEGMENTS: usize = 4096;
const BATCH_BYTES: usize = 2 << 20;

/// What the coding thread counts.
#[derive(Default)]
struct Tally {
    coded: usize,
    codings: usize,
    per_theme: Vec<usize>,
}

/// Segments read from the database, their strings kept in two buffers (names, texts),
/// and once coded, their codings with the evidence as JSON in a third.
#[derive(Default)]
struct Batch {
    texts: String,
    names: String,
    segments: Vec<Segment>,
    evidence: Vec<u8>,
    codings: Vec<Coded>,
    /// The names last pushed, to keep each once while segments repeat it.
    last_transcript: Option<std::ops::Range<usize>>,
    last_participant: Option<std::ops::Range<usize>>,
}

/// A segment of a batch: its strings as ranges of the batch's buffers.
struct Segment {
    key: u64,
    number: u64,
    interviewer: bool,
    words: u64,
    transcript: std::ops::Range<usize>,
    participant: Option<std::ops::Range<usize>>,
    text: std::ops::Range<usize>,
}

/// A coding of a batch's segment: the segment, the theme, its hits and the evidence
/// (a range of the batch's `evidence`).
struct Coded {
    segment: usize,
    theme: usize,
    hits: usize,
    evidence: std::ops::Range<usize>,
}

impl Batch {
    fn clear(&mut self) {
        self.texts.clear();
        self.names.clear();
        self.segments.clear();
        self.evidence.clear();
        self.codings.clear();
        self.last_transcript = None;
        self.last_participant = None;
    }

    fn is_full(&self) -> bool {
        self.segments.len() >= BATCH_SEGMENTS || self.texts.len() >= BATCH_BYTES
    }

    /// `name`'s range in `names`: `last` if that is the same name, else a new one.
    fn name(
        names: &mut String,
        name: &str,
        last: &mut Option<std::ops::Range<usize>>,
    ) -> std::ops::Range<usize> {
        if let Some(r) = last.as_ref().filter(|r| &names[(*r).clone()] == name) {
            return r.clone();
        }
        let start = names.len();
        names.push_str(name);
        *last = Some(start..names.len());
        start..names.len()
    }

    fn push(&mut self, s: ToCode<'_>) {
        let transcript = Self::name(&mut self.names, s.transcript, &mut self.last_transcript);
        let participant = s
            .participant
            .map(|p| Self::name(&mut self.names, p, &mut self.last_participant));
        let start = self.texts.len();
        self.texts.push_str(s.text);
        self.segments.push(Segment {
            key: s.key,
            number: s.number,
            interviewer: s.interviewer,
            words: s.words,
            transcript,
            participant,
            text: start..self.texts.len(),
        });
    }
}

/// Code every segment of the project with `book` and store the result as pass `name`,
/// replacing any pass of that name. A re-run with the same codebook and the same
/// codings keeps the pass's time.
pub fn run_pass(
    project: &Project,
    book: &Codebook,
    name: &str,
    progress: &dyn Progress,
) -> Result<PassHeader> {
    check_name(name)?;
    let engine = Engine::new(book)?;
    let (_lock, db) = project.open_write(false)?;
    db.transaction(|db| code_into(db, book, &engine, name, progress))
}

/// The pass coded into `db`, in the transaction the caller holds (`analyse` codes in its
/// ingest's).
pub fn code_into(
    db: &Db,
    book: &Codebook,
    engine: &Engine,
    name: &str,
    progress: &dyn Progress,
) -> Result<PassHeader> {
    check_name(name)?;
    {
        let (pass, old) = db.new_pass(name)?;
        // A person's pass is never replaced by the rules' codings.
        if let Some(o) = old
            .as_ref()
            .filter(|o| o.kind != crate::store::passes::AUTO)
        {
            return Err(crate::Error::input(crate::Problem::general(format!(
                "pass '{name}' is a person's coding (kind {}, coder {}): `coda code` would replace it with the rules' codings; code into another --pass",
                o.kind,
                o.coder.as_deref().unwrap_or("?")
            ))));
        }
        let codebook = CodebookRecord {
            name: book.name.clone(),
            version: book.version.clone(),
            sha256: book.sha256.clone(),
            path: book
                .path
                .canonicalize()
                .unwrap_or_else(|_| book.path.clone()),
        };
        let header = |run: &Run| PassHeader {
            pass: name.to_owned(),
            kind: crate::store::passes::AUTO.to_owned(),
            coder: None,
            codebook: codebook.clone(),
            created: now_rfc3339(),
            segments: run.segments,
            coded_segments: run.tally.coded,
            codings: run.tally.codings,
            codings_sha256: run.hash.clone(),
            themes: book
                .themes
                .iter()
                .zip(&run.tally.per_theme)
                .map(|(t, n)| ThemeRecord {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    parent: t.parent.clone(),
                    codings: *n,
                })
                .collect(),
        };
        let same_as_old = |h: &PassHeader| {
            old.as_ref().is_some_and(|old| {
                (PassHeader {
                    created: old.created.clone(),
                    ..h.clone()
                }) == *old
            })
        };
        // A re-run of the same codebook on the project as the stored pass coded it is
        // coded without writing, its codings compared by their figures: the same, and
        // the stored pass stays as it is (its time too) as if they had been written and
        // found the same; else (the rules changed, or the pass was edited) it is coded
        // again, written.
        if old.as_ref().is_some_and(|o| o.codebook == codebook) && pass.is_current()? {
            let run = code_all(db, book, engine, &pass, progress, false)?;
            let mut h = header(&run);
            if same_as_old(&h) && pass.stored_sums()? == Some(run.sums.figures()) {
                if let Some(old) = old {
                    h.created = old.created;
                }
                pass.finish(&h, true)?;
                return Ok(h);
            }
        }
        let run = code_all(db, book, engine, &pass, progress, true)?;
        let mut header = header(&run);
        // Same codebook, same codings: the stored pass stays as it is, its time too.
        let unchanged =
            same_as_old(&header) && pass.same_as_stored()? && pass.stored_attribution_holds()?;
        if let Some(old) = old.filter(|_| unchanged) {
            header.created = old.created;
        }
        pass.finish_counted(&header, unchanged, Some(&run.units))?;
        Ok(header)
    }
}

/// What coding every segment gave: segments read, the tally, the codings' hash, and
/// the figures `same_as_stored` compares.
struct Run {
    segments: usize,
    tally: Tally,
    hash: String,
    sums: Sums,
    /// What the matrices count from (when the codings were written).
    units: Units,
}

/// The codings' count, hits, evidence length in characters and segment keys, summed.
#[derive(Default)]
struct Sums {
    codings: u64,
    hits: u64,
    evidence: u64,
    segments: u64,
}

impl Sums {
    /// As SQL's `count(*), total(hits), total(length(evidence)), total(segment)` gives
    /// them (the sums are exact in a double).
    fn figures(&self) -> (i64, f64, f64, f64) {
        (
            self.codings as i64,
            self.hits as f64,
            self.evidence as f64,
            self.segments as f64,
        )
    }
}

/// Code every segment of `db`, in file order; `write`: store the codings in `pass`,
/// else only sum their figures.
fn code_all(
    db: &Db,
    book: &Codebook,
    engine: &Engine,
    pass: &crate::store::NewPass<'_>,
    progress: &dyn Progress,
    write: bool,
) -> Result<Run> {
    let mut segments = 0usize;
    progress.begin("coding", db.num_segments()?);
    // The rules run on one thread per core while this one reads the segments from the
    // database, hashes and writes the codings: batches of segments go one way (a few at
    // a time, reused, so memory stays bounded), their codings come back in any order
    // and are stored in file order.
    let mut failed = None;
    let mut sums = Sums::default();
    let mut units = UnitTally::new(book);
    let coders = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
    let batches = 2 * coders + 2;
    let mut hasher = crate::hash::Hasher::new();
    let (to_coder, inbox) = std::sync::mpsc::sync_channel::<(usize, Batch)>(batches);
    // (Each coded batch with whether its coding finished: a panic in the rules is
    // caught, so the batch still comes back and the run stops with an error, not a
    // wait for a batch that never comes.)
    let (to_store, coded) = std::sync::mpsc::sync_channel::<(usize, Batch, bool)>(batches);
    let inbox = std::sync::Mutex::new(inbox);
    let tally = std::thread::scope(|scope| -> Result<Tally> {
        let inbox = &inbox;
        let workers: Vec<_> = (0..coders)
            .map(|_| {
                let to_store = to_store.clone();
                scope.spawn(move || {
                    let mut tally = Tally {
                        per_theme: vec![0; book.themes.len()],
                        ..Tally::default()
                    };
                    loop {
                        // (The lock is held only to take the next batch.)
                        let next = inbox.lock().map(|i| i.recv());
                        let Ok(Ok((seq, mut b))) = next else { break };
                        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            code_batch(engine, &mut b, &mut tally)
                        }))
                        .is_ok();
                        if to_store.send((seq, b, done)).is_err() || !done {
                            break;
                        }
                    }
                    tally
                })
            })
            .collect();
        drop(to_store);
        let mut adder = if write { Some(pass.adder()?) } else { None };
        let themes: Vec<&str> = book.themes.iter().map(|t| t.id.as_str()).collect();
        let sums = &mut sums;
        let units = &mut units;
        let hasher = &mut hasher;
        let mut store = |b: &Batch| -> Result<()> {
            hash_batch(book, b, hasher);
            if write {
                for group in b.codings.chunk_by(|x, y| x.segment == y.segment) {
                    let s = &b.segments[group[0].segment];
                    if let Some(p) = s.participant.clone() {
                        units.segment(
                            &b.names[s.transcript.clone()],
                            &b.names[p],
                            s.words,
                            group.iter().map(|c| c.theme),
                        );
                    }
                }
            }
            for c in &b.codings {
                let s = &b.segments[c.segment];
                let evidence = std::str::from_utf8(&b.evidence[c.evidence.clone()])
                    .expect("evidence is JSON text");
                let Some(adder) = adder.as_mut() else {
                    sums.codings += 1;
                    sums.hits += c.hits as u64;
                    sums.evidence += evidence.chars().count() as u64;
                    sums.segments += s.key;
                    continue;
                };
                adder.add(
                    s.key,
                    &b.names[s.transcript.clone()],
                    s.number,
                    s.participant.clone().map(|p| &b.names[p]),
                    c.theme,
                    themes[c.theme],
                    c.hits,
                    evidence,
                )?;
            }
            Ok(())
        };
        let stopped = || crate::Error::Index("the coding thread stopped".into());
        let mut free: Vec<Batch> = (1..batches).map(|_| Batch::default()).collect();
        let mut batch = Batch::default();
        // Coded batches come back in any order: each is stored in its turn (`next`),
        // those ahead of it wait in `ahead`.
        let mut ahead: std::collections::BTreeMap<usize, Batch> = Default::default();
        let (mut sent, mut next) = (0usize, 0usize);
        let mut take = |(seq, b, done): (usize, Batch, bool),
                        free: &mut Vec<Batch>,
                        store: &mut dyn FnMut(&Batch) -> Result<()>|
         -> Result<()> {
            if !done {
                return Err(stopped());
            }
            ahead.insert(seq, b);
            while let Some(mut b) = ahead.remove(&next) {
                next += 1;
                store(&b)?;
                b.clear();
                free.push(b);
            }
            Ok(())
        };
        let read = db.for_each_to_code(|s| {
            segments += 1;
            progress.advance(std::path::Path::new(""));
            batch.push(s);
            if batch.is_full() {
                // The next batch to fill: a free one, else one coded and stored.
                while free.is_empty() {
                    let b = coded.recv().map_err(|_| stopped())?;
                    take(b, &mut free, &mut store)?;
                }
                let fresh = free.pop().expect("a free batch");
                to_coder
                    .send((sent, std::mem::replace(&mut batch, fresh)))
                    .map_err(|_| stopped())?;
                sent += 1;
            }
            Ok(())
        });
        if read.is_ok() && !batch.segments.is_empty() {
            to_coder.send((sent, batch)).map_err(|_| stopped())?;
        }
        drop(to_coder);
        if let Err(e) = read {
            failed = Some(e);
        }
        for b in coded.iter() {
            if failed.is_none()
                && let Err(e) = take(b, &mut free, &mut store)
            {
                failed = Some(e);
            }
        }
        let mut tally = Tally {
            per_theme: vec![0; book.themes.len()],
            ..Tally::default()
        };
        for w in workers {
            let t = w.join().map_err(|_| stopped())?;
            tally.coded += t.coded;
            tally.codings += t.codings;
            for (all, n) in tally.per_theme.iter_mut().zip(t.per_theme) {
                *all += n;
            }
        }
        Ok(tally)
    })?;
    let hash = hasher.finish();
    if let Some(e) = failed {
        return Err(e);
    }
    progress.end();
    Ok(Run {
        segments,
        tally,
        hash,
        sums,
        units: units.finish(),
    })
}

/// Code a batch's segments into its codings, in order: the tally counted and the
/// codings hashed as they are found.
fn code_batch(engine: &Engine, b: &mut Batch, tally: &mut Tally) {
    b.evidence.clear();
    b.codings.clear();
    for (i, s) in b.segments.iter().enumerate() {
        let role = if s.interviewer {
            Role::Interviewer
        } else {
            Role::Participant
        };
        let found = engine.code(&b.texts[s.text.clone()], role);
        if found.is_empty() {
            continue;
        }
        tally.coded += 1;
        for f in found {
            tally.per_theme[f.theme] += 1;
            tally.codings += 1;
            let start = b.evidence.len();
            serde_json::to_writer(&mut b.evidence, &f.hits).expect("evidence serialises");
            let evidence = start..b.evidence.len();
            b.codings.push(Coded {
                segment: i,
                theme: f.theme,
                hits: f.hits.len(),
                evidence,
            });
        }
    }
}

/// A coded batch's codings into the hash, in file order (a re-run with the same
/// codings keeps the pass's time).
fn hash_batch(book: &Codebook, b: &Batch, hasher: &mut crate::hash::Hasher) {
    let mut number = String::new();
    for c in &b.codings {
        let s = &b.segments[c.segment];
        number.clear();
        {
            use std::fmt::Write;
            write!(number, "{}", s.number).expect("a number formats");
        }
        for part in [
            b.names[s.transcript.clone()].as_bytes(),
            number.as_bytes(),
            book.themes[c.theme].id.as_bytes(),
            &b.evidence[c.evidence.clone()],
        ] {
            hasher.update(part);
            hasher.update(b"\0");
        }
    }
}

/// [`Units`] counted segment by segment, in file order (a transcript's segments one
/// after another).
struct UnitTally {
    ancestry: Vec<Vec<usize>>,
    transcript: String,
    /// The transcript's participants so far, each with a count per theme position.
    here: Vec<(String, Vec<[i64; 4]>)>,
    units: Units,
    seen: Vec<bool>,
    reached: Vec<usize>,
}

impl UnitTally {
    fn new(book: &Codebook) -> UnitTally {
        let themes: Vec<(&str, Option<&str>)> = book
            .themes
            .iter()
            .map(|t| (t.id.as_str(), t.parent.as_deref()))
            .collect();
        UnitTally {
            ancestry: crate::store::passes::ancestry(&themes),
            transcript: String::new(),
            here: Vec::new(),
            units: Units::default(),
            seen: vec![false; themes.len()],
            reached: Vec::new(),
        }
    }

    /// A participant's segment of `words` words coded with the themes at `positions`.
    fn segment(
        &mut self,
        transcript: &str,
        participant: &str,
        words: u64,
        positions: impl Iterator<Item = usize> + Clone,
    ) {
        if transcript != self.transcript {
            self.flush();
            self.transcript.clear();
            self.transcript.push_str(transcript);
        }
        let n = self.ancestry.len();
        let i = match self.here.iter().position(|(p, _)| p == participant) {
            Some(i) => i,
            None => {
                self.here.push((participant.to_owned(), vec![[0; 4]; n]));
                self.here.len() - 1
            }
        };
        for p in positions.clone() {
            for &a in &self.ancestry[p] {
                if !self.seen[a] {
                    self.seen[a] = true;
                    self.reached.push(a);
                }
            }
        }
        let counts = &mut self.here[i].1;
        let words = words as i64;
        for a in self.reached.drain(..) {
            self.seen[a] = false;
            let own = i64::from(positions.clone().any(|p| p == a));
            let c = &mut counts[a];
            c[0] += own;
            c[1] += 1;
            c[2] += own * words;
            c[3] += words;
        }
    }

    /// The transcript's counts into the rows.
    fn flush(&mut self) {
        for (participant, counts) in self.here.drain(..) {
            for (position, c) in counts.into_iter().enumerate() {
                if c[1] > 0 {
                    self.units.rows.push((
                        participant.clone(),
                        self.transcript.clone(),
                        position,
                        c,
                    ));
                }
            }
        }
    }

    fn finish(mut self) -> Units {
        self.flush();
        self.units
    }
}
