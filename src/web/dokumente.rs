//! The browser side of documents: the app's client of the documents worker (started on the
//! first request, then kept), the worker's own message loop, byte downloads and the clipboard.
//!
//! The worker is `src/bin/dokumente.rs`, built by trunk as `dokumente.js` +
//! `dokumente_bg.wasm` with the loader `dokumente_loader.js`. The single file has no files
//! to load: it carries the worker's code in `<script type="text/plain" id="leitfaden-dokumente">`
//! (scripts/single-file.mjs), started from a Blob URL.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::document::Document;
use crate::document::html::Credits;
use crate::document::job::{Format, Job};

/// The worker's loader, next to the app's page.
const LOADER: &str = "dokumente_loader.js";
/// The element that holds the worker's code in the single file.
const INLINE_ID: &str = "leitfaden-dokumente";
/// What the worker posts once it listens.
const READY: &str = "bereit";
/// How long a document may take before the app gives up waiting (ms): the first one
/// includes loading the worker.
const TIMEOUT_MS: i32 = 60_000;

struct Client {
    worker: web_sys::Worker,
    ready: bool,
    /// Jobs sent before the worker listens (it drops messages until then).
    queue: Vec<String>,
    pending: HashMap<u32, (Function, Function)>,
    next: u32,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Writes `document` as `format` in the worker (started now if it is not running) and
/// returns the file's bytes, or a German message why not.
pub async fn write(
    format: Format,
    document: Document,
    credits: Credits,
) -> Result<Vec<u8>, String> {
    let mut job = Some((document, credits));
    let promise = Promise::new(&mut |resolve, reject| {
        let Some((document, credits)) = job.take() else {
            return;
        };
        let started = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_none() {
                *c = Some(start()?);
            }
            let client = c.as_mut().expect("started above");
            client.next += 1;
            let id = client.next;
            let json = Job {
                id,
                format,
                document,
                credits,
            }
            .to_json();
            client.pending.insert(id, (resolve, reject.clone()));
            if client.ready {
                client
                    .worker
                    .post_message(&json.into())
                    .map_err(|_| "Der Auftrag konnte nicht übergeben werden.".to_string())?;
            } else {
                client.queue.push(json);
            }
            give_up_after(id);
            Ok::<(), String>(())
        });
        if let Err(e) = started {
            let _ = reject.call1(&JsValue::NULL, &e.into());
        }
    });
    let answer = JsFuture::from(promise).await.map_err(|e| {
        e.as_string()
            .unwrap_or_else(|| "Unbekannter Fehler.".into())
    })?;
    Ok(Uint8Array::new(&answer).to_vec())
}

/// Starts the worker: the inline code of the single file, or the loader of the build.
fn start() -> Result<Client, String> {
    let failed = |_| "Das Modul für Dokumente konnte nicht gestartet werden.".to_string();
    let document = leptos::prelude::document();
    let worker = match document.get_element_by_id(INLINE_ID) {
        Some(el) => {
            let code = Array::of1(&el.text_content().unwrap_or_default().into());
            let opts = web_sys::BlobPropertyBag::new();
            opts.set_type("text/javascript");
            let blob =
                web_sys::Blob::new_with_str_sequence_and_options(&code, &opts).map_err(failed)?;
            let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
            web_sys::Worker::new(&url).map_err(failed)?
        }
        None => web_sys::Worker::new(LOADER).map_err(failed)?,
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(on_message);
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        // A worker that cannot load (or crashed) answers nothing more: fail what waits,
        // and start afresh on the next request.
        ev.prevent_default();
        fail_all(
            "Das Dokument konnte nicht erstellt werden: Das Modul für Dokumente ist nicht verfügbar.",
        );
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Client {
        worker,
        ready: false,
        queue: Vec::new(),
        pending: HashMap::new(),
        next: 0,
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn on_message(ev: web_sys::MessageEvent) {
    let data = ev.data();
    if data.as_string().as_deref() == Some(READY) {
        CLIENT.with(|c| {
            if let Some(client) = c.borrow_mut().as_mut() {
                client.ready = true;
                for json in std::mem::take(&mut client.queue) {
                    let _ = client.worker.post_message(&json.into());
                }
            }
        });
        return;
    }
    let id = Reflect::get(&data, &"id".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32;
    let Some((resolve, reject)) = CLIENT.with(|c| {
        c.borrow_mut()
            .as_mut()
            .and_then(|cl| cl.pending.remove(&id))
    }) else {
        return;
    };
    match Reflect::get(&data, &"bytes".into()) {
        Ok(bytes) if bytes.is_instance_of::<Uint8Array>() => {
            let _ = resolve.call1(&JsValue::NULL, &bytes);
        }
        _ => {
            let why = Reflect::get(&data, &"error".into())
                .ok()
                .and_then(|e| e.as_string())
                .unwrap_or_else(|| "Unbekannter Fehler.".into());
            let _ = reject.call1(&JsValue::NULL, &why.into());
        }
    }
}

/// Rejects every waiting request and stops the worker.
fn fail_all(why: &str) {
    let client = CLIENT.with(|c| c.borrow_mut().take());
    if let Some(client) = client {
        client.worker.terminate();
        for (_, (_, reject)) in client.pending {
            let _ = reject.call1(&JsValue::NULL, &why.into());
        }
    }
}

/// If job `id` has no answer in time, the worker is stuck: give up on everything waiting.
fn give_up_after(id: u32) {
    let check = Closure::once_into_js(move || {
        let waiting = CLIENT.with(|c| {
            c.borrow()
                .as_ref()
                .is_some_and(|cl| cl.pending.contains_key(&id))
        });
        if waiting {
            fail_all(
                "Das Dokument konnte nicht erstellt werden: Das Modul für Dokumente antwortet nicht. Bitte versuchen Sie es noch einmal.",
            );
        }
    });
    let _ = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), TIMEOUT_MS);
}

/// The worker's side (in `src/bin/dokumente.rs`): answers every job with the file's bytes
/// (transferred, not copied) or an error, after saying that it listens.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let json = ev.data().as_string().unwrap_or_default();
            let (id, result) = crate::document::job::run(&json);
            let msg = Object::new();
            let _ = Reflect::set(&msg, &"id".into(), &id.into());
            match result {
                Ok(bytes) => {
                    let array = Uint8Array::from(bytes.as_slice());
                    let _ = Reflect::set(&msg, &"bytes".into(), &array);
                    let _ = reply.post_message_with_transfer(&msg, &Array::of1(&array.buffer()));
                }
                Err(e) => {
                    let _ = Reflect::set(&msg, &"error".into(), &e.into());
                    let _ = reply.post_message(&msg);
                }
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page that started it.
    on_message.forget();
    let _ = scope.post_message(&READY.into());
}

/// Offers `bytes` as a file download. The address is released a minute later, not at
/// once: Firefox starts the download after the click has returned.
pub fn download(filename: &str, mime: &str, bytes: &[u8]) {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = leptos::prelude::document();
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        let _ = document.body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
}

/// Focuses and selects the text field `id` once it is on screen (after the next render).
pub fn select_field(id: &str) {
    let id = id.to_string();
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = leptos::prelude::document()
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            let _ = el.focus();
            el.select();
        }
    });
}

/// Puts `text` on the clipboard if the browser allows it; `false` if it does not (no
/// permission, an old browser, a page from file:// in some browsers).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let navigator = leptos::prelude::window().navigator();
    let Ok(clipboard) = Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let Ok(write) = Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else {
        return false;
    };
    match promise.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await.is_ok(),
        Err(_) => false,
    }
}
