//! The full-text index of segments: the only module that imports tantivy. One document
//! per segment, and no stored document: the text with positions (phrases); the
//! segment's database id (`key`), transcript, number, participant, speaker and role as
//! fast columns, the transcript also indexed whole (to delete a transcript's documents).
//! Participants' and transcripts' attributes are not in the index: a filter on them is
//! resolved from the project database into participants or transcripts (see `pick`).

mod only;
mod pick;
mod query;
mod rank;
mod reader;

use std::path::Path;

use tantivy::indexer::LogMergePolicy;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::query::Query;
use tantivy::schema::{FAST, Field, STRING, Schema, TEXT, TantivyDocument};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexWriter, ReloadPolicy, Searcher, Term};

use crate::corpus::Segment;
use crate::error::{Error, Problem, Result};
use crate::transcript::Role;

pub use only::Only;
pub use pick::{LowerMatch, Values};
pub use query::kwic_query;

/// The writer's memory budget: bounds ingest memory whatever the corpus size.
const WRITER_BUDGET: usize = 128_000_000;

/// Segments with more documents than this are not merged in the background.
const MAX_DOCS_MERGED: usize = 100_000;

/// Field handles, looked up once.
#[derive(Debug, Clone)]
struct Fields {
    key: Field,
    /// Indexed whole (a transcript's documents are deleted by it) and a column: ties in
    /// score keep file order (transcript, then number), whatever the index's layout.
    transcript: Field,
    number: Field,
    participant: Field,
    speaker: Field,
    role: Field,
    text: Field,
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_u64_field("key", FAST);
    b.add_text_field("transcript", STRING | FAST);
    b.add_u64_field("number", FAST);
    b.add_text_field("participant", FAST);
    b.add_text_field("speaker", FAST);
    b.add_u64_field("role", FAST);
    b.add_text_field("text", TEXT);
    b.build()
}

impl Fields {
    fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |n: &str| schema.get_field(n);
        Ok(Fields {
            key: f("key")?,
            transcript: f("transcript")?,
            number: f("number")?,
            participant: f("participant")?,
            speaker: f("speaker")?,
            role: f("role")?,
            text: f("text")?,
        })
    }
}

/// An open index.
pub struct SegmentIndex {
    index: Index,
    fields: Fields,
    dir: std::path::PathBuf,
    /// The files of the commit a reader opened, held open from the start: a writer
    /// committing or switching generations meanwhile may remove them by name.
    searcher: Option<Searcher>,
}

/// Gives the segments of the keys (database ids) it is handed, in their order (`None`: unknown).
pub type Fetch<'a, S> = &'a mut dyn FnMut(&[u64]) -> Result<Vec<Option<S>>>;

/// A search hit: the segment, its score, and a snippet with highlighted byte ranges.
#[derive(Debug, Clone)]
pub struct Hit<S> {
    pub score: f32,
    /// The segment as the caller's `fetch` gave it.
    pub segment: S,
    pub snippet: String,
    pub highlights: Vec<std::ops::Range<usize>>,
}

/// What a search found, and what to tell the user about the query (a `word*` that
/// matched more words than are searched).
#[derive(Debug, Clone)]
pub struct Found<S> {
    pub hits: Vec<Hit<S>>,
    pub warnings: Vec<String>,
}

/// Which segments a search or kwic may return.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// `None` for all roles.
    pub role: Option<Role>,
    /// Only turns of these participants, when given (`--where` on a participant
    /// attribute or on `participant`, resolved from the project database).
    pub participants: Option<Vec<String>>,
    /// Only segments of these transcripts, when given.
    pub transcripts: Option<Vec<String>>,
    /// Only these segments (those coded with a theme), when given.
    pub segments: Option<Only>,
}

impl Filter {
    fn picks(&self) -> Vec<pick::Pick> {
        let mut picks = Vec::new();
        if let Some(role) = self.role {
            picks.push(pick::Pick::Role(role));
        }
        if let Some(p) = &self.participants {
            picks.push(pick::Pick::Str("participant", Values::exact(p.clone())));
        }
        if let Some(t) = &self.transcripts {
            picks.push(pick::Pick::Str("transcript", Values::exact(t.clone())));
        }
        if let Some(only) = &self.segments {
            picks.push(pick::Pick::Keys(only.clone()));
        }
        picks
    }
}

/// What an attribute named as a field in a query (`group:client`) selects: the
/// participants or the transcripts that have a matching value. The project database
/// answers; `None`: no such attribute.
pub trait Attributes {
    fn select(&self, attribute: &str, value: &LowerMatch) -> Result<Option<Selection>>;
    /// The attribute names, for a message about an unknown field.
    fn names(&self) -> Vec<String>;
}

