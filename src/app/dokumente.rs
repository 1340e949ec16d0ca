//! The controls every document offer shares: files written by the documents worker and
//! downloaded, and a text to copy that works without the clipboard permission.
//!
//! Only the second module (`app::more`) uses these. Kept to the signal types it already has
//! (`RwSignal<String>`, `<bool>`, `<Option<String>>`): every new one adds its own copy of the
//! reactive machinery to its wasm.

use leptos::prelude::*;

use crate::document::Document;
use crate::document::html::Credits;
use crate::document::job::Format;
use crate::web::dokumente;

/// „Die Word-Datei wird erstellt …“
fn busy(format: Format) -> String {
    let label = format.label();
    let mut chars = label.chars();
    let first = chars.next().map(char::to_uppercase);
    format!(
        "{}{} wird erstellt …",
        first.map(Iterator::collect::<String>).unwrap_or_default(),
        chars.as_str()
    )
}

/// Writes a document in the worker and downloads it as `name`; `status` says what
/// happens. Several requests may run at once; each reports when it ends.
pub fn fetch(
    format: Format,
    document: Document,
    credits: Credits,
    name: String,
    status: RwSignal<String>,
) {
    leptos::task::spawn_local(write_and_download(
        format,
        document,
        credits,
        name,
        move |s| {
            status.set(s);
        },
    ));
}

/// Writes a document in the worker and downloads it as `name`; `say` hears what happens.
pub async fn write_and_download(
    format: Format,
    document: Document,
    credits: Credits,
    name: String,
    say: impl Fn(String),
) {
    say(busy(format));
    match dokumente::write(format, document, credits).await {
        Ok(bytes) => {
            dokumente::download(&name, format.mime(), &bytes);
            say(format!("Fertig: „{name}“ wurde heruntergeladen."));
        }
        Err(e) => say(e),
    }
}

/// Writes a document as text (Markdown or plain) in the worker and puts it into `text`.
pub fn fetch_text(
    format: Format,
    document: Document,
    status: RwSignal<String>,
    text: RwSignal<Option<String>>,
) {
    status.set(busy(format));
    leptos::task::spawn_local(async move {
        match dokumente::write(format, document, Credits::default()).await {
            Ok(bytes) => {
                status.set(String::new());
                text.set(Some(String::from_utf8_lossy(&bytes).into_owned()));
            }
            Err(e) => status.set(e),
        }
    });
}

/// The status line of document requests (a live region, so screen readers hear it).
pub fn status_line(status: RwSignal<String>) -> impl IntoView {
    view! { <p class="document-status" role="status" aria-live="polite">{move || status.get()}</p> }
}

/// A text to take along, in a field labelled `label` with id `id` (unique on the page):
/// read-only and selected (so Strg+C copies it even where the page may not use the
/// clipboard), and a try of the clipboard as well.
pub fn copy_box(label: String, text: String, id: String) -> AnyView {
    let said = RwSignal::new(String::new());
    let value = text.clone();
    let copy = move || {
        let value = value.clone();
        leptos::task::spawn_local(async move {
            said.set(if dokumente::copy_to_clipboard(&value).await {
                "Kopiert: Der Text ist in der Zwischenablage. Fügen Sie ihn mit Strg+V ein.".into()
            } else {
                "Der Browser erlaubt das Kopieren hier nicht. Der Text im Feld ist markiert: Kopieren Sie ihn mit Strg+C (Mac: ⌘+C).".into()
            });
        });
    };
    // The user just asked for the text: select it once it is on screen, and try the
    // clipboard at once (the permission may need this very click).
    dokumente::select_field(&id);
    copy();
    let rows = text.lines().count().clamp(4, 14).to_string();
    let id2 = id.clone();
    view! {
        <div class="copy-box">
            <label for=id.clone()>{label}</label>
            <textarea id=id readonly rows=rows prop:value=text></textarea>
            <div class="actions">
                <button type="button" class="button secondary small" on:click=move |_| {
                    dokumente::select_field(&id2);
                    copy();
                }>"In die Zwischenablage kopieren"</button>
            </div>
            <p class="copy-status" role="status">{move || said.get()}</p>
        </div>
    }
    .into_any()
}
