//! The project directory: `coda ingest`, `search`, `kwic`, `sources`, `participants`.
//! Search and kwic results are checked against a plain scan of `coda segments` output
//! (the parser alone, no index), so the expected sets are computed, not written down.

mod util;

use std::collections::{BTreeMap, BTreeSet};

use util::{Run, TempTree, assert_text, read, root, sample_project};

const SAMPLE: &str = "transcripts-sample";
const SHEET: &str = "transcripts-sample/participants.csv";

/// A segment as `coda segments --format csv` reports it.
#[derive(Debug, Clone)]
struct Seg {
    id: String,
    role: String,
    text: String,
    attrs: BTreeMap<String, String>,
}

fn parse_csv(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().expect("header").clone();
    rdr.records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// The sample's segments, from the parser.
fn sample_segments() -> Vec<Seg> {
    let r = util::coda(&[
        "segments",
        SAMPLE,
        "--participants",
        SHEET,
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0);
    parse_csv(&r.stdout)
        .into_iter()
        .map(|mut row| {
            let id = row.remove("segment").unwrap();
            let role = row.remove("role").unwrap();
            let text = row.remove("text").unwrap();
            let attrs = ["area", "group", "order"]
                .iter()
                .map(|a| (a.to_string(), row[*a].clone()))
                .collect();
            Seg {
                id,
                role,
                text,
                attrs,
            }
        })
        .collect()
}

/// Lowercased words split on anything not alphanumeric, as the index tokenises.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn has(text: &str, w: &str) -> bool {
    words(text).iter().any(|x| x == w)
}

fn has_prefix(text: &str, p: &str) -> bool {
    words(text).iter().any(|x| x.starts_with(p))
}

fn has_phrase(text: &str, phrase: &[&str]) -> bool {
    words(text)
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

fn search(t: &TempTree, args: &[&str]) -> Run {
    let mut a = vec!["search"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--format", "csv", "--limit", "100000"]);
    t.run(&a)
}

/// The segment ids of a search, checking that scores never increase and that equal
/// scores keep file order.
fn hit_ids(r: &Run) -> BTreeSet<String> {
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let rows = parse_csv(&r.stdout);
    for w in rows.windows(2) {
        let (a, b): (f64, f64) = (
            w[0]["score"].parse().unwrap(),
            w[1]["score"].parse().unwrap(),
        );
        assert!(a >= b, "scores out of order: {a} then {b}");
    }
    rows.into_iter().map(|r| r["segment"].clone()).collect()
}

fn expect(segs: &[Seg], keep: impl Fn(&Seg) -> bool) -> BTreeSet<String> {
    segs.iter()
        .filter(|s| keep(s))
        .map(|s| s.id.clone())
        .collect()
}

#[test]
fn searches_match_a_scan_of_the_segments() {
    let t = sample_project();
    let segs = sample_segments();
    let part = |s: &Seg| s.role == "participant";
    let cases: Vec<(Vec<&str>, BTreeSet<String>)> = vec![
        (
            vec!["\"public transport\""],
            expect(&segs, |s| {
                part(s) && has_phrase(&s.text, &["public", "transport"])
            }),
        ),
        (
            vec!["ferry AND weather"],
            expect(&segs, |s| {
                part(s) && has(&s.text, "ferry") && has(&s.text, "weather")
            }),
        ),
        (
            vec!["ferry OR ferries"],
            expect(&segs, |s| {
                part(s) && (has(&s.text, "ferry") || has(&s.text, "ferries"))
            }),
        ),
        (
            vec!["placement* AND NOT rural"],
            expect(&segs, |s| {
                part(s) && has_prefix(&s.text, "placement") && !has(&s.text, "rural")
            }),
        ),
        (
            vec!["STIGMA"],
            expect(&segs, |s| part(s) && has(&s.text, "stigma")),
        ),
        (
            vec!["ferry OR embarrassed", "--where", "group=client"],
            expect(&segs, |s| {
                part(s)
                    && (has(&s.text, "ferry") || has(&s.text, "embarrassed"))
                    && s.attrs["group"] == "Client"
            }),
        ),
        (
            vec![
                "bus",
                "--where",
                "area=Rural",
                "--where",
                "group=Client",
                "--where",
                "group=Paraprofessional",
            ],
            expect(&segs, |s| {
                part(s)
                    && has(&s.text, "bus")
                    && s.attrs["area"] == "Rural"
                    && ["Client", "Paraprofessional"].contains(&s.attrs["group"].as_str())
            }),
        ),
        (
            vec!["rural", "--role", "interviewer"],
            expect(&segs, |s| s.role == "interviewer" && has(&s.text, "rural")),
        ),
        (
            vec!["rural", "--role", "all"],
            expect(&segs, |s| has(&s.text, "rural")),
        ),
        (
            vec!["group:\"senior manager / team leader\" AND performance"],
            expect(&segs, |s| {
                part(s)
                    && s.attrs["group"] == "Senior manager / team leader"
                    && has(&s.text, "performance")
            }),
        ),
        (
            vec!["participant:c03 AND island"],
            expect(&segs, |s| {
                part(s) && s.id.starts_with("C03-") && has(&s.text, "island")
            }),
        ),
    ];
    for (args, want) in cases {
        let got = hit_ids(&search(&t, &args));
        assert!(
            !want.is_empty(),
            "{args:?}: the scan found nothing; pick a query that hits"
        );
        assert_eq!(got, want, "{args:?}");
    }
}

#[test]
fn a_field_term_selects_as_where_does_and_adds_nothing_to_the_score() {
    let t = sample_project();
    for (query, got_flags, flags) in [
        (
            "group:client AND bus",
            vec![],
            vec!["--where", "group=Client"],
        ),
        (
            "group: IN [client paraprofessional] AND bus",
            vec![],
            vec![
                "--where",
                "group=Client",
                "--where",
                "group=Paraprofessional",
            ],
        ),
        (
            "participant:c0* AND island",
            vec![],
            vec!["--where", "group=Client"],
        ),
        (
            "role:interviewer AND rural",
            vec!["--role", "all"],
            vec!["--role", "interviewer"],
        ),
    ] {
        let mut args = vec!["search", query, "--format", "csv"];
        args.extend(got_flags);
        let got = t.run(&args);
        assert_eq!(got.code, 0, "{args:?}: {}", got.stderr);
        let mut args = vec![
            "search",
            query.rsplit(" AND ").next().unwrap(),
            "--format",
            "csv",
        ];
        args.extend(flags);
        let want = t.run(&args);
        assert_eq!(want.code, 0, "{args:?}: {}", want.stderr);
        assert!(
            want.stdout.lines().count() > 2,
            "{args:?}: pick a query that hits more"
        );
        assert_eq!(got.stdout, want.stdout, "{query} / {args:?}");
    }
}

#[test]
fn search_csv_columns_and_table_view() {
    let t = sample_project();
    let r = t.run(&["search", "\"postcode lottery\"", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = parse_csv(&r.stdout);
    assert_eq!(
        r.stdout.lines().next().unwrap(),
        "segment,transcript,participant,speaker,role,score,text,area,group,order"
    );
    let ids: Vec<&str> = rows.iter().map(|r| r["segment"].as_str()).collect();
    assert_eq!(ids.len(), 3);
    for row in &rows {
        assert_eq!(row["role"], "participant");
        assert!(row["text"].contains("postcode lottery"));
    }
    let r = t.run(&["search", "\"postcode lottery\"", "--where", "group=Client"]);
    let line = r.stdout.lines().nth(1).expect("one hit");
    assert!(
        line.starts_with("C01-interview#22  C01          "),
        "{line}"
    );
    assert!(line.contains("It's a **postcode** **lottery**."), "{line}");
}

#[test]
fn kwic_rows() {
    let t = sample_project();
    let r = t.run(&[
        "kwic",
        "postcode lottery",
        "--window",
        "3",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "kwic csv",
        "segment,participant,left,keyword,right\r\n\
C01-interview#22,C01,nothing. It's a,postcode lottery,.\r\n\
JSW-focus-group#12,JSW06,call it a,postcode lottery,\", and they're right.\"\r\n\
JSW01-interview#10,JSW01,experience. It's the,postcode lottery,people talk about.\r\n",
        &r.stdout,
    );
    let r = t.run(&[
        "kwic",
        "postcode lottery",
        "--window",
        "3",
        "--where",
        "area=rural",
    ]);
    assert_text(
        "kwic table",
        "segment             participant                  left  keyword           right\n\
C01-interview#22    C01               nothing. It's a  postcode lottery  .\n\
JSW01-interview#10  JSW01        experience. It's the  postcode lottery  people talk about.\n",
        &r.stdout,
    );
}

#[test]
fn kwic_finds_every_occurrence_a_scan_finds() {
    let t = sample_project();
    let segs = sample_segments();
    for term in ["bus", "stigma*", "worker", "unpaid work"] {
        let r = t.run(&["kwic", term, "--format", "csv", "--role", "all"]);
        assert_eq!(r.code, 0, "{term}: {}", r.stderr);
        let mut got: BTreeMap<String, usize> = BTreeMap::new();
        for row in parse_csv(&r.stdout) {
            *got.entry(row["segment"].clone()).or_default() += 1;
        }
        let parts: Vec<&str> = term.split(' ').collect();
        let mut want: BTreeMap<String, usize> = BTreeMap::new();
        for s in &segs {
            let w = words(&s.text);
            let n = w
                .windows(parts.len())
                .filter(|win| {
                    win.iter()
                        .zip(&parts)
                        .all(|(a, b)| match b.strip_suffix('*') {
                            Some(p) => a.starts_with(p),
                            None => a == b,
                        })
                })
                .count();
            if n > 0 {
                want.insert(s.id.clone(), n);
            }
        }
        assert_eq!(got, want, "{term}");
    }
}

#[test]
fn sources_and_participants_read_the_project() {
    let t = sample_project();
    let r = t.run(&["sources", "--format", "csv"]);
    assert_eq!(r.code, 0);
    let rows = parse_csv(&r.stdout);
    let brief: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {} {}",
                r["transcript"],
                r["format"],
                r["encoding"],
                r["segments"],
                r["participants"],
                r["warnings"]
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "C01-interview text UTF-8 26 C01 0",
            "C02-interview markdown UTF-8 22 C02 0",
            "C03-teams webvtt UTF-8 26 C03 0",
            "C04-otter otter UTF-8 25 C04 0",
            "C05-interview text UTF-8 18 C05 0",
            "JSW-focus-group text UTF-8 42 JSW03;JSW04;JSW05;JSW06 1",
            "JSW01-interview text UTF-8 21 JSW01 0",
            "JSW02-interview srt UTF-8 22 JSW02 0",
            "PO01-interview text UTF-8 20 PO01 0",
            "PO02-interview text UTF-8 20 PO02 0",
            "PO03-written unlabelled UTF-8 10 PO03 2",
            "PP01-interview text UTF-8 20 PP01 0",
            "PP02-interview markdown UTF-8 19 PP02 0",
            "SM01-interview text Windows-1252 20 SM01 1",
            "SM02-interview text UTF-16LE 20 SM02 0",
            "SM03-interview text UTF-8 18 SM03 0",
        ]
    );
    // The project's participants equal those read straight from the files.
    let from_project = t.run(&["participants", "--format", "csv"]);
    let from_files = util::coda(&[
        "participants",
        SAMPLE,
        "--participants",
        SHEET,
        "--format",
        "csv",
    ]);
    assert_eq!(from_project.code, 0);
    assert_text("participants", &from_files.stdout, &from_project.stdout);
}

/// Copy the formats fixture into a temp tree, as `in/`.
fn formats_tree() -> TempTree {
    let t = TempTree::new();
    for entry in std::fs::read_dir(root().join("tests/fixtures/formats")).unwrap() {
        let p = entry.unwrap().path();
        t.write(
            &format!("in/{}", p.file_name().unwrap().to_str().unwrap()),
            std::fs::read(&p).unwrap(),
        );
    }
    t
}

fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

fn listing(dir: &std::path::Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let m = e.metadata().unwrap();
        if m.is_dir() {
            for (n, l, t) in listing(&e.path()) {
                out.push((format!("{}/{n}", e.file_name().to_string_lossy()), l, t));
            }
        } else if e.file_name() != "lock" {
            out.push((
                e.file_name().to_string_lossy().into_owned(),
                m.len(),
                m.modified().unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn reingest_changed_deleted_and_new_files_and_a_changed_sheet() {
    let t = formats_tree();
    let r = t.run(&["ingest", "in", "--participants", "in/participants.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        last_line(&r.stderr),
        "ingested 6 transcript(s) into .coda: 6 new, 0 changed, 0 unchanged, 0 removed; 16 segments, 8 participants, 3 warning(s)"
    );
    let project = t.path().join(".coda");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&project).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }

    // Nothing changed: nothing is written.
    let before = listing(&project);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("note: using the participants sheet of the last ingest: "),
        "{}",
        r.stderr
    );
    assert_eq!(
        last_line(&r.stderr),
        "ingested 6 transcript(s) into .coda: 0 new, 0 changed, 6 unchanged, 0 removed; 16 segments, 8 participants, 3 warning(s)"
    );
    assert_eq!(
        listing(&project),
        before,
        "a run with nothing changed wrote to the project"
    );

    // Change a file, delete one, add one, and change the sheet.
    t.write("in/e-zoom.srt", "1\n00:00:01,000 --> 00:00:02,000\nQ: Who decides?\n\n2\n00:00:02,500 --> 00:00:04,000\nP5: The ferry timetable.\n");
    std::fs::remove_file(t.path().join("in/d-teams.vtt")).unwrap();
    t.write(
        "in/g-new.txt",
        "Interviewer: Anything else?\nP3: The ferry again.\n",
    );
    t.write(
        "in/participants.csv",
        read("tests/fixtures/formats/participants.csv").replace(
            "P6,f-written,Partner organisation,Urban",
            "P6,f-written,Police,Urban",
        ),
    );
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("removed: d-teams (its file "),
        "{}",
        r.stderr
    );
    assert_eq!(
        last_line(&r.stderr),
        "ingested 6 transcript(s) into .coda: 1 new, 2 changed, 3 unchanged, 1 removed; 14 segments, 8 participants, 3 warning(s)"
    );
    let hits = parse_csv(&t.run(&["search", "ferry", "--format", "csv"]).stdout);
    let ids: BTreeSet<&str> = hits.iter().map(|r| r["segment"].as_str()).collect();
    assert_eq!(ids, BTreeSet::from(["e-zoom#2", "g-new#2"]));
    let r = t.run(&["search", "squads"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, ""),
        "the deleted transcript is still searchable"
    );
    let hits = parse_csv(
        &t.run(&[
            "search",
            "paperwork",
            "--where",
            "group=police",
            "--format",
            "csv",
        ])
        .stdout,
    );
    assert_eq!(
        hits.iter()
            .map(|r| r["segment"].as_str())
            .collect::<Vec<_>>(),
        ["f-written#2"]
    );

    // The index is derived data: rebuilt from scratch, every answer is the same bytes.
    let queries: [&[&str]; 4] = [
        &["search", "ferry OR paperwork OR bus"],
        &["search", "the"],
        &["kwic", "the"],
        &["sources"],
    ];
    let answers = |t: &TempTree| -> Vec<String> {
        queries
            .iter()
            .map(|q| {
                let mut a = q.to_vec();
                a.extend_from_slice(&["--format", "csv"]);
                t.run(&a).stdout
            })
            .collect()
    };
    let incremental = answers(&t);
    std::fs::remove_dir_all(&project).unwrap();
    let r = t.run(&["ingest", "in", "--participants", "in/participants.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(answers(&t), incremental);
}

#[test]
fn project_flag_and_environment_variable() {
    let t = formats_tree();
    let r = t.run(&["--project", "p1", "ingest", "in/a-front.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.path().join("p1/project.db").exists());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_coda"))
        .args(["search", "bus", "--format", "csv"])
        .env("CODA_PROJECT", "p1")
        .current_dir(t.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("a-front#2"));
}

#[test]
fn bad_queries_and_misuse() {
    let t = formats_tree();
    let r = t.run(&["search", "bus"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: .coda: no coda project here yet: run `coda ingest PATH...` first (or pass --project DIR)\n",
        &r.stderr,
    );

    assert_eq!(
        t.run(&["ingest", "in", "--participants", "in/participants.csv"])
            .code,
        0
    );
    let r = t.run(&["search", "\"unbalanced quotes"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: the query does not parse: missing delimiter \" at the end of the query\n  \"unbalanced quotes\n                    ^\n",
        &r.stderr,
    );
    let r = t.run(&["search", "bus", "--where", "grup=Client"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: --where: unknown attribute 'grup'; the project's participant attributes are: area, group; its transcript attributes: none (and participant, transcript)\n",
        &r.stderr,
    );
    let r = t.run(&["search", "bus", "--where", "group"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: --where 'group' is not ATTR=VALUE (for example --where group=Client)\n",
        &r.stderr,
    );
    let r = t.run(&["search", "colour:red"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: the query cannot be run: Field does not exist: 'colour'; fields you can name with field:term are text, participant, speaker, role, transcript, area, group\n"), "{}", r.stderr);

    // No match: exit 1, nothing in the table view, a header in CSV.
    let r = t.run(&["search", "zebra"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (1, "", ""));
    let r = t.run(&["kwic", "zebra", "--format", "csv"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, "segment,participant,left,keyword,right\r\n")
    );
}

#[test]
fn a_second_writer_is_told_who_holds_the_project() {
    let t = formats_tree();
    assert_eq!(t.run(&["ingest", "in/a-front.txt"]).code, 0);
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(t.path().join(".coda/lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(t.path().join(".coda/lock"), "4242 (coda ingest)").unwrap();
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: .coda: the project is in use by process 4242 (coda ingest); wait for it to finish, then run this again\n",
        &r.stderr,
    );
    // Readers are not blocked.
    assert_eq!(t.run(&["search", "bus"]).code, 0);
    drop(lock);
    assert_eq!(t.run(&["ingest", "in"]).code, 0);
}

/// BM25 as tantivy defines it (k1 = 1.2, b = 0.75), over every segment of the project
/// (interviewer turns included), computed here from the words of the segments.
fn bm25(segments: &[&str], term: &str, doc: &str) -> f64 {
    let (k1, b) = (1.2, 0.75);
    let n = segments.len() as f64;
    let avgdl = segments.iter().map(|s| words(s).len()).sum::<usize>() as f64 / n;
    let df = segments.iter().filter(|s| has(s, term)).count() as f64;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let tf = words(doc).iter().filter(|w| *w == term).count() as f64;
    let dl = words(doc).len() as f64;
    idf * (k1 + 1.0) * tf / (tf + k1 * (1.0 - b + b * dl / avgdl))
}

#[test]
fn scores_are_bm25_over_the_project_and_filters_do_not_change_them() {
    let t = TempTree::new();
    let texts = [
        "Tell me about the bus.",
        "bus bus bus",
        "The bus was late and the train was late too, again.",
        "No buses here.",
    ];
    t.write(
        "in/t.txt",
        format!(
            "Interviewer: {}\nA1: {}\nA2: {}\nA3: {}\n",
            texts[0], texts[1], texts[2], texts[3]
        ),
    );
    t.write("in/sheet.csv", "participant,group\nA1,x\nA2,y\nA3,y\n");
    assert_eq!(
        t.run(&["ingest", "in", "--participants", "in/sheet.csv"])
            .code,
        0
    );
    let r = t.run(&["search", "bus", "--format", "csv"]);
    let rows = parse_csv(&r.stdout);
    let got: Vec<(String, f64)> = rows
        .iter()
        .map(|r| (r["segment"].clone(), r["score"].parse().unwrap()))
        .collect();
    let want = [
        ("t#2", bm25(&texts, "bus", texts[1])),
        ("t#3", bm25(&texts, "bus", texts[2])),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((gid, gs), (wid, ws)) in got.iter().zip(want) {
        assert_eq!(gid, wid);
        assert!(
            (gs - ws).abs() < 0.0002,
            "{gid}: score {gs}, BM25 gives {ws:.4}"
        );
    }
    // A filter selects; it does not add to the score.
    let r = t.run(&["search", "bus", "--where", "group=y", "--format", "csv"]);
    let rows = parse_csv(&r.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["score"].parse::<f64>().unwrap(), got[1].1);
}

/// `bus*` is the words of the index it matches, each scored with BM25 as a word is: the
/// same scores, in the same order, as `bus OR buses`, and a prefix hit ranks by its own
/// score (t#4's rarer, shorter "buses" first), not tied at a constant below every word.
#[test]
fn prefix_queries_score_with_bm25_like_any_word() {
    let t = TempTree::new();
    let texts = [
        "Tell me about the bus.",
        "bus bus bus",
        "The bus was late and the train was late too, again.",
        "No buses here.",
    ];
    t.write(
        "in/t.txt",
        format!(
            "Interviewer: {}\nA1: {}\nA2: {}\nA3: {}\n",
            texts[0], texts[1], texts[2], texts[3]
        ),
    );
    assert_eq!(t.run(&["ingest", "in"]).code, 0);
    let r = t.run(&["search", "bus*", "--format", "csv"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let got: Vec<(String, f64)> = parse_csv(&r.stdout)
        .iter()
        .map(|r| (r["segment"].clone(), r["score"].parse().unwrap()))
        .collect();
    let want = [
        ("t#4", bm25(&texts, "buses", texts[3])),
        ("t#2", bm25(&texts, "bus", texts[1])),
        ("t#3", bm25(&texts, "bus", texts[2])),
    ];
    assert!(want[0].1 > want[1].1 && want[1].1 > want[2].1, "{want:?}");
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((gid, gs), (wid, ws)) in got.iter().zip(want) {
        assert_eq!(gid, wid);
        assert!(
            (gs - ws).abs() < 0.0002,
            "{gid}: score {gs}, BM25 gives {ws:.4}"
        );
    }
    assert_text(
        "bus* as bus OR buses",
        &t.run(&["search", "bus OR buses", "--format", "csv"]).stdout,
        &r.stdout,
    );
    // Matching no word of the index: nothing found, as grep.
    let r = t.run(&["search", "tram*"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (1, "", ""));
}

/// A `word*` matching more than 1,024 words of the index searches the 1,024 in the
/// most segments (ties in word order), and says so.
#[test]
fn a_prefix_matching_too_many_words_is_capped_with_a_warning() {
    let t = TempTree::new();
    let many: Vec<String> = (0..1024).map(|i| format!("w{i:04}x")).collect();
    t.write(
        "in/t.txt",
        format!(
            "Interviewer: Tell me.\nA1: {}\nA2: w0000x w1024x w1025x w1026x w1027x w1028x\nA3: w1029x\n",
            many.join(" ")
        ),
    );
    assert_eq!(t.run(&["ingest", "in"]).code, 0);
    let r = t.run(&["search", "W*", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        "warning: 'w*' matches 1030 words in the index; only the 1024 in the most segments are \
searched (a longer prefix searches them all)\n",
        &r.stderr,
    );
    let mut found: Vec<String> = parse_csv(&r.stdout)
        .iter()
        .map(|r| r["segment"].clone())
        .collect();
    found.sort();
    // t#4's only word, w1029x, is one of the six left out (in one segment, last).
    assert_eq!(found, ["t#2", "t#3"]);
    let r = t.run(&["search", "w1029*", "--format", "csv"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

/// A copy of the sample in `study/` of the tree, to change or remove.
fn sample_copy(t: &TempTree) -> std::path::PathBuf {
    let copy = t.path().join("study");
    std::fs::create_dir(&copy).unwrap();
    for e in std::fs::read_dir(root().join(SAMPLE)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
    }
    copy
}

/// The sample ingested and coded with the study codebook.
fn coded_sample() -> TempTree {
    let t = sample_project();
    let cb = root().join("codebooks/justice-social-work.toml");
    let r = t.run(&["code", "--codebook", cb.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
}

/// What the reading commands print of a project.
fn readings(run: &dyn Fn(&[&str]) -> Run) -> Vec<(String, Run)> {
    let commands: &[&[&str]] = &[
        &["search", "bus OR ferry", "--format", "csv"],
        &["search", "", "--theme", "stigma", "--format", "csv"],
        &["kwic", "bus", "--theme", "rurality", "--format", "csv"],
        &["codings", "--theme", "rurality", "--where", "group=Client"],
        &["explain", "C03-teams#6"],
        &["matrix", "--format", "csv"],
        &[
            "matrix", "--by", "area", "--count", "segments", "--layout", "long",
        ],
        &["cooccur", "--format", "csv"],
        &["quotes", "--theme", "rurality"],
        &["participants", "--format", "csv"],
        &["sources", "--format", "csv"],
        &["passes", "--format", "csv"],
    ];
    commands
        .iter()
        .map(|args| (args.join(" "), run(args)))
        .collect()
}

fn same_readings(what: &str, a: &[(String, Run)], b: &[(String, Run)]) {
    for ((cmd, x), (_, y)) in a.iter().zip(b) {
        assert_eq!(x.code, 0, "{cmd}: {}", x.stderr);
        assert_eq!(y.code, 0, "{what}: {cmd}: {}", y.stderr);
        assert_text(&format!("{what}: {cmd}"), &x.stdout, &y.stdout);
    }
}

#[test]
fn a_read_only_project_can_be_read_and_says_so_to_writers() {
    use std::os::unix::fs::PermissionsExt;
    let t = coded_sample();
    let before = readings(&|args| t.run(args));
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    // The whole project read-only, as an archived study or a read-only share.
    mode(t.path(), 0o755);
    let dir = t.path().join(".coda");
    for e in walk(&dir) {
        mode(&e, if e.is_dir() { 0o555 } else { 0o444 });
    }
    mode(&dir, 0o555);
    let after = readings(&|args| util::run_unprivileged(t.path(), args));
    same_readings("read-only", &before, &after);
    let cb = root().join("codebooks/justice-social-work.toml");
    for args in [
        &["code", "--codebook", cb.to_str().unwrap()][..],
        &["ingest", root().join(SAMPLE).to_str().unwrap()],
        &["reindex"],
    ] {
        let r = util::run_unprivileged(t.path(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_text(
            "stderr",
            "error: .coda: the project folder is read-only: reading commands (search, kwic, codings, explain, matrix, quotes, participants, sources) work, but this command writes; copy the project to a folder you can write to, or pass --project DIR\n",
            &r.stderr,
        );
    }
    for e in walk(&dir) {
        mode(&e, if e.is_dir() { 0o700 } else { 0o600 });
    }
    mode(&dir, 0o700);
}

/// Every file and folder under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn the_index_is_rebuilt_from_the_database_alone() {
    let t = TempTree::new();
    // A copy of the sample, removed once ingested: no transcript file is read again.
    let copy = sample_copy(&t);
    let r = t.run(&[
        "ingest",
        "study",
        "--participants",
        "study/participants.csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cb = root().join("codebooks/justice-social-work.toml");
    assert_eq!(t.run(&["code", "--codebook", cb.to_str().unwrap()]).code, 0);
    let before = readings(&|args| t.run(args));
    std::fs::rename(&copy, t.path().join("elsewhere")).unwrap();
    let index = |t: &TempTree| -> Vec<String> {
        std::fs::read_dir(t.path().join(".coda"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("index-"))
            .collect()
    };
    assert_eq!(index(&t), ["index-1"]);
    // `coda reindex` builds a new generation and removes the old one.
    let r = t.run(&["reindex"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        "rebuilt the search index of .coda from project.db (index-2)\n",
        &r.stderr,
    );
    assert_eq!(index(&t), ["index-2"]);
    same_readings("reindexed", &before, &readings(&|args| t.run(args)));
    // A missing index is rebuilt by the first reader that needs it.
    std::fs::remove_dir_all(t.path().join(".coda/index-2")).unwrap();
    let r = t.run(&["search", "bus OR ferry", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        "note: the search index is missing or out of date; rebuilding it from project.db\n",
        &r.stderr,
    );
    assert_text("search", &before[0].1.stdout, &r.stdout);
    assert_eq!(index(&t), ["index-3"]);
}

#[test]
fn a_pass_coded_before_a_transcript_changed_is_named_out_of_date() {
    let t = TempTree::new();
    let copy = sample_copy(&t);
    let ingest = || {
        t.run(&[
            "ingest",
            "study",
            "--participants",
            "study/participants.csv",
        ])
    };
    assert_eq!(ingest().code, 0);
    let cb = root().join("codebooks/justice-social-work.toml");
    let cb = cb.to_str().unwrap();
    assert_eq!(t.run(&["code", "--codebook", cb]).code, 0);
    let fresh = t.run(&["explain", "C03-teams#6"]);
    assert_eq!((fresh.code, fresh.stderr.as_str()), (0, ""));
    assert!(fresh.stdout.contains("**ferry**"), "{}", fresh.stdout);

    // A turn inserted near the top of C03-teams: every later segment's text moves.
    let path = copy.join("C03-teams.vtt");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("\n\n").unwrap();
    let changed = format!(
        "{}\n\n00:00:00.500 --> 00:00:00.900\n<v C03>A ferry, a bus, one more thing.</v>{}",
        &text[..at],
        &text[at..]
    );
    std::fs::write(&path, changed).unwrap();
    assert_eq!(ingest().code, 0);
    let warning = "warning: pass 'auto' is out of date: since it was coded, 1 transcript(s) changed or removed; run `coda code --codebook FILE --pass auto` to re-code it\n";
    for args in [
        &["matrix"][..],
        &["codings"],
        &["quotes", "--theme", "rurality"],
        &["search", "", "--theme", "rurality"],
        &["passes"],
    ] {
        let r = t.run(args);
        if args == ["passes"] {
            // Listing the passes is not reading their codings.
            assert_eq!(r.stderr, "", "{args:?}");
            continue;
        }
        assert_text(&format!("{args:?}"), warning, &r.stderr);
    }
    // The changed transcript's evidence is not marked on the new text.
    let r = t.run(&["explain", "C03-teams#6"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("stderr", warning, &r.stderr);
    assert!(!r.stdout.contains("**"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Transcript 'C03-teams' changed since pass 'auto' coded it: its codings are out of date. Run `coda code --codebook FILE --pass auto` to re-code it."),
        "{}",
        r.stdout
    );
    // A transcript added is named too.
    std::fs::write(copy.join("Z9-new.txt"), "Interviewer: Hi.\nZ9: The bus.\n").unwrap();
    assert_eq!(ingest().code, 0);
    assert_text(
        "stderr",
        "warning: pass 'auto' is out of date: since it was coded, 1 transcript(s) changed or removed, 1 added; run `coda code --codebook FILE --pass auto` to re-code it\n",
        &t.run(&["matrix"]).stderr,
    );
    // Coding again brings it up to date.
    assert_eq!(t.run(&["code", "--codebook", cb]).code, 0);
    let r = t.run(&["matrix"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

#[test]
fn a_project_in_the_old_layout_is_named_and_ingest_rebuilds_it() {
    let t = formats_tree();
    // What an older coda left: a manifest, a head, a pass file and an index.
    t.write(".coda/manifest.json", "{\"format\": 1, \"sources\": []}\n");
    t.write(".coda/head.json", "{\"format\":1,\"index\":\"index-1\"}\n");
    t.write(".coda/passes/auto.jsonl", "{}\n");
    t.write(".coda/index-1/meta.json", "{}\n");
    let old = "error: .coda: this project was made by an older coda (manifest.json, passes/*.jsonl): run `coda ingest` with the study's paths (and --participants) to rebuild it into project.db, then `coda code` again for each pass\n";
    for args in [
        &["search", "bus"][..],
        &["sources"],
        &["matrix"],
        &["code", "--codebook", "nope.toml"],
    ] {
        let r = t.run(args);
        assert_eq!(r.code, 2, "{args:?}");
        if args[0] != "code" {
            assert_text(&format!("{args:?}"), old, &r.stderr);
        }
    }
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("note: the project was in the layout of an older coda: rebuilt into .coda/project.db from the paths given"),
        "{}",
        r.stderr
    );
    for gone in ["manifest.json", "head.json", "passes"] {
        assert!(!t.path().join(".coda").join(gone).exists(), "{gone}");
    }
    assert_eq!(t.run(&["search", "bus"]).code, 0);
}

/// What a re-ingest must keep: a file moved, a file saved in another encoding, a file
/// that cannot be read this time, a file name that is not UTF-8, a changed sheet.
#[test]
fn reingest_keeps_what_the_files_say() {
    use std::os::unix::ffi::OsStrExt;
    let t = TempTree::new();
    t.write(
        "in/a.txt",
        "---\nparticipant: P1\narea: Rural\n---\nInterviewer: Hi.\nP1: The bus is late.\n",
    );
    t.write("in/b.txt", "Interviewer: Hi.\nP2: The ferry is late.\n");
    t.write("sheet.csv", "participant,group\nP1,Client\nP2,Worker\n");
    t.write(
        "cb.toml",
        "name = \"x\"\n[[theme]]\nid = \"rurality\"\nkeywords = [\"bus\", \"ferry\"]\n",
    );
    let ok = |r: Run| {
        assert_eq!(r.code, 0, "{}", r.stderr);
        r
    };
    ok(t.run(&["ingest", "in", "--participants", "sheet.csv"]));
    ok(t.run(&["code", "--codebook", "cb.toml"]));
    let summary = |r: &Run| r.stderr.lines().last().unwrap_or("").to_owned();

    // A file moved, unchanged: the same transcript, still searched.
    std::fs::create_dir(t.path().join("moved")).unwrap();
    std::fs::rename(t.path().join("in/b.txt"), t.path().join("moved/b.txt")).unwrap();
    let r = ok(t.run(&["ingest", "moved/b.txt"]));
    assert!(
        summary(&r).contains("0 new, 0 changed, 2 unchanged, 0 removed"),
        "{}",
        r.stderr
    );
    assert_eq!(
        hit_ids(&ok(search(&t, &["ferry"]))),
        BTreeSet::from(["b#2".to_owned()])
    );
    assert!(
        t.run(&["sources", "--format", "csv"])
            .stdout
            .contains("moved/b.txt")
    );

    // Saved again as UTF-16: the same turns, but the record says what the file is now.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Interviewer: Hi.\nP2: The ferry is late.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(t.path().join("moved/b.txt"), utf16).unwrap();
    ok(t.run(&["ingest", "moved/b.txt"]));
    let sources = ok(t.run(&["sources", "--format", "csv"])).stdout;
    assert!(sources.contains("b,text,UTF-16LE,"), "{sources}");

    // A changed sheet: the matrix counts people by their group now, and the pass is
    // still current (its codings hold).
    t.write("sheet.csv", "participant,group\nP1,Client\nP2,Client\n");
    ok(t.run(&["ingest", "moved/b.txt", "--participants", "sheet.csv"]));
    let r = ok(t.run(&["matrix", "--format", "csv"]));
    assert_text(
        "matrix",
        "theme,parent,Client,Total\r\nn,,2,2\r\nrurality,,2,2\r\n",
        &r.stdout,
    );
    assert_eq!(r.stderr, "");

    // A file that cannot be read this time keeps its previous version, its participant
    // and the participant's attributes from its front matter.
    let before = ok(t.run(&["participants", "--format", "csv"])).stdout;
    std::fs::write(t.path().join("in/a.txt"), b"\x00\x01binary").unwrap();
    let r = t.run(&["ingest", "moved/b.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("kept: a: "), "{}", r.stderr);
    assert_text(
        "participants",
        &before,
        &ok(t.run(&["participants", "--format", "csv"])).stdout,
    );
    assert_eq!(
        hit_ids(&ok(search(&t, &["area:rural"]))),
        BTreeSet::from(["a#2".to_owned()])
    );

    // A file name that is not UTF-8 is found again by the next ingest.
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(
        t.path().join("in").join(name),
        "Interviewer: Hi.\nP3: The bus.\n",
    )
    .unwrap();
    t.write(
        "in/a.txt",
        "---\nparticipant: P1\narea: Rural\n---\nInterviewer: Hi.\nP1: The bus is late.\n",
    );
    ok(t.run(&["ingest", "in"]));
    let r = ok(t.run(&["ingest", "moved/b.txt"]));
    assert!(!r.stderr.contains("removed:"), "{}", r.stderr);
    assert!(
        summary(&r).contains("0 new, 0 changed, 3 unchanged, 0 removed"),
        "{}",
        r.stderr
    );
}

/// Hits that tie in score rank in file order (transcript, then segment number), however
/// the index's documents were added, and a `--limit` keeps the first of them: the
/// ranking skips what cannot rank, so ties at the cut must still be weighed.
#[test]
fn ties_in_score_keep_file_order_at_any_limit() {
    let t = TempTree::new();
    for i in 0..30 {
        t.write(
            &format!("in/t{i:02}.txt"),
            "Interviewer: What happened?\nAlex: The ferry was late again.\n",
        );
    }
    // Three ingests, later transcripts first: three index segments, not in file order.
    for batch in [20..30, 0..10, 10..20] {
        let paths: Vec<String> = batch.map(|i| format!("in/t{i:02}.txt")).collect();
        let mut args = vec!["ingest"];
        args.extend(paths.iter().map(String::as_str));
        let r = t.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let ids = |limit: &str| -> Vec<String> {
        let r = t.run(&["search", "ferry", "--limit", limit, "--format", "csv"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        parse_csv(&r.stdout)
            .into_iter()
            .map(|row| row["segment"].clone())
            .collect()
    };
    let all = ids("100");
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all.len(), 30);
    assert_eq!(all, sorted, "equal scores are not in file order");
    for limit in [1, 4, 10, 25] {
        assert_eq!(ids(&limit.to_string()), all[..limit], "--limit {limit}");
    }
    let r = t.run(&["reindex"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(ids("4"), all[..4]);
}

/// The index holds no attribute: a participants sheet that changes a participant's
/// group changes what `--where` and `group:` find at once, and the index is not
/// written again.
#[test]
fn a_sheet_edit_filters_anew_without_rewriting_the_index() {
    let t = TempTree::new();
    let sample = root().join(SAMPLE);
    let sheet = std::fs::read_to_string(root().join(SHEET)).unwrap();
    let sheet_path = t.write("people.csv", &sheet);
    let r = t.run(&[
        "ingest",
        sample.to_str().unwrap(),
        "--participants",
        sheet_path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = || std::fs::read(t.path().join(".coda/index-1/meta.json")).unwrap();
    let before = meta();
    let clients = |t: &TempTree| {
        let a = hit_ids(&search(t, &["", "--where", "group=Client"]));
        let b = hit_ids(&search(t, &["group:client"]));
        assert_eq!(a, b);
        a
    };
    let was = clients(&t);
    assert!(was.iter().any(|id| id.starts_with("C04-")), "{was:?}");
    // C04 is no longer a client.
    t.write(
        "people.csv",
        sheet.replace(
            "C04,C04-otter,Client,Urban",
            "C04,C04-otter,Paraprofessional,Urban",
        ),
    );
    let r = t.run(&[
        "ingest",
        sample.to_str().unwrap(),
        "--participants",
        sheet_path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let now = clients(&t);
    let gone: Vec<&String> = was.difference(&now).collect();
    assert!(
        !gone.is_empty() && gone.iter().all(|id| id.starts_with("C04-")),
        "{gone:?}"
    );
    assert!(now.is_subset(&was));
    assert_eq!(meta(), before, "the index was written again");
    assert!(t.path().join(".coda/index-1").is_dir());
}
