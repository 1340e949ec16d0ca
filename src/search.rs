//! Full-text search over a loaded guide: an index built once per guide, German-aware word
//! matching and ranked hits with marked snippets, for the app's search field and the CLI.
//!
//! **What is searched.** Steps (title; body, variant and task texts), Arbeitshilfen (title;
//! summary, body), Beispiele (Kommune and title; what, learn), glossary terms (term and its
//! other spellings; definition) and sources (title). Markdown is reduced to its text, one
//! piece per paragraph, heading, quote or list item. The user's notes are not indexed: the
//! caller passes them to each query and they are scanned then.
//!
//! **Words.** Texts and queries are cut into words (runs of letters and digits) and folded:
//! lower case; ä, ö, ü → a, o, u, ß → ss, a few other accents dropped (é → e); and an `e`
//! right after a, o or u is dropped, so that the spellings „ae“, „oe“, „ue“ fold alike:
//! „buergerrat“, „Bürgerrat“ and „BÜRGERRAT“ are all `burgerrat`. A word's stem is its folded
//! form without one common ending (-innen → -in, -ern, -en, -er, -es, -e, -n, -s; not the s of
//! a final ss; at least three letters stay).
//!
//! **Matching.** A query word matches a word of the text as, best first:
//! 1. exact: the same folded word;
//! 2. stem or prefix: the same stem (`Beschlüsse` ~ `Beschluss`, `Räte` ~ `Rat`), or the word
//!    starts with the query word of 2+ letters (`Beschluss` finds `Beschlüsse`, and `Bürgerr`
//!    finds `Bürgerrat` while it is being typed);
//! 3. compound part: the query's stem, or the query word when its stem is shorter, has 4+
//!    letters and occurs inside the word (`Beteiligung` finds `Bürgerbeteiligung`,
//!    `Beschluss` finds `Ratsbeschluss`);
//! 4. typo: for query words of 5+ letters, a word with the same first letter within one edit
//!    (5–7 letters) or two (8+), a swap of two neighbouring letters counting as one
//!    (`Vorhabensliste` finds `Vorhabenliste`). Edits count bytes of the folded words, so a
//!    letter outside a–z (after folding) may count as two; words over 64 bytes get none.
//!
//! **Ranking.** Every query word must match (AND); a query uses its first eight words. Per
//! query word, an item scores its best match: 4, 3, 2 or 1 for the four kinds above, plus 4
//! when the match is in a title, so for one-word queries every title hit ranks above every
//! body hit. An item's score is the sum over the query words. Ties go by guide order: steps,
//! Arbeitshilfen, Beispiele, terms, sources, then the notes in the order given.

use std::collections::HashMap;
use std::ops::Range;

use crate::guide::Guide;
use crate::markdown::{self, Block};

/// A query uses at most this many words, which bounds the work for pasted paragraphs.
const MAX_QUERY_WORDS: usize = 8;
/// Snippets hold at most this many characters, ellipses included (unless one word is
/// longer).
const SNIPPET_CHARS: usize = 160;
/// How much text a snippet shows before its first hit, in characters.
const CONTEXT_CHARS: usize = 40;
/// Longer words (in bytes) get no typo tolerance; it keeps the edit distance on the stack.
const MAX_TYPO_BYTES: usize = 64;
/// What a match in a title adds to its score: more than the best match in a body.
const TITLE_BONUS: u8 = 4;

/// What a hit opens. Indices point into the guide the index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A step, by index into `Guide::steps`.
    Step(usize),
    /// An Arbeitshilfe, by index into `Guide::resources`.
    Resource(usize),
    /// A Beispiel, by index into `Guide::examples`.
    Example(usize),
    /// A glossary term, by index into `Guide::terms`.
    Term(usize),
    /// A source, by index into `Guide::sources`.
    Source(usize),
    /// The user's note on a step, by the step's index into `Guide::steps`.
    Note(usize),
}

impl Target {
    /// The step to open for a step or a note on it (to tell whether it is on the path).
    pub fn step(self) -> Option<usize> {
        match self {
            Target::Step(i) | Target::Note(i) => Some(i),
            _ => None,
        }
    }

