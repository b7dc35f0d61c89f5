//! The coding sheet round trip: `coda sheet`, an edit by a script (CSV with the csv
//! crate, .xlsx with calamine and rust_xlsxwriter, as another spreadsheet program would
//! leave it), `coda import` as a person's pass, and `coda agree` on what the review
//! changed. The fixture study (tests/fixtures/study) coded by tests/fixtures/agree's
//! `auto.toml`; its 9 participant segments and the auto pass's codings are in
//! tests/agree.rs. The review below rejects `money` on a1#4 and `rules` on b1#2 (the
//! rule `timetable`), and adds `travel` on b1#4 ("I drive most days").
//!
//! Against `auto`, worked by hand (9 segments):
//! - travel: auto 0, reviewed 1 on b1#4: agreement 8/9 = 88.8889%, kappa 0 (pe = po =
//!   8/9), alpha 1 - 17 * 2 / (2 * 17 * 1) = 0.
//! - bus (4) and ferry (2): the same segments: 100%, kappa 1, alpha 1.
//! - rules: auto 4, reviewed 3 (not b1#2): 8/9, kappa (72 - 42) / (81 - 42) = 0.7692,
//!   alpha 1 - 34/154 = 0.7792.
//! - money: auto 1 (a1#4), reviewed 0: 8/9, kappa 0, alpha 0.
//! - all themes: 45 decisions, 9 both 1, 2 auto only, 1 reviewed only, 33 neither:
//!   agreement 42/45 = 93.3333%; kappa: po = 1890/2025, pe = (11 * 10 + 34 * 35) / 2025 =
//!   1300/2025, kappa = 590/725 = 0.8138; alpha: n = 90, n1 = 21, n0 = 69, 3
//!   disagreeing units: 1 - 89 * 6 / (2 * 21 * 69) = 1 - 534/2898 = 0.8157.

mod util;

use util::{TempTree, assert_text, root};

fn abs(rel: &str) -> String {
    root().join(rel).to_str().unwrap().to_owned()
}