/// Participants or transcripts (ids as in the project).
#[derive(Debug, Clone)]
pub enum Selection {
    Participants(Vec<String>),
    Transcripts(Vec<String>),
}

fn index_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::input(Problem::at(
        dir,
        None,
        format!(
            "the index cannot be used ({e}); run `coda reindex` to rebuild it from the project database"
        ),
    ))
}

impl SegmentIndex {
    /// A new, empty index in `dir` (created; must not hold an index).
    pub fn create(dir: &Path) -> Result<SegmentIndex> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let index = Index::create_in_dir(dir, schema()).map_err(|e| index_error(dir, e))?;
        SegmentIndex::with(index, dir)
    }

    /// The handles coda uses, for an index opened or created in `dir`.
    fn with(index: Index, dir: &Path) -> Result<SegmentIndex> {
        let fields = Fields::from_schema(&index.schema()).map_err(|e| index_error(dir, e))?;
        Ok(SegmentIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            searcher: None,
        })
    }

    pub fn open(dir: &Path) -> Result<SegmentIndex> {
        let index = Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?;
        SegmentIndex::with(index, dir)
    }

    /// Open for reading, with the files of the commit opened held open: a writer
    /// committing or switching generations meanwhile may remove them by name.
    pub fn open_for_scan(dir: &Path) -> Result<SegmentIndex> {
        let directory = reader::ReaderDirectory::open(dir).map_err(|e| index_error(dir, e))?;
        let index = Index::open(directory).map_err(|e| index_error(dir, e))?;
        let mut opened = SegmentIndex::with(index, dir)?;
        opened.searcher = Some(opened.reader().map_err(|e| index_error(dir, e))?.searcher());
        Ok(opened)
    }

    /// The stamp of the index's last commit (see [`Writer::commit`]).
    pub fn stamp(&self) -> Option<String> {
        self.index.load_metas().ok().and_then(|m| m.payload)
    }

    pub fn writer(&self) -> Result<Writer> {
        let w: IndexWriter = self
            .index
            .writer(WRITER_BUDGET)
            .map_err(|e| Error::Index(e.to_string()))?;
        // Segments a bulk ingest flushes (the budget's worth, 100,000+ segments) are
        // left as they are: merging them again and again costs more than searching a
        // few more segments (measured: 1 GB ingest 117 s with tantivy's default policy,
        // 85 s without merges; search unchanged). Small segments of incremental
        // ingests are still merged.
        let mut policy = LogMergePolicy::default();
        policy.set_max_docs_before_merge(MAX_DOCS_MERGED);
        w.set_merge_policy(Box::new(policy));
        Ok(Writer {
            w,
            fields: self.fields.clone(),
            index: self.index.clone(),
            dir: self.dir.clone(),
            deleted: false,
        })
    }

    fn searcher(&self) -> Result<Searcher> {
        if let Some(s) = &self.searcher {
            return Ok(s.clone());
        }
        Ok(self
            .reader()
            .map_err(|e| Error::Index(e.to_string()))?
            .searcher())
    }

    fn reader(&self) -> tantivy::Result<tantivy::IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            // The index stores no document: no store cache is needed.
            .doc_store_cache_num_blocks(0)
            .try_into()
    }

    /// Ranked hits for a query in tantivy's syntax, within the filter. `text_tokens` is
    /// the exact number of text tokens in the project (the project database keeps it): with it,
    /// scores do not depend on how the index was built up, so an index updated in place
    /// ranks exactly as one built from scratch.
    ///
    /// The index stores no text: `fetch` gives the hits' segments by id, all at once
    /// (from the project database), in the order asked, and `text` a segment's text; a
    /// hit whose segment it does not know is left out. `attributes` resolves an
    /// attribute named as a field in the query.
    #[allow(clippy::too_many_arguments)]
    pub fn search<S>(
        &self,
        query: &str,
        filter: &Filter,
        attributes: &dyn Attributes,
        limit: usize,
        text_tokens: u64,
        fetch: Fetch<'_, S>,
        text: fn(&S) -> &str,
    ) -> Result<Found<S>> {
        let searcher = self.searcher()?;
        let parsed = query::parse(&self.index, &self.fields, &searcher, query, attributes)?;
        let user = parsed.query;
        let stats = ExactStats {
            searcher: &searcher,
            text: self.fields.text,
            text_tokens,
        };
        let top = searcher
            .search_with_statistics_provider(
                &*user,
                &rank::Ranking {
                    limit,
                    picks: filter.picks(),
                },
                &stats,
            )
            .map_err(|e| Error::Index(e.to_string()))?;
        let mut snippets = SnippetGenerator::create(&searcher, &*user, self.fields.text)
            .map_err(|e| Error::Index(e.to_string()))?;
        // The whole segment as the fragment, so every hit is highlighted; `window` cuts it.
        snippets.set_max_num_chars(1_000_000);
        let mut hits = Vec::with_capacity(top.len());
        let keys: Vec<u64> = top.iter().map(|&(.., k)| k).collect();
        let segments = fetch(&keys)?;
        for ((score, ..), segment) in top.into_iter().zip(segments) {
            let Some(segment) = segment else {
                continue;
            };
            let body = text(&segment);
            let snippet = snippets.snippet(body);
            // tantivy's highlights (relative to its fragment; a `word*` is the words it
            // matched), as ranges of the whole text; then one window around the first.
            let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
            if let Some(offset) = body
                .find(snippet.fragment())
                .filter(|_| !snippet.fragment().is_empty())
            {
                ranges.extend(
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r| r.start + offset..r.end + offset),
                );
            }
            let (snippet, highlights) = window(body, ranges, SNIPPET_BYTES);
            hits.push(Hit {
                score,
                segment,
                snippet,
                highlights,
            });
        }
        // The collector ranks by score, then sort key: ties in score keep file order,
        // whatever the index's segment layout.
        Ok(Found {
            hits,
            warnings: parsed.warnings,
        })
    }

    /// The ids (`transcript#number`) of every segment matching `q` within the filter,
    /// handed to `each` in no particular order (the caller has the database put them in
    /// file order).
    pub fn for_each_matching_id(
        &self,
        q: Box<dyn Query>,
        filter: &Filter,
        each: &mut dyn FnMut(String),
    ) -> Result<()> {
        let err = |e: tantivy::TantivyError| Error::Index(e.to_string());
        let searcher = self.searcher()?;
        let weight = q
            .weight(tantivy::query::EnableScoring::disabled_from_searcher(
                &searcher,
            ))
            .map_err(err)?;
        let picks = filter.picks();
        for reader in searcher.segment_readers() {
            let check = pick::Check::new(&picks, reader).map_err(err)?;
            let fast = reader.fast_fields();
            let transcripts = fast
                .str("transcript")
                .map_err(err)?
                .ok_or_else(|| Error::Index("the index has no transcripts".into()))?;
            let numbers = fast.u64("number").map_err(err)?;
            let alive = reader.alive_bitset();
            let mut name = String::new();
            let mut last = u64::MAX;
            let mut failed = None;
            weight
                .for_each_no_score(reader, &mut |batch| {
                    for &doc in batch {
                        if failed.is_some()
                            || alive.is_some_and(|a| !a.is_alive(doc))
                            || !check.accepts(doc)
                        {
                            continue;
                        }
                        let (Some(ord), Some(n)) =
                            (transcripts.term_ords(doc).next(), numbers.first(doc))
                        else {
                            continue;
                        };
                        if ord != last {
                            name.clear();
                            match transcripts.ord_to_str(ord, &mut name) {
                                Ok(true) => last = ord,
                                Ok(false) => continue,
                                Err(e) => {
                                    failed = Some(e);
                                    continue;
                                }
                            }
                        }
                        each(format!("{name}#{n}"));
                    }
                })
                .map_err(err)?;
            if let Some(e) = failed {
                return Err(Error::Index(e.to_string()));
            }
        }
        Ok(())
    }

    /// The text field's analyzer and handle, for building kwic queries.
    pub(crate) fn text_field(&self) -> (Field, TextAnalyzer) {
        let analyzer = self
            .index
            .tokenizer_for_field(self.fields.text)
            .expect("text field has a tokenizer");
        (self.fields.text, analyzer)
    }
}

