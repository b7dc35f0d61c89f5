//! Coding passes in the project: `passes/<name>.jsonl`, a header line (the pass, its
//! codebook's name, version and hash, the time, the theme tree, counts) then one line per
//! coding with its evidence. A pass is replaced whole and atomically.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Project;
use super::sorter::{Appended, Appender, Sorter};
use crate::coding::Hit;
use crate::error::{Error, Problem, Result};
use crate::output::Sink;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodebookRecord {
    pub name: String,
    pub version: Option<String>,
    pub sha256: String,
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeRecord {
    pub id: String,
    pub label: Option<String>,
    pub parent: Option<String>,
    /// Segments coded with this theme itself (not its sub-themes).
    pub codings: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassHeader {
    pub pass: String,
    pub codebook: CodebookRecord,
    /// When the pass ran (UTC, RFC 3339).
    pub created: String,
    /// Segments read.
    pub segments: usize,
    /// Segments with at least one coding.
    pub coded_segments: usize,
    pub codings: usize,
    /// SHA-256 of the coding lines: a re-run whose codings are the same keeps the pass.
    pub codings_sha256: String,
    /// Themes in codebook order.
    pub themes: Vec<ThemeRecord>,
}

/// Per participant, coded segments per theme (codebook order): `own` counts a theme's
/// own codings, `rollup` its sub-themes' too (a segment once). Stored in the header line
/// after the header's fields; matrices are read from here without touching the codings.
/// Read apart from the header: at tens of thousands of participants they are most of it.
/// As tallied: each participant's `own` then `rollup` counts in one slice.
pub struct Tally {
    themes: usize,
    by: BTreeMap<String, Box<[u32]>>,
    /// Counts set aside on disk whenever `by` held `HELD` participants; a participant
    /// can be in several of these runs and in `by`: summed when read.
    spilled: Option<Sorter>,
    /// Once tallied: the counts summed, by participant, if any were set aside.
    summed: Option<Appended>,
    /// Participants held before their counts are set aside.
    held: usize,
}

/// Participants whose counts are held before they are set aside on disk.
const HELD: usize = 4096;

impl Tally {
    pub fn new(themes: usize) -> Tally {
        Tally {
            themes,
            by: BTreeMap::new(),
            spilled: None,
            summed: None,
            held: HELD,
        }
    }

    /// A participant's `own` and `rollup` counts, zero at first.
    pub fn of(&mut self, participant: &str) -> (&mut [u32], &mut [u32]) {
        if !self.by.contains_key(participant) {
            self.by
                .insert(participant.to_owned(), vec![0; 2 * self.themes].into());
        }
        let c = self.by.get_mut(participant).expect("inserted");
        c.split_at_mut(self.themes)
    }

    /// Set the counts held aside on disk if there are counts of `HELD` participants:
    /// memory does not grow with the number of participants.
    pub fn spill_if_full(&mut self) -> Result<()> {
        if self.by.len() < self.held {
            return Ok(());
        }
        self.spill()
    }

    fn spill(&mut self) -> Result<()> {
        let spilled = match &mut self.spilled {
            Some(s) => s,
            None => self.spilled.insert(Sorter::anonymous()?),
        };
        for (p, c) in std::mem::take(&mut self.by) {
            spilled.push(p.as_bytes(), &counts_bytes(&c))?;
        }
        Ok(())
    }

    /// Done tallying: counts set aside are summed participant by participant.
    pub fn finish(&mut self) -> Result<()> {
        if self.spilled.is_none() {
            return Ok(());
        }
        self.spill()?;
        let mut sorted = self.spilled.take().expect("spilled").finish()?;
        let mut summed = Appender::anonymous()?;
        let mut current: Option<(Vec<u8>, Vec<u32>)> = None;
        while let Some((p, c)) = sorted.next()? {
            let c = counts_of(&c);
            match &mut current {
                Some((q, sum)) if *q == p => {
                    for (s, n) in sum.iter_mut().zip(c) {
                        *s = s.saturating_add(n);
                    }
                }
                _ => {
                    if let Some((q, sum)) = current.take() {
                        summed.push(&q, &counts_bytes(&sum))?;
                    }
                    current = Some((p, c.collect()));
                }
            }
        }
        if let Some((q, sum)) = current {
            summed.push(&q, &counts_bytes(&sum))?;
        }
        self.summed = Some(summed.finish()?);
        Ok(())
    }

    /// Participants and their `own` then `rollup` counts, by id.
    fn iter(&self) -> Box<dyn Iterator<Item = Result<(String, Vec<u32>)>> + '_> {
        match &self.summed {
            None => Box::new(self.by.iter().map(|(p, c)| Ok((p.clone(), c.to_vec())))),
            Some(summed) => Box::new(summed.records().items().map(|r| {
                r.map(|(p, c)| {
                    (
                        String::from_utf8_lossy(&p).into_owned(),
                        counts_of(&c).collect(),
                    )
                })
            })),
        }
    }
}

fn counts_bytes(counts: &[u32]) -> Vec<u8> {
    counts.iter().flat_map(|n| n.to_le_bytes()).collect()
}

/// The counts of [`counts_bytes`].
fn counts_of(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
}

/// Written as a map of [`ThemeCounts`].
impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeMap};
        let mut map = s.serialize_map(None)?;
        for item in self.iter() {
            let (p, c) = item.map_err(S::Error::custom)?;
            let (own, rollup) = c.split_at(self.themes);
            map.serialize_entry(&p, &ThemeCountsRef { own, rollup })?;
        }
        map.end()
    }
}

