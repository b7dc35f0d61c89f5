//! `coda shell`: a script piped in gives what the one-shot `coda search` and `coda kwic`
//! commands with the same options give, line after line; an error is reported as they
//! report it and the session goes on.

mod util;

use util::{TempTree, assert_text, coda_with_input, root, sample_project};

/// The sample project coded with the bundled codebook as pass `auto`, for `--theme`.
fn coded_sample() -> TempTree {
    let t = sample_project();
    let book = root().join("codebooks/justice-social-work.toml");
    let r = t.run(&["code", "--codebook", book.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
}

/// Each line of a script with the one-shot command it stands for (`None` for a line
/// that only changes the settings).
fn script() -> Vec<(&'static str, Option<Vec<&'static str>>)> {
    vec![
        ("bus", Some(vec!["search", "bus"])),
        (":where group=client", None),
        (
            "bus",
            Some(vec!["search", "bus", "--where", "group=client"]),
        ),
        (
            ":kwic ferry",
            Some(vec!["kwic", "ferry", "--where", "group=client"]),
        ),
        // An error in the middle: the one-shot's message, and the session goes on.
        (
            ":where grup=client",
            Some(vec!["search", "bus", "--where", "grup=client"]),
        ),
        (
            "\"unbalanced quotes",
            Some(vec![
                "search",
                "\"unbalanced quotes",
                "--where",
                "group=client",
            ]),
        ),
        (":format csv", None),
        (
            "\"public transport\"",
            Some(vec![
                "search",
                "\"public transport\"",
                "--where",
                "group=client",
                "--format",
                "csv",
            ]),
        ),
        (":role all", None),
        (":limit 5", None),
        (
            "worker*",
            Some(vec![
                "search",
                "worker*",
                "--where",
                "group=client",
                "--format",
                "csv",
                "--role",
                "all",
                "--limit",
                "5",
            ]),
        ),
        (":where", None),
        (":where area=Rural", None),
        (":theme flexibility", None),
        (":format md", None),
        (
            "worker OR appointment",
            Some(vec![
                "search",
                "worker OR appointment",
                "--where",
                "area=Rural",
                "--theme",
                "flexibility",
                "--format",
                "md",
                "--role",
                "all",
                "--limit",
                "5",
            ]),
        ),
        (":theme", None),
        (":format jsonl", None),
        (":window 3", None),
        (
            ":kwic stigma*",
            Some(vec![
                "kwic",
                "stigma*",
                "--where",
                "area=Rural",
                "--format",
                "jsonl",
                "--role",
                "all",
                "--window",
                "3",
            ]),
        ),
        (":format table", None),
        (":role participant", None),
        (
            "zebra",
            Some(vec![
                "search",
                "zebra",
                "--where",
                "area=Rural",
                "--limit",
                "5",
            ]),
        ),
        (
            "sheriff",
            Some(vec![
                "search",
                "sheriff",
                "--where",
                "area=Rural",
                "--limit",
                "5",
            ]),
        ),
    ]
}

#[test]
fn a_script_gives_the_one_shot_commands_outputs_and_goes_on_after_an_error() {
    let t = coded_sample();
    let lines = script();
    let input: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
    let (mut stdout, mut stderr) = (String::new(), String::new());
    let mut failed = 0;
    for (_, one_shot) in &lines {
        if let Some(args) = one_shot {
            let r = t.run(args);
            assert!(r.code <= 2, "{args:?}: {}", r.stderr);
            failed += usize::from(r.code == 2);
            stdout.push_str(&r.stdout);
            stderr.push_str(&r.stderr);
        }
    }
    // The script has errors to check (and each of its queries found something but
    // `zebra`, so that a difference would show).
    assert_eq!(failed, 2);
    assert!(stderr.contains("unknown attribute 'grup'"), "{stderr}");
    let r = coda_with_input(t.path(), &["shell"], &input);
    assert_text("stdout", &stdout, &r.stdout);
    assert_text("stderr", &stderr, &r.stderr);
    assert_eq!(r.code, 2);
}

#[test]
fn a_clean_script_exits_0_and_quit_ends_it() {
    let t = sample_project();
    let one_shot = t.run(&["kwic", "bus", "--format", "csv", "--role", "all"]);
    assert_eq!(one_shot.code, 0, "{}", one_shot.stderr);
    let r = coda_with_input(
        t.path(),
        &["shell", "--role", "all", "--format", "csv"],
        "\n:kwic bus\r\n:quit\nbus\n",
    );
    assert_text("stdout", &one_shot.stdout, &r.stdout);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

#[test]
fn misused_commands_say_so_and_time_goes_to_stderr() {
    let t = sample_project();
    let r = coda_with_input(
        t.path(),
        &["shell"],
        ":limit many\n:format xml\n:role everyone\n:time maybe\n:frobnicate\n:time on\n:format csv\nbus\n:kwic zebra\n",
    );
    let errors: Vec<&str> = r.stderr.lines().take(5).collect();
    assert_eq!(
        errors,
        [
            "error: :limit 'many': say a whole number, such as :limit 20",
            "error: :format 'xml': say one of table, csv, jsonl, md",
            "error: :role 'everyone': say one of participant, interviewer, all",
            "error: :time 'maybe': say :time on or :time off",
            "error: unknown command ':frobnicate'; :help lists the commands",
        ]
    );
    let bus = t.run(&["search", "bus", "--format", "csv"]);
    let hits = csv::Reader::from_reader(bus.stdout.as_bytes())
        .records()
        .count();
    let timing: Vec<&str> = r.stderr.lines().skip(5).collect();
    assert_eq!(timing.len(), 2, "{}", r.stderr);
    assert!(
        timing[0].starts_with(&format!("{hits} hits in ")) && timing[0].ends_with(" ms"),
        "{}",
        timing[0]
    );
    assert!(timing[1].starts_with("0 lines in "), "{}", timing[1]);
    // The settings kept their values: the output is the one-shot's.
    let zebra = t.run(&["kwic", "zebra", "--format", "csv"]);
    assert_text(
        "stdout",
        &format!("{}{}", bus.stdout, zebra.stdout),
        &r.stdout,
    );
    assert_eq!(r.code, 2);
    // A piped session keeps no history, in the project or anywhere.
    assert!(!t.path().join(".coda/shell-history").exists());
}
