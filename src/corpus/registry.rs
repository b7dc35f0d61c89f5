//! The participants while a corpus is read, held in memory: lowercased ids to ids (for
//! matching speaker labels), transcript ids to the sheet row that names each, and what
//! is learnt of each participant (a sheet row's attributes, front matter attributes,
//! segments in a transcript), gathered by id as it is learnt. Memory grows with the
//! number of participants (each id, its attributes and its transcript ids), not with
//! the text of the transcripts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::people::{Participant, People};
use super::{Segment, Sheet, Source, sheet};
use crate::error::{Problem, Result};
use crate::transcript::{self, Kind, Role};

pub(super) struct Registry {
    /// Lowercased id to the id, for matching speaker labels: the latest made known wins.
    labels: HashMap<String, String>,
    /// Transcript id to the id of the sheet row that names it; `None` when more than one
    /// row does (the transcript is nobody's in particular).
    by_transcript: HashMap<String, Option<String>>,
    /// What is learnt of each participant, by id.
    people: BTreeMap<String, Person>,
    /// Problems that make the participants wrong, in the order they were read.
    conflicts: Vec<Problem>,
    /// Every attribute name learnt so far, of either kind.
    names: std::collections::BTreeSet<String>,
    /// The participants sheet's attribute columns: a front matter key among them is an
    /// attribute of the participant; every other key is one of the transcript.
    sheet_columns: std::collections::BTreeSet<String>,
    /// Transcript attributes by transcript id: name, value, and the file and line
    /// where the value was set (the transcripts sheet or a front matter).
    transcripts: HashMap<String, Vec<Learnt>>,
    /// The names of transcript attributes learnt so far.
    transcript_names: std::collections::BTreeSet<String>,
    /// The transcripts sheet's transcript ids, each with its line, and the sheet.
    sheet_transcripts: Vec<(String, usize)>,
    transcripts_sheet: Option<PathBuf>,
    /// The transcripts sheet's `alias` column: transcript id (the file stem) to the id
    /// shown for it everywhere (a pseudonym for a file named after a person).
    aliases: HashMap<String, String>,
    /// Generic participant labels (`Interviewee`, `Speaker 2`) that no sheet or front
    /// matter maps, each read as a participant of its transcript: the label, the files
    /// it is in, and the first such participant id, for one warning at the end.
    generic: BTreeMap<String, (usize, String)>,
    /// The transcripts with such a label.
    generic_files: std::collections::BTreeSet<String>,
}

/// A role word rather than a name or id: without a sheet, `Interviewee` in two files is
/// two people. (`P07`, `R1`, `Kofi` are ids or names, which may be one person across
/// files.) A number or letter after a space is part of the label (`Speaker 2`,
/// `Interviewee A`, `Respondent #3`).
pub(super) fn is_generic(label: &str) -> bool {
    let lower = label.to_lowercase();
    let stem = match lower.rsplit_once(' ') {
        Some((stem, tail))
            if tail
                .trim_start_matches('#')
                .chars()
                .all(|c| c.is_ascii_digit())
                || tail.chars().count() == 1 =>
        {
            stem.trim_end()
        }
        _ => lower.as_str(),
    };
    matches!(
        stem,
        "interviewee"
            | "participant"
            | "respondent"
            | "resp"
            | "informant"
            | "client"
            | "customer"
            | "user"
            | "caller"
            | "guest"
            | "subject"
            | "speaker"
            | "unknown"
            | "unknown speaker"
            | "a"
            | "b"
            | "r"
            | "p"
            | "befragte"
            | "befragter"
            | "participante"
            | "entrevistado"
            | "entrevistada"
            | "intervistato"
            | "intervistata"
            | "enquêté"
            | "enquêtée"
            | "mówca"
            | "sprecher"
            | "sprecherin"
    )
}

/// The transcripts sheet's column giving the id shown for a transcript instead of its
/// file name.
pub(super) const ALIAS: &str = "alias";

/// An attribute value as learnt: name, value, and the file and line that set it.
type Learnt = (String, String, Rc<str>, usize);

