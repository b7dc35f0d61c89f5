//! Bad input never panics: each case gets a message naming the file (and line) and
//! what to do, the good files still go through, and the exit status says so.

mod util;

use util::{TempTree, assert_text};

const GOOD: &str = "Interviewer: Hi.\nC1: Hello.\n";
const GOOD_CSV: &str = "segment,transcript,participant,speaker,role,start,end,text\r\n\
good#1,good,,Interviewer,interviewer,,,Hi.\r\n\
good#2,good,C1,C1,participant,,,Hello.\r\n";

/// Run `segments` on a folder holding `good.txt` and the bad file; the good file's
/// segments must come out, the exit status must be 2, and stderr must be `stderr`.
#[track_caller]
fn good_survives(bad_name: &str, bad: &[u8], stderr: &str) {
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    t.write(&format!("in/{bad_name}"), bad);
    let r = t.run(&["segments", "in", "--format", "csv"]);
    assert_eq!(r.code, 2, "exit status; stderr: {}", r.stderr);
    let stderr =
        stderr.to_owned() + "error: 1 path(s) could not be read; 1 transcript(s) were read\n";
    // The good file's turn by 'C1' has no sheet: its warning comes first.
    let c1 = "warning: in/good.txt:2: speaker 'C1' is not a participant id in the participants sheet, and neither the sheet's 'transcript' column nor a front matter 'participant' names this file's participant: 'C1' is used as the participant id\n";
    assert_text("stderr", &(c1.to_owned() + &stderr), &r.stderr);
    assert_text("stdout", GOOD_CSV, &r.stdout);
}

#[test]
fn binary_file_with_nul_bytes() {
    good_survives(
        "bad.txt",
        b"Int: a\x00\x01\x02\x00\x00\xff",
        "error: in/bad.txt: a binary file (it contains NUL bytes), not text: save it as plain text (.txt, UTF-8) and try again\n",
    );
}

#[test]
fn word_document_renamed_to_txt() {
    good_survives(
        "bad.txt",
        b"PK\x03\x04\x14\x00\x06\x00",
        "error: in/bad.txt: a zip archive (a Word .docx or similar), not text: open it in Word and use Save As > Plain Text (.txt), UTF-8\n",
    );
}

#[test]
fn empty_file() {
    good_survives(
        "empty.md",
        b"\n\n",
        "error: in/empty.md: the file is empty: nothing to read\n",
    );
}

#[test]
fn malformed_vtt_timestamp() {
    good_survives(
        "bad.vtt",
        b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>fine\n\n00:00:03,5 --> 00:00:0x.000\n<v A>broken\n",
        "error: in/bad.vtt:6: malformed cue timing '00:00:03,5 --> 00:00:0x.000': expected '00:00:01.000 --> 00:00:04.000'; fix the line and run again\n",
    );
}

#[test]
fn malformed_srt_cue() {
    good_survives(
        "bad.srt",
        b"1\n00:00:01,000 --> 00:00:02,000\nA: fine\n\n2\nA: no timing here\n",
        "error: in/bad.srt:6: expected a cue timing such as '00:00:01,000 --> 00:00:04,000', found 'A: no timing here'; fix the line, or remove the blank line that split the cue above\n",
    );
}

#[test]
fn front_matter_that_never_closes() {
    good_survives(
        "open.txt",
        b"---\nparticipant: C2\nInt: hello\nC2: hi\n",
        "error: in/open.txt:1: front matter opened with '---' never closes; add a '---' line after the last 'key: value' line\n",
    );
}

#[test]
fn missing_path_and_folder_without_transcripts() {
    let t = TempTree::new();
    t.write("good.txt", GOOD);
    t.write("docs/notes.pdf", b"%PDF-1.4");
    let r = t.run(&[
        "segments", "good.txt", "nope.txt", "docs", "--format", "csv",
    ]);
    assert_eq!(r.code, 2);
    assert_text("stdout", GOOD_CSV, &r.stdout);
    assert!(
        r.stderr
            .contains("error: nope.txt: no such file or folder; check the path\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "error: docs: the folder holds no transcripts (.txt, .md, .vtt or .srt files)\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("note: skipped 1 file(s) that are not transcripts: docs/notes.pdf\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn word_document_named_on_the_command_line() {
    let t = TempTree::new();
    t.write("interview.docx", b"PK\x03\x04");
    let r = t.run(&["segments", "interview.docx"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_text(
        "stderr",
        "error: interview.docx: Word documents are not read directly: in Word use Save As > Plain Text (.txt), UTF-8\n\
error: 1 path(s) could not be read; 0 transcript(s) were read\n",
        &r.stderr,
    );
}

#[test]
fn two_files_with_one_transcript_id() {
    let t = TempTree::new();
    t.write("a/int1.txt", GOOD);
    t.write("b/int1.md", GOOD);
    let r = t.run(&["segments", "a", "b", "--format", "csv"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("error: b/int1.md: transcript id 'int1' (the file name without extension) is already used by a/int1.txt; rename one of the files\n"),
        "{}",
        r.stderr
    );
}

/// A bad sheet stops the run: every attribution would be wrong.
#[track_caller]
fn bad_sheet(sheet: &str, stderr: &str) {
    let t = TempTree::new();
    t.write("good.txt", GOOD);
    t.write("sheet.csv", sheet);
    let r = t.run(&["segments", "good.txt", "--participants", "sheet.csv"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_text("stderr", stderr, &r.stderr);
}

#[test]
fn sheet_without_participant_column() {
    bad_sheet(
        "id,group\nC1,Client\n",
        "error: sheet.csv:1: no 'participant' column in the header (id, group); add a column 'participant' holding each participant's id\n",
    );
}

#[test]
fn sheet_with_duplicate_ids_and_ragged_rows() {
    bad_sheet(
        "participant,group\nC1,Client\nC2,Client,extra\nc1,Client\n,Client\n",
        "error: sheet.csv:3: the row has 3 fields but the header has 2; fix the row (a missing or extra delimiter?)\n\
error: sheet.csv:4: participant id 'c1' is already on line 2; ids must be unique (merge the rows)\n\
error: sheet.csv:5: the participant id is empty; fill it in or delete the row\n",
    );
}

#[test]
fn sheet_and_front_matter_disagree() {
    let t = TempTree::new();
    t.write(
        "c1.txt",
        "---\nparticipant: C1\ngroup: Client\narea: Urban\n---\nInt: Hi.\nC1: Hello.\n",
    );
    t.write("sheet.csv", "participant,group,area\nC1,Client,Rural\n");
    let r = t.run(&["segments", "c1.txt", "--participants", "sheet.csv"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_text(
        "stderr",
        "error: c1.txt:4: participant C1: attribute 'area' is 'Urban' here but 'Rural' in sheet.csv:2; make them agree\n",
        &r.stderr,
    );
}

#[test]
fn sheet_with_bom_semicolons_and_crlf_is_fine() {
    let t = TempTree::new();
    t.write("good.txt", GOOD);
    t.write("sheet.csv", "\u{feff}Participant;Group\r\nC1;Client\r\n");
    let r = t.run(&[
        "participants",
        "good.txt",
        "--participants",
        "sheet.csv",
        "--format",
        "csv",
    ]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_text(
        "stdout",
        "participant,segments,transcripts,group\r\nC1,1,good,Client\r\n",
        &r.stdout,
    );
}

#[test]
fn missing_sheet() {
    let t = TempTree::new();
    t.write("good.txt", GOOD);
    let r = t.run(&["segments", "good.txt", "--participants", "nope.csv"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: nope.csv: cannot read the participants sheet: "),
        "{}",
        r.stderr
    );
}
