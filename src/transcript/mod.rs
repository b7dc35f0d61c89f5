//! One transcript file to speaker turns. `parse_bytes` is the front door: it decodes
//! the bytes (or, for a .docx or .odt, unpacks the document), picks the parser for the
//! file kind and returns turns with their speaker, role, times and line span. Who a turn's participant is gets decided later, in
//! `corpus`, where the participants sheet is known.

mod assemble;
mod cue;
pub mod decode;
mod document;
mod docx;
mod frontmatter;
pub mod label;
mod odt;
mod sbv;
mod srt;
mod style;
mod text;
mod vtt;

use std::path::Path;

pub use decode::Encoding;
pub use frontmatter::FrontMatter;
pub use label::Speakers;
pub use style::NotTaken;

/// Interviewer or participant, decided from the speaker label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Interviewer,
    Participant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Interviewer => "interviewer",
            Role::Participant => "participant",
        }
    }
}

/// The file kinds coda reads, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Text,
    Markdown,
    WebVtt,
    Srt,
    /// SubViewer captions, as Google Meet saves a recording's.
    Sbv,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text (LibreOffice, Google Docs' .odt download).
    Odt,
}

impl Kind {
    /// The kind for a path's extension (case-insensitive), if coda reads it.
    pub fn from_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "vtt" => Some(Kind::WebVtt),
            "srt" => Some(Kind::Srt),
            "sbv" => Some(Kind::Sbv),
            "docx" => Some(Kind::Docx),
            "odt" => Some(Kind::Odt),
            _ => None,
        }
    }

    /// What a position in a file of this kind counts: "line" in text files,
    /// "paragraph" in documents (.docx, .odt), where a turn's and a warning's numbers
    /// are paragraph numbers.
    pub fn unit(self) -> &'static str {
        match self {
            Kind::Docx | Kind::Odt => "paragraph",
            Kind::Text | Kind::Markdown | Kind::WebVtt | Kind::Srt | Kind::Sbv => "line",
        }
    }

    /// [`Kind::unit`] for a file by its name: "line" for a file coda does not read.
    pub fn unit_of(path: &Path) -> &'static str {
        Kind::from_path(path).map_or("line", Kind::unit)
    }
}

/// How the turns were found, as reported by `coda sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `Label: text` turns in a .txt file.
    Text,
    /// `Label: text` turns in a .md file.
    Markdown,
    /// `Speaker Name  0:02` headers, text below.
    Otter,
    WebVtt,
    Srt,
    Sbv,
    /// `Label: text` turns (or bold speaker names, or a speaker table) in a .docx file.
    Docx,
    /// `Label: text` turns (or bold speaker names, or a speaker table) in a .odt file.
    Odt,
    /// No speaker labels: one segment per paragraph (or cue).
    Unlabelled,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Otter => "otter",
            Format::WebVtt => "webvtt",
            Format::Srt => "srt",
            Format::Sbv => "sbv",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Unlabelled => "unlabelled",
        }
    }
}

/// One speaker turn as found in the file, before participants are attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The label as written ("Interviewer", "JSW1", "Morag B"); empty in unlabelled files.
    pub speaker: String,
    pub role: Role,
    pub text: String,
    /// First and last source line (1-based, inclusive); in a .docx or .odt, first and
    /// last paragraph (see [`Kind::unit`]).
    pub lines: (usize, usize),
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
}

/// A remark about a file that did not stop it being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: Option<usize>,
    pub message: String,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub message: String,
}

impl ParseError {
    fn at(line: usize, message: impl Into<String>) -> Self {
        ParseError {
            line: Some(line),
            message: message.into(),
        }
    }
}

/// How a file's turns were found, for `coda check`: the label shapes the file uses and
/// the label-like lines that were not taken as speakers.
#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    pub shapes: Vec<&'static str>,
    pub not_taken: Vec<NotTaken>,
    /// Timed speaker table rows with no speaker, read as part of the turn before.
    pub unattributed: Vec<usize>,
    /// Whisper segment lines (`[00:05.340 --> 00:08.240]  text`) with no speaker, among
    /// segments with one, read as part of the turn before.
    pub unnamed: Vec<usize>,
    /// Whisper segment lines in a file with no speaker at all (a recording transcribed
    /// without diarisation): their times dropped, the words read as no one's turn.
    pub speakerless: Vec<usize>,
}

/// A parsed transcript file.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub format: Format,
    pub encoding: Encoding,
    pub front_matter: FrontMatter,
    pub turns: Vec<Turn>,
    pub warnings: Vec<Warning>,
    pub diagnosis: Diagnosis,
}

/// Decode and parse one file's bytes. A document (.docx, .odt) is unpacked, not
/// decoded: its bytes are a zip archive, not text.
/// A caption format's parser: text to its format and turns.
type CueParser = fn(
    &str,
    &Speakers,
    &mut Vec<Warning>,
    &mut Vec<NotTaken>,
) -> Result<(Format, Vec<Turn>), ParseError>;

pub fn parse_bytes(bytes: &[u8], kind: Kind, speakers: &Speakers) -> Result<Parsed, ParseError> {
    let mut warnings = Vec::new();
    let (format, encoding, front_matter, turns, diagnosis) = match kind {
        Kind::Docx | Kind::Odt => {
            let (f, t, e, d) = document::parse(bytes, kind, speakers, &mut warnings)?;
            (f, e, FrontMatter::default(), t, d)
        }
        Kind::Text | Kind::Markdown => {
            let d = decoded(bytes, &mut warnings)?;
            let (f, fm, t, g) = text::parse(&d.text, kind, speakers, &mut warnings)?;
            (f, d.encoding, fm, t, g)
        }
        Kind::WebVtt | Kind::Srt | Kind::Sbv => {
            let cues: CueParser = match kind {
                Kind::WebVtt => vtt::parse,
                Kind::Srt => srt::parse,
                _ => sbv::parse,
            };
            let d = decoded(bytes, &mut warnings)?;
            let mut not_taken = Vec::new();
            let (f, t) = cues(&d.text, speakers, &mut warnings, &mut not_taken)?;
            (
                f,
                d.encoding,
                FrontMatter::default(),
                t,
                Diagnosis {
                    not_taken,
                    ..Diagnosis::default()
                },
            )
        }
    };
    if turns.is_empty() {
        return Err(ParseError {
            line: None,
            message: "no text found: the file holds no turns to read".into(),
        });
    }
    Ok(Parsed {
        format,
        encoding,
        front_matter,
        turns,
        warnings,
        diagnosis,
    })
}

/// A text file's bytes decoded, the decoder's warnings added to `warnings`.
fn decoded(bytes: &[u8], warnings: &mut Vec<Warning>) -> Result<decode::Decoded, ParseError> {
    let decoded = decode::decode(bytes).map_err(|e| ParseError {
        line: None,
        message: e.to_string(),
    })?;
    warnings.extend(decoded.warnings.iter().map(|(line, message)| Warning {
        line: Some(*line),
        message: message.clone(),
    }));
    Ok(decoded)
}
