//! Two profiles side by side (for trainers): steps only one of them sees, and common steps
//! whose text adapts, with both texts.

use std::sync::Arc;

use leptos::prelude::*;

use super::ctx;
use super::demo::answer_selects;
use super::markdown::{Marked, render};
use crate::guide::Guide;
use crate::path;
use crate::profile::Answers;

/// Answers for one side of the comparison, chosen with one select per question.
fn profile_picker(guide: &Arc<Guide>, side: &'static str, answers: RwSignal<Answers>) -> AnyView {
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
        move || answers.get(),
        move |q, v| {
            answers.update(|a| {
                a.profile.insert(q, v);
            });
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
    let ctx = ctx();
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
        r.differing()
            .map(|(i, va, vb)| {
                let step = &g2.steps[*i];
                let marked = Marked::default();
                let text = |vs: &[usize]| {
                    if vs.is_empty() {
                        view! { <p class="meta">"(kein angepasster Absatz)"</p> }.into_any()
                    } else {
                        vs.iter()
                            .map(|&k| view! { <div inner_html=render(&step.variants[k].text, &g2, &marked)></div> })
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
                        r.differing().count()
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
