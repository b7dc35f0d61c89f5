//! The project directory: `coda ingest`, `search`, `kwic`, `sources`, `participants`.
//! Search and kwic results are checked against a plain scan of `coda segments` output
//! (the parser alone, no index), so the expected sets are computed, not written down.

mod util;

use std::collections::{BTreeMap, BTreeSet};

use util::{Run, TempTree, assert_text, coda_in, read, root};

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

/// A project of the sample corpus in a temp dir.
fn sample_project() -> TempTree {
    let t = TempTree::new();
    let sample = root().join(SAMPLE);
    let sheet = root().join(SHEET);
    let r = t.run(&[
        "ingest",
        sample.to_str().unwrap(),
        "--participants",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
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
            "PO03-written unlabelled UTF-8 11 PO03 1",
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
    assert!(t.path().join("p1/manifest.json").exists());
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
        "error: --where: unknown attribute 'grup'; the project's attributes are: area, group\n",
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

#[test]
fn a_project_from_a_newer_coda_is_refused() {
    let t = formats_tree();
    assert_eq!(t.run(&["ingest", "in/a-front.txt"]).code, 0);
    for (file, from, to) in [
        ("manifest.json", "\"format\": 1", "\"format\": 99"),
        ("head.json", "\"format\":1", "\"format\":99"),
    ] {
        let path = t.path().join(".coda").join(file);
        let m = std::fs::read_to_string(&path)
            .unwrap()
            .replacen(from, to, 1);
        std::fs::write(&path, m).unwrap();
    }
    let newer = |file: &str| {
        format!(
            "error: .coda/{file}: this project was written by a newer coda (project format 99, this coda reads 1); upgrade coda\n"
        )
    };
    let r = t.run(&["search", "bus"]);
    assert_eq!(r.code, 2);
    assert_text("stderr", &newer("head.json"), &r.stderr);
    let r = coda_in(t.path(), &["ingest", "in"]);
    assert_eq!(r.code, 2);
    assert_text("stderr", &newer("manifest.json"), &r.stderr);
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

#[test]
fn a_damaged_participants_file_is_named_and_the_next_ingest_replaces_it() {
    let t = sample_project();
    let dir = t.path().join(".coda");
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("participants-"))
        .unwrap();
    let good = t.run(&["participants", "--format", "csv"]);
    assert_eq!(good.code, 0, "{}", good.stderr);
    let bytes = std::fs::read(dir.join(&name)).unwrap();
    std::fs::write(dir.join(&name), &bytes[..40]).unwrap();
    let r = t.run(&["participants", "--format", "jsonl"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert_text(
        "stderr",
        &format!(
            "error: .coda/{name}:1: the participants file cannot be read (EOF while parsing a string at line 1 column 40); run `coda ingest` again to rebuild it\n"
        ),
        &r.stderr,
    );
    let sample = root().join(SAMPLE);
    let again = t.run(&["ingest", sample.to_str().unwrap()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(std::fs::read(dir.join(&name)).unwrap(), bytes);
    let r = t.run(&["participants", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("participants", &good.stdout, &r.stdout);
}
