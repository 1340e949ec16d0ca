//! The author page's browser edge: starting the author worker, choosing a folder (directory
//! picker, folder input, drop), sending it to the worker, the preview's stored bundle, and
//! fetching the single-file template.
//!
//! The worker (`autor_worker`, started by `autor-worker.js`) starts the first time
//! the page is opened, never with the app; a chosen folder's handle or files are kept here,
//! so that „Erneut prüfen“ reads the same folder again.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::autor::shown::Shown;
use crate::autor::{GuideInfo, Reply};

/// The worker's script, next to `index.html` (`src/bin/autor-worker.js`; it loads what
/// trunk builds for `data-bin="autor"`).
const WORKER: &str = "autor-worker.js";
/// Where the preview's guide bundle is kept (one preview per browser at a time).
pub const PREVIEW_BUNDLE: &str = "leitfaden-vorschau";

/// What was chosen, kept for „Erneut prüfen“.
#[derive(Clone)]
pub enum Chosen {
    /// A directory handle (File System Access API): read afresh on every check.
    Handle(JsValue),
    /// Files from an input or a drop: the browser's snapshots of the moment of choosing.
    Files { name: String, files: Array },
    /// Folders or files dropped on the page, as entries: walked afresh on every check.
    Entries { name: String, entries: Vec<JsValue> },
}

impl Chosen {
    /// Whether checking again reads the files as they are now, without choosing again.
    pub fn rereadable(&self) -> bool {
        !matches!(self, Chosen::Files { .. })
    }
}

struct Worker {
    worker: web_sys::Worker,
    ready: bool,
    /// A request made before the worker was ready.
    waiting: Option<JsValue>,
}

/// Where the worker's replies go: the author page that is open now.
type OnReply = Rc<dyn Fn(Reply)>;

thread_local! {
    static WORKER_STATE: RefCell<Option<Worker>> = const { RefCell::new(None) };
    static ON_REPLY: RefCell<Option<OnReply>> = const { RefCell::new(None) };
}

/// Whether this page can run the author worker: not from the single file (no files next
/// to it, and browsers refuse workers from file://).
pub fn available() -> bool {
    let embedded = leptos::prelude::document()
        .get_element_by_id("leitfaden-guide")
        .is_some();
    let file = leptos::prelude::window().location().protocol().as_deref() == Ok("file:");
    !embedded && !file
}

/// Starts the worker (once per page) and sends its replies to `on_reply` from now on.
pub fn start(on_reply: impl Fn(Reply) + 'static) -> Result<(), String> {
    ON_REPLY.with_borrow_mut(|f| *f = Some(Rc::new(on_reply)));
    ensure_started()
}

fn ensure_started() -> Result<(), String> {
    if WORKER_STATE.with_borrow(Option::is_some) {
        return Ok(());
    }
    let worker = web_sys::Worker::new(WORKER).map_err(|_| not_loaded())?;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
            let reply = reply(&ev.data());
            if reply == Reply::Ready {
                let waiting = WORKER_STATE.with_borrow_mut(|state| {
                    state.as_mut().and_then(|w| {
                        w.ready = true;
                        w.waiting.take().map(|m| (w.worker.clone(), m))
                    })
                });
                if let Some((worker, message)) = waiting {
                    let _ = worker.post_message(&message);
                }
                return;
            }
            deliver(reply);
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        // A worker that failed (to start, or with a panic) is dropped; the next check
        // starts a new one.
        let started = WORKER_STATE.with_borrow_mut(|state| {
            state.take().is_some_and(|w| {
                w.worker.terminate();
                w.ready
            })
        });
        deliver(Reply::Failed(if started {
            "Bei der Prüfung ist ein Fehler aufgetreten. Prüfen Sie bitte noch einmal; hilft das nicht, laden Sie die Seite neu."
                .into()
        } else {
            not_loaded()
        }));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the worker, which lives as long as the page.
    on_message.forget();
    on_error.forget();
    WORKER_STATE.with_borrow_mut(|state| {
        *state = Some(Worker {
            worker,
            ready: false,
            waiting: None,
        });
    });
    Ok(())
}

