//! A step's tasks to tick (each with who does it by when, folded) and the decision it asks.

use leptos::prelude::*;

use crate::app::ctx;
use crate::guide::Priority;

#[component]
pub fn Tasks(step: usize, tasks: Vec<(usize, Priority)>) -> impl IntoView {
    let items = tasks
        .into_iter()
        .map(|(k, priority)| view! { <TaskItem step=step task=k priority=priority/> })
        .collect_view();
    view! {
        <section class="tasks" aria-labelledby="aufgaben-titel">
            <h2 id="aufgaben-titel">"Aufgaben"</h2>
            <ul class="task-list">{items}</ul>
        </section>
    }
}

#[component]
fn TaskItem(step: usize, task: usize, priority: Priority) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let s = &guide.steps[step];
    let t = &s.tasks[task];
    let input_id = format!("aufgabe-{}-{}", s.id, t.id);
    let (s1, t1, s2, t2) = (s.id.clone(), t.id.clone(), s.id.clone(), t.id.clone());
    // Folded: most tasks get no owner or date, and a page of open fields under every task
    // is hard to read. The summary says what is set.
    let (s3, t3) = (s.id.clone(), t.id.clone());
    let set = move || {
        let plan = ctx.progress(|p| p.plan(&s3, Some(&t3)));
        if plan.is_empty() {
            String::new()
        } else {
            format!(": {}", plan.cell())
        }
    };
    let plan = view! {
        <details class="plan">
            <summary>{crate::prerender::TASK_PLAN_LABEL}<span class="visually-hidden">{format!(" für: {}", t.text)}</span>
                <span class="plan-set">{set}</span></summary>
            <super::plan::PlanFields step=s.id.clone() task=Some(t.id.clone()) what=t.text.clone()/>
        </details>
    };
    view! {
        <li class="task">
            <input type="checkbox" id=input_id.clone()
                prop:checked=move || ctx.progress(|p| p.is_ticked(&s1, &t1))
                on:change=move |ev| { let on = event_target_checked(&ev); ctx.update(|p| p.set_task(&s2, &t2, on)); }/>
            <label for=input_id>{t.text.clone()}</label>
            {t.effort.map(|e| view! { <span class="task-effort">{format!("({})", crate::text::hours(e.hours))}</span> })}
            {(priority == Priority::Optional).then(|| view! { <span class="badge priority-optional">"Optional"</span> })}
            {plan}
        </li>
    }
}

/// The decision a step asks, if any.
#[component]
pub fn DecisionField(step: usize) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let d = guide.steps[step].decision.clone()?;
    let help_id = format!("entscheidung-{}-hilfe", d.id);
    let choices = d
        .choices
        .iter()
        .map(|c| {
            let (d1, d2, c1, c2) = (d.id.clone(), d.id.clone(), c.id.clone(), c.id.clone());
            let input_id = format!("entscheidung-{}-{}", d.id, c.id);
            view! {
                <div class="choice">
                    <input type="radio" name=format!("entscheidung-{}", d.id) id=input_id.clone()
                        prop:checked=move || ctx.progress(|p| p.answers.decisions.get(&d1) == Some(&c1))
                        on:change=move |_| ctx.update(|p| p.set_decision(&d2, &c2))/>
                    <label for=input_id>{c.label.clone()}</label>
                    <span class="choice-help">{c.help.clone()}</span>
                </div>
            }
        })
        .collect_view();
    let described = help_id.clone();
    Some(view! {
        <fieldset class="decision" aria-describedby=described>
            <legend>{format!("Entscheidung: {}", d.label)}</legend>
            <p class="help" id=help_id>{d.help.clone()}" Ihre Antwort bestimmt die folgenden Schritte."</p>
            {choices}
        </fieldset>
    })
}
