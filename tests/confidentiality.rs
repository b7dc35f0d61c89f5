//! Confidentiality: coda never opens a network connection, and the project folder is
//! readable by its owner only.

mod util;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use util::{TempTree, root};

/// The whole workflow on the sample study, traced: not one socket is opened.
#[test]
fn no_network_call_in_the_whole_workflow() {
    let t = TempTree::new();
    let log = t.path().join("trace.log");
    let sample = root().join("transcripts-sample");
    let sheet = sample.join("participants.csv");
    let book = root().join("codebooks/justice-social-work.toml");
    let out = t.path().join("analysis");
    let steps: Vec<Vec<String>> = vec![
        vec![
            "analyse".into(),
            sample.display().to_string(),
            "--participants".into(),
            sheet.display().to_string(),
            "--codebook".into(),
            book.display().to_string(),
            "--out".into(),
            out.display().to_string(),
        ],
        vec![
            "--project".into(),
            out.join(".coda").display().to_string(),
            "search".into(),
            "bus".into(),
        ],
        vec![
            "--project".into(),
            out.join(".coda").display().to_string(),
            "quotes".into(),
            "--theme".into(),
            "rurality".into(),
        ],
    ];
    for args in steps {
        let status = Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=%network", "-o"])
            .arg(&log)
            .arg(env!("CARGO_BIN_EXE_coda"))
            .args(&args)
            .current_dir(t.path())
            .output()
            .expect("strace is needed for this test (apt-get install strace)");
        assert!(
            status.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        // Every network system call is a line; signals (`--- SIGCHLD ...`) are not calls.
        let trace = std::fs::read_to_string(&log).unwrap();
        let calls: Vec<&str> = trace.lines().filter(|l| !l.contains(" --- ")).collect();
        assert!(
            calls.is_empty(),
            "network system calls by `coda {}`: {calls:?}",
            args.join(" ")
        );
    }
    // The project folder: owner only.
    let mode = std::fs::metadata(out.join(".coda"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}

/// With no network at all (a fresh network namespace), the same analysis gives the same
/// bytes.
#[test]
fn works_the_same_without_a_network() {
    let t = TempTree::new();
    let sample = root().join("transcripts-sample");
    let run = |dir: &str, isolated: bool| {
        let mut cmd = if isolated {
            let mut c = Command::new("unshare");
            c.args(["-rn", env!("CARGO_BIN_EXE_coda")]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_coda"))
        };
        let o = cmd
            .arg("analyse")
            .arg(&sample)
            .arg("--participants")
            .arg(sample.join("participants.csv"))
            .arg("--codebook")
            .arg(root().join("codebooks/justice-social-work.toml"))
            .arg("--out")
            .arg(t.path().join(dir))
            .output()
            .expect("unshare (util-linux) is needed for this test");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run("with", false);
    run("without", true);
    for f in [
        "matrix.csv",
        "matrix-long.csv",
        "cooccurrence.csv",
        "codings.csv",
        "quotes.md",
        "summary.md",
    ] {
        let a = std::fs::read(t.path().join("with").join(f)).unwrap();
        let b = std::fs::read(t.path().join("without").join(f)).unwrap();
        assert!(a == b, "{f} differs without a network");
    }
}
