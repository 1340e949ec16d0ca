//! One component per screen. Each reads the shared context, renders, and turns clicks
//! into calls on the core (`Progress` methods, `path::compute` via the memo).

use leptos::prelude::*;

use super::markdown::{Marked, render};
use super::{Ctx, Route, dom};
use crate::progress::Status;

fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

#[component]
pub fn Header() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let name = move || ctx.progress(|p| p.name.clone());
    let started = move || ctx.progress(|p| p.intake_done);
    let current = move |r: Route| move || (ctx.route.get() == r).then_some("page");
    view! {
        <header class="site-header">
            <div class="brand">
                <a href="#/" class="brand-link">{guide.title.clone()}</a>
                <Show when=move || !name().is_empty()>
                    <span class="kommune">{name}</span>
                </Show>
            </div>
            <nav aria-label="Hauptnavigation">
                <ul>
                    <li><a href="#/" aria-current=current(Route::Start)>"Start"</a></li>
                    <Show when=started>
                        <li><a href="#/uebersicht" aria-current=current(Route::Overview)>"Übersicht"</a></li>
                        <li><a href="#/profil" aria-current=current(Route::Profile)>"Profil ändern"</a></li>
                        <li><a href="#/bericht" aria-current=current(Route::Report)>"Bericht"</a></li>
                    </Show>
                    <li><a href="#/arbeitsstaende" aria-current=current(Route::WorkStates)>"Arbeitsstände"</a></li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn StorageBanner() -> impl IntoView {
    let ctx = ctx();
    move || {
        ctx.storage_notice.get().map(|n| {
            let raw = n.raw.clone();
            view! {
                <div class="banner warning" role="alert">
                    <p>{n.message.clone()}</p>
                    {raw.map(|raw| view! {
                        <button type="button" class="button secondary"
                            on:click=move |_| dom::download("leitfaden-unlesbare-daten.txt", "text/plain", &raw)>
                            "Unlesbare Daten herunterladen"
                        </button>
                    })}
                    <button type="button" class="button secondary"
                        on:click=move |_| ctx.storage_notice.update(|n| {
                            if n.as_ref().is_some_and(|x| !x.saving_paused) { *n = None; }
                        })>
                        "Hinweis schließen"
                    </button>
                </div>
            }
        })
    }
}

#[component]
pub fn Start() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let marked = Marked::default();
    let g = guide.clone();
    let resume = move || {
        ctx.progress(|p| {
            p.intake_done.then(|| match &p.current {
                // A step the guide no longer has (renamed in an update) resumes at the overview.
                Some(id) if g.step_index(id).is_some() => Route::Step(id.clone()).href(),
                _ => Route::Overview.href(),
            })
        })
    };
    view! {
        <section class="start">
            <h1>{guide.title.clone()}</h1>
            <div class="lead">{render(&guide.intro, &guide, &marked)}</div>
            <ul class="facts">
                <li>"Sie beantworten zuerst fünf kurze Fragen (etwa 2 Minuten)."</li>
                <li>"Danach sehen Sie Ihren Weg: die Schritte, die zu Ihrer Kommune passen. Sie können jederzeit unterbrechen."</li>
                <li>"Alles bleibt in diesem Browser: kein Konto, kein Server, keine Übertragung."</li>
            </ul>
            <div class="actions">
                {move || match resume() {
                    Some(href) => view! {
                        <a class="button primary" href=href>"Weiter, wo ich war"</a>
                        <a class="button secondary" href="#/profil">"Profil ändern"</a>
                    }.into_any(),
                    None => view! {
                        <a class="button primary" href="#/fragen">"Los geht's"</a>
                    }.into_any(),
                }}
            </div>
            {(!ctx.demo).then(|| view! {
                <p class="demo-entry">"Sie leiten eine Schulung? Im "
                    <a href="?demo#/uebersicht">"Demo-Modus"</a>
                    " wechseln Sie zwischen Beispielkommunen und vergleichen Profile – getrennt von Ihren echten Eingaben."</p>
            })}
        </section>
    }
}

