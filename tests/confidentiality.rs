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

/// Every entry of the project folder, with its mode, sorted: `path mode` lines.
fn modes(dir: &std::path::Path) -> String {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        if meta.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        }
        let kind = if meta.is_dir() { "dir" } else { "file" };
        out.push(format!("{kind} {:o}", meta.permissions().mode() & 0o7777));
    }
    out.sort();
    out.dedup();
    out.join("\n")
}

/// `coda` run through `sh -c 'umask U; exec coda ARGS'` in `dir`.
fn with_umask(dir: &std::path::Path, umask: &str, args: &str) -> std::process::Output {
    Command::new("sh")
        .args([
            "-c",
            &format!(
                "umask {umask}; exec '{}' {args}",
                env!("CARGO_BIN_EXE_coda")
            ),
        ])
        .current_dir(dir)
        .env_remove("CODA_PROJECT")
        .output()
        .unwrap()
}

/// The project folder is 0700 and everything in it (project.db, its journal, the lock,
/// the index folder and files) 0600 or 0700, whatever the umask; an existing project
/// left 0755 with 0644 files is made private by the next writing command, and one
/// whose files belong to someone else is left as it is with one warning (issue 22,
/// point 7).
#[test]
fn the_project_is_private_whatever_the_umask() {
    let t = TempTree::new();
    t.write(
        "in/a.txt",
        "Interviewer: Hi.\nC1: The bus runs twice a day.\n",
    );
    t.write(
        "cb.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"bus\"\nkeywords = [\"bus\"]\n",
    );
    let project = t.path().join(".coda");
    let ok = |o: std::process::Output| {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stderr).unwrap()
    };
    // A new project, with an umask that would give everyone everything.
    ok(with_umask(t.path(), "000", "ingest in"));
    assert_eq!(modes(&project), "dir 700\nfile 600");
    assert!(project.join("lock").is_file() && project.join("index-1").is_dir());
    // An existing project made readable by all (as an older coda left it): a reading
    // command leaves it, the next writing command tightens every entry.
    let open_up = || {
        Command::new("chmod")
            .args(["-R", "go+rX"])
            .arg(&project)
            .status()
            .unwrap();
    };
    open_up();
    assert_eq!(modes(&project), "dir 755\nfile 644");
    ok(with_umask(t.path(), "022", "sources"));
    assert_eq!(modes(&project), "dir 755\nfile 644");
    assert!(!ok(with_umask(t.path(), "022", "code --codebook cb.toml")).contains("warning"));
    assert_eq!(modes(&project), "dir 700\nfile 600");
    // Not the owner: left as it is, one warning, and the command still works.
    if !util::is_root() {
        eprintln!("note: not root: a project of another user cannot be made; skipped");
        return;
    }
    Command::new("chmod")
        .args(["-R", "a+rwX"])
        .arg(t.path())
        .status()
        .unwrap();
    t.write(
        "in/a.txt",
        "Interviewer: Hi.\nC1: The ferry runs once a day.\n",
    );
    let r = util::run_unprivileged(t.path(), &["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        "warning: .coda: the project is readable by other users, and files or folders of it \
         that are not yours to change were left as they are; their owner can make it private \
         with `chmod -R go-rwx .coda`"
    );
    assert_eq!(r.stderr.matches("warning: .coda:").count(), 1);
    assert_eq!(
        std::fs::metadata(&project).unwrap().permissions().mode() & 0o777,
        0o777
    );
    assert!(
        util::run_unprivileged(t.path(), &["search", "ferry"])
            .stdout
            .contains("ferry")
    );
}

/// A study whose file is named after its participant, who is named in the text, with
/// another person's name: `alias` in the transcripts sheet and `--redact` hide both.
fn named_study() -> TempTree {
    let t = TempTree::new();
    t.write(
        "in/ewan-thomson-2024-03-01.txt",
        "Interviewer: How do you get to town, Ewan?\nEwan: The bus. Mairi drives\nme sometimes, but EWAN THOMSON mostly takes the bus.\n",
    );
    t.write(
        "p.csv",
        "participant,transcript,group\nP01,ewan-thomson-2024-03-01,Client\n",
    );
    t.write(
        "t.csv",
        "transcript,alias,wave\newan-thomson-2024-03-01,P01-1,1\n",
    );
    t.write(
        "names.txt",
        "# people named in the interviews\nEwan Thomson\newan\n\nMairi\n",
    );
    t.write(
        "cb.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"bus\"\nkeywords = [\"bus\"]\n",
    );
    t
}

