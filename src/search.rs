//! Full-text search over a loaded guide: an index built once per guide, German-aware word
//! matching and ranked hits with marked snippets, for the app's search field and the CLI.
//!
//! **What is searched.** Steps (title; body, variant and task texts), Arbeitshilfen (title;
//! summary, body), Beispiele (Kommune and title; what, learn), glossary terms (term and its
//! other spellings; definition) and sources (title). The index reads Markdown from its
//! source, which is much cheaper than parsing it: markup characters separate words like
//! spaces (so markup inside a word splits it) and link targets are skipped. Snippets show
//! the text without markup: one paragraph, heading, quote or list item. The user's notes are
//! not indexed: the caller passes them to each query, and they are scanned then.
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
//! Arbeitshilfen, Beispiele, terms, sources, then the notes (which count as body text) in
//! the order given. A hit's snippet comes from its readable text with the most query words.
//!
//! **Cost.** The index keeps each folded word once, with the items (and whether in a title)
//! it occurs in. A query walks that vocabulary once per query word, so it costs in proportion
//! to the distinct words, not to the text; only the hits shown are read again for snippets.

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
/// The score of an exact match; the other kinds score less (see `QueryWord::score`).
const EXACT: u8 = 4;
/// What a match in a title adds to its score: as much as the best match in a body.
const TITLE_BONUS: u8 = 4;

/// What a match adds to its score for being in a title.
fn bonus(title: bool) -> u8 {
    if title { TITLE_BONUS } else { 0 }
}

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
            Target::Note(_) => "Ihre Notiz",
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
    /// Where the snippet's text is.
    pub field: Field,
    /// The ranking score (see the module comment); higher is better.
    pub score: u32,
    /// Up to 160 characters of the text as the reader sees it (without Markdown markup)
    /// around its first matched word, cut at word boundaries, with „…“ where text was cut
    /// off. The text is the one with the most query words: a title, a paragraph, heading,
    /// quote or list item, or the note.
    pub snippet: String,
    /// The matched words as byte ranges into `snippet`, in order, not overlapping.
    pub marks: Vec<Range<usize>>,
}

impl Hit {
    /// The snippet in pieces, each a matched word (`true`) or the text between.
    pub fn parts(&self) -> Vec<(&str, bool)> {
        parts(&self.snippet, &self.marks)
    }
}

/// `text` in pieces at `marks` (ordered, not overlapping, on character boundaries): each
/// piece a marked range (`true`) or the text between; no empty pieces.
pub fn parts<'t>(text: &'t str, marks: &[Range<usize>]) -> Vec<(&'t str, bool)> {
    let mut out = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for m in marks {
        if m.start > at {
            out.push((&text[at..m.start], false));
        }
        out.push((&text[m.clone()], true));
        at = m.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
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
    /// Distinct folded words.
    pub words: usize,
    /// (word, target, field) entries.
    pub postings: usize,
    /// Heap bytes of all of the above, roughly.
    pub heap_bytes: usize,
}

/// A folded word of the vocabulary.
#[derive(Debug, Clone, Default)]
struct Word {
    text: Box<str>,
    /// Its postings are `postings[previous word's end..end]`.
    end: u32,
}

/// The search index of one guide: built once when the guide is loaded, then queried on
/// every keystroke. It holds words and where they occur, not the texts: queries read those
/// from the guide for their snippets.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Every step, Arbeitshilfe, Beispiel, term and source, in guide order.
    targets: Vec<Target>,
    /// Every folded word of the texts, in the order first met.
    vocab: Vec<Word>,
    /// For each word, where it occurs: `target << 1 | 1` in a title, `target << 1` else,
    /// by index into `targets`.
    postings: Vec<u32>,
}

