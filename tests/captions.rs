//! Caption files as video-call services and YouTube write them: Zoom's cloud recording
//! transcript, Teams' transcripts (this year's and 2021's unpadded times), a Stream
//! caption file, YouTube's automatic captions, Google Meet's .sbv, broadcast-style
//! SubRip with `>>` marks, and a file with every oddity the format allows. Each is
//! written for the project in the style of the real export; `coda segments` is compared
//! as whole output.

mod util;

use util::{TempTree, assert_text, coda, read};

#[test]
fn caption_exports_to_csv() {
    let r = coda(&["segments", "tests/fixtures/captions", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stdout",
        &read("tests/expected/captions-segments.csv"),
        &r.stdout,
    );
    assert_text(
        "stderr",
        &read("tests/expected/captions-segments.stderr"),
        &r.stderr,
    );
}

#[test]
fn meet_captions_are_listed_as_sbv() {
    let t = TempTree::new();
    t.write("in/meet.sbv", read("tests/fixtures/captions/f-meet.sbv"));
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&["sources", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("meet,sbv,UTF-8,"), "{}", r.stdout);
}

/// A caption file that cannot be read is refused with the line and what to do; the
/// other files go through.
#[track_caller]
fn refused(name: &str, text: &str, stderr: &str) {
    let t = TempTree::new();
    t.write("in/good.txt", "Interviewer: Hi.\nC1: Hello.\n");
    t.write(&format!("in/{name}"), text);
    let r = t.run(&["segments", "in", "--format", "csv"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.contains("good#2"), "{}", r.stdout);
    let errors: String = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_text(
        "errors",
        &format!("{stderr}error: 1 path(s) could not be read; 1 transcript(s) were read\n"),
        &errors,
    );
}

#[test]
fn a_bad_sbv_timing() {
    refused(
        "meet.sbv",
        "0:00:00.599,0:00:04.160\nA: Hi.\n\n0:00:04.160 0:00:06.770\nA: no\n",
        "error: in/meet.sbv:4: expected a cue timing such as '0:00:01.000,0:00:04.000', found '0:00:04.160 0:00:06.770'; fix the line, or remove the blank line that split the cue above\n",
    );
}

#[test]
fn a_bad_timing_where_a_blank_line_is_missing() {
    refused(
        "zoom.vtt",
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: Hi.\n2\n00:00:02.000 --> 00:00:0x.000\nB: Hello.\n",
        "error: in/zoom.vtt:7: malformed cue timing '00:00:02.000 --> 00:00:0x.000': expected '00:00:01.000 --> 00:00:04.000'; fix the line and run again\n",
    );
}

#[test]
fn a_teams_cue_that_ends_before_it_starts() {
    refused(
        "teams.vtt",
        "WEBVTT\n\n0:0:1.0 --> 0:0:2.0\n<v A>Hi.</v>\n\n0:0:5.10 --> 0:0:5.9\n<v B>Hello.</v>\n",
        "error: in/teams.vtt:6: cue ends before it starts ('0:0:5.10 --> 0:0:5.9'); fix the times and run again\n",
    );
}

#[test]
fn a_youtube_file_with_only_rolling_repeats_and_music() {
    let t = TempTree::new();
    t.write(
        "yt.vtt",
        "WEBVTT\nKind: captions\nLanguage: en\n\n00:00:00.000 --> 00:00:01.000 align:start position:0%\n \nhi<00:00:00.500><c> there</c>\n\n00:00:01.000 --> 00:00:01.010 align:start position:0%\nhi there\n \n",
    );
    let r = t.run(&["segments", "yt.vtt", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stdout",
        "segment,transcript,participant,speaker,role,start,end,text\r\nyt#1,yt,yt,,participant,00:00:00.000,00:00:01.000,hi there\r\n",
        &r.stdout,
    );
}

/// A name in square brackets that opens one cue's line, with no other such name in the
/// file, is not guessed to be a speaker: it stays in the text and `coda check` names the
/// line.
#[test]
fn a_bracketed_name_seen_once_is_kept_as_text_and_checked() {
    let t = TempTree::new();
    t.write(
        "in/once.srt",
        "1\n00:00:01,000 --> 00:00:03,000\n[JOHN] Hello, thanks for coming.\n\n\
         2\n00:00:03,500 --> 00:00:05,000\nNo bother at all.\n\n\
         3\n00:00:05,500 --> 00:00:06,000\n[APPLAUSE]\n",
    );
    let r = t.run(&["segments", "in", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(",\"[JOHN] Hello, thanks for coming.\""),
        "{}",
        r.stdout
    );
    let r = t.run(&["check", "in/once.srt", "--format", "csv"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "3,look,,,,,\"'[JOHN]' looks like a speaker label but was not taken: a name in square brackets opens a cue's line only once"
        ),
        "{}",
        r.stdout
    );
}