    /// What the target is, in German, for lists of hits.
    pub fn label(self) -> &'static str {
        match self {
            Target::Step(_) => "Schritt",
            Target::Resource(_) => "Arbeitshilfe",
            Target::Example(_) => "Beispiel",
            Target::Term(_) => "Begriff",
            Target::Source(_) => "Quelle",
            Target::Note(_) => "Notiz",
        }
    }

    /// The title to show for the target (for a note: its step's title).
    pub fn title(self, guide: &Guide) -> &str {
        match self {
            Target::Step(i) | Target::Note(i) => &guide.steps[i].title,
            Target::Resource(i) => &guide.resources[i].title,
            Target::Example(i) => &guide.examples[i].title,
            Target::Term(i) => &guide.terms[i].term,
            Target::Source(i) => &guide.sources[i].title,
        }
    }
}

/// Where the snippet of a hit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A title (for Beispiele also the Kommune, for terms also their other spellings).
    Title,
    /// Any other text, and notes.
    Body,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    /// The field of the snippet: the piece of text with the best matches.
    pub field: Field,
    /// The ranking score (see the module comment); higher is better.
    pub score: u32,
    /// Up to `SNIPPET_CHARS` characters of the original text around the first hit, cut
    /// at word boundaries, with „…“ where text was cut off. For a title hit, the title.
    pub snippet: String,
    /// The matched words as byte ranges into `snippet`, in order, not overlapping.
    pub marks: Vec<Range<usize>>,
}

/// The hits of one query, best first, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// At most the `limit` given to `search`.
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// How big an index is, for measurements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// Steps, Arbeitshilfen, Beispiele, terms and sources.
    pub targets: usize,
    /// Paragraphs, titles, list items, … of all targets.
    pub pieces: usize,
    /// Bytes of readable text kept for snippets.
    pub text_bytes: usize,
    /// Distinct folded words.
    pub words: usize,
    /// (word, target, field) entries.
    pub postings: usize,
    /// Heap bytes of all of the above, roughly.
    pub heap_bytes: usize,
}

/// A readable piece of a target's text: a byte range of `SearchIndex::text`.
#[derive(Debug, Clone)]
struct Piece {
    start: u32,
    end: u32,
    title: bool,
}

/// A folded word of the vocabulary.
#[derive(Debug, Clone)]
struct Word {
    text: Box<str>,
    /// The byte length of its stem.
    stem: u32,
    /// Its postings are `postings[previous word's end..end]`.
    end: u32,
}

/// The search index of one guide: built once when the guide is loaded, then queried on
/// every keystroke.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    targets: Vec<Target>,
    /// The pieces of target `t` are `pieces[starts[t]..starts[t + 1]]`, titles first.
    starts: Vec<u32>,
    pieces: Vec<Piece>,
    /// The readable text of every piece, one after another.
    text: String,
    /// Every folded word of the texts, sorted.
    vocab: Vec<Word>,
    /// For each word, where it occurs: `target << 1 | 1` for a title, `target << 1` else.
    postings: Vec<u32>,
}

impl SearchIndex {
    pub fn build(guide: &Guide) -> SearchIndex {
        let mut b = Builder::default();
        for (i, s) in guide.steps.iter().enumerate() {
            b.target(Target::Step(i));
            b.piece(&s.title, true);
            b.markdown(&s.body);
            for v in &s.variants {
                b.markdown(&v.text);
            }
            for t in &s.tasks {
                b.markdown(&t.text);
            }
        }
        for (i, r) in guide.resources.iter().enumerate() {
            b.target(Target::Resource(i));
            b.piece(&r.title, true);
            b.markdown(&r.summary);
            b.markdown(&r.body);
        }
        for (i, e) in guide.examples.iter().enumerate() {
            b.target(Target::Example(i));
            b.piece(&e.kommune, true);
            b.piece(&e.title, true);
            b.markdown(&e.what);
            b.markdown(&e.learn);
        }
        for (i, t) in guide.terms.iter().enumerate() {
            b.target(Target::Term(i));
            b.piece(&t.term, true);
            for also in &t.also {
                b.piece(also, true);
            }
            b.markdown(&t.definition);
        }
        for (i, s) in guide.sources.iter().enumerate() {
            b.target(Target::Source(i));
            b.piece(&s.title, true);
        }
        b.finish()
    }

