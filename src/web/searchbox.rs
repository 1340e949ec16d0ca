//! The search field's page side (markup: `finder::field`, `finder::list_html`): shows the
//! hits, opens and closes their list, and turns keys, clicks and focus into the app's
//! `Actions`. Plain DOM, one listener per event type: as Leptos views it cost far more wasm.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::{document, set_timeout, window_event_listener_untyped};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

use crate::finder::field;

/// The count is announced once typing pauses this long, so that a screen reader does not
/// read a count after every letter.
const ANNOUNCE_AFTER_MS: u64 = 600;

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
}

/// Listens for the field's events for the rest of the page's life.
pub fn attach(actions: Actions) {
    let actions = Rc::new(actions);
    for kind in [
        "keydown",
        "input",
        "click",
        "focusin",
        "focusout",
        "pointerdown",
        "submit",
    ] {
        let a = actions.clone();
        std::mem::forget(window_event_listener_untyped(kind, move |ev| {
            on_event(&a, &ev);
        }));
    }
}

/// Shows the list `html` (`finder::list_html`) and announces `count` once no other list
/// has followed for a moment.
pub fn show(html: &str, count: String) {
    let Some(panel) = by_id(field::HITS) else {
        return;
    };
    panel.set_inner_html(html);
    let _ = panel.remove_attribute("hidden");
    let this = SHOWN.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    set_timeout(
        move || {
            if SHOWN.with(Cell::get) == this {
                set_status(&count);
            }
        },
        std::time::Duration::from_millis(ANNOUNCE_AFTER_MS),
    );
}

/// Hides the list (its hits stay for Enter) and silences the count.
pub fn close() {
    SHOWN.with(|n| n.set(n.get() + 1));
    if let Some(panel) = by_id(field::HITS) {
        let _ = panel.set_attribute("hidden", "");
    }
    set_status("");
}

fn on_event(a: &Actions, ev: &Event) {
    let Some(form) = by_id(field::FORM) else {
        return;
    };
    let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
    let inside = target
        .as_ref()
        .is_some_and(|t| form.contains(Some(t.unchecked_ref())));
    let in_field = target.as_ref().is_some_and(|t| t.id() == field::INPUT);
    match ev.type_().as_str() {
        "pointerdown" if !inside => close(),
        // Focus moving to another element outside; not when it goes nowhere (a click on text).
        "focusout" if inside => {
            let next = ev
                .dyn_ref::<web_sys::FocusEvent>()
                .and_then(web_sys::FocusEvent::related_target)
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if next.is_some_and(|n| !form.contains(Some(&n))) {
                close();
            }
        }
        "submit" if inside => ev.prevent_default(),
        "focusin" if in_field => (a.focused)(),
        "input" if in_field => (a.query)(&value()),
        // A click into the field shows the hits again; focus coming back with Escape does not.
        "click" if in_field && !is_open() => (a.query)(&value()),
        "click" if in_field => {}
        "click" if inside => {
            let Some(m) = ev.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            // A new tab or window opens as the browser does it.
            if m.ctrl_key() || m.meta_key() || m.shift_key() || m.button() != 0 {
                return;
            }
            let link = target.and_then(|t| t.closest("a.search-hit").ok().flatten());
            if let Some(href) = link.and_then(|l| l.get_attribute("href")) {
                ev.prevent_default();
                close();
                (a.follow)(&href);
            }
        }
        "keydown" => {
            if let Some(k) = ev.dyn_ref::<KeyboardEvent>() {
                on_key(a, k, target, inside, in_field);
            }
        }
        _ => {}
    }
}

fn on_key(a: &Actions, ev: &KeyboardEvent, target: Option<Element>, inside: bool, in_field: bool) {
    let key = ev.key();
    if !inside {
        // The shortcut `/` (in Firefox it would open the quick find), unless a modifier is
        // held or the user is typing in a text field.
        let modified = ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.is_composing();
        if key == "/" && !modified && !ev.default_prevented() && !typing_in(target.as_ref()) {
            ev.prevent_default();
            focus(field::INPUT);
            if let Some(input) =
                by_id(field::INPUT).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.select();
            }
        }
        return;
    }
    let n = hit_count();
    let hit = |k: usize| focus(&format!("{}{k}", field::HIT));
    if in_field {
        let open = is_open();
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
                if let Some(input) =
                    by_id(field::INPUT).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    input.set_value("");
                }
                (a.query)("");
            }
            _ => return,
        }
        ev.prevent_default();
        return;
    }
    let Some(k) = target
        .map(|t| t.id())
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

/// Whether `target` takes typed text: a textarea, a select, an editable element or an
/// input other than a box, button or picker.
fn typing_in(target: Option<&Element>) -> bool {
    let Some(el) = target else {
        return false;
    };
    match el.tag_name().to_ascii_uppercase().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type")
                .unwrap_or_default()
                .to_ascii_lowercase()
                .as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "range" | "color"
        ),
        _ => el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(web_sys::HtmlElement::is_content_editable),
    }
}

fn is_open() -> bool {
    by_id(field::HITS).is_some_and(|p| !p.has_attribute("hidden"))
}

fn hit_count() -> usize {
    by_id(field::HITS).map_or(0, |p| {
        p.get_elements_by_class_name("search-hit").length() as usize
    })
}

fn value() -> String {
    by_id(field::INPUT)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn set_status(text: &str) {
    if let Some(s) = by_id(field::STATUS) {
        s.set_text_content(Some(text));
    }
}

fn focus(id: &str) {
    if let Some(el) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}
