//! WebVTT (.vtt), as Zoom and Teams export it: a `WEBVTT` header, cues with optional
//! identifiers, `<v Speaker>` voice tags or `Speaker: text` payloads. NOTE, STYLE and
//! REGION blocks and cue settings are ignored.

use super::cue::{self, Cue};
use super::{Format, ParseError, Speakers, Turn, Warning};

pub fn parse(
    text: &str,
    speakers: &Speakers,
    warnings: &mut Vec<Warning>,
) -> Result<(Format, Vec<Turn>), ParseError> {
    let mut blocks = cue::blocks(text).into_iter();
    match blocks.next() {
        Some(header) if header[0].1.starts_with("WEBVTT") => {}
        Some(first) => {
            warnings.push(Warning {
                line: Some(first[0].0),
                message: "the file does not start with 'WEBVTT'; read as WebVTT anyway".into(),
            });
            blocks = std::iter::once(first)
                .chain(blocks)
                .collect::<Vec<_>>()
                .into_iter();
        }
        None => return Ok((Format::WebVtt, Vec::new())),
    }
    let mut cues = Vec::new();
    for block in blocks {
        let (n, first) = block[0];
        let word = first.split_whitespace().next().unwrap_or("");
        if matches!(word, "NOTE" | "STYLE" | "REGION") {
            continue;
        }
        let at = if first.contains("-->") { 0 } else { 1 };
        let Some(&(tn, tline)) = block.get(at).filter(|(_, l)| l.contains("-->")) else {
            return Err(ParseError::at(
                n,
                "a cue without a timing line ('00:00:01.000 --> 00:00:04.000'); \
                 add the timing, or remove the blank line that split this cue",
            ));
        };
        let (start_ms, end_ms) = cue::timing(tline, tn, "00:00:01.000 --> 00:00:04.000")?;
        let payload: Vec<&str> = block[at + 1..].iter().map(|(_, l)| *l).collect();
        let last = block.last().map_or(n, |(k, _)| *k);
        cues.push(Cue {
            lines: (n, last),
            start_ms,
            end_ms,
            payload,
        });
    }
    Ok(cue::turns(cues, speakers, warnings, Format::WebVtt))
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
        let (f, turns) = parse(text, &Speakers::default(), &mut w).unwrap();
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
        let (_, turns) = parse(text, &Speakers::default(), &mut Vec::new()).unwrap();
        assert_eq!(
            turns.iter().map(|t| t.speaker.as_str()).collect::<Vec<_>>(),
            ["Interviewer", "JSW2"]
        );
    }

    #[test]
    fn malformed_timing_names_the_line() {
        let text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>ok\n\n00:00:0x.000 --> 00:00:04.000\n<v A>bad\n";
        let e = parse(text, &Speakers::default(), &mut Vec::new()).unwrap_err();
        assert_eq!(e.line, Some(6));
        assert!(e.message.contains("00:00:0x.000"), "{}", e.message);
    }
}
