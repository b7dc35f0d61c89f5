//! "Only these segments" (the segments coded with a theme, for `--theme`): their ids
//! from the database, as a set of terms of the index's `segment` field.

use std::sync::Arc;

use tantivy::Term;
use tantivy::query::TermSetQuery;
use tantivy::schema::Field;

/// Which segments a search may return: their ids (`transcript#number`).
#[derive(Clone, Debug)]
pub struct Only(Arc<Vec<String>>);

impl Only {
    pub fn ids(ids: Vec<String>) -> Self {
        Only(Arc::new(ids))
    }
}

/// The query matching the segments of `only` in the `segment` field.
pub(super) fn query(field: Field, only: &Only) -> TermSetQuery {
    TermSetQuery::new(only.0.iter().map(|id| Term::from_field_text(field, id)))
}

/// The sort key of segment `number` of `transcript`: its transcript, then its number
/// zero-padded, so that keys sort in file order.
pub(super) fn sort_key(transcript: &str, number: u64) -> String {
    format!("{transcript}\u{1}{number:010}")
}

/// The segment id (`transcript#number`) of a sort key.
pub(super) fn id_of_sort_key(key: &str) -> Option<String> {
    let (t, n) = key.rsplit_once('\u{1}')?;
    let n: u64 = n.parse().ok()?;
    Some(format!("{t}#{n}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_give_back_their_ids() {
        for (t, n) in [
            ("C01-interview", 4u64),
            ("a#b", 12),
            ("", 1),
            ("x\u{2}y", 0),
        ] {
            assert_eq!(id_of_sort_key(&sort_key(t, n)), Some(format!("{t}#{n}")));
        }
        assert!(sort_key("a", 9) < sort_key("a", 10));
    }
}
