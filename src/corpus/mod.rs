//! A set of transcripts read together with a participants sheet: every segment
//! attributed to a participant, every participant with its attributes. `Corpus::stream`
//! is the front door; it never prints, and collects per-file problems so that the
//! good files still go through.

mod discover;
pub mod sheet;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem, Result};
use crate::progress::Progress;
use crate::store::manifest::ParticipantRecord;
use crate::store::participants::Participants;
use crate::strings::Strings;
use crate::transcript::{self, Encoding, Format, Kind, Role, Speakers};
pub use sheet::Sheet;

/// How to read a corpus.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The participants sheet, if any.
    pub participants: Option<PathBuf>,
    /// Labels to treat as interviewers besides the defaults.
    pub interviewer_labels: Vec<String>,
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
    kind: Kind,
    /// Each speaker label as written, with the participant it was attributed to, sorted:
    /// a second reading of the file attributes its turns the same way.
    attribution: Vec<(String, Option<String>)>,
}

/// What a second reading of a streamed source needs: small enough to set aside for every
/// transcript of a corpus.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reread {
    pub id: String,
    pub path: PathBuf,
    pub sha256: String,
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
    pub participants: Participants,
    /// Files that could not be read, and paths that could not be used.
    pub failures: Vec<Problem>,
    /// Files in folders that are not transcripts.
    pub skipped: Vec<PathBuf>,
    /// How labels were read, for a second reading of a file.
    speakers: Speakers,
    /// The participants sheet's warnings.
    sheet_warnings: Vec<Problem>,
    /// The sources' warnings, in order.
    warnings: Vec<Problem>,
}

impl Corpus {
    /// Read every transcript under `paths`, handing each source to `each` as soon as it
    /// is read (with the participants known so far) and then dropping it (its warnings
    /// are kept), so that memory is bounded by the largest file, not by the corpus.
    /// Participants' attributes are final only once this returns: front matter further
    /// on may add to them ([`Corpus::reread`] reads a file again once they are). Returns
    /// `Err` only for problems that make every result wrong (a bad participants sheet,
    /// conflicting attributes) or an error from `each`, which stops the reading; a bad
    /// transcript is listed in `failures` and the rest go through.
    pub fn stream(
        paths: Vec<PathBuf>,
        opts: &Options,
        progress: &dyn Progress,
        each: &mut dyn FnMut(&Source) -> Result<()>,
    ) -> Result<Corpus> {
        let (mut reg, sheet_warnings) = match opts.participants.as_deref() {
            Some(path) => {
                let sheet = Sheet::load(path)?;
                (Registry::new(&sheet.path, sheet.rows), sheet.warnings)
            }
            None => (Registry::default(), Vec::new()),
        };
        let speakers = Speakers::new(&opts.interviewer_labels, reg.ids());
        let ignore: Vec<PathBuf> = opts.participants.iter().cloned().collect();
        let found = discover::discover(paths, &ignore)?;
        let mut corpus = Corpus {
            failures: found.errors,
            skipped: found.skipped,
            speakers: speakers.clone(),
            sheet_warnings,
            ..Corpus::default()
        };
        // Of the transcript ids more than one file has, the file that has each.
        let mut owners: HashMap<String, PathBuf> = HashMap::new();
        let mut conflicts = Vec::new();
        progress.begin("reading", found.files.len());
        for (n, file) in found.files.iter().enumerate() {
            let (path, kind) = file?;
            progress.advance(&path);
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let shared = found.files.shares_id(n);
            if let Some(other) = owners.get(&id).filter(|_| shared) {
                corpus.failures.push(Problem::at(
                    &path,
                    None,
                    format!("transcript id '{id}' (the file name without extension) is already used by {}; rename one of the files", other.display()),
                ));
                continue;
            }
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    corpus
                        .failures
                        .push(Problem::at(&path, None, format!("cannot read: {e}")));
                    continue;
                }
            };
            let parsed = match transcript::parse_bytes(&bytes, kind, &speakers) {
                Ok(p) => p,
                Err(e) => {
                    corpus.failures.push(Problem::at(&path, e.line, e.message));
                    continue;
                }
            };
            if shared {
                owners.insert(id.clone(), path.clone());
            }
            let mut source = reg.attribute(id, &path, kind, parsed, &mut conflicts);
            source.sha256 = crate::hash::sha256_hex(&bytes);
            drop(bytes);
            each(&source)?;
            corpus.read += 1;
            corpus.warnings.append(&mut source.warnings);
        }
        progress.end();
        if !conflicts.is_empty() {
            return Err(Error::Input(conflicts));
        }
        corpus.participants = reg.into_participants();
        Ok(corpus)
    }

    /// Read a streamed source's file again and return its segments, attributed as the
    /// first time. Fails if the file changed in between.
    pub fn reread(&self, source: &Reread) -> std::result::Result<Vec<Segment>, Problem> {
        let path = &source.path;
        let bytes = std::fs::read(path)
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
                Ok(Segment::of_turn(&source.id, i + 1, turn, participant))
            })
            .collect()
    }

    /// Attribute names used by any participant, sorted.
    pub fn attribute_names(&self) -> Vec<String> {
        let names: BTreeSet<&str> = self
            .participants
            .rows()
            .flat_map(|p| p.attributes().map(|(k, _)| k))
            .collect();
        names.into_iter().map(str::to_owned).collect()
    }

    /// Every warning: the sheet's, then file by file.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.sheet_warnings.iter().chain(self.warnings.iter())
    }
}