    /// The hits for `query` among the guide's texts and the user's `notes` (step index,
    /// note text), best first; snippets are made for the first `limit` only.
    pub fn search(&self, query: &str, notes: &[(usize, &str)], limit: usize) -> Results {
        let words = query_words(query);
        if words.is_empty() {
            return Results::default();
        }
        let n = self.targets.len();
        // `total[t]` stays 0 once a query word has not matched target `t`.
        let mut total = vec![0u32; n];
        let mut best = vec![0u8; n];
        for (k, q) in words.iter().enumerate() {
            best.fill(0);
            let mut from = 0;
            for w in &self.vocab {
                let postings = &self.postings[from..w.end as usize];
                from = w.end as usize;
                let Some(score) = q.score(&w.text, w.stem as usize) else {
                    continue;
                };
                for &p in postings {
                    let s = score + if p & 1 == 1 { TITLE_BONUS } else { 0 };
                    let t = (p >> 1) as usize;
                    best[t] = best[t].max(s);
                }
            }
            for (sum, &b) in total.iter_mut().zip(&best) {
                *sum = if b == 0 || (k > 0 && *sum == 0) {
                    0
                } else {
                    *sum + u32::from(b)
                };
            }
        }
        // (score, place in the tie order): guide targets first, then the notes.
        let mut ranked: Vec<(u32, usize)> = total
            .iter()
            .enumerate()
            .filter(|&(_, &s)| s > 0)
            .map(|(t, &s)| (s, t))
            .collect();
        let mut scan = Scan::new(words.len());
        for (i, (_, note)) in notes.iter().enumerate() {
            scan.run(&words, note, false);
            if let Some(s) = scan.total() {
                ranked.push((s, n + i));
            }
        }
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let hits = ranked
            .iter()
            .take(limit)
            .map(|&(score, t)| {
                if t < n {
                    return self.hit(t, score, &words, &mut scan);
                }
                let (step, note) = notes[t - n];
                scan.run(&words, note, false);
                let (snippet, marks) = snippet(note, &scan.marks);
                Hit {
                    target: Target::Note(step),
                    field: Field::Body,
                    score,
                    snippet,
                    marks,
                }
            })
            .collect();
        Results {
            hits,
            total: ranked.len(),
        }
    }

    /// The hit for target `t`: its snippet comes from its piece with the best matches.
    fn hit(&self, t: usize, score: u32, words: &[QueryWord], scan: &mut Scan) -> Hit {
        let pieces = &self.pieces[self.starts[t] as usize..self.starts[t + 1] as usize];
        let mut chosen: Option<(u32, &Piece, Vec<Range<usize>>)> = None;
        for piece in pieces {
            scan.run(
                words,
                &self.text[piece.start as usize..piece.end as usize],
                piece.title,
            );
            let s = scan.sum();
            if s > chosen.as_ref().map_or(0, |c| c.0) {
                chosen = Some((s, piece, scan.marks.clone()));
            }
        }
        let (piece, marks) = chosen.map_or((&pieces[0], Vec::new()), |(_, p, m)| (p, m));
        let (snippet, marks) =
            snippet(&self.text[piece.start as usize..piece.end as usize], &marks);
        Hit {
            target: self.targets[t],
            field: if piece.title {
                Field::Title
            } else {
                Field::Body
            },
            score,
            snippet,
            marks,
        }
    }

    /// The sizes of the index's parts, for measurements.
    pub fn sizes(&self) -> Sizes {
        let words: usize = self.vocab.iter().map(|w| w.text.len()).sum();
        Sizes {
            targets: self.targets.len(),
            pieces: self.pieces.len(),
            text_bytes: self.text.len(),
            words: self.vocab.len(),
            postings: self.postings.len(),
            heap_bytes: self.text.capacity()
                + words
                + self.vocab.capacity() * size_of::<Word>()
                + self.postings.capacity() * size_of::<u32>()
                + self.pieces.capacity() * size_of::<Piece>()
                + self.targets.capacity() * size_of::<Target>()
                + self.starts.capacity() * size_of::<u32>(),
        }
    }
}

/// The index under construction: postings are collected per word, then sorted.
#[derive(Default)]
struct Builder {
    targets: Vec<Target>,
    starts: Vec<u32>,
    pieces: Vec<Piece>,
    text: String,
    words: HashMap<String, Vec<u32>>,
    folded: String,
}

impl Builder {
    fn target(&mut self, t: Target) {
        self.targets.push(t);
        self.starts.push(self.pieces.len() as u32);
    }

    /// Adds the text of each Markdown block (each list item) as a piece of the body.
    fn markdown(&mut self, text: &str) {
        for block in markdown::parse(text) {
            match block {
                Block::Heading(_, inl) | Block::Paragraph(inl) | Block::Quote(inl) => {
                    self.piece(&markdown::plain(&inl), false);
                }
                Block::List(_, items) => {
                    for (_, inl) in items {
                        self.piece(&markdown::plain(&inl), false);
                    }
                }
            }
        }
    }

