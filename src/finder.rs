//! What the app's search field shows for each hit of `search`: kind, title, chapter, the
//! place on the user's path, the marked snippet and the screen it opens; and the notes of
//! the active work state that every query searches.

use crate::guide::Guide;
use crate::path::Path;
use crate::progress::Progress;
use crate::route::Route;
use crate::search::{Field, Hit, Target, parts};
use crate::text;

/// How many hits the field lists; the count names them all.
pub const SHOWN: usize = 20;

/// A piece of a title or snippet: its text and whether it is a matched word.
pub type Part = (String, bool);

/// One hit as the field lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// „Schritt“, „Arbeitshilfe“, „Beispiel“, „Begriff“, „Quelle“ or „Ihre Notiz“.
    pub kind: &'static str,
    /// The title, with the matched words marked when the hit is in the title.
    pub title: Vec<Part>,
    /// For steps and notes: „Kapitel 2 · Ausprobieren und reflektieren“.
    pub chapter: Option<String>,
    /// For steps and notes once the intake is done: „auf Ihrem Weg“ or „nicht auf Ihrem
    /// Weg“ (before, every step would count as hidden, which says nothing).
    pub path: Option<&'static str>,
    /// The snippet with its matched words marked; empty when the title holds the hit.
    pub snippet: Vec<Part>,
    /// The screen the hit opens.
    pub route: Route,
}

/// The notes of `progress` on steps of `guide` (step index, note), in guide order, as
/// `SearchIndex::search` takes them. Notes of steps the guide no longer has are not
/// searched: the archive shows them.
pub fn notes<'p>(guide: &Guide, progress: &'p Progress) -> Vec<(usize, &'p str)> {
    let mut out: Vec<(usize, &str)> = progress
        .steps
        .iter()
        .filter(|(_, e)| !e.note.trim().is_empty())
        .filter_map(|(id, e)| guide.step_index(id).map(|i| (i, e.note.as_str())))
        .collect();
    out.sort_unstable_by_key(|&(i, _)| i);
    out
}

/// The screen a hit on `target` opens.
pub fn route(guide: &Guide, target: Target) -> Route {
    match target {
        Target::Step(i) | Target::Note(i) => Route::Step(guide.steps[i].id.clone()),
        Target::Resource(i) => Route::Resource(guide.resources[i].id.clone()),
        Target::Example(i) => Route::Example(guide.examples[i].id.clone()),
        Target::Term(i) => Route::Term(guide.terms[i].id.clone()),
        Target::Source(i) => Route::Source(guide.sources[i].id.clone()),
    }
}

/// How `hit` is listed for a user whose path is `path`.
pub fn shown(guide: &Guide, path: &Path, intake_done: bool, hit: &Hit) -> Shown {
    let target = hit.target;
    // A Beispiel is named with its Kommune, as on its card.
    let title = match target {
        Target::Example(i) => {
            let e = &guide.examples[i];
            format!("{}: {}", e.kommune, e.title)
        }
        t => t.title(guide).to_string(),
    };
    let owned = |p: Vec<(&str, bool)>| p.into_iter().map(|(t, m)| (t.to_string(), m)).collect();
    // A hit in the title is marked there; one in another title text (a Kommune, another
    // spelling of a term) or in the body shows its snippet.
    let at = (hit.field == Field::Title)
        .then(|| title.find(&hit.snippet))
        .flatten();
    let (title, snippet) = match at {
        Some(at) => {
            let marks: Vec<_> = hit.marks.iter().map(|m| m.start + at..m.end + at).collect();
            (owned(parts(&title, &marks)), Vec::new())
        }
        None => (vec![(title, false)], owned(hit.parts())),
    };
    let step = target.step();
    Shown {
        kind: target.label(),
        title,
        chapter: step.map(|i| {
            let c = guide.step_chapter[i];
            format!("Kapitel {c} · {}", guide.chapters[c].title)
        }),
        path: step.filter(|_| intake_done).map(|i| {
            if path.position(i).is_some() {
                "auf Ihrem Weg"
            } else {
                "nicht auf Ihrem Weg"
            }
        }),
        snippet,
        route: route(guide, target),
    }
}

/// The count for the live region: „Keine Treffer“, „1 Treffer“, „23 Treffer“.
pub fn count(total: usize) -> String {
    if total == 0 {
        "Keine Treffer".to_string()
    } else {
        text::counted_digits(total as u64, "Treffer", "Treffer")
    }
}

/// The line above the list: the count for `query`, and how many are listed when not all.
pub fn summary(total: usize, query: &str) -> String {
    let query = query.trim();
    if total > SHOWN {
        format!(
            "{} für „{query}“, die ersten {SHOWN} stehen hier",
            count(total)
        )
    } else {
        format!("{} für „{query}“", count(total))
    }
}
