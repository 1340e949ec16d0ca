//! Small browser helpers the screens need: the URL fragment, focus, the clock, downloads,
//! reading a picked file, fetching the guide files and body classes. Storage has its own
//! adapter in `storage`.

use std::collections::BTreeMap;

use crate::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file name for downloads: `prefix-name-date.ext`, the name reduced to letters, digits
/// and dashes (`prefix-date.ext` without a name).
pub fn file_name(prefix: &str, name: &str, ext: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let date: String = now_iso().chars().take(10).collect();
    if slug.is_empty() {
        format!("{prefix}-{date}.{ext}")
    } else {
        format!("{prefix}-{slug}-{date}.{ext}")
    }
}

/// Milliseconds since 1970, from the browser's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Today in the browser's local calendar (what the user's clock shows), for due dates and
/// the review reminder; the core never reads a clock itself. A clock outside the years a
/// date may have gives the day from the UTC time, or else 1 January 2000.
pub fn local_date() -> crate::date::Date {
    let d = js_sys::Date::new_0();
    let local = crate::date::Date::new(
        d.get_full_year() as u16,
        (d.get_month() + 1) as u8,
        d.get_date() as u8,
    );
    local
        .ok()
        .or_else(|| crate::date::Date::from_unix_ms(js_sys::Date::now() as i64))
        .or_else(|| crate::date::Date::new(2000, 1, 1).ok())
        .expect("2000-01-01 is a date")
}

/// A random id (96 bits as hex), from `crypto.getRandomValues`, or `Math.random` where a
/// browser offers no crypto: the seed of this tab's work-state origins.
pub fn random_id() -> String {
    let mut bytes = [0u8; 12];
    let secure = window()
        .crypto()
        .ok()
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !secure {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the app lives, for links back to it from a calendar entry: the address without
/// fragment and query (a link should open the work state, not, say, the demo), and whether
/// this build has a page per step (as `show_address` decides).
pub fn home() -> crate::route::Home {
    let href = window().location().href().unwrap_or_default();
    let base = href
        .split(['#', '?'])
        .next()
        .unwrap_or_default()
        .to_string();
    crate::route::Home {
        base,
        pages: has_step_pages(),
    }
}

/// Whether this build has one pre-rendered page per step and the page is served over the
/// web (from a file, a page's address cannot be changed without loading it).
fn has_step_pages() -> bool {
    let meta = document()
        .query_selector(&format!("meta[name=\"{}\"]", crate::prerender::PAGES_META))
        .ok()
        .flatten()
        .is_some();
    let web = matches!(
        window().location().protocol().as_deref(),
        Ok("http:" | "https:")
    );
    // A preview's steps are not the pre-rendered ones (those show the bundled guide): it
    // keeps hash addresses.
    meta && web && !preview_requested()
}

/// A User Timing mark (`performance.mark`), so the benchmark and a browser's profiler see
/// where the start-up time goes: `leitfaden:<name>`.
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(&format!("leitfaden:{name}"));
    }
}

/// Today's date for people, e.g. "26.11.2026".
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}.{:02}.{}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year()
    )
}

/// The current time as ISO 8601, for stamps in files.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// A file the user picked in an `<input type="file">`.
pub struct Picked(web_sys::File);

impl Picked {
    /// The first file of the input that fired `ev`; the input is cleared, so that
    /// picking the same file again fires again.
    pub fn from_input(ev: &leptos::ev::Event) -> Option<Picked> {
        let input: web_sys::HtmlInputElement = event_target(ev);
        let file = input.files().and_then(|f| f.get(0));
        input.set_value("");
        file.map(Picked)
    }

    /// The size in bytes, as the file system reports it.
    pub fn size(&self) -> u64 {
        self.0.size() as u64
    }

    /// Reads the file's bytes.
    pub async fn bytes(self) -> Result<Vec<u8>, String> {
        let buffer = JsFuture::from(self.0.array_buffer())
            .await
            .map_err(|_| "Die Datei konnte nicht gelesen werden.".to_string())?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// Something of this tab's own, for ids it creates: the time and a random number.
pub fn tab_prefix() -> String {
    format!(
        "{:x}{:x}-",
        now_ms(),
        (js_sys::Math::random() * 65536.0) as u32
    )
}

/// Sets or removes a class on `<body>` (e.g. the presenter setting).
pub fn set_body_class(class: &str, on: bool) {
    if let Some(body) = document().body() {
        let _ = if on {
            body.class_list().add_1(class)
        } else {
            body.class_list().remove_1(class)
        };
    }
}

/// Sets `<html lang>` to the guide's language.
pub fn set_language(lang: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang);
    }
}

/// Exposes the wasm memory to the benchmark (bench/browser.mjs reads it).
pub fn expose_memory() {
    let _ = js_sys::Reflect::set(
        &window(),
        &"leitfadenWasmMemory".into(),
        &wasm_bindgen::memory(),
    );
}

/// Logs Rust panics to the console, where the browser tests look for errors.
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}

pub fn print() {
    let _ = window().print();
}

pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The screen the address names (the fragment, or a pre-rendered step page).
pub fn route() -> Route {
    let loc = window().location();
    Route::from_location(&loc.pathname().unwrap_or_default(), &hash())
}

pub fn go(route: &Route) {
    go_to(&route.href());
}

/// Follows an app link (`#/…`, maybe naming a place: `route::with_anchor`).
pub fn go_to(href: &str) {
    let _ = window().location().set_hash(href);
}

/// Calls `f` with the new screen whenever the address changes: a new fragment, or back and
/// forward between addresses that differ only in their page (see `show_address`).
pub fn on_route_change(f: impl Fn(Route) + 'static) {
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    let hash = window_event_listener_untyped("hashchange", move |_| f(route()));
    let pop = window_event_listener_untyped("popstate", move |_| g(route()));
    // The app lives as long as the page: keep listening.
    std::mem::forget(hash);
    std::mem::forget(pop);
}

/// Shows `route`'s own address, where the build has one page per step: a step as its page
/// (`schritt-<id>.html`, so a shared link lands on pre-rendered text), every other screen
/// as the app's directory with its fragment. Replaces the history entry; nothing loads.
pub fn show_address(route: &Route) {
    let loc = window().location();
    if !has_step_pages() || matches!(route, Route::NotFound(_)) {
        return;
    }
    let search = loc.search().unwrap_or_default();
    let wanted = match route.page() {
        Some(page) => format!("{page}{search}"),
        None if *route == Route::Start => format!("./{search}"),
        None => format!("./{search}{}", route.href()),
    };
    let Ok(target) = web_sys::Url::new_with_base(&wanted, &loc.href().unwrap_or_default()) else {
        return;
    };
    if target.href() != loc.href().unwrap_or_default()
        && let Ok(history) = window().history()
    {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target.href()));
    }
}

/// Glossary buttons (`crate::html`) open and close their definition: one listener for
/// the whole page, since the text is set as inner HTML.
pub fn on_term_click() {
    let handle = window_event_listener_untyped("click", |ev| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(Some(button)) = target.closest(".term-button") else {
            return;
        };
        let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
        let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
        if let Some(def) = button.next_element_sibling() {
            if open {
                let _ = def.remove_attribute("hidden");
            } else {
                let _ = def.set_attribute("hidden", "");
            }
        }
    });
    std::mem::forget(handle);
}

/// Whether demo mode was asked for in the URL (`?demo` before the fragment).
pub fn demo_requested() -> bool {
    window()
        .location()
        .search()
        .unwrap_or_default()
        .split(['?', '&'])
        .any(|p| p == "demo" || p == "demo=1")
}

/// Whether the preview of an author's guide was asked for (`?vorschau`, opened by
/// „Leitfaden anpassen“).
pub fn preview_requested() -> bool {
    window()
        .location()
        .search()
        .unwrap_or_default()
        .split(['?', '&'])
        .any(|p| p == "vorschau")
}

/// Lets the browser run what waits (input, painting) before the caller goes on: one long
/// start-up task becomes two, which a slow PC feels as a page that still answers.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `f` once the next frame has been painted: work the user need not wait for (saving
/// where they are) goes after the new screen is on the glass.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// Runs `f` when the browser is idle (`requestIdleCallback`), at the latest after
/// `max_ms`; where the browser has no idle callback, after the current task. Work that may
/// wait (saving) then never delays the next screen, however fast the user clicks.
pub fn when_idle(max_ms: u32, f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let w = window();
    let idle = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(idle) = idle else {
        set_timeout(f, std::time::Duration::ZERO);
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &max_ms.into());
    let callback = Closure::once_into_js(f);
    if idle.call2(&w, &callback, &options).is_err() {
        // Refused (should not happen): run it after this task instead of never.
        let _ = w.set_timeout_with_callback(callback.unchecked_ref());
    }
}

/// Calls `f` whenever the page is hidden or left (tab switched, closed, reloaded, the
/// browser minimised): the last moment to write what waits, for as long as the page lives.
pub fn on_hide(f: impl Fn() + 'static) {
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    std::mem::forget(window_event_listener_untyped("pagehide", move |_| f()));
    std::mem::forget(window_event_listener_untyped(
        "visibilitychange",
        move |_| {
            if document().hidden() {
                g();
            }
        },
    ));
}

/// Moves focus to the page's main heading after the next render and announces it.
pub fn focus_heading() {
    focus_place(None);
}

