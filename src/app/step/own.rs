//! What the user records on a step: its status, who does it by when, the reason for „nicht
//! relevant“, notes.

use leptos::prelude::*;

use crate::app::ctx;
use crate::progress::Status;

#[component]
pub fn OwnState(step: usize) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let sid = guide.steps[step].id.clone();
    let radios = Status::ALL
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
    let s = sid.clone();
    let not_relevant = move || ctx.progress(|p| p.status(&s) == Status::NotRelevant);
    let (reason_id, note_id) = (format!("grund-{sid}"), format!("notiz-{sid}"));
    let (s1, s2, s3, s4) = (sid.clone(), sid.clone(), sid.clone(), sid.clone());
    view! {
        <section class="own" aria-labelledby="stand-titel">
            <h2 id="stand-titel">"Ihr Stand"</h2>
            <fieldset class="status">
                <legend>"Status dieses Schritts"</legend>
                {radios}
            </fieldset>
            <fieldset class="step-plan">
                <legend>"Wer kümmert sich um den ganzen Schritt, bis wann? (freiwillig)"</legend>
                <super::plan::PlanFields step=sid.clone() task=None what="den ganzen Schritt".to_string()/>
            </fieldset>
            <Show when=not_relevant>
                <div class="field">
                    <label for=reason_id.clone()>"Warum ist der Schritt nicht relevant? (freiwillig)"</label>
                    <input type="text" id=reason_id.clone()
                        prop:value={ let s = s1.clone(); move || ctx.progress(|p| p.reason(&s)) }
                        on:input={ let s = s2.clone(); move |ev| { let v = event_target_value(&ev); ctx.update(|p| p.set_reason(&s, &v)); } }/>
                </div>
            </Show>
            <div class="field">
                <label for=note_id.clone()>"Ihre Notizen zu diesem Schritt"</label>
                <textarea id=note_id rows="5"
                    prop:value=move || ctx.progress(|p| p.note(&s3))
                    on:input=move |ev| { let v = event_target_value(&ev); ctx.update(|p| p.set_note(&s4, &v)); }>
                </textarea>
            </div>
            <KeptNotes step=sid.clone()/>
        </section>
    }
}

/// Versions of this step's note that an edit made at the same time elsewhere replaced
/// (another tab, or a colleague's file): shown until the user appends or discards them.
#[component]
fn KeptNotes(step: String) -> impl IntoView {
    let ctx = ctx();
    let s = step.clone();
    let kept = move || {
        ctx.progress(|p| {
            p.step(&s)
                .map(|e| e.open_kept().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    move || {
        kept()
            .into_iter()
            .map(|k| {
                let (s1, s2) = (step.clone(), step.clone());
                let (b1, b2) = (k.by.clone(), k.by.clone());
                let edited = k.edited;
                view! {
                    <div class="kept-note banner info" role="note">
                        <p>"Diese Notiz wurde zur selben Zeit an anderer Stelle geändert (in einem anderen Tab oder Fenster, oder in der Datei einer Kollegin oder eines Kollegen). Damit nichts verloren geht, ist diese Fassung aufbewahrt:"</p>
                        <blockquote class="kept-text">{k.note.clone()}</blockquote>
                        {(!k.reason.is_empty()).then(|| view! { <p>{format!("Grund: {}", k.reason)}</p> })}
                        <div class="actions">
                            <button type="button" class="button secondary small"
                                on:click=move |_| ctx.update(|p| p.append_kept(&s1, edited, &b1))>
                                "An meine Notiz anhängen"
                            </button>
                            <button type="button" class="button secondary small"
                                on:click=move |_| ctx.update(|p| p.dismiss_kept(&s2, edited, &b2))>
                                "Verwerfen"
                            </button>
                        </div>
                    </div>
                }
            })
            .collect_view()
    }
}