/// Participants known so far, and how to find them. Every string is stored once
/// ([`Strings`]); a participant is a few numbers: a sheet of tens of thousands of rows
/// costs a few hundred bytes a row while the files are read.
#[derive(Default)]
struct Registry {
    strings: Strings,
    /// By id.
    people: HashMap<Sym, Person>,
    /// Lowercased id to id, for matching speaker labels.
    by_label: HashMap<Box<str>, Sym>,
    /// Transcript id to the ids of the sheet rows that name it.
    by_transcript: HashMap<Box<str>, Vec<Sym>>,
}

/// A string of a [`Registry`].
type Sym = u32;

#[derive(Default)]
struct Person {
    /// Attribute values, in the order they were set.
    attributes: Vec<Value>,
    /// Participant segments attributed to this participant.
    segments: u32,
    /// Transcript ids, in the order met.
    transcripts: Vec<Sym>,
}

/// An attribute value and where it came from (for conflict messages).
struct Value {
    name: Sym,
    value: Sym,
    file: Sym,
    line: u32,
}

impl Registry {
    /// The participants of a sheet's rows, each row dropped once taken.
    fn new(path: &Path, rows: Vec<sheet::Row>) -> Self {
        let mut reg = Registry::default();
        let file = reg.strings.intern(&path.display().to_string());
        for row in rows {
            let id = reg.strings.intern(&row.id);
            let attributes = row
                .attributes
                .iter()
                .map(|(k, v)| Value {
                    name: reg.strings.intern(k),
                    value: reg.strings.intern(v),
                    file,
                    line: u32::try_from(row.line).unwrap_or(u32::MAX),
                })
                .collect();
            reg.by_label.insert(row.id.to_lowercase().into(), id);
            if let Some(t) = row.transcript {
                reg.by_transcript.entry(t.into()).or_default().push(id);
            }
            reg.people.insert(
                id,
                Person {
                    attributes,
                    ..Person::default()
                },
            );
        }
        reg
    }