/// A [`ThemeCounts`] as tallied.
#[derive(Serialize)]
struct ThemeCountsRef<'a> {
    own: &'a [u32],
    rollup: &'a [u32],
}

/// The header line as written: the header's fields, then the counts.
#[derive(Serialize)]
struct HeaderLine<'a> {
    #[serde(flatten)]
    header: &'a PassHeader,
    counts: &'a Tally,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeCounts {
    pub own: Vec<u32>,
    pub rollup: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodingRecord {
    pub segment: String,
    pub theme: String,
    pub hits: Vec<Hit>,
}

impl PassHeader {
    /// A theme and every theme below it, in codebook order.
    pub fn with_descendants(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_owned()];
        let mut i = 0;
        while i < out.len() {
            let cur = out[i].clone();
            out.extend(
                self.themes
                    .iter()
                    .filter(|t| t.parent.as_deref() == Some(cur.as_str()))
                    .map(|t| t.id.clone()),
            );
            i += 1;
        }
        self.themes
            .iter()
            .filter(|t| out.contains(&t.id))
            .map(|t| t.id.clone())
            .collect()
    }

    /// The themes selected by `--theme` ids: each with its sub-themes. Unknown ids are an
    /// error naming the pass's themes.
    pub fn select(&self, ids: &[String]) -> Result<std::collections::HashSet<String>> {
        self.check_themes(ids)?;
        Ok(ids.iter().flat_map(|t| self.with_descendants(t)).collect())
    }

    /// Check theme ids, naming those that exist when one does not.
    pub fn check_themes(&self, ids: &[String]) -> Result<()> {
        for id in ids {
            if !self.themes.iter().any(|t| &t.id == id) {
                let known: Vec<&str> = self.themes.iter().map(|t| t.id.as_str()).collect();
                return Err(Error::input(Problem::general(format!(
                    "unknown theme '{id}' in pass '{}'; its themes are: {}",
                    self.pass,
                    known.join(", ")
                ))));
            }
        }
        Ok(())
    }
}

/// A pass name must be usable as a file name everywhere.
pub fn check_name(name: &str) -> Result<()> {
    if name.is_empty()
        || name.len() > 64
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::input(Problem::general(format!(
            "pass name '{name}': use letters, digits, '-' and '_' (at most 64)"
        ))));
    }
    Ok(())
}

impl Project {
    fn passes_dir(&self) -> PathBuf {
        self.dir.join("passes")
    }

    fn pass_path(&self, name: &str) -> PathBuf {
        self.passes_dir().join(format!("{name}.jsonl"))
    }

    /// Replace a pass atomically: the header, then the coding lines as given.
    pub fn write_pass(
        &self,
        header: &PassHeader,
        counts: &Tally,
        lines: impl Iterator<Item = Result<Vec<u8>>>,
    ) -> Result<()> {
        check_name(&header.pass)?;
        std::fs::create_dir_all(self.passes_dir()).map_err(|e| Error::io(&self.passes_dir(), e))?;
        let path = self.pass_path(&header.pass);
        let mut sink = Sink::open(Some(&path))?;
        let w = sink.writer();
        let io = |e: std::io::Error| Error::io(&path, e);
        serde_json::to_writer(&mut *w, &HeaderLine { header, counts }).map_err(|e| io(e.into()))?;
        w.write_all(b"\n").map_err(io)?;
        for line in lines {
            w.write_all(&line?).map_err(io)?;
        }
        sink.finish()
    }

