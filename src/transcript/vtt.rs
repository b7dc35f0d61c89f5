//! WebVTT (.vtt), as Zoom, Teams and YouTube export it: a `WEBVTT` header (a title,
//! `X-TIMESTAMP-MAP`, YouTube's `Kind:` and `Language:` lines after it), cues with
//! optional identifiers (Zoom's numbers, Teams' `…/12-0`), `<v Speaker>` voice tags
//! (Teams) or `Speaker: text` payloads (Zoom). NOTE, STYLE and REGION blocks and cue
//! settings are ignored.

use super::cue::{self, Dialect};
use super::{Format, NotTaken, ParseError, Speakers, Turn, Warning};

pub fn parse(
    text: &str,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
    not_taken: &mut Vec<NotTaken>,
) -> Result<(Format, Vec<Turn>), ParseError> {
    let mut cues = cue::cues(text, Dialect::WebVtt, warnings)?;
    cue::drop_rolling_repeats(&mut cues);
    Ok(cue::turns(
        cues,
        speakers,
        warnings,
        not_taken,
        Format::WebVtt,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Role;

    #[test]
    fn teams_style_voice_tags_merge_by_speaker() {
        let text = "WEBVTT\n\nNOTE exported\nby Teams\n\nSTYLE\n::cue { color: red }\n\n\
                    a1b2-0\n00:00:01.000 --> 00:00:03.000 position:10%\n<v Interviewer>How are things?</v>\n\n\
                    00:00:03.500 --> 00:00:05.000\n<v Morag B>Fine.\n\n\
                    00:00:05.000 --> 00:00:08.250\n<v Morag B>The bus is late.</v>\n";
        let mut w = Vec::new();
        let (f, turns) = parse(text, &Speakers::default(), &mut w, &mut Vec::new()).unwrap();
        assert_eq!(f, Format::WebVtt);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(turns.len(), 2);
        assert_eq!(
            (
                turns[0].role,
                turns[0].lines,
                turns[0].start_ms,
                turns[0].end_ms
            ),
            (Role::Interviewer, (9, 11), Some(1_000), Some(3_000))
        );
        assert_eq!(turns[1].text, "Fine. The bus is late.");
        assert_eq!(
            (turns[1].lines, turns[1].start_ms, turns[1].end_ms),
            ((13, 17), Some(3_500), Some(8_250))
        );
    }

    #[test]
    fn zoom_style_colon_labels() {
        let text = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nInterviewer: Hello.\n\n2\n00:00:02.000 --> 00:00:04.000\nJSW2: Hi there.\n";
        let (_, turns) =
            parse(text, &Speakers::default(), &mut Vec::new(), &mut Vec::new()).unwrap();
        assert_eq!(
            turns.iter().map(|t| t.speaker.as_str()).collect::<Vec<_>>(),
            ["Interviewer", "JSW2"]
        );
    }

    #[test]
    fn malformed_timing_names_the_line() {
        let text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>ok\n\n00:00:0x.000 --> 00:00:04.000\n<v A>bad\n";
        let e = parse(text, &Speakers::default(), &mut Vec::new(), &mut Vec::new()).unwrap_err();
        assert_eq!(e.line, Some(6));
        assert!(e.message.contains("00:00:0x.000"), "{}", e.message);
    }
}