/// The fixture study ingested and coded as pass `auto`.
fn coded() -> TempTree {
    let t = TempTree::new();
    let study = abs("tests/fixtures/study");
    let sheet = abs("tests/fixtures/study/participants.csv");
    let r = t.run(&["ingest", &study, "--participants", &sheet]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let book = abs("tests/fixtures/agree/auto.toml");
    let r = t.run(&["code", "--codebook", &book]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
}

const SHEET: &str = "segment,transcript,participant,area,group,text,travel,bus,ferry,rules,money,evidence,note\r
a1#2,a1,A1,Rural,Client,\"The bus is late. It is always late, every single day of the week, without fail.\",0,1,0,0,0,bus: bus,\r
a1#4,a1,A1,Rural,Client,\"The ferry is worse than the bus, honestly. It costs far too much money for people like me.\",0,1,1,0,1,bus: bus; ferry: ferry; money: money,\r
a1#6,a1,A1,Rural,Client,\"Nothing else to say today, thank you very much for asking me.\",0,0,0,0,0,,\r
a2#2,a2,A2,Urban,Client,\"The rules make no sense at all to me, and nobody ever explains the rules properly.\",0,0,0,1,0,\"rules: rules, rules\",\r
a2#4,a2,A2,Urban,Client,Because the bus never comes on time and the rules say you must be there at nine.,0,1,0,1,0,bus: bus; rules: rules,\r
b1#2,b1,B1,Rural,Worker,\"The ferry timetable rules everything we do out here on the island, every week.\",0,0,1,1,0,\"ferry: ferry, island; rules: timetable, rules\",\r
b1#4,b1,B1,Rural,Worker,I drive most days because there is no bus that goes anywhere near the clients.,0,1,0,0,0,bus: bus,\r
b2#2,b2,B2,,Worker,Short answer.,0,0,0,0,0,,\r
b2#4,b2,B2,,Worker,We follow the rules because the managers check every single file we write each month.,0,0,0,1,0,\"rules: rules, managers\",\r
";

/// The review, as (segment, theme, value).
const EDITS: &[(&str, &str, &str)] = &[
    ("a1#4", "money", "0"),
    ("b1#2", "rules", ""),
    ("b1#4", "travel", "1"),
];

/// The reviewed pass's codings, in file order.
const REVIEWED: &str = "segment,theme\r
a1#2,bus\r
a1#4,bus\r
a1#4,ferry\r
a2#2,rules\r
a2#4,bus\r
a2#4,rules\r
b1#2,ferry\r
b1#4,travel\r
b1#4,bus\r
b2#4,rules\r
";

const AGREE: &str = "theme,segments,auto,reviewed,agreement,kappa,alpha\r
travel,9,0,1,88.8889,0.0000,0.0000\r
bus,9,4,4,100.0000,1.0000,1.0000\r
ferry,9,2,2,100.0000,1.0000,1.0000\r
rules,9,4,3,88.8889,0.7692,0.7792\r
money,9,1,0,88.8889,0.0000,0.0000\r
(all themes),9,11,10,93.3333,0.8138,0.8157\r
";

/// The (segment, theme) pairs of a pass, as `codings` lists them.
fn codings(t: &TempTree, pass: &str) -> String {
    let r = t.run(&["codings", "--pass", pass, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.splitn(5, ',').collect();
            format!("{},{}\r\n", cells[0], cells[3])
        })
        .collect()
}

#[test]
fn the_sheet_of_a_pass() {
    let t = coded();
    let r = t.run(&["sheet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("sheet", SHEET, &r.stdout);
    // Without a pass, from a codebook: the same rows, theme columns empty, no evidence.
    let r = t.run(&[
        "sheet",
        "--codebook",
        &abs("tests/fixtures/agree/auto.toml"),
        "--where",
        "participant=B2",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "empty sheet",
        "segment,transcript,participant,area,group,text,travel,bus,ferry,rules,money,evidence,note\r
b2#2,b2,B2,,Worker,Short answer.,,,,,,,\r
b2#4,b2,B2,,Worker,We follow the rules because the managers check every single file we write each month.,,,,,,,\r
",
        &r.stdout,
    );
}

/// Edit a CSV sheet as a script would: set the cells of `EDITS`.
fn edit_csv(sheet: &str) -> String {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(sheet.as_bytes());
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let header = rows[0].clone();
    let mut w = csv::Writer::from_writer(Vec::new());
    for mut row in rows {
        for (seg, theme, v) in EDITS {
            if row[0] == *seg {
                let c = header.iter().position(|h| h == theme).unwrap();
                row[c] = v.to_string();
            }
        }
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn csv_round_trip() {
    let t = coded();
    let r = t.run(&["sheet", "--output", "sheet.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sheet = std::fs::read_to_string(t.path().join("sheet.csv")).unwrap();
    assert_text("sheet.csv", SHEET, &sheet);
    t.write("reviewed.csv", edit_csv(&sheet));
    let r = t.run(&[
        "import",
        "reviewed.csv",
        "--pass",
        "reviewed",
        "--coder",
        "Ann",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        "imported pass 'reviewed' (kind human, coder Ann): 10 coding(s) of 4 theme(s) in 7 of the 9 segment(s) it covers\n",
        &r.stderr,
    );
    assert_text("reviewed codings", REVIEWED, &codings(&t, "reviewed"));
    let r = t.run(&["agree", "auto", "reviewed", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("agree", AGREE, &r.stdout);
    // The pass is listed with its kind and coder.
    let r = t.run(&["passes", "--format", "csv"]);
    let rows: Vec<String> = r
        .stdout
        .lines()
        .map(|l| l.split(',').take(3).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        rows,
        ["pass,kind,coder", "auto,auto,", "reviewed,human,Ann"]
    );
    // A matrix of the reviewed pass: money is gone, travel counts B1 (a Worker).
    let r = t.run(&["matrix", "--pass", "reviewed", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "matrix",
        "theme,parent,Client,Worker,Total\r
n,,2,2,4\r
travel,,2,1,3\r
bus,travel,2,1,3\r
ferry,travel,1,1,2\r
rules,,1,1,2\r
money,,0,0,0\r
",
        &r.stdout,
    );
    // explain says who coded a person's coding (it has no matched words).
    let r = t.run(&["explain", "b1#4", "--pass", "reviewed"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .ends_with("\ntravel (Travel): coded by Ann\nbus: coded by Ann\n"),
        "{}",
        r.stdout
    );
    // Importing again under the same name asks for --replace.
    let r = t.run(&[
        "import",
        "reviewed.csv",
        "--pass",
        "reviewed",
        "--coder",
        "Ann",
    ]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: the project has a pass 'reviewed' already: add --replace to replace it, or import as another --pass\n",
        &r.stderr,
    );
    let r = t.run(&[
        "import",
        "reviewed.csv",
        "--pass",
        "reviewed",
        "--coder",
        "Ann",
        "--replace",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("reviewed again", REVIEWED, &codings(&t, "reviewed"));
}

/// The .xlsx sheet: read back unchanged it is the auto pass; rewritten by another
/// program (no hidden `coda` worksheet, numbers as text or numbers) and edited, it is
/// the review.
#[test]
fn xlsx_round_trip() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let t = coded();
    let r = t.run(&["sheet", "--output", "sheet.xlsx"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = t.path().join("sheet.xlsx");
    // The same sheet twice is the same bytes.
    let first = std::fs::read(&path).unwrap();
    assert_eq!(t.run(&["sheet", "--output", "again.xlsx"]).code, 0);
    assert_eq!(first, std::fs::read(t.path().join("again.xlsx")).unwrap());

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["coding", "coda"]);
    let range = book.worksheet_range("coding").unwrap();
    let cells: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    // The same cells as the CSV sheet.
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(SHEET.as_bytes());
    let want: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(cells, want);

    let r = t.run(&["import", "sheet.xlsx", "--pass", "same", "--coder", "Ann"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(codings(&t, "same"), codings(&t, "auto"));

    // Rewritten and edited by another program: the codebook comes from the project's
    // passes, the values are numbers.
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (i, row) in cells.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let v = EDITS
                .iter()
                .find(|(s, th, _)| *s == row[0] && cells[0][j] == *th)
                .map_or(v.as_str(), |e| e.2);
            match v {
                "" => {}
                "0" | "1" if i > 0 => {
                    ws.write_number(i as u32, j as u16, v.parse::<f64>().unwrap())
                        .unwrap();
                }
                _ => {
                    ws.write_string(i as u32, j as u16, v).unwrap();
                }
            }
        }
    }
    out.save(t.path().join("edited.xlsx")).unwrap();
    let r = t.run(&[
        "import",
        "edited.xlsx",
        "--pass",
        "reviewed",
        "--coder",
        "Ann",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("reviewed codings", REVIEWED, &codings(&t, "reviewed"));
    let r = t.run(&["agree", "auto", "reviewed", "--format", "csv"]);
    assert_text("agree", AGREE, &r.stdout);
}

/// A sheet of some participants covers their rows only: agreement is on those.
#[test]
fn a_partial_sheet_covers_its_rows() {
    let t = coded();
    let r = t.run(&["sheet", "--where", "group=Worker", "--output", "w.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&["import", "w.csv", "--pass", "workers", "--coder", "Bo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // b1#2, b1#4, b2#2, b2#4: auto's codings there are bus b1#4, ferry b1#2, rules
    // b1#2 and b2#4; the review kept them all.
    let r = t.run(&["agree", "auto", "workers", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree",
        "theme,segments,auto,workers,agreement,kappa,alpha\r
travel,4,0,0,100.0000,,\r
bus,4,1,1,100.0000,1.0000,1.0000\r
ferry,4,1,1,100.0000,1.0000,1.0000\r
rules,4,2,2,100.0000,1.0000,1.0000\r
money,4,0,0,100.0000,,\r
(all themes),4,4,4,100.0000,1.0000,1.0000\r
",
        &r.stdout,
    );
}

/// The long form, a row per coding, with a coder column naming two people.
#[test]
fn long_form() {
    let t = coded();
    t.write(
        "long.csv",
        "segment,theme,coder\nb1#4,travel,Ann\nb1#4,bus,Ann\na1#2,bus,Bo\na1#2,bus,Ann\n",
    );
    let r = t.run(&["import", "long.csv", "--pass", "ann"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: long.csv: the codings of 2 coders (Ann, Bo): import each as a pass of its own, `--coder NAME --pass NAME` with NAME one of them\n",
        &r.stderr,
    );
    let r = t.run(&["import", "long.csv", "--pass", "ann", "--coder", "Ann"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "ann",
        "segment,theme\r\na1#2,bus\r\nb1#4,travel\r\nb1#4,bus\r\n",
        &codings(&t, "ann"),
    );
    // A long form covers every segment: the uncoded ones are 0 (bus: auto 4, ann 2).
    let r = t.run(&["agree", "auto", "ann", "--theme", "bus", "--format", "csv"]);
    assert_text(
        "agree",
        "theme,segments,auto,ann,agreement,kappa,alpha\r
bus,9,4,2,77.7778,0.5263,0.5278\r
(all themes),9,4,2,77.7778,0.5263,0.5278\r
",
        &r.stdout,
    );
}

#[test]
fn bad_sheets_write_no_pass() {
    let t = coded();
    assert_eq!(t.run(&["sheet", "--output", "sheet.csv"]).code, 0);
    let sheet = std::fs::read_to_string(t.path().join("sheet.csv")).unwrap();
    let passes = || t.run(&["passes", "--format", "csv"]).stdout;
    let before = passes();
    let bad = sheet
        .replace("travel,bus,ferry,rules,money", "travel,bus,fery,rules,money")
        .replace("b2#2,b2,B2,,Worker,Short answer.,0,0", "b9#2,b2,B2,,Worker,Short answer.,0,0")
        .replace("a1#6,a1,A1,Rural,Client,\"Nothing else to say", "a1#6,a1,A1,Rural,Client,\"Something else to say")
        .replace("Because the bus never comes on time and the rules say you must be there at nine.,0,1,0,1,0", "Because the bus never comes on time and the rules say you must be there at nine.,0,yes,0,1,0");
    t.write("bad.csv", bad);
    let r = t.run(&["import", "bad.csv", "--pass", "bad", "--coder", "Ann"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: bad.csv: 4 problem(s), no pass written:
  1 segment id(s) not in the project: b9#2 (line 9)
  column 'fery' (column 9) is not a theme of the codebook Agree fixture: rules (did you mean 'ferry'?); the sheet's other columns are its segment, transcript, participant, attributes, text, evidence and note
  line 6, column 'bus', segment a2#4: 'yes' is not 1, 0 or empty
  line 4: the text of segment a1#6 is not the project's: was the sheet made for another project, or has the transcript changed since? Make a new sheet with `coda sheet`
",
        &r.stderr,
    );
    // An interviewer's turn, a row twice.
    let twice = format!(
        "{sheet}a1#1,a1,A1,Rural,Client,x,0,0,0,0,0,,\r\na1#2,a1,A1,Rural,Client,\"The bus is late. It is always late, every single day of the week, without fail.\",0,1,0,0,0,,\r\n"
    );
    t.write("twice.csv", twice);
    let r = t.run(&["import", "twice.csv", "--pass", "bad", "--coder", "Ann"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: twice.csv: 2 problem(s), no pass written:
  line 11: segment a1#1 is an interviewer's turn; only participants' turns are coded
  line 12: segment a1#2 has a row already (line 2)
",
        &r.stderr,
    );
    // Not an .xlsx; no --coder; an empty sheet.
    t.write("fake.xlsx", "segment,theme\n");
    let r = t.run(&["import", "fake.xlsx", "--pass", "bad", "--coder", "Ann"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: fake.xlsx: not an .xlsx workbook that can be read ("),
        "{}",
        r.stderr
    );
    let r = t.run(&["import", "sheet.csv", "--pass", "bad"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: sheet.csv: 1 problem(s), no pass written:\n  say who coded the sheet: --coder NAME\n",
        &r.stderr,
    );
    // A theme column twice, headers in capitals (read as the same names).
    let twice = sheet
        .replacen("travel,bus,ferry", "TRAVEL,bus,ferry", 1)
        .replacen(",evidence,note\r\n", ",evidence,note,bus\r\n", 1);
    t.write("dupcol.csv", twice);
    let r = t.run(&["import", "dupcol.csv", "--pass", "bad", "--coder", "Ann"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: dupcol.csv: 1 problem(s), no pass written:\n  column 'bus' appears twice (column 8 and column 14): keep one\n",
        &r.stderr,
    );
    // The long form: a line number for each problem; --coder against the coder named.
    t.write(
        "long.csv",
        "segment,theme,coder\nb9#4,bus,Ann\na1#1,bus,Ann\n,bus,\n",
    );
    let r = t.run(&["import", "long.csv", "--pass", "bad", "--coder", "Zed"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: long.csv: 4 problem(s), no pass written:
  1 segment id(s) not in the project: b9#4 (line 2)
  --coder Zed, but the sheet's coder column names Ann: say the coder the sheet names, or leave --coder out
  line 4: no segment id
  line 3: segment a1#1 is an interviewer's turn; only participants' turns are coded
",
        &r.stderr,
    );
    t.write("empty.csv", "segment,travel\n");
    let r = t.run(&["import", "empty.csv", "--pass", "bad", "--coder", "Ann"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: empty.csv: the sheet has no rows: nothing to import\n",
        &r.stderr,
    );
    assert_eq!(passes(), before);
}

/// The README's walkthrough (step 4) on the sample, as a new user runs it after the
/// README's first command: a sheet of C01's turns, a review that rejects every coding
/// of the first coded turn (the spreadsheet saved by another program, so the codebook
/// comes from the project), then `agree`, `--disagreements` and `rules`.
#[test]
fn the_readme_walkthrough_on_the_sample() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let t = TempTree::new();
    let r = t.run(&[
        "analyse",
        &abs("transcripts-sample"),
        "--participants",
        &abs("transcripts-sample/participants.csv"),
        "--codebook",
        &abs("codebooks/justice-social-work.toml"),
        "--out",
        "analysis",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let p = ["--project", "analysis/.coda"];
    let run = |args: &[&str]| t.run(&[&p[..], args].concat());
    let r = run(&[
        "sheet",
        "--where",
        "participant=C01",
        "--output",
        "review.xlsx",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut book: Xlsx<_> = open_workbook(t.path().join("review.xlsx")).unwrap();
    let cells: Vec<Vec<Data>> = book
        .worksheet_range("coding")
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let header: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
    let text = header.iter().position(|h| h == "text").unwrap();
    let evidence = header.iter().position(|h| h == "evidence").unwrap();
    let themes = text + 1..evidence;
    let ones = |row: &[Data]| {
        themes
            .clone()
            .filter(|&j| row[j] == Data::Float(1.0))
            .count()
    };
    let first = (1..cells.len()).find(|&i| ones(&cells[i]) > 0).unwrap();
    let rejected = ones(&cells[first]);
    let total: usize = (1..cells.len()).map(|i| ones(&cells[i])).sum();
    assert!(rejected > 0 && cells.len() > 2);
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (i, row) in cells.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            match v {
                Data::Float(f) if i == first && themes.contains(&j) => {
                    ws.write_number(i as u32, j as u16, f * 0.0).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(i as u32, j as u16, *f).unwrap();
                }
                Data::Empty => {}
                other => {
                    ws.write_string(i as u32, j as u16, other.to_string())
                        .unwrap();
                }
            }
        }
    }
    out.save(t.path().join("review.xlsx")).unwrap();
    let r = run(&[
        "import",
        "review.xlsx",
        "--pass",
        "reviewed",
        "--coder",
        "A. Researcher",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Over all themes: auto codes `total` of C01's decisions, the review `rejected`
    // fewer; the disagreements are the rejected codings.
    let r = run(&["agree", "auto", "reviewed", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let all = r.stdout.lines().last().unwrap().to_owned();
    let cols: Vec<&str> = all.split(',').collect();
    assert_eq!(cols[0], "(all themes)");
    assert_eq!(cols[1], (cells.len() - 1).to_string());
    assert_eq!(cols[2], total.to_string());
    assert_eq!(cols[3], (total - rejected).to_string());
    let r = run(&[
        "agree",
        "auto",
        "--reference",
        "reviewed",
        "--disagreements",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records = csv::Reader::from_reader(r.stdout.as_bytes())
        .records()
        .count();
    assert_eq!(records, rejected, "{}", r.stdout);
    let r = run(&["rules", "--reference", "reviewed", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The worst rule produced a coding the review rejected.
    let worst = r.stdout.lines().nth(1).unwrap().to_owned();
    assert!(!worst.ends_with(",1.0000"), "{worst}");
    // The review's quotes.
    let r = run(&["quotes", "--pass", "reviewed", "--theme", "rurality"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// An .xlsx sheet with a bad value names the cell as a spreadsheet does.
#[test]
fn a_bad_cell_in_an_xlsx_sheet_is_named() {
    let t = coded();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (j, h) in ["segment", "text", "bus", "rules"].iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "a1#2").unwrap();
    ws.write_number(1, 2, 1).unwrap();
    ws.write_string(2, 0, "a2#2").unwrap();
    ws.write_number(2, 3, 2).unwrap();
    ws.write_boolean(3, 2, true).unwrap();
    ws.write_string(3, 0, "a2#4").unwrap();
    out.save(t.path().join("bad.xlsx")).unwrap();
    let r = t.run(&["import", "bad.xlsx", "--pass", "bad", "--coder", "Ann"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: bad.xlsx: 2 problem(s), no pass written:
  cell D3 (rules, segment a2#2): '2' is not 1, 0 or empty
  cell C4 (bus, segment a2#4): 'true' is not 1, 0 or empty
",
        &r.stderr,
    );
}

/// A person's pass is never replaced by `coda code`, is refused once a transcript it
/// coded has changed (its codings name turns by number), and its sheet leaves the rows
/// it does not cover empty.
#[test]
fn a_persons_pass_is_kept_safe() {
    let t = TempTree::new();
    let study = t.path().join("study");
    std::fs::create_dir_all(&study).unwrap();
    for f in ["a1.txt", "a2.txt", "b1.txt", "b2.txt", "participants.csv"] {
        std::fs::copy(root().join("tests/fixtures/study").join(f), study.join(f)).unwrap();
    }
    let sheet = study.join("participants.csv").display().to_string();
    let s = study.display().to_string();
    assert_eq!(t.run(&["ingest", &s, "--participants", &sheet]).code, 0);
    let book = abs("tests/fixtures/agree/auto.toml");
    assert_eq!(t.run(&["code", "--codebook", &book]).code, 0);
    assert_eq!(
        t.run(&["sheet", "--where", "participant=B1", "--output", "b1.csv"])
            .code,
        0
    );
    let r = t.run(&["import", "b1.csv", "--pass", "bo", "--coder", "Bo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Its sheet: B1's rows as coded, the others' theme cells empty.
    let r = t.run(&["sheet", "--pass", "bo", "--where", "group=Worker"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<String> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            format!("{} {}", c[0], c[c.len() - 7..c.len() - 2].join(","))
        })
        .collect();
    assert_eq!(
        rows,
        ["b1#2 0,0,1,1,0", "b1#4 0,1,0,0,0", "b2#2 ,,,,", "b2#4 ,,,,"]
    );
    let r = t.run(&["code", "--codebook", &book, "--pass", "bo"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: pass 'bo' is a person's coding (kind human, coder Bo): `coda code` would replace it with the rules' codings; code into another --pass\n",
        &r.stderr,
    );
    // A turn added at the top of b1 moves every turn's number.
    let b1 = std::fs::read_to_string(study.join("b1.txt")).unwrap();
    std::fs::write(
        study.join("b1.txt"),
        format!("Interviewer: Hello again.\n{b1}"),
    )
    .unwrap();
    assert_eq!(t.run(&["ingest", &s, "--participants", &sheet]).code, 0);
    let r = t.run(&["agree", "auto", "bo"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("\nerror: pass 'bo' was coded by Bo on transcripts that have changed since (b1): its codings may now name other turns, so it is not read;"),
        "{}",
        r.stderr
    );
}
