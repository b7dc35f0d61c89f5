//! Which files to read: PATH arguments expanded, folders searched recursively in
//! sorted order for .txt, .md, .vtt and .srt files. The list is kept in a scratch file,
//! not in memory: a folder of a hundred thousand transcripts costs what one does.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::error::{Problem, Result};
use crate::store::sorter::{self, Appended, Appender, Sorter};
use crate::transcript::Kind;

/// The outcome of expanding the PATH arguments.
pub struct Found {
    /// Transcript files in the order given, folders expanded in sorted order.
    pub files: FileList,
    /// Files inside folders that are not transcripts.
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be used at all.
    pub errors: Vec<Problem>,
}

/// The transcript files found, each once, in order, set aside in a scratch file.
pub struct FileList {
    list: Appended,
    /// Positions of the files whose name without extension (the transcript id) another
    /// file found has too: only these need checking for a clash while reading.
    shared: HashSet<usize>,
}

impl FileList {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether another file found has the same name without extension as the `n`th.
    pub fn shares_id(&self, n: usize) -> bool {
        self.shared.contains(&n)
    }

    /// The files, in order.
    pub fn iter(&self) -> impl Iterator<Item = Result<(PathBuf, Kind)>> + '_ {
        self.list
            .records()
            .items()
            .map(|r| r.map(|(path, kind)| (path_of(&path), kind_of(kind[0]))))
    }
}

/// What expanding the PATH arguments has found so far.
struct Walk<'a> {
    /// Files found, keyed by [`key`]; the value is kind, device, inode and path.
    files: Sorter,
    seen_dirs: HashSet<PathBuf>,
    ignore: &'a HashSet<PathBuf>,
    /// The PATH argument being expanded.
    arg: u32,
    /// Transcript files met in the folders of the current argument.
    in_folders: usize,
    skipped: Vec<(Vec<u8>, PathBuf)>,
    errors: Vec<(Vec<u8>, Problem)>,
}

/// Where something found under PATH argument `arg` goes in the list: arguments in the
/// order given, then each path's components in order, which is the order of a walk that
/// visits each folder's entries sorted by name. `after` puts it after the argument's files.
fn key(arg: u32, after: bool, path: &Path) -> Vec<u8> {
    let mut k = arg.to_be_bytes().to_vec();
    k.push(u8::from(after));
    for c in path.components() {
        // A 0 byte ends each component: no name contains one, and it sorts before every
        // other byte, so "a" comes before "a-" as it does by components.
        k.extend_from_slice(c.as_os_str().as_bytes());
        k.push(0);
    }
    k
}

fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(OsStr::from_bytes(bytes))
}

fn kind_byte(kind: Kind) -> u8 {
    match kind {
        Kind::Text => 0,
        Kind::Markdown => 1,
        Kind::WebVtt => 2,
        Kind::Srt => 3,
    }
}

fn kind_of(b: u8) -> Kind {
    match b {
        0 => Kind::Text,
        1 => Kind::Markdown,
        2 => Kind::WebVtt,
        _ => Kind::Srt,
    }
}

impl Walk<'_> {
    fn error(&mut self, path: &Path, after: bool, message: impl Into<String>) {
        self.errors
            .push((key(self.arg, after, path), Problem::at(path, None, message)));
    }

    fn add(&mut self, path: &Path, kind: Kind, meta: &std::fs::Metadata) -> Result<()> {
        let (dev, ino) = (meta.dev(), meta.ino());
        let mut value = vec![kind_byte(kind)];
        value.extend_from_slice(&dev.to_le_bytes());
        value.extend_from_slice(&ino.to_le_bytes());
        value.extend_from_slice(path.as_os_str().as_bytes());
        self.files.push(&key(self.arg, false, path), &value)
    }

    fn walk(&mut self, dir: &Path) -> Result<()> {
        // A symlink pointing back up the tree would loop forever; visit each real folder once.
        match dir.canonicalize() {
            Ok(real) => {
                if !self.seen_dirs.insert(real) {
                    return Ok(());
                }
            }
            Err(e) => {
                self.error(dir, false, format!("cannot read folder: {e}"));
                return Ok(());
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.error(dir, false, format!("cannot read folder: {e}"));
                return Ok(());
            }
        };
        let mut dirs = Vec::new();
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            if entry.file_name().as_bytes().starts_with(b".") {
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
                    self.error(&path, false, why);
                    continue;
                }
            };
            if meta.is_dir() {
                dirs.push(path);
            } else if let Some(kind) = Kind::from_path(&path) {
                self.in_folders += 1;
                self.add(&path, kind, &meta)?;
            } else if !path.canonicalize().is_ok_and(|p| self.ignore.contains(&p)) {
                self.skipped.push((key(self.arg, false, &path), path));
            }
        }
        // Folders in sorted order: which of two paths to one real folder is walked is
        // the one a sorted walk meets first.
        dirs.sort();
        for d in dirs {
            self.walk(&d)?;
        }
        Ok(())
    }
}

