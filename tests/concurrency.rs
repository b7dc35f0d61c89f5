//! Concurrent use: while one `coda ingest` writes the project, a second writer fails at
//! once naming the process that holds it, and readers keep working and see the old
//! state or the new one, never a mix.

mod util;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use util::TempTree;

/// `n` interview files of about 4 KB each, all mentioning the bus.
fn corpus(t: &TempTree, n: usize) {
    for i in 0..n {
        let mut text = String::new();
        for j in 0..40 {
            text.push_str(&format!(
                "Interviewer: Question {j} for P{i}?\nP{i}: The bus was late again, number {j}, and the ferry after it.\n"
            ));
        }
        t.write(&format!("in/t{i:04}.txt"), text);
    }
}

#[test]
fn a_second_writer_fails_and_readers_see_old_or_new() {
    let t = TempTree::new();
    corpus(&t, 400);
    let sheet: String = std::iter::once("participant,group\n".to_owned())
        .chain((0..400).map(|i| format!("P{i},G{}\n", i % 3)))
        .collect();
    t.write("sheet.csv", sheet);
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let old = t.run(&["sources", "--format", "csv"]).stdout;
    let old_participants = t.run(&["participants", "--format", "csv"]).stdout;

    // A sheet with a new attribute: the whole index is rebuilt into a new generation,
    // and the old one removed once the project points at the new one.
    let mut writer = Command::new(env!("CARGO_BIN_EXE_coda"))
        .args(["ingest", "in", "--participants", "sheet.csv"])
        .current_dir(t.path())
        .env_remove("CODA_PROJECT")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the writer");
    let pid = writer.id().to_string();
    let lock = t.path().join(".coda/lock");
    let start = Instant::now();
    while !std::fs::read_to_string(&lock)
        .unwrap_or_default()
        .starts_with(&pid)
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the writer never took the lock"
        );
        std::thread::sleep(Duration::from_millis(5));
    }

    // A second writer, while the first holds the project.
    let second = t.run(&["ingest", "in"]);
    let held = writer.try_wait().unwrap().is_none();
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(
        second.stderr.starts_with(&format!(
            "error: .coda: the project is in use by process {pid} ("
        )),
        "{}",
        second.stderr
    );
    assert!(
        second
            .stderr
            .ends_with(" ingest); wait for it to finish, then run this again\n"),
        "{}",
        second.stderr
    );

    // Readers, over and over until the writer is done.
    let mut seen = Vec::new();
    let mut during = usize::from(held);
    while writer.try_wait().unwrap().is_none() {
        let search = t.run(&["search", "bus", "--limit", "1", "--format", "csv"]);
        assert_eq!(search.code, 0, "search during a write: {}", search.stderr);
        let sources = t.run(&["sources", "--format", "csv"]);
        assert_eq!(
            sources.code, 0,
            "sources during a write: {}",
            sources.stderr
        );
        let participants = t.run(&["participants", "--format", "csv"]);
        assert_eq!(participants.code, 0, "{}", participants.stderr);
        seen.push((sources.stdout, participants.stdout));
        during += 1;
    }
    let status = writer.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut writer.stderr.take().unwrap(), &mut err).unwrap();
    assert!(status.success(), "{err}");
    assert!(
        during >= 2,
        "no reader ran while the writer held the project"
    );

    let new = t.run(&["sources", "--format", "csv"]).stdout;
    let new_participants = t.run(&["participants", "--format", "csv"]).stdout;
    assert_ne!(
        old_participants, new_participants,
        "the write changed nothing"
    );
    for (sources, participants) in &seen {
        assert!(
            *sources == old || *sources == new,
            "a reader saw a mix:\n{sources}"
        );
        assert!(
            *participants == old_participants || *participants == new_participants,
            "a reader saw a mix:\n{participants}"
        );
    }
    // And now a second writer goes through.
    assert_eq!(t.run(&["ingest", "in"]).code, 0);
}

/// An ingest that changes one transcript updates the index in place (deletes, a merge,
/// a commit) before the database commits: readers meanwhile wait for the writer, and
/// never fail or rebuild the index themselves.
#[test]
fn readers_during_an_update_in_place_neither_fail_nor_rebuild() {
    let t = TempTree::new();
    corpus(&t, 400);
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let old = t
        .run(&["search", "bus", "--limit", "5", "--format", "csv"])
        .stdout;
    for round in 0..3 {
        t.write(
            "in/t0001.txt",
            format!("Interviewer: Round {round}?\nP1: The bus again, round {round}.\n"),
        );
        let mut writer = Command::new(env!("CARGO_BIN_EXE_coda"))
            .args(["ingest", "in"])
            .current_dir(t.path())
            .env_remove("CODA_PROJECT")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let mut reads = 0;
        while writer.try_wait().unwrap().is_none() {
            let r = t.run(&["search", "bus", "--limit", "5", "--format", "csv"]);
            assert_eq!(r.code, 0, "search during an update: {}", r.stderr);
            assert_eq!(r.stderr, "", "search during an update");
            assert!(!r.stdout.is_empty());
            reads += 1;
        }
        assert!(writer.wait().unwrap().success());
        let _ = reads;
    }
    let after = t.run(&["search", "bus", "--limit", "5", "--format", "csv"]);
    assert_eq!(after.code, 0);
    assert_eq!(after.stderr, "");
    assert!(!old.is_empty());
    let index: Vec<String> = std::fs::read_dir(t.path().join(".coda"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("index-"))
        .collect();
    assert_eq!(
        index,
        ["index-1"],
        "an update in place keeps its generation"
    );
}
