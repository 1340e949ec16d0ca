//! The overview: the path per chapter with each step's priority and status, the archive,
//! and the steps hidden for this profile with the reason.

use leptos::prelude::*;

use super::{Route, ctx};
use crate::path::Visible;

#[component]
pub fn Overview() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let g = guide.clone();
    let progress = move || {
        let p = ctx.path.get();
        ctx.progress(|pr| pr.done_count(&g, p.steps.iter().map(|v| v.step)))
    };
    let g = guide.clone();
    let chapters = move || ctx.path.with(|p| p.by_chapter(&g));
    let g = guide.clone();
    let archive = move || ctx.progress(|p| p.archive(&g).lines());
    view! {
        <section class="overview">
            <h1>"Übersicht"</h1>
            {move || {
                let (done, total) = progress();
                view! {
                    <div class="progress">
                        <label for="fortschritt">{format!("{done} von {total} Schritten erledigt")}</label>
                        <progress id="fortschritt" max=total.to_string() value=done.to_string()>
                            {format!("{done} von {total}")}
                        </progress>
                    </div>
                }
            }}
            <p class="overview-links">
                <a href="#/aufgaben">"Meine Aufgaben"</a>" – wer was bis wann erledigt · "
                <a href="#/ueberpruefung">"Zwischenstände und Ziele"</a>" – Fortschritt über die Zeit"
            </p>
            <For each=chapters key=|c| c.clone() children=move |(ch, positions)| view! {
                <ChapterSection chapter=ch positions=positions/>
            }/>
            {move || {
                let lines = archive();
                (!lines.is_empty()).then(|| view! {
                    <section class="archive">
                        <h2>"Archiv"</h2>
                        <p>"Diese Eingaben gehören zu Schritten, Aufgaben oder Antworten, die es in dieser Fassung des Leitfadens nicht mehr gibt. Sie bleiben erhalten; im "<a href="#/bericht">"Bericht"</a>" können Sie sie herunterladen."</p>
                        <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </section>
                })
            }}
            <section class="hidden-steps">
                <h2>"Für Ihr Profil ausgeblendete Schritte"</h2>
                <p>"Diese Schritte passen nach Ihren Angaben nicht zu Ihrer Kommune. Sie können sie trotzdem öffnen."</p>
                <ul>
                    <For each=move || ctx.path.with(|p| p.hidden.clone()) key=|i| *i children=move |i| view! {
                        <HiddenItem step=i/>
                    }/>
                </ul>
            </section>
        </section>
    }
}

#[component]
fn ChapterSection(chapter: usize, positions: Vec<usize>) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let items = move || {
        ctx.path.with(|p| {
            positions
                .iter()
                .filter_map(|&pos| p.steps.get(pos).map(|v| (pos, v.clone())))
                .collect::<Vec<_>>()
        })
    };
    let effort = move || {
        ctx.path.with(|p| {
            p.effort_by_chapter(&guide)
                .into_iter()
                .find(|(c, _)| *c == chapter)
                .filter(|(_, h)| h.1 > 0)
                .map(|(_, h)| format!("Geschätzt {}", crate::text::hours(h)))
        })
    };
    let title = format!(
        "Kapitel {} · {}",
        chapter,
        ctx.guide().chapters[chapter].title
    );
    view! {
        <section class="chapter">
            <h2>{title}</h2>
            {move || effort().map(|e| view! { <p class="meta effort">{e}</p> })}
            <ol class="step-list">
                <For each=items key=|(pos, v)| (*pos, v.step, v.priority) children=move |(pos, v)| view! {
                    <StepItem pos=pos visible=v/>
                }/>
            </ol>
        </section>
    }
}

/// One step of the path in the overview; its status and markers follow the progress.
#[component]
fn StepItem(pos: usize, visible: Visible) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let i = visible.step;
    let step = &guide.steps[i];
    let id = step.id.clone();
    let status = move || ctx.progress(|p| p.status(&id));
    let g = guide.clone();
    let changed = move || ctx.progress(|p| p.changed_since_done(&g, i));
    let g = guide.clone();
    let new = move || ctx.progress(|p| p.is_new(&g, i));
    let appeared = move || {
        ctx.demo
            && ctx
                .previous_path
                .with(|b| b.as_ref().is_some_and(|b| b.position(i).is_none()))
    };
    let status2 = status.clone();
    view! {
        <li class=move || format!("step-item status-{}", status().key())>
            <a href=Route::Step(step.id.clone()).href()>{format!("{}. {}", pos + 1, step.title)}</a>
            <span class=format!("badge priority-{}", visible.priority.css_class())>{visible.priority.label()}</span>
            <span class="status">{move || status2().label()}</span>
            {move || changed().then(|| view! { <span class="badge changed">"Geändert"</span> })}
            {move || new().then(|| view! { <span class="badge new">"Neu"</span> })}
            {move || appeared().then(|| view! { <span class="badge appeared">"Neu im Weg"</span> })}
        </li>
    }
}

#[component]
fn HiddenItem(step: usize) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let s = &guide.steps[step];
    let id = s.id.clone();
    let g = guide.clone();
    let reason = move || {
        let answers = ctx.progress(|p| p.answers.clone());
        ctx.path.with(|p| p.reason_hidden(&g, &answers, step))
    };
    let kept = move || ctx.progress(|p| p.step(&id).is_some_and(|s| !s.is_empty()));
    view! {
        <li>
            <a href=Route::Step(s.id.clone()).href()>{s.title.clone()}</a>
            " – "{reason}
            {move || kept().then(|| view! { <span class="badge">"Ihre Eingaben sind aufbewahrt"</span> })}
        </li>
    }
}
