//! The search field's list of hits, drawn into the page directly from the core's
//! `finder::Shown`: as a Leptos view the list and its states cost several times the wasm
//! of this (issue 16's budget; BENCHMARKS.md). Only elements and text nodes, never HTML.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

use crate::finder::{OnPath, Part, Shown};

/// Replaces what the element `id` holds with `summary` and a list of `hits`, each a link
/// with the id `{prefix}{k}`.
pub fn show(id: &str, summary: &str, hits: &[Shown], prefix: &str) {
    let doc = document();
    let Some(panel) = doc.get_element_by_id(id) else {
        return;
    };
    panel.set_text_content(None);
    let count = element("p", "search-count");
    count.set_text_content(Some(summary));
    let _ = panel.append_child(&count);
    if hits.is_empty() {
        return;
    }
    let list = element("ul", "search-hits");
    for (k, s) in hits.iter().enumerate() {
        let link = element("a", "search-hit");
        link.set_id(&format!("{prefix}{k}"));
        let _ = link.set_attribute("href", &s.href);
        let kind = [(s.kind.to_string(), false)];
        let chapter: Vec<Part> = s.chapter.iter().map(|c| (c.clone(), false)).collect();
        let path: Vec<Part> = s
            .path
            .iter()
            .map(|p| (p.label().to_string(), false))
            .collect();
        let path_class = if s.path == Some(OnPath::No) {
            "hit-path off-path"
        } else {
            "hit-path"
        };
        for (class, parts) in [
            ("hit-kind", &kind[..]),
            ("hit-title", &s.title),
            ("hit-chapter", &chapter),
            ("hit-snippet", &s.snippet),
            (path_class, &path),
        ] {
            if !parts.is_empty() {
                let _ = link.append_child(&span(class, parts));
            }
        }
        let item = element("li", "");
        let _ = item.append_child(&link);
        let _ = list.append_child(&item);
    }
    let _ = panel.append_child(&list);
}

/// A block of the hit (a `span` shown as a line) with its matched words in `<mark>`,
/// ending in a space so that the link's accessible name keeps its words apart.
fn span(class: &str, parts: &[Part]) -> web_sys::Element {
    let doc = document();
    let out = element("span", class);
    for (text, marked) in parts {
        let node: web_sys::Node = if *marked {
            let mark = element("mark", "");
            mark.set_text_content(Some(text));
            mark.unchecked_into()
        } else {
            doc.create_text_node(text).unchecked_into()
        };
        let _ = out.append_child(&node);
    }
    let _ = out.append_child(&doc.create_text_node(" "));
    out
}

fn element(tag: &str, class: &str) -> web_sys::Element {
    let el = document()
        .create_element(tag)
        .expect("a known tag name can be created");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el
}
