//! What frames every screen: the skip link, the header with the search field and the
//! navigation, the storage banner, the footer, and the page for unknown addresses.

use leptos::prelude::*;

use super::{Route, ctx};
use crate::web::dom;

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a class="skip-link" href="#inhalt" on:click=|ev| { ev.prevent_default(); dom::focus_heading(); }>
            "Zum Inhalt springen"
        </a>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let name = move || ctx.progress(|p| p.name.clone());
    let started = move || ctx.progress(|p| p.intake_done);
    let current = move |r: Route| move || (ctx.route.get() == r).then_some("page");
    // `--cfg leitfaden_without="search"` builds the app without the search, only so that
    // the benchmark can weigh what the search adds to the first load (bench/run.mjs).
    #[cfg(not(leitfaden_without = "search"))]
    let search = view! { <super::search::SearchField/> };
    #[cfg(leitfaden_without = "search")]
    let search = ();
    view! {
        <header class="site-header">
            <div class="brand">
                <a href="#/" class="brand-link">{guide.title.clone()}</a>
                <Show when=move || !name().is_empty()>
                    <span class="kommune">{name}</span>
                </Show>
            </div>
            {search}
            <nav aria-label="Hauptnavigation">
                <ul>
                    <li><a href="#/" aria-current=current(Route::Start)>"Start"</a></li>
                    <Show when=started>
                        <li><a href="#/uebersicht" aria-current=current(Route::Overview)>"Übersicht"</a></li>
                        <li><a href="#/aufgaben" aria-current=current(Route::Tasks)>"Meine Aufgaben"</a></li>
                        <li><a href="#/profil" aria-current=current(Route::Profile)>"Profil ändern"</a></li>
                        <li><a href="#/bericht" aria-current=current(Route::Report)>"Bericht"</a></li>
                    </Show>
                    <li><a href="#/arbeitsstaende" aria-current=current(Route::WorkStates)>"Arbeitsstände"</a></li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn StorageBanner() -> impl IntoView {
    let ctx = ctx();
    move || {
        ctx.notice.get().map(|n| {
            let raw = n.raw.clone();
            view! {
                <div class="banner warning" role="alert">
                    <p>{n.message.clone()}</p>
                    {raw.map(|raw| view! {
                        <button type="button" class="button secondary"
                            on:click=move |_| dom::download("leitfaden-unlesbare-daten.txt", "text/plain", &raw)>
                            "Unlesbare Daten herunterladen"
                        </button>
                    })}
                    <button type="button" class="button secondary"
                        on:click=move |_| ctx.notice.update(|n| {
                            if n.as_ref().is_some_and(super::super::session::Notice::dismissible) { *n = None; }
                        })>
                        "Hinweis schließen"
                    </button>
                </div>
            }
        })
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let guide = ctx().guide();
    view! {
        <footer class="site-footer">
            <p>{format!("{} · Version {}", guide.title, guide.version)}
               " · Ihre Eingaben bleiben in diesem Browser. Kein Konto, kein Server."</p>
            <p><a href="#/ueber">"Über diesen Leitfaden"</a>" · "<a href="#/anpassen">"Leitfaden anpassen"</a></p>
        </footer>
    }
}

#[component]
pub fn NotFound(what: String) -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"Diese Seite gibt es nicht"</h1>
            <p>{format!("Die Adresse „{what}“ führt zu keinem Schritt dieses Leitfadens. Vielleicht wurde der Schritt umbenannt.")}</p>
            <div class="actions">
                <a class="button primary" href="#/uebersicht">"Zur Übersicht"</a>
                <a class="button secondary" href="#/">"Zum Start"</a>
            </div>
        </section>
    }
}