impl SearchIndex {
    pub fn build(guide: &Guide) -> SearchIndex {
        // Plain loops: the chain of five ranges costs more wasm than the rest of `build`.
        let mut targets = Vec::new();
        for (kind, n) in [
            (Target::Step as fn(usize) -> Target, guide.steps.len()),
            (Target::Resource, guide.resources.len()),
            (Target::Example, guide.examples.len()),
            (Target::Term, guide.terms.len()),
            (Target::Source, guide.sources.len()),
        ] {
            for i in 0..n {
                targets.push(kind(i));
            }
        }
        let mut b = Builder::default();
        let (mut buf, mut wide) = (Vec::new(), String::new());
        for (t, &target) in targets.iter().enumerate() {
            texts(guide, target, &mut |text, title| {
                let posting = (t as u32) << 1 | u32::from(title);
                let mut add = |piece: &str| {
                    fold_words(piece, &mut buf, &mut wide, &mut |w, h| b.add(w, h, posting));
                };
                if title {
                    add(text);
                } else {
                    source_pieces(text, &mut add);
                }
            });
        }
        b.finish(targets)
    }

    /// The hits for `query` in `guide` (the guide the index was built from) and in the
    /// user's `notes` (step index, note text), best first; snippets are made for the first
    /// `limit` only.
    pub fn search(
        &self,
        guide: &Guide,
        query: &str,
        notes: &[(usize, &str)],
        limit: usize,
    ) -> Results {
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
                let Some(score) = q.score(&w.text) else {
                    continue;
                };
                for &p in postings {
                    let s = score + bonus(p & 1 == 1);
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
        // The best `limit` of (score, place in the tie order: guide targets first, then
        // the notes), best first. Places come in tie order, so each goes after those with
        // the same score; of the rest only the count is kept, which spares sorting them.
        let mut best: Vec<(u32, usize)> = Vec::new();
        let mut found = 0;
        let mut consider = |score: u32, place: usize| {
            found += 1;
            if best.len() < limit || best.last().is_some_and(|&(s, _)| s < score) {
                let at = best.partition_point(|&(s, _)| s >= score);
                best.insert(at, (score, place));
                best.truncate(limit);
            }
        };
        for (t, &s) in total.iter().enumerate() {
            if s > 0 {
                consider(s, t);
            }
        }
        let mut scan = Scan::new(words.len());
        for (i, (_, note)) in notes.iter().enumerate() {
            scan.run(&words, note, false);
            if let Some(s) = scan.total() {
                consider(s, n + i);
            }
        }
        let hits = best
            .iter()
            .map(|&(score, t)| {
                if t < n {
                    return hit(guide, self.targets[t], score, &words, &mut scan);
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
        Results { hits, total: found }
    }

    /// The sizes of the index's parts, for measurements.
    pub fn sizes(&self) -> Sizes {
        let words: usize = self.vocab.iter().map(|w| w.text.len()).sum();
        Sizes {
            targets: self.targets.len(),
            words: self.vocab.len(),
            postings: self.postings.len(),
            heap_bytes: words
                + self.vocab.capacity() * size_of::<Word>()
                + self.postings.capacity() * size_of::<u32>()
                + self.targets.capacity() * size_of::<Target>(),
        }
    }
}

/// Calls `f(text, is_title)` for every searched text of `target`, titles first. Titles
/// are plain text, all other texts Markdown. The one list of what is searched.
fn texts<'g>(guide: &'g Guide, target: Target, f: &mut dyn FnMut(&'g str, bool)) {
    match target {
        Target::Step(i) | Target::Note(i) => {
            let s = &guide.steps[i];
            f(&s.title, true);
            f(&s.body, false);
            s.variants.iter().for_each(|v| f(&v.text, false));
            s.tasks.iter().for_each(|t| f(&t.text, false));
        }
        Target::Resource(i) => {
            let r = &guide.resources[i];
            f(&r.title, true);
            f(&r.summary, false);
            f(&r.body, false);
        }
        Target::Example(i) => {
            let e = &guide.examples[i];
            f(&e.kommune, true);
            f(&e.title, true);
            f(&e.what, false);
            f(&e.learn, false);
        }
        Target::Term(i) => {
            let t = &guide.terms[i];
            f(&t.term, true);
            t.also.iter().for_each(|a| f(a, true));
            f(&t.definition, false);
        }
        Target::Source(i) => f(&guide.sources[i].title, true),
    }
}

/// The hit for `target`. Its snippet comes from the readable text (a title, or a
/// paragraph, heading, quote or list item of a Markdown text) that matches the most query
/// words, and of those the first with the best score.
fn hit(guide: &Guide, target: Target, score: u32, words: &[QueryWord], scan: &mut Scan) -> Hit {
    let mut best = Best::default();
    let mut done = false;
    texts(guide, target, &mut |text, title| {
        if done {
            return;
        }
        if title {
            done = best.consider(scan, words, text, true);
        } else if scan.in_source(words, text) {
            // Parsing is the expensive part, so only texts with a match are parsed.
            done = readable_blocks(text)
                .iter()
                .any(|block| best.consider(scan, words, block, false));
        }
    });
    let (snippet, marks) = snippet(&best.text, &best.marks);
    Hit {
        target,
        field: if best.title {
            Field::Title
        } else {
            Field::Body
        },
        score,
        snippet,
        marks,
    }
}

/// The best text for a hit's snippet so far.
#[derive(Default)]
struct Best {
    /// (query words matched, score).
    rank: (usize, u32),
    title: bool,
    text: String,
    marks: Vec<Range<usize>>,
}

impl Best {
    /// Takes `text` if it is better. Returns whether it has every query word exactly: then
    /// no later text can be better, as titles come first.
    fn consider(&mut self, scan: &mut Scan, words: &[QueryWord], text: &str, title: bool) -> bool {
        scan.run(words, text, title);
        let rank = (scan.matched(), scan.sum());
        if rank > self.rank || self.text.is_empty() {
            *self = Best {
                rank,
                title,
                text: text.to_string(),
                marks: scan.marks.clone(),
            };
        }
        rank == (
            words.len(),
            words.len() as u32 * u32::from(EXACT + bonus(title)),
        )
    }
}

/// One step of the hash of a folded word, byte by byte (rustc's FxHash mixing: a rotate,
/// an xor and a multiply), so that `fold_words` can hash a word while it folds it. The words
/// hashed are the guide's own, so an attacker-chosen flood of collisions is not a concern.
#[inline(always)]
fn mix(hash: u64, byte: u8) -> u64 {
    (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The hash of a folded word, as `fold_words` computes it on the way.
fn word_hash(word: &[u8]) -> u64 {
    word.iter().fold(0, |h, &b| mix(h, b))
}

/// The index under construction: each folded word gets an id, counting up in the order
/// words are first met. The build reads every text of the guide once, so its cost is per
/// byte read: each byte is cut, folded and hashed in one go (`fold_words`), and each word
/// looked up in a table of its own (open addressing on that hash, no copy of the word
/// until it is new). A `HashMap<String, _>` fed by `words` and `fold` passed over each word
/// five times (cut, copy, lower case, look for „ae“, hash); this takes a fifth fewer
/// instructions on the generated 2,000-step guide (callgrind, size-optimised as released).
#[derive(Default)]
struct Builder {
    /// The folded words back to back, whole UTF-8 characters: word `id` is
    /// `text[ends[id - 1]..ends[id]]`.
    text: Vec<u8>,
    ends: Vec<u32>,
    /// By hash: word id + 1, or 0 where free. Its length is a power of two (or 0), and at
    /// most half of it is taken.
    slots: Vec<u32>,
    /// By word id: its last posting, to add each (word, target, field) once.
    last: Vec<u32>,
    /// (word id, posting) in the order met, so in target order for each word.
    occurrences: Vec<(u32, u32)>,
}

impl Builder {
    fn word(&self, id: usize) -> &[u8] {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start as usize..self.ends[id] as usize]
    }

    /// The slot of the folded `word` with the `hash` of it: the one that holds it, or the
    /// free one it goes in.
    fn slot(&self, word: &[u8], hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        // The high bits of a multiplicative hash are its best mixed.
        let mut at = (hash >> 32) as usize & mask;
        loop {
            match self.slots[at] {
                0 => return at,
                s if self.word(s as usize - 1) == word => return at,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Adds an occurrence of the folded `word`, which hashes to `hash`, at `posting`.
    fn add(&mut self, word: &[u8], hash: u64, posting: u32) {
        if self.slots.len() < 2 * (self.ends.len() + 1) {
            let mut slots = vec![0; (self.slots.len() * 2).max(1024)];
            std::mem::swap(&mut slots, &mut self.slots);
            for s in slots.into_iter().filter(|&s| s != 0) {
                let w = self.word(s as usize - 1);
                let at = self.slot(w, word_hash(w));
                self.slots[at] = s;
            }
        }
        let at = self.slot(word, hash);
        let id = match self.slots[at] {
            0 => {
                self.text.extend_from_slice(word);
                self.ends.push(self.text.len() as u32);
                self.last.push(u32::MAX);
                self.slots[at] = self.ends.len() as u32;
                self.ends.len() - 1
            }
            s => s as usize - 1,
        };
        // Titles come first within a target, so comparing with the last posting is enough.
        let last = &mut self.last[id];
        if *last != posting {
            *last = posting;
            self.occurrences.push((id as u32, posting));
        }
    }

    /// Sorts the occurrences by word id (a counting sort) into each word's postings.
    fn finish(self, targets: Vec<Target>) -> SearchIndex {
        let mut vocab: Vec<Word> = (0..self.ends.len())
            .map(|id| Word {
                text: String::from_utf8_lossy(self.word(id)).into(),
                end: 0,
            })
            .collect();
        for &(id, _) in &self.occurrences {
            vocab[id as usize].end += 1;
        }
        let mut end = 0;
        for w in &mut vocab {
            end += w.end;
            w.end = end;
        }
        // Filled from the back of each word's range, so the occurrences are walked in reverse.
        let mut postings = vec![0; self.occurrences.len()];
        let mut next: Vec<u32> = vocab.iter().map(|w| w.end).collect();
        for &(id, posting) in self.occurrences.iter().rev() {
            next[id as usize] -= 1;
            postings[next[id as usize] as usize] = posting;
        }
        SearchIndex {
            targets,
            vocab,
            postings,
        }
    }
}

/// The words of a text with their byte offsets: runs of letters and digits. ASCII is
/// checked byte by byte; only the first byte of other characters is decoded, and the
/// bytes after it go with it.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let wide_letter = |i: usize| text[i..].chars().next().is_some_and(char::is_alphanumeric);
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let &b = bytes.get(i)?;
            if b.is_ascii_alphanumeric() || (b >= 0xc0 && wide_letter(i)) {
                break i;
            }
            i += 1;
        };
        i += 1;
        while let Some(&b) = bytes.get(i) {
            let follows = b & 0xc0 == 0x80;
            if !(b.is_ascii_alphanumeric() || follows || (b >= 0xc0 && wide_letter(i))) {
                break;
            }
            i += 1;
        }
        Some((start, &text[start..i]))
    })
}

/// The parts of a Markdown text whose words the index reads: the source, which is much
/// cheaper than parsing it, without link targets (`](…)`). Markup characters are no
/// letters, so they separate words like spaces.
fn source_pieces<'t>(text: &'t str, piece: &mut impl FnMut(&'t str)) {
    let mut rest = text;
    while let Some(i) = rest.find(']') {
        piece(&rest[..i]);
        rest = &rest[i + 1..];
        if rest.starts_with('(') {
            rest = rest.find(')').map_or("", |j| &rest[j + 1..]);
        }
    }
    piece(rest);
}

/// For each byte: the folded ASCII letter or digit it is, `WIDE` if it starts a character
/// outside ASCII, or 0 (no letter: a word ends).
const ASCII_FOLD: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if c >= 0xc0 {
            WIDE
        } else {
            0
        };
        b += 1;
    }
    t
};
const WIDE: u8 = 1;

/// The words of `text` as `words` cuts them, each folded as `fold` does, passed to `f`
/// with its `word_hash`: in one pass over the bytes, for the index build. `buf` and `wide`
/// are buffers kept between calls. A byte costs one table lookup and, in a word, a push and
/// a hash step.
fn fold_words(text: &str, buf: &mut Vec<u8>, wide: &mut String, f: &mut impl FnMut(&[u8], u64)) {
    let bytes = text.as_bytes();
    let mut hash = 0;
    buf.clear();
    let mut i = 0;
    while i < bytes.len() {
        let mut c = ASCII_FOLD[usize::from(bytes[i])];
        i += 1;
        if c == WIDE {
            let ch = text[i - 1..]
                .chars()
                .next()
                .expect("a character starts here");
            i += ch.len_utf8() - 1;
            if ch.is_alphanumeric() {
                wide.clear();
                fold_char(wide, ch);
                // One byte stays for the loop below; the rest are pushed here.
                let (&lastb, rest) = wide.as_bytes().split_last().expect("folds to something");
                for &b in rest {
                    if !(b == b'e' && matches!(buf.last(), Some(b'a' | b'o' | b'u'))) {
                        buf.push(b);
                        hash = mix(hash, b);
                    }
                }
                c = lastb;
            } else {
                c = 0;
            }
        }
        if c != 0 {
            // Drops an e after a, o or u, as `push_folded` does.
            if !(c == b'e' && matches!(buf.last(), Some(b'a' | b'o' | b'u'))) {
                buf.push(c);
                hash = mix(hash, c);
            }
        } else if !buf.is_empty() {
            f(buf, hash);
            buf.clear();
            hash = 0;
        }
    }
    if !buf.is_empty() {
        f(buf, hash);
    }
}

/// Drops every e that follows an a, o or u (one that is kept), as `push_folded` does.
fn drop_e_after_vowels(word: &mut String) {
    let e_after_vowel = |w: &[u8]| w[1] == b'e' && matches!(w[0], b'a' | b'o' | b'u');
    if word.as_bytes().windows(2).any(e_after_vowel) {
        let mut last = ' ';
        word.retain(|c| {
            let keep = !(c == 'e' && matches!(last, 'a' | 'o' | 'u'));
            if keep {
                last = c;
            }
            keep
        });
    }
}

/// The readable texts of a Markdown text: each paragraph, heading, quote and list item
/// without markup, for snippets.
fn readable_blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in markdown::parse(text) {
        match block {
            Block::Heading(_, inl) | Block::Paragraph(inl) | Block::Quote(inl) => {
                out.push(markdown::plain(&inl));
            }
            Block::List(_, items) => out.extend(items.iter().map(|(_, inl)| markdown::plain(inl))),
            Block::Table(header, rows) => {
                for row in std::iter::once(&header).chain(rows.iter()) {
                    let cells: Vec<String> = row.iter().map(|c| markdown::plain(c)).collect();
                    out.push(cells.join(" · "));
                }
            }
            Block::Writing(_) => {}
        }
    }
    out
}

/// Folds `word` into `out` (see the module comment).
fn fold(word: &str, out: &mut String) {
    out.clear();
    // Most words are ASCII: copied and lowered at once, and only searched for „ae“, „oe“
    // and „ue“ afterwards.
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        drop_e_after_vowels(out);
        return;
    }
    for c in word.chars() {
        fold_char(out, c);
    }
}

