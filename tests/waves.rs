//! A longitudinal study: 6 participants over 2 waves (P3 only in the initial wave, P6
//! only in the follow-up), the wave from a transcripts sheet (initial) and front matter
//! (follow-up), the mode from the sheet. Every figure below was worked out by hand
//! from the fixture's turns (tests/fixtures/waves) before the code was run:
//!
//! | transcript | participant (group) | wave | mode | participant turns: themes |
//! | --- | --- | --- | --- | --- |
//! | p1-w1 | P1 (Client) | initial | phone | transport; money; none |
//! | p1-w2 | P1 | follow-up | video | transport; debt |
//! | p2-w1 | P2 (Client) | initial | video | stigma; transport + money |
//! | p2-w2 | P2 | follow-up | phone | none |
//! | p3-w1 | P3 (Client) | initial | phone | transport; debt |
//! | p4-w1 | P4 (Worker) | initial | video | money |
//! | p4-w2 | P4 | follow-up | video | money; stigma |
//! | p5-w1 | P5 (Worker) | initial | phone | transport |
//! | p5-w2 | P5 | follow-up | phone | none |
//! | p6-w2 | P6 (Worker) | follow-up | video | transport + debt; stigma |
//!
//! `debt` is a sub-theme of `money`, so money's cells count debt's segments too.

mod util;

use util::{TempTree, assert_text, root};

