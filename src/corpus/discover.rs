//! Which files to read: PATH arguments expanded, folders searched recursively in
//! sorted order for .txt, .md, .vtt and .srt files.

use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
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

/// Files found so far, each once.
#[derive(Default)]
struct Files {
    found: Found,
    /// Device and inode of each file found, with its position in `found.files`.
    seen: HashMap<(u64, u64), usize>,
    /// Transcript files met in folders, those found before included.
    in_folders: usize,
}

impl Files {
    /// Add a file unless it was found already, directly or inside a folder, or by another
    /// path to the same real file (a symbolic link). Two names of one inode that are
    /// different real files (hard links) are both kept.
    fn push(&mut self, path: PathBuf, kind: Kind, meta: &Metadata) {
        let key = (meta.dev(), meta.ino());
        if let Some(&i) = self.seen.get(&key) {
            let other = &self.found.files[i].0;
            if other == &path || real(other) == real(&path) {
                return;
            }
        } else {
            self.seen.insert(key, self.found.files.len());
        }
        self.found.files.push((path, kind));
    }
}

fn real(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Expand PATHs: each file once, in the order given, folders in sorted order.
pub fn discover(paths: Vec<PathBuf>, ignore: &[PathBuf]) -> Found {
    let mut files = Files::default();
    let mut seen_dirs = HashSet::new();
    let ignore: HashSet<PathBuf> = ignore
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    for path in paths {
        let found = &mut files.found;
        match std::fs::metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => found.errors.push(Problem::at(
                &path,
                None,
                "no such file or folder; check the path",
            )),
            Err(e) => found
                .errors
                .push(Problem::at(&path, None, format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => {
                let before = files.in_folders;
                walk(&path, &mut files, &mut seen_dirs, &ignore);
                if files.in_folders == before {
                    files.found.errors.push(Problem::at(
                        &path,
                        None,
                        "the folder holds no transcripts (.txt, .md, .vtt or .srt files)",
                    ));
                }
            }
            Ok(meta) => match Kind::from_path(&path) {
                Some(kind) => files.push(path, kind, &meta),
                None => found
                    .errors
                    .push(Problem::at(&path, None, unsupported(&path))),
            },
        }
    }
    files.found
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

fn walk(dir: &Path, files: &mut Files, seen: &mut HashSet<PathBuf>, ignore: &HashSet<PathBuf>) {
    // A symlink pointing back up the tree would loop forever; visit each real folder once.
    match dir.canonicalize() {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(e) => {
            files
                .found
                .errors
                .push(Problem::at(dir, None, format!("cannot read folder: {e}")));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            files
                .found
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
                files.found.errors.push(Problem::at(&path, None, why));
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, files, seen, ignore);
        } else if let Some(kind) = Kind::from_path(&path) {
            files.in_folders += 1;
            files.push(path, kind, &meta);
        } else if !path.canonicalize().is_ok_and(|p| ignore.contains(&p)) {
            files.found.skipped.push(path);
        }
    }
}