    /// Write `passes/<name>.themes.tsv` (the pass's codings hash, then `theme<TAB>segment`
    /// per coding) unless it is there already for these codings: `--theme` reads it
    /// instead of the whole pass.
    pub fn write_theme_index(
        &self,
        name: &str,
        codings_sha256: &str,
        pairs: impl Iterator<Item = Result<(String, String)>>,
    ) -> Result<()> {
        let path = self.passes_dir().join(format!("{name}.themes.tsv"));
        if self.theme_index_hash(&path).as_deref() == Some(codings_sha256) {
            return Ok(());
        }
        let mut sink = Sink::open(Some(&path))?;
        let w = sink.writer();
        let io = |e: std::io::Error| Error::io(&path, e);
        writeln!(w, "{codings_sha256}").map_err(io)?;
        for pair in pairs {
            let (theme, segment) = pair?;
            writeln!(w, "{theme}\t{segment}").map_err(io)?;
        }
        sink.finish()
    }

    fn theme_index_hash(&self, path: &std::path::Path) -> Option<String> {
        let f = std::fs::File::open(path).ok()?;
        BufReader::new(f).lines().next()?.ok()
    }

    /// Hand `each` the segments coded with the `wanted` themes, from the pass's theme
    /// index (read a line at a time), in the pass's order. False if the index is not
    /// there, belongs to other codings, or could not be read to its end.
    pub fn theme_index_walk(
        &self,
        name: &str,
        codings_sha256: &str,
        wanted: &std::collections::HashSet<String>,
        each: &mut dyn FnMut(&str),
    ) -> bool {
        let path = self.passes_dir().join(format!("{name}.themes.tsv"));
        let Ok(f) = std::fs::File::open(path) else {
            return false;
        };
        let mut reader = BufReader::new(f);
        let mut line = String::new();
        let mut failed = false;
        // The length of the next line without its line break, in `line`.
        let mut next = |line: &mut String| {
            line.clear();
            match reader.read_line(line) {
                Ok(0) => None,
                Ok(_) => Some(line.strip_suffix('\n').map_or(line.len(), str::len)),
                Err(_) => {
                    failed = true;
                    None
                }
            }
        };
        if next(&mut line).is_none_or(|n| line[..n] != *codings_sha256) {
            return false;
        }
        // One line at a time, in one buffer.
        while let Some(n) = next(&mut line) {
            let Some((theme, segment)) = line[..n].split_once('\t') else {
                return false;
            };
            if wanted.contains(theme) {
                each(segment);
            }
        }
        !failed
    }

    /// A scratch file for a pass being written.
    pub fn pass_scratch(&self, name: &str) -> Result<PathBuf> {
        std::fs::create_dir_all(self.passes_dir()).map_err(|e| Error::io(&self.passes_dir(), e))?;
        Ok(self
            .passes_dir()
            .join(format!(".{name}.scratch-{}", std::process::id())))
    }

    /// Every pass's header, sorted by name.
    pub fn passes(&self) -> Result<Vec<PassHeader>> {
        let mut names: Vec<String> = match std::fs::read_dir(self.passes_dir()) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_suffix(".jsonl"))
                        .map(str::to_owned)
                })
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&self.passes_dir(), e)),
        };
        names.sort();
        names.iter().map(|n| self.read_pass_header(n)).collect()
    }

    /// A pass file's header, and the file's coding lines after it.
    fn open_pass<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<(PathBuf, T, std::io::Lines<BufReader<std::fs::File>>)> {
        let (path, mut reader) = self.open_pass_file(name)?;
        let header = header(&path, &mut reader)?;
        Ok((path, header, reader.lines()))
    }

    fn open_pass_file(&self, name: &str) -> Result<(PathBuf, BufReader<std::fs::File>)> {
        let path = self.pass_path(name);
        let f = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let known: Vec<String> = self.passes()?.into_iter().map(|p| p.pass).collect();
                let known = if known.is_empty() {
                    "none yet: run `coda code --codebook FILE`".to_owned()
                } else {
                    known.join(", ")
                };
                return Err(Error::input(Problem::general(format!(
                    "no pass '{name}' in the project; passes: {known}"
                ))));
            }
            Err(e) => return Err(Error::io(&path, e)),
        };
        Ok((path, BufReader::new(f)))
    }

    /// A pass's header (without the per-participant counts).
    pub fn read_pass_header(&self, name: &str) -> Result<PassHeader> {
        let (_, header, _) = self.open_pass(name)?;
        Ok(header)
    }

    /// Whether a pass's stored per-participant counts are `counts`, read one at a time.
    pub fn pass_counts_are(&self, name: &str, counts: &Tally) -> bool {
        let mut expected = counts.iter();
        let mut same = true;
        let read = self.for_each_pass_count(name, |p, c| {
            same = same
                && expected.next().is_some_and(|e| {
                    e.is_ok_and(|(q, e)| {
                        let (own, rollup) = e.split_at(counts.themes);
                        q == p && own == c.own && rollup == c.rollup
                    })
                });
        });
        read.is_ok() && same && expected.next().is_none()
    }

    /// A pass's per-participant counts handed to `each` in participant id order, one at
    /// a time: read from the header line without holding it (at tens of thousands of
    /// participants it runs to megabytes).
    pub fn for_each_pass_count(
        &self,
        name: &str,
        each: impl FnMut(String, ThemeCounts),
    ) -> Result<()> {
        use serde::Deserializer as _;
        let (path, reader) = self.open_pass_file(name)?;
        let mut de = serde_json::Deserializer::from_reader(reader);
        de.deserialize_map(counts::Fields { each })
            .map_err(|e| corrupt(&path, 1, &e))
    }

    /// A pass's header; each coding of the themes `keep` accepts is handed to `each`,
    /// in file order (a segment's codings together), one at a time.
    pub fn for_each_coding_where(
        &self,
        name: &str,
        keep: impl Fn(&str) -> bool,
        mut each: impl FnMut(CodingRecord) -> Result<()>,
    ) -> Result<PassHeader> {
        #[derive(Deserialize)]
        struct ThemeOnly<'a> {
            #[serde(borrow)]
            theme: std::borrow::Cow<'a, str>,
        }
        let (path, header, lines) = self.open_pass::<PassHeader>(name)?;
        for (i, line) in lines.enumerate() {
            let line = line.map_err(|e| Error::io(&path, e))?;
            let t: ThemeOnly =
                serde_json::from_str(&line).map_err(|e| corrupt(&path, i + 2, &e))?;
            if keep(&t.theme) {
                each(serde_json::from_str(&line).map_err(|e| corrupt(&path, i + 2, &e))?)?;
            }
        }
        Ok(header)
    }
}

