//! The query path: `coda search` and `coda kwic` queries against a small index.
#![no_main]
use std::collections::BTreeMap;
use std::sync::OnceLock;

use coda::corpus::Segment;
use coda::index::{Filter, SegmentIndex, kwic_query};
use coda::transcript::Role;
use libfuzzer_sys::fuzz_target;

static INDEX: OnceLock<(tempfile::TempDir, SegmentIndex)> = OnceLock::new();

const TEXTS: [&str; 4] = [
    "The bus only comes twice a day, and the ferry is worse.",
    "Everybody knows everybody here; there is no hiding.",
    "My worker changed three times: it's a postcode lottery.",
    "Café culture in Màiri’s town — “flexible” hours…",
];

/// A hit's text, as the project database would give it.
fn text_of(id: &str) -> Option<String> {
    let (_, n) = id.rsplit_once('#')?;
    let n: usize = n.parse().ok()?;
    TEXTS.get(n.checked_sub(1)?).map(|t| (*t).to_owned())
}

fn index() -> &'static SegmentIndex {
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let index = SegmentIndex::create(dir.path(), &["group".to_owned()]).expect("index");
            let mut w = index.writer().expect("writer");
            for (i, text) in TEXTS.iter().enumerate() {
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
                w.add(
                    i as u64 + 1,
                    &seg,
                    attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                )
                .expect("add");
            }
            w.commit("fuzz").expect("commit");
            (dir, index)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    let index = index();
    let _ = index.search(
        q,
        &Filter::default(),
        10,
        60,
        &mut |ids| Ok(ids.iter().map(|id| text_of(id)).collect()),
        |t: &String| t.as_str(),
    );
    let _ = kwic_query(index, q);
});
