//! Front matter at the top of a .txt/.md transcript: a `---` line, `key: value` lines,
//! a `---` line (YAML, as note-taking and publishing tools write it). `participant`
//! names the file's participant; every other key with a scalar value is an attribute.
//! A key whose value is a list or a nested mapping (indented lines, `- item` lines, or
//! `[...]`/`{...}`) is skipped and reported; a block scalar (`|` or `>`) is read as text.

use super::ParseError;

/// What a transcript's front matter says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The `participant` value and its line.
    pub participant: Option<(String, usize)>,
    /// Attributes in file order: lowercased key, value, line.
    pub attributes: Vec<(String, String, usize)>,
    /// Keys skipped because their value is not a single value: key, line.
    pub skipped: Vec<(String, usize)>,
}

/// What the value of a key turned out to be once its continuation lines are seen.
enum Value {
    Scalar(String),
    /// `|` (lines kept) or `>` (lines folded into one).
    Block {
        keep_lines: bool,
        lines: Vec<String>,
    },
    /// A list or a mapping: skipped.
    Collection,
}

/// Parse front matter if the text starts with it. Returns it and the number of lines
/// it takes (0 when there is none).
pub fn parse(lines: &[&str]) -> Result<(FrontMatter, usize), ParseError> {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Ok((FrontMatter::default(), 0));
    }
    let mut fm = FrontMatter::default();
    // The key being read, its line, and its value so far.
    let mut open: Option<(String, usize, Value)> = None;
    for (i, raw) in lines.iter().enumerate().skip(1) {
        let n = i + 1;
        let line = raw.trim();
        if line == "---" || line == "..." {
            if let Some(k) = open.take() {
                settle(&mut fm, k)?;
            }
            return Ok((fm, n));
        }
        let indented = raw.starts_with([' ', '\t']);
        if line.is_empty() || line.starts_with('#') {
            if let Some((_, _, Value::Block { lines, .. })) = open.as_mut()
                && line.is_empty()
            {
                lines.push(String::new());
            }
            continue;
        }
        // A continuation of the open key: an indented line, or a `- item`.
        if let Some((_, _, value)) = open.as_mut()
            && (indented || line == "-" || line.starts_with("- "))
        {
            match value {
                Value::Block { lines, .. } => lines.push(line.to_owned()),
                Value::Scalar(v) if v.is_empty() => *value = Value::Collection,
                // A plain value wrapped onto the next line.
                Value::Scalar(v) if indented => {
                    v.push(' ');
                    v.push_str(line);
                }
                _ => *value = Value::Collection,
            }
            continue;
        }
        if let Some(k) = open.take() {
            settle(&mut fm, k)?;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(ParseError::at(
                n,
                format!(
                    "front matter line '{line}' is not 'key: value'; fix it, or close the front matter with a '---' line above it"
                ),
            ));
        };
        let key = key.trim().to_lowercase();
        if key.is_empty() {
            return Err(ParseError::at(
                n,
                "front matter line has no key before the ':'",
            ));
        }
        if fm.attributes.iter().any(|(k, _, _)| *k == key)
            || fm.skipped.iter().any(|(k, _)| *k == key)
            || (key == "participant" && fm.participant.is_some())
        {
            return Err(ParseError::at(
                n,
                format!("front matter key '{key}' is given twice; keep one"),
            ));
        }
        let value = value.trim();
        let value = match value.chars().next() {
            Some('[' | '{') => Value::Collection,
            Some('|' | '>') if value.len() <= 3 => Value::Block {
                keep_lines: value.starts_with('|'),
                lines: Vec::new(),
            },
            _ => Value::Scalar(unquote(value).to_owned()),
        };
        open = Some((key, n, value));
    }
    Err(ParseError::at(
        1,
        "front matter opened with '---' never closes; add a '---' line after the last 'key: value' line",
    ))
}

/// A key whose value is complete: an attribute, the participant, or a skipped key.
fn settle(fm: &mut FrontMatter, (key, n, value): (String, usize, Value)) -> Result<(), ParseError> {
    let value = match value {
        Value::Scalar(v) => v,
        Value::Block { keep_lines, lines } => {
            let joined = lines.join(if keep_lines { "\n" } else { " " });
            joined.trim().to_owned()
        }
        Value::Collection => {
            fm.skipped.push((key, n));
            return Ok(());
        }
    };
    if key == "participant" {
        if value.is_empty() {
            return Err(ParseError::at(
                n,
                "front matter 'participant' is empty; give the participant id",
            ));
        }
        fm.participant = Some((value, n));
    } else if !value.is_empty() {
        fm.attributes.push((key, value, n));
    }
    Ok(())
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_participant_and_attributes() {
        let lines = [
            "---",
            "participant: C05",
            "Group: Client",
            "area: \"Rural\"",
            "---",
            "Int: hi",
        ];
        let (fm, n) = parse(&lines).unwrap();
        assert_eq!(n, 5);
        assert_eq!(fm.participant, Some(("C05".into(), 2)));
        assert_eq!(
            fm.attributes,
            vec![
                ("group".into(), "Client".into(), 3),
                ("area".into(), "Rural".into(), 4)
            ]
        );
    }

    #[test]
    fn absent_front_matter() {
        assert_eq!(
            parse(&["Int: hi", "---"]).unwrap(),
            (FrontMatter::default(), 0)
        );
    }

    #[test]
    fn unclosed_and_malformed() {
        let e = parse(&["---", "participant: C1", "Int: hello"]).unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = parse(&["---", "just words", "---"]).unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = parse(&["---", "area: a", "area: b", "---"]).unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn lists_and_nested_values_are_skipped_block_scalars_read() {
        let lines = [
            "---",
            "title: Interview 4",
            "tags:",
            "  - transcript",
            "- coded",
            "authors: [A, B]",
            "meta:",
            "  site: north",
            "summary: >",
            "  Two lines",
            "  folded.",
            "area: Rural",
            "---",
        ];
        let (fm, n) = parse(&lines).unwrap();
        assert_eq!(n, 13);
        assert_eq!(
            fm.attributes,
            vec![
                ("title".into(), "Interview 4".into(), 2),
                ("summary".into(), "Two lines folded.".into(), 9),
                ("area".into(), "Rural".into(), 12),
            ]
        );
        assert_eq!(
            fm.skipped,
            vec![
                ("tags".into(), 3),
                ("authors".into(), 6),
                ("meta".into(), 7)
            ]
        );
    }
}
