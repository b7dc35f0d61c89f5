//! A set of transcripts read together with a participants sheet: every segment
//! attributed to a participant, every participant with its attributes. `Corpus::stream`
//! is the front door; it never prints, and collects per-file problems so that the
//! good files still go through.

pub mod aside;
mod discover;
pub mod looks;
pub mod people;
pub mod redact;
mod registry;
pub mod sheet;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::error::{Error, Problem, Result};
use crate::progress::Progress;
use crate::transcript::{self, Encoding, Format, Kind, Role, Speakers};
pub use people::{Participant, People};
use registry::Registry;
pub use sheet::Sheet;

/// The PATH arguments, one at a time (a re-ingest names every file of the project).
pub type Paths<'a> = Box<dyn Iterator<Item = Result<PathBuf>> + 'a>;

/// How to read a corpus.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The participants sheet, if any.
    pub participants: Option<PathBuf>,
    /// The transcripts sheet (a `transcript` column, then transcript attributes), if any.
    pub transcripts: Option<PathBuf>,
    /// Labels to treat as interviewers besides the defaults.
    pub interviewer_labels: Vec<String>,
    /// Names to replace with `[NAME]` in every turn's text and speaker label.
    pub redact: Option<redact::Redactor>,
}

/// One speaker turn, attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The transcript id (file stem).
    pub transcript: String,
    /// 1-based position in the transcript, interviewer turns included.
    pub number: usize,
    pub speaker: String,
    pub role: Role,
    /// The participant id; `None` for interviewer turns.
    pub participant: Option<String>,
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    pub text: String,
    /// First and last line in the source file (1-based, inclusive).
    pub lines: (usize, usize),
}

impl Segment {
    /// The `number`th turn of a transcript, attributed to `participant`.
    fn of_turn(
        transcript: &str,
        number: usize,
        turn: transcript::Turn,
        participant: Option<String>,
    ) -> Segment {
        Segment {
            transcript: transcript.to_owned(),
            number,
            speaker: turn.speaker,
            role: turn.role,
            participant,
            start_ms: turn.start_ms,
            end_ms: turn.end_ms,
            text: turn.text,
            lines: turn.lines,
        }
    }

    /// `<transcript id>#<segment number>`.
    pub fn id(&self) -> String {
        format!("{}#{}", self.transcript, self.number)
    }
}

/// One transcript file that was read.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    /// The path as found (as given on the command line, or under a given folder).
    pub path: PathBuf,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    pub format: Format,
    pub encoding: Encoding,
    /// The segments, in file order.
    pub segments: Vec<Segment>,
    pub warnings: Vec<Problem>,
    /// Remarks kept with the transcript in the project (`coda sources`, `summary.md`)
    /// but not printed file by file: one line for the corpus says them all (a generic
    /// label read as this transcript's own participant).
    pub notes: Vec<Problem>,
    /// What looks wrong in how the file was read (`coda check` shows them in full).
    pub looks: Vec<Problem>,
    /// The label shapes the file's turns were found in.
    pub shapes: Vec<&'static str>,
    /// The participants who speak in this file, sorted, each with the attributes known
    /// when it was read (sorted by name): a later file's front matter may add to them.
    pub known: Vec<(String, BTreeMap<String, String>)>,
    /// This transcript's own attributes (from the transcripts sheet and its front
    /// matter), sorted by name: final once the file is read.
    pub transcript_attributes: BTreeMap<String, String>,
    /// Every attribute name known when this file was read, of either kind, sorted.
    pub attribute_names: Vec<String>,
    kind: Kind,
    /// Each speaker label as written, with the participant it was attributed to, sorted:
    /// a second reading of the file attributes its turns the same way.
    attribution: Vec<(String, Option<String>)>,
}

/// What a second reading of a streamed source needs (besides its turns, if they were
/// set aside, [`aside`]): small enough to keep for every transcript of a corpus.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reread {
    pub id: String,
    pub path: PathBuf,
    pub sha256: String,
    /// The transcript's attributes, sorted by name.
    pub attributes: Vec<(String, String)>,
    kind: Kind,
    attribution: Vec<(String, Option<String>)>,
}

impl Source {
    /// What `Corpus::reread` needs to read this source again.
    pub fn reread_key(&self) -> Reread {
        Reread {
            id: self.id.clone(),
            path: self.path.clone(),
            sha256: self.sha256.clone(),
            attributes: self
                .transcript_attributes
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            kind: self.kind,
            attribution: self.attribution.clone(),
        }
    }
}