/// The worker's reply, from the plain object `autor_worker::post` makes.
fn reply(data: &JsValue) -> Reply {
    let text = |k: &str| {
        Reflect::get(data, &k.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    match text("kind").as_deref() {
        Some("bereit") => Reply::Ready,
        Some("geprueft") => Reply::Checked(Box::new(Shown {
            summary: text("summary").unwrap_or_default(),
            messages: text("messages").unwrap_or_default(),
            errors: Reflect::get(data, &"errors".into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as usize,
            bundle: text("bundle"),
            guide: text("id").map(|id| GuideInfo {
                id,
                title: text("title").unwrap_or_default(),
                version: text("version").unwrap_or_default(),
            }),
        })),
        Some("fehler") => Reply::Failed(text("text").unwrap_or_default()),
        _ => Reply::Failed("Die Prüfung hat eine unlesbare Antwort geschickt.".into()),
    }
}

fn deliver(reply: Reply) {
    let on_reply = ON_REPLY.with_borrow(Clone::clone);
    if let Some(f) = on_reply {
        f(reply);
    }
}

fn not_loaded() -> String {
    "Die Prüfung konnte nicht geladen werden. Sind Sie offline? Die Seite „Leitfaden anpassen“ \
     braucht beim ersten Öffnen eine Verbindung zu der Adresse, von der Sie den Leitfaden öffnen."
        .into()
}

/// Sends what was chosen to the worker (read there, so the page stays responsive).
pub async fn check(chosen: &Chosen) -> Result<(), String> {
    let message = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&message, &k.into(), v);
    };
    match chosen {
        Chosen::Handle(handle) => {
            set(
                "name",
                &Reflect::get(handle, &"name".into()).unwrap_or_default(),
            );
            set("handle", handle);
        }
        Chosen::Files { name, files } => {
            set("name", &name.into());
            set("files", files);
        }
        Chosen::Entries { name, entries } => {
            set("name", &name.into());
            set("files", &walk_entries(entries).await?.into());
        }
    }
    let message: JsValue = message.into();
    ensure_started()?;
    WORKER_STATE.with_borrow_mut(|state| {
        let Some(w) = state.as_mut() else {
            return Err(not_loaded());
        };
        if w.ready {
            w.worker.post_message(&message).map_err(|_| not_loaded())
        } else {
            w.waiting = Some(message);
            Ok(())
        }
    })
}

/// Whether the browser has a directory picker (Chromium-based browsers; not Firefox).
pub fn has_directory_picker() -> bool {
    Reflect::has(&leptos::prelude::window(), &"showDirectoryPicker".into()).unwrap_or(false)
}

/// The directory picker; `None` when the author cancelled it.
pub async fn pick_directory() -> Result<Option<Chosen>, String> {
    let window = leptos::prelude::window();
    let pick: Function = Reflect::get(&window, &"showDirectoryPicker".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("Dieser Browser hat keine Ordnerauswahl.")?;
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"id".into(), &"leitfaden-anpassen".into());
    let promise: Promise = pick
        .call1(&window, &options)
        .map_err(|_| "Die Ordnerauswahl ließ sich nicht öffnen.")?
        .unchecked_into();
    match JsFuture::from(promise).await {
        Ok(handle) => Ok(Some(Chosen::Handle(handle))),
        Err(e) => {
            let name = Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                Ok(None)
            } else {
                Err("Der Ordner kann nicht gelesen werden (der Browser hat den Zugriff verweigert). \
                     Wählen Sie einen Ordner in Ihren Dokumenten, nicht einen Systemordner."
                    .into())
            }
        }
    }
}

/// The files of a folder input (`webkitdirectory`) or a file input that fired `ev`; the
/// input is cleared, so that choosing the same again fires again.
pub fn from_input(ev: &leptos::ev::Event) -> Option<Chosen> {
    let input: web_sys::HtmlInputElement = leptos::prelude::event_target(ev);
    let list = input.files()?;
    let files = Array::new();
    let mut name = String::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let relative = Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|p| p.as_string())
            .filter(|p| !p.is_empty());
        // A folder input names each file with the folder itself first: the folder's name
        // is the guide's, the rest its path.
        let path = match relative {
            Some(p) => match p.split_once('/') {
                Some((folder, rest)) => {
                    name = folder.to_string();
                    rest.to_string()
                }
                None => p,
            },
            None => file.name(),
        };
        files.push(&Array::of2(&path.into(), &file));
    }
    input.set_value("");
    (files.length() > 0).then_some(Chosen::Files { name, files })
}

/// What was dropped on the page: folders and files as entries (walked on every check).
pub fn from_drop(ev: &web_sys::DragEvent) -> Option<Chosen> {
    let transfer = ev.data_transfer()?;
    let items = transfer.items();
    let mut entries = Vec::new();
    let mut name = String::new();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        let entry = Reflect::get(&item, &"webkitGetAsEntry".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call0(&item).ok())
            .filter(JsValue::is_object);
        if let Some(entry) = entry {
            if entries.is_empty() {
                name = Reflect::get(&entry, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_default();
            }
            entries.push(entry);
        }
    }
    if entries.is_empty() {
        // No entries (a page that made the drop itself): the plain files, if any.
        let list = transfer.files()?;
        let files = Array::new();
        for i in 0..list.length() {
            if let Some(file) = list.get(i) {
                files.push(&Array::of2(&file.name().into(), &file));
            }
        }
        return (files.length() > 0).then_some(Chosen::Files {
            name: String::new(),
            files,
        });
    }
    // One dropped folder is the guide folder; loose files have none.
    let one_folder = entries.len() == 1
        && Reflect::get(&entries[0], &"isDirectory".into())
            .map(|v| v.is_truthy())
            .unwrap_or(false);
    if !one_folder {
        name.clear();
    }
    Some(Chosen::Entries { name, entries })
}

