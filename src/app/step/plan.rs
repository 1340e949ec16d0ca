//! Who does a step or task and by when: the fields „Zuständig“ (with the names used before
//! in this work state as suggestions) and „Fällig bis“.

use leptos::prelude::*;

use crate::app::ctx;
use crate::progress::MAX_OWNER_CHARS;

/// The id of the suggestions list every „Zuständig“ field on a page uses.
pub const SUGGESTIONS: &str = "zustaendige-vorschlaege";

/// The names used before in this work state, for every „Zuständig“ field of the page.
#[component]
pub fn OwnerSuggestions() -> impl IntoView {
    let ctx = ctx();
    let names = move || ctx.progress(crate::progress::Progress::owners);
    view! {
        <datalist id=SUGGESTIONS>
            {move || names().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
    }
}

/// „Zuständig“ and „Fällig bis“ for step `step` (`task` = `None`) or one of its tasks;
/// `what` names it for screen readers („für: …“), since a page has many such fields.
#[component]
pub fn PlanFields(step: String, task: Option<String>, what: String) -> impl IntoView {
    let ctx = ctx();
    let suffix = match &task {
        Some(t) => format!("{step}-{t}"),
        None => step.clone(),
    };
    let (owner_id, due_id) = (format!("zustaendig-{suffix}"), format!("faellig-{suffix}"));
    let (s1, t1, s2, t2, s3, t3, s4, t4) = (
        step.clone(),
        task.clone(),
        step.clone(),
        task.clone(),
        step.clone(),
        task.clone(),
        step,
        task,
    );
    let owner = move || ctx.progress(|p| p.plan(&s1, t1.as_deref()).owner);
    let due = move || {
        ctx.progress(|p| {
            p.plan(&s2, t2.as_deref())
                .due
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
    };
    let hidden = format!(" für: {what}");
    view! {
        <div class="plan-fields">
            <div class="plan-field">
                <label for=owner_id.clone()>"Zuständig"<span class="visually-hidden">{hidden.clone()}</span></label>
                <input type="text" id=owner_id list=SUGGESTIONS maxlength=MAX_OWNER_CHARS.to_string()
                    autocomplete="off" prop:value=owner
                    on:change=move |ev| { let v = event_target_value(&ev); ctx.update(|p| p.set_owner(&s3, t3.as_deref(), &v)); }/>
            </div>
            <div class="plan-field">
                <label for=due_id.clone()>"Fällig bis"<span class="visually-hidden">{hidden}</span></label>
                <input type="date" id=due_id prop:value=due min="1900-01-01" max="2999-12-31"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        // An empty field clears the date; a half-typed one changes nothing.
                        let due = if v.is_empty() { Some(None) } else { v.parse().ok().map(Some) };
                        if let Some(due) = due {
                            ctx.update(|p| p.set_due(&s4, t4.as_deref(), due));
                        }
                    }/>
            </div>
        </div>
    }
}