/// One participant, as learnt so far.
#[derive(Default)]
struct Person {
    /// Name, value, and the file and line where the value was set, in the order set.
    attributes: Vec<(String, String, Rc<str>, usize)>,
    segments: usize,
    transcripts: Vec<String>,
}

impl Registry {
    /// No participants yet.
    pub(super) fn empty() -> Registry {
        Registry {
            labels: HashMap::new(),
            by_transcript: HashMap::new(),
            people: BTreeMap::new(),
            conflicts: Vec::new(),
            names: Default::default(),
            generic: BTreeMap::new(),
            generic_files: Default::default(),
            sheet_columns: Default::default(),
            transcripts: HashMap::new(),
            transcript_names: Default::default(),
            sheet_transcripts: Vec::new(),
            transcripts_sheet: None,
            aliases: HashMap::new(),
        }
    }

    /// The participants sheet and the transcripts sheet, either or both: their
    /// participants and transcript attributes, the sheets' warnings, and the
    /// participants sheet's ids lowercased (`None` without one). An attribute that is a
    /// column of both sheets is an error naming both (one name is one kind).
    pub(super) fn from_sheets(
        participants: Option<&Path>,
        transcripts: Option<&Path>,
    ) -> Result<(Registry, Vec<Problem>, Option<HashSet<String>>)> {
        let (mut reg, mut warnings, known) = match participants {
            Some(p) => {
                let (reg, w, k) = Registry::from_sheet(p)?;
                (reg, w, Some(k))
            }
            None => (Registry::empty(), Vec::new(), None),
        };
        if let Some(path) = transcripts {
            let file: Rc<str> = path.display().to_string().into();
            let mut rows: Vec<sheet::Row> = Vec::new();
            let sheet = Sheet::load_keyed(path, sheet::Keyed::Transcripts, &mut |row| {
                rows.push(row);
                Ok(())
            })?;
            let both: Vec<&String> = sheet
                .columns
                .iter()
                .filter(|c| reg.sheet_columns.contains(*c))
                .collect();
            if !both.is_empty() {
                let other = participants
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                return Err(crate::error::Error::Input(
                    both.iter()
                        .map(|c| {
                            Problem::at(
                                path,
                                Some(1),
                                format!(
                                    "attribute '{c}' is a column of this transcripts sheet and of the participants sheet {other}: \
                                     a name is an attribute of participants or of transcripts, not both; rename one of the columns"
                                ),
                            )
                        })
                        .collect(),
                ));
            }
            for c in sheet.columns.iter().filter(|c| *c != ALIAS) {
                reg.names.insert(c.clone());
                reg.transcript_names.insert(c.clone());
            }
            let mut alias_lines: HashMap<String, usize> = HashMap::new();
            let mut bad = Vec::new();
            for row in rows {
                for (name, value) in row.attributes.iter() {
                    if name == ALIAS {
                        let value = value.trim();
                        if value.contains(['#', '/', '\\']) || value.contains(char::is_control) {
                            bad.push(Problem::at(
                                path,
                                Some(row.line),
                                format!("alias '{value}' of transcript '{}' has a '#', a slash or a control character; give an id of letters, digits and '-'", row.id),
                            ));
                        } else if let Some(first) = alias_lines.get(value) {
                            bad.push(Problem::at(
                                path,
                                Some(row.line),
                                format!("alias '{value}' is given to two transcripts (line {first} and this one); give each its own"),
                            ));
                        } else {
                            alias_lines.insert(value.to_owned(), row.line);
                            reg.aliases.insert(row.id.clone(), value.to_owned());
                        }
                        continue;
                    }
                    reg.learn_transcript(&row.id, name, value, &file, row.line);
                }
                reg.sheet_transcripts.push((row.id, row.line));
            }
            if !bad.is_empty() {
                return Err(crate::error::Error::Input(bad));
            }
            warnings.extend(sheet.warnings);
            reg.transcripts_sheet = Some(path.to_path_buf());
        }
        Ok((reg, warnings, known))
    }

