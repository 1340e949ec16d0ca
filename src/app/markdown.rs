//! The guide's Markdown on screen: the core's HTML (`crate::html`, the same markup as the
//! pre-rendered pages) set as inner HTML, with the glossary buttons toggled by one
//! delegated listener (`web::dom::on_term_click`).

use std::cell::RefCell;

use crate::guide::Guide;

/// Which glossary terms a page has already marked (only the first occurrence is).
pub type Marked = RefCell<crate::html::Marked>;

/// The HTML of `text`, for an element's `inner_html`.
pub fn render(text: &str, guide: &Guide, marked: &Marked) -> String {
    crate::html::markdown(text, guide, &mut marked.borrow_mut())
}
