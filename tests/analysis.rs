//! Matrices, co-occurrence, quotes and `coda analyse` on a fixture study small enough
//! that every count below was worked out by hand from tests/fixtures/study:
//!
//! participant segments and their themes (rollup adds `travel` to `bus` and `ferry`):
//! a1#2 bus · a1#4 ferry+bus · a1#6 none · a2#2 rules(x2) · a2#4 bus+rules ·
//! b1#2 ferry+rules · b1#4 bus · b2#2 none (2 words) · b2#4 rules.
//! Groups: A1, A2 Client; B1, B2 Worker; C1 Manager has no transcript (not counted).
//! Areas: A1, B1 Rural; A2 Urban; B2 none.

mod util;

use util::{TempTree, assert_text, root};

fn abs(rel: &str) -> String {
    root().join(rel).to_str().unwrap().to_owned()
}

/// The fixture study analysed into `out/` of a temp dir.
fn analysed() -> TempTree {
    let t = TempTree::new();
    let r = t.run(&[
        "analyse",
        &abs("tests/fixtures/study"),
        "--participants",
        &abs("tests/fixtures/study/participants.csv"),
        "--codebook",
        &abs("tests/fixtures/study/study.toml"),
        "--out",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
}

fn out(t: &TempTree, name: &str) -> String {
    std::fs::read_to_string(t.path().join("out").join(name)).unwrap()
}

/// Run a reading command on the analysed project.
fn on(t: &TempTree, args: &[&str]) -> util::Run {
    let mut a = vec!["--project", "out/.coda"];
    a.extend_from_slice(args);
    t.run(&a)
}

#[test]
fn matrices_wide_and_long_both_counts_rollup_and_percent() {
    let t = analysed();
    assert_text(
        "matrix.csv",
        "theme,parent,Client,Worker,Total\r\nn,,2,2,4\r\n\
travel,,2,1,3\r\nbus,travel,2,1,3\r\nferry,travel,1,1,2\r\nrules,,1,2,3\r\n",
        &out(&t, "matrix.csv"),
    );
    assert_text(
        "matrix-long.csv",
        "theme,group,segments,participants,participants_in_group\r\n\
travel,Client,3,2,2\r\ntravel,Worker,2,1,2\r\nbus,Client,3,2,2\r\nbus,Worker,1,1,2\r\n\
ferry,Client,1,1,2\r\nferry,Worker,1,1,2\r\nrules,Client,2,1,2\r\nrules,Worker,2,2,2\r\n",
        &out(&t, "matrix-long.csv"),
    );
    let r = on(&t, &["matrix", "--count", "segments", "--format", "csv"]);
    assert_text(
        "segments",
        "theme,parent,Client,Worker,Total\r\nn,,2,2,4\r\n\
travel,,3,2,5\r\nbus,travel,3,1,4\r\nferry,travel,1,1,2\r\nrules,,2,2,4\r\n",
        &r.stdout,
    );
    let r = on(&t, &["matrix", "--no-rollup", "--format", "csv"]);
    assert_text(
        "no rollup",
        "theme,parent,Client,Worker,Total\r\nn,,2,2,4\r\n\
travel,,0,0,0\r\nbus,travel,2,1,3\r\nferry,travel,1,1,2\r\nrules,,1,2,3\r\n",
        &r.stdout,
    );
    let r = on(
        &t,
        &["matrix", "--percent", "--by", "area", "--format", "csv"],
    );
    assert_text(
        "percent by area",
        "theme,parent,Rural,Urban,(none),Total\r\nn,,2,1,1,4\r\n\
travel,,100.0,100.0,0.0,75.0\r\nbus,travel,100.0,100.0,0.0,75.0\r\n\
ferry,travel,100.0,0.0,0.0,50.0\r\nrules,,50.0,100.0,100.0,75.0\r\n",
        &r.stdout,
    );
    let r = on(
        &t,
        &[
            "matrix", "--by", "area", "--layout", "long", "--format", "csv",
        ],
    );
    assert!(r.stdout.starts_with("theme,area,segments,participants,participants_in_group\r\ntravel,Rural,4,2,2\r\ntravel,Urban,1,1,1\r\ntravel,(none),0,0,1\r\n"), "{}", r.stdout);
    let r = on(&t, &["matrix"]);
    assert_text(
        "table",
        "theme    Client (n=2)  Worker (n=2)  Total (n=4)\ntravel   2             1             3\n· bus    2             1             3\n· ferry  1             1             2\nrules    1             2             3\n",
        &r.stdout,
    );
    let r = on(&t, &["matrix", "--count", "segments", "--format", "md"]);
    assert_text(
        "md",
        "| theme | Client (n=2) | Worker (n=2) | Total (n=4) |\n| --- | --- | --- | --- |\n| travel | 3 | 2 | 5 |\n| · bus | 3 | 1 | 4 |\n| · ferry | 1 | 1 | 2 |\n| rules | 2 | 2 | 4 |\n",
        &r.stdout,
    );
}

#[test]
fn cooccurrence_by_segment_and_participant() {
    let t = analysed();
    assert_text(
        "cooccurrence.csv",
        "theme,travel,bus,ferry,rules\r\ntravel,5,4,2,2\r\nbus,4,4,1,1\r\nferry,2,1,2,1\r\nrules,2,1,1,4\r\n",
        &out(&t, "cooccurrence.csv"),
    );
    let r = on(
        &t,
        &["cooccur", "--count", "participants", "--format", "csv"],
    );
    assert_text(
        "participants",
        "theme,travel,bus,ferry,rules\r\ntravel,3,3,2,2\r\nbus,3,3,2,2\r\nferry,2,2,2,1\r\nrules,2,2,1,3\r\n",
        &r.stdout,
    );
}

#[test]
fn quotes_diversity_ranking_trimming_bounds_and_attribution() {
    let t = analysed();
    // Client: a1#4 has the most evidence; A2's best comes before A1's second. Its first
    // sentence (8 words) is less than 12: the quote takes the next one, the whole turn.
    let r = on(
        &t,
        &[
            "quotes",
            "--theme",
            "travel",
            "--per-group",
            "2",
            "--format",
            "csv",
        ],
    );
    assert_text(
        "quotes",
        "theme,group,participant,segment,quote,attribution\r\n\
travel,Client,A1,a1#4,\"The ferry is worse than the bus, honestly. It costs far too much money for people like me.\",\"(Client, A1)\"\r\n\
travel,Client,A2,a2#4,Because the bus never comes on time and the rules say you must be there at nine.,\"(Client, A2)\"\r\n\
travel,Worker,B1,b1#2,\"The ferry timetable rules everything we do out here on the island, every week.\",\"(Worker, B1)\"\r\n\
travel,Worker,B1,b1#4,I drive most days because there is no bus that goes anywhere near the clients.,\"(Worker, B1)\"\r\n",
        &r.stdout,
    );
    // A sentence longer than --max-words is cut around the evidence: --max-words wins
    // over the 12 words.
    let r = on(
        &t,
        &[
            "quotes",
            "--theme",
            "travel",
            "--max-words",
            "5",
            "--min-words",
            "3",
            "--per-group",
            "1",
            "--format",
            "csv",
        ],
    );
    assert_text(
        "bounds",
        "theme,group,participant,segment,quote,attribution\r\n\
travel,Client,A1,a1#4,The ferry is worse than [...],\"(Client, A1)\"\r\n\
travel,Worker,B1,b1#2,The ferry timetable rules everything [...],\"(Worker, B1)\"\r\n",
        &r.stdout,
    );
    // --min-words 15 drops b1#2 (14 words); by area, B2 has no value.
    let r = on(
        &t,
        &[
            "quotes",
            "--theme",
            "rules",
            "--by",
            "area",
            "--min-words",
            "15",
            "--format",
            "csv",
        ],
    );
    assert_text(
        "min words",
        "theme,area,participant,segment,quote,attribution\r\n\
rules,Urban,A2,a2#2,\"The rules make no sense at all to me, and nobody ever explains the rules properly.\",\"(Urban, A2)\"\r\n\
rules,Urban,A2,a2#4,Because the bus never comes on time and the rules say you must be there at nine.,\"(Urban, A2)\"\r\n\
rules,(none),B2,b2#4,We follow the rules because the managers check every single file we write each month.,(B2)\r\n",
        &r.stdout,
    );
    // Speaker labels never appear in an attribution.
    assert!(!out(&t, "quotes.md").contains("Interviewer"));
}

#[test]
fn quotes_markdown_reads_like_a_report() {
    let t = analysed();
    let r = on(&t, &["quotes", "--theme", "rules"]);
    assert_text(
        "md",
        "## Rules (`rules`)\n\n### Client\n\n\
> The rules make no sense at all to me, and nobody ever explains the rules properly.\n>\n> (Client, A2) · a2#2, line 2\n\n\
> Because the bus never comes on time and the rules say you must be there at nine.\n>\n> (Client, A2) · a2#4, line 4\n\n\
### Worker\n\n\
> The ferry timetable rules everything we do out here on the island, every week.\n>\n> (Worker, B1) · b1#2, line 2\n\n\
> We follow the rules because the managers check every single file we write each month.\n>\n> (Worker, B2) · b2#4, line 4\n\n",
        &r.stdout,
    );
    // quotes.md: every theme; a parent's section leaves out what its sub-themes' sections
    // quote (here all of travel's: a1#4 is under both bus and ferry, as they are two
    // themes, but not under travel).
    let md = out(&t, "quotes.md");
    let md = &md[md.find("\n## ").unwrap() + 1..];
    assert_text(
        "quotes.md",
        "## Travel (`travel`)\n\n\
No quotes beyond those of its sub-themes, in their sections below.\n\n\
### `bus`\n\n#### Client\n\n\
> The bus is late. It is always late, every single day of the week, without fail.\n>\n> (Client, A1) · a1#2, line 2\n\n\
> Because the bus never comes on time and the rules say you must be there at nine.\n>\n> (Client, A2) · a2#4, line 4\n\n\
> The ferry is worse than the bus, honestly. It costs far too much money for people like me.\n>\n> (Client, A1) · a1#4, line 4\n\n\
#### Worker\n\n\
> I drive most days because there is no bus that goes anywhere near the clients.\n>\n> (Worker, B1) · b1#4, line 4\n\n\
### `ferry`\n\n#### Client\n\n\
> The ferry is worse than the bus, honestly. It costs far too much money for people like me.\n>\n> (Client, A1) · a1#4, line 4\n\n\
#### Worker\n\n\
> The ferry timetable rules everything we do out here on the island, every week.\n>\n> (Worker, B1) · b1#2, line 2\n\n\
## Rules (`rules`)\n\n### Client\n\n\
> The rules make no sense at all to me, and nobody ever explains the rules properly.\n>\n> (Client, A2) · a2#2, line 2\n\n\
> Because the bus never comes on time and the rules say you must be there at nine.\n>\n> (Client, A2) · a2#4, line 4\n\n\
### Worker\n\n\
> The ferry timetable rules everything we do out here on the island, every week.\n>\n> (Worker, B1) · b1#2, line 2\n\n\
> We follow the rules because the managers check every single file we write each month.\n>\n> (Worker, B2) · b2#4, line 4\n\n",
        md,
    );
}

/// A parent theme with rules of its own: its section in quotes.md shows the segments
/// its sub-theme's section does not (b1#2, coded travel for "ferry", has no bus).
#[test]
fn a_parent_section_shows_only_quotes_not_under_its_sub_themes() {
    let t = TempTree::new();
    t.write(
        "cb.toml",
        "name = \"Parents\"\n[[theme]]\nid = \"travel\"\nkeywords = [\"ferry\"]\n\
[[theme]]\nid = \"bus\"\nparent = \"travel\"\nkeywords = [\"bus\"]\n",
    );
    let r = t.run(&[
        "analyse",
        &abs("tests/fixtures/study"),
        "--participants",
        &abs("tests/fixtures/study/participants.csv"),
        "--codebook",
        "cb.toml",
        "--out",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = out(&t, "quotes.md");
    let md = &md[md.find("\n## ").unwrap() + 1..];
    assert_text(
        "quotes.md",
        "## `travel`\n\n\
Quotes of its sub-themes are in their sections below, not repeated here.\n\n\
### Worker\n\n\
> The ferry timetable rules everything we do out here on the island, every week.\n>\n> (Worker, B1) · b1#2, line 2\n\n\
### `bus`\n\n#### Client\n\n\
> The bus is late. It is always late, every single day of the week, without fail.\n>\n> (Client, A1) · a1#2, line 2\n\n\
> Because the bus never comes on time and the rules say you must be there at nine.\n>\n> (Client, A2) · a2#4, line 4\n\n\
> The ferry is worse than the bus, honestly. It costs far too much money for people like me.\n>\n> (Client, A1) · a1#4, line 4\n\n\
#### Worker\n\n\
> I drive most days because there is no bus that goes anywhere near the clients.\n>\n> (Worker, B1) · b1#4, line 4\n\n",
        md,
    );
    // `coda quotes` on the parent alone shows its sub-themes' segments too.
    let r = on(&t, &["quotes", "--theme", "travel", "--format", "csv"]);
    assert_eq!(
        r.stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(3).unwrap())
            .collect::<Vec<_>>(),
        ["a1#4", "a2#4", "a1#2", "b1#2", "b1#4"]
    );
}

/// A proximity rule's few words are widened to the sentences around them until the
/// quote has 12 words; a shorter turn is quoted whole; when the sentences around are
/// too long for --max-words, the quote is --max-words words of the turn.
#[test]
fn a_quote_is_twelve_words_or_its_whole_turn() {
    let t = TempTree::new();
    t.write(
        "in/t.txt",
        "Interviewer: Tell me.\n\
P1: It was slow out here. In the town he'd have done it in four months. He did everything we asked of him.\n\
Interviewer: And?\n\
P1: The town never got it done for us.\n",
    );
    t.write("in/sheet.csv", "participant,group\nP1,G\n");
    t.write(
        "cb.toml",
        "name = \"Pace\"\n[[theme]]\nid = \"pace\"\nnear = [{ all = [\"town\", \"done\"], within = 8 }]\n",
    );
    assert_eq!(
        t.run(&["ingest", "in/t.txt", "--participants", "in/sheet.csv"])
            .code,
        0
    );
    assert_eq!(t.run(&["code", "--codebook", "cb.toml"]).code, 0);
    let r = t.run(&["quotes", "--theme", "pace", "--format", "csv"]);
    assert_text(
        "quotes",
        "theme,group,participant,segment,quote,attribution\r\n\
pace,G,P1,t#2,[...] In the town he'd have done it in four months. He did everything we asked of him.,\"(G, P1)\"\r\n\
pace,G,P1,t#4,The town never got it done for us.,\"(G, P1)\"\r\n",
        &r.stdout,
    );
    let r = t.run(&[
        "quotes",
        "--theme",
        "pace",
        "--max-words",
        "14",
        "--format",
        "csv",
    ]);
    assert_text(
        "max words",
        "theme,group,participant,segment,quote,attribution\r\n\
pace,G,P1,t#2,[...] out here. In the town he'd have done it in four months. He did [...],\"(G, P1)\"\r\n\
pace,G,P1,t#4,The town never got it done for us.,\"(G, P1)\"\r\n",
        &r.stdout,
    );
}

#[test]
fn summary_and_byte_identical_reruns() {
    let t = analysed();
    // How the codings were made comes first; a theme is "coded in the turns of" its
    // participants, never "raised by" them.
    assert_text(
        "summary.md",
        "# Analysis summary\n\n\
Codings: pass `auto`, kind `auto`: made by the rules of the codebook Study fixture, version 1 \
(SHA-256 fe386082e3bc18c5245c81260a3c6f73861f5a2512498fdc71a1c56f02954bc1), not reviewed by a person. \
A theme is coded in a participant's turn where its rules match: one match is enough unless the \
theme's `min_hits` asks for more. Read the quotes, and `coda explain SEGMENT` for a coding's \
evidence, before relying on a count.\n\n\
4 transcripts, 18 segments (9 participant turns), 4 participants with turns.\n\n\
## Transcripts\n\n\
| transcript | format | encoding | segments | warnings |\n\
| --- | --- | --- | ---: | ---: |\n\
| a1 | text | UTF-8 | 6 | 0 |\n\
| a2 | text | UTF-8 | 4 | 0 |\n\
| b1 | text | UTF-8 | 4 | 0 |\n\
| b2 | text | UTF-8 | 4 | 0 |\n\n\
## Participants by group\n\n\
| group | participants |\n\
| --- | ---: |\n\
| Client | 2 |\n\
| Worker | 2 |\n\
| Total | 4 |\n\n\
## Themes\n\n\
Participant segments coded with each theme (sub-themes count for their parent), as a share of \
all participant segments, and the participants in whose turns it was coded.\n\n\
| theme | segments | share | coded in the turns of |\n\
| --- | ---: | ---: | ---: |\n\
| travel | 5 | 55.6% | 3 of 4 participants |\n\
| · bus | 4 | 44.4% | 3 of 4 participants |\n\
| · ferry | 2 | 22.2% | 2 of 4 participants |\n\
| rules | 4 | 44.4% | 3 of 4 participants |\n\n\
## Warnings\n\nNone.\n",
        &out(&t, "summary.md"),
    );
    assert!(
        out(&t, "quotes.md").starts_with(
            "# Quotes by theme and group\n\nCodings: pass `auto`, kind `auto`: made by the rules of \
the codebook Study fixture, version 1 (SHA-256 fe386082e3bc18c5245c81260a3c6f73861f5a2512498fdc71a1c56f02954bc1), \
not reviewed by a person."
        ),
        "{}",
        out(&t, "quotes.md")
    );

    t.write("out/notes.txt", "mine");
    let snapshot = |t: &TempTree| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![t.path().join("out")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push((
                        p.strip_prefix(t.path()).unwrap().display().to_string(),
                        std::fs::read(&p).unwrap(),
                    ));
                }
            }
        }
        files.sort();
        files
    };
    let first = snapshot(&t);
    let r = t.run(&[
        "analyze",
        &abs("tests/fixtures/study"),
        "--participants",
        &abs("tests/fixtures/study/participants.csv"),
        "--codebook",
        &abs("tests/fixtures/study/study.toml"),
        "--out",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        snapshot(&t),
        first,
        "a second run changed a byte in the output folder"
    );
}

/// `coda code` prints, per theme, the Total column of `coda matrix` (participants)
/// and of `coda matrix --count segments`: a parent counts its sub-themes' codings.
#[test]
fn code_prints_the_totals_of_the_matrix() {
    let t = analysed();
    let r = on(
        &t,
        &[
            "code",
            "--codebook",
            &abs("tests/fixtures/study/study.toml"),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (first, rest) = r.stderr.split_once('\n').unwrap();
    assert!(
        first.ends_with("18 segments read, 7 coded, 10 codings"),
        "{first}"
    );
    assert_text(
        "code",
        "per theme, in participants' turns, a theme counting its sub-themes' codings: \
participants = the Total column of `coda matrix`, segments = that of `coda matrix --count segments`\n\
theme    participants  segments\n\
travel   3             5\n\
· bus    3             4\n\
· ferry  2             2\n\
rules    3             4\n",
        rest,
    );
    // The same figures as the matrices' Total columns.
    let total = |args: &[&str]| -> Vec<String> {
        on(&t, args)
            .stdout
            .lines()
            .skip(2)
            .map(|l| l.rsplit(',').next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(total(&["matrix", "--format", "csv"]), ["3", "3", "2", "3"]);
    assert_eq!(
        total(&["matrix", "--count", "segments", "--format", "csv"]),
        ["5", "4", "2", "4"]
    );
}

/// A reading command run where there is no project names the projects of `coda
/// analyse` one folder down, sorted, and does not use them unasked.
#[test]
fn no_project_here_names_the_ones_one_folder_down() {
    let t = analysed();
    let r = t.run(&["search", "bus"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""));
    assert_text(
        "one",
        "error: .coda: no coda project here; found one in out/.coda: run with --project out/.coda\n",
        &r.stderr,
    );
    let r = t.run(&[
        "--project",
        "my study/.coda",
        "ingest",
        &abs("tests/fixtures/study"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t.write("empty/.coda/notes.txt", "no database here");
    let r = t.run(&["matrix"]);
    assert_eq!(r.code, 2);
    assert_text(
        "several",
        "error: .coda: no coda project here; found 2 one folder down: 'my study/.coda', out/.coda; \
run with --project and one of them\n",
        &r.stderr,
    );
}

#[test]
fn bad_requests_name_what_exists() {
    let t = analysed();
    let r = on(&t, &["matrix", "--by", "region"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: --by: unknown attribute 'region'; the project's participant attributes are: area, group; its transcript attributes: none (and participant, transcript)\n",
        &r.stderr,
    );
    let r = on(&t, &["quotes", "--theme", "bsu"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: unknown theme 'bsu' in pass 'auto'; its themes are: travel, bus, ferry, rules\n",
        &r.stderr,
    );
    let r = on(&t, &["cooccur", "--pass", "coder2"]);
    assert_text(
        "stderr",
        "error: no pass 'coder2' in the project; passes: auto\n",
        &r.stderr,
    );
    let r = on(&t, &["matrix", "--output", "no/such/dir/m.csv"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: no/such/dir/m.csv: cannot write here: the folder no/such/dir does not exist; create it or write elsewhere\n",
        &r.stderr,
    );

    let fresh = TempTree::new();
    assert_eq!(fresh.run(&["ingest", &abs("tests/fixtures/study")]).code, 0);
    let r = fresh.run(&["matrix"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: no pass 'auto' in the project; passes: none yet: run `coda code --codebook FILE`\n",
        &r.stderr,
    );
    let r = on(&t, &["matrix", "--output", "m.csv", "--format", "csv"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert_eq!(
        std::fs::read_to_string(t.path().join("m.csv")).unwrap(),
        out(&t, "matrix.csv")
    );
}

/// `cd study && coda analyse . --out analysis`, run twice: the second run does not read
/// the first run's quotes.md and summary.md as transcripts (a folder holding a coda
/// project is skipped, with a note), so the matrix is the same, byte for byte.
#[test]
fn analyse_twice_in_the_study_folder_does_not_read_its_own_outputs() {
    let t = TempTree::new();
    for entry in std::fs::read_dir(root().join("transcripts-sample")).unwrap() {
        let p = entry.unwrap().path();
        t.write(
            &format!("study/{}", p.file_name().unwrap().to_str().unwrap()),
            std::fs::read(&p).unwrap(),
        );
    }
    let cb = root().join("codebooks/justice-social-work.toml");
    let args = [
        "analyse",
        ".",
        "--participants",
        "participants.csv",
        "--codebook",
        cb.to_str().unwrap(),
        "--out",
        "analysis",
    ];
    let dir = t.path().join("study");
    let first = util::coda_in(&dir, &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let matrix = std::fs::read(dir.join("analysis/matrix.csv")).unwrap();
    let second = util::coda_in(&dir, &args);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stderr.contains(
            "./analysis: skipped: a folder of coda's own outputs (it holds a coda project, .coda); name it on the command line to read it"
        ),
        "{}",
        second.stderr
    );
    assert_eq!(
        std::fs::read(dir.join("analysis/matrix.csv")).unwrap(),
        matrix
    );
}

/// HTML in a transcript is shown in quotes.md and summary.md, never live: `<`, `>`
/// and `&` become entities, and a `|` in a group value does not break a table
/// (issue 22, point 5).
#[test]
fn html_and_pipes_from_transcripts_stay_text_in_markdown() {
    let t = TempTree::new();
    t.write(
        "in/a.txt",
        "Interviewer: Hi.\nC1: The bus to town runs twice a day and never on time </details><script>alert(1)</script> <img src=http://example.com/x.png> & more.\n",
    );
    t.write("in/p.csv", "participant,group\nC1,a|b\n");
    t.write(
        "cb.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"bus\"\nlabel = \"Bus <b>\"\nkeywords = [\"bus\"]\n",
    );
    let r = t.run(&[
        "analyse",
        "in",
        "--participants",
        "in/p.csv",
        "--codebook",
        "cb.toml",
        "--out",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let quotes = std::fs::read_to_string(t.path().join("out/quotes.md")).unwrap();
    let summary = std::fs::read_to_string(t.path().join("out/summary.md")).unwrap();
    for md in [&quotes, &summary] {
        assert!(
            !md.contains("<script") && !md.contains("<img") && !md.contains("</details"),
            "{md}"
        );
    }
    assert!(
        quotes.contains("&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=http://example.com/x.png&gt; &amp; more."),
        "{quotes}"
    );
    assert!(summary.contains("| a\\|b | 1 |"), "{summary}");
}
