//! The query path: `coda search` and `coda kwic` queries against a small index.
#![no_main]
use std::collections::BTreeMap;
use std::sync::OnceLock;

use coda::corpus::Segment;
use coda::index::{Filter, SegmentIndex, kwic_query};
use coda::transcript::Role;
use libfuzzer_sys::fuzz_target;

static INDEX: OnceLock<(tempfile::TempDir, SegmentIndex)> = OnceLock::new();

fn index() -> &'static SegmentIndex {
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let index = SegmentIndex::create(dir.path(), &["group".to_owned()]).expect("index");
            let mut w = index.writer().expect("writer");
            let texts = [
                "The bus only comes twice a day, and the ferry is worse.",
                "Everybody knows everybody here; there is no hiding.",
                "My worker changed three times: it's a postcode lottery.",
                "Café culture in Màiri’s town — “flexible” hours…",
            ];
            for (i, text) in texts.iter().enumerate() {
                let seg = Segment {
                    transcript: format!("t{}", i % 2),
                    number: i + 1,
                    speaker: "P1".into(),
                    role: Role::Participant,
                    participant: Some("P1".into()),
                    start_ms: None,
                    end_ms: None,
                    text: (*text).into(),
                    lines: (i + 1, i + 1),
                };
                let attrs = BTreeMap::from([("group".to_owned(), "Client".to_owned())]);
                w.add(&seg, &attrs).expect("add");
            }
            w.commit().expect("commit");
            (dir, index)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    let index = index();
    let _ = index.search(q, &Filter::default(), 10, 60);
    let _ = kwic_query(index, q);
});
