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
