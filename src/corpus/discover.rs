//! Which files to read: PATH arguments expanded, folders searched recursively in
//! sorted order for .txt, .md, .vtt and .srt files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::Problem;
use crate::transcript::Kind;

/// The outcome of expanding the PATH arguments.
#[derive(Debug, Default)]
pub struct Found {
    /// Transcript files in the order given, folders expanded in sorted order.
    pub files: Vec<(PathBuf, Kind)>,
    /// Files inside folders that are not transcripts.
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be used at all.
    pub errors: Vec<Problem>,
}

pub fn discover(paths: &[PathBuf], ignore: &[PathBuf]) -> Found {
    let mut found = Found::default();
    let mut seen_dirs = HashSet::new();
    let ignore: HashSet<PathBuf> = ignore
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => found.errors.push(Problem::at(
                path,
                None,
                "no such file or folder; check the path",
            )),
            Err(e) => found
                .errors
                .push(Problem::at(path, None, format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => {
                let before = found.files.len();
                walk(path, &mut found, &mut seen_dirs, &ignore);
                if found.files.len() == before {
                    found.errors.push(Problem::at(
                        path,
                        None,
                        "the folder holds no transcripts (.txt, .md, .vtt or .srt files)",
                    ));
                }
            }
            Ok(_) => match Kind::from_path(path) {
                Some(kind) => found.files.push((path.clone(), kind)),
                None => found
                    .errors
                    .push(Problem::at(path, None, unsupported(path))),
            },
        }
    }
    // A file named twice (directly and inside a folder, or by two paths) is read once.
    let mut seen_files = HashSet::new();
    found
        .files
        .retain(|(p, _)| seen_files.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    found
}

fn unsupported(path: &Path) -> String {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "docx" | "doc" | "rtf" | "odt" => {
            "Word documents are not read directly: in Word use Save As > Plain Text (.txt), UTF-8"
                .into()
        }
        _ => "not a transcript file: coda reads .txt, .md, .vtt and .srt; rename or convert it"
            .into(),
    }
}

fn walk(dir: &Path, found: &mut Found, seen: &mut HashSet<PathBuf>, ignore: &HashSet<PathBuf>) {
    // A symlink pointing back up the tree would loop forever; visit each real folder once.
    match dir.canonicalize() {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(e) => {
            found
                .errors
                .push(Problem::at(dir, None, format!("cannot read folder: {e}")));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            found
                .errors
                .push(Problem::at(dir, None, format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let why = if e.kind() == std::io::ErrorKind::NotFound {
                    "a link to nothing: the file it points to is gone; fix or delete the link"
                        .to_owned()
                } else if e.raw_os_error() == Some(40) {
                    // ELOOP
                    "a link that leads back to itself (a symbolic link loop); fix or delete the link".to_owned()
                } else {
                    format!("cannot read: {e}")
                };
                found.errors.push(Problem::at(&path, None, why));
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, found, seen, ignore);
        } else if let Some(kind) = Kind::from_path(&path) {
            found.files.push((path, kind));
        } else if !path.canonicalize().is_ok_and(|p| ignore.contains(&p)) {
            found.skipped.push(path);
        }
    }
}
