//! The search field in the header of every screen: hits as you type from the core's index
//! (built on first use), arrow keys through them, Enter, Escape, and a live count.
//! The list itself is drawn by `web::hits`: as Leptos views it costs several times the wasm.

use leptos::prelude::*;

use super::{Route, ctx};
use crate::finder::{self, SHOWN, field};
use crate::route;
use crate::search::SearchIndex;
use crate::web::{dom, hits};

/// The count is announced once typing pauses this long, so that a screen reader does not
/// read a count after every letter.
const ANNOUNCE_AFTER_MS: u64 = 600;

/// The id of the `k`-th hit's link.
fn hit_id(k: usize) -> String {
    format!("{}{k}", field::HIT)
}

#[component]
pub fn SearchField() -> impl IntoView {
    let ctx = ctx();
    // Built on first use, once per loaded guide, so that starting the app does not pay.
    let index = StoredValue::new(None::<SearchIndex>);
    // The links of the hits listed now, in order.
    let links = StoredValue::new(Vec::<String>::new());
    // Counts the queries, so that only the last one's count is announced.
    let asked = StoredValue::new(0u32);
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());

    let ensure_index = move || {
        if index.with_value(Option::is_none) {
            let guide = ctx.guide();
            let built = dom::measured(field::INDEX_MEASURE, || SearchIndex::build(&guide));
            index.set_value(Some(built));
        }
    };
    let close = move || {
        open.set(false);
        status.set(String::new());
    };
    // Runs the query in the field with the notes of the active work state now, and lists
    // the hits.
    let run = move || {
        let q = query.get_untracked();
        if q.trim().is_empty() {
            links.set_value(Vec::new());
            close();
            return;
        }
        ensure_index();
        let guide = ctx.guide();
        let path = ctx.path.get_untracked();
        let (summary, shown, total) = ctx.ws.with_untracked(|ws| {
            let p = ws.active();
            let notes = finder::notes(&guide, p);
            let r = index
                .with_value(|i| i.as_ref().map(|i| i.search(&guide, &q, &notes, SHOWN)))
                .unwrap_or_default();
            let shown: Vec<_> = r
                .hits
                .iter()
                .map(|h| finder::shown(&guide, &path, p.intake_done, h))
                .collect();
            (finder::summary(r.total, &q), shown, r.total)
        });
        links.set_value(shown.iter().map(|s| s.href.clone()).collect());
        hits::show(field::HITS, &summary, &shown, field::HIT);
        open.set(true);
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        dom::after(ANNOUNCE_AFTER_MS, move || {
            if asked.get_value() == this && open.get_untracked() {
                status.set(finder::count(total));
            }
        });
    };
    // Opens a hit's link: its screen, or on the screen shown now the place it names.
    let follow = move |href: String| {
        close();
        if ctx.route.get_untracked() == Route::from_hash(&href) {
            dom::focus_place(route::anchor(&href).map(str::to_string));
        } else {
            dom::go_to(&href);
        }
    };

    dom::on_shortcut("/", move || dom::focus_id(field::INPUT, true));
    dom::on_pointer_down_outside(field::FORM, close);

    let on_field_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = links.with_value(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if !open.get_untracked() => {
                ev.prevent_default();
                run();
            }
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                dom::focus_id(&hit_id(0), false);
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                dom::focus_id(&hit_id(n - 1), false);
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(first) = links.with_value(|l| l.first().cloned()) {
                    follow(first);
                }
            }
            // The first Escape closes the list, the next empties the field.
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                close();
            }
            "Escape" if !query.with_untracked(String::is_empty) => {
                ev.prevent_default();
                query.set(String::new());
                run();
            }
            _ => {}
        }
    };

    // Keys on a hit (one listener for the list, which `web::hits` draws).
    let on_hit_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(k) = dom::event_target_id(&ev)
            .and_then(|id| id.strip_prefix(field::HIT)?.parse::<usize>().ok())
        else {
            return;
        };
        let last = links.with_value(Vec::len).saturating_sub(1);
        let to = match ev.key().as_str() {
            "ArrowDown" => Some((k + 1).min(last)),
            "ArrowUp" => k.checked_sub(1),
            "Home" => Some(0),
            "End" => Some(last),
            "Escape" => {
                close();
                None
            }
            _ => return,
        };
        ev.prevent_default();
        match to {
            Some(k) => dom::focus_id(&hit_id(k), false),
            None => dom::focus_id(field::INPUT, false),
        }
    };
    let on_hit_click = move |ev: leptos::ev::MouseEvent| {
        // A new tab or window opens as the browser does it.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        if let Some(href) = dom::clicked_link(&ev, "a.search-hit") {
            ev.prevent_default();
            follow(href);
        }
    };

    view! {
        <form id=field::FORM class="site-search" role="search"
            on:submit=|ev| ev.prevent_default()
            on:focusout=move |ev| if dom::focus_leaves(&ev) { close() }>
            <label for=field::INPUT>{field::LABEL}</label>
            <input id=field::INPUT type="search" autocomplete="off" spellcheck="false"
                placeholder=field::PLACEHOLDER aria-keyshortcuts="/" aria-controls=field::HITS
                prop:value=query
                on:focus=move |_| {
                    // Notes may have changed since the last query: run it afresh.
                    if query.with_untracked(String::is_empty) { ensure_index() } else { run() }
                }
                on:input=move |ev| { query.set(event_target_value(&ev)); run(); }
                on:keydown=on_field_key/>
            <p class="visually-hidden" role="status">{status}</p>
            <div id=field::HITS class="search-results" hidden=move || !open.get()
                on:keydown=on_hit_key on:click=on_hit_click></div>
        </form>
    }
}