    fn piece(&mut self, text: &str, title: bool) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let t = self.targets.len() as u32 - 1;
        let posting = t << 1 | u32::from(title);
        let start = self.text.len() as u32;
        self.text.push_str(text);
        self.pieces.push(Piece {
            start,
            end: self.text.len() as u32,
            title,
        });
        for (_, word) in words(text) {
            fold(word, &mut self.folded);
            match self.words.get_mut(self.folded.as_str()) {
                // Titles come first within a target, so comparing with the last posting
                // keeps one entry per word, target and field.
                Some(list) if list.last() == Some(&posting) => {}
                Some(list) => list.push(posting),
                None => {
                    self.words.insert(self.folded.clone(), vec![posting]);
                }
            }
        }
    }

    fn finish(mut self) -> SearchIndex {
        self.starts.push(self.pieces.len() as u32);
        let mut words: Vec<(String, Vec<u32>)> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut postings = Vec::with_capacity(words.iter().map(|w| w.1.len()).sum());
        let vocab = words
            .into_iter()
            .map(|(text, list)| {
                postings.extend_from_slice(&list);
                Word {
                    stem: stem_len(&text) as u32,
                    text: text.into_boxed_str(),
                    end: postings.len() as u32,
                }
            })
            .collect();
        SearchIndex {
            targets: self.targets,
            starts: self.starts,
            pieces: self.pieces,
            text: self.text,
            vocab,
            postings,
        }
    }
}

/// The words of a text with their byte offsets: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Folds `word` into `out` (see the module comment).
fn fold(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' => 'a',
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' => 'o',
            'ü' | 'ù' | 'ú' | 'û' => 'u',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            c => c,
        };
        if c == 'e' && out.ends_with(['a', 'o', 'u']) {
            continue;
        }
        out.push(c);
    }
}

/// The byte length of the stem of a folded word (see the module comment).
fn stem_len(w: &str) -> usize {
    let long_enough = |stem: &str| stem.chars().count() >= 3;
    if let Some(stem) = w.strip_suffix("nen").filter(|s| s.ends_with("in"))
        && long_enough(stem)
    {
        return stem.len();
    }
    for ending in ["ern", "en", "er", "es", "e", "n", "s"] {
        if let Some(stem) = w.strip_suffix(ending)
            && long_enough(stem)
            && !(ending == "s" && stem.ends_with('s'))
        {
            return stem.len();
        }
    }
    w.len()
}

/// A word of the query, folded, with what its matching needs.
struct QueryWord {
    folded: String,
    stem: usize,
    /// The compound part to look for inside longer words, if long enough.
    part: Option<Range<usize>>,
    /// Edits allowed for a typo (0: none).
    typos: usize,
}

impl QueryWord {
    fn new(folded: String) -> QueryWord {
        let stem = stem_len(&folded);
        let letters = folded.chars().count();
        let part = if folded[..stem].chars().count() >= 4 {
            Some(0..stem)
        } else if letters >= 4 {
            Some(0..folded.len())
        } else {
            None
        };
        let typos = match letters {
            0..=4 => 0,
            5..=7 => 1,
            _ => 2,
        };
        QueryWord {
            folded,
            stem,
            part,
            typos,
        }
    }

    /// The score (4 exact, 3 stem or prefix, 2 compound part, 1 typo) of this query word
    /// against the folded word `w` with stem length `stem`, without the title bonus.
    fn score(&self, w: &str, stem: usize) -> Option<u8> {
        let q = self.folded.as_str();
        if w == q {
            Some(4)
        } else if w[..stem] == q[..self.stem] || (q.len() >= 2 && w.starts_with(q)) {
            Some(3)
        } else if self
            .part
            .as_ref()
            .is_some_and(|p| w.contains(&q[p.clone()]))
        {
            Some(2)
        } else if self.typos > 0
            && w.as_bytes().first() == q.as_bytes().first()
            && within(q.as_bytes(), w.as_bytes(), self.typos)
        {
            Some(1)
        } else {
            None
        }
    }
}

/// The query's distinct words, folded, at most `MAX_QUERY_WORDS`.
fn query_words(query: &str) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    let mut folded = String::new();
    for (_, word) in words(query) {
        fold(word, &mut folded);
        if !out.iter().any(|q| q.folded == folded) {
            out.push(QueryWord::new(folded.clone()));
            if out.len() == MAX_QUERY_WORDS {
                break;
            }
        }
    }
    out
}

