//! Renders the core's Markdown tree as elements (never as HTML strings) and marks the
//! first occurrence of each glossary term with a definition reachable by keyboard.

use std::cell::RefCell;
use std::collections::HashSet;

use leptos::prelude::*;

use crate::guide::Guide;
use crate::markdown::{self, Block, Inline};

/// Which glossary terms a page has already marked (only the first occurrence is).
pub type Marked = RefCell<HashSet<usize>>;

pub fn render(text: &str, guide: &Guide, marked: &Marked) -> AnyView {
    markdown::parse(text)
        .into_iter()
        .map(|b| block(b, guide, marked))
        .collect_view()
        .into_any()
}

fn block(b: Block, guide: &Guide, marked: &Marked) -> AnyView {
    match b {
        // Headings inside a step sit below the step's own h1/h2.
        Block::Heading(level, inl) => {
            let content = inlines(inl, guide, marked);
            match level {
                1 | 2 => view! { <h3>{content}</h3> }.into_any(),
                3 => view! { <h4>{content}</h4> }.into_any(),
                _ => view! { <h5>{content}</h5> }.into_any(),
            }
        }
        Block::Paragraph(inl) => view! { <p>{inlines(inl, guide, marked)}</p> }.into_any(),
        Block::Quote(inl) => {
            view! { <blockquote><p>{inlines(inl, guide, marked)}</p></blockquote> }.into_any()
        }
        Block::List(ordered, items) => {
            let items = items
                .into_iter()
                .map(|(check, inl)| {
                    let mark = check.map(|c| if c { "☑ " } else { "☐ " });
                    view! { <li>{mark}{inlines(inl, guide, marked)}</li> }
                })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Block::Table(header, rows) => {
            // A wide table scrolls inside its own region (reachable by keyboard), never the
            // page; the header names the region, so two tables on a page are told apart.
            let label = format!(
                "Tabelle: {}",
                header
                    .iter()
                    .map(|c| markdown::plain(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let head = header
                .into_iter()
                .map(|c| view! { <th scope="col">{inlines(c, guide, marked)}</th> })
                .collect_view();
            let body = rows
                .into_iter()
                .map(|row| {
                    let cells = row
                        .into_iter()
                        .map(|c| view! { <td>{inlines(c, guide, marked)}</td> })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <div class="table-scroll" role="region" aria-label=label tabindex="0">
                    <table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
                </div>
            }
            .into_any()
        }
        Block::Writing(lines) => {
            let ruled = (0..lines)
                .map(|_| view! { <span class="writing-line" aria-hidden="true"></span> })
                .collect_view();
            view! {
                <div class="writing-space">
                    <span class="visually-hidden">"Platz für Ihre Eintragungen"</span>
                    {ruled}
                </div>
            }
            .into_any()
        }
    }
}

fn inlines(list: Vec<Inline>, guide: &Guide, marked: &Marked) -> AnyView {
    list.into_iter()
        .map(|i| match i {
            Inline::Text(t) => text_with_terms(&t, guide, marked),
            Inline::Strong(c) => view! { <strong>{inlines(c, guide, marked)}</strong> }.into_any(),
            Inline::Emphasis(c) => view! { <em>{inlines(c, guide, marked)}</em> }.into_any(),
            Inline::Code(c) => view! { <code>{c}</code> }.into_any(),
            Inline::Link(href, c) => {
                // Only http(s) and mailto survive parsing; external links open safely.
                let external = href.starts_with("http");
                view! {
                    <a href=href target=external.then_some("_blank")
                       rel=external.then_some("noopener noreferrer")>
                        {inlines(c, guide, marked)}
                        {external.then(|| view! { <span class="visually-hidden">" (öffnet in neuem Tab)"</span> })}
                    </a>
                }
                .into_any()
            }
        })
        .collect_view()
        .into_any()
}

fn text_with_terms(text: &str, guide: &Guide, marked: &Marked) -> AnyView {
    let mut parts: Vec<AnyView> = Vec::new();
    let mut last = 0;
    for m in guide.spellings.find(text) {
        if !marked.borrow_mut().insert(m.term) {
            continue;
        }
        // Extend to the end of the word so „Bürgerbudgets“ is marked as a whole.
        let end = text[m.end..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(text.len(), |(i, _)| m.end + i);
        parts.push(text[last..m.start].to_string().into_any());
        let term = &guide.terms[m.term];
        parts.push(
            view! { <Term word=text[m.start..end].to_string() definition=term.definition.clone() name=term.term.clone()/> }
                .into_any(),
        );
        last = end;
    }
    parts.push(text[last..].to_string().into_any());
    parts.into_iter().collect_view().into_any()
}

#[component]
fn Term(word: String, definition: String, name: String) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <span class="term">
            <button type="button" class="term-button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
                title=format!("Begriff erklärt: {name}")>
                {word}
            </button>
            <span class="term-definition" role="note" hidden=move || !open.get()>
                <strong>{name.clone()}": "</strong>{definition}
            </span>
        </span>
    }
}
