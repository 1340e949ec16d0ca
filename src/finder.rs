//! What the app's search field shows for each hit of `search`: kind, title, chapter, the
//! place on the user's path, the marked snippet and the place it opens; and the notes of
//! the active work state that every query searches.

use crate::guide::{Guide, Material};
use crate::html;
use crate::path::Path;
use crate::progress::Progress;
use crate::route::{self, Route};
use crate::search::{Field, Hit, Target, parts};
use crate::text;

/// How many hits the field lists; the count names them all.
pub const SHOWN: usize = 20;

/// The search field's ids and words: the app renders it (`app::search`) and the
/// pre-rendered pages copy it (`prerender`), so that nothing moves when the app takes over.
pub mod field {
    /// The `role="search"` form.
    pub const FORM: &str = "suche";
    pub const INPUT: &str = "suchfeld";
    /// The panel with the count and the list of hits.
    pub const HITS: &str = "suchergebnisse";
    /// The `k`-th hit's link has the id `treffer-{k}`.
    pub const HIT: &str = "treffer-";
    pub const LABEL: &str = "Im Leitfaden suchen";
    /// Names the shortcut as well (`aria-keyshortcuts` says it to screen readers).
    pub const PLACEHOLDER: &str = "Suchbegriff (Taste /)";
    /// The live region that says the count.
    pub const STATUS: &str = "suchstatus";
    /// The User Timing marks around building the index (`leitfaden:suchindex` and
    /// `leitfaden:suchindex-fertig`, `web::dom::mark`; bench/search.mjs reads them).
    pub const INDEX_MARK: &str = "suchindex";
    pub const INDEX_BUILT_MARK: &str = "suchindex-fertig";

    /// What the form holds: the label, the field (`disabled` until the app runs), the live
    /// region and the (hidden) panel for the hits.
    pub fn inner_html(disabled: bool) -> String {
        format!(
            "<label for=\"{INPUT}\">{LABEL}</label><input id=\"{INPUT}\" type=\"search\" \
             autocomplete=\"off\" spellcheck=\"false\" placeholder=\"{PLACEHOLDER}\" \
             aria-keyshortcuts=\"/\" aria-controls=\"{HITS}\"{}><p id=\"{STATUS}\" \
             class=\"visually-hidden\" role=\"status\"></p><div id=\"{HITS}\" \
             class=\"search-results\" hidden></div>",
            if disabled { " disabled" } else { "" }
        )
    }

    /// The whole form, as the header holds it.
    pub fn html(disabled: bool) -> String {
        format!(
            "<form id=\"{FORM}\" class=\"site-search\" role=\"search\">{}</form>",
            inner_html(disabled)
        )
    }
}

/// A piece of a title or snippet: its text and whether it is a matched word.
pub type Part = (String, bool);

/// Whether a step is on the user's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnPath {
    Yes,
    No,
}

impl OnPath {
    pub fn label(self) -> &'static str {
        match self {
            OnPath::Yes => "auf Ihrem Weg",
            OnPath::No => "nicht auf Ihrem Weg",
        }
    }
}

/// One hit as the field lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// „Schritt“, „Arbeitshilfe“, „Beispiel“, „Begriff“, „Quelle“ or „Ihre Notiz“.
    pub kind: &'static str,
    /// The title, with the matched words marked when the hit is in the title.
    pub title: Vec<Part>,
    /// For steps and notes: „Kapitel 2 · Ausprobieren und reflektieren“.
    pub chapter: Option<String>,
    /// For steps and notes once the intake is done (before, every step would count as
    /// hidden, which says nothing).
    pub path: Option<OnPath>,
    /// The snippet with its matched words marked; empty when the title holds the hit.
    pub snippet: Vec<Part>,
    /// The link the hit opens (see `link`).
    pub href: String,
}

/// The notes of `progress` on steps of `guide` (step index, note), in guide order, as
/// `SearchIndex::search` takes them. Notes of steps the guide no longer has are not
/// searched: the archive shows them.
pub fn notes<'p>(guide: &Guide, progress: &'p Progress) -> Vec<(usize, &'p str)> {
    let mut by_step = vec![None; guide.steps.len()];
    for (id, e) in &progress.steps {
        if let Some(i) = guide.step_index(id).filter(|_| !e.note.trim().is_empty()) {
            by_step[i] = Some(e.note.as_str());
        }
    }
    by_step
        .into_iter()
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (i, n)))
        .collect()
}