/// `[[path, File], …]` for dropped entries: a single folder's files relative to it, else
/// each entry by its name (and a folder's files below it).
async fn walk_entries(entries: &[JsValue]) -> Result<Array, String> {
    let lost = || {
        "Die abgelegten Dateien können nicht mehr gelesen werden. Legen Sie sie bitte noch einmal ab."
            .to_string()
    };
    let get = |v: &JsValue, k: &str| Reflect::get(v, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let is_dir = |e: &JsValue| get(e, "isDirectory").is_truthy();
    let single_folder = entries.len() == 1 && is_dir(&entries[0]);
    let mut stack: Vec<(String, JsValue)> = entries
        .iter()
        .map(|e| {
            let prefix = if single_folder {
                String::new()
            } else {
                get(e, "name").as_string().unwrap_or_default()
            };
            (prefix, e.clone())
        })
        .collect();
    let out = Array::new();
    let mut seen = 0usize;
    while let Some((path, entry)) = stack.pop() {
        seen += 1;
        if seen > 20_000 {
            return Err("Die abgelegten Ordner enthalten zu viele Dateien; das ist nicht der Ordner eines Leitfadens.".into());
        }
        if is_dir(&entry) {
            let reader = get(&entry, "createReader")
                .dyn_into::<Function>()
                .ok()
                .and_then(|f| f.call0(&entry).ok())
                .ok_or_else(lost)?;
            // readEntries gives a batch at a time, an empty one at the end.
            loop {
                let batch = callback_promise(&reader, "readEntries")
                    .await
                    .map_err(|_| lost())?;
                let batch: Array = batch.dyn_into().map_err(|_| lost())?;
                if batch.length() == 0 {
                    break;
                }
                for child in batch.iter() {
                    let name = get(&child, "name").as_string().unwrap_or_default();
                    let child_path = if path.is_empty() {
                        name
                    } else {
                        format!("{path}/{name}")
                    };
                    stack.push((child_path, child));
                }
            }
        } else {
            let file = callback_promise(&entry, "file").await.map_err(|_| lost())?;
            let path = if path.is_empty() {
                get(&entry, "name").as_string().unwrap_or_default()
            } else {
                path
            };
            out.push(&Array::of2(&path.into(), &file));
        }
    }
    Ok(out)
}

/// Calls `target.method(resolve, reject)` (the callback style of the entries API).
async fn callback_promise(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &method.into())?.dyn_into()?;
    let target = target.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        if f.call2(&target, &resolve, &reject).is_err() {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    JsFuture::from(promise).await
}

/// Keeps the bundle for the preview tab (`?vorschau`), which reads it on every load.
pub fn store_preview(bundle: &str) -> Result<(), String> {
    let refused =
        "Der Browser lässt die Vorschau nicht speichern (privates Fenster oder voller Speicher).";
    let storage = leptos::prelude::window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or(refused)?;
    storage
        .set_item(PREVIEW_BUNDLE, bundle)
        .map_err(|_| refused.to_string())
}

/// The preview's bundle, if one was stored.
pub fn preview_bundle() -> Option<String> {
    leptos::prelude::window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(PREVIEW_BUNDLE)
        .ok()
        .flatten()
}

/// Opens (or reloads) the preview in its own tab.
pub fn open_preview() {
    let _ =
        leptos::prelude::window().open_with_url_and_target("./?vorschau#/", "leitfaden-vorschau");
}

/// Closes the preview tab if the author page opened it; else goes to the author page.
pub fn close_preview() {
    let window = leptos::prelude::window();
    if window.opener().ok().is_some_and(|o| o.is_object()) {
        let _ = window.close();
    } else {
        let _ = window.location().set_href("./#/anpassen");
    }
}

/// Fetches a file of the site as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let promise = leptos::prelude::window().fetch_with_str(url);
    let response = JsFuture::from(promise)
        .await
        .map_err(|_| format!("{url} ist nicht erreichbar (offline?)"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!(
            "{url} gibt es in dieser Version nicht (HTTP {}); die Web-Version macht es mit scripts/build.sh",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(|_| format!("{url} ist unlesbar"))?)
        .await
        .map_err(|_| format!("{url} ist unlesbar"))?;
    Ok(text.as_string().unwrap_or_default())
}