/// Everything read.
#[derive(Debug, Default)]
pub struct Corpus {
    /// How many transcripts were read.
    pub read: usize,
    /// The participants, with their attributes, segment counts and transcripts.
    pub participants: People,
    /// Attribute names of participants and of transcripts, each sorted.
    participant_names: Vec<String>,
    transcript_names: Vec<String>,
    /// Files that could not be read, and paths that could not be used.
    pub failures: Vec<Problem>,
    /// Files in folders that are not transcripts.
    pub skipped: Vec<PathBuf>,
    /// Things in folders that are not regular files: skipped, never opened.
    pub special: Vec<Problem>,
    /// Documents in folders that are not read (PDF, .doc, .rtf), with how to get their
    /// text.
    pub documents: Vec<Problem>,
    /// How labels were read, for a second reading of a file.
    speakers: Speakers,
    /// The names redacted, for a second reading of a file.
    redact: Option<redact::Redactor>,
    /// The participants sheet's warnings.
    sheet_warnings: Vec<Problem>,
    /// The sources' warnings, file by file.
    warnings: Vec<Problem>,
    /// The files with something that looks wrong in how they were read, with the
    /// first of those things and how many there are.
    pub looks: Vec<(PathBuf, Problem, usize)>,
}

/// How many files are read and parsed ahead of the one being handed on.
const READ_AHEAD: usize = 8;

impl Corpus {
    /// Read every transcript under `paths`, handing each source to `each` as soon as it
    /// is read (with the participants known so far) and then dropping it. What is kept
    /// of each file is small and held in memory (its place in the list of files, its
    /// warnings, what it says of its participants): memory holds the largest file and
    /// each participant with its attributes, not the corpus's text.
    /// Participants' attributes are final only once this returns: front matter further
    /// on may add to them ([`Corpus::reread`] reads a file again once they are). Returns
    /// `Err` only for problems that make every result wrong (a bad participants sheet,
    /// conflicting attributes) or an error from `each`, which stops the reading; a bad
    /// transcript is listed in `failures` and the rest go through.
    pub fn stream(
        paths: Paths<'_>,
        opts: &Options,
        progress: &dyn Progress,
        each: &mut dyn FnMut(&Source) -> Result<()>,
    ) -> Result<Corpus> {
        let (mut reg, sheet_warnings, known) =
            Registry::from_sheets(opts.participants.as_deref(), opts.transcripts.as_deref())?;
        let speakers = Speakers::with_known(&opts.interviewer_labels, known);
        let ignore: Vec<PathBuf> = opts
            .participants
            .iter()
            .chain(&opts.transcripts)
            .cloned()
            .collect();
        let found = discover::discover(paths, &ignore)?;
        let mut corpus = Corpus {
            failures: found.errors,
            skipped: found.skipped,
            special: found.special,
            documents: found.documents,
            speakers: speakers.clone(),
            redact: opts.redact.clone(),
            sheet_warnings,
            ..Corpus::default()
        };
        // Of the transcript ids more than one file has, the file that has each.
        let mut owners: HashMap<String, PathBuf> = HashMap::new();
        // The transcript ids read.
        let mut read: std::collections::HashSet<String> = Default::default();
        // The ids shown (aliases, else file stems), with the file that has each.
        let mut shown_ids: HashMap<String, PathBuf> = HashMap::new();
        progress.begin("reading", found.files.len());
        // Files are read, hashed and parsed on a second thread, a few ahead of the one
        // that attributes them and hands them on (to the database and the index, for
        // an ingest), in the same order.
        let files = &found.files;
        let (tx, rx) = std::sync::mpsc::sync_channel(READ_AHEAD);
        let ahead = &speakers;
        std::thread::scope(|scope| -> Result<()> {
            scope.spawn(move || {
                for (path, kind) in files.iter() {
                    let got = discover::read_regular(path).map(|bytes| {
                        (
                            crate::hash::sha256_hex(&bytes),
                            transcript::parse_bytes(&bytes, kind, ahead),
                        )
                    });
                    if tx.send(got).is_err() {
                        break;
                    }
                }
            });
            for (n, ((path, kind), got)) in files.iter().zip(rx).enumerate() {
                progress.advance(path);
                let id = discover::transcript_id(path);
                let shared = found.files.shares_id(n);
                if let Some(other) = owners.get(&id).filter(|_| shared) {
                    corpus.failures.push(Problem::at(
                    path,
                    None,
                    format!(
                        "transcript id '{id}' (the file name without extension) is already used by {}{}; rename one of the files",
                        other.display(),
                        if other.file_stem() == path.file_stem() {
                            ""
                        } else {
                            " (the two names differ only in how their accented letters are encoded, NFC and NFD)"
                        }
                    ),
                ));
                    continue;
                }
                let (sha256, parsed) = match got {
                    Ok(r) => r,
                    Err(e) => {
                        corpus
                            .failures
                            .push(Problem::at(path, None, format!("cannot read: {e}")));
                        continue;
                    }
                };
                let parsed = match parsed {
                    Ok(p) => p,
                    Err(e) => {
                        corpus.failures.push(Problem::at(path, e.line, e.message));
                        continue;
                    }
                };
                if shared {
                    owners.insert(id.clone(), path.to_path_buf());
                }
                let shown = reg.shown_id(&id);
                if let Some(other) = shown_ids.get(&shown) {
                    corpus.failures.push(Problem::at(
                    path,
                    None,
                    format!("transcript id '{shown}' (its alias, or the file name without extension) is already used by {}; give one of them another alias", other.display()),
                ));
                    read.insert(id.clone());
                    continue;
                }
                shown_ids.insert(shown, path.to_path_buf());
                read.insert(id.clone());
                let mut source = reg.attribute(id, path, kind, parsed);
                if let Some(r) = &opts.redact {
                    source.segments.iter_mut().for_each(|s| r.segment(s));
                    let said = source.warnings.iter_mut().chain(&mut source.notes);
                    for w in said.chain(&mut source.looks) {
                        w.message = r.apply(&w.message).into_owned();
                    }
                }
                source.sha256 = sha256;
                each(&source)?;
                corpus.read += 1;
                corpus.warnings.extend(source.warnings.iter().cloned());
                if let Some(first) = source.looks.first() {
                    corpus
                        .looks
                        .push((source.path.clone(), first.clone(), source.looks.len()));
                }
            }
            Ok(())
        })?;
        progress.end();
        corpus.warnings.extend(reg.generic_warning());
        corpus.sheet_warnings.extend(reg.unknown_transcripts(&read));
        (corpus.participant_names, corpus.transcript_names) = reg.kinds();
        let (participants, conflicts) = reg.into_participants();
        if !conflicts.is_empty() {
            return Err(Error::Input(conflicts));
        }
        corpus.participants = participants;
        Ok(corpus)
    }

