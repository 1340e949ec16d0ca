//! Finding glossary terms in text: a term is marked where its spelling (or one listed in
//! `also`) starts a word, so inflected forms like „Bürgerbudgets“ are found too. Depends
//! only on the terms.

use super::model::Term;

/// A term occurrence: byte range in the text and the index of the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

/// Every spelling of every term, longest first, indexed by first byte so that scanning a
/// text costs one lookup per word start. Built once per loaded guide.
#[derive(Debug, Clone, Default)]
pub struct Spellings {
    /// (spelling, term index), longest first.
    all: Vec<(String, usize)>,
    /// For each first byte, the indices into `all` that start with it.
    by_first: Vec<Vec<u32>>,
}

impl Spellings {
    pub fn new(terms: &[Term]) -> Self {
        let mut all: Vec<(String, usize)> = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            all.push((t.term.clone(), i));
            all.extend(t.also.iter().map(|a| (a.clone(), i)));
        }
        all.retain(|(s, _)| !s.is_empty());
        all.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        let mut by_first = vec![Vec::new(); 256];
        for (k, (s, _)) in all.iter().enumerate() {
            by_first[usize::from(s.as_bytes()[0])].push(k as u32);
        }
        Spellings { all, by_first }
    }
}

impl Spellings {
    /// All non-overlapping occurrences of glossary terms in `text`, longest spelling first
    /// where two start at the same place.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let sp = self;
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        let mut prev_is_word = false;
        while i < text.len() {
            if !prev_is_word {
                let hit = sp.by_first[usize::from(bytes[i])]
                    .iter()
                    .map(|&k| &sp.all[k as usize])
                    .find(|(s, _)| bytes[i..].starts_with(s.as_bytes()));
                if let Some((s, term)) = hit {
                    out.push(Match {
                        start: i,
                        end: i + s.len(),
                        term: *term,
                    });
                    i += s.len();
                    prev_is_word = text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '-');
                    continue;
                }
            }
            let c = text[i..].chars().next().expect("i is on a char boundary");
            prev_is_word = c.is_alphanumeric() || c == '-';
            i += c.len_utf8();
        }
        out
    }
}
