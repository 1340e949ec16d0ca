//! The browser's storage edge: the only code that touches localStorage (through web-sys:
//! gloo-storage's `raw()` panics where storage is blocked, and we must keep working). Reads
//! say whether nothing, some text, or no storage at all was found (`session::Found`).

use crate::session::{Found, WriteError};

/// Where a guide's work states live; demo mode gets its own space.
pub fn key(guide_id: &str, demo: bool) -> String {
    if demo {
        format!("leitfaden/{guide_id}/demo")
    } else {
        format!("leitfaden/{guide_id}")
    }
}

/// Where the preview of an author's guide keeps its work states („Leitfaden anpassen“):
/// apart from real and demo progress, even when the author kept the guide's id.
pub fn preview_key(guide_id: &str) -> String {
    format!("leitfaden/{guide_id}/vorschau")
}

/// Where a small display preference lives (e.g. the presenter setting).
pub fn pref_key(guide_id: &str, name: &str) -> String {
    format!("leitfaden/{guide_id}/{name}")
}

/// Sets (`Some`) or clears (`None`) a preference; failures only lose the preference.
pub fn set_pref(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

/// Where unreadable data is copied before anything new is written under `key`.
pub fn rescue_key(key: &str) -> String {
    format!("{key}/unlesbar")
}

fn storage() -> Option<web_sys::Storage> {
    // `raw()` panics when storage is blocked; ask the window directly instead.
    web_sys::window()?.local_storage().ok().flatten()
}

/// What is stored under `key` now.
pub fn load(key: &str) -> Found {
    let Some(s) = storage() else {
        return Found::Unavailable;
    };
    match s.get_item(key) {
        Err(_) => Found::Unavailable,
        Ok(None) => Found::Nothing,
        Ok(Some(raw)) => Found::Text(raw),
    }
}

/// Copies unreadable data aside so that saving new work never destroys it.
/// An earlier rescued copy is never overwritten: a later one goes to `…/unlesbar-2` etc.
pub fn rescue(key: &str, raw: &str) -> Result<(), String> {
    let s = storage().ok_or("Speicher nicht verfügbar")?;
    for n in 1..100 {
        let rk = match n {
            1 => rescue_key(key),
            n => format!("{}-{n}", rescue_key(key)),
        };
        match s.get_item(&rk).ok().flatten() {
            Some(kept) if kept == raw => return Ok(()),
            Some(_) => continue,
            None => {
                return s
                    .set_item(&rk, raw)
                    .map_err(|_| "Speichern nicht möglich".to_string());
            }
        }
    }
    Err("zu viele aufbewahrte Kopien".into())
}

/// Writes an already encoded document.
pub fn save(key: &str, encoded: &str) -> Result<(), WriteError> {
    let s = storage().ok_or(WriteError::Unavailable)?;
    s.set_item(key, encoded).map_err(|_| WriteError::Refused)
}

/// Calls `f` whenever another tab of this browser writes `key`. The event's own copy of
/// the value is not passed on: events can arrive late, so read what is stored now.
pub fn on_change(key: &str, f: impl Fn() + 'static) {
    use wasm_bindgen::JsCast;
    let key = key.to_string();
    let handle = leptos::prelude::window_event_listener_untyped("storage", move |ev| {
        let Ok(ev) = ev.dyn_into::<web_sys::StorageEvent>() else {
            return;
        };
        if ev.key().as_deref() == Some(key.as_str()) {
            f();
        }
    });
    // Listen for as long as the page lives.
    std::mem::forget(handle);
}

pub fn read_raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}
