//! „Zusammenführen“: a colleague's file of the same work state merged into it. Shows per
//! part what differs and who changed it (`reconcile::differences`); the user picks a side
//! per part or lets the newer change win; `reconcile::combine` does the rest.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::ctx;
use crate::progress::Progress;
use crate::reconcile::{self, Difference, Part, Pick};
use crate::web::dom;

/// The merge view for work state `id` and the file's work state `theirs`; `done` is called
/// with the work state's name after merging, and with `None` on „Abbrechen“.
#[component]
pub fn MergeView(id: String, theirs: Progress, done: Callback<Option<String>>) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let mine = ctx
        .ws
        .with_untracked(|ws| ws.state(&id).map(|s| s.progress.clone()))
        .unwrap_or_default();
    let name = crate::workspace::display_name(&mine.name).to_string();
    let differences = reconcile::differences(&guide, &mine, &theirs);
    let picks = RwSignal::new(BTreeMap::<Part, Pick>::new());
    let apply = {
        let (id, theirs, name) = (id.clone(), theirs.clone(), name.clone());
        move |all_newer: bool| {
            let chosen = if all_newer {
                BTreeMap::new()
            } else {
                picks.get_untracked()
            };
            let now = dom::now_ms();
            let guide = ctx.guide();
            ctx.ws.update(|ws| {
                // Not `Ctx::update_ws`: the merge stamps what it takes itself, so that a
                // later merge with the colleague's copy knows which side changed what.
                ws.combine(&id, &theirs, &chosen, now);
                ws.tidy(&guide, now);
            });
            done.run(Some(name.clone()));
        }
    };
    let (apply_picked, apply_newer) = (apply.clone(), apply);
    let count = differences.len();
    let parts = differences
        .into_iter()
        .enumerate()
        .map(|(k, d)| view! { <PartChoice index=k difference=d picks=picks/> })
        .collect_view();
    view! {
        <section class="merge-view" aria-labelledby="zusammenfuehren-titel">
            <h3 id="zusammenfuehren-titel">{format!("Zusammenführen mit „{name}“")}</h3>
            {if count == 0 {
                view! { <p>"Die Datei enthält keine Änderung, die Ihr Arbeitsstand nicht schon hat. Zusammenführen übernimmt nur ihre Zwischenstände."</p> }.into_any()
            } else {
                view! {
                    <p>{format!("{} unterscheiden sich. Wählen Sie je Teil, welche Fassung gelten soll, oder lassen Sie die neuere Änderung gewinnen.", crate::text::counted_digits(count as u64, "Teil", "Teile"))}</p>
                    <p>"Nichts geht verloren: Eine Notiz, die auch die andere Seite geändert hat, wird beim Schritt aufbewahrt, bis Sie sie an Ihre Notiz anhängen oder verwerfen. Zwischenstände beider Seiten bleiben erhalten; der Schritt, an dem Sie gerade sind, bleibt Ihrer."</p>
                }.into_any()
            }}
            {parts}
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| apply_picked(false)>"Zusammenführen"</button>
                <button type="button" class="button secondary" on:click=move |_| apply_newer(true)>"Neuere Änderung gewinnt"</button>
                <button type="button" class="button secondary" on:click=move |_| done.run(None)>"Abbrechen"</button>
            </div>
        </section>
    }
}

/// One differing part: both sides' content and the choice.
#[component]
fn PartChoice(
    index: usize,
    difference: Difference,
    picks: RwSignal<BTreeMap<Part, Pick>>,
) -> impl IntoView {
    let lines = |l: &[String]| {
        if l.is_empty() {
            view! { <p class="meta">"(nichts eingetragen)"</p> }.into_any()
        } else {
            view! { <ul>{l.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul> }
                .into_any()
        }
    };
    let choices = [
        (Pick::Newer, "Neuere Änderung", "neuer"),
        (Pick::Mine, "Meine Fassung", "meine"),
        (Pick::Theirs, "Fassung aus der Datei", "datei"),
    ]
    .into_iter()
    .map(|(pick, label, key)| {
        let input_id = format!("wahl-{index}-{key}");
        let (p1, p2) = (difference.part.clone(), difference.part.clone());
        view! {
            <div class="choice inline">
                <input type="radio" name=format!("wahl-{index}") id=input_id.clone()
                    prop:checked=move || picks.with(|m| m.get(&p1).copied().unwrap_or_default() == pick)
                    on:change=move |_| picks.update(|m| { m.insert(p2.clone(), pick); })/>
                <label for=input_id>{label}</label>
            </div>
        }
    })
    .collect_view();
    view! {
        <fieldset class=format!("merge-part changed-{}", difference.side.key())>
            <legend>{format!("{} – {}", difference.title, difference.side.label())}</legend>
            <div class="merge-sides">
                <div><h4>"Bei Ihnen"</h4>{lines(&difference.mine)}</div>
                <div><h4>"In der Datei"</h4>{lines(&difference.theirs)}</div>
            </div>
            {choices}
        </fieldset>
    }
}