/// A pass file's first line, read as it is parsed: the per-participant counts in it (most
/// of it, at tens of thousands of participants) are passed over, not held.
fn header<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    reader: &mut BufReader<std::fs::File>,
) -> Result<T> {
    let mut de = serde_json::Deserializer::from_reader(&mut *reader);
    let header = T::deserialize(&mut de).map_err(|e| corrupt(path, 1, &e))?;
    // The rest of the line must be blank.
    let mut rest = Vec::new();
    reader
        .read_until(b'\n', &mut rest)
        .map_err(|e| Error::io(path, e))?;
    if !rest.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::input(Problem::at(
            path,
            Some(1),
            "the pass file cannot be read (characters after the header); run `coda code` again to rebuild it",
        )));
    }
    Ok(header)
}

/// Visitors that stream the `counts` of a header line, and pass over its other fields.
mod counts {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

    use super::ThemeCounts;

    pub(super) struct Fields<F> {
        pub each: F,
    }

    impl<'de, F: FnMut(String, ThemeCounts)> Visitor<'de> for Fields<F> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a pass header")
        }
        fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
            let mut seen = false;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == "counts" {
                    map.next_value_seed(Entries {
                        each: &mut self.each,
                    })?;
                    seen = true;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            if !seen {
                return Err(serde::de::Error::missing_field("counts"));
            }
            Ok(())
        }
    }

    struct Entries<'f, F> {
        each: &'f mut F,
    }

    impl<'de, F: FnMut(String, ThemeCounts)> DeserializeSeed<'de> for Entries<'_, F> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de, F: FnMut(String, ThemeCounts)> Visitor<'de> for Entries<'_, F> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("counts by participant")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some((p, c)) = map.next_entry::<String, ThemeCounts>()? {
                (self.each)(p, c);
            }
            Ok(())
        }
    }
}

fn corrupt(path: &std::path::Path, line: usize, e: &serde_json::Error) -> Error {
    Error::input(Problem::at(
        path,
        Some(line),
        format!("the pass file cannot be read ({e}); run `coda code` again to rebuild it"),
    ))
}

/// Now as RFC 3339 UTC, to the second.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts set aside and summed are written exactly as counts held.
    #[test]
    fn counts_set_aside_are_summed_as_held() {
        let tally = |held: usize| {
            let mut t = Tally::new(3);
            t.held = held;
            for i in 0..5000u32 {
                // Participants met again and again, out of order.
                let p = format!("P{:04}", (i * 7919) % 1201);
                let (own, rollup) = t.of(&p);
                own[(i % 3) as usize] += 1;
                rollup[0] += i % 2;
                t.spill_if_full().unwrap();
            }
            t.finish().unwrap();
            assert_eq!(t.summed.is_some(), held < 1201);
            serde_json::to_string(&t).unwrap()
        };
        let held = tally(usize::MAX);
        assert!(held.starts_with("{\"P0000\":{\"own\":["), "{}", &held[..40]);
        for h in [1, 7, 100, 1000] {
            assert_eq!(tally(h), held, "held {h}");
        }
    }
}
