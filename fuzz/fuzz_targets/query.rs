//! The query path: `coda search` and `coda kwic` queries against a small index.
#![no_main]
use std::collections::BTreeMap;
use std::sync::OnceLock;

use coda::corpus::Segment;
use coda::index::{Filter, SegmentIndex, Stored, kwic_query};
use coda::transcript::Role;
use libfuzzer_sys::fuzz_target;

static INDEX: OnceLock<(tempfile::TempDir, SegmentIndex)> = OnceLock::new();

const TEXTS: [&str; 4] = [
    "The bus only comes twice a day, and the ferry is worse.",
    "Everybody knows everybody here; there is no hiding.",
    "My worker changed three times: it's a postcode lottery.",
    "Café culture in Màiri’s town — “flexible” hours…",
];

/// A hit's segment, as the project database would give it.
fn stored(id: &str) -> Option<Stored> {
    let (t, n) = id.rsplit_once('#')?;
    let n: usize = n.parse().ok()?;
    let text = TEXTS.get(n.checked_sub(1)?)?;
    Some(Stored {
        segment: id.to_owned(),
        transcript: t.to_owned(),
        number: n as u64,
        participant: Some("P1".into()),
        speaker: "P1".into(),
        role: "participant".into(),
        text: (*text).into(),
        lines: (n as u64, n as u64),
        start_ms: None,
        end_ms: None,
        attributes: BTreeMap::from([("group".to_owned(), "Client".to_owned())]),
    })
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
    let _ = index.search(q, &Filter::default(), 10, 60, &mut |ids| {
        Ok(ids.iter().map(|id| stored(id)).collect())
    });
    let _ = kwic_query(index, q);
});
