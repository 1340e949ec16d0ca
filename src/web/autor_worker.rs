//! The author worker's browser side: takes the chosen folder (a directory handle, or File
//! objects with their paths) by message, reads it, runs `autor::check`, posts the reply.
//!
//! It runs in its own thread, so the page stays responsive during the walk over every
//! profile. Messages in: `{ name, handle }` or `{ name, files: [[path, File], …] }`; out:
//! an `autor::Reply` as a plain object (first `Ready`, then one reply per request).

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::autor::{self, Picked, Reply};

/// More entries than this in a chosen folder are not walked: it is not a guide's folder.
const MAX_ENTRIES: usize = 20_000;

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|ev: web_sys::MessageEvent| {
            let data = ev.data();
            wasm_bindgen_futures::spawn_local(async move {
                let reply = match read(&data).await {
                    Ok((name, picked)) => Reply::Checked(Box::new(
                        autor::check(&name, picked, &js_sys::Date::now).shown(),
                    )),
                    Err(e) => Reply::Failed(e),
                };
                post(&reply);
            });
        });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it.
    on_message.forget();
    post(&Reply::Ready);
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts `reply` as a plain object, which the page reads without a parser
/// (`web::autor::reply`): `{ kind: "bereit" | "fehler" | "geprueft", … }`.
fn post(reply: &Reply) {
    let o = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&o, &k.into(), &v);
    };
    match reply {
        Reply::Ready => set("kind", "bereit".into()),
        Reply::Failed(text) => {
            set("kind", "fehler".into());
            set("text", text.into());
        }
        Reply::Checked(shown) => {
            set("kind", "geprueft".into());
            set("summary", (&shown.summary).into());
            set("messages", (&shown.messages).into());
            set("errors", (shown.errors as f64).into());
            set(
                "bundle",
                shown.bundle.as_deref().map_or(JsValue::NULL, JsValue::from),
            );
            if let Some(g) = &shown.guide {
                set("id", (&g.id).into());
                set("title", (&g.title).into());
                set("version", (&g.version).into());
            }
        }
    }
    let _ = scope().post_message(&o);
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The request's name and files, with the bytes of those `autor::wanted` reads.
async fn read(data: &JsValue) -> Result<(String, Vec<Picked>), String> {
    let name = get(data, "name").as_string().unwrap_or_default();
    let handle = get(data, "handle");
    let files = if handle.is_object() {
        walk(handle).await?
    } else {
        let list: Array = get(data, "files").dyn_into().map_err(|_| unreadable(""))?;
        list.iter()
            .map(|pair| {
                let pair: Array = pair.unchecked_into();
                (
                    pair.get(0).as_string().unwrap_or_default(),
                    pair.get(1).unchecked_into::<web_sys::File>(),
                )
            })
            .collect()
    };
    let reader = web_sys::FileReaderSync::new().map_err(|_| unreadable(""))?;
    let mut picked = Vec::with_capacity(files.len());
    for (path, file) in files {
        let size = file.size() as u64;
        let bytes = if autor::wanted(&path, size) {
            let buffer = reader
                .read_as_array_buffer(&file)
                .map_err(|_| unreadable(&path))?;
            Some(js_sys::Uint8Array::new(&buffer).to_vec())
        } else {
            None
        };
        picked.push(Picked { path, size, bytes });
    }
    Ok((name, picked))
}

fn unreadable(path: &str) -> String {
    if path.is_empty() {
        "Die gewählten Dateien konnten nicht gelesen werden.".into()
    } else {
        format!(
            "„{path}“ konnte nicht gelesen werden. Wurde die Datei seit der Auswahl geändert, \
             verschoben oder gelöscht? Wählen Sie den Ordner bitte noch einmal."
        )
    }
}

/// Every file below a directory handle (File System Access API), with its path.
async fn walk(root: JsValue) -> Result<Vec<(String, web_sys::File)>, String> {
    let lost = || {
        "Der Ordner kann nicht mehr gelesen werden (wurde er verschoben oder gelöscht?). \
         Wählen Sie ihn bitte noch einmal."
            .to_string()
    };
    let mut out = Vec::new();
    let mut seen = 0usize;
    let mut stack = vec![(String::new(), root)];
    while let Some((prefix, dir)) = stack.pop() {
        let values: Function = get(&dir, "values").dyn_into().map_err(|_| lost())?;
        let iter = values.call0(&dir).map_err(|_| lost())?;
        let next: Function = get(&iter, "next").dyn_into().map_err(|_| lost())?;
        loop {
            let promise: Promise = next
                .call0(&iter)
                .map_err(|_| lost())?
                .dyn_into()
                .map_err(|_| lost())?;
            let step = JsFuture::from(promise).await.map_err(|_| lost())?;
            if get(&step, "done").is_truthy() {
                break;
            }
            seen += 1;
            if seen > MAX_ENTRIES {
                return Err(format!(
                    "Der gewählte Ordner enthält mehr als {MAX_ENTRIES} Einträge; das ist nicht der \
                     Ordner eines Leitfadens. Wählen Sie bitte den Ordner, in dem „leitfaden.ron“ liegt."
                ));
            }
            let entry = get(&step, "value");
            let name = get(&entry, "name").as_string().unwrap_or_default();
            let path = format!("{prefix}{name}");
            if get(&entry, "kind").as_string().as_deref() == Some("directory") {
                stack.push((format!("{path}/"), entry));
            } else {
                let get_file: Function = get(&entry, "getFile").dyn_into().map_err(|_| lost())?;
                let promise: Promise = get_file
                    .call0(&entry)
                    .map_err(|_| unreadable(&path))?
                    .dyn_into()
                    .map_err(|_| unreadable(&path))?;
                let file = JsFuture::from(promise)
                    .await
                    .map_err(|_| unreadable(&path))?;
                out.push((path, file.unchecked_into()));
            }
        }
    }
    Ok(out)
}
