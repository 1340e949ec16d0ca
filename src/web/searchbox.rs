//! The search field's page side (markup: `finder::field`, `finder::list_html`): shows the
//! hits, opens and closes their list, and turns keys, clicks and focus into the app's
//! `Actions`. Plain DOM, one listener per event type: as Leptos views it cost far more wasm
//! (and each browser call it makes is glue code in the first load too, so they are few).

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::{document, set_timeout, window_event_listener_untyped};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, KeyboardEvent, MouseEvent};

use crate::finder::field;

/// The count is announced once typing pauses this long, so that a screen reader does not
/// read a count after every letter.
const ANNOUNCE_AFTER_MS: u64 = 600;

/// What a text field, a select or an editable element matches: typing there is text,
/// not the shortcut.
const TYPING: &str = "textarea, select, [contenteditable]:not([contenteditable=false]), \
    input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit])\
    :not([type=reset]):not([type=file]):not([type=range]):not([type=color])";

/// What the app does for the field.
pub struct Actions {
    /// The field has focus (the app may build its index now).
    pub focused: Box<dyn Fn()>,
    /// The query is this now: the app lists its hits (`show`) or, for an empty one, closes
    /// the list (`close`).
    pub query: Box<dyn Fn(&str)>,
    /// Opens a hit's link (the list is closed already).
    pub follow: Box<dyn Fn(&str)>,
}

thread_local! {
    /// Counts the lists shown, so that only the last one's count is announced.
    static SHOWN: Cell<u32> = const { Cell::new(0) };
    /// How many hits the list has, and whether it is open.
    static HITS: Cell<(usize, bool)> = const { Cell::new((0, false)) };
}

#[derive(Clone, Copy)]
enum Kind {
    Key,
    Input,
    Click,
    FocusIn,
    FocusOut,
    PointerDown,
    Submit,
}

/// Listens for the field's events for the rest of the page's life.
pub fn attach(actions: Actions) {
    let actions = Rc::new(actions);
    for (name, kind) in [
        ("keydown", Kind::Key),
        ("input", Kind::Input),
        ("click", Kind::Click),
        ("focusin", Kind::FocusIn),
        ("focusout", Kind::FocusOut),
        ("pointerdown", Kind::PointerDown),
        ("submit", Kind::Submit),
    ] {
        let a = actions.clone();
        std::mem::forget(window_event_listener_untyped(name, move |ev| {
            on_event(&a, kind, &ev);
        }));
    }
}

/// Shows the list `html` (`finder::list_html`) of `hits` hits and announces `count` once
/// no other list has followed for a moment.
pub fn show(html: &str, hits: usize, count: String) {
    let Some(panel) = by_id(field::HITS) else {
        return;
    };
    panel.set_inner_html(html);
    let _ = panel.remove_attribute("hidden");
    HITS.set((hits, true));
    let this = SHOWN.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    set_timeout(
        move || {
            if SHOWN.get() == this {
                set_status(&count);
            }
        },
        std::time::Duration::from_millis(ANNOUNCE_AFTER_MS),
    );
}

/// Hides the list (its hits stay for Enter) and silences the count.
pub fn close() {
    SHOWN.with(|n| n.set(n.get() + 1));
    HITS.set((HITS.get().0, false));
    if let Some(panel) = by_id(field::HITS) {
        let _ = panel.set_attribute("hidden", "");
    }
    set_status("");
}

