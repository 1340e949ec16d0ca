//! Finding glossary terms in text: a term is marked where its spelling (or one listed in
//! `also`) starts a word, so inflected forms like „Bürgerbudgets“ are found too.

use crate::guide::Guide;

/// A term occurrence: byte range in the text and the index of the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

/// All non-overlapping occurrences of glossary terms in `text`, longest spelling first
/// where two start at the same place.
pub fn find(guide: &Guide, text: &str) -> Vec<Match> {
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    for (i, t) in guide.terms.iter().enumerate() {
        spellings.push((&t.term, i));
        spellings.extend(t.also.iter().map(|a| (a.as_str(), i)));
    }
    spellings.retain(|(s, _)| !s.is_empty());
    spellings.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let at_word_start = i == 0
            || !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '-');
        if at_word_start
            && let Some((s, term)) = spellings.iter().find(|(s, _)| text[i..].starts_with(s))
        {
            out.push(Match {
                start: i,
                end: i + s.len(),
                term: *term,
            });
            i += s.len();
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}
