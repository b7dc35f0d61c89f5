//! Where output goes: stdout, or a file replaced atomically (temp file in the same
//! folder, fsync, rename, fsync of the folder) so that an interrupted run leaves the
//! previous file intact.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Temp files being written right now, removed if the process is interrupted.
static LIVE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Note a temp file being written (a [`Sink`]'s, or a scratch file).
pub fn track_temp_file(path: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.push(path.to_path_buf());
    }
}

/// The temp file is renamed into place or removed: forget it.
pub fn untrack_temp_file(path: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.retain(|p| p != path);
    }
}

/// Remove every temp file being written (on Ctrl-C, before exiting).
pub fn discard_live_temp_files() {
    let live = match LIVE.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    for p in live.iter() {
        let _ = std::fs::remove_file(p);
    }
}

pub struct Sink {
    inner: Inner,
}

enum Inner {
    Stdout(BufWriter<io::Stdout>),
    /// `w` is taken by `finish`; a temp file still present at drop is removed.
    File {
        tmp: PathBuf,
        dest: PathBuf,
        w: Option<BufWriter<File>>,
    },
}

impl Sink {
    /// `None` or `-` is stdout.
    pub fn open(path: Option<&Path>) -> Result<Sink> {
        let inner = match path {
            None => Inner::Stdout(BufWriter::new(io::stdout())),
            Some(p) if p == Path::new("-") => Inner::Stdout(BufWriter::new(io::stdout())),
            Some(dest) => {
                let dir = dest
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let name = dest
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                remove_stale_temp_files(dir, &name);
                // Created new and exclusive (a link planted at the name is never
                // followed), readable by its owner only, the name unpredictable after
                // the process id that tells a stale file from a live one.
                let created = tempfile::Builder::new()
                    .prefix(&format!(".{name}.tmp-{}-", std::process::id()))
                    .tempfile_in(dir)
                    .and_then(|t| t.keep().map_err(|e| e.error));
                let (f, tmp) = created.map_err(|e| {
                    if dir.is_dir() {
                        Error::io(dest, e)
                    } else {
                        Error::io(
                            dest,
                            io::Error::new(
                                e.kind(),
                                format!(
                                    "cannot write here: the folder {} does not exist; create it or write elsewhere",
                                    dir.display()
                                ),
                            ),
                        )
                    }
                })?;
                track_temp_file(&tmp);
                Inner::File {
                    tmp,
                    dest: dest.to_path_buf(),
                    w: Some(BufWriter::new(f)),
                }
            }
        };
        Ok(Sink { inner })
    }

    /// The terminal's width when output goes to a terminal (table views fit it).
    pub fn terminal_width(&self) -> Option<usize> {
        match self.inner {
            Inner::Stdout(_) if io::stdout().is_terminal() => Some(
                console::Term::stdout()
                    .size_checked()
                    .map_or(100, |(_, w)| w as usize),
            ),
            _ => None,
        }
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match &mut self.inner {
            Inner::Stdout(w) => w,
            Inner::File { w, .. } => w.as_mut().expect("writer used after finish"),
        }
    }

    /// Flush, and for a file: fsync, rename over the destination, fsync the folder.
    pub fn finish(mut self) -> Result<()> {
        match &mut self.inner {
            Inner::Stdout(w) => w.flush().map_err(Error::Output),
            Inner::File { tmp, dest, w } => {
                let w = w.take().expect("finish called once");
                let committed = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .and_then(|f| f.sync_all())
                    // A file replaced keeps its mode; a new one stays 0600.
                    .and_then(|()| match std::fs::metadata(&*dest) {
                        Ok(m) if m.is_file() => std::fs::set_permissions(&*tmp, m.permissions()),
                        _ => Ok(()),
                    })
                    .and_then(|()| std::fs::rename(&*tmp, &*dest));
                if let Err(e) = committed {
                    let _ = std::fs::remove_file(&*tmp);
                    untrack_temp_file(tmp);
                    return Err(Error::io(dest, e));
                }
                untrack_temp_file(tmp);
                if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
                    && let Ok(d) = File::open(dir)
                {
                    let _ = d.sync_all();
                }
                Ok(())
            }
        }
    }
}

/// Temp files of `name` left in `dir` by a process that no longer runs (it was killed
/// before it could clean up).
fn remove_stale_temp_files(dir: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or(rest);
        let alive = pid.parse::<u32>().is_ok_and(|pid| {
            pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
        });
        if !alive {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if let Inner::File {
            tmp, w: Some(_), ..
        } = &self.inner
        {
            let _ = std::fs::remove_file(tmp);
            untrack_temp_file(tmp);
        }
    }
}
