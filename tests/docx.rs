//! Word (.docx) and OpenDocument (.odt) transcripts: the fixtures that
//! `tests/fixtures/make_docx.py` builds with the XML Word and LibreOffice write, read
//! by the real binary and compared as whole outputs; damaged and disguised documents
//! refused with a message naming the file and what to do.

mod util;

use util::{TempTree, assert_text, coda, read, root};

const DOCS: &str = "tests/fixtures/docx";
const SHEET: &str = "tests/fixtures/docx/participants.csv";

#[test]
fn a_folder_of_documents_to_csv() {
    let r = coda(&["segments", DOCS, "--participants", SHEET, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stdout",
        &read("tests/expected/docx-segments.csv"),
        &r.stdout,
    );
    assert_text(
        "stderr",
        &read("tests/expected/docx-segments.stderr"),
        &r.stderr,
    );
}

/// (segment, line_start, line_end) of each segment, from `--format jsonl`.
fn spans(jsonl: &str) -> Vec<(String, u64, u64)> {
    jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            (
                v["segment"].as_str().unwrap().to_owned(),
                v["line_start"].as_u64().unwrap(),
                v["line_end"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn line_spans_are_paragraph_numbers() {
    let r = coda(&[
        "segments",
        "tests/fixtures/docx/a-labelled.docx",
        "tests/fixtures/docx/c-tables.docx",
        "--participants",
        SHEET,
        "--format",
        "jsonl",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = |id: &str, a, z| (id.to_owned(), a, z);
    assert_eq!(
        spans(&r.stdout),
        [
            // 1 is the title, 2 the recording date; 7 is an empty paragraph.
            s("a-labelled#1", 3, 3),
            s("a-labelled#2", 4, 4),
            s("a-labelled#3", 5, 5),
            s("a-labelled#4", 6, 8),
            s("a-labelled#5", 9, 9),
            // Every paragraph counts, those in table cells too: 2-5 are the facts
            // table, 7-8 the header row of the speaker table. A row is numbered by
            // its first cell's paragraph.
            s("c-tables#1", 9, 9),
            s("c-tables#2", 11, 13),
            s("c-tables#3", 14, 14),
            s("c-tables#4", 16, 16),
            s("c-tables#5", 19, 19),
            s("c-tables#6", 22, 25),
            s("c-tables#7", 28, 28),
        ]
    );
}

#[test]
fn sources_reports_the_format_and_warnings_by_paragraph() {
    let t = TempTree::new();
    for name in ["a-labelled.docx", "d-libre.odt", "participants.csv"] {
        t.write(
            &format!("in/{name}"),
            std::fs::read(root().join(DOCS).join(name)).unwrap(),
        );
    }
    // Extensions in any case.
    t.write(
        "in/Written.DOCX",
        std::fs::read(root().join(DOCS).join("b-bold.docx")).unwrap(),
    );
    let r = t.run(&["ingest", "in", "--participants", "in/participants.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = t.run(&["sources", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = "transcript,format,encoding,segments,participants,warnings,warning_messages,path\r\n\
Written,docx,UTF-8,5,Dad;Morag B,2,\"paragraph 1: paragraph 1 before the first speaker label is not part of any turn; give it a speaker label if it is speech\n\
paragraph 7: speaker 'Dad' is not a participant id in the participants sheet, and neither the sheet's 'transcript' column nor a front matter 'participant' names this file's participant: 'Dad' is used as the participant id\",in/Written.DOCX\r\n\
a-labelled,docx,UTF-8,5,C01,2,\"the document has tracked changes: read as if all were accepted (inserted text kept, deleted text left out)\n\
paragraph 2: paragraph 2 before the first speaker label is not part of any turn; give it a speaker label if it is speech\",in/a-labelled.docx\r\n\
d-libre,odt,UTF-8,7,Ana;Ben,2,\"the document has tracked changes: read as if all were accepted (inserted text kept, deleted text left out)\n\
paragraph 4: speaker 'Ben' is not a participant id in the participants sheet, and neither the sheet's 'transcript' column nor a front matter 'participant' names this file's participant: 'Ben' is used as the participant id\",in/d-libre.odt\r\n";
    // The project keeps absolute paths.
    let stdout = r.stdout.replace(&format!("{}/", t.path().display()), "");
    assert_text("sources", expected, &stdout);
    // The documents' text is searchable like any other.
    let r = t.run(&["search", "tiring", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("a-labelled#4"), "{}", r.stdout);
}

#[test]
fn a_document_without_speaker_labels_is_paragraph_segments() {
    let t = TempTree::new();
    // The OpenDocument fixture's paragraphs, without labels or tables: written answers.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.text").unwrap();
    zip.start_file("content.xml", stored).unwrap();
    std::io::Write::write_all(
        &mut zip,
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">"#,
            r#"<office:body><office:text><text:h text:outline-level="1">Question 1</text:h>"#,
            r#"<text:p>The bus is late,<text:line-break/>every day.</text:p><text:p/><text:p>Nobody   listens.</text:p>"#,
            "</office:text></office:body></office:document-content>",
        )
        .as_bytes(),
    )
    .unwrap();
    t.write("in/w1.odt", zip.finish().unwrap().into_inner());
    let r = t.run(&["segments", "in", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "stdout",
        "segment,transcript,participant,speaker,role,start,end,text\r\n\
w1#1,w1,w1,,participant,,,\"The bus is late,\nevery day.\"\r\n\
w1#2,w1,w1,,participant,,,Nobody listens.\r\n",
        &r.stdout,
    );
    assert_text(
        "stderr",
        "warning: in/w1.odt: no speaker labels found: read as written text, 2 paragraphs as segments of one participant\n\
warning: in/w1.odt: paragraph 2: no participant is named for this file: 'w1' (the transcript id) is used as the participant id; add a front matter 'participant' line, or a sheet row with transcript 'w1'\n",
        &r.stderr,
    );
}

// ---- Bad input --------------------------------------------------------------------

const GOOD: &str = "Interviewer: Hi.\nC1: Hello.\n";
const GOOD_CSV: &str = "segment,transcript,participant,speaker,role,start,end,text\r\n\
good#1,good,,Interviewer,interviewer,,,Hi.\r\n\
good#2,good,C1,C1,participant,,,Hello.\r\n";

/// Run `segments` on a folder holding `good.txt` and the bad fixture `name`: the good
/// file's segments come out, the exit status is 2, and stderr names the bad file
/// with `message`.
#[track_caller]
fn refused(name: &str, message: &str) {
    let t = TempTree::new();
    t.write("in/good.txt", GOOD);
    t.write(
        &format!("in/{name}"),
        std::fs::read(root().join("tests/fixtures/docx-bad").join(name)).unwrap(),
    );
    let r = t.run(&["segments", "in", "--format", "csv"]);
    assert_eq!(r.code, 2, "exit status; stderr: {}", r.stderr);
    let c1 = "warning: in/good.txt:2: speaker 'C1' is not a participant id in the participants sheet, and neither the sheet's 'transcript' column nor a front matter 'participant' names this file's participant: 'C1' is used as the participant id\n";
    assert_text(
        "stderr",
        &format!(
            "{c1}error: in/{name}: {message}\nerror: 1 path(s) could not be read; 1 transcript(s) were read\n"
        ),
        &r.stderr,
    );
    assert_text("stdout", GOOD_CSV, &r.stdout);
}

#[test]
fn a_text_file_with_a_docx_name() {
    refused(
        "not-a-zip.docx",
        "not a .docx (a .docx is a zip archive, and this file is not one): it may be damaged, or another kind of file renamed; open it in Word and save it as .docx",
    );
}

#[test]
fn a_password_protected_docx() {
    refused(
        "password.docx",
        "password-protected or not a .docx (an encrypted document, or an old Word .doc renamed .docx): coda cannot read it; save it again as .docx without a password",
    );
}

#[test]
fn a_zip_without_word_document_xml() {
    refused(
        "no-document.docx",
        "a zip archive without word/document.xml, so not a .docx: open it in Word and save it as .docx",
    );
}

#[test]
fn document_xml_cut_off() {
    refused(
        "bad-xml.docx",
        "word/document.xml inside the .docx is not well-formed XML (it ends before its elements close: cut off?, at byte 1011): the file is damaged; open it in Word and save it again as .docx",
    );
}

#[test]
fn document_xml_that_would_unpack_to_600_mb() {
    refused(
        "bomb.docx",
        "word/document.xml inside the .docx unpacks to more than 512 MB (a damaged file, or a zip bomb): coda does not read it; if the document really is that large, split it into smaller documents",
    );
}

#[test]
fn an_odt_with_a_docx_name_and_an_encrypted_odt() {
    refused(
        "libre.docx",
        "an OpenDocument file with a .docx name: rename it to .odt",
    );
    refused(
        "locked.odt",
        "password-protected (the .odt is encrypted): coda cannot read it; save it again as .odt without a password",
    );
}

#[test]
fn mismatched_tags_and_an_empty_document() {
    let t = TempTree::new();
    let doc = |xml: &str| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    };
    t.write(
        "in/a.docx",
        doc("<w:document><w:body><w:p><w:r><w:t>Int: hi</w:t></w:p></w:body></w:document>"),
    );
    t.write(
        "in/b.docx",
        doc("<w:document><w:body><w:p/><w:sectPr/></w:body></w:document>"),
    );
    let r = t.run(&["segments", "in"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stderr);
    assert!(
        lines[0].starts_with(
            "error: in/a.docx: word/document.xml inside the .docx is not well-formed XML ("
        ) && lines[0]
            .ends_with("): the file is damaged; open it in Word and save it again as .docx"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "error: in/b.docx: no text found: the file holds no turns to read"
    );
    assert_eq!(
        lines[2],
        "error: 2 path(s) could not be read; 0 transcript(s) were read"
    );
}

#[test]
fn a_damaged_styles_part_is_a_warning_and_the_text_is_read() {
    let t = TempTree::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, xml) in [
        (
            "word/document.xml",
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Session 2</w:t></w:r></w:p><w:p><w:r><w:t>Int: Hi.</w:t></w:r></w:p><w:p><w:r><w:t>C1: Hello.</w:t></w:r></w:p></w:body></w:document>"#,
        ),
        (
            "word/styles.xml",
            "<w:styles><w:style w:styleId=\"Heading1\"></w:styles>",
        ),
    ] {
        zip.start_file(name, opts).unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    }
    t.write("s.docx", zip.finish().unwrap().into_inner());
    let r = t.run(&["segments", "s.docx", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Without styles.xml, a style id that says heading is still a heading.
    assert_text(
        "stdout",
        "segment,transcript,participant,speaker,role,start,end,text\r\n\
s#1,s,,Int,interviewer,,,Hi.\r\n\
s#2,s,C1,C1,participant,,,Hello.\r\n",
        &r.stdout,
    );
    let first = r.stderr.lines().next().unwrap_or("");
    assert!(
        first.starts_with(
            "warning: s.docx: word/styles.xml inside the .docx is not well-formed XML ("
        ) && first.ends_with("; read without it (headings and bold styles are not recognised)"),
        "{}",
        r.stderr
    );
}

/// A quote or an explanation from a document names its paragraphs, not lines.
#[test]
fn quotes_and_explain_name_paragraphs_in_a_document() {
    let t = TempTree::new();
    for name in ["a-labelled.docx", "participants.csv"] {
        t.write(
            &format!("in/{name}"),
            std::fs::read(root().join(DOCS).join(name)).unwrap(),
        );
    }
    t.write(
        "cb.toml",
        "name = \"T\"\nversion = \"1\"\n\n[[theme]]\nid = \"tired\"\nlabel = \"Tired\"\nkeywords = [\"tiring\"]\n",
    );
    assert_eq!(
        t.run(&["ingest", "in", "--participants", "in/participants.csv"])
            .code,
        0
    );
    assert_eq!(t.run(&["code", "--codebook", "cb.toml"]).code, 0);
    let r = t.run(&["explain", "a-labelled#4"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next(),
        Some("a-labelled#4  participant C01  participant  (group=Client; paragraphs 6-8)")
    );
    let r = t.run(&["quotes", "--theme", "tired", "--format", "md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_text(
        "quotes",
        "## Tired (`tired`)\n\n### Client\n\n> About an hour, each way. It is tiring.\n>\n> (Client, C01) · a-labelled#4, paragraphs 6-8\n\n",
        &r.stdout,
    );
}
