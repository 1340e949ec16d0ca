//! The app's side of the second module (`src/bin/mehr.rs`, `app::more`): the screens a
//! first visit does not need, in a wasm of their own that loads when one of them is first
//! opened (or an Arbeitshilfe is first downloaded), so that none of their code is in the
//! first load.
//!
//! trunk builds it like a worker (`data-type="worker"` in index.html: `mehr.js`, a script
//! that defines `wasm_bindgen`, and `mehr_bg.wasm`), but it runs on the page: the module
//! renders into an element the app gives it. The two share no memory; they hand each other
//! the workspace as its saved document (`saved::encode`): the app when it shows a screen
//! there, the module after each change there, the app again when storage (another tab)
//! changes it meanwhile. Only the app saves. The single file carries the module's script
//! and wasm as text (`<script type="text/plain" id="leitfaden-mehr">`, see
//! scripts/single-file.mjs), which runs when first needed.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The module's script and wasm, next to the app's page.
const SCRIPT: &str = "mehr.js";
const WASM: &str = "mehr_bg.wasm";
/// The element that holds the module in the single file (its script, which also starts it).
const INLINE_ID: &str = "leitfaden-mehr";
/// What a user reads when the module cannot be loaded.
pub const UNAVAILABLE: &str = "Dieser Teil des Leitfadens konnte nicht geladen werden. Prüfen Sie die Verbindung und laden Sie die Seite neu; Ihre Eingaben bleiben erhalten.";

thread_local! {
    /// The module's exports once loaded (the `wasm_bindgen` object), or its loading.
    static MODULE: RefCell<Option<Promise>> = const { RefCell::new(None) };
    static EXPORTS: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// The screen the module shows for the app (its token), if any.
    static SHOWN: Cell<Option<u32>> = const { Cell::new(None) };
    /// The workspace document last handed over, either way.
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
    /// What the app does with a workspace the module changed.
    static ON_CHANGE: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// The `wasm_bindgen` the module's script defines (a global `let`, so not on `window`).
fn global() -> JsValue {
    Function::new_no_args("return typeof wasm_bindgen === 'function' ? wasm_bindgen : null")
        .call0(&JsValue::NULL)
        .unwrap_or(JsValue::NULL)
}

fn load() -> Promise {
    wasm_bindgen_futures::future_to_promise(async {
        let document = leptos::prelude::document();
        let inline = document.get_element_by_id(INLINE_ID);
        if global().is_null() {
            let script = document.create_element("script")?;
            match &inline {
                // Runs as it is added: the module's script, then its start from the bytes.
                Some(el) => {
                    script.set_text_content(el.text_content().as_deref());
                    document.head().ok_or("no head")?.append_child(&script)?;
                }
                None => {
                    let loaded = Promise::new(&mut |ok, no| {
                        let _ = script.add_event_listener_with_callback("load", &ok);
                        let _ = script.add_event_listener_with_callback("error", &no);
                    });
                    script.set_attribute("src", SCRIPT)?;
                    document.head().ok_or("no head")?.append_child(&script)?;
                    JsFuture::from(loaded).await?;
                }
            }
        }
        let init = global();
        let Some(init) = init.dyn_ref::<Function>() else {
            return Err("no module".into());
        };
        if inline.is_none() {
            let options = Object::new();
            Reflect::set(&options, &"module_or_path".into(), &WASM.into())?;
            JsFuture::from(Promise::from(init.call1(&JsValue::NULL, &options)?)).await?;
        }
        EXPORTS.with(|e| *e.borrow_mut() = Some(init.into()));
        Ok(init.into())
    })
}

/// The module, loaded on the first call.
async fn module() -> Result<JsValue, String> {
    let promise = MODULE.with(|m| m.borrow_mut().get_or_insert_with(load).clone());
    match JsFuture::from(promise).await {
        Ok(m) => Ok(m),
        Err(e) => {
            // Try again on the next request (the network may be back).
            MODULE.with(|m| m.borrow_mut().take());
            leptos::logging::warn!("second module: {e:?}");
            Err(UNAVAILABLE.into())
        }
    }
}

fn export(module: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| UNAVAILABLE.to_string())
}

