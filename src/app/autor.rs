//! „Leitfaden anpassen“: the author page. Choose a folder or a .zip, see every message of the
//! full author check, open a preview, and save the single file for the Kommunen.
//!
//! The check runs in the author worker (`web::autor`), so the app's own wasm carries no
//! RON parser and no checks; the worker also renders the result (`autor::shown`), which
//! this screen sets as HTML. It builds the single file with `autor::ship`.

use leptos::html::Input;
use leptos::prelude::*;

use super::ctx;
use crate::autor::shown::{self, Shown};
use crate::autor::{self, Reply};
use crate::text;
use crate::web::autor::{self as edge, Chosen};
use crate::web::dom;

/// The state of the last check.
#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Checking,
    Done(Box<Shown>),
    Failed(String),
}

#[component]
pub fn Author() -> impl IntoView {
    if !edge::available() {
        return view! { <Unavailable/> }.into_any();
    }
    let state = RwSignal::new(State::Idle);
    let chosen = StoredValue::new_local(None::<Chosen>);
    // Which input chose the files, to open it again for „Erneut prüfen“ where the browser
    // gives no lasting access.
    let last_input = StoredValue::new(None::<bool>);
    let folder_input = NodeRef::<Input>::new();
    let zip_input = NodeRef::<Input>::new();
    let action = RwSignal::new(None::<Result<String, String>>);

    if let Err(e) = edge::start(move |reply| match reply {
        Reply::Ready => {}
        Reply::Checked(shown) => {
            let _ = state.try_set(State::Done(shown));
        }
        Reply::Failed(e) => {
            let _ = state.try_set(State::Failed(e));
        }
    }) {
        state.set(State::Failed(e));
    }

    let run = move |c: Chosen| {
        chosen.set_value(Some(c.clone()));
        state.set(State::Checking);
        action.set(None);
        leptos::task::spawn_local(async move {
            if let Err(e) = edge::check(&c).await {
                let _ = state.try_set(State::Failed(e));
            }
        });
    };
    let choose_folder = move |_| {
        if edge::has_directory_picker() {
            leptos::task::spawn_local(async move {
                match edge::pick_directory().await {
                    Ok(Some(c)) => run(c),
                    Ok(None) => {}
                    Err(e) => state.set(State::Failed(e)),
                }
            });
        } else if let Some(input) = folder_input.get_untracked() {
            input.click();
        }
    };
    let choose_zip = move |_| {
        if let Some(input) = zip_input.get_untracked() {
            input.click();
        }
    };
    let on_input = move |zip: bool| {
        move |ev: leptos::ev::Event| {
            if let Some(c) = edge::from_input(&ev) {
                last_input.set_value(Some(zip));
                run(c);
            }
        }
    };
    let again = move |_| {
        let Some(c) = chosen.get_value() else { return };
        if c.rereadable() {
            run(c);
        } else {
            let input = if last_input.get_value() == Some(true) {
                zip_input
            } else {
                folder_input
            };
            if let Some(input) = input.get_untracked() {
                input.click();
            }
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(c) = edge::from_drop(&ev) {
            run(c);
        }
    };
    // `chosen` is no signal: read `state` first, which changes with every choice.
    let can_again = move || state.get() != State::Checking && chosen.with_value(Option::is_some);
    let again_hint = move || {
        state.track();
        chosen.with_value(|c| {
            c.as_ref().filter(|c| !c.rereadable()).map(|_| {
                view! {
                    <p class="hint">"Ihr Browser gibt dieser Seite keinen dauerhaften Zugriff auf den Ordner: „Erneut prüfen“ öffnet die Auswahl noch einmal, wählen Sie dort denselben Ordner."</p>
                }
            })
        })
    };

    let bundled_id = ctx().guide().id.clone();
    let ready = move || match state.get() {
        State::Done(o) if o.bundle.is_some() => Some(o),
        _ => None,
    };
    let preview = move |_| {
        let Some(bundle) = ready().and_then(|o| o.bundle) else {
            return;
        };
        match edge::store_preview(&bundle) {
            Ok(()) => {
                edge::open_preview();
                action.set(Some(Ok(
                    "Die Vorschau ist in einem eigenen Tab geöffnet. Nach einer Änderung: „Erneut prüfen“, dann wieder „Vorschau öffnen“."
                        .into(),
                )));
            }
            Err(e) => action.set(Some(Err(e))),
        }
    };
    let ship = move |_| {
        let Some(o) = ready() else { return };
        let (Some(bundle), Some(info)) = (o.bundle.clone(), o.guide.clone()) else {
            return;
        };
        action.set(Some(Ok("Die Datei wird erstellt …".into())));
        leptos::task::spawn_local(async move {
            let made = edge::fetch_text(autor::SINGLE_FILE_TEMPLATE)
                .await
                .and_then(|template| autor::ship(&template, &bundle, &info.title));
            match made {
                Ok(html) => {
                    let name = dom::file_name("leitfaden", &info.title, "html");
                    dom::download(&name, "text/html", &html);
                    let _ = action.try_set(Some(Ok(format!(
                        "„{name}“ ist gespeichert ({}). Sie öffnet sich per Doppelklick, ohne Server und ohne Internet.",
                        text::size(html.len())
                    ))));
                }
                Err(e) => {
                    let _ = action.try_set(Some(Err(format!(
                        "Die Datei konnte nicht erstellt werden: {e}"
                    ))));
                }
            }
        });
    };
    let same_id = move || {
        let id = bundled_id.clone();
        ready()
            .and_then(|o| o.guide)
            .filter(|g| g.id == id)
            .map(|g| view! { <div inner_html=shown::same_id(&g.id)></div> })
    };

    view! {
        <section class="autor">
            <div inner_html=shown::INTRO></div>
            <div class="actions">
                <button type="button" class="button primary" on:click=choose_folder>"Ordner wählen"</button>
                <button type="button" class="button secondary" on:click=choose_zip>"ZIP-Datei wählen"</button>
                <button type="button" class="button secondary" disabled=move || !can_again() on:click=again>"Erneut prüfen"</button>
            </div>
            <input type="file" id="autor-ordner" node_ref=folder_input hidden=true multiple=true
                prop:webkitdirectory=true on:change=on_input(false)/>
            <input type="file" id="autor-zip" node_ref=zip_input hidden=true accept=".zip,application/zip"
                on:change=on_input(true)/>
            <div class="autor-ablage" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                "Oder ziehen Sie den Ordner, seine Dateien oder eine ZIP-Datei hierher."
            </div>
            {again_hint}
            <div class="autor-ergebnis" role="status">
                {move || match state.get() {
                    State::Idle => ().into_any(),
                    State::Checking => view! { <p class="autor-laeuft">"Wird geprüft …"</p> }.into_any(),
                    State::Failed(e) => view! { <p class="banner warning">{e}</p> }.into_any(),
                    State::Done(o) => view! { <div inner_html=o.summary></div> }.into_any(),
                }}
            </div>
            <div class="autor-liste" inner_html=move || match state.get() {
                State::Done(o) => o.messages,
                _ => String::new(),
            }></div>

            <div inner_html=shown::PREVIEW></div>
            <p><button type="button" class="button primary" disabled=move || ready().is_none() on:click=preview>"Vorschau öffnen"</button></p>

            <div inner_html=shown::SHIP></div>
            {same_id}
            <p><button type="button" class="button primary" disabled=move || ready().is_none() on:click=ship>"Als Datei für Ihre Kommunen speichern"</button></p>
            {move || action.get().map(|a| match a {
                Ok(text) => view! { <p class="banner info" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="banner warning" role="alert">{text}</p> }.into_any(),
            })}
        </section>
    }
    .into_any()
}

/// The single file (or a page from file://) has no author worker next to it.
#[component]
fn Unavailable() -> impl IntoView {
    view! { <section class="autor" inner_html=shown::UNAVAILABLE></section> }
}
