//! The intake (the questions about the Kommune, also for changing the profile) and the
//! summary of the path it gives.

use leptos::prelude::*;

use super::{Route, ctx};
use crate::guide::Question;
use crate::profile;
use crate::text;
use crate::web::dom;

#[component]
pub fn Intake(editing: bool) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let g = guide.clone();
    let complete = move || ctx.progress(|p| p.answers.profile_complete(&g));
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
    let lead = if editing {
        "Ändern Sie Ihre Angaben. Ihr Weg passt sich sofort an. Häkchen und Notizen bleiben erhalten, auch bei Schritten, die wegfallen.".to_string()
    } else {
        format!(
            "{}, damit der Leitfaden die passenden Schritte zeigt. Fragen, deren Antwort sich aus einer früheren ergibt, entfallen. Sie können die Antworten später ändern.",
            text::capitalised(&profile::intake_size(&guide, "Frage", "Fragen"))
        )
    };
    // After an update the guide may ask something new: say so once, above the questions.
    let g = guide.clone();
    let open = move || {
        ctx.progress(|p| {
            (editing && p.intake_done)
                .then(|| {
                    p.answers
                        .unanswered(&g)
                        .iter()
                        .map(|q| q.short.clone())
                        .collect::<Vec<_>>()
                })
                .filter(|open| !open.is_empty())
        })
    };
    let questions = guide
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| view! { <QuestionField index=i question=q.clone()/> })
        .collect_view();
    view! {
        <section class="intake">
            <h1>{if editing { "Profil ändern" } else { "Ihre Kommune" }}</h1>
            <p class="lead">{lead}</p>
            {move || open().map(|open| view! {
                <p class="banner info" role="status">{format!(
                    "Der Leitfaden fragt jetzt auch nach: {}. Bitte ergänzen Sie diese Angaben; alles andere bleibt, wie es ist.",
                    open.join(", ")
                )}</p>
            })}
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="kommune-name">"Name der Kommune oder des Vorhabens (freiwillig)"</label>
                    <input id="kommune-name" type="text" autocomplete="organization"
                        prop:value=move || ctx.progress(|p| p.name.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); ctx.update(|p| p.name = v); }/>
                </div>
                {questions}
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

/// One intake question as a group of radio buttons, or the answer it takes by itself
/// from earlier ones.
#[component]
fn QuestionField(index: usize, question: Question) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    // Re-render only when the implied answer changes, so typing elsewhere keeps focus.
    let implied = Memo::new(move |_| {
        ctx.progress(|p| p.answers.implied(&guide, index).map(|c| c.label.clone()))
    });
    let short = question.short.clone();
    move || match implied.get() {
        Some(label) => view! {
            <p class="implied">{format!("{short}: {label}")}
                <span class="help">" – ergibt sich aus Ihren Angaben"</span></p>
        }
        .into_any(),
        None => view! { <AskedQuestion question=question.clone()/> }.into_any(),
    }
}

#[component]
fn AskedQuestion(question: Question) -> impl IntoView {
    let ctx = ctx();
    let help_id = format!("hilfe-{}", question.id);
    let qid = question.id.clone();
    let choices = question
        .choices
        .into_iter()
        .map(|c| {
            let input_id = format!("{}-{}", qid, c.id);
            let hint_id = format!("{input_id}-hilfe");
            let (q1, c1, q2, c2) = (qid.clone(), c.id.clone(), qid.clone(), c.id.clone());
            view! {
                <div class="choice">
                    <input type="radio" id=input_id.clone() name=qid.clone() value=c.id.clone()
                        aria-describedby=hint_id.clone()
                        prop:checked=move || ctx.progress(|p| p.answers.profile.get(&q1) == Some(&c1))
                        on:change=move |_| ctx.update(|p| p.set_answer(&q2, &c2))/>
                    <label for=input_id>{c.label}</label>
                    <span class="choice-help" id=hint_id>{c.help}</span>
                </div>
            }
        })
        .collect_view();
    let described = help_id.clone();
    view! {
        <fieldset class="question" aria-describedby=described>
            <legend>{question.label}</legend>
            <p class="help" id=help_id>{question.help}</p>
            {choices}
        </fieldset>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let g = guide.clone();
    let heading = move || {
        ctx.path.with(|p| {
            format!(
                "Ihr Weg: {} Schritte in {} Kapiteln",
                p.steps.len(),
                p.by_chapter(&g).len()
            )
        })
    };
    let g = guide.clone();
    let first = move || {
        ctx.path.with(|p| {
            p.steps
                .first()
                .map(|v| Route::Step(g.steps[v.step].id.clone()).href())
        })
    };
    let g = guide.clone();
    let g2 = guide.clone();
    view! {
        <section class="summary">
            <h1>{heading}</h1>
            <p class="lead">{move || ctx.progress(|p| p.answers.summary(&g))}</p>
            {move || ctx.path.with(|p| p.effort_phrase(&g2)).map(|e| view! { <p class="effort">{e}</p> })}
            <p>"Die Schritte sind nach Wichtigkeit markiert. „Wichtig“ bildet die Grundlage, „Optional“ können Sie überspringen. Unter „Übersicht“ sehen Sie auch die Schritte, die für Ihr Profil ausgeblendet sind, und warum."</p>
            <div class="actions">
                {move || first().map(|href| view! { <a class="button primary" href=href>"Zum ersten Schritt"</a> })}
                <a class="button secondary" href="#/uebersicht">"Übersicht ansehen"</a>
            </div>
        </section>
    }
}
