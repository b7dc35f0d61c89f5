//! What a PDF conversion leaves around the text: paragraph numbers, and running
//! headers and footers next to page breaks.

use super::super::label::number_prefix;

/// Per body line, whether it is dropped (page furniture, or a paragraph number alone
/// on its line in a numbered file), and whether the file's paragraphs are numbered (a
/// number before a line's text is then dropped too). `labelled`: the lines that look
/// like labels, which are never furniture.
pub(super) fn dropped(
    body: &[(usize, &str)],
    breaks: &[usize],
    labelled: &[bool],
) -> (Vec<bool>, bool) {
    let numbers = body
        .iter()
        .filter(|(_, l)| is_number_line(l) || number_prefix(l) > 0)
        .count();
    let numbered = numbers >= 3;
    let furniture = page_furniture(body, breaks, labelled);
    let dropped = body
        .iter()
        .zip(&furniture)
        .map(|((_, l), &f)| f || (numbered && is_number_line(l)))
        .collect();
    (dropped, numbered)
}

fn is_number_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// In a file with page breaks, the running headers and footers a PDF conversion leaves
/// (`Interview 4 — Page 3`, `CONFIDENTIAL – Evaluation   7`): lines next to a page break
/// or at the file's ends that recur, digits aside. A label-like line (`Interviewer:
/// Okay.`) never is.
fn page_furniture(body: &[(usize, &str)], breaks: &[usize], labelled: &[bool]) -> Vec<bool> {
    let mut out = vec![false; body.len()];
    if breaks.is_empty() {
        return out;
    }
    let text_lines: Vec<usize> = (0..body.len())
        .filter(|&i| !body[i].1.trim().is_empty())
        .collect();
    // The three text lines either side of each break, and at the file's ends (the first
    // page's header, the last page's footer): label-like lines are never taken.
    let mut near: Vec<usize> = Vec::new();
    let mut edges: Vec<usize> = breaks.to_vec();
    edges.extend([0, body.len()]);
    for b in edges {
        let at = text_lines.partition_point(|&i| i < b);
        near.extend(&text_lines[at.saturating_sub(3)..at]);
        near.extend(text_lines.iter().skip(at).take(3));
    }
    near.sort_unstable();
    near.dedup();
    let mask = |l: &str| -> String {
        let m: String = l
            .trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        m.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut counts: rustc_hash::FxHashMap<String, usize> = Default::default();
    let masks: Vec<(usize, String)> = near
        .iter()
        .filter(|&&i| !labelled[i] && body[i].1.trim().chars().count() <= 100)
        .map(|&i| (i, mask(body[i].1)))
        .collect();
    for (_, m) in &masks {
        *counts.entry(m.clone()).or_insert(0) += 1;
    }
    for (i, m) in masks {
        if counts[&m] >= 2 {
            out[i] = true;
        }
    }
    // Seen once: a page number next to a break (`- 2 -`, `Page 2 of 9`), and the first
    // line of a page that repeats the file's title (`THORNLEY PROJECT - J. McAVOY`
    // under `THORNLEY PROJECT`), as the running header of a typed transcript.
    let title = text_lines
        .first()
        .map(|&i| body[i].1.trim().trim_start_matches('\u{C}'))
        .filter(|t| t.chars().count() >= 10);
    for &b in breaks {
        let at = text_lines.partition_point(|&i| i < b);
        for &i in &text_lines[at.saturating_sub(2)..(at + 2).min(text_lines.len())] {
            let line = body[i].1.trim().trim_start_matches('\u{C}').trim();
            if labelled[i] {
                continue;
            }
            let after_break = text_lines.get(at) == Some(&i);
            if is_page_number(line)
                || (after_break && i != text_lines[0] && title.is_some_and(|t| line.starts_with(t)))
            {
                out[i] = true;
            }
        }
    }
    out
}

/// A page number alone on its line: `2`, `- 2 -`, `— 2 —`, `Page 2`, `Page 2 of 9`.
fn is_page_number(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    let lower = t.to_lowercase();
    let t = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("p."))
        .unwrap_or(&lower)
        .trim_start();
    let mut parts = t.splitn(2, " of ");
    let n = parts.next().unwrap_or("").trim();
    let of = parts.next().map(str::trim);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    digits(n) && of.is_none_or(digits)
}
