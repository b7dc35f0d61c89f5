//! Which files to read: PATH arguments expanded, folders searched recursively in
//! sorted order for .txt, .md, .vtt, .srt, .sbv, .docx and .odt files. The list is held in memory: a path
//! and a few bytes a file.

use std::collections::{HashMap, HashSet};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::error::{Problem, Result};
use crate::transcript::Kind;

/// The outcome of expanding the PATH arguments.
pub struct Found {
    /// Transcript files in the order given, folders expanded in sorted order.
    pub files: FileList,
    /// Files inside folders that are not transcripts.
    pub skipped: Vec<PathBuf>,
    /// Things in folders that are not regular files (a FIFO, a socket, a device, a link
    /// to one), each with what it is: skipped, never opened.
    pub special: Vec<Problem>,
    /// Documents in folders that coda does not read (PDF, old Word, RTF), each with how
    /// to get their text.
    pub documents: Vec<Problem>,
    /// Paths that could not be used at all.
    pub errors: Vec<Problem>,
}

/// The transcript files found, each once, in order.
pub struct FileList {
    list: Vec<(PathBuf, Kind)>,
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
    pub fn iter(&self) -> impl Iterator<Item = (&Path, Kind)> + '_ {
        self.list.iter().map(|(path, kind)| (path.as_path(), *kind))
    }
}

/// A transcript file found.
struct File {
    path: PathBuf,
    kind: Kind,
    /// Device and inode, to find a file found twice.
    inode: (u64, u64),
}

/// What expanding the PATH arguments has found so far.
struct Walk<'a> {
    /// Files found, each with its [`key`].
    files: Vec<(Vec<u8>, File)>,
    seen_dirs: HashSet<PathBuf>,
    ignore: &'a HashSet<PathBuf>,
    /// The PATH argument being expanded.
    arg: u32,
    /// Transcript files met in the folders of the current argument.
    in_folders: usize,
    skipped: Vec<(Vec<u8>, PathBuf)>,
    special: Vec<(Vec<u8>, Problem)>,
    documents: Vec<(Vec<u8>, Problem)>,
    errors: Vec<(Vec<u8>, Problem)>,
    /// Folders of the current argument that could not be read.
    unreadable: usize,
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

impl Walk<'_> {
    fn error(&mut self, path: &Path, after: bool, message: impl Into<String>) {
        self.errors
            .push((key(self.arg, after, path), Problem::at(path, None, message)));
    }

    fn add(&mut self, path: &Path, kind: Kind, meta: &std::fs::Metadata) {
        let file = File {
            path: path.to_path_buf(),
            kind,
            inode: (meta.dev(), meta.ino()),
        };
        self.files.push((key(self.arg, false, path), file));
    }

    fn unreadable_dir(&mut self, dir: &Path, e: &std::io::Error) {
        self.unreadable += 1;
        let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
            "; give yourself permission to read it (chmod u+rx) and run again"
        } else {
            ""
        };
        self.error(dir, false, format!("cannot read folder: {e}{hint}"));
    }

    fn walk(&mut self, dir: &Path) {
        // A symlink pointing back up the tree would loop forever; visit each real folder once.
        match dir.canonicalize() {
            Ok(real) => {
                if !self.seen_dirs.insert(real) {
                    return;
                }
            }
            Err(e) => {
                self.unreadable_dir(dir, &e);
                return;
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.unreadable_dir(dir, &e);
                return;
            }
        };
        let mut dirs = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    // The listing broke off: what is left of the folder is unknown.
                    self.unreadable_dir(dir, &e);
                    break;
                }
            };
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
            if meta.is_dir() && path.join(".coda").join("project.db").is_file() {
                // `coda analyse . --out analysis` run twice must not read its own
                // quotes.md and summary.md as transcripts.
                let k = key(self.arg, false, &path);
                let p = Problem::at(
                    &path,
                    None,
                    "skipped: a folder of coda's own outputs (it holds a coda project, .coda); \
                     name it on the command line to read it",
                );
                self.special.push((k, p));
            } else if meta.is_dir() {
                dirs.push(path);
            } else if let Some(what) = special(&meta) {
                // Never opened: reading a FIFO waits for a writer forever, a device
                // never ends.
                let k = key(self.arg, false, &path);
                let p = Problem::at(&path, None, format!("skipped: {what}, not a regular file"));
                self.special.push((k, p));
            } else if let Some(kind) = Kind::from_path(&path) {
                self.in_folders += 1;
                self.add(&path, kind, &meta);
            } else if let Some(how) = document(&path) {
                let k = key(self.arg, false, &path);
                self.documents.push((k, Problem::at(&path, None, how)));
            } else if !path.canonicalize().is_ok_and(|p| self.ignore.contains(&p)) {
                self.skipped.push((key(self.arg, false, &path), path));
            }
        }
        // Folders in sorted order: which of two paths to one real folder is walked is
        // the one a sorted walk meets first.
        dirs.sort();
        for d in dirs {
            self.walk(&d);
        }
    }
}

