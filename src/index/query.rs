//! Queries: tantivy's syntax from the user, with `word*` prefix terms (which tantivy's
//! parser only takes inside phrases) rewritten to regex terms; and the query that
//! finds kwic candidates.

use tantivy::Index;
use tantivy::Term;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RegexQuery, TermQuery};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, parse_query_lenient};
use tantivy::schema::IndexRecordOption;

use super::{Fields, SegmentIndex};
use crate::error::{Error, Problem, Result};

/// A parsed user query, and the wildcard words in it (as regexes over one word), which
/// tantivy's snippets do not highlight.
pub(super) struct Parsed {
    pub query: Box<dyn Query>,
    pub wildcards: Vec<String>,
}

/// Parse a user query; a syntax error names the position where it failed.
pub(super) fn parse(index: &Index, fields: &Fields, query: &str) -> Result<Parsed> {
    if query.trim().is_empty() {
        // Every segment the filter lets through (`coda search --theme rurality ''`).
        return Ok(Parsed {
            query: Box::new(AllQuery),
            wildcards: Vec::new(),
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
    let mut wildcards = Vec::new();
    let ast = rewrite_prefixes(ast, &mut wildcards);
    let mut parser = QueryParser::for_index(index, vec![fields.text]);
    parser.allow_regexes();
    let query = parser.build_query_from_user_input_ast(ast).map_err(|e| {
        let known: Vec<&str> = ["text", "participant", "speaker", "role", "transcript"]
            .into_iter()
            .chain(fields.attributes.keys().map(String::as_str))
            .collect();
        Error::input(Problem::general(format!(
            "the query cannot be run: {e}; fields you can name with field:term are {}",
            known.join(", ")
        )))
    })?;
    Ok(Parsed { query, wildcards })
}

/// `bus*` (a word with `*` in it: tantivy's grammar keeps the star in the word, and its
/// parser would drop it) becomes a regex term `bus.*` on its field.
fn rewrite_prefixes(ast: UserInputAst, wildcards: &mut Vec<String>) -> UserInputAst {
    match ast {
        UserInputAst::Clause(cs) => {
            let mut out = Vec::with_capacity(cs.len());
            for (occur, a) in cs {
                match (occur, rewrite_prefixes(a, wildcards)) {
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
        UserInputAst::Boost(a, b) => {
            UserInputAst::Boost(Box::new(rewrite_prefixes(*a, wildcards)), b)
        }
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
                    .map(regex::escape)
                    .collect();
                if lit.field_name.as_deref().is_none_or(|f| f == "text") {
                    wildcards.push(parts.join(r"\w*"));
                }
                UserInputAst::Leaf(Box::new(UserInputLeaf::Regex {
                    field: Some(lit.field_name.unwrap_or_else(|| "text".to_owned())),
                    pattern: parts.join(".*"),
                }))
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
            rewrite_prefixes(parse_query_lenient(q).0, &mut Vec::new())
        )
    }

    #[test]
    fn stars_in_words_become_regexes() {
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
