//! SubViewer (.sbv), as YouTube and Google Meet write it (Meet saves a recording's
//! captions as one beside the video in Drive): a `0:00:01.000,0:00:04.000` timing
//! line, the text below it, blank lines between cues; speakers given as
//! `Speaker: text` or marked `>>`.

use super::cue::{self, Dialect};
use super::{Format, NotTaken, ParseError, Speakers, Turn, Warning};

pub fn parse(
    text: &str,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
    not_taken: &mut Vec<NotTaken>,
) -> Result<(Format, Vec<Turn>), ParseError> {
    let cues = cue::cues(text, Dialect::Sbv, warnings)?;
    Ok(cue::turns(cues, speakers, warnings, not_taken, Format::Sbv))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meet_captions_with_names() {
        let text = "0:00:00.599,0:00:04.160\nMorag Brown: Hello, can you hear me?\n\n0:00:04.160,0:00:06.770\nInterviewer: Yes.\nGo on.\n\n0:00:06.770,0:00:08.000\nMorag Brown: The bus.\n";
        let mut w = Vec::new();
        let (f, turns) = parse(text, &Speakers::default(), &mut w, &mut Vec::new()).unwrap();
        assert_eq!(f, Format::Sbv);
        assert!(w.is_empty(), "{w:?}");
        let got: Vec<_> = turns
            .iter()
            .map(|t| (t.speaker.as_str(), t.text.as_str(), t.start_ms, t.lines))
            .collect();
        assert_eq!(
            got,
            [
                ("Morag Brown", "Hello, can you hear me?", Some(599), (1, 2)),
                ("Interviewer", "Yes. Go on.", Some(4_160), (4, 6)),
                ("Morag Brown", "The bus.", Some(6_770), (8, 9)),
            ]
        );
    }

    #[test]
    fn bad_timing_names_the_line() {
        let text = "0:00:00.599,0:00:04.160\nA: Hi.\n\n0:00:04.160;0:00:06.770\nA: no\n";
        let e = parse(text, &Speakers::default(), &mut Vec::new(), &mut Vec::new()).unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(
            e.message.contains("0:00:01.000,0:00:04.000"),
            "{}",
            e.message
        );
    }
}
