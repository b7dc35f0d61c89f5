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
    /// Whether a writer holds the lock at `path` now (readers take no lock: they only
    /// ask, to tell a writer's commit in progress from a state left by a killed one).
    pub fn is_held(path: &Path) -> bool {
        let Ok(file) = File::open(path) else {
            return false;
        };
        match file.try_lock_shared() {
            Ok(()) => {
                let _ = file.unlock();
                false
            }
            Err(TryLockError::WouldBlock) => true,
            Err(TryLockError::Error(_)) => false,
        }
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
        let cmd: Vec<String> = std::env::args().take(2).collect();
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{} ({})", std::process::id(), cmd.join(" "));
        let _ = file.flush();
        Ok(Lock { file })
    }
}