fn message(e: &JsValue) -> String {
    e.as_string().unwrap_or_else(|| UNAVAILABLE.into())
}

/// Sets what the app does with the workspace document the module hands back after a change.
pub fn on_change(f: impl Fn(String) + 'static) {
    let closure = Closure::<dyn Fn(String)>::new(move |json: String| {
        LAST.with(|l| l.borrow_mut().clone_from(&json));
        f(json);
    });
    ON_CHANGE.with(|c| *c.borrow_mut() = Some(closure.into_js_value().unchecked_into()));
}

/// Shows the screen `href` in `host`, on the workspace document `workspace`, and moves focus
/// to `place` or its heading; returns the token that `hide` takes.
pub async fn show(
    host: &web_sys::HtmlElement,
    href: &str,
    workspace: String,
    place: Option<String>,
) -> Result<u32, String> {
    let module = module().await?;
    let show = export(&module, "show")?;
    let changed = ON_CHANGE
        .with(|c| c.borrow().clone())
        .ok_or_else(|| UNAVAILABLE.to_string())?;
    LAST.with(|l| l.borrow_mut().clone_from(&workspace));
    let args = js_sys::Array::of5(
        host,
        &href.into(),
        &workspace.into(),
        &place.map_or(JsValue::NULL, JsValue::from),
        &changed,
    );
    let answer = show.apply(&JsValue::NULL, &args).map_err(|e| message(&e))?;
    let token = JsFuture::from(Promise::from(answer))
        .await
        .map_err(|e| message(&e))?;
    let token = token.as_f64().unwrap_or(0.0) as u32;
    SHOWN.with(|s| s.set(Some(token)));
    Ok(token)
}

/// Takes the module's screen `token` away (it hands back what changed first).
pub fn hide(token: u32) {
    SHOWN.with(|s| {
        if s.get() == Some(token) {
            s.set(None);
        }
    });
    if let Some(module) = EXPORTS.with(|e| e.borrow().clone())
        && let Ok(hide) = export(&module, "hide")
    {
        let _ = hide.call1(&JsValue::NULL, &token.into());
    }
}

/// Whether the module shows a screen for the app.
pub fn is_showing() -> bool {
    SHOWN.with(Cell::get).is_some()
}

/// Hands the module a workspace that changed on the app's side (merged from another tab),
/// unless it is what was last handed over.
pub fn update(workspace: String) {
    if !is_showing() || LAST.with(|l| *l.borrow() == workspace) {
        return;
    }
    if let Some(module) = EXPORTS.with(|e| e.borrow().clone())
        && let Ok(update) = export(&module, "update")
    {
        LAST.with(|l| l.borrow_mut().clone_from(&workspace));
        let _ = update.call1(&JsValue::NULL, &workspace.into());
    }
}

/// Writes the Arbeitshilfe `resource` as `format` (`docx`, `odt`, `md`) from the active work
/// state of `workspace` and downloads it; `say` hears what happens.
pub async fn handout(
    workspace: String,
    resource: &str,
    format: &str,
    say: impl Fn(String) + 'static,
) {
    let module = match module().await {
        Ok(m) => m,
        Err(e) => return say(e),
    };
    let Ok(handout) = export(&module, "handout") else {
        return say(UNAVAILABLE.into());
    };
    let say = Closure::<dyn Fn(String)>::new(say);
    let args = js_sys::Array::of4(
        &workspace.into(),
        &resource.into(),
        &format.into(),
        say.as_ref(),
    );
    if let Ok(answer) = handout.apply(&JsValue::NULL, &args) {
        let _ = JsFuture::from(Promise::from(answer)).await;
    }
    drop(say);
}
