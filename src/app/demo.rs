//! Demo mode for trainers: a bar on every screen with example Kommunen and a profile
//! switcher, what appeared and disappeared after a switch, a presenter setting, a reset,
//! and the side-by-side comparison of two profiles. Its state lives in its own storage
//! key, so real progress in the same browser is never read or written.

use std::sync::Arc;

use leptos::prelude::*;

use super::{Ctx, Route};
use crate::guide::Guide;
use crate::profile::Answers;
use crate::web::{dom, storage};

/// The presenter setting („Große Schrift“) is kept per guide in this browser.
fn presenter_key(guide_id: &str) -> String {
    storage::pref_key(guide_id, "praesentation")
}

/// Applies the presenter setting saved for this guide.
pub fn apply_presenter(guide_id: &str) {
    dom::set_body_class(
        "presenter",
        storage::read_raw(&presenter_key(guide_id)).is_some(),
    );
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
    let pref = presenter_key(&guide.id);
    let presenter = RwSignal::new(storage::read_raw(&pref).is_some());
    let toggle_presenter = move |_| {
        let on = !presenter.get_untracked();
        presenter.set(on);
        dom::set_body_class("presenter", on);
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
        move || ctx.progress(|p| p.answers.clone()),
        move |q, v| {
            switch_profile(ctx, |a| {
                a.profile.insert(q, v);
            });
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
    // The preview of an author's guide is demo mode on that guide: the same tools, its
    // own bar text and its own way out.
    let label = if ctx.preview {
        view! {
            <p class="demo-label"><strong>"Vorschau: Leitfaden aus Dateien von Ihrem Rechner"</strong>
                {format!(" – „{}“, Version {}. Ihre echten Eingaben in diesem Browser bleiben unberührt.", guide.title, guide.version)}</p>
        }
        .into_any()
    } else {
        view! {
            <p class="demo-label"><strong>"Demo-Modus"</strong>" – Ihre echten Eingaben in diesem Browser bleiben unberührt."</p>
        }
        .into_any()
    };
    let end = if ctx.preview {
        view! { <button type="button" class="button small" on:click=|_| crate::web::autor::close_preview()>"Vorschau schließen"</button> }.into_any()
    } else {
        view! { <a class="button small" href="./#/">"Demo beenden"</a> }.into_any()
    };
    view! {
        <section class="demo-bar" aria-label=if ctx.preview { "Vorschau" } else { "Demo-Modus" }>
            {label}
            <div class="demo-examples" role="group" aria-label="Beispielkommunen">{examples}</div>
            <div class="demo-profile">{selects}</div>
            {changes}
            <div class="demo-actions">
                <a class="button small" href="#/vergleich">"Zwei Profile vergleichen"</a>
                <button type="button" class="button small" aria-pressed=move || presenter.get().to_string()
                    on:click=toggle_presenter>"Große Schrift"</button>
                <button type="button" class="button small" on:click=move |_| {
                    ctx.previous_path.set(None);
                    ctx.ws.update(super::super::workspace::Workspace::reset);
                    dom::go(&Route::Start);
                }>{if ctx.preview { "Vorschau zurücksetzen" } else { "Demo zurücksetzen" }}</button>
                {end}
            </div>
        </section>
    }
}

/// One select per intake question (ids `{prefix}-{question}`), showing `read(question)`
/// and reporting a choice as `write(question, choice)`.
pub(super) fn answer_selects(
    guide: &Arc<Guide>,
    prefix: &str,
    class: &'static str,
    answers: impl Fn() -> Answers + Clone + Send + Sync + 'static,
    write: impl Fn(String, String) + Clone + Send + Sync + 'static,
) -> AnyView {
    guide
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let id = format!("{prefix}-{}", q.id);
            // The answer shown: the one given, or the one that follows from earlier ones
            // (then the select is disabled, as the intake does not ask it).
            let (g, qid, answers) = (guide.clone(), q.id.clone(), answers.clone());
            let shown = Memo::new(move |_| {
                let a = answers();
                match a.implied(&g, qi) {
                    Some(c) => (Some(c.id.clone()), true),
                    None => (a.profile.get(&qid).cloned(), false),
                }
            });
            let options = q
                .choices
                .iter()
                .map(|c| {
                    let cid = c.id.clone();
                    // `selected` as well as the select's value: options render after it.
                    view! {
                        <option value=c.id.clone() selected=move || shown.with(|(a, _)| a.as_deref() == Some(cid.as_str()))>
                            {c.label.clone()}
                        </option>
                    }
                })
                .collect_view();
            let (q2, write) = (q.id.clone(), write.clone());
            view! {
                <div class=class>
                    <label for=id.clone()>{q.short.clone()}</label>
                    <select id=id
                        prop:value=move || shown.with(|(a, _)| a.clone().unwrap_or_default())
                        disabled=move || shown.with(|(_, implied)| *implied)
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
