//! The step page: the step's text for this profile, its tasks, decision, status and notes,
//! with the reason it is shown and the way back and forth along the path.

mod material;
pub use material::SourceLine;
mod own;
mod plan;
mod tasks;

use std::sync::Arc;

use leptos::prelude::*;

use super::frame::NotFound;
use super::markdown::{Marked, render};
use super::{Ctx, Route, ctx};
use crate::guide::Guide;
use crate::path::Visible;

#[component]
pub fn StepPage(id: String) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    match guide.step_index(&id) {
        None => view! { <NotFound what=format!("schritt/{id}")/> }.into_any(),
        Some(index) => {
            // Re-render the page only when this step's own appearance changes (a decision
            // taken here changes later steps, never this one), so typing keeps focus.
            let g = guide.clone();
            let appearance = Memo::new(move |_| {
                ctx.path
                    .with(|p| (p.position(index).is_some(), p.appearance(&g, index)))
            });
            // Only the appearance is tracked: what the page reads as it is built (the
            // answers, say) has closures of its own where it can change.
            let page = move || {
                let (on_path, visible) = appearance.get();
                untrack(|| step_view(ctx, guide.clone(), on_path, visible).into_any())
            };
            view! { {page} }.into_any()
        }
    }
}

fn step_view(ctx: Ctx, guide: Arc<Guide>, on_path: bool, visible: Visible) -> impl IntoView {
    let index = visible.step;
    let step = &guide.steps[index];
    let marked = Marked::default();
    let chapter = guide.step_chapter[index];
    let g = guide.clone();
    let position = move || {
        ctx.path.with(|p| match p.place(&g, index) {
            None => format!("Kapitel {chapter} · ausgeblendeter Schritt"),
            Some(at) => format!(
                "Kapitel {chapter} · Schritt {} von {} · insgesamt {} von {}",
                at.in_chapter,
                at.chapter_len,
                at.on_path,
                p.steps.len()
            ),
        })
    };
    let g = guide.clone();
    let reason = move || {
        let answers = ctx.progress(|p| p.answers.clone());
        ctx.path.with(|p| p.reason(&g, &answers, index))
    };
    let g = guide.clone();
    let v = visible.clone();
    let priority_reason = move || {
        let answers = ctx.progress(|p| p.answers.clone());
        on_path
            .then(|| ctx.path.with(|p| p.reason_priority(&g, &answers, &v)))
            .flatten()
    };
    let priority = visible.priority;
    let body = std::iter::once(&step.body)
        .chain(visible.variants.iter().map(|&k| &step.variants[k].text))
        .map(|t| view! { <div class="text-block" inner_html=render(t, &guide, &marked)></div> })
        .collect_view();
    let (g_new, g_changed, g_ack) = (guide.clone(), guide.clone(), guide.clone());
    view! {
        <article class="step">
            <p class="position">{position}</p>
            <h1>{step.title.clone()}</h1>
            <p class="badges">
                <span class=format!("badge priority-{}", priority.css_class())>{priority.label()}</span>
                {move || priority_reason().map(|r| view! { <span class="priority-reason">{r}</span> })}
            </p>
            {visible.effort.map(|e| view! { <p class="meta effort">{crate::text::effort_line(e)}</p> })}
            {move || ctx.progress(|p| p.is_new(&g_new, index)).then(|| view! {
                <p class="banner info">"Neu: Diesen Schritt gibt es seit Ihrem letzten Besuch."</p>
            })}
            {move || ctx.progress(|p| p.changed_since_done(&g_changed, index)).then(|| {
                let g = g_ack.clone();
                view! {
                    <div class="banner info changed-notice" role="status">
                        <p>"Geändert, seit Sie ihn abgeschlossen haben. Lesen Sie den Schritt noch einmal."</p>
                        <button type="button" class="button secondary small"
                            on:click=move |_| ctx.update(|p| p.acknowledge_change(&g, index))>
                            "Gelesen – Hinweis ausblenden"
                        </button>
                    </div>
                }
            })}
            {(!on_path).then(|| view! {
                <p class="banner info">"Dieser Schritt ist für Ihr Profil ausgeblendet. Sie sehen ihn, weil Sie ihn ausdrücklich geöffnet haben."</p>
            })}
            {body}
            {(!step.legal.trim().is_empty()).then(|| view! {
                <aside class="legal" aria-labelledby="rechtlich-titel">
                    <h2 id="rechtlich-titel">"Rechtlich prüfen"</h2>
                    <div inner_html=render(&step.legal, &guide, &marked)></div>
                </aside>
            })}
            <details class="why">
                <summary>"Warum sehe ich diesen Schritt?"</summary>
                <p>{reason}</p>
            </details>
            {super::later(move || {
                let (tasks, variants) = (visible.tasks.clone(), visible.variants.clone());
                view! {
                    <tasks::Tasks step=index tasks=tasks/>
                    <tasks::DecisionField step=index/>
                    <material::Resources step=index variants=variants.clone()/>
                    <material::Examples step=index/>
                    <own::OwnState step=index/>
                    <material::Sources step=index variants=variants/>
                    <StepNav step=index/>
                    <plan::OwnerSuggestions/>
                }
            })}
        </article>
    }
}

/// „Zurück“ and „Weiter“ along the path.
#[component]
fn StepNav(step: usize) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let nav = move || {
        let n = ctx.path.with(|p| p.neighbours(step));
        let href = |i: usize| Route::Step(guide.steps[i].id.clone()).href();
        let back = match n.prev {
            Some(i) => view! { <a class="button secondary" rel="prev" href=href(i)>"Zurück"</a> }.into_any(),
            None if n.on_path => view! { <a class="button secondary" href=Route::Summary.href()>"Zurück"</a> }.into_any(),
            None => view! { <a class="button secondary" href=Route::Overview.href()>"Zurück zur Übersicht"</a> }.into_any(),
        };
        let forward = match n.next {
            Some(i) => view! { <a class="button primary" rel="next" href=href(i)>"Weiter"</a> }.into_any(),
            None => view! { <a class="button primary" href=Route::Overview.href()>"Weiter zur Übersicht"</a> }.into_any(),
        };
        view! { {back} {forward} }
    };
    view! { <nav class="step-nav" aria-label="Schritte">{nav}</nav> }
}
