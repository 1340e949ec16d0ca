//! The step page: the step's text for this profile, its tasks, decision, status and notes,
//! with the reason it is shown and the way back and forth along the path.

use std::sync::Arc;

use leptos::prelude::*;

use super::markdown::{Marked, render};
use super::screens::NotFound;
use super::{Ctx, Route, dom};
use crate::guide::{Guide, Priority};
use crate::path::Visible;
use crate::progress::Status;

#[component]
pub fn StepPage(id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    match guide.step_index(&id) {
        None => view! { <NotFound what=format!("schritt/{id}")/> }.into_any(),
        Some(index) => {
            // Re-render the body only when this step's own appearance changes (a decision
            // taken here changes later steps, never this one), so typing keeps focus.
            let visible = Memo::new(move |_| {
                ctx.path
                    .with(|p| p.position(index).map(|i| p.steps[i].clone()))
            });
            let body = move || step_view(ctx, guide.clone(), index, visible.get()).into_any();
            view! { {body} }.into_any()
        }
    }
}

fn step_view(ctx: Ctx, guide: Arc<Guide>, index: usize, visible: Option<Visible>) -> impl IntoView {
    let step = guide.steps[index].clone();
    let sid = step.id.clone();
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
        ctx.path.with(|p| {
            if p.position(index).is_some() {
                p.reason_shown(&g, &answers, index)
            } else {
                p.reason_hidden(&g, &answers, index)
            }
        })
    };
    let g = guide.clone();
    let priority_reason = {
        let visible = visible.clone();
        move || {
            let answers = ctx.progress(|p| p.answers.clone());
            visible
                .as_ref()
                .and_then(|v| ctx.path.with(|p| p.reason_priority(&g, &answers, v)))
        }
    };
    let priority = visible.as_ref().map_or(step.priority, |v| v.priority);

    let mut texts = vec![step.body.clone()];
    if let Some(v) = &visible {
        texts.extend(v.variants.iter().map(|&k| step.variants[k].text.clone()));
    }
    let body = texts
        .iter()
        .map(|t| view! { <div class="text-block">{render(t, &guide, &marked)}</div> })
        .collect_view();

    let tasks: Vec<(usize, Priority)> = match &visible {
        Some(v) => v.tasks.clone(),
        None => step
            .tasks
            .iter()
            .enumerate()
            .map(|(k, t)| (k, t.priority.unwrap_or(step.priority)))
            .collect(),
    };
    let task_list = tasks
        .into_iter()
        .map(|(k, prio)| {
            let task = step.tasks[k].clone();
            let (s1, s2, t1, t2) = (sid.clone(), sid.clone(), task.id.clone(), task.id.clone());
            let input_id = format!("aufgabe-{}-{}", sid, task.id);
            view! {
                <li class="task">
                    <input type="checkbox" id=input_id.clone()
                        prop:checked=move || ctx.progress(|p| p.step(&s1).is_some_and(|s| s.tasks.contains(&t1)))
                        on:change=move |ev| { let on = event_target_checked(&ev); ctx.update(|p| p.set_task(&s2, &t2, on)); }/>
                    <label for=input_id>{task.text.clone()}</label>
                    {(prio == Priority::Optional).then(|| view! { <span class="badge priority-optional">"Optional"</span> })}
                </li>
            }
        })
        .collect_view();

    let decision = step.decision.clone().map(|d| {
        let help_id = format!("entscheidung-{}-hilfe", d.id);
        let described = help_id.clone();
        let choices = d.choices.iter().map(|c| {
            let (did, did2, cid, cid2) = (d.id.clone(), d.id.clone(), c.id.clone(), c.id.clone());
            let input_id = format!("entscheidung-{}-{}", d.id, c.id);
            view! {
                <div class="choice">
                    <input type="radio" name=format!("entscheidung-{}", d.id) id=input_id.clone()
                        prop:checked=move || ctx.progress(|p| p.answers.decisions.get(&did) == Some(&cid))
                        on:change=move |_| ctx.update(|p| p.set_decision(&did2, &cid2))/>
                    <label for=input_id>{c.label.clone()}</label>
                    <span class="choice-help">{c.help.clone()}</span>
                </div>
            }
        }).collect_view();
        view! {
            <fieldset class="decision" aria-describedby=described>
                <legend>{format!("Entscheidung: {}", d.label)}</legend>
                <p class="help" id=help_id>{d.help.clone()}" Ihre Antwort bestimmt die folgenden Schritte."</p>
                {choices}
            </fieldset>
        }
    });

    let status_radios = Status::ALL
        .iter()
        .map(|&st| {
            let (s1, s2) = (sid.clone(), sid.clone());
            let g = guide.clone();
            let input_id = format!("status-{}-{}", sid, st.key());
            view! {
                <div class="choice inline">
                    <input type="radio" name=format!("status-{sid}") id=input_id.clone()
                        prop:checked=move || ctx.progress(|p| p.status(&s1) == st)
                        on:change=move |_| ctx.update(|p| p.set_status(&g, &s2, st))/>
                    <label for=input_id>{st.label()}</label>
                </div>
            }
        })
        .collect_view();
    let (s1, s2, s3, s4, s5) = (
        sid.clone(),
        sid.clone(),
        sid.clone(),
        sid.clone(),
        sid.clone(),
    );
    let not_relevant = move || ctx.progress(|p| p.status(&s1) == Status::NotRelevant);

    let resources = step.resources.iter().filter_map(|r| guide.resource(r).cloned()).map(|r| {
        let filename = format!("{}.md", r.id);
        let md = format!("# {}\n\n{}\n\n{}\n", r.title, r.summary, r.body);
        let marked = Marked::default();
        view! {
            <li class="resource">
                <details>
                    <summary>{format!("{}: {}", r.kind, r.title)}</summary>
                    <p class="summary">{r.summary.clone()}</p>
                    <div class="resource-body">{render(&r.body, &guide, &marked)}</div>
                </details>
                <button type="button" class="button secondary small"
                    on:click=move |_| dom::download(&filename, "text/markdown;charset=utf-8", &md)>
                    {format!("„{}“ herunterladen (Markdown)", r.title)}
                </button>
            </li>
        }
    }).collect_view();
    let has_resources = !step.resources.is_empty();

    let examples = step
        .examples
        .iter()
        .filter_map(|e| guide.example(e).cloned())
        .map(|e| {
            let source = guide.source(&e.source).cloned();
            view! {
                <article class="example-card">
                    <h3>{format!("{}: {}", e.kommune, e.title)}</h3>
                    <p class="meta">{e.size.clone()}</p>
                    <p><strong>"Was sie getan haben: "</strong>{e.what.clone()}</p>
                    <p><strong>"Was Sie daraus lernen können: "</strong>{e.learn.clone()}</p>
                    {source.map(|s| source_line(&s))}
                </article>
            }
        })
        .collect_view();
    let has_examples = !step.examples.is_empty();

    let sources = step
        .sources
        .iter()
        .filter_map(|s| guide.source(s).cloned())
        .map(|s| view! { <li>{source_line(&s)}</li> })
        .collect_view();
    let has_sources = !step.sources.is_empty();

    let g = guide.clone();
    let neighbours = move || {
        ctx.path.with(|p| {
            let pos = p.position(index);
            let prev = pos
                .and_then(|i| i.checked_sub(1))
                .map(|i| g.steps[p.steps[i].step].id.clone());
            let next = pos
                .and_then(|i| p.steps.get(i + 1))
                .map(|v| g.steps[v.step].id.clone());
            (pos.is_some(), prev, next)
        })
    };
    let nav = move || {
        let (on, prev, next) = neighbours();
        let back = match prev {
            Some(id) => view! { <a class="button secondary" rel="prev" href=Route::Step(id).href()>"Zurück"</a> }.into_any(),
            None if on => view! { <a class="button secondary" href=Route::Summary.href()>"Zurück"</a> }.into_any(),
            None => view! { <a class="button secondary" href=Route::Overview.href()>"Zurück zur Übersicht"</a> }.into_any(),
        };
        let forward = match next {
            Some(id) => view! { <a class="button primary" rel="next" href=Route::Step(id).href()>"Weiter"</a> }.into_any(),
            None => view! { <a class="button primary" href=Route::Overview.href()>"Weiter zur Übersicht"</a> }.into_any(),
        };
        view! { {back} {forward} }
    };

    let (g_new, g_changed, g_ack) = (guide.clone(), guide.clone(), guide.clone());
    view! {
        <article class="step">
            <p class="position">{position}</p>
            <h1>{step.title.clone()}</h1>
            <p class="badges">
                <span class=format!("badge priority-{}", priority.css_class())>{priority.label()}</span>
                {priority_reason().map(|r| view! { <span class="priority-reason">{r}</span> })}
            </p>
            {move || ctx.progress(|p| p.is_new(&g_new, index)).then(|| view! {
                <p class="banner info">"Neu: Diesen Schritt gibt es seit Ihrem letzten Besuch."</p>
            })}
            {move || ctx.progress(|p| p.changed_since_done(&g_changed, index)).then(|| view! {
                <div class="banner info changed-notice" role="status">
                    <p>"Geändert, seit Sie ihn abgeschlossen haben. Lesen Sie den Schritt noch einmal."</p>
                    <button type="button" class="button secondary small"
                        on:click={ let g = g_ack.clone(); move |_| ctx.update(|p| p.acknowledge_change(&g, index)) }>
                        "Gelesen – Hinweis ausblenden"
                    </button>
                </div>
            })}
            {visible.is_none().then(|| view! {
                <p class="banner info">"Dieser Schritt ist für Ihr Profil ausgeblendet. Sie sehen ihn, weil Sie ihn ausdrücklich geöffnet haben."</p>
            })}
            {body}
            <details class="why">
                <summary>"Warum sehe ich diesen Schritt?"</summary>
                <p>{reason}</p>
            </details>
            <section class="tasks" aria-labelledby="aufgaben-titel">
                <h2 id="aufgaben-titel">"Aufgaben"</h2>
                <ul class="task-list">{task_list}</ul>
            </section>
            {decision}
            {has_resources.then(|| view! {
                <section class="resources" aria-labelledby="arbeitshilfen-titel">
                    <h2 id="arbeitshilfen-titel">"Arbeitshilfen"</h2>
                    <ul>{resources}</ul>
                </section>
            })}
            {has_examples.then(|| view! {
                <section class="examples" aria-labelledby="beispiele-titel">
                    <h2 id="beispiele-titel">"Beispiele aus der Praxis"</h2>
                    {examples}
                </section>
            })}
            <section class="own" aria-labelledby="stand-titel">
                <h2 id="stand-titel">"Ihr Stand"</h2>
                <fieldset class="status">
                    <legend>"Status dieses Schritts"</legend>
                    {status_radios}
                </fieldset>
                <Show when=not_relevant>
                    <div class="field">
                        <label for=format!("grund-{}", s2)>"Warum ist der Schritt nicht relevant? (freiwillig)"</label>
                        <input type="text" id=format!("grund-{}", s2.clone())
                            prop:value={ let s = s3.clone(); move || ctx.progress(|p| p.step(&s).map(|x| x.reason.clone()).unwrap_or_default()) }
                            on:input={ let s = s3.clone(); move |ev| { let v = event_target_value(&ev); ctx.update(|p| p.set_reason(&s, &v)); } }/>
                    </div>
                </Show>
                <div class="field">
                    <label for=format!("notiz-{}", s4)>"Ihre Notizen zu diesem Schritt"</label>
                    <textarea id=format!("notiz-{}", s4.clone()) rows="5"
                        prop:value={ let s = s5.clone(); move || ctx.progress(|p| p.step(&s).map(|x| x.note.clone()).unwrap_or_default()) }
                        on:input={ let s = s5.clone(); move |ev| { let v = event_target_value(&ev); ctx.update(|p| p.set_note(&s, &v)); } }>
                    </textarea>
                </div>
            </section>
            {has_sources.then(|| view! {
                <section class="sources" aria-labelledby="quellen-titel">
                    <h2 id="quellen-titel">"Quellen"</h2>
                    <ul>{sources}</ul>
                </section>
            })}
            <nav class="step-nav" aria-label="Schritte">{nav}</nav>
        </article>
    }
}

fn source_line(s: &crate::guide::Source) -> AnyView {
    match &s.url {
        Some(url) if crate::markdown::safe_href(url) => view! {
            <span class="source">"Quelle: "
                <a href=url.clone() target="_blank" rel="noopener noreferrer">{s.title.clone()}
                    <span class="visually-hidden">" (öffnet in neuem Tab)"</span></a>
            </span>
        }
        .into_any(),
        _ => view! { <span class="source">{format!("Quelle: {}", s.title)}</span> }.into_any(),
    }
}