/// Whether the edit distance between `a` and `b` (insert, delete, replace or swap two
/// neighbours; optimal string alignment) is at most `k`.
fn within(a: &[u8], b: &[u8], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k || a.len() > MAX_TYPO_BYTES || b.len() > MAX_TYPO_BYTES {
        return false;
    }
    // Three rows of the distance table: two rows back (for swaps), the last one, this one.
    let mut rows = [[0u8; MAX_TYPO_BYTES + 1]; 3];
    for (j, d) in rows[1].iter_mut().enumerate().take(b.len() + 1) {
        *d = j as u8;
    }
    for i in 1..=a.len() {
        let (cur, last, older) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i as u8;
        let mut row_min = rows[cur][0];
        for j in 1..=b.len() {
            let replace = rows[last][j - 1] + u8::from(a[i - 1] != b[j - 1]);
            let mut d = replace.min(rows[last][j] + 1).min(rows[cur][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[older][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        // No later row can get below this row's smallest distance.
        if usize::from(row_min) > k {
            return false;
        }
    }
    usize::from(rows[a.len() % 3][b.len()]) <= k
}

/// Matches the query in one text, word by word: the best score of each query word there
/// and the ranges of all matched words. Buffers are kept between texts.
struct Scan {
    best: Vec<u8>,
    marks: Vec<Range<usize>>,
    folded: String,
}

impl Scan {
    fn new(words: usize) -> Scan {
        Scan {
            best: vec![0; words],
            marks: Vec::new(),
            folded: String::new(),
        }
    }

    fn run(&mut self, query: &[QueryWord], text: &str, title: bool) {
        self.best.fill(0);
        self.marks.clear();
        let bonus = if title { TITLE_BONUS } else { 0 };
        for (at, word) in words(text) {
            fold(word, &mut self.folded);
            let stem = stem_len(&self.folded);
            let mut matched = false;
            for (best, q) in self.best.iter_mut().zip(query) {
                if let Some(s) = q.score(&self.folded, stem) {
                    *best = (*best).max(s + bonus);
                    matched = true;
                }
            }
            if matched {
                self.marks.push(at..at + word.len());
            }
        }
    }

    /// The text's score when every query word matched in it.
    fn total(&self) -> Option<u32> {
        (!self.best.contains(&0)).then(|| self.sum())
    }

    fn sum(&self) -> u32 {
        self.best.iter().map(|&b| u32::from(b)).sum()
    }
}

/// Up to `SNIPPET_CHARS` characters of `text` around the first of `marks`, and the marks
/// that fall inside, moved into the snippet.
fn snippet(text: &str, marks: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    if text.chars().count() <= SNIPPET_CHARS {
        return (text.to_string(), marks.to_vec());
    }
    let first = marks.first().cloned().unwrap_or(0..0);
    // Two characters are kept for the ellipses.
    let room = SNIPPET_CHARS - 2;
    // Start a little before the first hit, earlier if the text ends soon after it.
    let mut start = chars_back(text, first.start, CONTEXT_CHARS)
        .min(chars_back(text, text.len(), room))
        .min(first.start);
    if start > 0 && !text[..start].ends_with(char::is_whitespace) {
        start = text[start..first.start]
            .find(char::is_whitespace)
            .map_or(first.start, |i| start + i);
    }
    let mut end = chars_forward(text, start, room).max(first.end);
    if end < text.len() {
        end = text[first.end..end]
            .rfind(char::is_whitespace)
            .map_or(end, |i| first.end + i);
    }
    let shown = text[start..end].trim();
    let lo = start + text[start..end].len() - text[start..end].trim_start().len();
    let hi = lo + shown.len();
    let mut out = String::with_capacity(shown.len() + 6);
    if lo > 0 {
        out.push('…');
    }
    let offset = out.len();
    out.push_str(shown);
    if hi < text.len() {
        out.push('…');
    }
    let moved = marks
        .iter()
        .filter(|m| m.start >= lo && m.end <= hi)
        .map(|m| m.start - lo + offset..m.end - lo + offset)
        .collect();
    (out, moved)
}

/// The byte offset `n` characters before `at` (or 0).
fn chars_back(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
fn chars_forward(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(w: &str) -> String {
        let mut out = String::new();
        fold(w, &mut out);
        out
    }

    fn score(query: &str, word: &str) -> Option<u8> {
        let q = QueryWord::new(folded(query));
        let w = folded(word);
        q.score(&w, stem_len(&w))
    }

    #[test]
    fn folding_treats_both_umlaut_spellings_and_case_alike() {
        for w in ["Bürgerrat", "buergerrat", "BÜRGERRAT", "BUERGERRAT"] {
            assert_eq!(folded(w), "burgerrat", "{w}");
        }
        assert_eq!(folded("Straße"), folded("STRASSE"));
        assert_eq!(folded("Öffentlichkeit"), folded("Oeffentlichkeit"));
        assert_eq!(folded("Café"), "cafe");
    }

    #[test]
    fn stems_drop_one_common_ending_and_keep_three_letters() {
        let stem = |w: &str| {
            let f = folded(w);
            f[..stem_len(&f)].to_string()
        };
        assert_eq!(stem("Beschlüsse"), "beschluss");
        assert_eq!(stem("Beschluss"), "beschluss");
        assert_eq!(stem("Beschlusses"), "beschluss");
        assert_eq!(stem("Bürgern"), "burg");
        assert_eq!(stem("Bürgerinnen"), "burgerin");
        assert_eq!(stem("Räte"), "rat");
        assert_eq!(stem("Rat"), "rat");
        assert_eq!(stem("Ente"), "ent");
        assert_eq!(stem("Ei"), "ei");
    }

    #[test]
    fn match_kinds_rank_exact_stem_compound_typo() {
        assert_eq!(score("Beschluss", "Beschluss"), Some(4));
        assert_eq!(score("Beschluss", "Beschlüsse"), Some(3));
        assert_eq!(score("Beschlüssen", "Beschluss"), Some(3));
        assert_eq!(score("Bürgerr", "Bürgerrat"), Some(3));
        assert_eq!(score("Beschluss", "Ratsbeschluss"), Some(2));
        assert_eq!(score("Beteiligung", "Bürgerbeteiligung"), Some(2));
        assert_eq!(score("Haus", "Rathaus"), Some(2));
        assert_eq!(score("Vorhabensliste", "Vorhabenliste"), Some(1));
        assert_eq!(score("Termni", "Termin"), Some(1), "a swap is one edit");
        assert_eq!(score("Rat", "Demokratie"), None, "parts need four letters");
        assert_eq!(score("Raat", "Rat"), None, "no typos below five letters");
        assert_eq!(score("Tremni", "Termin"), None, "two edits in six letters");
        assert_eq!(score("Daten", "Raten"), None, "typos keep the first letter");
        assert_eq!(
            score("Burgarrad", "Bürgerrat"),
            Some(1),
            "two edits in nine"
        );
        assert_eq!(score("a", "ab"), None, "one letter is no prefix");
    }

    #[test]
    fn edit_distance_is_bounded_and_counts_swaps_once() {
        assert!(within(b"abcdef", b"abcdef", 0));
        assert!(within(b"abcdef", b"abdcef", 1));
        assert!(within(b"abcdef", b"abcef", 1));
        assert!(!within(b"abcdef", b"badcfe", 2));
        assert!(within(b"kitten", b"sitting", 3));
        assert!(!within(b"kitten", b"sitting", 2));
        assert!(!within(&[b'a'; 65], &[b'a'; 65], 2), "too long for typos");
    }

    #[test]
    fn short_texts_are_their_own_snippet() {
        let (s, m) = snippet("Ein Bürgerrat tagt.", &[4..14]);
        assert_eq!((s.as_str(), m), ("Ein Bürgerrat tagt.", vec![4..14]));
    }

    #[test]
    fn long_texts_are_cut_at_word_boundaries_around_the_first_hit() {
        let text = format!(
            "{} Bürgerrat {}",
            "vorher ".repeat(40),
            "nachher ".repeat(40)
        );
        let at = text.find("Bürgerrat").unwrap();
        let (s, m) = snippet(&text, &[at..at + "Bürgerrat".len()]);
        assert!(s.starts_with("…vorher ") && s.ends_with(" nachher…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS, "{}", s.chars().count());
        assert_eq!(m.len(), 1);
        assert_eq!(&s[m[0].clone()], "Bürgerrat");
        // A hit near the end: the snippet fills up with text before it.
        let text = format!("{}Ende Bürgerrat.", "wort ".repeat(60));
        let at = text.find("Bürgerrat").unwrap();
        let (s, m) = snippet(&text, &[at..at + "Bürgerrat".len()]);
        assert!(s.starts_with("…wort ") && s.ends_with("Bürgerrat."), "{s}");
        assert!(s.chars().count() > 120, "{s}");
        assert_eq!(&s[m[0].clone()], "Bürgerrat");
    }
}
