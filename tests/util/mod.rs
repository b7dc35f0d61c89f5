//! Test harness: run the real `coda` binary from the project root, in a temp dir
//! when a test needs files of its own, and compare whole outputs with a readable diff.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of `coda` produced.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// The project root, where fixture paths are relative to.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `coda` with `args` in `dir`.
pub fn coda_in(dir: &Path, args: &[&str]) -> Run {
    run_in(Command::new(env!("CARGO_BIN_EXE_coda")), dir, args)
}

/// Run `cmd` (coda, or something that runs it) with `args` in `dir`.
fn run_in(mut cmd: Command, dir: &Path, args: &[&str]) -> Run {
    let out = cmd
        .args(args)
        .current_dir(dir)
        .env_remove("CODA_PROJECT")
        .output()
        .expect("run coda");
    Run {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Run `coda` with `args` in `dir`, with `input` as its standard input (a pipe).
pub fn coda_with_input(dir: &Path, args: &[&str], input: &str) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_coda"))
        .args(args)
        .current_dir(dir)
        .env_remove("CODA_PROJECT")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run coda");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_owned();
    // Written from a thread, so that a large output cannot block both sides.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("wait for coda");
    writer.join().expect("write stdin");
    Run {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// A project of the bundled sample corpus (`transcripts-sample` and its participants
/// sheet) in a temp dir, as `.coda` there.
pub fn sample_project() -> TempTree {
    let t = TempTree::new();
    let sample = root().join("transcripts-sample");
    let sheet = sample.join("participants.csv");
    let r = t.run(&[
        "ingest",
        sample.to_str().unwrap(),
        "--participants",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
}

/// Run `coda` with `args` in `dir`, killed after `secs` seconds (exit status 124) if it
/// has not finished: for inputs that would block a reader forever (a FIFO).
pub fn coda_within(dir: &Path, secs: u32, args: &[&str]) -> Run {
    let mut cmd = Command::new("timeout");
    cmd.arg(secs.to_string()).arg(env!("CARGO_BIN_EXE_coda"));
    run_in(cmd, dir, args)
}

/// Whether the tests run as root.
pub fn is_root() -> bool {
    let id = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&id.stdout).trim() == "0"
}

/// Run `coda` with `args` in the project root.
pub fn coda(args: &[&str]) -> Run {
    coda_in(&root(), args)
}

/// A fixture or expected file's contents.
pub fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Compare whole texts; on a difference, panic with the lines that differ.
#[track_caller]
pub fn assert_text(what: &str, expected: &str, actual: &str) {
    if expected == actual {
        return;
    }
    let e: Vec<&str> = expected.split('\n').collect();
    let a: Vec<&str> = actual.split('\n').collect();
    let mut report = String::new();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            report.push_str(&format!("line {}:\n  - {:?}\n  + {:?}\n", i + 1, x, y));
        }
    }
    panic!("{what} differs from what was expected (- expected, + actual):\n{report}");
}

/// A temp folder with files written into it.
pub struct TempTree {
    pub dir: tempfile::TempDir,
}

impl TempTree {
    pub fn new() -> Self {
        TempTree {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }

    pub fn run(&self, args: &[&str]) -> Run {
        coda_in(self.path(), args)
    }
}

/// Run `coda` in `dir` as an unprivileged user when the tests run as root (root reads
/// and writes every file whatever its permissions).
#[allow(dead_code)]
pub fn run_unprivileged(dir: &Path, args: &[&str]) -> Run {
    let root = std::process::Command::new("id").arg("-u").output().unwrap();
    let cmd = if String::from_utf8_lossy(&root.stdout).trim() == "0" {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_coda"),
        ]);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_coda"))
    };
    run_in(cmd, dir, args)
}
