//! `coda agree` and `coda rules` on the fixture study (tests/fixtures/study), coded by
//! two codebooks of tests/fixtures/agree: `auto` (auto.toml, the rules) and `gold`
//! (gold.toml, which stands in for a hand coding). Every figure below is worked out by
//! hand from these codings.
//!
//! The 9 participant segments (interviewer turns are never units) and their codings:
//!
//! | segment | auto | gold |
//! | --- | --- | --- |
//! | a1#2 | bus | bus |
//! | a1#4 | bus ("bus"), ferry, money | ferry |
//! | a1#6 | | thanks |
//! | a2#2 | rules | rules |
//! | a2#4 | bus, rules | bus, rules |
//! | b1#2 | ferry, rules ("timetable; rules") | ferry |
//! | b1#4 | bus | bus, travel ("drive") |
//! | b2#2 | | |
//! | b2#4 | rules | rules |
//!
//! Both passes have travel, bus, ferry and rules; only `auto` has money, only `gold`
//! thanks (the other pass's values for them are missing, not 0). Codings are compared
//! on the theme itself: auto's bus codings do not count as travel.
//!
//! - travel: auto 0 everywhere, gold 1 on b1#4. Agreement 8/9 = 88.8889%. Kappa:
//!   po = 8/9, pe = 0 * 1/9 + 1 * 8/9 = 8/9, kappa = 0. Alpha: o00 = 16, o01 = o10 =
//!   1, n0 = 17, n1 = 1, n = 18: 1 - 17 * 2 / (2 * 17 * 1) = 0. Against gold: tp 0, fp
//!   0, fn 1: precision empty (0/0), recall 0, F1 0.
//! - bus: both 1 on 3 (a1#2, a2#4, b1#4), auto only on 1 (a1#4), neither on 5.
//!   Agreement 8/9. Kappa: pa = 4/9, pg = 3/9, pe = 12/81 + 30/81 = 42/81,
//!   kappa = (72 - 42) / (81 - 42) = 30/39 = 0.7692. Alpha: o11 = 6, o00 = 10,
//!   o01 = o10 = 1, n1 = 7, n0 = 11, n = 18: 1 - 17 * 2 / (2 * 7 * 11) = 1 - 34/154 =
//!   0.7792. tp 3, fp 1, fn 0: P 0.75, R 1, F1 6/7 = 0.8571.
//! - ferry: the same 2 segments: agreement 100%, kappa 1, alpha 1, P = R = F1 = 1.
//! - rules: as bus (auto alone on b1#2).
//! - money, thanks: one pass only: no unit has two values, so 0 segments are compared
//!   and every figure is empty.
//! - all themes, pooled over theme x segment: 36 units with two values (4 themes x 9),
//!   8 both 1, 2 auto only, 1 gold only, 25 neither. Agreement 33/36 = 91.6667%.
//!   Kappa: pa = 10/36, pg = 9/36, pe = (90 + 26 * 27) / 1296 = 792/1296, po =
//!   1188/1296, kappa = 396/504 = 0.7857. Alpha: o11 = 16, o00 = 50, o01 = o10 = 3,
//!   n1 = 19, n0 = 53, n = 72: 1 - 71 * 6 / (2 * 19 * 53) = 1 - 426/2014 = 0.7885.
//!   tp 8, fp 2, fn 1: P 0.8, R 8/9 = 0.8889, F1 16/19 = 0.8421. Codings: auto 11
//!   (0 + 4 + 2 + 4 + 1), gold 10 (1 + 3 + 2 + 3 + 1).

mod util;

use util::{TempTree, assert_text, root};

fn abs(rel: &str) -> String {
    root().join(rel).to_str().unwrap().to_owned()
}

