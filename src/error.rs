//! coda's errors and problems. A `Problem` names a file, a line where one applies, and
//! what to do; it is both how warnings are reported and what bad input fails with.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::transcript::Kind;

/// One thing wrong (or worth saying) about one input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn new(path: Option<&Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            path: path.map(Path::to_path_buf),
            line,
            message: message.into(),
        }
    }

    pub fn at(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem::new(Some(path), line, message)
    }

    pub fn general(message: impl Into<String>) -> Self {
        Problem::new(None, None, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let printable = crate::output::printable;
        if let Some(p) = &self.path {
            write!(f, "{}", printable(&p.display().to_string()))?;
            // `file:line:` as compilers write it; in a document, `file: paragraph N:`.
            match (self.line, Kind::unit_of(p)) {
                (Some(l), "line") => write!(f, ":{l}")?,
                (Some(l), unit) => write!(f, ": {unit} {l}")?,
                (None, _) => {}
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", printable(&self.message))
    }
}

/// Errors that stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: every problem found, each with its file and line.
    #[error("{}", join(.0))]
    Input(Vec<Problem>),
    /// Writing output failed.
    #[error("cannot write output: {0}")]
    Output(#[source] std::io::Error),
    /// The tantivy index failed.
    #[error("index: {0}")]
    Index(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Error {
    pub fn input(p: Problem) -> Self {
        Error::Input(vec![p])
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Whether this is a closed stdout (`coda ... | head`), which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Output(io),
            other => Error::Output(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

fn join(ps: &[Problem]) -> String {
    ps.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\nerror: ")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
