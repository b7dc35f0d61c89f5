//! SubViewer captions (Google Meet, YouTube), from raw bytes.
#![no_main]
use coda::transcript::{Kind, Speakers, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_bytes(data, Kind::Sbv, &Speakers::default());
});