    /// Read a streamed source's file again and return its segments, attributed as the
    /// first time. Fails if the file changed in between.
    pub fn reread(&self, source: &Reread) -> std::result::Result<Vec<Segment>, Problem> {
        let path = &source.path;
        let bytes = discover::read_regular(path)
            .map_err(|e| Problem::at(path, None, format!("cannot read: {e}")))?;
        let changed = || {
            Problem::at(
                path,
                None,
                "the file changed while coda was reading it; run the command again",
            )
        };
        if crate::hash::sha256_hex(&bytes) != source.sha256 {
            return Err(changed());
        }
        let parsed = transcript::parse_bytes(&bytes, source.kind, &self.speakers)
            .map_err(|e| Problem::at(path, e.line, e.message))?;
        parsed
            .turns
            .into_iter()
            .enumerate()
            .map(|(i, turn)| {
                let participant = source
                    .attribution
                    .binary_search_by(|(label, _)| label.as_str().cmp(&turn.speaker))
                    .map_err(|_| changed())
                    .map(|k| source.attribution[k].1.clone())?;
                let mut s = Segment::of_turn(&source.id, i + 1, turn, participant);
                if let Some(r) = &self.redact {
                    r.segment(&mut s);
                }
                Ok(s)
            })
            .collect()
    }

    /// Attribute names of either kind, sorted.
    pub fn attribute_names(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .participant_names
            .iter()
            .chain(&self.transcript_names)
            .cloned()
            .collect();
        all.sort();
        all
    }

    /// Attribute names of participants (the participants sheet's columns and the front
    /// matter keys among them), sorted.
    pub fn participant_attribute_names(&self) -> &[String] {
        &self.participant_names
    }

    /// Attribute names of transcripts (the transcripts sheet's columns and every other
    /// front matter key), sorted.
    pub fn transcript_attribute_names(&self) -> &[String] {
        &self.transcript_names
    }

    /// Every warning: the sheet's, then file by file.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> + '_ {
        self.sheet_warnings.iter().chain(&self.warnings)
    }
}
