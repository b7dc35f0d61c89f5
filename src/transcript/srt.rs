//! SubRip (.srt): numbered cues, `00:00:01,000 --> 00:00:04,000`, text lines whose
//! speaker is given as `Speaker: text`.

use super::cue::{self, Dialect};
use super::{Format, NotTaken, ParseError, Speakers, Turn, Warning};

pub fn parse(
    text: &str,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
    not_taken: &mut Vec<NotTaken>,
) -> Result<(Format, Vec<Turn>), ParseError> {
    let cues = cue::cues(text, Dialect::Srt, warnings)?;
    Ok(cue::turns(cues, speakers, warnings, not_taken, Format::Srt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_cues_with_labels() {
        let text = "1\n00:00:01,000 --> 00:00:02,500\nInterviewer: So, unpaid work.\n\n2\n00:00:03,000 --> 00:00:05,000\nPP1: It's in the town,\nmiles away.\n\n3\n00:00:05,000 --> 00:00:07,000\nno bus on Sundays.\n";
        let (f, turns) =
            parse(text, &Speakers::default(), &mut Vec::new(), &mut Vec::new()).unwrap();
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
            parse(text, &Speakers::default(), &mut Vec::new(), &mut Vec::new())
                .unwrap_err()
                .line,
            Some(6)
        );
    }
}