/// Moves focus, after the next render, to the element with id `anchor` (a place a link
/// names, `route::with_anchor`; a `<details>` is opened and its summary focused), or to the
/// main heading without one; announces the heading and names the tab after it.
pub fn focus_place(anchor: Option<String>) {
    request_animation_frame(move || {
        let doc = document();
        let Ok(Some(h)) = doc.query_selector("main h1") else {
            return;
        };
        let place = anchor.and_then(|a| doc.get_element_by_id(&a));
        let target = match place {
            // A `<details>`: opened, with focus on its summary.
            Some(el) => match el.query_selector(":scope > summary") {
                Ok(Some(summary)) => {
                    let _ = el.set_attribute("open", "");
                    summary
                }
                _ => el,
            },
            None => h.clone(),
        };
        let focusable = target
            .closest("a, button, input, select, summary, textarea")
            .ok()
            .flatten()
            .is_some();
        if !focusable {
            let _ = target.set_attribute("tabindex", "-1");
        }
        if let Some(t) = target.dyn_ref::<web_sys::HtmlElement>() {
            let _ = t.focus();
        }
        let heading = h.text_content().unwrap_or_default();
        if let Some(live) = doc.get_element_by_id("ansage") {
            live.set_text_content(Some(&heading));
        }
        doc.set_title(&format!("{heading} – Leitfaden Open Government"));
    });
}

/// Offers `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        let _ = document().body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The guide as the page gets it.
pub enum GuideData {
    /// The release form (`guide::bundle`): embedded in the page or fetched.
    Bundle(String),
    /// The authors' RON files, fetched one by one (debug builds: `trunk serve`).
    Files(BTreeMap<String, String>),
}

/// The guide: embedded in the page (single-file build), the bundle the release build
/// names in `<meta name="leitfaden-bundle">`, or (debug builds only) the RON files in
/// `guide/`, so that a release wasm never needs the RON parser.
pub async fn guide_data() -> Result<GuideData, String> {
    if preview_requested() {
        return super::autor::preview_bundle()
            .map(GuideData::Bundle)
            .ok_or_else(|| {
                "es gibt keine Vorschau in diesem Browser; öffnen Sie sie über „Leitfaden anpassen“"
                    .into()
            });
    }
    if let Some(el) = document().get_element_by_id("leitfaden-guide") {
        return Ok(GuideData::Bundle(el.text_content().unwrap_or_default()));
    }
    if let Ok(Some(meta)) = document().query_selector("meta[name=\"leitfaden-bundle\"]")
        && let Some(url) = meta.get_attribute("content")
    {
        return fetch_text(&url).await.map(GuideData::Bundle);
    }
    // An attribute, not `cfg!`: the RON reader must not even be compiled into a release
    // wasm (an async fn keeps the code of a dead branch's future).
    #[cfg(debug_assertions)]
    return guide_files().await.map(GuideData::Files);
    #[cfg(not(debug_assertions))]
    Err("dieser Build enthält den Leitfaden nicht (bauen Sie mit scripts/build.sh)".into())
}

#[cfg(debug_assertions)]
async fn guide_files() -> Result<BTreeMap<String, String>, String> {
    let index = crate::guide::load::INDEX_FILE;
    let mut files = BTreeMap::new();
    let index_text = fetch_text(&format!("guide/{index}")).await?;
    // A broken entry file is reported by the loader with its location.
    let listed = crate::guide::load::listed_files(&index_text).unwrap_or_default();
    files.insert(index.to_string(), index_text);
    // Start every request before awaiting any, so they run in parallel.
    let pending: Vec<_> = listed
        .iter()
        .map(|f| window().fetch_with_str_and_init(&format!("guide/{f}"), &no_cache()))
        .collect();
    for (name, promise) in listed.into_iter().zip(pending) {
        if let Ok(text) = response_text(&name, promise).await {
            files.insert(name, text);
        }
    }
    Ok(files)
}

/// Takes the pre-rendered page (`prerender`, release builds) out of the document: once the
/// app has built the same screen behind it (`taking_over`), or when the guide cannot be read.
pub fn remove_prerendered() {
    if let Some(el) = document().get_element_by_id(crate::prerender::SHELL_ID) {
        el.remove();
    }
}

/// Marks the document while the app builds its screen behind the pre-rendered one
/// (`app::Root`): the stylesheet hides what the app has built until it is complete.
pub fn taking_over(on: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force(TAKING_OVER_CLASS, on);
    }
}

/// The class of `taking_over`; the stylesheet names it too.
const TAKING_OVER_CLASS: &str = "uebernahme";

/// Whether the page came with a pre-rendered screen that is still showing.
pub fn has_prerendered() -> bool {
    document()
        .get_element_by_id(crate::prerender::SHELL_ID)
        .is_some()
}

/// While authoring (debug builds), always ask the server, so edits show on reload; a
/// release build may use the preloaded or cached files.
fn no_cache() -> web_sys::RequestInit {
    let init = web_sys::RequestInit::new();
    if cfg!(debug_assertions) {
        init.set_cache(web_sys::RequestCache::NoCache);
    }
    init
}

async fn fetch_text(url: &str) -> Result<String, String> {
    response_text(url, window().fetch_with_str_and_init(url, &no_cache())).await
}

async fn response_text(url: &str, promise: js_sys::Promise) -> Result<String, String> {
    let resp = JsFuture::from(promise)
        .await
        .map_err(|_| format!("{url} ist nicht erreichbar"))?;
    let resp: web_sys::Response = resp.unchecked_into();
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "Antwort unlesbar".to_string())?)
        .await
        .map_err(|_| "Antwort unlesbar".to_string())?;
    Ok(text.as_string().unwrap_or_default())
}
