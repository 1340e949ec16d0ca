//! Demo mode for trainers: a bar on every screen with example Kommunen and a profile
//! switcher, what appeared and disappeared after a switch, a presenter setting, a reset,
//! and the side-by-side comparison of two profiles. Its state lives in its own storage
//! key, so real progress in the same browser is never read or written.

use std::sync::Arc;

use leptos::prelude::*;

use super::markdown::{Marked, render};
use super::{Ctx, Route, dom};
use crate::guide::Guide;
use crate::path;
use crate::profile::Answers;
use crate::storage;
use crate::workspace::Workspace;

pub fn apply_presenter(on: bool) {
    if let Some(body) = document().body() {
        let _ = if on {
            body.class_list().add_1("presenter")
        } else {
            body.class_list().remove_1("presenter")
        };
    }
}

/// Sets answers for the demo and remembers the path before, to show the difference.
fn switch_profile(ctx: Ctx, f: impl FnOnce(&mut Answers)) {
    ctx.previous_path.set(Some(ctx.path.get_untracked()));
    ctx.update(|p| {
        f(&mut p.answers);
        p.intake_done = true;
    });
}

#[component]
pub fn DemoBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    let presenter =
        RwSignal::new(storage::read_raw(&storage::pref_key(&guide.id, "praesentation")).is_some());
    let pref = storage::pref_key(&guide.id, "praesentation");
    let toggle_presenter = move |_| {
        let on = !presenter.get_untracked();
        presenter.set(on);
        apply_presenter(on);
        storage::set_pref(&pref, on.then_some("1"));
    };
    let examples = guide
        .demo_profiles
        .iter()
        .map(|dp| {
            let answers = Answers::of_demo(dp);
            let name = dp.name.clone();
            let title = dp.description.clone();
            view! {
                <button type="button" class="button small demo-example" title=title
                    on:click=move |_| {
                        let a = answers.clone();
                        switch_profile(ctx, |x| x.profile = a.profile);
                        dom::go(&Route::Overview);
                    }>{name}</button>
            }
        })
        .collect_view();
    let selects = answer_selects(
        &guide,
        "demo",
        "demo-field",
        move |q| ctx.progress(|p| p.answers.profile.get(q).cloned()),
        move |q, v| {
            switch_profile(ctx, |a| {
                a.profile.insert(q, v);
            })
        },
    );
    let g = guide.clone();
    let changes = move || {
        let before = ctx.previous_path.get()?;
        let now = ctx.path.get();
        let (appeared, gone) = now.diff(&before);
        let titles = |v: &[usize]| {
            v.iter()
                .map(|&i| g.steps[i].title.clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(view! {
            <p class="demo-changes" role="status">
                {format!("Nach dem Wechsel: {} Schritte neu im Weg, {} weggefallen.", appeared.len(), gone.len())}
                {(!appeared.is_empty()).then(|| format!(" Neu: {}.", titles(&appeared)))}
                {(!gone.is_empty()).then(|| format!(" Weggefallen: {}.", titles(&gone)))}
            </p>
        })
    };
    view! {
        <section class="demo-bar" aria-label="Demo-Modus">
            <p class="demo-label"><strong>"Demo-Modus"</strong>" – Ihre echten Eingaben in diesem Browser bleiben unberührt."</p>
            <div class="demo-examples" role="group" aria-label="Beispielkommunen">{examples}</div>
            <div class="demo-profile">{selects}</div>
            {changes}
            <div class="demo-actions">
                <a class="button small" href="#/vergleich">"Zwei Profile vergleichen"</a>
                <button type="button" class="button small" aria-pressed=move || presenter.get().to_string()
                    on:click=toggle_presenter>"Große Schrift"</button>
                <button type="button" class="button small" on:click=move |_| {
                    let id = ctx.guide().id.clone();
                    ctx.previous_path.set(None);
                    ctx.ws.update(|w| {
                        let prefix = std::mem::take(&mut w.id_prefix);
                        *w = Workspace::new(&id);
                        w.id_prefix = prefix;
                    });
                    dom::go(&Route::Start);
                }>"Demo zurücksetzen"</button>
                <a class="button small" href="./#/">"Demo beenden"</a>
            </div>
        </section>
    }
}

/// Answers for one side of the comparison, chosen with one select per question.
fn profile_picker(guide: &Guide, side: &'static str, answers: RwSignal<Answers>) -> AnyView {
    let presets = guide
        .demo_profiles
        .iter()
        .map(|dp| view! { <option value=dp.id.clone()>{dp.name.clone()}</option> })
        .collect_view();
    let g = guide.clone();
    let preset_id = format!("vergleich-{side}-beispiel");
    let selects = answer_selects(
        guide,
        &format!("vergleich-{side}"),
        "field",
        move |q| answers.with(|a| a.profile.get(q).cloned()),
        move |q, v| {
            answers.update(|a| {
                a.profile.insert(q, v);
            })
        },
    );
    view! {
        <fieldset class="compare-side">
            <legend>{format!("Profil {side}")}</legend>
            <div class="field">
                <label for=preset_id.clone()>"Beispielkommune übernehmen"</label>
                <select id=preset_id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(dp) = g.demo_profiles.iter().find(|d| d.id == v) {
                        answers.set(Answers::of_demo(dp));
                    }
                }>
                    <option value="">"—"</option>
                    {presets}
                </select>
            </div>
            {selects}
        </fieldset>
    }
    .into_any()
}

