//! Bytes to text: byte-order marks, UTF-16, the 8-bit fallback (Windows-1252,
//! ISO-8859-15 or Mac Roman, whichever reads as text), binary
//! detection, line endings and Unicode NFC. Everything after this module sees one
//! `String` with `\n` line endings.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The encoding a file was read in, for messages and `coda sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
    Latin9,
    MacRoman,
    Windows1250,
    Latin2,
    Windows1251,
    Koi8R,
    Windows1253,
    Greek,
    Windows874,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Latin9 => "ISO-8859-15",
            Encoding::MacRoman => "Mac Roman",
            Encoding::Windows1250 => "Windows-1250",
            Encoding::Latin2 => "ISO-8859-2",
            Encoding::Windows1251 => "Windows-1251",
            Encoding::Koi8R => "KOI8-R",
            Encoding::Windows1253 => "Windows-1253",
            Encoding::Greek => "ISO-8859-7",
            Encoding::Windows874 => "Windows-874",
        }
    }
}

/// Decoded text plus what the decoder had to say about it.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Non-fatal remarks (a guessed encoding), each with the 1-based line it concerns.
    pub warnings: Vec<(usize, String)>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary {
        what: &'static str,
        hint: &'static str,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty: nothing to read"),
            DecodeError::Binary { what, hint } => write!(f, "{what}, not text: {hint}"),
        }
    }
}

/// Decode a file's bytes. Never fails on text; fails on empty and binary input.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let mut warnings = Vec::new();
    let (raw, encoding): (Cow<'_, str>, Encoding) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (utf8_or_1252(rest, &mut warnings).0, Encoding::Utf8Bom)
        } else if bytes.starts_with(b"\xFF\xFE") {
            (
                decode_utf16(&bytes[2..], true, &mut warnings),
                Encoding::Utf16Le,
            )
        } else if bytes.starts_with(b"\xFE\xFF") {
            (
                decode_utf16(&bytes[2..], false, &mut warnings),
                Encoding::Utf16Be,
            )
        } else if let Some(err) = sniff_binary(bytes) {
            if let Some(le) = looks_like_bomless_utf16(bytes) {
                warnings.push((
                    1,
                    format!(
                        "no byte-order mark, but the bytes look like UTF-16{}: read as such; \
                     save the file as UTF-8 to be sure",
                        if le { "LE" } else { "BE" }
                    ),
                ));
                let enc = if le {
                    Encoding::Utf16Le
                } else {
                    Encoding::Utf16Be
                };
                (decode_utf16(bytes, le, &mut warnings), enc)
            } else {
                return Err(err);
            }
        } else {
            utf8_or_1252(bytes, &mut warnings)
        };
    if raw.contains('\0') {
        return Err(DecodeError::Binary {
            what: "the file contains NUL characters",
            hint: "it is probably a binary file; save it as plain text (.txt, UTF-8) and try again",
        });
    }
    let text = normalise_newlines(&raw);
    let text = without_bidi_controls(text);
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    };
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

fn utf8_or_1252<'a>(
    bytes: &'a [u8],
    warnings: &mut Vec<(usize, String)>,
) -> (Cow<'a, str>, Encoding) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        // Valid UTF-8 cut off in the middle of its last character: still UTF-8.
        Err(e) if e.error_len().is_none() => {
            let at = e.valid_up_to();
            let text = std::str::from_utf8(&bytes[..at]).expect("valid up to here");
            warnings.push((line_at(text), cut_off("UTF-8")));
            (Cow::Owned(format!("{text}\u{FFFD}")), Encoding::Utf8)
        }
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            let (text, encoding) = eight_bit(bytes);
            warnings.push((
                line,
                format!(
                    "not valid UTF-8 (first bad byte 0x{:02X} at byte {at}): read as {}; \
                     if characters look wrong, save the file as UTF-8",
                    bytes[at],
                    encoding.name()
                ),
            ));
            (Cow::Owned(text), encoding)
        }
    }
}

