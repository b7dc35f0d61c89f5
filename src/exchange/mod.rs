//! Exchange with the spreadsheets teams already code in: the coding sheet, one row per
//! participant turn and one column per theme, written as `.xlsx` or CSV by `coda sheet`
//! (`sheet`) and read back by `coda import` as a person's pass (`import`), with the
//! long form other tools and scripts write (`segment,theme[,coder]`, a row per coding).

pub mod import;
pub mod sheet;

use crate::codebook::Codebook;
use crate::store::{CodebookRecord, PassHeader, ThemeRecord};

/// The first column of a sheet: the segment id, `<transcript>#<number>`.
pub const SEGMENT: &str = "segment";
/// The columns a sheet has beside its attributes and themes, which `coda import` reads
/// past (the text is checked against the project's).
pub const TEXT: &str = "text";
pub const EVIDENCE: &str = "evidence";
/// The column for the coder's notes, written empty: `import` ignores it, and the
/// others that mean the same.
pub const NOTE: &str = "note";
pub const IGNORED: &[&str] = &[
    "transcript",
    "participant",
    TEXT,
    EVIDENCE,
    NOTE,
    "notes",
    "comment",
    "comments",
    "memo",
];

/// The name of the hidden worksheet where an `.xlsx` sheet keeps what it was made from
/// (the pass, the codebook and its theme tree), so that `coda import` needs no codebook.
pub const ABOUT: &str = "coda";
/// The name of the worksheet a person codes in.
pub const CODING: &str = "coding";

/// The themes a sheet has columns for, and the codebook they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub codebook: CodebookRecord,
    /// In codebook order.
    pub themes: Vec<ThemeRecord>,
}

impl Frame {
    pub fn of_pass(h: &PassHeader) -> Frame {
        Frame {
            codebook: h.codebook.clone(),
            themes: h
                .themes
                .iter()
                .map(|t| ThemeRecord {
                    codings: 0,
                    ..t.clone()
                })
                .collect(),
        }
    }

    pub fn of_codebook(b: &Codebook) -> Frame {
        Frame {
            codebook: CodebookRecord {
                name: b.name.clone(),
                version: b.version.clone(),
                sha256: b.sha256.clone(),
                path: b.path.canonicalize().unwrap_or_else(|_| b.path.clone()),
            },
            themes: b
                .themes
                .iter()
                .map(|t| ThemeRecord {
                    id: t.id.clone(),
                    label: t.label.clone(),
                    parent: t.parent.clone(),
                    codings: 0,
                })
                .collect(),
        }
    }

    /// Theme ids in tree order (a parent, then its sub-themes): the sheet's columns.
    pub fn tree(&self) -> Vec<String> {
        crate::codebook::tree_order(&self.themes, |t| (t.id.as_str(), t.parent.as_deref()))
            .into_iter()
            .map(|(_, t)| t.id.clone())
            .collect()
    }

    /// A theme's place in codebook order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }

    /// The theme ids closest to `name`, for "did you mean": the same but for case,
    /// spaces or punctuation, or within two edits.
    pub fn did_you_mean(&self, name: &str) -> Option<&str> {
        let plain = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let want = plain(name);
        self.themes
            .iter()
            .map(|t| (edits(&plain(&t.id), &want), t.id.as_str()))
            .filter(|(d, _)| *d <= 2)
            .min()
            .map(|(_, id)| id)
    }
}

/// Levenshtein distance (a few short names: no need for more).
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Excel's cell name: column 0, row 0 is `A1`.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 25), "Z12");
        assert_eq!(cell_name(1, 26), "AA2");
        assert_eq!(cell_name(1, 701), "ZZ2");
        assert_eq!(cell_name(1, 702), "AAA2");
    }

    #[test]
    fn edit_distance() {
        assert_eq!(edits("stigma", "stigma"), 0);
        assert_eq!(edits("stigma", "stigmaa"), 1);
        assert_eq!(edits("rurality", "rularity"), 2);
        assert_eq!(edits("", "abc"), 3);
    }
}