    /// The ids known so far.
    fn ids(&self) -> impl Iterator<Item = String> + '_ {
        self.people
            .keys()
            .map(|&id| self.strings.get(id).to_owned())
    }

    /// The id a speaker label names, if it is a known participant's (any case).
    fn by_label(&self, label: &str) -> Option<String> {
        self.by_label
            .get(label.to_lowercase().as_str())
            .map(|&id| self.strings.get(id).to_owned())
    }

    fn ensure(&mut self, id: &str) -> &mut Person {
        let sym = self.strings.intern(id);
        if !self.people.contains_key(&sym) {
            self.by_label.insert(id.to_lowercase().into(), sym);
        }
        self.people.entry(sym).or_default()
    }

    /// The participants as records, sorted by id, packed.
    fn into_participants(self) -> Participants {
        let Registry {
            strings, people, ..
        } = self;
        let mut ids: Vec<(&str, &Person)> =
            people.iter().map(|(&id, p)| (strings.get(id), p)).collect();
        ids.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut b = Participants::builder().with_transcripts();
        for (id, p) in ids {
            let mut transcripts: Vec<String> = p
                .transcripts
                .iter()
                .map(|&t| strings.get(t).to_owned())
                .collect();
            transcripts.sort();
            b.push(&ParticipantRecord {
                id: id.to_owned(),
                attributes: p
                    .attributes
                    .iter()
                    .map(|v| {
                        (
                            strings.get(v.name).to_owned(),
                            strings.get(v.value).to_owned(),
                        )
                    })
                    .collect(),
                segments: p.segments as usize,
                transcripts,
            });
        }
        b.finish()
    }

    /// Turn a parsed file into an attributed source, registering its participants.
    fn attribute(
        &mut self,
        id: String,
        path: &Path,
        kind: Kind,
        parsed: transcript::Parsed,
        conflicts: &mut Vec<Problem>,
    ) -> Source {
        let mut warnings: Vec<Problem> = parsed
            .warnings
            .iter()
            .map(|w| Problem::at(path, w.line, w.message.clone()))
            .collect();
        let by_transcript = match self.by_transcript.get(id.as_str()).map(Vec::as_slice) {
            Some([one]) => Some(self.strings.get(*one).to_owned()),
            _ => None,
        };
        let front = parsed
            .front_matter
            .participant
            .as_ref()
            .map(|(p, _)| p.clone());
        let mut guessed: BTreeMap<String, usize> = BTreeMap::new();
        let mut segments = Vec::with_capacity(parsed.turns.len());
        let mut attribution: BTreeMap<String, Option<String>> = BTreeMap::new();
        // The transcript id's number, taken at its first participant turn.
        let mut transcript: Option<Sym> = None;
        for (i, turn) in parsed.turns.into_iter().enumerate() {
            let participant = match turn.role {
                Role::Interviewer => None,
                Role::Participant => Some(
                    self.by_label(&turn.speaker)
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
                        }),
                ),
            };
            attribution
                .entry(turn.speaker.clone())
                .or_insert_with(|| participant.clone());
            if let Some(p) = &participant {
                let transcript = *transcript.get_or_insert_with(|| self.strings.intern(&id));
                let part = self.ensure(p);
                part.segments += 1;
                // A transcript's turns are attributed together: once is enough.
                if part.transcripts.last() != Some(&transcript) {
                    part.transcripts.push(transcript);
                }
            }
            segments.push(Segment::of_turn(&id, i + 1, turn, participant));
        }
        for (label, line) in guessed {
            let unlabelled = segments.iter().all(|s| s.speaker.is_empty());
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
                self.ensure(p);
                vec![p.clone()]
            }
            None => segments
                .iter()
                .filter_map(|s| s.participant.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        };
        let file = self.strings.intern(&path.display().to_string());
        for (key, value, line) in &fm.attributes {
            if sheet::RESERVED.contains(&key.as_str()) {
                conflicts.push(Problem::at(
                    path,
                    Some(*line),
                    format!(
                        "front matter key '{key}' is a name coda uses for its own output; rename it"
                    ),
                ));
                continue;
            }
            let (name, val) = (self.strings.intern(key), self.strings.intern(value));
            for owner in &owners {
                let part = self.ensure(owner);
                match part.attributes.iter().find(|a| a.name == name) {
                    Some(a) if a.value != val => {
                        let (before, at, line_at) = (a.value, a.file, a.line);
                        conflicts.push(Problem::at(
                            path,
                            Some(*line),
                            format!(
                                "participant {owner}: attribute '{key}' is '{value}' here but '{}' in {}:{line_at}; make them agree",
                                self.strings.get(before),
                                self.strings.get(at),
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => part.attributes.push(Value {
                        name,
                        value: val,
                        file,
                        line: u32::try_from(*line).unwrap_or(u32::MAX),
                    }),
                }
            }
        }
        Source {
            id,
            path: path.to_path_buf(),
            sha256: String::new(),
            format: parsed.format,
            encoding: parsed.encoding,
            segments,
            warnings,
            kind,
            attribution: attribution.into_iter().collect(),
        }
    }
}
