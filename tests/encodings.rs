//! The same transcript saved in every supported encoding and line ending gives the
//! same segments, byte for byte.

mod util;

use util::{TempTree, assert_text};

const TEXT: &str = "---\nparticipant: C7\n---\nInterviewer: Was it “fair”?\nC7: Not really – the café\nwas closed…\n\nAnd the bus: gone.\n";

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn windows_1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '…' => 0x85,
            'é' => 0xE9,
            c if c.is_ascii() => c as u8,
            c => panic!("not in the test's Windows-1252 table: {c}"),
        })
        .collect()
}

/// Mac Roman, as classic Mac OS text editors saved it.
fn mac_roman(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '“' => 0xD2,
            '”' => 0xD3,
            '–' => 0xD0,
            '…' => 0xC9,
            'é' => 0x8E,
            c if c.is_ascii() => c as u8,
            c => panic!("not in the test's Mac Roman table: {c}"),
        })
        .collect()
}

#[test]
fn every_encoding_and_line_ending_reads_the_same() {
    let t = TempTree::new();
    let crlf = TEXT.replace('\n', "\r\n");
    let cr = TEXT.replace('\n', "\r");
    let decomposed = TEXT.replace('é', "e\u{301}");
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("utf8-lf", TEXT.as_bytes().to_vec()),
        ("utf8-crlf", crlf.as_bytes().to_vec()),
        ("utf8-cr", cr.as_bytes().to_vec()),
        (
            "utf8-bom",
            [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat(),
        ),
        ("utf8-nfd", decomposed.into_bytes()),
        ("utf16le-bom", utf16(&crlf, true)),
        ("utf16be-bom", utf16(TEXT, false)),
        ("cp1252-crlf", windows_1252(&crlf)),
        ("macroman-cr", mac_roman(&cr)),
    ];
    let expected = "segment,participant,text\n\
#1,,Was it “fair”?\n\
#2,C7,\"Not really – the café\nwas closed…\n\nAnd the bus: gone.\"\n";
    for (name, bytes) in &variants {
        t.write(&format!("{name}.txt"), bytes);
        let r = t.run(&["segments", &format!("{name}.txt"), "--format", "csv"]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        // Drop the transcript id so every variant compares against one text.
        let got: String = csv_columns(&r.stdout, &[0, 2, 7]).replace(&format!("{name}#"), "#");
        assert_text(name, expected, &got);
        let warned = r.stderr.contains("read as Windows-1252");
        assert_eq!(warned, name.starts_with("cp1252"), "{name}: {}", r.stderr);
        let warned = r.stderr.contains("read as Mac Roman");
        assert_eq!(warned, name.starts_with("macroman"), "{name}: {}", r.stderr);
    }
}

/// Pick columns out of CSV, re-joined with commas and LF (quoting kept where needed).
fn csv_columns(csv_text: &str, cols: &[usize]) -> String {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(vec![]);
    for rec in rdr.records() {
        let rec = rec.expect("valid CSV");
        w.write_record(cols.iter().map(|&i| &rec[i]))
            .expect("write");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf8")
}
