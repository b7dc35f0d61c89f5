//! Front matter at the top of a .txt/.md transcript: a `---` line, `key: value` lines,
//! a `---` line. `participant` names the file's participant; every other key is an
//! attribute.

use super::ParseError;

/// What a transcript's front matter says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The `participant` value and its line.
    pub participant: Option<(String, usize)>,
    /// Attributes in file order: lowercased key, value, line.
    pub attributes: Vec<(String, String, usize)>,
}

/// Parse front matter if the text starts with it. Returns it and the number of lines
/// it takes (0 when there is none).
pub fn parse(lines: &[&str]) -> Result<(FrontMatter, usize), ParseError> {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Ok((FrontMatter::default(), 0));
    }
    let mut fm = FrontMatter::default();
    for (i, raw) in lines.iter().enumerate().skip(1) {
        let n = i + 1;
        let line = raw.trim();
        if line == "---" || line == "..." {
            return Ok((fm, n));
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
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
        let value = unquote(value.trim()).to_owned();
        if key.is_empty() {
            return Err(ParseError::at(
                n,
                "front matter line has no key before the ':'",
            ));
        }
        if fm.attributes.iter().any(|(k, _, _)| *k == key)
            || (key == "participant" && fm.participant.is_some())
        {
            return Err(ParseError::at(
                n,
                format!("front matter key '{key}' is given twice; keep one"),
            ));
        }
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
    }
    Err(ParseError::at(
        1,
        "front matter opened with '---' never closes; add a '---' line after the last 'key: value' line",
    ))
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
}