#[component]
pub fn Compare() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    let pick = |k: usize| {
        guide
            .demo_profiles
            .get(k)
            .map(Answers::of_demo)
            .unwrap_or_default()
    };
    let a = RwSignal::new(pick(0));
    let b = RwSignal::new(pick(guide.demo_profiles.len().saturating_sub(1)));
    let g = guide.clone();
    let result = Memo::new(move |_| Arc::new(path::compare(&g, &a.get(), &b.get())));
    let g = guide.clone();
    let list = move |steps: Vec<usize>| {
        steps
            .into_iter()
            .map(|i| view! { <li>{g.steps[i].title.clone()}</li> })
            .collect_view()
    };
    let list_a = list.clone();
    let g2 = guide.clone();
    let differing = move || {
        let r = result.get();
        r.both
            .iter()
            .filter(|(_, va, vb)| va != vb)
            .map(|(i, va, vb)| {
                let step = &g2.steps[*i];
                let marked = Marked::default();
                let text = |vs: &[usize]| {
                    if vs.is_empty() {
                        view! { <p class="meta">"(kein angepasster Absatz)"</p> }.into_any()
                    } else {
                        vs.iter()
                            .map(|&k| render(&step.variants[k].text, &g2, &marked))
                            .collect_view()
                            .into_any()
                    }
                };
                view! {
                    <section class="compare-variant">
                        <h3>{step.title.clone()}</h3>
                        <div class="compare-columns">
                            <div><h4>"Profil A"</h4>{text(va)}</div>
                            <div><h4>"Profil B"</h4>{text(vb)}</div>
                        </div>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <section class="compare">
            <h1>"Zwei Profile vergleichen"</h1>
            <p class="lead">"So sehen Sie, warum ein Dorf einen anderen Leitfaden bekommt als eine Stadt."</p>
            <div class="compare-columns">
                {profile_picker(&guide, "A", a)}
                {profile_picker(&guide, "B", b)}
            </div>
            {move || {
                let r = result.get();
                view! {
                    <p class="compare-summary" role="status">{format!(
                        "{} Schritte nur bei A, {} nur bei B, {} bei beiden ({} davon mit unterschiedlichem Text).",
                        r.only_a.len(), r.only_b.len(), r.both.len(),
                        r.both.iter().filter(|(_, x, y)| x != y).count()
                    )}</p>
                }
            }}
            <div class="compare-columns">
                <section><h2>"Nur bei Profil A"</h2><ul class="only-a">{move || list_a(result.get().only_a.clone())}</ul></section>
                <section><h2>"Nur bei Profil B"</h2><ul class="only-b">{move || list(result.get().only_b.clone())}</ul></section>
            </div>
            <h2>"Bei beiden, aber mit anderem Text"</h2>
            {differing}
        </section>
    }
}

/// One select per intake question (ids `{prefix}-{question}`), showing `read(question)`
/// and reporting a choice as `write(question, choice)`.
fn answer_selects(
    guide: &Guide,
    prefix: &str,
    class: &'static str,
    read: impl Fn(&str) -> Option<String> + Clone + Send + Sync + 'static,
    write: impl Fn(String, String) + Clone + Send + Sync + 'static,
) -> AnyView {
    guide
        .questions
        .iter()
        .map(|q| {
            let id = format!("{prefix}-{}", q.id);
            let options = q
                .choices
                .iter()
                .map(|c| {
                    let (qid, cid, read) = (q.id.clone(), c.id.clone(), read.clone());
                    // `selected` as well as the select's value: options render after it.
                    view! {
                        <option value=c.id.clone() selected=move || read(&qid).as_deref() == Some(cid.as_str())>
                            {c.label.clone()}
                        </option>
                    }
                })
                .collect_view();
            let (q1, q2, read, write) = (q.id.clone(), q.id.clone(), read.clone(), write.clone());
            view! {
                <div class=class>
                    <label for=id.clone()>{q.short.clone()}</label>
                    <select id=id
                        prop:value=move || read(&q1).unwrap_or_default()
                        on:change=move |ev| write(q2.clone(), event_target_value(&ev))>
                        <option value="" disabled=true>"—"</option>
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view()
        .into_any()
}