/// Text in an 8-bit encoding: Windows-1252 (Word on Windows), ISO-8859-15 (Latin-9,
/// with `€`), Mac Roman (classic Mac OS), or Windows-1250 / ISO-8859-2 (Central
/// European: Polish `ł`, `ą`, `ż` are `³`, `¹`, `¿` in Windows-1252), whichever reads
/// more like text; the first of them when they read alike (so Czech, whose letters
/// Windows-1252 reads as other letters, `ř` as `ø`, is not told apart), Windows-1251 /
/// KOI8-R (Cyrillic), Windows-1253 / ISO-8859-7 (Greek) or Windows-874 (Thai). They all
/// agree on ASCII, so only the other bytes are judged (Russian in Windows-1252 is words
/// of accented Latin letters only, `Ñïàñèáî`, which no Latin-script language writes):
/// `it\xD5s` is `itÕs` in Windows-1252 and `it’s` in Mac Roman, `caf\xE9` is `café` in
/// the one and `cafÈ` in the other.
fn eight_bit(bytes: &[u8]) -> (String, Encoding) {
    let mut best: Option<(i64, String, Encoding)> = None;
    for (enc, encoding) in [
        (encoding_rs::WINDOWS_1252, Encoding::Windows1252),
        (encoding_rs::ISO_8859_15, Encoding::Latin9),
        (encoding_rs::MACINTOSH, Encoding::MacRoman),
        (encoding_rs::WINDOWS_1250, Encoding::Windows1250),
        (encoding_rs::ISO_8859_2, Encoding::Latin2),
        (encoding_rs::WINDOWS_1251, Encoding::Windows1251),
        (encoding_rs::KOI8_R, Encoding::Koi8R),
        (encoding_rs::WINDOWS_1253, Encoding::Windows1253),
        (encoding_rs::ISO_8859_7, Encoding::Greek),
        (encoding_rs::WINDOWS_874, Encoding::Windows874),
    ] {
        let (s, _, _) = enc.decode(bytes);
        let score = plausibility(&s);
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, s.into_owned(), encoding));
        }
    }
    let (_, text, encoding) = best.expect("ten candidates");
    (text, encoding)
}

/// How much the non-ASCII characters of a decoding read like text: a letter within or
/// at the end of a word, a capital starting one, a quote or dash where punctuation goes
/// score; a capital after a small letter, a letter standing alone, a control character
/// or a stray symbol (`¤`, `∑`, `¸`) cost; so do a word mixing scripts (`cafй`) and a
/// Latin word of three letters or more most of whose letters are accented (`ìàòü`); a
/// letter of a script without case (Thai) scores within a word.
fn plausibility(text: &str) -> i64 {
    let mut score = 0;
    let mut prev = ' ';
    let mut word = Word::default();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        match script(c) {
            Some(s) => word.add(s, c.is_ascii()),
            None => score += std::mem::take(&mut word).cost(),
        }
        if !c.is_ascii() && script(c).is_some_and(|s| s == Script::Caseless) {
            score += i64::from(prev.is_alphanumeric() || next.is_alphanumeric());
        } else if !c.is_ascii() {
            let word_before = prev.is_alphanumeric();
            let word_after = next.is_alphanumeric();
            score += if c.is_control() || c == '\u{F8FF}' {
                -6
            } else if c.is_lowercase() {
                match (word_before, word_after) {
                    (true, _) => 2,
                    (false, true) => 1,
                    (false, false) => -2,
                }
            } else if c.is_uppercase() {
                // (A capital starts a word of letters: `Ł72` is Windows-1252's `£72`.)
                if prev.is_lowercase() {
                    -4
                } else if word_before || next.is_alphabetic() {
                    2
                } else {
                    -4
                }
            } else if c.is_alphabetic() {
                0
            } else {
                match c {
                    // Quotes, dashes, an ellipsis: where punctuation goes.
                    '‘' | '“' | '«' | '„' | '‚' => {
                        if word_after && !word_before {
                            4
                        } else {
                            -1
                        }
                    }
                    // Spanish opening marks: closed later on the line.
                    '¡' | '¿' => {
                        let close = if c == '¿' { '?' } else { '!' };
                        let rest = &text[i + c.len_utf8()..];
                        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
                        if word_after && !word_before && line.contains(close) {
                            4
                        } else {
                            -1
                        }
                    }
                    '’' | '”' | '»' => {
                        if word_before || prev == '.' || prev == ',' {
                            4
                        } else {
                            -1
                        }
                    }
                    '–' | '—' | '…' => 3,
                    '€' | '£' | '°' | '©' | '®' | '™' | '§' | '•' | '\u{A0}' => 1,
                    _ => -2,
                }
            };
        }
        prev = c;
    }
    score + word.cost()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    /// Thai, Hebrew, Arabic and the like: letters without case.
    Caseless,
}

