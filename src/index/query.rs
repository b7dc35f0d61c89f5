//! Queries: tantivy's syntax from the user, with `word*` terms (which tantivy's parser
//! only takes inside phrases) expanded to the words of the index that match them, each
//! scored with BM25 as any word is; and the query that finds kwic candidates.

use std::collections::BTreeMap;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, QueryParser, RegexQuery,
    TermQuery,
};
use tantivy::query_grammar::{
    Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral, parse_query_lenient,
};
use tantivy::schema::{FieldType, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

use super::pick::{LowerMatch, Pick, PickQuery, Values};
use super::{Attributes, Fields, SegmentIndex, Selection};
use crate::error::{Error, Problem, Result};
use crate::transcript::Role;

/// At most this many words of the index stand for one `word*`: the most frequent
/// (those in the most segments), with a warning naming how many matched.
pub(super) const MAX_EXPANSION: usize = 1024;

/// A parsed user query, and what to tell the user about it (a `word*` that matched
/// more words than are searched).
pub(super) struct Parsed {
    pub query: Box<dyn Query>,
    pub warnings: Vec<String>,
}

/// Parse a user query; a syntax error names the position where it failed. `word*`
/// terms are expanded to the words of `searcher`'s index.
pub(super) fn parse(
    index: &Index,
    fields: &Fields,
    searcher: &Searcher,
    query: &str,
    attributes: &dyn Attributes,
) -> Result<Parsed> {
    if query.trim().is_empty() {
        // Every segment the filter lets through (`coda search --theme rurality ''`).
        return Ok(Parsed {
            query: Box::new(AllQuery),
            warnings: Vec::new(),
        });
    }
    let (ast, errors) = parse_query_lenient(query);
    if let Some(e) = errors.first() {
        let pos = query[..e.pos.min(query.len())].chars().count();
        let at = if pos >= query.chars().count() {
            "at the end of the query".to_owned()
        } else {
            format!("at character {}", pos + 1)
        };
        return Err(Error::input(Problem::general(format!(
            "the query does not parse: {} {at}\n  {query}\n  {}^",
            e.message.replace("\\\"", "\""),
            " ".repeat(pos)
        ))));
    }
    // Fields other than the text: the segment's own (columns of the index) and the
    // attributes (from the project database), asked for only when the query names one.
    let mut named = Vec::new();
    fields_named(&ast, &mut named);
    let attribute_names = if named.iter().any(|f| f != "text") {
        attributes.names()
    } else {
        Vec::new()
    };
    let is_meta =
        |f: &str| OWN_FIELDS.contains(&f) || attribute_names.iter().any(|a| a.as_str() == f);
    let mut warnings = Vec::new();
    let mut failed = None;
    let ast = rewrite_prefixes(ast, &mut |field, parts| {
        if is_meta(field) {
            return None;
        }
        match words_matching(searcher, index, field, parts) {
            Ok(words) => {
                let (words, warning) = capped(words, parts);
                warnings.extend(warning);
                Some(words)
            }
            Err(e) => {
                failed.get_or_insert(e);
                Some(Vec::new())
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let mut parser = QueryParser::for_index(index, vec![fields.text]);
    parser.allow_regexes();
    let known = || {
        ["text"]
            .iter()
            .chain(OWN_FIELDS)
            .map(|s| s.to_string())
            .chain(attribute_names.iter().cloned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cannot = |e: String| {
        Error::input(Problem::general(format!(
            "the query cannot be run: {e}; fields you can name with field:term are {}",
            known()
        )))
    };
    let query = if named.iter().any(|f| is_meta(f)) {
        let top_negative = all_negative(&ast);
        let mut q = build(ast, &parser, &is_meta, attributes, &cannot)?;
        if top_negative {
            q = Box::new(BooleanQuery::new(vec![
                (Occur::Should, q),
                (Occur::Should, Box::new(AllQuery)),
            ]));
        }
        q
    } else {
        parser
            .build_query_from_user_input_ast(ast)
            .map_err(|e| cannot(e.to_string()))?
    };
    Ok(Parsed { query, warnings })
}

/// The segment's own fields a query may name besides the text (columns of the index).
const OWN_FIELDS: &[&str] = &["participant", "speaker", "role", "transcript"];

/// The fields a query names.
fn fields_named(ast: &UserInputAst, out: &mut Vec<String>) {
    match ast {
        UserInputAst::Clause(cs) => cs.iter().for_each(|(_, a)| fields_named(a, out)),
        UserInputAst::Boost(a, _) => fields_named(a, out),
        UserInputAst::Leaf(leaf) => out.extend(field_of(leaf).map(str::to_owned)),
    }
}

/// The field a leaf names, if any.
fn field_of(leaf: &UserInputLeaf) -> Option<&str> {
    match leaf {
        UserInputLeaf::Literal(l) => l.field_name.as_deref(),
        UserInputLeaf::Range { field, .. }
        | UserInputLeaf::Set { field, .. }
        | UserInputLeaf::Regex { field, .. } => field.as_deref(),
        UserInputLeaf::Exists { field } => Some(field),
        UserInputLeaf::All => None,
    }
}

/// Whether a query only excludes (`-rural`): tantivy's parser then matches every
/// document but those.
fn all_negative(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(cs) => {
            !cs.is_empty()
                && cs
                    .iter()
                    .all(|(o, a)| *o == Some(Occur::MustNot) || all_negative(a))
        }
        UserInputAst::Boost(a, _) => all_negative(a),
        UserInputAst::Leaf(_) => false,
    }
}

/// A query naming a segment's own field or an attribute, built as tantivy's parser
/// builds one (an unmarked clause is optional), with each such `field:value` a
/// condition on the index's columns that adds nothing to the score; the rest is left
/// to the parser, leaf by leaf.
fn build(
    ast: UserInputAst,
    parser: &QueryParser,
    is_meta: &dyn Fn(&str) -> bool,
    attributes: &dyn Attributes,
    cannot: &dyn Fn(String) -> Error,
) -> Result<Box<dyn Query>> {
    match ast {
        UserInputAst::Clause(cs) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(cs.len());
            for (occur, a) in cs {
                clauses.push((
                    occur.unwrap_or(Occur::Should),
                    build(a, parser, is_meta, attributes, cannot)?,
                ));
            }
            if clauses.is_empty() {
                return Ok(Box::new(EmptyQuery));
            }
            Ok(Box::new(BooleanQuery::new(clauses)))
        }
        UserInputAst::Boost(a, boost) => Ok(Box::new(BoostQuery::new(
            build(*a, parser, is_meta, attributes, cannot)?,
            boost.into_inner() as f32,
        ))),
        UserInputAst::Leaf(leaf) => match field_of(&leaf).map(str::to_owned) {
            Some(f) if is_meta(&f) => {
                let values: Vec<String> = match *leaf {
                    UserInputLeaf::Literal(l) => vec![l.phrase],
                    UserInputLeaf::Set { elements, .. } => elements,
                    _ => {
                        return Err(cannot(format!(
                            "'{f}' takes {f}:value, {f}:val* or {f}: IN [a b]"
                        )));
                    }
                };
                let matches: Vec<LowerMatch> = values.iter().map(|v| LowerMatch::new(v)).collect();
                meta_query(&f, matches, attributes)
            }
            _ => parser
                .build_query_from_user_input_ast(UserInputAst::Leaf(leaf))
                .map_err(|e| cannot(e.to_string())),
        },
    }
}

/// The documents whose own field or attribute `field` has a value one of `matches` takes.
fn meta_query(
    field: &str,
    matches: Vec<LowerMatch>,
    attributes: &dyn Attributes,
) -> Result<Box<dyn Query>> {
    let pick = match field {
        "participant" => Pick::Str("participant", Values::Lower(matches.into())),
        "speaker" => Pick::Str("speaker", Values::Lower(matches.into())),
        "transcript" => Pick::Str("transcript", Values::Lower(matches.into())),
        "role" => {
            let roles: Vec<Role> = [Role::Interviewer, Role::Participant]
                .into_iter()
                .filter(|r| matches.iter().any(|m| m.matches(r.as_str())))
                .collect();
            match roles.as_slice() {
                [] => Pick::Nothing,
                [r] => Pick::Role(*r),
                _ => return Ok(Box::new(AllQuery)),
            }
        }
        attribute => {
            let mut participants = Vec::new();
            let mut transcripts = Vec::new();
            for m in &matches {
                match attributes.select(attribute, m)? {
                    Some(Selection::Participants(p)) => participants.extend(p),
                    Some(Selection::Transcripts(t)) => transcripts.extend(t),
                    None => {}
                }
            }
            let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            if !participants.is_empty() {
                either.push((
                    Occur::Should,
                    Box::new(PickQuery(Pick::Str(
                        "participant",
                        Values::exact(participants),
                    ))),
                ));
            }
            if !transcripts.is_empty() {
                either.push((
                    Occur::Should,
                    Box::new(PickQuery(Pick::Str(
                        "transcript",
                        Values::exact(transcripts),
                    ))),
                ));
            }
            return Ok(match either.len() {
                0 => Box::new(EmptyQuery),
                1 => either.pop().expect("one").1,
                _ => Box::new(BooleanQuery::new(either)),
            });
        }
    };
    Ok(Box::new(PickQuery(pick)))
}

/// The words of a text or keyword field's dictionary that a `word*` matches (`parts`:
/// the word lowercased and split at its stars), with the number of index documents
/// holding each, over every index segment. Only the dictionary range of the word's
/// first part is read. An unknown field matches nothing (the parser names it).
fn words_matching(
    searcher: &Searcher,
    index: &Index,
    field: &str,
    parts: &[String],
) -> Result<BTreeMap<String, u64>> {
    let mut words = BTreeMap::new();
    let schema = index.schema();
    let Some(field) = schema
        .get_field(field)
        .ok()
        .filter(|f| matches!(schema.get_field_entry(*f).field_type(), FieldType::Str(o) if o.get_indexing_options().is_some()))
    else {
        return Ok(words);
    };
    let escaped: Vec<String> = parts.iter().map(|p| regex::escape(p)).collect();
    let whole = regex::Regex::new(&format!("^(?s:{})$", escaped.join(".*")))
        .expect("escaped parts make a regex");
    let prefix = parts[0].as_bytes();
    let err = |e: std::io::Error| Error::Index(e.to_string());
    for reader in searcher.segment_readers() {
        let inverted = reader
            .inverted_index(field)
            .map_err(|e| Error::Index(e.to_string()))?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix)
            .into_stream()
            .map_err(err)?;
        while stream.advance() {
            let key = stream.key();
            if !key.starts_with(prefix) {
                break;
            }
            if let Ok(word) = std::str::from_utf8(key)
                && whole.is_match(word)
            {
                *words.entry(word.to_owned()).or_insert(0) += u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(words)
}

/// At most [`MAX_EXPANSION`] words, the most frequent (ties in word order), in word
/// order; and a warning when some were left out.
fn capped(words: BTreeMap<String, u64>, parts: &[String]) -> (Vec<String>, Option<String>) {
    let n = words.len();
    if n <= MAX_EXPANSION {
        return (words.into_keys().collect(), None);
    }
    let mut by_freq: Vec<(String, u64)> = words.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    by_freq.truncate(MAX_EXPANSION);
    let mut kept: Vec<String> = by_freq.into_iter().map(|(w, _)| w).collect();
    kept.sort();
    let warning = format!(
        "'{}' matches {n} words in the index; only the {MAX_EXPANSION} in the most segments \
         are searched (a longer prefix searches them all)",
        parts.join("*")
    );
    (kept, Some(warning))
}

/// Gives the words of a field that a `word*` (its parts) matches; `None`: the field's
/// values are matched with their stars later (a segment's own field, an attribute).
type Expand<'a> = &'a mut dyn FnMut(&str, &[String]) -> Option<Vec<String>>;

/// `bus*` (a word with `*` in it: tantivy's grammar keeps the star in the word, and its
/// parser would drop it) becomes the words `expand` gives for its field and its parts
/// (lowercased, split at the stars), as alternatives each scored as a word is; when no
/// word matches, a regex term on its field, which matches nothing.
fn rewrite_prefixes(ast: UserInputAst, expand: Expand<'_>) -> UserInputAst {
    match ast {
        UserInputAst::Clause(cs) => {
            let mut out = Vec::with_capacity(cs.len());
            for (occur, a) in cs {
                match (occur, rewrite_prefixes(a, expand)) {
                    // `a AND NOT b` parses as `+a +(-b)`, a clause that can match nothing;
                    // it means `+a -b`.
                    (Some(Occur::Must), UserInputAst::Clause(inner))
                        if !inner.is_empty()
                            && inner.iter().all(|(o, _)| *o == Some(Occur::MustNot)) =>
                    {
                        out.extend(inner);
                    }
                    (o, a) => out.push((o, a)),
                }
            }
            UserInputAst::Clause(out)
        }
        UserInputAst::Boost(a, b) => UserInputAst::Boost(Box::new(rewrite_prefixes(*a, expand)), b),
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(lit)
                if lit.delimiter == Delimiter::None
                    && lit.phrase.contains('*')
                    && !lit.phrase.trim_matches('*').is_empty()
                    && !lit.phrase.contains(char::is_whitespace) =>
            {
                let parts: Vec<String> = lit
                    .phrase
                    .to_lowercase()
                    .split('*')
                    .map(str::to_owned)
                    .collect();
                let field = lit.field_name.clone().unwrap_or_else(|| "text".to_owned());
                let Some(words) = expand(&field, &parts) else {
                    // A field whose values are matched with their stars (see `build`).
                    return UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(lit)));
                };
                if words.is_empty() {
                    let escaped: Vec<String> = parts.iter().map(|p| regex::escape(p)).collect();
                    return UserInputAst::Leaf(Box::new(UserInputLeaf::Regex {
                        field: Some(field),
                        pattern: escaped.join(".*"),
                    }));
                }
                UserInputAst::Clause(
                    words
                        .into_iter()
                        .map(|w| {
                            let leaf = UserInputLeaf::Literal(UserInputLiteral {
                                field_name: Some(field.clone()),
                                phrase: w,
                                delimiter: Delimiter::None,
                                slop: 0,
                                prefix: false,
                            });
                            (Some(Occur::Should), UserInputAst::Leaf(Box::new(leaf)))
                        })
                        .collect(),
                )
            }
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

/// The candidates for a kwic term: segments holding every word (the last one as a
/// prefix when the term ends with `*`). Exact positions are checked on the text.
pub fn kwic_query(index: &SegmentIndex, term: &str) -> Option<Box<dyn Query>> {
    let (field, mut analyzer) = index.text_field();
    let prefix = term.trim_end().ends_with('*');
    let mut words = Vec::new();
    analyzer
        .token_stream(term.trim_end().trim_end_matches('*'))
        .process(&mut |t| words.push(t.text.clone()));
    if words.is_empty() {
        return None;
    }
    let last = words.len() - 1;
    let clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let q: Box<dyn Query> = if prefix && i == last {
                Box::new(
                    RegexQuery::from_pattern(&format!("{}.*", regex::escape(w)), field)
                        .expect("escaped regex"),
                )
            } else {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, w),
                    IndexRecordOption::Basic,
                ))
            };
            (Occur::Must, q)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(q: &str) -> String {
        format!(
            "{:?}",
            rewrite_prefixes(parse_query_lenient(q).0, &mut |_, _| Some(Vec::new()))
        )
    }

    #[test]
    fn stars_in_words_become_the_words_they_match() {
        let mut asked = Vec::new();
        let ast = rewrite_prefixes(parse_query_lenient("Bus* -rural").0, &mut |f, parts| {
            asked.push((f.to_owned(), parts.to_vec()));
            Some(vec!["bus".into(), "buses".into()])
        });
        assert_eq!(
            format!("{ast:?}"),
            r#"(*(?"text":bus ?"text":buses) -rural)"#
        );
        assert_eq!(
            asked,
            [("text".to_owned(), vec!["bus".to_owned(), String::new()])]
        );
    }

    #[test]
    fn stars_matching_no_word_become_regexes() {
        assert_eq!(rewritten("bus*"), r#""text":/bus.*/"#);
        assert_eq!(rewritten("group:Cli*"), r#""group":/cli.*/"#);
        assert_eq!(rewritten("\"public trans\"*"), "\"public trans\"*");
        assert_eq!(rewritten("bus"), "bus");
        assert_eq!(rewritten("bus AND NOT rural"), "(+bus -rural)");
        assert_eq!(
            rewritten("bus AND NOT (rural OR island)"),
            "(+bus -(?rural ?island))"
        );
    }
}
