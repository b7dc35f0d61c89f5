//! `Label: text` transcripts (.txt and .md, Otter exports, front matter), from raw bytes
//! (so the decoder is fuzzed too). The first byte picks .txt or .md.
#![no_main]
use coda::transcript::{Kind, Speakers, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let kind = if pick % 2 == 0 { Kind::Text } else { Kind::Markdown };
    let _ = parse_bytes(bytes, kind, &Speakers::default());
});