/// The script of a letter (combining marks of a caseless script count as its letters).
fn script(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' => Some(Script::Latin),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        '\u{0400}'..='\u{052F}' => Some(Script::Cyrillic),
        '\u{0590}'..='\u{06FF}' | '\u{0E00}'..='\u{0E7F}' => Some(Script::Caseless),
        _ if c.is_alphabetic() && (c as u32) < 0x0250 => Some(Script::Latin),
        _ => None,
    }
}

/// The letters of one word, by script, for [`plausibility`].
#[derive(Default)]
struct Word {
    latin: i64,
    accented: i64,
    other: i64,
    scripts: u8,
}

impl Word {
    fn add(&mut self, s: Script, ascii: bool) {
        self.scripts |= 1 << s as u8;
        match s {
            Script::Latin => {
                self.latin += 1;
                self.accented += i64::from(!ascii);
            }
            _ => self.other += 1,
        }
    }

    fn cost(self) -> i64 {
        if self.scripts.count_ones() > 1 {
            -4 * (self.latin + self.other)
        } else if self.latin >= 3 && 2 * self.accented > self.latin {
            -2 * self.accented
        } else {
            0
        }
    }
}

fn decode_utf16(
    bytes: &[u8],
    little_endian: bool,
    warnings: &mut Vec<(usize, String)>,
) -> Cow<'static, str> {
    let enc = if little_endian {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let odd = bytes.len() % 2 == 1;
    let (s, bad) = enc.decode_without_bom_handling(&bytes[..bytes.len() & !1]);
    let mut text = s.into_owned();
    if bad {
        let first = text.find('\u{FFFD}').unwrap_or(0);
        warnings.push((
            line_at(&text[..first]),
            "invalid UTF-16 (a lone surrogate): replaced with \u{FFFD}; save the file as UTF-8 \
             from the program that wrote it"
                .to_owned(),
        ));
    }
    if odd {
        warnings.push((line_at(&text), cut_off("UTF-16")));
        text.push('\u{FFFD}');
    }
    Cow::Owned(text)
}

/// The 1-based line on which text ends.
fn line_at(text: &str) -> usize {
    1 + text.bytes().filter(|&b| b == b'\n').count()
}

fn cut_off(encoding: &str) -> String {
    format!(
        "the file ends in the middle of a {encoding} character (cut off?): the last bytes were \
         read as \u{FFFD}; check that the file is complete"
    )
}

/// Known binary formats by their magic bytes, then NUL bytes anywhere in the first 8 KiB.
fn sniff_binary(bytes: &[u8]) -> Option<DecodeError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(DecodeError::Binary {
            what: "a zip archive (a Word .docx or similar)",
            hint: "if it is a Word document, give it the .docx extension (.odt for an OpenDocument text) and coda reads it; otherwise save it as plain text (.txt, UTF-8)",
        });
    }
    if bytes.starts_with(b"%PDF") {
        return Some(DecodeError::Binary {
            what: "a PDF document",
            hint: "export or copy its text into a .txt file",
        });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Some(DecodeError::Binary {
            what: "an old Word .doc file",
            hint: "open it in Word and save it as .docx, or use Save As > Plain Text (.txt), UTF-8",
        });
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some(DecodeError::Binary {
            what: "a binary file (it contains NUL bytes)",
            hint: "save it as plain text (.txt, UTF-8) and try again",
        });
    }
    None
}