/// About how long a search snippet is, in bytes.
const SNIPPET_BYTES: usize = 240;

/// A window of about `max` bytes of `text` around the first highlighted range, cut at
/// spaces and marked `…` where cut, with the highlights that fall inside it.
fn window(
    text: &str,
    mut ranges: Vec<std::ops::Range<usize>>,
    max: usize,
) -> (String, Vec<std::ops::Range<usize>>) {
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges.dedup_by(|b, a| b.start < a.end);
    let first = ranges.first().map_or(0, |r| r.start);
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut start = floor(first.saturating_sub(max / 3));
    if start > 0 {
        // Start at a word.
        start = text[start..first]
            .find(char::is_whitespace)
            .map_or(start, |i| start + i + 1);
    }
    let mut end = floor((start + max).min(text.len()));
    if end < text.len() {
        end = text[..end]
            .rfind(char::is_whitespace)
            .filter(|&i| i > first)
            .unwrap_or(end);
    }
    let lead = if start > 0 { "…" } else { "" };
    let out = format!(
        "{lead}{}{}",
        &text[start..end],
        if end < text.len() { "…" } else { "" }
    );
    let shift = lead.len();
    let highlights = ranges
        .into_iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    (out, highlights)
}

/// BM25 statistics that count live documents only, and take the text field's token
/// total from the project database rather than from tantivy's estimate after a merge.
struct ExactStats<'a> {
    searcher: &'a Searcher,
    text: Field,
    text_tokens: u64,
}

