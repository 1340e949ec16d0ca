//! Where the app shows the second module's screens (`more`, loaded by `web::more`): an
//! element it hands the module, and the workspace going back and forth. The app stays the
//! one that saves: a change made there comes back as a saved document and is adopted here
//! (and so saved), a change that reaches the app meanwhile (another tab) is handed on.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use leptos::prelude::*;

use super::{Ctx, Route, ctx};
use crate::saved;
use crate::session::Notice;
use crate::web::{dom, more};

thread_local! {
    /// The place the address named when a screen of the module was opened (the app drops
    /// it from the address at once, before the module shows the screen).
    static PLACE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the place an address names for the module's screen about to be shown.
pub fn hold_place(place: Option<String>) {
    PLACE.with(|p| *p.borrow_mut() = place);
}

/// Wires the app's workspace to the module: adopts what it hands back, hands on what
/// changes here while it shows a screen.
pub fn connect(ctx: Ctx) {
    let guide_id = ctx.guide().id.clone();
    more::on_change(move |json| {
        let guide_id = guide_id.clone();
        // Not inside the module's call (it may come while the app takes a screen away).
        queue_microtask(move || {
            match saved::decode(&json, &guide_id) {
            Ok(theirs) => ctx.ws.update(|w| w.take_content(theirs)),
            Err(e) => ctx.notice.set(Some(Notice {
                message: format!(
                    "Eine Änderung konnte nicht übernommen werden: {} Ihr bisheriger Stand bleibt erhalten.",
                    e.message()
                ),
                raw: None,
                saving_paused: false,
                save_failed: false,
            })),
        }
        });
    });
    Effect::new(move |_| {
        ctx.ws.track();
        if more::is_showing() {
            more::update(ctx.ws.with_untracked(saved::encode));
        }
    });
}

/// A screen of the second module: loaded (the first time), then shown in place.
#[component]
pub fn MoreScreen(route: Route) -> impl IntoView {
    let ctx = ctx();
    let place = crate::route::anchor(&dom::hash()).map(str::to_string);
    let id = format!("weitere-{}", dom::random_id());
    let failed = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let alive = Arc::new(AtomicBool::new(true));
    let token = Arc::new(AtomicU32::new(0));
    let (alive2, token2) = (alive.clone(), token.clone());
    let host_id = id.clone();
    // Once the element is in the document: effects run after the screen is built, and
    // should it not be there yet, once the next frame is painted.
    Effect::new(move |_| {
        let (alive, token, route) = (alive.clone(), token.clone(), route.clone());
        let (place, host_id) = (place.clone(), host_id.clone());
        let shown = move |host: web_sys::HtmlElement| {
            leptos::task::spawn_local(async move {
                let json = ctx.ws.with_untracked(saved::encode);
                let place = place.or_else(|| PLACE.with(|p| p.borrow_mut().take()));
                match more::show(&host, &route.href(), json, place).await {
                    Ok(t) if alive.load(Ordering::Relaxed) => {
                        token.store(t, Ordering::Relaxed);
                        loading.set(false);
                    }
                    Ok(t) => more::hide(t),
                    Err(e) => {
                        loading.set(false);
                        failed.set(Some(e));
                    }
                }
            });
        };
        let find = move || {
            document()
                .get_element_by_id(&host_id)
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        };
        match find() {
            Some(host) => shown(host),
            None => dom::after_paint(move || {
                if let Some(host) = find() {
                    shown(host);
                }
            }),
        }
    });
    on_cleanup(move || {
        alive2.store(false, Ordering::Relaxed);
        let t = token2.swap(0, Ordering::Relaxed);
        if t != 0 {
            more::hide(t);
        }
    });
    view! {
        <div id=id class="more-screen"></div>
        <Show when=move || loading.get()>
            <p class="loading" role="status">"Wird geladen …"</p>
        </Show>
        {move || failed.get().map(|e| view! {
            <section class="not-found">
                <h1>"Diese Seite konnte nicht geladen werden"</h1>
                <p>{e}</p>
                <div class="actions">
                    <a class="button primary" href="#/uebersicht">"Zur Übersicht"</a>
                </div>
            </section>
        })}
    }
}

/// An Arbeitshilfe's download, written by the second module from the active work state.
#[cfg(not(leitfaden_without = "documents"))]
pub fn handout(resource: String, format: &'static str, status: RwSignal<String>) {
    let ctx = ctx();
    let json = ctx.ws.with_untracked(saved::encode);
    status.set("Wird vorbereitet …".into());
    leptos::task::spawn_local(async move {
        more::handout(json, &resource, format, move |said| status.set(said)).await;
    });
}