/// UTF-16 text without a BOM has NUL in every other byte for ASCII-heavy text.
/// Returns `Some(true)` for little-endian, `Some(false)` for big-endian.
fn looks_like_bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(true)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// Text without the invisible marks that set the direction of right-to-left text
/// (U+200E, U+200F, U+061C, U+202A-U+202E, U+2066-U+2069): an Arabic or Hebrew
/// export puts them around labels (`\u{200F}محقق:\u{200F}`), and an override can make a
/// terminal show text in another order than it is stored.
fn without_bidi_controls(text: String) -> String {
    let bidi = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(bidi) {
        return text;
    }
    text.chars().filter(|&c| !bidi(c)).collect()
}

/// CRLF and lone CR become LF, so line numbers count the same for every platform.
fn normalise_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode("Int: café\n".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Int: café\n", Encoding::Utf8)
        );
        let d = decode(b"\xEF\xBB\xBFInt: hi\n").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Int: hi\n", Encoding::Utf8Bom)
        );
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_both_byte_orders_with_bom() {
        let s = "Q: rural – bus\r\nA: yes\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Q: rural – bus\nA: yes\n", Encoding::Utf16Le)
        );
        let d = decode(&be).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Q: rural – bus\nA: yes\n", Encoding::Utf16Be)
        );
    }

    #[test]
    fn utf16_without_bom_is_guessed_with_a_warning() {
        let le: Vec<u8> = "Q: hello there\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&le).unwrap();
        assert_eq!(d.text, "Q: hello there\n");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn windows_1252_fallback_warns_with_line() {
        // "it\x92s" is a Word curly apostrophe in Windows-1252, on line 2.
        let d = decode(b"Int: ok\nC1: it\x92s \x93fine\x94\n").unwrap();
        assert_eq!(d.text, "Int: ok\nC1: it\u{2019}s \u{201C}fine\u{201D}\n");
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.warnings[0].0, 2);
        assert!(
            d.warnings[0].1.contains("Windows-1252"),
            "{}",
            d.warnings[0].1
        );
    }

    #[test]
    fn mac_roman_and_latin_9_are_told_from_windows_1252() {
        // Mac Roman, CR line endings: curly quotes 0xD2/0xD3, apostrophe 0xD5, en dash 0xD0.
        let d = decode(b"Notes \xD0 site visit\rHe said \xD2it\xD5s fine\xD3.\r").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (
                "Notes \u{2013} site visit\nHe said \u{201C}it\u{2019}s fine\u{201D}.\n",
                Encoding::MacRoman
            )
        );
        assert!(d.warnings[0].1.contains("Mac Roman"), "{}", d.warnings[0].1);
        // ISO-8859-15: 0xA4 is the euro sign (a currency sign in Windows-1252).
        let d = decode(b"I1: 50 \xA4 a week, Zo\xEB said.\n").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("I1: 50 \u{20AC} a week, Zo\u{EB} said.\n", Encoding::Latin9)
        );
        // Polish in Windows-1250: `ł`, `ą`, `ż` (Windows-1252 would read `³`, `¹`, `¿`).
        let d = decode(b"AK: Dzie\xF1 dobry, dzi\xEAkuj\xEA, \xBFe pan przyszed\xB3. By\xB3a \xBFona i w\xB3a\x9Cnie.\n").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (
                "AK: Dzie\u{144} dobry, dzi\u{119}kuj\u{119}, \u{17C}e pan przyszed\u{142}. By\u{142}a \u{17C}ona i w\u{142}a\u{15B}nie.\n",
                Encoding::Windows1250
            )
        );
        // A pound sign before a number stays Windows-1252 (Windows-1250 reads `Ł72`).
        let d = decode(b"CLIENT: That\x92s \xA372 a week, \x93if that\x94.\n").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252, "{}", d.text);
        // Spanish stays Windows-1252: `¿` opens a question closed on its line.
        let d = decode(b"P1: \xBFy el ni\xF1o? \xA1Claro que s\xED!\n").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252, "{}", d.text);
        // Latin-1 accents stay Windows-1252 (Mac Roman would read `cafÈ`, `f¸r`).
        let d = decode(b"caf\xE9 f\xFCr na\xEFve\n").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("caf\u{E9} f\u{FC}r na\u{EF}ve\n", Encoding::Windows1252)
        );
    }

    #[test]
    fn cyrillic_greek_and_thai_code_pages_are_told_from_windows_1252() {
        // Each text saved in its code page (by encoding_rs), read back by the guess.
        let cases = [
            (
                "Интервьюер: Спасибо, что пришли. Расскажите о себе.\nОльга С.: Мне сказали в поликлинике.\n",
                encoding_rs::WINDOWS_1251,
                Encoding::Windows1251,
            ),
            (
                "Интервьюер: Спасибо, что пришли.\nОльга: Хорошо, давайте.\n",
                encoding_rs::KOI8_R,
                Encoding::Koi8R,
            ),
            (
                "ΣΥΝΕΝΤΕΥΚΤΡΙΑ: Καλημέρα σας, κυρία Παπαδοπούλου.\nΚΥΡΙΑ Π.: Καλημέρα, ευχαριστώ.\n",
                encoding_rs::WINDOWS_1253,
                Encoding::Windows1253,
            ),
            (
                "ผู้สัมภาษณ์: สวัสดีค่ะ ขอบคุณที่มาคุยกันวันนี้\nอสม.: ยินดีค่ะ\n",
                encoding_rs::WINDOWS_874,
                Encoding::Windows874,
            ),
        ];
        for (text, page, want) in cases {
            let (bytes, _, unmappable) = page.encode(text);
            assert!(!unmappable, "{text}");
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, want));
            assert!(d.warnings[0].1.contains(want.name()), "{}", d.warnings[0].1);
        }
        // French, German and Spanish with curly quotes stay Windows-1252 (Windows-1251
        // would read `cafй`, Windows-1253 `fόr`).
        let d = decode(b"I: \x93Le caf\xE9 \xE9tait ferm\xE9\x94, dit-elle. M\xFCller sagt gr\xFC\xDFe. \xBFQu\xE9 pas\xF3?\n").unwrap();
        assert_eq!(d.encoding, Encoding::Windows1252, "{}", d.text);
    }

    #[test]
    fn direction_marks_are_dropped() {
        let d = decode("\u{200F}محقق:\u{200F} نعم\n\u{202E}abc\u{202C}\n".as_bytes()).unwrap();
        assert_eq!(d.text, "محقق: نعم\nabc\n");
    }

    #[test]
    fn line_endings_crlf_cr_lf() {
        assert_eq!(decode(b"a\r\nb\r\n").unwrap().text, "a\nb\n");
        assert_eq!(decode(b"a\rb\r").unwrap().text, "a\nb\n");
        assert_eq!(decode(b"a\r\rb").unwrap().text, "a\n\nb");
        assert_eq!(decode(b"a\nb").unwrap().text, "a\nb");
    }

    #[test]
    fn nfc_normalisation() {
        // "e" + combining acute becomes the single code point é.
        assert_eq!(decode("cafe\u{301}".as_bytes()).unwrap().text, "caf\u{e9}");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\r\n").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"PK\x03\x04rest"),
            Err(DecodeError::Binary { .. })
        ));
        assert!(matches!(
            decode(b"%PDF-1.7"),
            Err(DecodeError::Binary { .. })
        ));
        assert!(matches!(
            decode(b"\x00\x01\x02\x03\xff\x00\x00\x10"),
            Err(DecodeError::Binary { .. })
        ));
    }
}