impl Bm25StatisticsProvider for ExactStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if field == self.text {
            Ok(self.text_tokens)
        } else {
            self.searcher.total_num_tokens(field)
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

/// The text field's analyzer: tantivy's default (split on non-alphanumerics, drop
/// tokens over 40 bytes, lowercase).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// How many tokens the index records for a segment's text: what [`text_analyzer`]
/// yields (runs of alphanumeric chars shorter than 40 bytes), counted without building
/// the tokens.
pub fn token_count(text: &str) -> u64 {
    let mut n = 0;
    let mut run = 0usize;
    for c in text.chars() {
        if c.is_alphanumeric() {
            run += c.len_utf8();
        } else {
            n += u64::from(run > 0 && run < 40);
            run = 0;
        }
    }
    n + u64::from(run > 0 && run < 40)
}

/// Adds and deletes; nothing is visible to readers until `commit`.
pub struct Writer {
    w: IndexWriter,
    fields: Fields,
    index: Index,
    dir: std::path::PathBuf,
    deleted: bool,
}

/// A failed index write: a full disk or a file size limit, most likely. Nothing is
/// committed, so the project stays as it was.
fn write_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::input(Problem::at(
        dir,
        None,
        format!(
            "the index could not be written ({e}); check the free disk space and any file size \
             limit (ulimit -f) where the project is, then run the command again: the project is as it was before"
        ),
    ))
}

impl Writer {
    /// Remove every segment of a transcript. `purge`: documents are known to exist,
    /// so merge at commit to drop them from the scoring statistics.
    pub fn delete_transcript(&mut self, id: &str, purge: bool) {
        self.w
            .delete_term(Term::from_field_text(self.fields.transcript, id));
        self.deleted |= purge;
    }

    /// Add a segment (`key`: its id in the project database).
    pub fn add(&mut self, key: u64, seg: &Segment) -> Result<()> {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_u64(f.key, key);
        d.add_text(f.transcript, &seg.transcript);
        d.add_u64(f.number, seg.number as u64);
        if let Some(p) = &seg.participant {
            d.add_text(f.participant, p);
        }
        d.add_text(f.speaker, &seg.speaker);
        d.add_u64(f.role, pick::role_number(seg.role));
        d.add_text(f.text, &seg.text);
        self.w
            .add_document(d)
            .map_err(|e| write_error(&self.dir, e))?;
        Ok(())
    }

    /// Make the changes durable and visible. After deletions, merge everything into
    /// one segment so deleted documents no longer weigh in the scores: the index then
    /// ranks exactly as one built from scratch.
    /// `stamp` is recorded with the commit: the database names the stamp of the index
    /// state that matches it, so that a reader (or the next ingest) can tell an index
    /// left behind by an interrupted run.
    pub fn commit(mut self, stamp: &str) -> Result<()> {
        let dir = self.dir.clone();
        let dir = dir.as_path();
        let err = |e: tantivy::TantivyError| write_error(dir, e);
        let mut prepared = self.w.prepare_commit().map_err(err)?;
        prepared.set_payload(stamp);
        prepared.commit().map_err(err)?;
        if self.deleted {
            let ids = self.index.searchable_segment_ids().map_err(err)?;
            if !ids.is_empty() {
                self.w.merge(&ids).wait().map_err(err)?;
            }
            self.w.garbage_collect_files().wait().map_err(err)?;
        }
        self.w.wait_merging_threads().map_err(err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_count_is_what_the_analyzer_yields() {
        let long = "x".repeat(39) + " " + &"y".repeat(40) + " é" + &"z".repeat(38);
        let texts = [
            "",
            "  ",
            "The bus, the ferry\u{2014}and the café’s Màiri!",
            "a1b2 3-4 don't ... word",
            long.as_str(),
            "日本語のテキスト and ½ ⅓ ²",
            "trailing",
        ];
        let mut analyzer = text_analyzer();
        for t in texts {
            let mut n = 0;
            analyzer.token_stream(t).process(&mut |_| n += 1);
            assert_eq!(token_count(t), n, "{t:?}");
        }
    }
}