/// The fixture ingested (both sheets) and coded, in a temp project.
fn study() -> TempTree {
    let t = TempTree::new();
    let fx = root().join("tests/fixtures/waves");
    let f = |n: &str| fx.join(n).display().to_string();
    let r = t.run(&[
        "ingest",
        &f("in"),
        "--participants",
        &f("participants.csv"),
        "--transcripts",
        &f("transcripts.csv"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&["code", "--codebook", &f("codebook.toml")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
}

fn csv(t: &TempTree, args: &[&str]) -> String {
    let mut a = args.to_vec();
    a.extend(["--format", "csv"]);
    let r = t.run(&a);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// By wave: n is 5 in each wave (P1, P2, P4, P5 in both, P3 and P6 in one) and 6 in
/// all; P1 raised transport in both waves and counts once in Total (5, not 6).
#[test]
fn by_wave_counts_each_participant_once_per_column_and_once_in_total() {
    let t = study();
    assert_text(
        "by wave",
        "theme,parent,follow-up,initial,Total\r\n\
n,,5,5,6\r\n\
transport,,2,4,5\r\n\
money,,3,4,5\r\n\
debt,money,2,1,3\r\n\
stigma,,2,1,3\r\n",
        &csv(&t, &["matrix", "--by", "wave"]),
    );
    // Segments (references) add up across waves: 6 transport turns in all.
    assert_text(
        "by wave, segments",
        "theme,parent,follow-up,initial,Total\r\n\
n,,5,5,6\r\n\
transport,,2,4,6\r\n\
money,,3,4,7\r\n\
debt,money,2,1,3\r\n\
stigma,,2,1,3\r\n",
        &csv(&t, &["matrix", "--by", "wave", "--count", "segments"]),
    );
    // Without sub-themes: money itself in p1-w1, p2-w1, p4-w1 (initial), p4-w2.
    assert_text(
        "by wave, no rollup",
        "theme,parent,follow-up,initial,Total\r\n\
n,,5,5,6\r\n\
transport,,2,4,5\r\n\
money,,1,3,3\r\n\
debt,money,2,1,3\r\n\
stigma,,2,1,3\r\n",
        &csv(&t, &["matrix", "--by", "wave", "--no-rollup"]),
    );
    // The long CSV keeps both counts, and each column's n.
    assert_text(
        "long",
        "theme,wave,segments,participants,participants_in_group\r\n\
transport,follow-up,2,2,5\r\n\
transport,initial,4,4,5\r\n\
money,follow-up,3,3,5\r\n\
money,initial,4,4,5\r\n\
debt,follow-up,2,2,5\r\n\
debt,initial,1,1,5\r\n\
stigma,follow-up,2,2,5\r\n\
stigma,initial,1,1,5\r\n",
        &csv(&t, &["matrix", "--by", "wave", "--layout", "long"]),
    );
}

/// By a participant attribute, and by a transcripts-sheet attribute (P1 and P2 each
/// have one phone and one video interview).
#[test]
fn by_group_and_by_mode() {
    let t = study();
    assert_text(
        "by group",
        "theme,parent,Client,Worker,Total\r\n\
n,,3,3,6\r\n\
transport,,3,2,5\r\n\
money,,3,2,5\r\n\
debt,money,2,1,3\r\n\
stigma,,1,2,3\r\n",
        &csv(&t, &["matrix", "--by", "group"]),
    );
    assert_text(
        "by mode",
        "theme,parent,phone,video,Total\r\n\
n,,4,4,6\r\n\
transport,,3,3,5\r\n\
money,,2,4,5\r\n\
debt,money,1,2,3\r\n\
stigma,,0,3,3\r\n",
        &csv(&t, &["matrix", "--by", "mode"]),
    );
}

/// Two attributes at once: a column per pair of values.
#[test]
fn by_group_and_wave() {
    let t = study();
    assert_text(
        "group x wave",
        "theme,parent,\"Client, follow-up\",\"Client, initial\",\"Worker, follow-up\",\"Worker, initial\",Total\r\n\
n,,2,3,3,2,6\r\n\
transport,,1,3,1,1,5\r\n\
money,,1,3,2,1,5\r\n\
debt,money,1,1,1,0,3\r\n\
stigma,,0,1,2,0,3\r\n",
        &csv(&t, &["matrix", "--by", "group", "--by", "wave"]),
    );
}

/// `--where` keeps the turns of the transcripts (and participants) that match.
#[test]
fn where_on_matrix() {
    let t = study();
    assert_text(
        "follow-up by group",
        "theme,parent,Client,Worker,Total\r\n\
n,,2,3,5\r\n\
transport,,1,1,2\r\n\
money,,1,2,3\r\n\
debt,money,1,1,2\r\n\
stigma,,0,2,2\r\n",
        &csv(
            &t,
            &["matrix", "--by", "group", "--where", "wave=follow-up"],
        ),
    );
}

/// `--count words`: the share of the column's participant words in coded segments.
/// Words of participant turns: initial 9 + 7 + 7 + 3 + 7 = 33, follow-up
/// 8 + 2 + 7 + 1 + 7 = 25, in all 58. Transport: initial 4 + 4 + 4 + 7 = 19 (57.6%),
/// follow-up 5 + 4 = 9 (36.0%), in all 28 (48.3%).
#[test]
fn count_words() {
    let t = study();
    assert_text(
        "words by wave",
        "theme,parent,follow-up,initial,Total\r\n\
n,,5,5,6\r\n\
transport,,36.0,57.6,48.3\r\n\
money,,44.0,42.4,43.1\r\n\
debt,money,28.0,9.1,17.2\r\n\
stigma,,24.0,9.1,15.5\r\n",
        &csv(&t, &["matrix", "--by", "wave", "--count", "words"]),
    );
}

/// The participant x theme grid (framework matrix): coded segments per participant,
/// and each participant's best quote for each theme.
#[test]
fn by_participant_counts_and_quotes() {
    let t = study();
    assert_text(
        "grid",
        "theme,parent,P1,P2,P3,P4,P5,P6,Total\r\n\
n,,1,1,1,1,1,1,6\r\n\
transport,,2,1,1,0,1,1,6\r\n\
money,,2,1,1,2,0,1,7\r\n\
debt,money,1,0,1,0,0,1,3\r\n\
stigma,,0,1,0,1,0,1,3\r\n",
        &csv(
            &t,
            &["matrix", "--by", "participant", "--count", "segments"],
        ),
    );
    assert_text(
        "quotes",
        "theme,P1,P2,P3,P4,P5,P6\r\n\
transport,The bus is late. (p1-w1#2),The bus and money. (p2-w1#4),The bus never comes. (p3-w1#2),,The bus is a problem for clients. (p5-w1#2),The bus and debt. (p6-w2#2)\r\n\
money,I have no money. (p1-w1#4),The bus and money. (p2-w1#4),My debt grows. (p3-w1#4),Clients lack money. (p4-w1#2),,The bus and debt. (p6-w2#2)\r\n\
debt,Debt is gone. (p1-w2#4),,My debt grows. (p3-w1#4),,,The bus and debt. (p6-w2#2)\r\n\
stigma,,People judged me. (p2-w1#2),,Some are judged. (p4-w2#4),,They feel judged. (p6-w2#4)\r\n",
        &csv(
            &t,
            &[
                "matrix",
                "--by",
                "participant",
                "--cells",
                "quote",
                "--min-words",
                "1",
            ],
        ),
    );
}

/// A segment has its transcript's attributes everywhere an attribute is taken: search
/// `field:value` and `--where`, and `transcript` itself.
#[test]
fn transcript_attributes_in_search_and_codings() {
    let t = study();
    let r = t.run(&["search", "wave:initial AND bus", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut ids: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["p1-w1#2", "p2-w1#4", "p3-w1#2", "p5-w1#2"]);
    let r = t.run(&[
        "codings",
        "--theme",
        "stigma",
        "--where",
        "mode=video",
        "--where",
        "transcript=p4-w2",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["p4-w2#4"]);
}

/// Bad transcripts sheets: each message names the file and line; a failed ingest
/// leaves the project as it was.
#[test]
fn bad_transcripts_sheets() {
    let t = study();
    let before = t.run(&["sources", "--format", "csv"]).stdout;
    let fx = root().join("tests/fixtures/waves");
    let f = |n: &str| fx.join(n).display().to_string();
    let ingest = |sheet: &str| {
        t.write("sheet.csv", sheet);
        t.run(&["ingest", &f("in"), "--transcripts", "sheet.csv"])
    };
    let r = ingest("id,wave\np1-w1,initial\n");
    assert_eq!(r.code, 2);
    assert_text(
        "no column",
        "error: sheet.csv:1: no 'transcript' column in the header (id, wave); add a column 'transcript' holding each transcript's id\n",
        &r.stderr,
    );
    let r = ingest("transcript,wave\np1-w1,initial\np1-w1,initial\n");
    assert_eq!(r.code, 2);
    assert_text(
        "twice",
        "error: sheet.csv:3: transcript id 'p1-w1' is already on line 2; ids must be unique (merge the rows)\n",
        &r.stderr,
    );
    let r = ingest("transcript,wave\np1-w2,initial\n");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(&format!(
            "error: {}:3: transcript p1-w2: attribute 'wave' is 'follow-up' here but 'initial' in sheet.csv:2; make them agree\n",
            f("in/p1-w2.txt")
        )),
        "{}",
        r.stderr
    );
    let r = ingest("transcript,group\np1-w1,Client\n");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("error: sheet.csv:1: attribute 'group' is a column of this transcripts sheet and of the participants sheet"),
        "{}",
        r.stderr
    );
    assert_eq!(t.run(&["sources", "--format", "csv"]).stdout, before);
    // A transcript the project does not have: a warning naming it and its line.
    let r = ingest("transcript,wave,mode\np1-w1,initial,phone\np9-w1,initial,phone\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("warning: sheet.csv:3: transcript 'p9-w1' is not in the project"),
        "{}",
        r.stderr
    );
    // --by an unknown attribute lists both kinds.
    let r = t.run(&["matrix", "--by", "site"]);
    assert_eq!(r.code, 2);
    assert_text(
        "unknown",
        "error: --by: unknown attribute 'site'; the project's participant attributes are: area, group; its transcript attributes: interview_date, mode, wave (and participant, transcript)\n",
        &r.stderr,
    );
}

/// `compare --by wave`, worked out from the table above: transport in both waves P1
/// (p1-w1, p1-w2), only the initial P2, P3, P5, only the follow-up P6; money (with
/// debt) both P1 (money, then debt) and P4, initial P2, P3, follow-up P6; debt only
/// follow-up P1, P6, only initial P3; stigma initial P2, follow-up P4, P6.
#[test]
fn compare_by_wave() {
    let t = study();
    assert_text(
        "compare csv",
        "theme,status,participant\r\n\
transport,both,P1\r\n\
transport,only follow-up,P6\r\n\
transport,only initial,P2\r\n\
transport,only initial,P3\r\n\
transport,only initial,P5\r\n\
money,both,P1\r\n\
money,both,P4\r\n\
money,only follow-up,P6\r\n\
money,only initial,P2\r\n\
money,only initial,P3\r\n\
debt,only follow-up,P1\r\n\
debt,only follow-up,P6\r\n\
debt,only initial,P3\r\n\
stigma,only follow-up,P4\r\n\
stigma,only follow-up,P6\r\n\
stigma,only initial,P2\r\n",
        &csv(&t, &["compare", "--by", "wave"]),
    );
    let r = t.run(&["compare", "--by", "wave", "--format", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "compare md",
        "| theme | both | only follow-up | only initial |\n\
| --- | --- | --- | --- |\n\
| transport | P1 | P6 | P2, P3, P5 |\n\
| money | P1, P4 | P6 | P2, P3 |\n\
| · debt |  | P1, P6 | P3 |\n\
| stigma |  | P4, P6 | P2 |\n",
        &r.stdout,
    );
    // Money's own codings: P1 said money only in the initial wave (debt in the
    // follow-up), P2 in the initial, P4 in both.
    let out = csv(&t, &["compare", "--by", "wave", "--no-rollup"]);
    let money: Vec<&str> = out.lines().filter(|l| l.starts_with("money,")).collect();
    assert_eq!(
        money,
        [
            "money,both,P4",
            "money,only initial,P1",
            "money,only initial,P2"
        ]
    );
    // The workers only: P4, P5, P6.
    assert_text(
        "compare where",
        "theme,status,participant\r\n\
transport,only follow-up,P6\r\n\
transport,only initial,P5\r\n\
money,both,P4\r\n\
money,only follow-up,P6\r\n\
debt,only follow-up,P6\r\n\
stigma,only follow-up,P4\r\n\
stigma,only follow-up,P6\r\n",
        &csv(&t, &["compare", "--by", "wave", "--where", "group=Worker"]),
    );
}

/// More than two values (here each transcript): a row per theme and participant with
/// the values they were coded under; one value the same.
#[test]
fn compare_by_transcript_and_one_value() {
    let t = study();
    assert_text(
        "compare by transcript",
        "theme,participant,values\r\n\
transport,P1,p1-w1; p1-w2\r\n\
transport,P2,p2-w1\r\n\
transport,P3,p3-w1\r\n\
transport,P5,p5-w1\r\n\
transport,P6,p6-w2\r\n\
money,P1,p1-w1; p1-w2\r\n\
money,P2,p2-w1\r\n\
money,P3,p3-w1\r\n\
money,P4,p4-w1; p4-w2\r\n\
money,P6,p6-w2\r\n\
debt,P1,p1-w2\r\n\
debt,P3,p3-w1\r\n\
debt,P6,p6-w2\r\n\
stigma,P2,p2-w1\r\n\
stigma,P4,p4-w2\r\n\
stigma,P6,p6-w2\r\n",
        &csv(&t, &["compare", "--by", "transcript"]),
    );
    assert_text(
        "one value",
        "theme,participant,values\r\n\
transport,P1,initial\r\n\
transport,P2,initial\r\n\
transport,P3,initial\r\n\
transport,P5,initial\r\n\
money,P1,initial\r\n\
money,P2,initial\r\n\
money,P3,initial\r\n\
money,P4,initial\r\n\
debt,P3,initial\r\n\
stigma,P2,initial\r\n",
        &csv(&t, &["compare", "--by", "wave", "--where", "wave=initial"]),
    );
    let r = t.run(&["compare", "--by", "participant"]);
    assert_eq!(r.code, 2);
    let r = t.run(&["compare", "--by", "site"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown attribute 'site'"),
        "{}",
        r.stderr
    );
}

/// `sources` has a column per transcript attribute (sorted: interview_date and wave
/// from the follow-up's front matter, mode and the initial wave from the sheet);
/// `participants` each participant's transcripts and their number. Segments are every
/// turn of a file; a participant's, their own turns.
#[test]
fn sources_and_participants_show_transcripts() {
    let t = study();
    let fx = root().join("tests/fixtures/waves/in");
    let p = |n: &str| fx.join(format!("{n}.txt")).display().to_string();
    let rows = [
        ("p1-w1", 6, "P1", "", "phone", "initial"),
        ("p1-w2", 4, "P1", "2024-03-01", "video", "follow-up"),
        ("p2-w1", 4, "P2", "", "video", "initial"),
        ("p2-w2", 2, "P2", "2024-03-02", "phone", "follow-up"),
        ("p3-w1", 4, "P3", "", "phone", "initial"),
        ("p4-w1", 2, "P4", "", "video", "initial"),
        ("p4-w2", 4, "P4", "2024-03-04", "video", "follow-up"),
        ("p5-w1", 2, "P5", "", "phone", "initial"),
        ("p5-w2", 2, "P5", "2024-03-05", "phone", "follow-up"),
        ("p6-w2", 4, "P6", "2024-03-06", "video", "follow-up"),
    ];
    let mut expected = "transcript,format,encoding,segments,participants,interview_date,mode,wave,warnings,warning_messages,path\r\n".to_owned();
    for (id, segments, who, date, mode, wave) in rows {
        expected.push_str(&format!(
            "{id},text,UTF-8,{segments},{who},{date},{mode},{wave},0,,{}\r\n",
            p(id)
        ));
    }
    assert_text("sources", &expected, &csv(&t, &["sources"]));
    assert_text(
        "participants",
        "participant,segments,transcripts,n_transcripts,area,group\r\n\
P1,5,p1-w1;p1-w2,2,Rural,Client\r\n\
P2,3,p2-w1;p2-w2,2,Urban,Client\r\n\
P3,2,p3-w1,1,Rural,Client\r\n\
P4,3,p4-w1;p4-w2,2,Urban,Worker\r\n\
P5,2,p5-w1;p5-w2,2,Rural,Worker\r\n\
P6,2,p6-w2,1,Urban,Worker\r\n",
        &csv(&t, &["participants"]),
    );
}

/// `--where` on `cooccur` and `quotes`. The follow-up's participant segments, with
/// money rolled up: p1-w2 {transport}, {money, debt}; p4-w2 {money}, {stigma}; p6-w2
/// {transport, money, debt}, {stigma}. The clients' themes (any wave): P1 and P3
/// {transport, money, debt}, P2 {transport, money, stigma}.
#[test]
fn where_on_cooccur_and_quotes() {
    let t = study();
    assert_text(
        "cooccur follow-up",
        "theme,transport,money,debt,stigma\r\n\
transport,2,1,1,0\r\n\
money,1,3,2,0\r\n\
debt,1,2,2,0\r\n\
stigma,0,0,0,2\r\n",
        &csv(&t, &["cooccur", "--where", "wave=follow-up"]),
    );
    assert_text(
        "cooccur clients",
        "theme,transport,money,debt,stigma\r\n\
transport,3,3,2,1\r\n\
money,3,3,2,1\r\n\
debt,2,2,2,0\r\n\
stigma,1,1,0,1\r\n",
        &csv(
            &t,
            &[
                "cooccur",
                "--count",
                "participants",
                "--where",
                "group=Client",
            ],
        ),
    );
    // Transport among the workers: P5 in the initial wave, P6 in the follow-up.
    assert_text(
        "quotes workers",
        "theme,wave,participant,segment,quote,attribution\r\n\
transport,follow-up,P6,p6-w2#2,The bus and debt.,\"(follow-up, P6)\"\r\n\
transport,initial,P5,p5-w1#2,The bus is a problem for clients.,\"(initial, P5)\"\r\n",
        &csv(
            &t,
            &[
                "quotes",
                "--theme",
                "transport",
                "--by",
                "wave",
                "--min-words",
                "1",
                "--where",
                "group=Worker",
            ],
        ),
    );
    // Stigma in the initial wave is P2's (a client) only: no worker quote, status 1.
    let r = t.run(&[
        "quotes",
        "--theme",
        "stigma",
        "--min-words",
        "1",
        "--where",
        "wave=initial",
        "--where",
        "group=Worker",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_text(
        "no quote",
        "## `stigma`\n\nNo quotes: no participant segment that --where keeps is coded with this theme.\n\n",
        &r.stdout,
    );
    let r = t.run(&["cooccur", "--where", "site=north"]);
    assert_eq!(r.code, 2);
}

/// `analyse --where wave=follow-up`: every output counts only the follow-up turns. The
/// matrix is the one `where_on_matrix` checks; the follow-up participant turns are
/// p1-w2 2, p2-w2 1, p4-w2 2, p5-w2 1, p6-w2 2 = 8, so transport's 2 segments are 25.0%;
/// codings.csv has the 7 follow-up codings (p6-w2#2 is transport and debt).
#[test]
fn where_on_analyse() {
    let t = TempTree::new();
    let fx = root().join("tests/fixtures/waves");
    let f = |n: &str| fx.join(n).display().to_string();
    let out = t.path().join("out");
    let r = t.run(&[
        "analyse",
        &f("in"),
        "--participants",
        &f("participants.csv"),
        "--transcripts",
        &f("transcripts.csv"),
        "--codebook",
        &f("codebook.toml"),
        "--out",
        &out.display().to_string(),
        "--where",
        "wave=follow-up",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    assert_text(
        "matrix.csv",
        "theme,parent,Client,Worker,Total\r\n\
n,,2,3,5\r\n\
transport,,1,1,2\r\n\
money,,1,2,3\r\n\
debt,money,1,1,2\r\n\
stigma,,0,2,2\r\n",
        &file("matrix.csv"),
    );
    let codings: Vec<String> = file("codings.csv")
        .lines()
        .map(|l| l.split(',').take(4).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        codings,
        [
            "segment,transcript,participant,theme",
            "p1-w2#2,p1-w2,P1,transport",
            "p1-w2#4,p1-w2,P1,debt",
            "p4-w2#2,p4-w2,P4,money",
            "p4-w2#4,p4-w2,P4,stigma",
            "p6-w2#2,p6-w2,P6,transport",
            "p6-w2#2,p6-w2,P6,debt",
            "p6-w2#4,p6-w2,P6,stigma",
        ]
    );
    let summary = file("summary.md");
    let themes = summary
        .split("## Themes\n\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    assert_text(
        "summary themes",
        "Participant segments coded with each theme (sub-themes count for their parent), as a share of the counted participant segments, and the participants in whose turns it was coded.\n\n\
| theme | segments | share | coded in the turns of |\n\
| --- | ---: | ---: | ---: |\n\
| transport | 2 | 25.0% | 2 of 5 participants |\n\
| money | 3 | 37.5% | 3 of 5 participants |\n\
| · debt | 2 | 25.0% | 2 of 5 participants |\n\
| stigma | 2 | 25.0% | 2 of 5 participants |\n",
        themes,
    );
    assert!(
        summary
            .contains(" Only participants' turns where wave=follow-up are counted and quoted.\n"),
        "{summary}"
    );
    // An unknown attribute is refused inside the ingest's transaction: no output is
    // written and the project keeps no transcript.
    let r = t.run(&[
        "analyse",
        &f("in"),
        "--participants",
        &f("participants.csv"),
        "--codebook",
        &f("codebook.toml"),
        "--out",
        &t.path().join("out2").display().to_string(),
        "--where",
        "site=north",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!t.path().join("out2/matrix.csv").exists());
    let r = t.run(&[
        "--project",
        &t.path().join("out2/.coda").display().to_string(),
        "sources",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(r.stderr.contains("no coda project here"), "{}", r.stderr);
}