fn on_event(a: &Actions, kind: Kind, ev: &Event) {
    let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
    let inside = target.as_ref().is_some_and(in_form);
    let in_field = target
        .as_ref()
        .is_some_and(|t| t.get_attribute("id").as_deref() == Some(field::INPUT));
    let open = HITS.get().1;
    match kind {
        Kind::PointerDown if !inside => close(),
        // Focus moving to another element outside; not when it goes nowhere (a click on text).
        Kind::FocusOut if inside => {
            let next = ev.unchecked_ref::<web_sys::FocusEvent>().related_target();
            if next
                .and_then(|n| n.dyn_into::<Element>().ok())
                .is_some_and(|n| !in_form(&n))
            {
                close();
            }
        }
        Kind::Submit if inside => ev.prevent_default(),
        Kind::FocusIn if in_field => (a.focused)(),
        Kind::Input if in_field => (a.query)(&value()),
        // A click into the field shows the hits again; focus coming back with Escape does not.
        Kind::Click if in_field && !open => (a.query)(&value()),
        Kind::Click if inside && !in_field => {
            let m = ev.unchecked_ref::<MouseEvent>();
            // A new tab or window opens as the browser does it.
            if m.ctrl_key() || m.meta_key() || m.shift_key() {
                return;
            }
            let link = target.and_then(|t| t.closest("a.search-hit").ok().flatten());
            if let Some(href) = link.and_then(|l| l.get_attribute("href")) {
                ev.prevent_default();
                close();
                (a.follow)(&href);
            }
        }
        Kind::Key => on_key(a, ev.unchecked_ref(), target, inside, in_field),
        _ => {}
    }
}

fn on_key(a: &Actions, ev: &KeyboardEvent, target: Option<Element>, inside: bool, in_field: bool) {
    let key = ev.key();
    if !inside {
        // The shortcut `/` (in Firefox it would open the quick find), unless a modifier is
        // held or the user is typing in a text field.
        let modified = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
        let typing = target.is_some_and(|t| t.closest(TYPING).ok().flatten().is_some());
        if key == "/" && !modified && !typing {
            ev.prevent_default();
            focus(field::INPUT);
        }
        return;
    }
    let (n, open) = HITS.get();
    let hit = |k: usize| focus(&format!("{}{k}", field::HIT));
    if in_field {
        match key.as_str() {
            "ArrowDown" | "ArrowUp" if !open => (a.query)(&value()),
            "ArrowDown" if n > 0 => hit(0),
            "ArrowUp" if n > 0 => hit(n - 1),
            "Enter" => {
                let first =
                    by_id(&format!("{}0", field::HIT)).and_then(|l| l.get_attribute("href"));
                if let Some(href) = first {
                    close();
                    (a.follow)(&href);
                }
            }
            // The first Escape closes the list, the next empties the field.
            "Escape" if open => close(),
            "Escape" if !value().is_empty() => {
                if let Some(input) = by_id(field::INPUT) {
                    input.unchecked_into::<HtmlInputElement>().set_value("");
                }
                (a.query)("");
            }
            _ => return,
        }
        ev.prevent_default();
        return;
    }
    let Some(k) = target
        .and_then(|t| t.get_attribute("id"))
        .and_then(|id| id.strip_prefix(field::HIT)?.parse::<usize>().ok())
    else {
        return;
    };
    let last = n.saturating_sub(1);
    let to = match key.as_str() {
        "ArrowDown" => Some((k + 1).min(last)),
        "ArrowUp" => k.checked_sub(1),
        "Home" => Some(0),
        "End" => Some(last),
        "Escape" => {
            close();
            None
        }
        _ => return,
    };
    ev.prevent_default();
    match to {
        Some(k) => hit(k),
        None => focus(field::INPUT),
    }
}

fn in_form(el: &Element) -> bool {
    el.closest(&format!("#{}", field::FORM))
        .ok()
        .flatten()
        .is_some()
}

fn value() -> String {
    by_id(field::INPUT)
        .map(|e| e.unchecked_into::<HtmlInputElement>().value())
        .unwrap_or_default()
}

fn set_status(text: &str) {
    if let Some(s) = by_id(field::STATUS) {
        s.set_text_content(Some(text));
    }
}

fn focus(id: &str) {
    if let Some(el) = by_id(id) {
        let _ = el.unchecked_into::<HtmlElement>().focus();
    }
}

fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}