fn real(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Expand PATHs: each file once, in the order given, folders in sorted order. A file
/// found again by another path to the same real file (a symbolic link, or a file both
/// named and inside a folder named) is left out; two names of one inode that are
/// different real files (hard links) are both kept. The list is sorted and checked on
/// disk. Fails only if a scratch file fails.
pub fn discover(paths: super::Paths<'_>, ignore: &[PathBuf]) -> Result<Found> {
    let ignore: HashSet<PathBuf> = ignore
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut w = Walk {
        files: Sorter::anonymous()?,
        seen_dirs: HashSet::new(),
        ignore: &ignore,
        arg: 0,
        in_folders: 0,
        skipped: Vec::new(),
        errors: Vec::new(),
    };
    for (arg, path) in paths.enumerate() {
        let path = &path?;
        w.arg = u32::try_from(arg).unwrap_or(u32::MAX);
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                w.error(path, false, "no such file or folder; check the path")
            }
            Err(e) => w.error(path, false, format!("cannot read: {e}")),
            Ok(meta) if meta.is_dir() => {
                w.in_folders = 0;
                w.walk(path)?;
                if w.in_folders == 0 {
                    w.error(
                        path,
                        true,
                        "the folder holds no transcripts (.txt, .md, .vtt or .srt files)",
                    );
                }
            }
            Ok(meta) => match Kind::from_path(path) {
                Some(kind) => w.add(path, kind, &meta)?,
                None => w.error(path, false, unsupported(path)),
            },
        }
    }
    let Walk {
        files,
        mut skipped,
        mut errors,
        ..
    } = w;
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    errors.sort_by(|a, b| a.0.cmp(&b.0));

    // The files in order, numbered; and by device and inode, to find those found twice.
    let mut sorted = files.finish()?;
    let mut numbered = Appender::anonymous()?;
    let mut by_inode = Sorter::anonymous()?;
    let mut n = 0u64;
    while let Some((_, value)) = sorted.next()? {
        let mut key = value[1..17].to_vec();
        key.extend_from_slice(&n.to_be_bytes());
        by_inode.push(&key, &value[17..])?;
        numbered.push(&[], &value)?;
        n += 1;
    }
    let numbered = numbered.finish()?;
    drop(sorted);
    // A file whose inode an earlier file has is left out if it is the same real file (a
    // symbolic link to it, or named twice); a hard link under another name is kept.
    let mut dropped = Sorter::anonymous()?;
    let mut by_inode = by_inode.finish()?;
    let mut first: Option<(Vec<u8>, PathBuf)> = None;
    while let Some((key, path)) = by_inode.next()? {
        let (inode, n) = key.split_at(16);
        let path = path_of(&path);
        match &first {
            Some((i, other)) if i.as_slice() == inode => {
                if other == &path || real(other) == real(&path) {
                    dropped.push(n, &[])?;
                }
            }
            _ => first = Some((inode.to_vec(), path)),
        }
    }
    drop(by_inode);

    // The list, each file once; and which transcript ids more than one file has.
    let mut dropped = dropped.finish()?;
    let mut next_dropped = dropped.next()?.map(|(k, _)| k);
    let mut records = numbered.records();
    let mut list = Appender::anonymous()?;
    let mut stems = Sorter::anonymous()?;
    let mut n = 0u64;
    while let Some((_, value)) = records.next()? {
        let this = n.to_be_bytes();
        n += 1;
        if next_dropped.as_deref() == Some(&this[..]) {
            next_dropped = dropped.next()?.map(|(k, _)| k);
            continue;
        }
        let path = path_of(&value[17..]);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        let k = sorter::text_then_number(stem.as_bytes(), list.len() as u64);
        stems.push(&k, &[])?;
        list.push(path.as_os_str().as_bytes(), &value[..1])?;
    }
    let mut shared = HashSet::new();
    let mut stems = stems.finish()?;
    let mut prev: Option<(Vec<u8>, usize)> = None;
    while let Some((k, _)) = stems.next()? {
        let (stem, n) = sorter::split_text_then_number(&k);
        let n = n as usize;
        if let Some((p, m)) = &prev
            && p.as_slice() == stem
        {
            shared.insert(*m);
            shared.insert(n);
        }
        prev = Some((stem.to_vec(), n));
    }
    Ok(Found {
        files: FileList {
            list: list.finish()?,
            shared,
        },
        skipped: skipped.into_iter().map(|(_, p)| p).collect(),
        errors: errors.into_iter().map(|(_, p)| p).collect(),
    })
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
