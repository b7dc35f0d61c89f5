//! One writer at a time: an exclusive OS file lock on `lock` in the project
//! directory, released when the process ends however it ends. The file holds the
//! holder's process id and command, for the message a second writer gets.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::error::{Error, Problem, Result};

/// Held for as long as the value lives.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Drop for Lock {
    /// Leave the file empty, so a finished run leaves the project's bytes as they were.
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

impl Lock {
    /// Whether a writer is at work on the project now: the lock file names a process
    /// that is alive. Readers never lock the file (a lock of theirs, however brief,
    /// could turn a writer away): they read who holds it.
    pub fn is_held(path: &Path) -> bool {
        let holder = std::fs::read_to_string(path).unwrap_or_default();
        let Some(pid) = holder
            .split_whitespace()
            .next()
            .and_then(|p| p.parse::<i32>().ok())
            .filter(|&p| p > 0)
        else {
            return false;
        };
        // SAFETY: kill with signal 0 sends nothing; it only asks whether the process
        // exists (EPERM: it does, and belongs to someone else).
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }

    pub fn acquire(path: &Path) -> Result<Lock> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let who = if holder.is_empty() {
                    "another process".to_owned()
                } else {
                    format!("process {holder}")
                };
                return Err(Error::input(Problem::at(
                    path.parent().unwrap_or(path),
                    None,
                    format!(
                        "the project is in use by {who}; wait for it to finish, then run this again"
                    ),
                )));
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(path, e)),
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(
            file,
            "{} ({})",
            std::process::id(),
            command(std::env::args())
        );
        let _ = file.flush();
        Ok(Lock { file })
    }
}

/// `coda SUBCOMMAND` of a command line, the global options before it (`--project DIR`)
/// left out.
fn command(args: impl Iterator<Item = String>) -> String {
    let mut args = args.skip(1);
    while let Some(a) = args.next() {
        if a == "--project" {
            args.next();
        } else if !a.starts_with('-') {
            return format!("coda {a}");
        }
    }
    "coda".to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_without_global_options() {
        let c = |a: &[&str]| super::command(a.iter().map(|s| s.to_string()));
        assert_eq!(
            c(&["coda", "--project", "p", "ingest", "in"]),
            "coda ingest"
        );
        assert_eq!(
            c(&["coda", "--project=p", "--csv-raw", "code"]),
            "coda code"
        );
        assert_eq!(c(&["coda", "analyse", "x"]), "coda analyse");
    }
}