/// The fixture study ingested and coded as passes `auto` and `gold`.
fn coded() -> TempTree {
    let t = TempTree::new();
    let study = abs("tests/fixtures/study");
    let sheet = abs("tests/fixtures/study/participants.csv");
    let r = t.run(&["ingest", &study, "--participants", &sheet]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (pass, book) in [("auto", "auto.toml"), ("gold", "gold.toml")] {
        let book = abs(&format!("tests/fixtures/agree/{book}"));
        let r = t.run(&["code", "--pass", pass, "--codebook", &book]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    t
}

#[test]
fn two_passes_per_theme_and_pooled() {
    let t = coded();
    let r = t.run(&["agree", "auto", "gold", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree auto gold",
        "theme,segments,auto,gold,agreement,kappa,alpha\r\n\
travel,9,0,1,88.8889,0.0000,0.0000\r\n\
bus,9,4,3,88.8889,0.7692,0.7792\r\n\
ferry,9,2,2,100.0000,1.0000,1.0000\r\n\
rules,9,4,3,88.8889,0.7692,0.7792\r\n\
money,0,1,,,,\r\n\
thanks,0,,1,,,\r\n\
(all themes),9,11,10,91.6667,0.7857,0.7885\r\n",
        &r.stdout,
    );
    // JSON Lines: an undefined figure is null, not NaN.
    let r = t.run(&[
        "agree", "auto", "gold", "--theme", "money", "--format", "jsonl",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree --theme money jsonl",
        "{\"theme\":\"money\",\"segments\":0,\"auto\":1,\"gold\":null,\"agreement\":null,\"kappa\":null,\"alpha\":null}\n\
{\"theme\":\"(all themes)\",\"segments\":0,\"auto\":1,\"gold\":null,\"agreement\":null,\"kappa\":null,\"alpha\":null}\n",
        &r.stdout,
    );
}

#[test]
fn against_a_reference() {
    let t = coded();
    // The reference need not be among the passes named: it is added to them.
    let r = t.run(&["agree", "auto", "--reference", "gold", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = "theme,segments,auto,gold,agreement,kappa,alpha,auto_tp,auto_fp,auto_fn,auto_precision,auto_recall,auto_f1\r\n\
travel,9,0,1,88.8889,0.0000,0.0000,0,0,1,,0.0000,0.0000\r\n\
bus,9,4,3,88.8889,0.7692,0.7792,3,1,0,0.7500,1.0000,0.8571\r\n\
ferry,9,2,2,100.0000,1.0000,1.0000,2,0,0,1.0000,1.0000,1.0000\r\n\
rules,9,4,3,88.8889,0.7692,0.7792,3,1,0,0.7500,1.0000,0.8571\r\n\
money,0,1,,,,,,,,,,\r\n\
thanks,0,,1,,,,,,,,,\r\n\
(all themes),9,11,10,91.6667,0.7857,0.7885,8,2,1,0.8000,0.8889,0.8421\r\n";
    assert_text("agree --reference gold", expected, &r.stdout);
    let r = t.run(&[
        "agree",
        "auto",
        "gold",
        "--reference",
        "gold",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("agree auto gold --reference gold", expected, &r.stdout);
}

/// `--by group --theme bus`: Client is a1#2, a1#4, a1#6, a2#2, a2#4 (5 segments; auto
/// bus on a1#2, a1#4, a2#4, gold on a1#2, a2#4): agreement 4/5 = 80%, kappa: pa = 3/5,
/// pg = 2/5, pe = 6/25 + 6/25 = 12/25, kappa = (20 - 12) / (25 - 12) = 8/13 = 0.6154;
/// alpha: o11 = 4, o00 = 4, o01 = o10 = 1, n1 = n0 = 5, n = 10: 1 - 9 * 2 / (2 * 25) =
/// 0.64. Worker is b1#2, b1#4, b2#2, b2#4 (4; both bus on b1#4 only): all 1.
#[test]
fn split_by_an_attribute() {
    let t = coded();
    let r = t.run(&[
        "agree", "auto", "gold", "--theme", "bus", "--by", "group", "--format", "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree --by group",
        "theme,value,segments,auto,gold,agreement,kappa,alpha\r\n\
bus,Client,5,3,2,80.0000,0.6154,0.6400\r\n\
bus,Worker,4,1,1,100.0000,1.0000,1.0000\r\n\
(all themes),Client,5,3,2,80.0000,0.6154,0.6400\r\n\
(all themes),Worker,4,1,1,100.0000,1.0000,1.0000\r\n",
        &r.stdout,
    );
    // By area, rules: Rural is a1#2, a1#4, a1#6, b1#2, b1#4 (auto alone on b1#2):
    // agreement 4/5, kappa 0 (gold constant: po = pe = 0.8), alpha 0 (o00 = 8, o01 =
    // o10 = 1, n = 10: 1 - 9 * 2 / (2 * 9 * 1)). Urban is a2#2, a2#4, both coded by both:
    // all 1, so kappa and alpha are undefined (empty). (none), last, is B2's b2#2 (0, 0)
    // and b2#4 (1, 1): kappa 1 (pe = 0.5), alpha 1.
    let r = t.run(&[
        "agree", "auto", "gold", "--theme", "rules", "--by", "area", "--format", "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree --by area",
        "theme,value,segments,auto,gold,agreement,kappa,alpha\r\n\
rules,Rural,5,1,0,80.0000,0.0000,0.0000\r\n\
rules,Urban,2,2,2,100.0000,,\r\n\
rules,(none),2,1,1,100.0000,1.0000,1.0000\r\n\
(all themes),Rural,5,1,0,80.0000,0.0000,0.0000\r\n\
(all themes),Urban,2,2,2,100.0000,,\r\n\
(all themes),(none),2,1,1,100.0000,1.0000,1.0000\r\n",
        &r.stdout,
    );
    // --where keeps the Worker turns only: the Worker rows alone.
    let r = t.run(&[
        "agree",
        "auto",
        "gold",
        "--theme",
        "bus",
        "--where",
        "group=Worker",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree --where group=Worker",
        "theme,segments,auto,gold,agreement,kappa,alpha\r\n\
bus,4,1,1,100.0000,1.0000,1.0000\r\n\
(all themes),4,1,1,100.0000,1.0000,1.0000\r\n",
        &r.stdout,
    );
}

/// Three passes (gold coded twice, as `gold` and `gold2`): no kappa column. Bus: a1#2,
/// a2#4, b1#4 are (1, 1, 1), a1#4 (1, 0, 0), five (0, 0, 0). Coincidences (each pair of
/// a unit's 3 values weighs 1/2): o11 = 3 * 3 = 9, o00 = 1 + 5 * 3 = 16, o01 = o10 = 1;
/// n1 = 10, n0 = 17, n = 27: alpha = 1 - 26 * 2 / (2 * 10 * 17) = 1 - 52/340 = 0.8471.
/// Agreement: 8 of 9 units all alike.
#[test]
fn three_passes_alpha_only() {
    let t = coded();
    let book = abs("tests/fixtures/agree/gold.toml");
    let r = t.run(&["code", "--pass", "gold2", "--codebook", &book]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&[
        "agree", "auto", "gold", "gold2", "--theme", "bus", "--format", "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree 3 passes",
        "theme,segments,auto,gold,gold2,agreement,alpha\r\n\
bus,9,4,3,3,88.8889,0.8471\r\n\
(all themes),9,4,3,3,88.8889,0.8471\r\n",
        &r.stdout,
    );
    // Against gold: auto as before (tp 3, fp 1), gold2 the same as gold (tp 3). Alpha
    // over the three as above; written to a file, nothing on stdout.
    let r = t.run(&[
        "agree",
        "auto",
        "gold2",
        "--reference",
        "gold",
        "--theme",
        "bus",
        "--format",
        "csv",
        "--output",
        "agree.csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_text(
        "agree --reference with 3 passes",
        "theme,segments,auto,gold2,gold,agreement,alpha,\
auto_tp,auto_fp,auto_fn,auto_precision,auto_recall,auto_f1,\
gold2_tp,gold2_fp,gold2_fn,gold2_precision,gold2_recall,gold2_f1\r\n\
bus,9,4,3,3,88.8889,0.8471,3,1,0,0.7500,1.0000,0.8571,3,0,0,1.0000,1.0000,1.0000\r\n\
(all themes),9,4,3,3,88.8889,0.8471,3,1,0,0.7500,1.0000,0.8571,3,0,0,1.0000,1.0000,1.0000\r\n",
        &std::fs::read_to_string(t.path().join("agree.csv")).unwrap(),
    );
}

/// Where the passes differ (a missing value is no disagreement: a1#4 money and a1#6
/// thanks are not listed), with each automatic pass's matched words.
#[test]
fn disagreements_with_evidence() {
    let t = coded();
    let r = t.run(&[
        "agree",
        "auto",
        "gold",
        "--disagreements",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "agree --disagreements",
        "segment,participant,theme,auto,gold,auto_evidence,gold_evidence,text\r\n\
a1#4,A1,bus,1,0,bus,,\"The ferry is worse than the bus, honestly. It costs far too much money for people like me.\"\r\n\
b1#2,B1,rules,1,0,timetable; rules,,\"The ferry timetable rules everything we do out here on the island, every week.\"\r\n\
b1#4,B1,travel,0,1,,drive,I drive most days because there is no bus that goes anywhere near the clients.\r\n",
        &r.stdout,
    );
    // None on ferry: exit status 1, no rows.
    let r = t.run(&[
        "agree",
        "auto",
        "gold",
        "--theme",
        "ferry",
        "--disagreements",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "segment,participant,theme,auto,gold,auto_evidence,gold_evidence,text\r\n"
    );
}

/// Each rule of auto.toml against gold. `keyword "timetable"` codes b1#2 with rules,
/// which gold does not: precision 0, first. Then the two rules at 0.75 with one false
/// positive each (bus "bus": a1#4; rules "rules": b1#2), in codebook order; then those
/// at 1; money's rule last, unjudged (gold has no money theme).
#[test]
fn rules_worst_first() {
    let t = coded();
    let r = t.run(&[
        "rules",
        "--pass",
        "auto",
        "--reference",
        "gold",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "rules",
        "theme,rule,coded,confirmed,fp,precision\r\n\
rules,\"keyword \"\"timetable\"\"\",1,0,1,0.0000\r\n\
bus,\"keyword \"\"bus\"\"\",4,3,1,0.7500\r\n\
rules,\"keyword \"\"rules\"\"\",4,3,1,0.7500\r\n\
ferry,\"keyword \"\"ferry\"\"\",2,2,0,1.0000\r\n\
ferry,\"keyword \"\"island\"\"\",1,1,0,1.0000\r\n\
rules,\"keyword \"\"managers\"\"\",1,1,0,1.0000\r\n\
money,\"keyword \"\"money\"\"\",1,,,\r\n",
        &r.stdout,
    );
    assert!(r.stderr.contains("no theme money"), "{}", r.stderr);
    // What no rule found: gold's travel on b1#4 (auto's travel has no rules); gold's
    // thanks is a theme auto does not have, left out with a note.
    let r = t.run(&[
        "rules",
        "--reference",
        "gold",
        "--misses",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "rules --misses",
        "segment,participant,theme,text\r\n\
b1#4,B1,travel,I drive most days because there is no bus that goes anywhere near the clients.\r\n",
        &r.stdout,
    );
    assert!(r.stderr.contains("thanks (1)"), "{}", r.stderr);
}

/// A rule that coded nothing is listed while the codebook file is the one the pass
/// ran; once the file changes, the rules are those named in the evidence, with a note.
#[test]
fn rules_from_evidence_when_the_codebook_changed() {
    let t = coded();
    let text = std::fs::read_to_string(root().join("tests/fixtures/agree/auto.toml")).unwrap();
    let book = t.write(
        "book.toml",
        text.replace("keywords = [\"money\"]", "keywords = [\"money\", \"tram\"]"),
    );
    let book = book.to_str().unwrap();
    let r = t.run(&["code", "--pass", "mine", "--codebook", book]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let args = [
        "rules",
        "--pass",
        "mine",
        "--reference",
        "gold",
        "--theme",
        "money",
        "--format",
        "csv",
    ];
    let r = t.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "rules, codebook as coded",
        "theme,rule,coded,confirmed,fp,precision\r\n\
money,\"keyword \"\"money\"\"\",1,,,\r\n\
money,\"keyword \"\"tram\"\"\",0,,,\r\n",
        &r.stdout,
    );
    std::fs::write(book, format!("{text}\n# edited\n")).unwrap();
    let r = t.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "rules, codebook changed",
        "theme,rule,coded,confirmed,fp,precision\r\n\
money,\"keyword \"\"money\"\"\",1,,,\r\n",
        &r.stdout,
    );
    assert!(
        r.stderr.contains("has changed since the pass ran"),
        "{}",
        r.stderr
    );
    std::fs::remove_file(book).unwrap();
    let r = t.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("cannot be read"), "{}", r.stderr);
}

#[test]
fn bad_input() {
    let t = coded();
    let bad = |args: &[&str], says: &str| {
        let r = t.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
    };
    bad(&["agree", "auto"], "name two or more");
    bad(
        &["agree", "auto", "nope"],
        "no pass 'nope' in the project; passes: auto, gold",
    );
    bad(
        &["agree", "auto", "--reference", "nope"],
        "passes: auto, gold",
    );
    bad(&["agree", "auto", "auto"], "named twice");
    bad(
        &["agree", "auto", "gold", "--theme", "zzz"],
        "travel, bus, ferry, rules, money, thanks",
    );
    bad(
        &["agree", "auto", "gold", "--by", "colour"],
        "unknown attribute 'colour'",
    );
    bad(
        &["agree", "auto", "gold", "--where", "colour=red"],
        "unknown attribute 'colour'",
    );
    bad(&["rules", "--reference", "auto"], "both 'auto'");
    bad(&["rules", "--reference", "nope"], "passes: auto, gold");
    bad(
        &["rules", "--reference", "gold", "--theme", "thanks"],
        "unknown theme 'thanks'",
    );
    // Nothing selected: no rows, exit status 1.
    let r = t.run(&[
        "agree",
        "auto",
        "gold",
        "--where",
        "group=Manager",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "theme,segments,auto,gold,agreement,kappa,alpha\r\n"
    );
    assert!(r.stderr.contains("no participant segment"), "{}", r.stderr);
}

/// A pass of another kind (a hand coding, as `coda import` makes them; here `gold`
/// marked `human` in the database): `agree` reads it as any pass, without an evidence
/// column for it; `rules` judges against it, and refuses it as the pass whose rules are
/// judged.
#[test]
fn a_human_pass() {
    let t = coded();
    let db = rusqlite::Connection::open(t.path().join(".coda/project.db")).unwrap();
    db.execute(
        "UPDATE pass SET kind = 'human', coder = 'ann' WHERE name = 'gold'",
        [],
    )
    .unwrap();
    drop(db);
    let r = t.run(&[
        "agree",
        "auto",
        "gold",
        "--theme",
        "travel",
        "--disagreements",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "disagreements with a human pass",
        "segment,participant,theme,auto,gold,auto_evidence,text\r\n\
a1#4,A1,bus,1,0,bus,\"The ferry is worse than the bus, honestly. It costs far too much money for people like me.\"\r\n\
b1#4,B1,travel,0,1,,I drive most days because there is no bus that goes anywhere near the clients.\r\n",
        &r.stdout,
    );
    let r = t.run(&["rules", "--reference", "gold", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.lines().nth(1).unwrap().contains("timetable"),
        "{}",
        r.stdout
    );
    let r = t.run(&["rules", "--pass", "gold", "--reference", "auto"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("of kind 'human'"), "{}", r.stderr);
}

/// `--rollup`: a pass's sub-theme codings count for the theme above. auto's travel is
/// then its bus and ferry segments (a1#2, a1#4, a2#4, b1#2, b1#4), gold's the same five
/// (its bus and ferry, and travel on b1#4 which has bus too): 9 of 9 agree, kappa 1
/// (po = 1, pe = (25 + 16) / 81), alpha 1. Sub-themes have no sub-themes: their rows are
/// as without it. Pooled, 27 decisions: 10 both 1, 1 auto only (bus on a1#4), 16
/// neither: 26/27 = 96.2963%; kappa: pe = (11 * 10 + 16 * 17) / 729 = 382/729, po =
/// 702/729, kappa = 320/347 = 0.9222; alpha: n = 54, n1 = 21, n0 = 33:
/// 1 - 53 * 2 / (2 * 21 * 33) = 1 - 106/1386 = 0.9235.
#[test]
fn rollup_counts_sub_themes_for_their_parent() {
    let t = coded();
    let r = t.run(&[
        "agree", "auto", "gold", "--theme", "travel", "--rollup", "--format", "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "rollup",
        "theme,segments,auto,gold,agreement,kappa,alpha\r
travel,9,5,5,100.0000,1.0000,1.0000\r
bus,9,4,3,88.8889,0.7692,0.7792\r
ferry,9,2,2,100.0000,1.0000,1.0000\r
(all themes),9,11,10,96.2963,0.9222,0.9235\r
",
        &r.stdout,
    );
}