/// Pushes the folded `c` (see the module comment).
fn fold_char(out: &mut String, c: char) {
    if c.is_ascii() {
        push_folded(out, c.to_ascii_lowercase());
        return;
    }
    for c in c.to_lowercase() {
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
        push_folded(out, c);
    }
}

/// Pushes a folded character, dropping an `e` after a, o or u („ae“ = „ä“ = a).
fn push_folded(out: &mut String, c: char) {
    if !(c == 'e' && matches!(out.as_bytes().last(), Some(b'a' | b'o' | b'u'))) {
        out.push(c);
    }
}

/// The byte length of the stem of a folded word (see the module comment).
fn stem_len(w: &str) -> usize {
    let b = w.as_bytes();
    // Endings are ASCII, so what is left is whole characters.
    let keeps_three = |ending: &str| w[..b.len() - ending.len()].chars().count() >= 3;
    if b.ends_with(b"innen") && keeps_three("nen") {
        return b.len() - 3;
    }
    for ending in ["ern", "en", "er", "es", "e", "n", "s"] {
        if b.ends_with(ending.as_bytes())
            && keeps_three(ending)
            && !(ending == "s" && b.ends_with(b"ss"))
        {
            return b.len() - ending.len();
        }
    }
    b.len()
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
    /// against the folded word `w`, without the title bonus.
    fn score(&self, w: &str) -> Option<u8> {
        let q = self.folded.as_str();
        let stem = &q[..self.stem];
        // The same stem needs the query's stem at the start, which is quick to rule out.
        if w == q {
            Some(EXACT)
        } else if (q.len() >= 2 && w.starts_with(q))
            || (w.starts_with(stem) && w[..stem_len(w)] == *stem)
        {
            Some(3)
        } else if self
            .part
            .as_ref()
            .is_some_and(|p| contains(w.as_bytes(), &q.as_bytes()[p.clone()]))
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

/// Whether `needle` (not empty) occurs in `hay`. Words are short, so the plain way is the
/// fast one.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len()
        && hay
            .windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
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
    // Three rows of the distance table, row `i` in `rows[i % 3]`: this one, the last one
    // and the one before (for swaps).
    let mut rows = [[0u8; MAX_TYPO_BYTES + 1]; 3];
    for (j, d) in rows[0].iter_mut().enumerate() {
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
        let bonus = bonus(title);
        for (at, word) in words(text) {
            fold(word, &mut self.folded);
            let mut matched = false;
            for (best, q) in self.best.iter_mut().zip(query) {
                if let Some(s) = q.score(&self.folded) {
                    *best = (*best).max(s + bonus);
                    matched = true;
                }
            }
            if matched {
                self.marks.push(at..at + word.len());
            }
        }
    }

    /// Whether a query word matches a word of the Markdown source `text`.
    fn in_source(&mut self, query: &[QueryWord], text: &str) -> bool {
        let mut found = false;
        let folded = &mut self.folded;
        source_pieces(text, &mut |piece| {
            for (_, word) in words(piece) {
                if found {
                    return;
                }
                fold(word, folded);
                found = query.iter().any(|q| q.score(folded).is_some());
            }
        });
        found
    }

    /// The text's score when every query word matched in it.
    fn total(&self) -> Option<u32> {
        (!self.best.contains(&0)).then(|| self.sum())
    }

    /// How many query words matched in the text.
    fn matched(&self) -> usize {
        self.best.iter().filter(|&&b| b > 0).count()
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
    if end < text.len() && !text[end..].starts_with(char::is_whitespace) {
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
        q.score(&w)
    }

    #[test]
    fn folding_treats_both_umlaut_spellings_and_case_alike() {
        for w in ["Bürgerrat", "buergerrat", "BÜRGERRAT", "BUERGERRAT"] {
            assert_eq!(folded(w), "burgerrat", "{w}");
        }
        // ASCII and other words fold alike, an e after a, o, u dropped however often.
        assert_eq!(folded("Aeeqoeue"), "aqou");
        assert_eq!(folded("Äeeqöeüe"), "aqou");
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
        assert!(
            !within(b"abcdef", b"xxabcd", 2),
            "four edits, not a substring"
        );
        assert!(!within(b"abcdef", b"abcdxx", 1));
        assert!(within(b"ab", b"", 2) && !within(b"ab", b"", 1));
        assert!(!within(&[b'a'; 65], &[b'a'; 65], 2), "too long for typos");
    }

    /// The index is a shortcut: it finds exactly what scanning every readable text of
    /// every target finds, with the same scores and in the same order.
    #[test]
    #[cfg(not(target_arch = "wasm32"))] // reads the fixture from disk
    fn the_index_agrees_with_scanning_every_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
        let files = crate::guide::load::read_dir(&dir).expect("the fixture reads");
        let (guide, _) = Guide::load(&files).expect("the fixture loads");
        let index = SearchIndex::build(&guide);
        for query in [
            "rat",
            "Bürger",
            "beschluss",
            "Beschlüssen",
            "Vorhabensliste",
            "ein",
            "Zeile",
            "die Verwaltung",
            "Einwohner Bürgerrat",
            "liste",
            "öffentlich",
            "Ergebnis",
            "klar",
        ] {
            let words = query_words(query);
            let mut scan = Scan::new(words.len());
            let mut expected = Vec::new();
            for &target in &index.targets {
                let mut best = vec![0u8; words.len()];
                texts(&guide, target, &mut |text, title| {
                    let readable = if title {
                        vec![text.to_string()]
                    } else {
                        readable_blocks(text)
                    };
                    for text in readable {
                        scan.run(&words, &text, title);
                        for (b, &s) in best.iter_mut().zip(&scan.best) {
                            *b = (*b).max(s);
                        }
                    }
                });
                if !best.contains(&0) {
                    expected.push((target, best.iter().map(|&b| u32::from(b)).sum::<u32>()));
                }
            }
            expected.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
            let found: Vec<(Target, u32)> = index
                .search(&guide, query, &[], usize::MAX)
                .hits
                .iter()
                .map(|h| (h.target, h.score))
                .collect();
            assert!(!found.is_empty(), "{query}");
            assert_eq!(found, expected, "{query}");
        }
    }

    /// The index build's one-pass cutting and folding gives what `words` and `fold` give.
    #[test]
    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    fn fold_words_cuts_and_folds_as_words_and_fold_do() {
        let check = |text: &str| {
            let expected: Vec<String> = words(text).map(|(_, w)| folded(w)).collect();
            let mut got = Vec::new();
            fold_words(text, &mut Vec::new(), &mut String::new(), &mut |w, hash| {
                assert_eq!(hash, word_hash(w), "{text:?}");
                got.push(String::from_utf8(w.to_vec()).expect("whole characters"));
            });
            assert_eq!(got, expected, "{text:?}");
        };
        for text in [
            "",
            "Bürgerrat",
            "  Die BÜRGERRÄTE, tagen–öffentlich (Straße 5a).",
            "Aeeqoeue Äeeqöeüe Café e\u{301}x ŒUVRE İstanbul 名字 x²",
            "**fett** [Link](https://x.de) `code` — Ende",
        ] {
            check(text);
        }
        proptest::proptest!(|(text in "\\PC{0,40}")| check(&text));
    }

    /// Words get one id each however often they come, past the table's first sizes, and
    /// each (word, target, field) is one posting.
    #[test]
    fn the_builder_keeps_each_word_once_with_its_postings() {
        let mut b = Builder::default();
        for round in 0..3u32 {
            for n in 0..5000 {
                let w = format!("wort{n}");
                b.add(w.as_bytes(), word_hash(w.as_bytes()), round << 1);
                b.add(w.as_bytes(), word_hash(w.as_bytes()), round << 1);
            }
        }
        let index = b.finish(vec![Target::Step(0), Target::Step(1), Target::Step(2)]);
        assert_eq!(index.vocab.len(), 5000);
        assert_eq!(&*index.vocab[4321].text, "wort4321");
        assert_eq!(index.postings.len(), 15000);
        let end = index.vocab[4321].end as usize;
        assert_eq!(index.postings[end - 3..end], [0, 2, 4]);
    }

    /// The range of the first `word` in `text`, as the only mark.
    fn mark(text: &str, word: &str) -> Vec<Range<usize>> {
        text.find(word)
            .map(|at| at..at + word.len())
            .into_iter()
            .collect()
    }

    #[test]
    fn short_texts_are_their_own_snippet() {
        let text = "Ein Bürgerrat tagt.";
        let (s, m) = snippet(text, &mark(text, "Bürgerrat"));
        assert_eq!(s, text);
        assert_eq!(m, mark(text, "Bürgerrat"));
    }

    #[test]
    fn long_texts_are_cut_at_word_boundaries_around_the_first_hit() {
        let text = format!(
            "{} Bürgerrat {}",
            "vorher ".repeat(40),
            "nachher ".repeat(40)
        );
        let (s, m) = snippet(&text, &mark(&text, "Bürgerrat"));
        assert!(s.starts_with("…vorher ") && s.ends_with(" nachher…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS, "{}", s.chars().count());
        assert_eq!(m.len(), 1);
        assert_eq!(&s[m[0].clone()], "Bürgerrat");
        // A hit near the end: the snippet fills up with text before it.
        let text = format!("{}Ende Bürgerrat.", "wort ".repeat(60));
        let (s, m) = snippet(&text, &mark(&text, "Bürgerrat"));
        assert!(s.starts_with("…wort ") && s.ends_with("Bürgerrat."), "{s}");
        assert!(s.chars().count() > 120, "{s}");
        assert_eq!(&s[m[0].clone()], "Bürgerrat");
    }
}