/// Every output of coda holds the alias, never the file's stem, and `[NAME]` for each
/// name of the `--redact` list, in any case and as whole words; the next ingest keeps
/// both without the options; `coda check --redact` lists where the names are (issue
/// 22, point 8).
#[test]
fn aliases_and_redaction_hide_names_in_every_output() {
    let t = named_study();
    let r = t.run(&[
        "check",
        "in",
        "--participants",
        "p.csv",
        "--redact",
        "names.txt",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    util::assert_text(
        "check",
        "file,line,what,speaker,role,turns,words,detail\r\n\
in/ewan-thomson-2024-03-01.txt,,format,,,2,20,text: Label: text\r\n\
in/ewan-thomson-2024-03-01.txt,1,speaker,Interviewer,interviewer,1,7,\r\n\
in/ewan-thomson-2024-03-01.txt,2,speaker,Ewan,participant,1,13,\r\n\
in/ewan-thomson-2024-03-01.txt,,name,,,,,\"the file name holds 'ewan-thomson', a name in names.txt: give the transcript an alias (transcripts sheet)\"\r\n\
in/ewan-thomson-2024-03-01.txt,1,name,Interviewer,interviewer,,,\"'Ewan' in the text, a name in names.txt\"\r\n\
in/ewan-thomson-2024-03-01.txt,2,name,Ewan,participant,,,\"'Ewan' in the speaker label, a name in names.txt\"\r\n\
in/ewan-thomson-2024-03-01.txt,2,name,Ewan,participant,,,\"'Mairi' in the text, a name in names.txt\"\r\n\
in/ewan-thomson-2024-03-01.txt,3,name,Ewan,participant,,,\"'EWAN THOMSON' in the text, a name in names.txt\"\r\n",
        &r.stdout,
    );
    assert!(
        r.stderr
            .ends_with("5 occurrence(s) of the names in names.txt: `coda ingest --redact` stores the text with each as [NAME]\n1 file(s) read; nothing looks wrong\n"),
        "{}",
        r.stderr
    );

    let r = t.run(&[
        "analyse",
        "in",
        "--participants",
        "p.csv",
        "--transcripts",
        "t.csv",
        "--redact",
        "names.txt",
        "--codebook",
        "cb.toml",
        "--by",
        "transcript",
        "--out",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p = ["--project", "out/.coda"];
    let search = |t: &TempTree| {
        t.run(&[p[0], p[1], "search", "bus", "--format", "csv"])
            .stdout
    };
    let found = search(&t);
    util::assert_text(
        "search",
        "segment,transcript,participant,speaker,role,score,text,group,wave\r\n\
P01-1#2,P01-1,P01,[NAME],participant,0.8874,\"The bus. [NAME] drives\nme sometimes, but [NAME] mostly takes the bus.\",Client,1\r\n",
        &found,
    );
    let mut everything = String::new();
    for f in std::fs::read_dir(t.path().join("out")).unwrap() {
        let f = f.unwrap().path();
        if f.is_file() {
            everything += &std::fs::read_to_string(&f).unwrap();
        }
    }
    for args in [
        vec!["kwic", "bus"],
        vec!["codings", "--format", "jsonl"],
        vec!["quotes", "--theme", "bus"],
        vec!["explain", "P01-1#2"],
        vec!["matrix", "--by", "transcript"],
        vec!["participants", "--format", "csv"],
        vec!["sheet", "--output", "sheet.csv"],
    ] {
        let r = t.run(&[&p[..], &args[..]].concat());
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        everything += &r.stdout;
    }
    everything += &std::fs::read_to_string(t.path().join("sheet.csv")).unwrap();
    let r = t.run(&[
        "segments",
        "in",
        "--participants",
        "p.csv",
        "--transcripts",
        "t.csv",
        "--redact",
        "names.txt",
        "--format",
        "csv",
    ]);
    everything += &r.stdout;
    assert!(everything.contains("P01-1#2") && everything.contains("[NAME]"));
    for name in ["ewan", "thomson", "mairi"] {
        assert!(
            !everything.to_lowercase().contains(name),
            "{name} in an output:\n{everything}"
        );
    }
    // The project keeps the files' paths and the names file's path and SHA-256, not
    // the names: the next ingest, without the options, reads them again.
    let r = t.run(&[p[0], p[1], "ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(search(&t), found);
    std::fs::remove_file(t.path().join("names.txt")).unwrap();
    let r = t.run(&[p[0], p[1], "ingest", "in"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.ends_with("names.txt: the names to redact, given to an earlier ingest, cannot be read; give --redact FILE again (the project keeps the file's path and SHA-256, not the names)\n"),
        "{}",
        r.stderr
    );
    assert_eq!(search(&t), found);
}
