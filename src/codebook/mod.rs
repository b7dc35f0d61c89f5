//! Codebooks: themes with definitions and rules, read from TOML or JSON (chosen by
//! extension), checked all at once so that every problem is reported in one go.

mod check;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, Result};

/// A loaded, valid codebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Codebook {
    pub name: String,
    pub version: Option<String>,
    pub description: Option<String>,
    pub themes: Vec<Theme>,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    pub path: PathBuf,
}

/// Which turns a theme's rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Participant,
    Interviewer,
    All,
}

/// A proximity rule: every word within `within` words of the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Near {
    pub all: Vec<String>,
    pub within: usize,
}

/// One theme (code).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    pub id: String,
    pub label: Option<String>,
    pub description: Option<String>,
    pub include: Option<String>,
    pub exclude: Option<String>,
    pub examples: Vec<String>,
    pub parent: Option<String>,
    pub keywords: Vec<String>,
    pub patterns: Vec<String>,
    pub near: Vec<Near>,
    pub exclude_patterns: Vec<String>,
    pub scope: Scope,
    pub min_hits: usize,
}

impl Theme {
    /// The label, or the id when there is none.
    pub fn title(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }

    pub fn rule_count(&self) -> usize {
        self.keywords.len() + self.patterns.len() + self.near.len()
    }
}

impl Codebook {
    /// Read and check a codebook; every problem found is in the error.
    pub fn load(path: &Path) -> Result<Codebook> {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::input(Problem::at(
                path,
                None,
                format!("cannot read the codebook: {e}"),
            ))
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::input(Problem::at(
                path,
                None,
                format!("the codebook is not UTF-8 ({e}); save it as UTF-8"),
            ))
        })?;
        Codebook::parse(&text, path)
    }

    /// Check a codebook's text; `path` gives the format (by extension) and names it.
    pub fn parse(text: &str, path: &Path) -> Result<Codebook> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let value: serde_json::Value = match ext.as_str() {
            "toml" => {
                let v: toml::Value = toml::from_str(text).map_err(|e| {
                    let line = e
                        .span()
                        .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
                    Error::input(Problem::at(
                        path,
                        line,
                        format!("not valid TOML: {}", e.message()),
                    ))
                })?;
                serde_json::to_value(v)
                    .map_err(|e| Error::input(Problem::at(path, None, e.to_string())))?
            }
            "json" => serde_json::from_str(text).map_err(|e| {
                Error::input(Problem::at(
                    path,
                    Some(e.line()),
                    format!("not valid JSON: {e}"),
                ))
            })?,
            _ => {
                return Err(Error::input(Problem::at(
                    path,
                    None,
                    "a codebook is a .toml or .json file; rename it with the right extension",
                )));
            }
        };
        let (mut book, problems) = check::check(&value);
        if !problems.is_empty() {
            return Err(Error::Input(
                problems
                    .into_iter()
                    .map(|m| Problem::at(path, None, m))
                    .collect(),
            ));
        }
        book.sha256 = crate::hash::sha256_hex(text.as_bytes());
        book.path = path.to_path_buf();
        Ok(book)
    }

    /// Themes in tree order (each parent followed by its sub-themes, at any depth),
    /// with their depth; siblings keep file order.
    pub fn tree(&self) -> Vec<(usize, &Theme)> {
        tree_order(&self.themes, |t| (t.id.as_str(), t.parent.as_deref()))
    }
}

/// Items of a theme tree in tree order (each parent followed by its children, at any
/// depth; siblings in the order given), with their depths. `key` gives an item's id and
/// parent id. Items in a parent cycle are left out (a checked codebook has none).
pub fn tree_order<T>(items: &[T], key: impl Fn(&T) -> (&str, Option<&str>)) -> Vec<(usize, &T)> {
    fn visit<'a, T>(
        items: &'a [T],
        key: &impl Fn(&T) -> (&str, Option<&str>),
        parent: Option<&str>,
        depth: usize,
        out: &mut Vec<(usize, &'a T)>,
    ) {
        for t in items.iter().filter(|t| key(t).1 == parent) {
            out.push((depth, t));
            visit(items, key, Some(key(t).0), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(items.len());
    visit(items, &key, None, 0, &mut out);
    out
}