fn real(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Expand PATHs: each file once, in the order given, folders in sorted order. A file
/// found again by another path to the same real file (a symbolic link, or a file both
/// named and inside a folder named) is left out; two names of one inode that are
/// different real files (hard links) are both kept. Fails only if `paths` yields an
/// error.
pub fn discover(paths: super::Paths<'_>, ignore: &[PathBuf]) -> Result<Found> {
    let ignore: HashSet<PathBuf> = ignore
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut w = Walk {
        files: Vec::new(),
        seen_dirs: HashSet::new(),
        ignore: &ignore,
        arg: 0,
        in_folders: 0,
        skipped: Vec::new(),
        special: Vec::new(),
        documents: Vec::new(),
        errors: Vec::new(),
        unreadable: 0,
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
                w.unreadable = 0;
                w.walk(path);
                if w.in_folders == 0 && w.unreadable == 0 {
                    w.error(
                        path,
                        true,
                        "the folder holds no transcripts (.txt, .md, .vtt, .srt, .sbv, .docx or .odt files)",
                    );
                }
            }
            Ok(meta) => match (special(&meta), Kind::from_path(path)) {
                (Some(what), _) => w.error(
                    path,
                    false,
                    format!("{what}, not a regular file: coda reads transcript files only"),
                ),
                (None, Some(kind)) => w.add(path, kind, &meta),
                (None, None) => w.error(path, false, unsupported(path)),
            },
        }
    }
    let Walk {
        mut files,
        mut skipped,
        mut special,
        mut documents,
        mut errors,
        ..
    } = w;
    // Stable: of two with one key, the first found first.
    files.sort_by(|a, b| a.0.cmp(&b.0));
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    special.sort_by(|a, b| a.0.cmp(&b.0));
    documents.sort_by(|a, b| a.0.cmp(&b.0));
    errors.sort_by(|a, b| a.0.cmp(&b.0));

    // A file whose inode an earlier file has is left out if it is the same real file as
    // the first with that inode (a symbolic link to it, or named twice); a hard link
    // under another name is kept.
    let mut first_of_inode: HashMap<(u64, u64), usize> = HashMap::new();
    let mut dropped = vec![false; files.len()];
    for (n, (_, file)) in files.iter().enumerate() {
        match first_of_inode.get(&file.inode) {
            Some(&m) => {
                let other = &files[m].1.path;
                if other == &file.path || real(other) == real(&file.path) {
                    dropped[n] = true;
                }
            }
            None => {
                first_of_inode.insert(file.inode, n);
            }
        }
    }
    drop(first_of_inode);

    // The list, each file once; and which transcript ids more than one file has.
    let list: Vec<(PathBuf, Kind)> = files
        .into_iter()
        .zip(dropped)
        .filter(|(_, dropped)| !dropped)
        .map(|((_, file), _)| (file.path, file.kind))
        .collect();
    let mut by_stem: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, (path, _)) in list.iter().enumerate() {
        by_stem.entry(transcript_id(path)).or_default().push(n);
    }
    let shared = by_stem
        .into_values()
        .filter(|files| files.len() > 1)
        .flatten()
        .collect();
    Ok(Found {
        files: FileList { list, shared },
        skipped: skipped.into_iter().map(|(_, p)| p).collect(),
        special: special.into_iter().map(|(_, p)| p).collect(),
        documents: documents.into_iter().map(|(_, p)| p).collect(),
        errors: errors.into_iter().map(|(_, p)| p).collect(),
    })
}

/// What a file that is not a regular file is, if it is not one (`meta` as followed
/// through links).
fn special(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        None
    } else if t.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if t.is_socket() {
        Some("a socket")
    } else if t.is_char_device() {
        Some("a character device")
    } else if t.is_block_device() {
        Some("a block device")
    } else {
        Some("a special file")
    }
}

/// Read a file that discovery found, refusing anything that is not a regular file by
/// then (it could have been replaced): opened without waiting, so that a FIFO put in a
/// file's place cannot block the read.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if let Some(what) = special(&meta) {
        return Err(std::io::Error::other(format!("{what}, not a regular file")));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A path as a shell command can take it: in single quotes when it needs them.
fn shell_word(path: &Path) -> String {
    let s = path.to_string_lossy();
    let plain =
        |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ',' | '@' | ':');
    if !s.is_empty() && s.chars().all(plain) {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// A document coda does not read, with how to get its text: PDF, old Word, RTF, and
/// the word processors' own formats.
fn document(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let txt = shell_word(&path.with_extension("txt"));
    let check = format!("then check the speaker labels with `coda check {txt}`");
    Some(match ext.as_str() {
        "pdf" => format!(
            "PDF is not read: export it as text (.txt) from the program that made it, or run `pdftotext -layout {} {txt}`; {check}",
            shell_word(path)
        ),
        "doc" => format!(
            "an old Word document (.doc) is not read: open it in Word or LibreOffice and save it as a Word document (.docx) or Plain Text (.txt), UTF-8; {check}"
        ),
        "rtf" => format!(
            "RTF is not read: open it in Word, LibreOffice or TextEdit and save it as a Word document (.docx) or Plain Text (.txt), UTF-8; {check}"
        ),
        "pages" => format!(
            "a Pages document is not read: export it as Word (.docx) or Plain Text (.txt); {check}"
        ),
        _ => return None,
    })
}

fn unsupported(path: &Path) -> String {
    document(path).unwrap_or_else(|| {
        "not a transcript file: coda reads .txt, .md, .vtt, .srt, .sbv, .docx and .odt; rename or convert it"
            .into()
    })
}

/// A transcript's id: its file name without extension, in NFC (a name typed on a Mac
/// may be NFD, `cafe\u{301}`: the same id as `café`).
pub fn transcript_id(path: &Path) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.file_stem()
        .map(|s| s.to_string_lossy().nfc().collect())
        .unwrap_or_default()
}
