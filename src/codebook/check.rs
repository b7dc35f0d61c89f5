//! Codebook validation: the schema, by hand, so that every problem is found in one
//! pass and named by theme id and field (serde would stop at the first).

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Codebook, Near, Scope, Theme};
use crate::coding::words::Keyword;

const TOP_KEYS: &[&str] = &["name", "version", "description", "theme"];
const THEME_KEYS: &[&str] = &[
    "id",
    "label",
    "description",
    "include",
    "exclude",
    "examples",
    "parent",
    "keywords",
    "patterns",
    "near",
    "exclude_patterns",
    "scope",
    "min_hits",
];

/// The codebook as far as it could be read, and every problem found.
pub fn check(v: &Value) -> (Codebook, Vec<String>) {
    let mut p = Vec::new();
    let mut book = Codebook {
        name: String::new(),
        version: None,
        description: None,
        themes: Vec::new(),
        sha256: String::new(),
        path: Default::default(),
    };
    let Some(top) = v.as_object() else {
        p.push(
            "the codebook must be a table (TOML) or an object (JSON) with `name` and `theme`"
                .to_owned(),
        );
        return (book, p);
    };
    unknown_keys(top, TOP_KEYS, "the codebook", &mut p);
    match top.get("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => book.name = s.clone(),
        Some(_) => p.push("`name` must be a non-empty string".to_owned()),
        None => p.push("`name` is missing: give the codebook a name".to_owned()),
    }
    book.version = match top.get("version") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => {
            p.push("`version` must be a string".to_owned());
            None
        }
    };
    book.description = opt_string(top, "description", "the codebook", &mut p);
    let themes = match top.get("theme") {
        Some(Value::Array(a)) => a.as_slice(),
        Some(_) => {
            p.push("`theme` must be an array of tables ([[theme]] in TOML)".to_owned());
            &[]
        }
        None => {
            p.push("there are no themes: add [[theme]] entries".to_owned());
            &[]
        }
    };
    for (i, t) in themes.iter().enumerate() {
        if let Some(theme) = check_theme(t, i, &mut p) {
            book.themes.push(theme);
        }
    }
    check_tree(&book.themes, &mut p);
    (book, p)
}

fn check_theme(v: &Value, index: usize, p: &mut Vec<String>) -> Option<Theme> {
    let Some(o) = v.as_object() else {
        p.push(format!("theme {}: must be a table", index + 1));
        return None;
    };
    let id = match o.get("id") {
        Some(Value::String(s)) => s.clone(),
        _ => {
            p.push(format!(
                "theme {}: `id` is missing or not a string",
                index + 1
            ));
            format!("#{}", index + 1)
        }
    };
    let at = format!("theme '{id}'");
    if !id.starts_with('#')
        && (id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
    {
        p.push(format!(
            "{at}: `id` may hold only lowercase letters, digits, '_' and '-'"
        ));
    }
    unknown_keys(o, THEME_KEYS, &at, p);
    let mut t = Theme {
        id: id.clone(),
        label: opt_string(o, "label", &at, p),
        description: opt_string(o, "description", &at, p),
        include: opt_string(o, "include", &at, p),
        exclude: opt_string(o, "exclude", &at, p),
        examples: strings(o, "examples", &at, p),
        parent: opt_string(o, "parent", &at, p),
        keywords: strings(o, "keywords", &at, p),
        patterns: strings(o, "patterns", &at, p),
        exclude_patterns: strings(o, "exclude_patterns", &at, p),
        min_hits: 1,
        ..Theme::default()
    };
    for (i, k) in t.keywords.iter().enumerate() {
        if let Err(e) = Keyword::parse(k) {
            p.push(format!("{at}: keywords[{}] {k:?}: {e}", i + 1));
        }
    }
    for (field, list) in [
        ("patterns", &t.patterns),
        ("exclude_patterns", &t.exclude_patterns),
    ] {
        for (i, pat) in list.iter().enumerate() {
            if let Err(e) = regex::RegexBuilder::new(pat)
                .case_insensitive(true)
                .size_limit(50 << 20)
                .build()
            {
                p.push(format!(
                    "{at}: {field}[{}] is not a valid regex: {}",
                    i + 1,
                    one_line(&e.to_string())
                ));
            }
        }
    }
    if let Some(n) = o.get("near") {
        match n.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    match near(item) {
                        Ok(n) => {
                            for w in &n.all {
                                if let Err(e) = Keyword::parse(w).and_then(|k| k.single_word()) {
                                    p.push(format!("{at}: near[{}] word {w:?}: {e}", i + 1));
                                }
                            }
                            t.near.push(n);
                        }
                        Err(e) => p.push(format!("{at}: near[{}]: {e}", i + 1)),
                    }
                }
            }
            None => p.push(format!(
                "{at}: `near` must be an array of {{ all = [...], within = N }}"
            )),
        }
    }
    match o.get("scope") {
        None => {}
        Some(Value::String(s)) => match s.as_str() {
            "participant" => t.scope = Scope::Participant,
            "interviewer" => t.scope = Scope::Interviewer,
            "all" => t.scope = Scope::All,
            other => p.push(format!(
                "{at}: `scope` is {other:?}; use participant, interviewer or all"
            )),
        },
        Some(_) => p.push(format!(
            "{at}: `scope` must be a string: participant, interviewer or all"
        )),
    }
    match o.get("min_hits") {
        None => {}
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 => t.min_hits = n as usize,
            _ => p.push(format!(
                "{at}: `min_hits` must be a whole number of at least 1"
            )),
        },
    }
    Some(t)
}

