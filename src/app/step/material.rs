//! A step's material: Arbeitshilfen to read and download, examples from real Kommunen,
//! and the sources.

use leptos::prelude::*;

use crate::app::ctx;
use crate::app::markdown::{Marked, render};
use crate::guide::Source;

/// The step's Arbeitshilfen and those of the variants shown (each once).
#[component]
pub fn Resources(step: usize, variants: Vec<usize>) -> impl IntoView {
    let c = ctx();
    let guide = c.guide();
    let ids = guide.steps[step].resources_with(&variants);
    if ids.is_empty() {
        return None;
    }
    let items = ids
        .into_iter()
        .filter_map(|r| guide.resource(r).cloned())
        .map(|r| {
            // `--cfg leitfaden_without="documents"`: see `app::report`.
            #[cfg(not(leitfaden_without = "documents"))]
            let downloads = downloads(&r);
            #[cfg(leitfaden_without = "documents")]
            let downloads = ();
            let marked = Marked::default();
            let cited: Vec<Source> = guide.resource_sources(&r).into_iter().cloned().collect();
            let cited = (!cited.is_empty()).then(|| {
                let items = cited
                    .into_iter()
                    .map(|s| view! { <li><SourceLine source=s/></li> })
                    .collect_view();
                view! {
                    <div class="resource-sources">
                        <h3>"Quellen dieser Arbeitshilfe"</h3>
                        <ul>{items}</ul>
                    </div>
                }
            });
            view! {
                <li class="resource">
                    <details id=crate::route::resource_anchor(&r.id)>
                        <summary>{format!("{}: {}", r.kind, r.title)}</summary>
                        <p class="summary">{r.summary.clone()}</p>
                        <div class="resource-body" inner_html=render(&r.body, &guide, &marked)></div>
                        {cited}
                    </details>
                    {downloads}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="resources" aria-labelledby="arbeitshilfen-titel">
            <h2 id="arbeitshilfen-titel">"Arbeitshilfen"</h2>
            <ul>{items}</ul>
        </section>
    })
}

/// An Arbeitshilfe's downloads, filled in from the work state at the moment of the
/// download by the second module (`app::more`) and written by the documents worker, with
/// their status line.
#[cfg(not(leitfaden_without = "documents"))]
fn downloads(r: &crate::guide::Resource) -> AnyView {
    let status = RwSignal::new(String::new());
    let file = {
        let id = r.id.clone();
        move |format: &'static str| crate::app::slot::handout(id.clone(), format, status)
    };
    let (file2, file3) = (file.clone(), file.clone());
    let title = format!(" „{}“", r.title);
    let (t1, t2, t3) = (title.clone(), title.clone(), title);
    view! {
        <div class="resource-downloads">
            <span class="downloads-label">{crate::prerender::DOWNLOADS_LABEL}</span>
            <button type="button" class="button secondary small" on:click=move |_| file("docx")>
                "Word (.docx)"<span class="visually-hidden">{t1}</span>
            </button>
            <button type="button" class="button secondary small" on:click=move |_| file2("odt")>
                "OpenDocument (.odt)"<span class="visually-hidden">{t2}</span>
            </button>
            <button type="button" class="button secondary small" on:click=move |_| file3("md")>
                "Markdown (.md)"<span class="visually-hidden">{t3}</span>
            </button>
        </div>
        <p class="document-status" role="status" aria-live="polite">{move || status.get()}</p>
    }
    .into_any()
}

#[component]
pub fn Examples(step: usize) -> impl IntoView {
    let guide = ctx().guide();
    let s = &guide.steps[step];
    if s.examples.is_empty() {
        return None;
    }
    let cards = s
        .examples
        .iter()
        .filter_map(|e| guide.example(e))
        .map(|e| {
            let source = guide.source(&e.source).cloned();
            view! {
                <article class="example-card" id=crate::route::example_anchor(&e.id)>
                    <h3>{format!("{}: {}", e.kommune, e.title)}</h3>
                    <p class="meta">{e.size.clone()}</p>
                    <p><strong>"Was sie getan haben: "</strong>{e.what.clone()}</p>
                    <p><strong>"Was Sie daraus lernen können: "</strong>{e.learn.clone()}</p>
                    {source.map(|s| view! { <SourceLine source=s/> })}
                </article>
            }
        })
        .collect_view();
    Some(view! {
        <section class="examples" aria-labelledby="beispiele-titel">
            <h2 id="beispiele-titel">"Beispiele aus der Praxis"</h2>
            {cards}
        </section>
    })
}

/// The step's sources and those of the variants shown (each once).
#[component]
pub fn Sources(step: usize, variants: Vec<usize>) -> impl IntoView {
    let guide = ctx().guide();
    let ids = guide.steps[step].sources_with(&variants);
    if ids.is_empty() {
        return None;
    }
    let items = ids
        .into_iter()
        .filter_map(|id| guide.source(id).cloned())
        .map(|s| view! { <li><SourceLine source=s/></li> })
        .collect_view();
    Some(view! {
        <section class="sources" aria-labelledby="quellen-titel">
            <h2 id="quellen-titel">"Quellen"</h2>
            <ul>{items}</ul>
        </section>
    })
}

/// „Quelle: Titel. Herausgeber, Jahr.“ with the link on the title.
#[component]
pub fn SourceLine(source: Source) -> impl IntoView {
    let imprint = source.imprint();
    match source.url.clone().filter(|u| crate::markdown::safe_href(u)) {
        Some(url) => view! {
            <span class="source">"Quelle: "
                <a href=url target="_blank" rel="noopener noreferrer">{source.title}
                    <span class="visually-hidden">" (öffnet in neuem Tab)"</span></a>
                {imprint}
            </span>
        }
        .into_any(),
        None => view! {
            <span class="source">{format!("Quelle: {}{imprint}", source.title)}</span>
        }
        .into_any(),
    }
}
