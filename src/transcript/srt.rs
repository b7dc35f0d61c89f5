//! SubRip (.srt): numbered cues, `00:00:01,000 --> 00:00:04,000`, text lines whose
//! speaker is given as `Speaker: text`.

use super::cue::{self, Cue};
use super::{Format, ParseError, Speakers, Turn, Warning};

pub fn parse(
    text: &str,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> Result<(Format, Vec<Turn>), ParseError> {
    let mut cues = Vec::new();
    for block in cue::blocks(text) {
        let (n, first) = block[0];
        let at = if first.trim().chars().all(|c| c.is_ascii_digit()) {
            1
        } else {
            0
        };
        let Some(&(tn, tline)) = block.get(at) else {
            return Err(ParseError::at(
                n,
                "a cue number with no timing line after it; add '00:00:01,000 --> 00:00:04,000' below it",
            ));
        };
        if !tline.contains("-->") {
            return Err(ParseError::at(
                tn,
                format!(
                    "expected a cue timing such as '00:00:01,000 --> 00:00:04,000', found '{}'; \
                     fix the line, or remove the blank line that split the cue above",
                    tline.trim()
                ),
            ));
        }
        let (start_ms, end_ms) = cue::timing(tline, tn, "00:00:01,000 --> 00:00:04,000")?;
        let payload: Vec<&str> = block[at + 1..].iter().map(|(_, l)| *l).collect();
        let last = block.last().map_or(n, |(k, _)| *k);
        cues.push(Cue {
            lines: (n, last),
            start_ms,
            end_ms,
            payload,
        });
    }
    Ok(cue::turns(cues, speakers, warnings, Format::Srt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_cues_with_labels() {
        let text = "1\n00:00:01,000 --> 00:00:02,500\nInterviewer: So, unpaid work.\n\n2\n00:00:03,000 --> 00:00:05,000\nPP1: It's in the town,\nmiles away.\n\n3\n00:00:05,000 --> 00:00:07,000\nno bus on Sundays.\n";
        let (f, turns) = parse(text, &Speakers::default(), &mut Vec::new()).unwrap();
        assert_eq!(f, Format::Srt);
        assert_eq!(turns.len(), 2);
        assert_eq!(
            turns[1].text,
            "It's in the town, miles away. no bus on Sundays."
        );
        assert_eq!(
            (turns[1].lines, turns[1].start_ms, turns[1].end_ms),
            ((5, 12), Some(3_000), Some(7_000))
        );
    }

    #[test]
    fn malformed_timing() {
        let text = "1\n00:00:01,000 --> 00:00:02,500\nA: x\n\n2\n00:00:03 --> soon\nA: y\n";
        assert_eq!(
            parse(text, &Speakers::default(), &mut Vec::new())
                .unwrap_err()
                .line,
            Some(6)
        );
    }
}
