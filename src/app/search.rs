//! The search field in the header of every screen: hits as you type from the core's index
//! (built on first use), arrow keys through them, Enter, Escape, and a live count.
//! Kept to few reactive parts and view shapes: each costs wasm (BENCHMARKS.md, issue 16).

use leptos::prelude::*;

use super::{Route, ctx};
use crate::finder::{self, OnPath, Part, SHOWN};
use crate::search::{Results, SearchIndex};
use crate::web::dom;

/// The search landmark, the field and the list of hits.
const FORM: &str = "suche";
const FIELD: &str = "suchfeld";
const HITS: &str = "suchergebnisse";

/// The count is announced once typing pauses this long, so that a screen reader does not
/// read a count after every letter.
const ANNOUNCE_AFTER_MS: u64 = 600;

/// The id of the `k`-th hit's link.
fn hit_id(k: usize) -> String {
    format!("treffer-{k}")
}

/// The index, built on first use, and the last query's results (for the keys).
#[derive(Default)]
struct State {
    index: Option<SearchIndex>,
    found: Option<(String, Results)>,
}

#[component]
pub fn SearchField() -> impl IntoView {
    let ctx = ctx();
    let state = StoredValue::new(State::default());
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let announced = RwSignal::new(String::new());

    // Once per loaded guide, on first use, so that starting the app does not pay for it.
    let ensure_index = move || {
        if state.with_value(|s| s.index.is_none()) {
            let guide = ctx.guide();
            let built = dom::measured("leitfaden-suchindex", || SearchIndex::build(&guide));
            state.update_value(|s| s.index = Some(built));
        }
    };
    // The results for the query now (kept until it changes), with the notes of the
    // active work state; `None` for an empty query.
    let results = move || -> Option<(usize, Option<Route>)> {
        let q = query.get_untracked();
        if q.trim().is_empty() {
            return None;
        }
        let guide = ctx.guide();
        let stale = state.with_value(|s| s.found.as_ref().is_none_or(|(f, _)| *f != q));
        if stale {
            ensure_index();
            let found = ctx.ws.with_untracked(|ws| {
                let notes = finder::notes(&guide, ws.active());
                state.with_value(|s| s.index.as_ref().map(|i| i.search(&guide, &q, &notes, SHOWN)))
            })?;
            state.update_value(|s| s.found = Some((q, found)));
        }
        state.with_value(|s| {
            s.found.as_ref().map(|(_, r)| {
                let first = r.hits.first().map(|h| finder::route(&guide, h.target));
                (r.hits.len(), first)
            })
        })
    };

    let go = move |route: Route| {
        open.set(false);
        if dom::hash() == route.href() {
            dom::focus_heading();
        } else {
            dom::go(&route);
        }
    };

    dom::on_shortcut("/", move || dom::focus_id(FIELD, true));
    dom::on_pointer_down_outside(FORM, move || open.set(false));

    let on_field_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let filled = !query.with_untracked(String::is_empty);
        let (n, first) = results().unwrap_or((0, None));
        match key.as_str() {
            "ArrowDown" | "ArrowUp" if filled => {
                ev.prevent_default();
                if !open.get_untracked() || n == 0 {
                    open.set(true);
                } else {
                    dom::focus_id(&hit_id(if key == "ArrowDown" { 0 } else { n - 1 }), false);
                }
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(route) = first {
                    go(route);
                }
            }
            // First Escape closes the list, the second empties the field.
            "Escape" if filled => {
                ev.prevent_default();
                if open.get_untracked() {
                    open.set(false);
                } else {
                    query.set(String::new());
                }
            }
            _ => {}
        }
    };

    let on_hit_key = move |k: usize, ev: leptos::ev::KeyboardEvent| {
        let last = results().map_or(0, |(n, _)| n.saturating_sub(1));
        let to = match ev.key().as_str() {
            "ArrowDown" => Some((k + 1).min(last)),
            "ArrowUp" => k.checked_sub(1),
            "Home" => Some(0),
            "End" => Some(last),
            "Escape" => {
                open.set(false);
                None
            }
            _ => return,
        };
        ev.prevent_default();
        match to {
            Some(k) => dom::focus_id(&hit_id(k), false),
            None => dom::focus_id(FIELD, false),
        }
    };

    // The one place the query runs for the screen: it also schedules the count's
    // announcement, which must follow the list that is shown.
    let list = move || {
        let q = query.get();
        if !open.get() || results().is_none() {
            announced.set(String::new());
            return None;
        }
        let guide = ctx.guide();
        let path = ctx.path.get();
        let intake_done = ctx.progress(|p| p.intake_done);
        let (summary, count, items) = state.with_value(|s| {
            let r = &s.found.as_ref()?.1;
            let items = r
                .hits
                .iter()
                .enumerate()
                .map(|(k, hit)| {
                    let s = finder::shown(&guide, &path, intake_done, hit);
                    let route = s.route.clone();
                    let on_click = move |ev: leptos::ev::MouseEvent| {
                        // A new tab or window opens as the browser does it.
                        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                            ev.prevent_default();
                            go(route.clone());
                        }
                    };
                    view! {
                        <li>
                            <a id=hit_id(k) href=s.route.href() class="search-hit"
                                on:click=on_click on:keydown=move |ev| on_hit_key(k, ev)>
                                <span class="hit-kind">{s.kind}</span>" "
                                <span class="hit-title">{pieces(s.title)}</span>" "
                                <span class="hit-chapter">{s.chapter}</span>" "
                                <span class="hit-snippet">{pieces(s.snippet)}</span>" "
                                <span class="hit-path" class:off-path=s.path == Some(OnPath::No)>
                                    {s.path.map(OnPath::label)}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            Some((finder::summary(r.total, &q), finder::count(r.total), items))
        })?;
        dom::after(ANNOUNCE_AFTER_MS, move || {
            if query.get_untracked() == q && open.get_untracked() {
                announced.set(count);
            }
        });
        Some(view! {
            <p class="search-count">{summary}</p>
            <ul class="search-hits">{items}</ul>
        })
    };

    view! {
        <form id=FORM class="site-search" role="search"
            on:submit=|ev| ev.prevent_default()
            on:focusout=move |ev| if dom::focus_leaves(&ev) { open.set(false) }>
            <label for=FIELD>"Im Leitfaden suchen"</label>
            <input id=FIELD type="search" autocomplete="off" spellcheck="false"
                placeholder="Suchbegriff (Taste /)" aria-keyshortcuts="/" aria-controls=HITS
                prop:value=query
                on:focus=move |_| {
                    // Notes may have changed since the last query: run it afresh.
                    state.update_value(|s| s.found = None);
                    ensure_index();
                    open.set(true);
                }
                on:input=move |ev| { query.set(event_target_value(&ev)); open.set(true); }
                on:keydown=on_field_key/>
            <p class="visually-hidden" role="status">{announced}</p>
            <div id=HITS class="search-results"
                hidden=move || !open.get() || query.with(|q| q.trim().is_empty())>
                {list}
            </div>
        </form>
    }
}

/// A title or snippet with its matched words in `<mark>`.
fn pieces(parts: Vec<Part>) -> impl IntoView {
    parts
        .into_iter()
        .map(|(text, marked)| {
            if marked {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
}