    /// The id shown for the transcript whose file stem is `key`: its alias in the
    /// transcripts sheet, else `key`.
    pub(super) fn shown_id(&self, key: &str) -> String {
        self.aliases
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// A transcript attribute of transcript `id`, set in `file` at `line`; a value other
    /// than the one set before is a conflict.
    fn learn_transcript(&mut self, id: &str, name: &str, value: &str, file: &Rc<str>, line: usize) {
        if !self.names.contains(name) {
            self.names.insert(name.to_owned());
        }
        if !self.transcript_names.contains(name) {
            self.transcript_names.insert(name.to_owned());
        }
        let attrs = self.transcripts.entry(id.to_owned()).or_default();
        match attrs.iter().find(|a| a.0 == name) {
            Some((_, before, at, line_at)) if before != value => {
                let problem = Problem::at(
                    Path::new(&**file),
                    Some(line),
                    format!(
                        "transcript {id}: attribute '{name}' is '{value}' here but '{before}' in {at}:{line_at}; make them agree"
                    ),
                );
                self.conflicts.push(problem);
            }
            Some(_) => {}
            None => attrs.push((name.to_owned(), value.to_owned(), file.clone(), line)),
        }
    }

    /// The transcripts sheet's rows naming a transcript that was not read, as warnings.
    pub(super) fn unknown_transcripts(&self, read: &HashSet<String>) -> Vec<Problem> {
        let Some(path) = &self.transcripts_sheet else {
            return Vec::new();
        };
        self.sheet_transcripts
            .iter()
            .filter(|(id, _)| !read.contains(id))
            .map(|(id, line)| {
                Problem::at(
                    path,
                    Some(*line),
                    format!(
                        "transcript '{id}' is not in the project (no transcript read has that id, the file name without extension); its attributes are not used"
                    ),
                )
            })
            .collect()
    }

    /// Attribute names of each kind, sorted: participants', transcripts'.
    pub(super) fn kinds(&self) -> (Vec<String>, Vec<String>) {
        let transcript: Vec<String> = self.transcript_names.iter().cloned().collect();
        let participant = self
            .names
            .iter()
            .filter(|n| !self.transcript_names.contains(*n))
            .cloned()
            .collect();
        (participant, transcript)
    }

    /// The participants of a participants sheet; with the sheet's warnings and the set
    /// of its ids lowercased (for telling speakers from text).
    pub(super) fn from_sheet(path: &Path) -> Result<(Registry, Vec<Problem>, HashSet<String>)> {
        let mut reg = Registry::empty();
        let file: Rc<str> = path.display().to_string().into();
        let sheet = Sheet::load(path, &mut |row| {
            for (name, _) in row.attributes.iter() {
                if !reg.sheet_columns.contains(name) {
                    reg.sheet_columns.insert(name.clone());
                }
            }
            reg.person(&row.id);
            for (name, value) in row.attributes.iter() {
                reg.learn(&row.id, name, value, &file, row.line);
            }
            // The sheet has no two ids that differ only in case.
            reg.labels.insert(row.id.to_lowercase(), row.id.clone());
            if let Some(t) = row.transcript {
                reg.by_transcript
                    .entry(t)
                    .and_modify(|named| *named = None)
                    .or_insert_with(|| Some(row.id.clone()));
            }
            Ok(())
        })?;
        for c in &sheet.columns {
            reg.sheet_columns.insert(c.clone());
        }
        let known = reg.labels.keys().cloned().collect();
        Ok((reg, sheet.warnings, known))
    }

    /// The participant `id`, made known if it was not.
    fn person(&mut self, id: &str) -> &mut Person {
        if !self.people.contains_key(id) {
            self.people.insert(id.to_owned(), Person::default());
        }
        self.people.get_mut(id).expect("just made known")
    }

    /// An attribute value of `id`, set in `file` at `line`; a value other than the one
    /// set before is a conflict.
    fn learn(&mut self, id: &str, name: &str, value: &str, file: &Rc<str>, line: usize) {
        if !self.names.contains(name) {
            self.names.insert(name.to_owned());
        }
        let p = self.person(id);
        match p.attributes.iter().find(|a| a.0 == name) {
            Some((_, before, at, line_at)) if before != value => {
                let problem = Problem::at(
                    Path::new(&**file),
                    Some(line),
                    format!(
                        "participant {id}: attribute '{name}' is '{value}' here but '{before}' in {at}:{line_at}; make them agree"
                    ),
                );
                self.conflicts.push(problem);
            }
            Some(_) => {}
            None => p
                .attributes
                .push((name.to_owned(), value.to_owned(), file.clone(), line)),
        }
    }

    /// The id a speaker label names, if it is a known participant's (any case).
    fn by_label(&self, label: &str) -> Option<String> {
        self.labels.get(&label.to_lowercase()).cloned()
    }

    /// Make `id` a known participant.
    fn ensure(&mut self, id: &str) {
        let lower = id.to_lowercase();
        if self.labels.get(&lower).is_some_and(|known| known == id) {
            return;
        }
        self.labels.insert(lower, id.to_owned());
        self.person(id);
    }

    /// Turn a parsed file into an attributed source, registering its participants.
    /// `key`: the transcript's file stem, which the sheets name it by; the source gets
    /// the id shown for it ([`Registry::shown_id`]).
    pub(super) fn attribute(
        &mut self,
        key: String,
        path: &Path,
        kind: Kind,
        parsed: transcript::Parsed,
    ) -> Source {
        let mut warnings: Vec<Problem> = parsed
            .warnings
            .iter()
            .map(|w| Problem::at(path, w.line, w.message.clone()))
            .collect();
        let mut looks = super::looks::of_file(path, &parsed);
        let mut notes: Vec<Problem> = Vec::new();
        let shapes = parsed.diagnosis.shapes.clone();
        // Participant labels attributed to one participant by the file, not by their own
        // label: first line of each.
        let mut by_file: BTreeMap<String, usize> = BTreeMap::new();
        let id = self.shown_id(&key);
        let by_transcript = self.by_transcript.get(&key).cloned().flatten();
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
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (i, turn) in parsed.turns.into_iter().enumerate() {
            let participant = match turn.role {
                Role::Interviewer => None,
                Role::Participant => match met.get(turn.speaker.as_str()) {
                    Some(p) => Some(p.clone()),
                    None => {
                        let own = self.by_label(&turn.speaker);
                        if own.is_none()
                            && (by_transcript.is_some() || front.is_some())
                            && !turn.speaker.is_empty()
                        {
                            by_file.entry(turn.speaker.clone()).or_insert(turn.lines.0);
                        }
                        let p = own
                            .or_else(|| by_transcript.clone())
                            .or_else(|| front.clone())
                            .unwrap_or_else(|| {
                                if turn.speaker.is_empty() {
                                    guessed.entry(id.clone()).or_insert(turn.lines.0);
                                    id.clone()
                                } else if is_generic(&turn.speaker) {
                                    let p = format!("{id}:{}", turn.speaker);
                                    notes.push(Problem::at(
                                        path,
                                        Some(turn.lines.0),
                                        format!(
                                            "speaker '{}' is a generic label that names no participant: read as this transcript's own participant '{p}'",
                                            turn.speaker
                                        ),
                                    ));
                                    let g = self
                                        .generic
                                        .entry(turn.speaker.clone())
                                        .or_insert((0, p.clone()));
                                    g.0 += 1;
                                    self.generic_files.insert(id.clone());
                                    p
                                } else {
                                    guessed.entry(turn.speaker.clone()).or_insert(turn.lines.0);
                                    turn.speaker.clone()
                                }
                            });
                        self.ensure(&p);
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
        if by_file.len() >= 2 {
            let names: Vec<String> = by_file.keys().map(|l| format!("'{l}'")).collect();
            let owner = by_transcript
                .as_ref()
                .or(front.as_ref())
                .cloned()
                .unwrap_or_default();
            let how = if by_transcript.is_some() {
                "the participants sheet's 'transcript' column"
            } else {
                "the front matter's 'participant'"
            };
            looks.push(Problem::at(
                path,
                by_file.values().min().copied(),
                format!(
                    "{} speakers ({}) are all attributed to participant '{owner}' by {how}: if one of them is someone else (a relative, a second worker), give that speaker a label of their own in the sheet",
                    names.len(),
                    names.join(", ")
                ),
            ));
        }
        for (p, &n) in &counts {
            let person = self.person(p);
            person.segments += n;
            person.transcripts.push(id.clone());
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
        let stem = key;
        let fm = &parsed.front_matter;
        let owners: Vec<String> = match &fm.participant {
            Some((p, _)) => {
                self.ensure(p);
                vec![p.clone()]
            }
            None => counts.into_keys().collect(),
        };
        let file: Rc<str> = path.display().to_string().into();
        for (key, value, line) in &fm.attributes {
            // (Skipped with a warning, as a list is: the file's turns still go through.)
            if sheet::RESERVED.contains(&key.as_str()) {
                warnings.push(Problem::at(
                    path,
                    Some(*line),
                    format!(
                        "front matter key '{key}' is a name coda uses for its own output: skipped; rename it to keep it"
                    ),
                ));
                continue;
            }
            if let Some(m) = sheet::reserved_value(key, value) {
                self.conflicts.push(Problem::at(path, Some(*line), m));
                continue;
            }
            if self.sheet_columns.contains(key) {
                for owner in &owners {
                    self.learn(owner, key, value, &file, *line);
                }
            } else {
                self.learn_transcript(&stem, key, value, &file, *line);
            }
        }
        let transcript_attributes: BTreeMap<String, String> = self
            .transcripts
            .get(&stem)
            .map(|a| {
                a.iter()
                    .map(|(n, v, _, _)| (n.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut speaking: Vec<&String> = segments
            .iter()
            .filter_map(|s: &Segment| s.participant.as_ref())
            .collect();
        speaking.sort();
        speaking.dedup();
        let known = speaking
            .into_iter()
            .map(|p| {
                let attrs = self.people.get(p).map_or_else(BTreeMap::new, |person| {
                    person
                        .attributes
                        .iter()
                        .map(|(n, v, _, _)| (n.clone(), v.clone()))
                        .collect()
                });
                (p.clone(), attrs)
            })
            .collect();
        Source {
            id,
            path: path.to_path_buf(),
            sha256: String::new(),
            format: parsed.format,
            encoding: parsed.encoding,
            segments,
            warnings,
            notes,
            looks,
            shapes,
            known,
            transcript_attributes,
            attribute_names: self.names.iter().cloned().collect(),
            kind,
            attribution: attribution.into_iter().collect(),
        }
    }

    /// One warning for every generic label read as a participant of its transcript.
    pub(super) fn generic_warning(&self) -> Option<Problem> {
        let (_, (_, example)) = self.generic.iter().next()?;
        let files = self.generic_files.len();
        let labels: Vec<String> = self
            .generic
            .iter()
            .map(|(l, (n, _))| format!("'{l}' in {n} file{}", if *n == 1 { "" } else { "s" }))
            .collect();
        Some(Problem::general(format!(
            "a generic speaker label names no participant in {} file{} ({}): each is read as a participant of \
                 its own transcript, named <transcript>:<label> (e.g. '{example}'); to say who they are, give a one-to-one \
                 interview a front matter 'participant' line or a participants sheet row with its transcript id \
                 in the 'transcript' column, and give each speaker of a focus group a label that is an id in the sheet",
            files,
            if files == 1 { "" } else { "s" },
            labels.join(", ")
        )))
    }

    /// The participants, sorted by id; and the problems that make them wrong (an
    /// attribute with two values), in the order they were read.
    pub(super) fn into_participants(self) -> (People, Vec<Problem>) {
        let people = self
            .people
            .into_iter()
            .map(|(id, mut p)| {
                p.transcripts.sort();
                p.transcripts.dedup();
                Participant {
                    id,
                    attributes: p
                        .attributes
                        .into_iter()
                        .map(|(name, value, _, _)| (name, value))
                        .collect(),
                    segments: p.segments,
                    transcripts: p.transcripts,
                }
            })
            .collect();
        (People::new(people), self.conflicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Speakers;

    fn read(reg: &mut Registry, id: &str, text: &str) -> Source {
        let parsed =
            transcript::parse_bytes(text.as_bytes(), Kind::Text, &Speakers::default()).unwrap();
        reg.attribute(
            id.to_owned(),
            Path::new(&format!("{id}.txt")),
            Kind::Text,
            parsed,
        )
    }

    fn participants(s: &Source) -> Vec<Option<&str>> {
        s.segments
            .iter()
            .map(|s| s.participant.as_deref())
            .collect()
    }

    #[test]
    fn labels_match_in_any_case_the_latest_id_made_known_winning() {
        let mut reg = Registry::empty();
        let a = read(&mut reg, "a", "Interviewer: q\nP1: a\n");
        assert_eq!(participants(&a), [None, Some("P1")]);
        // Front matter names "p1": from then on the label P1 is p1's.
        let b = read(
            &mut reg,
            "b",
            "---\nparticipant: p1\n---\nInterviewer: q\nSomeone: a\n",
        );
        assert_eq!(participants(&b), [None, Some("p1")]);
        let c = read(&mut reg, "c", "Interviewer: q\nP1: a\n");
        assert_eq!(participants(&c), [None, Some("p1")]);
        let (people, conflicts) = reg.into_participants();
        assert!(conflicts.is_empty());
        let ids: Vec<(&str, usize, Vec<String>)> = people
            .iter()
            .map(|p| (p.id.as_str(), p.segments, p.transcripts.clone()))
            .collect();
        assert_eq!(
            ids,
            [
                ("P1", 1, vec!["a".to_owned()]),
                ("p1", 2, vec!["b".to_owned(), "c".to_owned()])
            ]
        );
    }

    #[test]
    fn problems_in_the_order_read() {
        let mut reg = Registry::empty();
        // As if `area` were a column of the participants sheet.
        reg.sheet_columns.insert("area".into());
        read(
            &mut reg,
            "a",
            "---\narea: x\n---\nInterviewer: q\nP1: a\nP2: b\n",
        );
        let b = read(
            &mut reg,
            "b",
            "---\nrole: r\narea: y\n---\nInterviewer: q\nP2: a\n",
        );
        let warned: Vec<String> = b.warnings.iter().map(|p| p.to_string()).collect();
        assert!(
            warned.contains(
                &"b.txt:2: front matter key 'role' is a name coda uses for its own output: skipped; rename it to keep it"
                    .to_owned()
            ),
            "{warned:?}"
        );
        read(&mut reg, "c", "---\narea: z\n---\nInterviewer: q\nP1: a\n");
        let (people, conflicts) = reg.into_participants();
        let conflicts: Vec<String> = conflicts.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            conflicts,
            [
                "b.txt:3: participant P2: attribute 'area' is 'y' here but 'x' in a.txt:2; make them agree",
                "c.txt:2: participant P1: attribute 'area' is 'z' here but 'x' in a.txt:2; make them agree",
            ]
        );
        assert_eq!(people.get("P1").unwrap().get("area"), Some("x"));
        assert_eq!(people.attribute_names(), ["area"]);
    }

    /// Front matter keys that are not participants sheet columns are the transcript's:
    /// two interviews of one participant may differ in them.
    #[test]
    fn other_front_matter_keys_are_the_transcripts() {
        let mut reg = Registry::empty();
        reg.sheet_columns.insert("group".into());
        let a = read(
            &mut reg,
            "a",
            "---\nparticipant: P1\ngroup: Client\nwave: initial\n---\nInterviewer: q\nP1: a\n",
        );
        let b = read(
            &mut reg,
            "b",
            "---\nparticipant: P1\ngroup: Client\nwave: follow-up\n---\nInterviewer: q\nP1: a\n",
        );
        assert_eq!(
            a.transcript_attributes.get("wave").map(String::as_str),
            Some("initial")
        );
        assert_eq!(
            b.transcript_attributes.get("wave").map(String::as_str),
            Some("follow-up")
        );
        assert!(!b.transcript_attributes.contains_key("group"));
        assert_eq!(
            reg.kinds(),
            (vec!["group".to_owned()], vec!["wave".to_owned()])
        );
        let (people, conflicts) = reg.into_participants();
        assert!(conflicts.is_empty());
        assert_eq!(people.get("P1").unwrap().get("group"), Some("Client"));
        assert_eq!(people.get("P1").unwrap().get("wave"), None);
    }
}
