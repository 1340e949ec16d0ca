//! The controls every document offer shares: Word/OpenDocument downloads written by the
//! documents worker, and a text to copy that works without the clipboard permission.

use leptos::prelude::*;

use crate::document::Document;
use crate::document::html::Credits;
use crate::document::job::Format;
use crate::web::dokumente;

/// What a document request is doing, said in a status line next to its buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Idle,
    Busy(Format),
    Done(String),
    Failed(String),
}

/// Writes a document in the worker and downloads it as `name`; `progress` says what
/// happens. Several requests may run at once; each reports when it ends.
pub fn fetch(
    format: Format,
    document: Document,
    credits: Credits,
    name: String,
    progress: RwSignal<Request>,
) {
    progress.set(Request::Busy(format));
    leptos::task::spawn_local(async move {
        match dokumente::write(format, document, credits).await {
            Ok(bytes) => {
                dokumente::download(&name, format.mime(), &bytes);
                progress.set(Request::Done(format!(
                    "Fertig: „{name}“ wurde heruntergeladen."
                )));
            }
            Err(e) => progress.set(Request::Failed(e)),
        }
    });
}

/// The status line of document requests (a live region, so screen readers hear it).
#[component]
pub fn ProgressLine(progress: RwSignal<Request>) -> impl IntoView {
    view! {
        <p class="document-status" role="status" aria-live="polite">{move || match progress.get() {
            Request::Idle => String::new(),
            Request::Busy(f) => {
                let label = f.label();
                let mut first = label.chars();
                let upper = first.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
                format!("{upper}{} wird erstellt …", first.as_str())
            }
            Request::Done(s) => s,
            Request::Failed(s) => s,
        }}</p>
    }
}

/// A text to take along: a read-only field with the text selected (so Strg+C copies it
/// even where the page may not use the clipboard), and a try of the clipboard as well.
#[component]
pub fn CopyBox(
    /// The field's label.
    label: String,
    text: Signal<String>,
    /// The field's id (unique on the page).
    id: String,
    /// Try the clipboard at once (the user just asked for it).
    #[prop(default = true)]
    copy_now: bool,
) -> impl IntoView {
    let field = NodeRef::<leptos::html::Textarea>::new();
    let said = RwSignal::new(String::new());
    let copy = move || {
        let value = text.get_untracked();
        leptos::task::spawn_local(async move {
            said.set(if dokumente::copy_to_clipboard(&value).await {
                "Kopiert: Der Text ist in der Zwischenablage. Fügen Sie ihn mit Strg+V ein.".into()
            } else {
                "Der Browser erlaubt das Kopieren hier nicht. Der Text im Feld ist markiert: Kopieren Sie ihn mit Strg+C (Mac: ⌘+C).".into()
            });
        });
    };
    // Select the text once the field is there, and again whenever the text changes.
    Effect::new(move |_| {
        text.track();
        if let Some(el) = field.get() {
            el.set_value(&text.get_untracked());
            let _ = el.focus();
            el.select();
        }
    });
    if copy_now {
        copy();
    }
    let rows = move || text.with(|t| t.lines().count().clamp(4, 14).to_string());
    view! {
        <div class="copy-box">
            <label for=id.clone()>{label}</label>
            <textarea id=id readonly rows=rows node_ref=field prop:value=move || text.get()
                on:focus=move |ev| { event_target::<web_sys::HtmlTextAreaElement>(&ev).select(); }></textarea>
            <div class="actions">
                <button type="button" class="button secondary small" on:click=move |_| {
                    if let Some(el) = field.get_untracked() {
                        let _ = el.focus();
                        el.select();
                    }
                    copy();
                }>"In die Zwischenablage kopieren"</button>
            </div>
            <p class="copy-status" role="status">{move || said.get()}</p>
        </div>
    }
}