/// The link a hit on `target` opens: a step, or the user's note on it; an Arbeitshilfe or a
/// Beispiel where a step shows it (see `listed_at`); a term or a source on „Über diesen
/// Leitfaden“, which lists them all.
pub fn link(guide: &Guide, path: &Path, target: Target) -> String {
    let step = |i: usize| Route::Step(guide.steps[i].id.clone());
    match target {
        Target::Step(i) => step(i).href(),
        Target::Note(i) => route::with_anchor(&step(i), &route::note_anchor(&guide.steps[i].id)),
        Target::Resource(i) => {
            let id = &guide.resources[i].id;
            match listed_at(guide, path, Material::Resource, id) {
                Some(i) => route::with_anchor(&step(i), &route::resource_anchor(id)),
                None => Route::Overview.href(),
            }
        }
        Target::Example(i) => {
            let id = &guide.examples[i].id;
            match listed_at(guide, path, Material::Example, id) {
                Some(i) => route::with_anchor(&step(i), &route::example_anchor(id)),
                None => Route::Overview.href(),
            }
        }
        Target::Term(i) => {
            route::with_anchor(&Route::About, &route::term_anchor(&guide.terms[i].id))
        }
        Target::Source(i) => {
            route::with_anchor(&Route::About, &route::source_anchor(&guide.sources[i].id))
        }
    }
}

/// The step whose page shows the Arbeitshilfe or Beispiel `id`: the first on the user's
/// path that shows it, else the first step that shows it as the app shows a hidden step,
/// else the first that lists it at all (an Arbeitshilfe of a paragraph for other
/// profiles); `None` when no step lists it (the author check warns).
fn listed_at(guide: &Guide, path: &Path, kind: Material, id: &str) -> Option<usize> {
    let steps = guide.steps_citing(kind, id);
    let shown = |i: usize| match kind {
        Material::Resource => {
            let variants = path.appearance(guide, i).variants;
            guide.steps[i].resources_with(&variants).contains(&id)
        }
        _ => true,
    };
    let first = |f: &dyn Fn(usize) -> bool| steps.iter().copied().find(|&i| f(i));
    first(&|i| path.position(i).is_some() && shown(i))
        .or_else(|| first(&shown))
        .or_else(|| steps.first().copied())
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
        path: step.and_then(|i| on_path(path, intake_done, i)),
        snippet,
        href: link(guide, path, target),
    }
}

/// Whether step `i` is on `path`, once the intake is done (before, it says nothing).
pub fn on_path(path: &Path, intake_done: bool, i: usize) -> Option<OnPath> {
    intake_done.then(|| {
        if path.position(i).is_some() {
            OnPath::Yes
        } else {
            OnPath::No
        }
    })
}

/// The HTML of the list of hits under `summary` (the count, `summary`): each hit a link
/// with the id `treffer-{k}`, its parts on lines of their own, matched words in `<mark>`.
/// Every text is escaped: notes are the user's own text.
pub fn list_html(summary: &str, hits: &[Shown]) -> String {
    let mut out = String::from("<p class=\"search-count\">");
    html::push_escaped(&mut out, summary);
    out.push_str("</p>");
    if hits.is_empty() {
        return out;
    }
    out.push_str("<ul class=\"search-hits\">");
    for (k, s) in hits.iter().enumerate() {
        out.push_str("<li><a id=\"");
        out.push_str(field::HIT);
        out.push_str(&k.to_string());
        out.push_str("\" class=\"search-hit\" href=\"");
        html::push_escaped(&mut out, &s.href);
        out.push_str("\">");
        let plain = |t: &str| vec![(t.to_string(), false)];
        let path_class = match s.path {
            Some(OnPath::No) => "hit-path off-path",
            _ => "hit-path",
        };
        for (class, parts) in [
            ("hit-kind", plain(s.kind)),
            ("hit-title", s.title.clone()),
            (
                "hit-chapter",
                plain(s.chapter.as_deref().unwrap_or_default()),
            ),
            ("hit-snippet", s.snippet.clone()),
            (
                path_class,
                plain(s.path.map(OnPath::label).unwrap_or_default()),
            ),
        ] {
            if parts.iter().all(|(t, _)| t.is_empty()) {
                continue;
            }
            out.push_str("<span class=\"");
            out.push_str(class);
            out.push_str("\">");
            for (text, marked) in &parts {
                if *marked {
                    out.push_str("<mark>");
                }
                html::push_escaped(&mut out, text);
                if *marked {
                    out.push_str("</mark>");
                }
            }
            // A space keeps the words of the parts apart in the link's accessible name.
            out.push_str(" </span>");
        }
        out.push_str("</a></li>");
    }
    out.push_str("</ul>");
    out
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