fn near(v: &Value) -> Result<Near, String> {
    let o = v
        .as_object()
        .ok_or("must be a table { all = [...], within = N }")?;
    for k in o.keys() {
        if k != "all" && k != "within" {
            return Err(format!(
                "unknown key '{k}'; a near rule has `all` and `within`"
            ));
        }
    }
    let all: Vec<String> = o
        .get("all")
        .and_then(Value::as_array)
        .ok_or("`all` must be a list of at least two words")?
        .iter()
        .map(|w| {
            w.as_str()
                .map(str::to_owned)
                .ok_or("`all` must hold strings")
        })
        .collect::<Result<_, _>>()?;
    if all.len() < 2 {
        return Err("`all` must list at least two words".into());
    }
    let within = o
        .get("within")
        .and_then(Value::as_u64)
        .filter(|&n| n >= 1)
        .ok_or("`within` must be a whole number of at least 1")?;
    Ok(Near {
        all,
        within: within as usize,
    })
}

fn check_tree(themes: &[Theme], p: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for t in themes {
        if !seen.insert(t.id.as_str()) {
            p.push(format!(
                "theme '{}': the id is used by another theme; ids must be unique",
                t.id
            ));
        }
    }
    let parents: HashMap<&str, Option<&str>> = themes
        .iter()
        .map(|t| (t.id.as_str(), t.parent.as_deref()))
        .collect();
    for t in themes {
        if let Some(parent) = &t.parent
            && !parents.contains_key(parent.as_str())
        {
            p.push(format!(
                "theme '{}': `parent` '{parent}' is not a theme id",
                t.id
            ));
        }
    }
    let mut reported = HashSet::new();
    for t in themes {
        let mut path = vec![t.id.as_str()];
        let mut cur = t.parent.as_deref();
        while let Some(c) = cur {
            if let Some(pos) = path.iter().position(|x| *x == c) {
                let mut cycle: Vec<&str> = path[pos..].to_vec();
                cycle.sort();
                if reported.insert(cycle.join(",")) {
                    let mut shown: Vec<&str> = path[pos..].to_vec();
                    shown.push(c);
                    p.push(format!(
                        "theme '{}': `parent` makes a cycle: {}",
                        c,
                        shown.join(" -> ")
                    ));
                }
                break;
            }
            path.push(c);
            cur = parents.get(c).copied().flatten();
        }
    }
}

fn unknown_keys(o: &Map<String, Value>, known: &[&str], at: &str, p: &mut Vec<String>) {
    for k in o.keys() {
        if !known.contains(&k.as_str()) {
            let hint = known
                .iter()
                .map(|c| (distance(k, c), c))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, c)| format!(" (did you mean `{c}`?)"))
                .unwrap_or_else(|| format!("; known keys are {}", known.join(", ")));
            p.push(format!("{at}: unknown key `{k}`{hint}"));
        }
    }
}

fn opt_string(o: &Map<String, Value>, key: &str, at: &str, p: &mut Vec<String>) -> Option<String> {
    match o.get(key) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            p.push(format!("{at}: `{key}` must be a string"));
            None
        }
    }
}

fn strings(o: &Map<String, Value>, key: &str, at: &str, p: &mut Vec<String>) -> Vec<String> {
    match o.get(key) {
        None => Vec::new(),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v.as_str() {
                Some(s) => Some(s.to_owned()),
                None => {
                    p.push(format!("{at}: {key}[{}] must be a string", i + 1));
                    None
                }
            })
            .collect(),
        Some(_) => {
            p.push(format!("{at}: `{key}` must be a list of strings"));
            Vec::new()
        }
    }
}

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