#[component]
pub fn Intake(editing: bool) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let questions = guide.questions.clone();
    let complete = {
        let guide = guide.clone();
        move || ctx.progress(|p| p.answers.profile_complete(&guide))
    };
    let missing = RwSignal::new(false);
    let on_submit = {
        let complete = complete.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if complete() {
                ctx.update(|p| p.intake_done = true);
                dom::go(&Route::Summary);
            } else {
                missing.set(true);
            }
        }
    };
    view! {
        <section class="intake">
            <h1>{if editing { "Profil ändern" } else { "Ihre Kommune" }}</h1>
            <p class="lead">{if editing {
                "Ändern Sie Ihre Angaben. Ihr Weg passt sich sofort an. Häkchen und Notizen bleiben erhalten, auch bei Schritten, die wegfallen."
            } else {
                "Fünf Fragen, damit der Leitfaden die passenden Schritte zeigt. Sie können die Antworten später ändern."
            }}</p>
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="kommune-name">"Name der Kommune oder des Vorhabens (freiwillig)"</label>
                    <input id="kommune-name" type="text" autocomplete="organization"
                        prop:value=move || ctx.progress(|p| p.name.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); ctx.update(|p| p.name = v); }/>
                </div>
                {questions.into_iter().map(|q| {
                    let qid = q.id.clone();
                    let help_id = format!("hilfe-{}", q.id);
                    let described = help_id.clone();
                    view! {
                        <fieldset class="question" aria-describedby=described>
                            <legend>{q.label.clone()}</legend>
                            <p class="help" id=help_id>{q.help.clone()}</p>
                            {q.choices.into_iter().map(|c| {
                                let (qid2, cid) = (qid.clone(), c.id.clone());
                                let (qid3, cid2) = (qid.clone(), c.id.clone());
                                let input_id = format!("{}-{}", qid, c.id);
                                let hint_id = format!("{input_id}-hilfe");
                                view! {
                                    <div class="choice">
                                        <input type="radio" id=input_id.clone() name=qid.clone() value=c.id.clone()
                                            aria-describedby=hint_id.clone()
                                            prop:checked=move || ctx.progress(|p| p.answers.profile.get(&qid2) == Some(&cid))
                                            on:change=move |_| ctx.update(|p| p.set_answer(&qid3, &cid2))/>
                                        <label for=input_id>{c.label.clone()}</label>
                                        <span class="choice-help" id=hint_id>{c.help.clone()}</span>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <Show when=move || missing.get() && !complete()>
                    <p class="error" role="alert">"Bitte beantworten Sie alle Fragen. Sie können die Antworten später ändern."</p>
                </Show>
                <button type="submit" class="button primary">
                    {if editing { "Fertig – zu meinem Weg" } else { "Weiter" }}
                </button>
            </form>
        </section>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let g2 = guide.clone();
    let counts = move || {
        let p = ctx.path.get();
        (p.steps.len(), p.by_chapter(&g2).len())
    };
    let first = move || {
        ctx.path.with(|p| {
            p.steps
                .first()
                .map(|v| Route::Step(guide.steps[v.step].id.clone()).href())
        })
    };
    let g3 = ctx.guide();
    view! {
        <section class="summary">
            <h1>{move || { let (s, c) = counts(); format!("Ihr Weg: {s} Schritte in {c} Kapiteln") }}</h1>
            <p class="lead">{move || ctx.progress(|p| p.answers.summary(&g3))}</p>
            <p>"Die Schritte sind nach Wichtigkeit markiert. „Wichtig“ bildet die Grundlage, „Optional“ können Sie überspringen. Unter „Übersicht“ sehen Sie auch die Schritte, die für Ihr Profil ausgeblendet sind, und warum."</p>
            <div class="actions">
                {move || first().map(|href| view! { <a class="button primary" href=href>"Zum ersten Schritt"</a> })}
                <a class="button secondary" href="#/uebersicht">"Übersicht ansehen"</a>
            </div>
        </section>
    }
}

fn status_class(s: Status) -> &'static str {
    s.key()
}

#[component]
pub fn Overview() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let g = guide.clone();
    let progress = move || {
        let p = ctx.path.get();
        ctx.progress(|pr| pr.done_count(&g, p.steps.iter().map(|v| v.step)))
    };
    let g_chapters = guide.clone();
    let chapters = move || {
        let path = ctx.path.get();
        let guide = g_chapters.clone();
        path.by_chapter(&guide)
            .into_iter()
            .map(|(ch, positions)| {
                let chapter = &guide.chapters[ch];
                let items = positions
                    .into_iter()
                    .map(|pos| {
                        let v = &path.steps[pos];
                        let step = &guide.steps[v.step];
                        let status = ctx.progress(|p| p.status(&step.id));
                        let changed = ctx.progress(|p| p.changed_since_done(&guide, v.step));
                        let new = ctx.progress(|p| p.is_new(&guide, v.step));
                        let appeared = ctx.demo
                            && ctx.previous_path.with(|b| b.as_ref().is_some_and(|b| b.position(v.step).is_none()));
                        view! {
                            <li class=format!("step-item status-{}", status_class(status))>
                                <a href=Route::Step(step.id.clone()).href()>{format!("{}. {}", pos + 1, step.title)}</a>
                                <span class=format!("badge priority-{}", v.priority.css_class())>{v.priority.label()}</span>
                                <span class="status">{status.label()}</span>
                                {changed.then(|| view! { <span class="badge changed">"Geändert"</span> })}
                                {new.then(|| view! { <span class="badge new">"Neu"</span> })}
                                {appeared.then(|| view! { <span class="badge appeared">"Neu im Weg"</span> })}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="chapter">
                        <h2>{format!("Kapitel {} · {}", ch, chapter.title)}</h2>
                        <ol class="step-list">{items}</ol>
                    </section>
                }
            })
            .collect_view()
    };
    let g_hidden = guide.clone();
    let hidden = move || {
        let path = ctx.path.get();
        let guide = g_hidden.clone();
        let answers = ctx.progress(|p| p.answers.clone());
        path.hidden
            .iter()
            .map(|&i| {
                let step = &guide.steps[i];
                view! {
                    <li>
                        <a href=Route::Step(step.id.clone()).href()>{step.title.clone()}</a>
                        " – "{path.reason_hidden(&guide, &answers, i)}
                        {ctx.progress(|p| p.step(&step.id).is_some_and(|s| !s.is_empty()))
                            .then(|| view! { <span class="badge">"Ihre Eingaben sind aufbewahrt"</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    let g_archive = guide.clone();
    let archive = move || {
        let archive = ctx.progress(|p| p.archive(&g_archive));
        (!archive.is_empty()).then(|| {
            let steps = archive
                .steps
                .iter()
                .map(|(id, e)| {
                    let mut parts = vec![e.status.label().to_string()];
                    if !e.tasks.is_empty() {
                        parts.push(format!("{} erledigte Aufgaben", e.tasks.len()));
                    }
                    if !e.note.is_empty() {
                        parts.push(format!("Notiz: „{}“", e.note));
                    }
                    view! { <li>{format!("Schritt „{id}“: {}", parts.join(" · "))}</li> }
                })
                .collect_view();
            let tasks = archive
                .tasks
                .iter()
                .map(|(s, t)| view! { <li>{format!("Aufgabe „{t}“ in Schritt „{s}“: erledigt")}</li> })
                .collect_view();
            let answers = archive
                .answers
                .iter()
                .map(|(q, a)| view! { <li>{format!("Antwort „{a}“ auf „{q}“")}</li> })
                .collect_view();
            view! {
                <section class="archive">
                    <h2>"Archiv"</h2>
                    <p>"Diese Eingaben gehören zu Schritten, Aufgaben oder Antworten, die es in dieser Fassung des Leitfadens nicht mehr gibt. Sie bleiben erhalten; im "<a href="#/bericht">"Bericht"</a>" können Sie sie herunterladen."</p>
                    <ul>{steps}{tasks}{answers}</ul>
                </section>
            }
        })
    };
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
            {chapters}
            {archive}
            <section class="hidden-steps">
                <h2>"Für Ihr Profil ausgeblendete Schritte"</h2>
                <p>"Diese Schritte passen nach Ihren Angaben nicht zu Ihrer Kommune. Sie können sie trotzdem öffnen."</p>
                <ul>{hidden}</ul>
            </section>
        </section>
    }
}

#[component]
pub fn NotFound(what: String) -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"Diese Seite gibt es nicht"</h1>
            <p>{format!("Die Adresse „{what}“ führt zu keinem Schritt dieses Leitfadens. Vielleicht wurde der Schritt umbenannt.")}</p>
            <div class="actions">
                <a class="button primary" href="#/uebersicht">"Zur Übersicht"</a>
                <a class="button secondary" href="#/">"Zum Start"</a>
            </div>
        </section>
    }
}
