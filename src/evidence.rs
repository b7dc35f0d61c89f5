//! Evidence: which rule matched which words of a segment, and where. Made by the
//! coding engine, kept with each coding in the project, shown by `explain`.

use serde::{Deserialize, Serialize};

/// One piece of evidence: the rule, the words it matched, where (character offsets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub rule: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}
