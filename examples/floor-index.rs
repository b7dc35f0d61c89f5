//! The floor `coda ingest` is measured against: a minimal tantivy program that indexes
//! the same turns with the lean schema (the text, with positions for phrases, and a
//! document key), with the same tokenizer and writer budget as coda, and nothing else.
//!
//!     cargo run --release --example floor-index -- TURNS.jsonl OUT_DIR
//!
//! TURNS.jsonl is `coda segments CORPUS --format jsonl` (one turn per line, its `text`
//! read); OUT_DIR must not exist. `bench/run` times it beside `coda ingest` in
//! alternating runs. It reads the turns already parsed, so what it leaves out of coda's
//! work is parsing the files, the database, and the fields beyond the text and a key.

use std::io::BufRead;

use tantivy::schema::{FAST, Schema, TEXT};
use tantivy::{Index, TantivyDocument};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [turns, out] = args.as_slice() else {
        eprintln!("usage: floor-index TURNS.jsonl OUT_DIR");
        std::process::exit(2);
    };
    let mut b = Schema::builder();
    let key = b.add_u64_field("key", FAST);
    let text = b.add_text_field("text", TEXT);
    let schema = b.build();
    std::fs::create_dir_all(out).expect("create OUT_DIR");
    let index = Index::create_in_dir(out, schema).expect("a new index in OUT_DIR");
    // coda's writer budget (src/index/mod.rs, WRITER_BUDGET).
    let mut writer = index.writer(128_000_000).expect("index writer");
    let file = std::fs::File::open(turns).expect("open TURNS.jsonl");
    let mut n = 0u64;
    for line in std::io::BufReader::with_capacity(1 << 20, file).lines() {
        let line = line.expect("read TURNS.jsonl");
        let turn: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let mut doc = TantivyDocument::default();
        doc.add_u64(key, n);
        doc.add_text(text, turn["text"].as_str().unwrap_or_default());
        writer.add_document(doc).expect("add a document");
        n += 1;
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merges");
    eprintln!("{n} turns indexed into {out}");
}
