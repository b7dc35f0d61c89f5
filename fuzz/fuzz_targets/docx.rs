//! Word and OpenDocument documents, from raw bytes (a zip archive, or anything).
#![no_main]
use coda::transcript::{Kind, Speakers, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_bytes(data, Kind::Docx, &Speakers::default());
    let _ = parse_bytes(data, Kind::Odt, &Speakers::default());
});
