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
        "error: in/bad.txt: a zip archive (a Word .docx or similar), not text: if it is a Word document, give it the .docx extension (.odt for an OpenDocument text) and coda reads it; otherwise save it as plain text (.txt, UTF-8)\n",
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
            "error: docs: the folder holds no transcripts (.txt, .md, .vtt, .srt, .sbv, .docx or .odt files)\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "warning: docs/notes.pdf: PDF is not read: export it as text (.txt) from the program that made it, or run `pdftotext -layout docs/notes.pdf docs/notes.txt`; then check the speaker labels with `coda check docs/notes.txt`\n"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn word_document_cut_off_named_on_the_command_line() {
    let t = TempTree::new();
    t.write("interview.docx", b"PK\x03\x04");
    let r = t.run(&["segments", "interview.docx"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    // The middle of the message is the zip reader's own words.
    assert!(
        r.stderr.starts_with(
            "error: interview.docx: not a readable .docx: the file is damaged or cut off ("
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.ends_with(
            "); open it in Word and save it again as .docx\n\
error: 1 path(s) could not be read; 0 transcript(s) were read\n"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn old_word_document_named_on_the_command_line() {
    let t = TempTree::new();
    t.write("interview.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    let r = t.run(&["segments", "interview.doc"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: interview.doc: an old Word document (.doc) is not read: open it in Word or LibreOffice and save it as a Word document (.docx) or Plain Text (.txt), UTF-8; then check the speaker labels with `coda check interview.txt`\n\
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

/// Every disagreement is listed, in the order the files were read, whichever
/// participant it is about (a front matter key coda keeps for its own output, f2's
/// `segments`, is skipped with a warning, no disagreement). (`area` is not a column of the sheet: it is each
/// transcript's own attribute, so f3 and f4 may differ in it.)
#[test]
fn attributes_that_disagree_across_files_are_listed_in_reading_order() {
    let t = TempTree::new();
    t.write("sheet.csv", "participant,group\nB1,Client\nA1,Client\n");
    t.write(
        "in/f1.txt",
        "---\nparticipant: B1\ngroup: Worker\n---\nInt: Hi.\nB1: Hello.\n",
    );
    t.write(
        "in/f2.txt",
        "---\nparticipant: A1\nsegments: 3\ngroup: Worker\n---\nInt: Hi.\nA1: Hello.\n",
    );
    t.write(
        "in/f3.txt",
        "---\narea: Rural\n---\nInt: Hi.\nA1: Hello.\nB1: Hi.\n",
    );
    t.write("in/f4.txt", "---\narea: Urban\n---\nInt: Hi.\nA1: Hello.\n");
    let r = t.run(&["segments", "in", "--participants", "sheet.csv"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_text(
        "stderr",
        "error: in/f1.txt:3: participant B1: attribute 'group' is 'Worker' here but 'Client' in sheet.csv:2; make them agree\n\
error: in/f2.txt:4: participant A1: attribute 'group' is 'Worker' here but 'Client' in sheet.csv:3; make them agree\n",
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
        "participant,segments,transcripts,n_transcripts,group\r\nC1,1,good,1,Client\r\n",
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

// ---- Encodings and damaged files -------------------------------------------------

/// Run `segments` on one file; return exit status, stdout and stderr.
fn segments_of(name: &str, bytes: &[u8]) -> util::Run {
    let t = TempTree::new();
    t.write(&format!("in/{name}"), bytes);
    t.run(&["segments", "in", "--format", "csv"])
}

const C2: &str = "speaker 'C2' is not a participant id in the participants sheet, and neither the sheet's 'transcript' column nor a front matter 'participant' names this file's participant: 'C2' is used as the participant id\n";

#[test]
fn truncated_utf8_is_still_utf8() {
    let r = segments_of("cut.txt", b"Interviewer: Hi.\nC2: Caf\xc3\xa9 and caf\xc3");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        &format!(
            "warning: in/cut.txt:2: the file ends in the middle of a UTF-8 character (cut off?): the last bytes were read as \u{FFFD}; check that the file is complete\nwarning: in/cut.txt:2: {C2}"
        ),
        &r.stderr,
    );
    assert_text(
        "stdout",
        "segment,transcript,participant,speaker,role,start,end,text\r\ncut#1,cut,,Interviewer,interviewer,,,Hi.\r\ncut#2,cut,C2,C2,participant,,,Café and caf\u{FFFD}\r\n",
        &r.stdout,
    );
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

const HELLO_CSV: &str = "segment,transcript,participant,speaker,role,start,end,text\r\nu#1,u,,Interviewer,interviewer,,,Hi.\r\nu#2,u,C2,C2,participant,,,Hello there.\r\n";

#[test]
fn utf16_without_a_bom() {
    let r = segments_of("u.txt", &utf16le("Interviewer: Hi.\nC2: Hello there.\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        &format!(
            "warning: in/u.txt:1: no byte-order mark, but the bytes look like UTF-16LE: read as such; save the file as UTF-8 to be sure\nwarning: in/u.txt:2: {C2}"
        ),
        &r.stderr,
    );
    assert_text("stdout", HELLO_CSV, &r.stdout);
}

#[test]
fn utf16_cut_off_in_the_middle_of_a_character() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16le("Interviewer: Hi.\nC2: Hello there.\n"));
    bytes.push(b'x');
    let r = segments_of("u.txt", &bytes);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        &format!(
            "warning: in/u.txt:3: the file ends in the middle of a UTF-16 character (cut off?): the last bytes were read as \u{FFFD}; check that the file is complete\nwarning: in/u.txt:2: {C2}"
        ),
        &r.stderr,
    );
}

#[test]
fn utf16_with_a_lone_surrogate() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16le("Interviewer: Hi.\nC2: Hello "));
    bytes.extend([0x00, 0xD8]); // a high surrogate with no low one after it
    bytes.extend(utf16le(" there.\n"));
    let r = segments_of("u.txt", &bytes);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        &format!(
            "warning: in/u.txt:2: invalid UTF-16 (a lone surrogate): replaced with \u{FFFD}; save the file as UTF-8 from the program that wrote it\nwarning: in/u.txt:2: {C2}"
        ),
        &r.stderr,
    );
}

#[test]
fn nul_bytes_after_the_first_8_kib() {
    let mut bytes = b"Int: a\n".to_vec();
    bytes.extend(std::iter::repeat_n(b"C1: words words\n".as_slice(), 600).flatten());
    bytes.extend(b"C1: \x00\x00\n");
    good_survives(
        "late.txt",
        &bytes,
        "error: in/late.txt: the file contains NUL characters, not text: it is probably a binary file; save it as plain text (.txt, UTF-8) and try again\n",
    );
}

#[test]
fn pdf_and_old_word_files_among_transcripts() {
    good_survives(
        "report.txt",
        b"%PDF-1.7\n",
        "error: in/report.txt: a PDF document, not text: export or copy its text into a .txt file\n",
    );
    good_survives(
        "old.txt",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "error: in/old.txt: an old Word .doc file, not text: open it in Word and save it as .docx, or use Save As > Plain Text (.txt), UTF-8\n",
    );
}

#[test]
fn an_html_page_saved_as_text_is_refused() {
    good_survives(
        "page.txt",
        b"\n<!DOCTYPE html>\n<html><body><p><b>Interviewer:</b> Thanks.</p>\n<p><b>C4:</b> No bother.</p></body></html>\n",
        "error: in/page.txt:2: an HTML page, not plain text: coda would read its tags as words; open it in a browser or word processor and save it as plain text (.txt) or Word (.docx)\n",
    );
}

#[test]
fn captions_without_a_cue() {
    good_survives(
        "empty.vtt",
        b"WEBVTT\n\nNOTE nothing was said\n",
        "error: in/empty.vtt: no text found: the file holds no turns to read\n",
    );
}

// ---- Size -------------------------------------------------------------------------

#[test]
fn a_50_mb_file_without_line_breaks() {
    let t = TempTree::new();
    let mut text = b"C1: ".to_vec();
    text.extend(std::iter::repeat_n(b"word ".as_slice(), 10_000_000).flatten());
    t.write("in/long.txt", &text);
    let r = t.run(&["participants", "in", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stdout",
        "participant,segments,transcripts,n_transcripts\r\nC1,1,long,1\r\n",
        &r.stdout,
    );
}

#[test]
fn a_transcript_of_a_million_one_word_turns() {
    let t = TempTree::new();
    let text = "P1: yes\nP2: no\n".repeat(500_000);
    t.write("in/turns.txt", &text);
    let r = t.run(&["participants", "in", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stdout",
        "participant,segments,transcripts,n_transcripts\r\nP1,500000,turns,1\r\nP2,500000,turns,1\r\n",
        &r.stdout,
    );
}

// ---- Paths ------------------------------------------------------------------------

#[test]
fn paths_with_spaces_and_non_ascii_names() {
    let t = TempTree::new();
    t.write(
        "Interviews 2024/Màiri à l'île.txt",
        "Interviewer: Hi.\nMàiri: Hello.\n",
    );
    t.write("sheet (final).csv", "participant,group\nMàiri,Client\n");
    let r = t.run(&[
        "segments",
        "Interviews 2024",
        "--participants",
        "sheet (final).csv",
        "--format",
        "csv",
    ]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_text(
        "stdout",
        "segment,transcript,participant,speaker,role,start,end,text,group\r\n\
Màiri à l'île#1,Màiri à l'île,,Interviewer,interviewer,,,Hi.,\r\n\
Màiri à l'île#2,Màiri à l'île,Màiri,Màiri,participant,,,Hello.,Client\r\n",
        &r.stdout,
    );
}

/// Only the good file's segments came out, the status is 2, and stderr names each of
/// `errors`.
#[track_caller]
fn only_the_good_file(r: &util::Run, errors: &[&str]) {
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_text("stdout", GOOD_CSV, &r.stdout);
    for e in errors {
        assert!(r.stderr.contains(e), "{}", r.stderr);
    }
}

#[test]
fn a_symbolic_link_loop() {
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    std::os::unix::fs::symlink("b.txt", t.path().join("in/a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", t.path().join("in/b.txt")).unwrap();
    std::os::unix::fs::symlink("..", t.path().join("in/up")).unwrap();
    let r = t.run(&["segments", "in", "--format", "csv"]);
    only_the_good_file(
        &r,
        &[
            "error: in/a.txt: a link that leads back to itself (a symbolic link loop); fix or delete the link\n",
            "error: in/b.txt: a link that leads back to itself (a symbolic link loop); fix or delete the link\n",
            "error: 2 path(s) could not be read; 1 transcript(s) were read\n",
        ],
    );
}

#[test]
fn a_link_to_a_file_that_is_gone() {
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    std::os::unix::fs::symlink("/nonexistent/x.txt", t.path().join("in/gone.txt")).unwrap();
    let r = t.run(&["segments", "in", "--format", "csv"]);
    only_the_good_file(
        &r,
        &[
            "error: in/gone.txt: a link to nothing: the file it points to is gone; fix or delete the link\n",
        ],
    );
}

fn run_unprivileged(t: &TempTree, args: &[&str]) -> util::Run {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    util::run_unprivileged(t.path(), args)
}

#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    let secret = t.write("in/secret.txt", GOOD.replace("C1", "C9"));
    std::fs::set_permissions(t.path().join("in"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = run_unprivileged(&t, &["segments", "in", "--format", "csv"]);
    only_the_good_file(
        &r,
        &["error: in/secret.txt: cannot read: Permission denied (os error 13)\n"],
    );
}

/// The C1 warning `good_survives` expects of `in/good.txt`.
const C1_WARNING: &str = "warning: in/good.txt:2: speaker 'C1' is not a participant id in the participants sheet, and neither the sheet's 'transcript' column nor a front matter 'participant' names this file's participant: 'C1' is used as the participant id\n";

#[test]
fn a_fifo_a_socket_and_links_to_a_device_and_a_fifo_in_a_folder_are_skipped_unopened() {
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    let status = std::process::Command::new("mkfifo")
        .arg(t.path().join("in/pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    std::os::unix::fs::symlink("pipe.txt", t.path().join("in/to-pipe.vtt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", t.path().join("in/zero.txt")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(t.path().join("in/sock.md")).unwrap();
    // Opening the FIFO would wait for a writer forever: the run is killed if it does.
    let r = util::coda_within(t.path(), 30, &["segments", "in", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("stdout", GOOD_CSV, &r.stdout);
    assert_text(
        "stderr",
        &format!(
            "{C1_WARNING}\
note: in/pipe.txt: skipped: a named pipe (FIFO), not a regular file\n\
note: in/sock.md: skipped: a socket, not a regular file\n\
note: in/to-pipe.vtt: skipped: a named pipe (FIFO), not a regular file\n\
note: in/zero.txt: skipped: a character device, not a regular file\n"
        ),
        &r.stderr,
    );

    // Named on the command line: an error naming each, still never opened.
    let r = util::coda_within(
        t.path(),
        30,
        &[
            "segments",
            "in/good.txt",
            "in/pipe.txt",
            "in/zero.txt",
            "--format",
            "csv",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_text("stdout", GOOD_CSV, &r.stdout);
    assert_text(
        "stderr",
        &format!(
            "{C1_WARNING}\
error: in/pipe.txt: a named pipe (FIFO), not a regular file: coda reads transcript files only\n\
error: in/zero.txt: a character device, not a regular file: coda reads transcript files only\n\
error: 2 path(s) could not be read; 1 transcript(s) were read\n"
        ),
        &r.stderr,
    );
}

#[test]
fn pdf_old_word_and_rtf_files_in_a_folder_say_how_to_get_their_text() {
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    t.write("in/Interview 3.pdf", b"%PDF-1.7\n");
    t.write("in/old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    t.write("in/notes.rtf", b"{\\rtf1\\ansi hello}");
    t.write("in/photo.jpg", b"\xFF\xD8\xFF");
    let r = t.run(&["segments", "in", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("stdout", GOOD_CSV, &r.stdout);
    assert_text(
        "stderr",
        &format!(
            "{C1_WARNING}\
note: skipped 1 file(s) that are not transcripts: in/photo.jpg\n\
warning: in/Interview 3.pdf: PDF is not read: export it as text (.txt) from the program that made it, or run `pdftotext -layout 'in/Interview 3.pdf' 'in/Interview 3.txt'`; then check the speaker labels with `coda check 'in/Interview 3.txt'`\n\
warning: in/notes.rtf: RTF is not read: open it in Word, LibreOffice or TextEdit and save it as a Word document (.docx) or Plain Text (.txt), UTF-8; then check the speaker labels with `coda check in/notes.txt`\n\
warning: in/old.doc: an old Word document (.doc) is not read: open it in Word or LibreOffice and save it as a Word document (.docx) or Plain Text (.txt), UTF-8; then check the speaker labels with `coda check in/old.txt`\n"
        ),
        &r.stderr,
    );
    // Named on the command line: an error, with the same advice.
    let r = t.run(&["segments", "in/Interview 3.pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("error: in/Interview 3.pdf: PDF is not read: "),
        "{}",
        r.stderr
    );
}

/// A subfolder coda cannot read is an error naming it, and the transcripts in it that
/// the project has are kept, not removed as gone; the status says something failed.
#[test]
fn an_unreadable_subfolder_keeps_its_transcripts() {
    use std::os::unix::fs::PermissionsExt;
    if util::is_root()
        && !std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    {
        eprintln!(
            "note: running as root without setpriv: an unreadable folder cannot be shown; skipped"
        );
        return;
    }
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    t.write(
        "in/sub/a.txt",
        "Interviewer: Hi.\nC2: From the subfolder.\n",
    );
    t.write(
        "in/sub/deeper/b.txt",
        "Interviewer: Hi.\nC3: From deeper.\n",
    );
    let r = run_unprivileged(&t, &["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sub = t.path().join("in/sub");
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    let restore =
        || std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();

    // Read as a folder: an error naming the subfolder; nothing under it is removed.
    let r = run_unprivileged(&t, &["ingest", "in"]);
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| !l.starts_with("warning:"))
        .collect();
    let a = t.path().canonicalize().unwrap().join("in/sub/a.txt");
    let b = t.path().canonicalize().unwrap().join("in/sub/deeper/b.txt");
    let kept = |id: &str, p: &std::path::Path| {
        format!(
            "kept: {id}: {} could not be read this time; its previous version stays in the project",
            p.display()
        )
    };
    assert_eq!(
        errors,
        [
            "error: in/sub: cannot read folder: Permission denied (os error 13); give yourself permission to read it (chmod u+rx) and run again",
            "error: 1 path(s) could not be read; 1 transcript(s) were read",
            kept("a", &a).as_str(),
            kept("b", &b).as_str(),
            "ingested 3 transcript(s) into .coda: 0 new, 0 changed, 1 unchanged, 0 removed; 6 segments, 3 participants, 3 warning(s)",
        ],
        "{}",
        r.stderr
    );
    assert_eq!(r.code, 2);

    // Named alone, the project's other files are read again from where they were: the
    // ones that cannot be looked at are kept, with an error each.
    let r = run_unprivileged(&t, &["ingest", "in/good.txt"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stderr.contains("removed:"), "{}", r.stderr);
    for (id, p) in [("a", &a), ("b", &b)] {
        assert!(r.stderr.contains(&kept(id, p)), "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "error: {}: cannot tell whether the file is still there: Permission denied (os error 13); check the permissions of its folders\n",
                p.display()
            )),
            "{}",
            r.stderr
        );
    }
    let r = run_unprivileged(&t, &["participants", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "participants",
        "participant,segments,transcripts,n_transcripts\r\nC1,1,good,1\r\nC2,1,a,1\r\nC3,1,b,1\r\n",
        &r.stdout,
    );

    // Readable again: nothing changed, nothing lost.
    restore();
    let r = run_unprivileged(&t, &["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("0 new, 0 changed, 3 unchanged, 0 removed"),
        "{}",
        r.stderr
    );
}

// ---- Sheets -----------------------------------------------------------------------

#[test]
fn a_sheet_in_latin_1() {
    let t = TempTree::new();
    t.write("good.txt", GOOD);
    t.write("sheet.csv", b"participant,group\nC1,Caf\xe9\n");
    let r = t.run(&[
        "participants",
        "good.txt",
        "--participants",
        "sheet.csv",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stderr",
        "warning: sheet.csv:2: not valid UTF-8 (first bad byte 0xE9 at byte 24): read as Windows-1252; if characters look wrong, save the file as UTF-8\n",
        &r.stderr,
    );
    assert_text(
        "stdout",
        "participant,segments,transcripts,n_transcripts,group\r\nC1,1,good,1,Café\r\n",
        &r.stdout,
    );
}

#[test]
fn an_empty_sheet() {
    bad_sheet(
        "",
        "error: sheet.csv: the participants sheet is empty: give it a header row with a 'participant' column, then a row per participant\n",
    );
}

#[test]
fn a_spreadsheet_saved_as_csv_name_only() {
    let t = TempTree::new();
    t.write("good.txt", GOOD);
    t.write("sheet.csv", b"PK\x03\x04\x14\x00");
    let r = t.run(&["segments", "good.txt", "--participants", "sheet.csv"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_text(
        "stderr",
        "error: sheet.csv: a spreadsheet or other binary file, not CSV text: in Excel use Save As > CSV UTF-8 (comma delimited)\n",
        &r.stderr,
    );
}

// ---- Codebooks --------------------------------------------------------------------

/// `coda codebook check` on a codebook text; the whole stderr must be `stderr`.
#[track_caller]
fn bad_codebook(name: &str, text: &[u8], stderr: &str) {
    let t = TempTree::new();
    t.write(name, text);
    let r = t.run(&["codebook", "check", name]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_text("stderr", stderr, &r.stderr);
}

#[test]
fn a_codebook_with_an_invalid_regex() {
    bad_codebook(
        "cb.toml",
        b"name = \"x\"\n[[theme]]\nid = \"a\"\npatterns = ['bus(es']\n",
        "error: cb.toml: theme 'a': patterns[1] is not a valid regex: regex parse error: bus(es ^ error: unclosed group\n",
    );
}

#[test]
fn a_codebook_with_duplicate_theme_ids() {
    bad_codebook(
        "cb.toml",
        b"name = \"x\"\n[[theme]]\nid = \"a\"\nkeywords = [\"bus\"]\n[[theme]]\nid = \"a\"\nkeywords = [\"ferry\"]\n",
        "error: cb.toml: theme 'a': the id is used by another theme; ids must be unique\n",
    );
}

#[test]
fn a_codebook_with_a_parent_cycle() {
    bad_codebook(
        "cb.toml",
        b"name = \"x\"\n[[theme]]\nid = \"a\"\nparent = \"b\"\nkeywords = [\"bus\"]\n[[theme]]\nid = \"b\"\nparent = \"a\"\nkeywords = [\"ferry\"]\n",
        "error: cb.toml: theme 'a': `parent` makes a cycle: a -> b -> a\n",
    );
}

#[test]
fn a_codebook_that_is_not_toml() {
    bad_codebook(
        "cb.toml",
        b"name = \"x\"\n[[theme]\nid = \"a\"\n",
        "error: cb.toml:2: not valid TOML: unclosed array table, expected `]`\n",
    );
}

#[test]
fn a_codebook_that_is_not_utf8() {
    bad_codebook(
        "cb.toml",
        b"name = \"Caf\xe9\"\n",
        "error: cb.toml: the codebook is not UTF-8 (invalid utf-8 sequence of 1 bytes from index 11); save it as UTF-8\n",
    );
}

#[test]
fn a_json_codebook_with_wrong_types() {
    bad_codebook(
        "cb.json",
        br#"{"name": 3, "theme": "x"}"#,
        "error: cb.json: `name` must be a non-empty string\nerror: cb.json: `theme` must be an array of tables ([[theme]] in TOML)\n",
    );
}

#[test]
fn a_codebook_that_is_not_there() {
    let t = TempTree::new();
    let r = t.run(&["codebook", "check", "nope.toml"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: nope.toml: cannot read the codebook: No such file or directory (os error 2)\n",
        &r.stderr,
    );
}

/// A project of one transcript, ingested; the participant says `said`.
fn one_turn_project(said: &str) -> TempTree {
    let t = TempTree::new();
    t.write("in/t.txt", format!("Interviewer: Hi.\nC1: {said}\n"));
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    t
}

#[test]
fn a_regex_that_would_be_catastrophic_when_backtracking() {
    let t = one_turn_project(&"a".repeat(30_000));
    t.write(
        "cb.toml",
        "name = \"x\"\n[[theme]]\nid = \"a\"\npatterns = ['^(a|aa)+$', '(a+)+b']\n",
    );
    let r = t.run(&["code", "--codebook", "cb.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&["codings", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("segment,transcript,participant,theme,pass,hits,evidence,text")
    );
    let row = lines.next().unwrap_or_default();
    assert!(row.starts_with("t#2,t,C1,a,auto,1,"), "{row}");
    assert_eq!(lines.next(), None);
}

#[test]
fn a_codebook_of_ten_thousand_keywords() {
    let t = one_turn_project("The w4242x bus, then w9999x.");
    let words: Vec<String> = (0..10_000).map(|i| format!("\"w{i}x\"")).collect();
    t.write(
        "cb.toml",
        format!(
            "name = \"big\"\n[[theme]]\nid = \"big\"\nkeywords = [{}]\n",
            words.join(", ")
        ),
    );
    let r = t.run(&["code", "--codebook", "cb.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&["codings", "--format", "csv"]);
    assert_text(
        "stdout",
        "segment,transcript,participant,theme,pass,hits,evidence,text\r\nt#2,t,C1,big,auto,2,w4242x; w9999x,\"The w4242x bus, then w9999x.\"\r\n",
        &r.stdout,
    );
}

// ---- Queries ----------------------------------------------------------------------

#[track_caller]
fn bad_query(args: &[&str], stderr: &str) {
    let t = one_turn_project("The bus is late.");
    let r = t.run(args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_text("stderr", stderr, &r.stderr);
}

#[test]
fn a_query_with_unbalanced_quotes() {
    bad_query(
        &["search", "\"the bus"],
        "error: the query does not parse: missing delimiter \" at the end of the query\n  \"the bus\n          ^\n",
    );
}

#[test]
fn a_query_naming_a_field_that_does_not_exist() {
    bad_query(
        &["search", "colour:red"],
        "error: the query cannot be run: Field does not exist: 'colour'; fields you can name with field:term are text, participant, speaker, role, transcript\n",
    );
}

#[test]
fn a_where_on_an_attribute_the_project_does_not_have() {
    bad_query(
        &["search", "bus", "--where", "area=Rural"],
        "error: --where: unknown attribute 'area'; the project's participant attributes are: none; its transcript attributes: none (and participant, transcript)\n",
    );
}

// ---- Projects and outputs ---------------------------------------------------------

#[test]
fn project_path_that_is_a_file() {
    let t = TempTree::new();
    t.write("good.txt", GOOD);
    let r = t.run(&["--project", "good.txt", "ingest", "good.txt"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: good.txt: is a file, not a coda project folder; give --project a folder (coda creates it)\n",
        &r.stderr,
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("good.txt")).unwrap(),
        GOOD
    );
}

#[test]
fn output_into_a_folder_that_does_not_exist() {
    let t = one_turn_project("The bus is late.");
    t.write(
        "cb.toml",
        "name = \"x\"\n[[theme]]\nid = \"rurality\"\nkeywords = [\"bus\"]\n",
    );
    assert_eq!(t.run(&["code", "--codebook", "cb.toml"]).code, 0);
    let r = t.run(&["matrix", "--output", "nowhere/sources.csv"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: nowhere/sources.csv: cannot write here: the folder nowhere does not exist; create it or write elsewhere\n",
        &r.stderr,
    );
}

/// Open the project database of a test tree, to damage it as a disk or a hand edit
/// could.
fn database(t: &TempTree) -> rusqlite::Connection {
    rusqlite::Connection::open(t.path().join(".coda/project.db")).unwrap()
}

#[test]
fn a_damaged_database() {
    let t = one_turn_project("The bus is late.");
    let path = t.path().join(".coda/project.db");
    let bytes = std::fs::read(&path).unwrap();
    let mut damaged = bytes.clone();
    // The header's magic string gone: not an SQLite file any more.
    damaged[..16].copy_from_slice(b"not a database!!");
    std::fs::write(&path, &damaged).unwrap();
    let r = t.run(&["sources"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: .coda/project.db: the project database is damaged (")
            && r.stderr.ends_with(
                "run `coda ingest PATH...` with all the study's transcripts to rebuild it (the damaged file is kept beside it)\n"
            ),
        "{}",
        r.stderr
    );
    // Ingesting the study's files again rebuilds it, saying so, and keeps the damaged file.
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("warning: .coda/project.db: the project database was damaged; it was moved to .coda/project.db.damaged and the project rebuilt from the paths given"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read(t.path().join(".coda/project.db.damaged")).unwrap(),
        damaged
    );
    assert_eq!(t.run(&["search", "bus"]).code, 0);
}

/// A one-turn project coded once.
fn coded_one_turn_project() -> TempTree {
    let t = one_turn_project("The bus is late.");
    t.write(
        "cb.toml",
        "name = \"x\"\n[[theme]]\nid = \"rurality\"\nkeywords = [\"bus\"]\n",
    );
    assert_eq!(t.run(&["code", "--codebook", "cb.toml"]).code, 0);
    t
}

#[test]
fn a_damaged_coding() {
    let t = coded_one_turn_project();
    database(&t)
        .execute("UPDATE coding SET evidence = '[{\"rule\": \"bus'", [])
        .unwrap();
    let r = t.run(&["codings"]);
    assert_eq!(r.code, 2);
    assert_text(
        "stderr",
        "error: .coda/project.db: a coding's evidence cannot be read (EOF while parsing a string at line 1 column 14); run `coda code` again to rebuild the pass\n",
        &r.stderr,
    );
    // Coding again mends it.
    assert_eq!(t.run(&["code", "--codebook", "cb.toml"]).code, 0);
    assert_eq!(t.run(&["codings"]).code, 0);
}

#[test]
fn a_database_from_a_newer_coda() {
    let t = one_turn_project("The bus is late.");
    database(&t).pragma_update(None, "user_version", 4).unwrap();
    t.write(
        "cb.toml",
        "name = \"x\"\n[[theme]]\nid = \"rurality\"\nkeywords = [\"bus\"]\n",
    );
    let newer = "error: .coda/project.db: the project database has schema version 4, this coda reads version 3: it was written by a newer coda; use that version, or rebuild the project with `coda ingest` into a new --project folder\n";
    for args in [
        &["search", "bus"][..],
        &["code", "--codebook", "cb.toml"],
        &["ingest", "in"],
    ] {
        let r = t.run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_text("stderr", newer, &r.stderr);
    }
}

/// A project of schema version 2 (before human passes) is upgraded in place by the
/// first command that reads or writes it: the table of what a person's pass covers is
/// added, nothing else changes.
#[test]
fn a_database_of_version_2_is_upgraded_in_place() {
    let t = one_turn_project("The bus is late.");
    let before = t.run(&["search", "bus", "--format", "csv"]).stdout;
    {
        let db = database(&t);
        db.execute_batch("DROP TABLE pass_segment; PRAGMA user_version = 2;")
            .unwrap();
    }
    let r = t.run(&["search", "bus", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, before);
    let db = database(&t);
    let v: i64 = db
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 3);
    let n: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'pass_segment'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_full_disk_loses_nothing() {
    let t = one_turn_project("The bus is late.");
    let before = t.run(&["sources", "--format", "csv"]).stdout;
    // A big new transcript (varied words, so that it does not compress away), ingested
    // under a 64 KiB file size limit.
    let mut big = String::new();
    let mut x: u64 = 1;
    for i in 0..20_000 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        big.push_str(&format!(
            "Interviewer: Turn {i}?\nC2: The ferry w{} was late.\n",
            x >> 40
        ));
    }
    t.write("in/big.txt", big);
    let out = std::process::Command::new("sh")
        .args([
            "-c",
            &format!(
                "ulimit -f 128; exec '{}' ingest in",
                env!("CARGO_BIN_EXE_coda")
            ),
        ])
        .current_dir(t.path())
        .env_remove("CODA_PROJECT")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        (stderr.starts_with("error: .coda/project.db: the project database could not be written (")
            || stderr.starts_with("error: .coda/index-1: the index could not be written ("))
            && stderr.ends_with("); check the free disk space and any file size limit (ulimit -f) where the project is, then run the command again: the project is as it was before\n"),
        "{stderr}"
    );
    // The project is as it was: same sources, search works.
    assert_text(
        "sources",
        &before,
        &t.run(&["sources", "--format", "csv"]).stdout,
    );
    assert_eq!(t.run(&["search", "bus"]).code, 0);
    // With room again, the ingest completes.
    assert_eq!(t.run(&["ingest", "in"]).code, 0);
    assert_eq!(t.run(&["search", "ferry"]).code, 0);
}

/// `segments` keeps what its second reading needs in memory: a missing temp folder
/// does not stop it.
#[test]
fn segments_needs_no_temp_folder() {
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    let gone = t.path().join("no-such-tmp");
    let with = |tmp: Option<&std::path::Path>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_coda"));
        c.args(["segments", "in", "--format", "csv"])
            .current_dir(t.path());
        if let Some(tmp) = tmp {
            c.env("TMPDIR", tmp);
        }
        c.output().unwrap()
    };
    let (out, normal) = (with(Some(&gone)), with(None));
    assert_eq!(out.status.code(), Some(0));
    assert_text(
        "stdout",
        &String::from_utf8(normal.stdout).unwrap(),
        &String::from_utf8(out.stdout).unwrap(),
    );
}

/// A sheet column named as one of the index's own fields or an output column
/// (`sort_key`, `key`, `line_start`, `theme`) is refused with its file and line, never a
/// crash inside the index library (issue 22, point 3).
#[test]
fn sheet_columns_named_as_coda_fields_are_refused() {
    for col in [
        "sort_key",
        "key",
        "transcript_key",
        "line_start",
        "number",
        "theme",
        "hits",
    ] {
        let t = TempTree::new();
        t.write("a.txt", "Interviewer: Hi.\nC1: Hello.\n");
        t.write("p.csv", format!("participant,{col}\nC1,x\n"));
        let r = t.run(&["ingest", "a.txt", "--participants", "p.csv"]);
        assert_eq!(r.code, 2, "{col}: {}", r.stderr);
        assert_eq!(
            r.stderr,
            format!(
                "error: p.csv:1: column '{col}' is a name coda uses for its own output; rename the column\n"
            ),
            "{col}"
        );
    }
}

/// Escape sequences in a transcript and in its file name reach neither the table view
/// nor the warnings: each control character is shown as `�` (issue 22, point 4).
#[test]
fn escape_sequences_never_reach_the_terminal() {
    let t = TempTree::new();
    t.write(
        "e\x1b[31mvil.txt",
        "Interviewer: Hi \x1b]0;pwned\x07 there.\nC1: Clear \x1b[2J screen.\n",
    );
    let r = t.run(&["segments", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains('\x1b') && !r.stderr.contains('\x1b'),
        "{:?} {:?}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stdout.contains("Clear \u{FFFD}[2J screen."),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("./e\u{FFFD}[31mvil.txt:2:"),
        "{}",
        r.stderr
    );
}

/// An output file is created readable by its owner only whatever the umask, through a
/// temp file created new with an unpredictable name (a link planted at a guessable name
/// is left alone), and a replaced file keeps its mode (issue 22, points 6 and 7).
#[test]
fn outputs_are_private_and_replaced_files_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let t = TempTree::new();
    t.write(
        "in/a.txt",
        "Interviewer: Hi.\nC1: The bus to town runs twice a day.\n",
    );
    t.write(
        "cb.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"bus\"\nkeywords = [\"bus\"]\n",
    );
    let victim = t.write("victim.txt", "keep me");
    std::fs::create_dir_all(t.path().join("out")).unwrap();
    std::os::unix::fs::symlink(&victim, t.path().join("out/.matrix.csv.tmp-1")).unwrap();
    let args = [
        "analyse",
        "in",
        "--codebook",
        "cb.toml",
        "--by",
        "transcript",
        "--out",
        "out",
    ];
    let r = t.run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mode = |p: &str| {
        std::fs::metadata(t.path().join(p))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    for f in ["matrix.csv", "quotes.md", "summary.md", "codings.csv"] {
        assert_eq!(mode(&format!("out/{f}")), 0o600, "{f}");
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    std::fs::set_permissions(
        t.path().join("out/matrix.csv"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    assert_eq!(t.run(&args).code, 0);
    assert_eq!(mode("out/matrix.csv"), 0o640);
}

/// `--csv-raw` (or `CODA_CSV_RAW=1`) writes every CSV's text cells as they are, for R
/// and pandas: no `'` before a cell a spreadsheet would run; `CODA_CSV_RAW=0` keeps the
/// default (issue 22, point 2).
#[test]
fn csv_raw_writes_cells_as_written() {
    let t = TempTree::new();
    t.write(
        "in/a.txt",
        "Interviewer: Hi.\nC1: =HYPERLINK(\"http://x\",\"bus\")\nInterviewer: And?\nC1: -1 for the bus.\n",
    );
    t.write("p.csv", "participant,group\nC1,@home\n");
    t.write(
        "cb.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"bus\"\nkeywords = [\"bus\"]\n",
    );
    let raw = "segment,transcript,participant,speaker,role,start,end,text,group\r\n\
a#1,a,,Interviewer,interviewer,,,Hi.,\r\n\
a#2,a,C1,C1,participant,,,\"=HYPERLINK(\"\"http://x\"\",\"\"bus\"\")\",@home\r\n\
a#3,a,,Interviewer,interviewer,,,And?,\r\n\
a#4,a,C1,C1,participant,,,-1 for the bus.,@home\r\n";
    let args = [
        "segments",
        "in",
        "--participants",
        "p.csv",
        "--format",
        "csv",
    ];
    let flagged: Vec<&str> = ["--csv-raw"].iter().chain(args.iter()).copied().collect();
    let r = t.run(&flagged);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text("--csv-raw", raw, &r.stdout);
    let env = |v: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_coda"))
            .args(args)
            .current_dir(t.path())
            .env("CODA_CSV_RAW", v)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert_text("CODA_CSV_RAW=1", raw, &env("1"));
    assert_text(
        "CODA_CSV_RAW=0",
        &raw.replace(",\"=", ",\"'=")
            .replace(",-1", ",'-1")
            .replace("@home", "'@home"),
        &env("0"),
    );
    // The analysis folder's CSV files too.
    let r = t.run(&[
        "analyse",
        "in",
        "--participants",
        "p.csv",
        "--codebook",
        "cb.toml",
        "--out",
        "out",
        "--csv-raw",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let matrix = std::fs::read_to_string(t.path().join("out/matrix.csv")).unwrap();
    assert_text(
        "matrix.csv",
        "theme,parent,@home,Total\r\nn,,1,1\r\nbus,,1,1\r\n",
        &matrix,
    );
    let codings = std::fs::read_to_string(t.path().join("out/codings.csv")).unwrap();
    assert!(
        codings.contains(",\"=HYPERLINK(") && codings.contains(",-1 for the bus.,"),
        "{codings}"
    );
}

/// An alias given twice, one that is another transcript's id, or one with a `#` is
/// refused with its file and line (issue 22, point 8).
#[test]
fn aliases_that_collide_are_refused() {
    let t = TempTree::new();
    t.write("a.txt", "Interviewer: Hi.\nC1: One.\n");
    t.write("b.txt", "Interviewer: Hi.\nC2: Two.\n");
    t.write("p.csv", "participant\nC1\nC2\n");
    for (sheet, stderr) in [
        (
            "transcript,alias\na,X\nb,X\n",
            "error: t.csv:3: alias 'X' is given to two transcripts (line 2 and this one); give each its own\n",
        ),
        (
            "transcript,alias\na,x#1\n",
            "error: t.csv:2: alias 'x#1' of transcript 'a' has a '#', a slash or a control character; give an id of letters, digits and '-'\n",
        ),
        (
            "transcript,alias\nb,a\n",
            "error: b.txt: transcript id 'a' (its alias, or the file name without extension) is already used by a.txt; give one of them another alias\n\
error: 1 path(s) could not be read; 1 transcript(s) were read\n\
ingested 1 transcript(s) into .coda: 1 new, 0 changed, 0 unchanged, 0 removed; 2 segments, 2 participants, 0 warning(s)\n",
        ),
    ] {
        t.write("t.csv", sheet);
        let _ = std::fs::remove_dir_all(t.path().join(".coda"));
        let r = t.run(&[
            "ingest",
            "a.txt",
            "b.txt",
            "--participants",
            "p.csv",
            "--transcripts",
            "t.csv",
        ]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_text("stderr", stderr, &r.stderr);
    }
}

/// `coda codebook check` compiles the patterns together as `coda code` does: patterns
/// that each compile alone but not as one set are reported, not passed (issue 22,
/// point 9).
#[test]
fn a_codebook_whose_patterns_compile_alone_but_not_together() {
    let t = TempTree::new();
    let patterns: Vec<String> = (0..40).map(|i| format!("\"\\\\w{{300}}x{i}\"")).collect();
    t.write(
        "cb.toml",
        format!(
            "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"a\"\npatterns = [{}]\n",
            patterns.join(", ")
        ),
    );
    let r = t.run(&["codebook", "check", "cb.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "error: cb.toml: the codebook's patterns cannot be compiled together: Compiled regex exceeds size limit of 268435456 bytes.\n"
    );
    // One of them alone passes.
    t.write(
        "one.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"a\"\npatterns = [\"\\\\w{300}x0\"]\n",
    );
    assert_eq!(t.run(&["codebook", "check", "one.toml"]).code, 0);
}

/// A sheet given as `<(...)` is read, and the next ingest without it asks for it again
/// instead of failing on `/dev/fd/63`; the project is left as it was (issue 22, point 9).
#[test]
fn a_sheet_read_from_a_pipe_is_asked_for_again() {
    let t = TempTree::new();
    t.write("a.txt", "Interviewer: Hi.\nC1: Hello.\n");
    let bash = |args: &str| {
        let o = std::process::Command::new("bash")
            .args([
                "-c",
                &format!("exec '{}' {args}", env!("CARGO_BIN_EXE_coda")),
            ])
            .current_dir(t.path())
            .env_remove("CODA_PROJECT")
            .output()
            .unwrap();
        (o.status.code(), String::from_utf8(o.stderr).unwrap())
    };
    let given = "ingest a.txt --participants <(printf 'participant,group\\nC1,x\\n')";
    let (code, stderr) = bash(given);
    assert_eq!(code, Some(0), "{stderr}");
    let before = t.run(&["participants", "--format", "csv"]).stdout;
    assert_text(
        "participants",
        "participant,segments,transcripts,n_transcripts,group\r\nC1,1,a,1,x\r\n",
        &before,
    );
    let r = t.run(&["ingest", "a.txt"]);
    assert_eq!(r.code, 2);
    let fd = r
        .stderr
        .trim_start_matches("error: ")
        .split(':')
        .next()
        .unwrap()
        .to_owned();
    assert!(fd.starts_with("/dev/fd/"), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "error: {fd}: the participants sheet of the last ingest was read from a pipe (such as `<(...)`), which cannot be read again: give --participants FILE again (a file, or the same pipe)\n"
        )
    );
    assert_text(
        "participants",
        &before,
        &t.run(&["participants", "--format", "csv"]).stdout,
    );
    assert_eq!(bash(given).0, Some(0));
}

/// The lock names the command that holds it, not the first option (`coda --project`):
/// a second writer is told `(coda ingest)` (issue 22, point 9).
#[test]
fn the_lock_names_the_command() {
    let t = TempTree::new();
    // Enough files that the first ingest still holds the lock when the second asks
    // (1,500 were too few once ingest parsed on a second thread).
    for i in 0..5000 {
        t.write(
            &format!("in/t{i:04}.txt"),
            format!(
                "Interviewer: How do you travel?\nP{i}: By bus, mostly, and the bus is late.\n"
            )
            .repeat(20),
        );
    }
    let mut writer = std::process::Command::new(env!("CARGO_BIN_EXE_coda"))
        .args(["--project", "p", "ingest", "in"])
        .current_dir(t.path())
        .env_remove("CODA_PROJECT")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = writer.id().to_string();
    let lock = t.path().join("p/lock");
    let held = loop {
        let now = std::fs::read_to_string(&lock).unwrap_or_default();
        if now.starts_with(&pid) {
            break now;
        }
        assert!(
            writer.try_wait().unwrap().is_none(),
            "the ingest ended before the lock was seen"
        );
    };
    assert_eq!(held, format!("{pid} (coda ingest)"));
    let second = t.run(&["--project", "p", "ingest", "in"]);
    assert_eq!(
        second.stderr,
        format!(
            "error: p: the project is in use by process {pid} (coda ingest); wait for it to finish, then run this again\n"
        )
    );
    assert!(writer.wait().unwrap().success());
}

/// Two file names that differ only in NFC and NFD (`café` typed on two machines) are
/// one transcript id: the second is refused naming both, and the id is NFC (issue 22,
/// point 9).
#[test]
fn file_names_differing_only_in_nfc_and_nfd_are_one_id() {
    let t = TempTree::new();
    t.write("in/caf\u{e9}-1.txt", "Interviewer: Hi.\nC1: One.\n");
    t.write("in/cafe\u{301}-1.txt", "Interviewer: Hi.\nC2: Two.\n");
    let r = t.run(&["ingest", "in"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: in/caf\u{e9}-1.txt: transcript id 'caf\u{e9}-1' (the file name without extension) is already used by in/cafe\u{301}-1.txt (the two names differ only in how their accented letters are encoded, NFC and NFD); rename one of the files",
            "error: 1 path(s) could not be read; 1 transcript(s) were read",
        ]
    );
    let r = t.run(&["sources", "--format", "csv"]);
    assert!(r.stdout.contains("\ncaf\u{e9}-1,"), "{}", r.stdout);
}

/// A keyword typed in NFD meets the NFC text, a Greek keyword with a final sigma meets
/// the word in capitals, and a `--where` value typed in NFD meets its NFC value (issue
/// 22, point 9).
#[test]
fn keywords_and_values_in_nfd_or_with_a_final_sigma_match() {
    let t = TempTree::new();
    t.write(
        "in/a.txt",
        "Interviewer: Hi.\nC1: The caf\u{e9} on the \u{39f}\u{394}\u{39f}\u{3a3} is shut.\n",
    );
    t.write("p.csv", "participant,area\nC1,Z\u{f6}e\n");
    t.write(
        "cb.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"cafe\"\nkeywords = [\"cafe\u{301}\"]\n\n[[theme]]\nid = \"road\"\nkeywords = [\"\u{3bf}\u{3b4}\u{3bf}\u{3c2}\"]\n",
    );
    let r = t.run(&[
        "analyse",
        "in",
        "--participants",
        "p.csv",
        "--codebook",
        "cb.toml",
        "--by",
        "area",
        "--out",
        "out",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&[
        "--project",
        "out/.coda",
        "codings",
        "--format",
        "csv",
        "--where",
        "area=Zo\u{308}e",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "codings",
        "segment,transcript,participant,theme,pass,hits,evidence,text,area\r\n\
a#2,a,C1,cafe,auto,1,caf\u{e9},The caf\u{e9} on the \u{39f}\u{394}\u{39f}\u{3a3} is shut.,Z\u{f6}e\r\n\
a#2,a,C1,road,auto,1,\u{39f}\u{394}\u{39f}\u{3a3},The caf\u{e9} on the \u{39f}\u{394}\u{39f}\u{3a3} is shut.,Z\u{f6}e\r\n",
        &r.stdout,
    );
}

/// An attribute value of 70 KB (longer than the index library keeps a term) is still
/// matched by `--where`, in any case, in search and kwic (issue 22, point 9).
#[test]
fn a_70_kb_attribute_value_is_matched_by_where() {
    let t = TempTree::new();
    t.write("in/a.txt", "Interviewer: Hi.\nC1: The bus.\n");
    t.write("in/b.txt", "Interviewer: Hi.\nC2: A bus.\n");
    let long = "x".repeat(70_000);
    t.write("p.csv", format!("participant,note\nC1,{long}\nC2,short\n"));
    assert_eq!(t.run(&["ingest", "in", "--participants", "p.csv"]).code, 0);
    let wanted = format!("note={}", long.to_uppercase());
    let r = t.run(&["search", "bus", "--where", &wanted, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "search",
        &format!(
            "segment,transcript,participant,speaker,role,score,text,note\r\na#2,a,C1,C1,participant,0.6100,The bus.,{long}\r\n"
        ),
        &r.stdout,
    );
    let r = t.run(&["kwic", "bus", "--where", &wanted, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert!(r.stdout.contains("\na#2,"), "{}", r.stdout);
}

/// An attribute value that a matrix would take for a column of its own (`Total`,
/// `(none)`, `theme`, `parent`, in any case), in a sheet or a front matter, is refused
/// with its file and line instead of merging or duplicating columns (issue 22, point 9).
#[test]
fn attribute_values_named_as_matrix_columns_are_refused() {
    let t = TempTree::new();
    t.write("in/a.txt", "Interviewer: Hi.\nC1: One.\n");
    t.write(
        "in/b.txt",
        "---\nsite: theme\n---\nInterviewer: Hi.\nC2: Two.\n",
    );
    t.write("p.csv", "participant,group\nC1,Total\nC2,(None)\n");
    let r = t.run(&["ingest", "in", "--participants", "p.csv"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_text(
        "stderr",
        "error: p.csv:2: attribute 'group' has the value 'Total', which a matrix by 'group' would take for one of its own columns (Total, (none), theme, parent); write the value another way (for example 'Total (group)')\n\
error: p.csv:3: attribute 'group' has the value '(None)', which a matrix by 'group' would take for one of its own columns (Total, (none), theme, parent); write the value another way (for example '(None) (group)')\n",
        &r.stderr,
    );
    t.write("p.csv", "participant,group\nC1,Client\nC2,Worker\n");
    let r = t.run(&["ingest", "in", "--participants", "p.csv"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.lines().last().unwrap(),
        "error: in/b.txt:2: attribute 'site' has the value 'theme', which a matrix by 'site' would take for one of its own columns (Total, (none), theme, parent); write the value another way (for example 'theme (site)')"
    );
    assert!(!t.path().join(".coda/project.db").exists());
}
