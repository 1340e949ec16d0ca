//! The work states ("Arbeitsstände"): one per Kommune or project, each with its own profile
//! and progress. Create, rename, switch, duplicate, export, import and delete (undoable).

use leptos::prelude::*;

use super::{Ctx, Route, dom};
use crate::workspace::{self, Export};

/// Downloads the export file of work state `id`.
pub fn export_state(ctx: Ctx, id: &str) {
    let guide = ctx.guide();
    let (name, file) = ctx.ws.with_untracked(|ws| {
        let name = ws
            .state(id)
            .map(|s| s.progress.name.clone())
            .unwrap_or_default();
        (name, ws.export(id, &guide, &dom::now_iso()))
    });
    if let Some(file) = file {
        dom::download(
            &dom::file_name("leitfaden-arbeitsstand", &name, "json"),
            "application/json",
            &file,
        );
    }
}

#[component]
pub fn WorkStates() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    let new_name = RwSignal::new(String::new());
    let confirm_delete = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(String, String)>);
    let import_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Export>);

    let g = guide.clone();
    let rows = move || {
        let (active, states) = ctx.ws.with(|ws| (ws.active.clone(), ws.states.clone()));
        states
            .into_iter()
            .map(|s| {
                let id = s.id.clone();
                let is_active = id == active;
                let p = &s.progress;
                let path = crate::path::compute(&g, &p.answers);
                let (done, total) = p.done_count(&g, path.steps.iter().map(|v| v.step));
                let title = if p.name.is_empty() { "Ohne Namen".to_string() } else { p.name.clone() };
                let summary = if p.answers.profile.is_empty() {
                    "Noch kein Profil".to_string()
                } else {
                    p.answers.summary(&g)
                };
                let (i1, i2, i3, i4, i5) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                let rename_id = format!("name-{id}");
                let title2 = title.clone();
                view! {
                    <li class="workstate" class:active=is_active>
                        <h2>{title.clone()}{is_active.then(|| view! { <span class="badge">"Aktiv"</span> })}</h2>
                        <p class="meta">{summary}</p>
                        <p class="meta">{format!("{done} von {total} Schritten erledigt")}</p>
                        <div class="field">
                            <label for=rename_id.clone()>{format!("Name von „{title2}“")}</label>
                            <input type="text" id=rename_id prop:value=p.name.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); ctx.update_ws(|ws| ws.rename(&i1, &v)); }/>
                        </div>
                        <div class="actions">
                            {(!is_active).then(|| view! {
                                <button type="button" class="button primary" on:click=move |_| {
                                    ctx.update_ws(|ws| { ws.switch(&i2); });
                                    dom::go(&Route::Start);
                                }>"Öffnen"</button>
                            })}
                            <button type="button" class="button secondary" on:click=move |_| ctx.update_ws(|ws| { ws.duplicate(&i3); })>"Duplizieren"</button>
                            <button type="button" class="button secondary" on:click=move |_| export_state(ctx, &i4)>"Exportieren"</button>
                            <button type="button" class="button secondary danger" on:click=move |_| confirm_delete.set(Some(i5.clone()))>"Löschen"</button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };

    let confirm = move || {
        confirm_delete.get().map(|id| {
            let name = ctx.ws.with_untracked(|ws| ws.state(&id).map(|s| s.progress.name.clone()).unwrap_or_default());
            let label = if name.is_empty() { "diesen Arbeitsstand".to_string() } else { format!("„{name}“") };
            let (id1, name1) = (id.clone(), name.clone());
            view! {
                <div class="banner warning" role="alertdialog" aria-labelledby="loeschen-frage">
                    <p id="loeschen-frage">{format!("Wollen Sie {label} wirklich löschen? Sie können das 7 Tage lang rückgängig machen.")}</p>
                    <div class="actions">
                        <button type="button" class="button primary" on:click=move |_| {
                            ctx.update_ws(|ws| { ws.delete(&id1, dom::now_ms()); });
                            undo.set(Some((id1.clone(), name1.clone())));
                            confirm_delete.set(None);
                        }>"Ja, löschen"</button>
                        <button type="button" class="button secondary" on:click=move |_| confirm_delete.set(None)>"Abbrechen"</button>
                    </div>
                </div>
            }
        })
    };

    let undo_banner = move || {
        undo.get().map(|(id, name)| {
            view! {
                <div class="banner info" role="status">
                    <p>{format!("„{}“ wurde gelöscht.", if name.is_empty() { "Arbeitsstand".to_string() } else { name })}</p>
                    <button type="button" class="button secondary" on:click=move |_| {
                        ctx.update_ws(|ws| { ws.undo_delete(&id); });
                        undo.set(None);
                    }>"Rückgängig"</button>
                </div>
            }
        })
    };

    let deleted = move || {
        let list = ctx.ws.with(|ws| ws.deleted.clone());
        (!list.is_empty()).then(|| {
            let items = list.into_iter().map(|d| {
                let id = d.state.id.clone();
                let name = if d.state.progress.name.is_empty() { "Ohne Namen".to_string() } else { d.state.progress.name.clone() };
                view! {
                    <li>{name}" "
                        <button type="button" class="button secondary small" on:click=move |_| ctx.update_ws(|ws| { ws.undo_delete(&id); })>"Wiederherstellen"</button>
                    </li>
                }
            }).collect_view();
            view! {
                <section>
                    <h2>"Gelöschte Arbeitsstände"</h2>
                    <p>"Gelöschte Arbeitsstände bleiben 7 Tage lang wiederherstellbar."</p>
                    <ul>{items}</ul>
                </section>
            }
        })
    };

    let g = guide.clone();
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let guide_id = g.id.clone();
        let _ = input.dyn_ref::<web_sys::HtmlInputElement>();
        // Every refusal says the same around its reason: what happened, and that nothing changed.
        let refuse = move |why: String| {
            import_error.set(Some(format!(
                "Diese Datei kann nicht importiert werden: {why} Es wurde nichts verändert."
            )))
        };
        leptos::task::spawn_local(async move {
            pending.set(None);
            if file.size() > workspace::MAX_BYTES as f64 {
                refuse(workspace::DecodeError::TooLarge(file.size() as usize).message());
                return;
            }
            match dom::read_file(file).await {
                Err(e) => refuse(e),
                Ok(text) => match workspace::decode_export(&text, &guide_id) {
                    Ok(export) => {
                        import_error.set(None);
                        pending.set(Some(export));
                    }
                    Err(e) => refuse(e.message()),
                },
            }
        });
    };

    let g = guide.clone();
    let preview = move || {
        pending.get().map(|export| {
            let p = export.preview(&g);
            let e2 = export.clone();
            view! {
                <div class="banner info import-preview" role="region" aria-label="Vorschau des Imports">
                    <h3>"Diese Datei enthält"</h3>
                    <dl>
                        <dt>"Name"</dt><dd>{if p.name.is_empty() { "Ohne Namen".to_string() } else { p.name.clone() }}</dd>
                        <dt>"Profil"</dt><dd>{if p.profile.is_empty() { "Noch kein Profil".to_string() } else { p.profile.clone() }}</dd>
                        <dt>"Erledigte Schritte"</dt><dd>{p.done}</dd>
                        <dt>"Notizen"</dt><dd>{p.notes}</dd>
                        <dt>"Leitfaden-Version"</dt><dd>{p.guide_version.clone()}</dd>
                        <dt>"Exportiert am"</dt><dd>{p.exported.chars().take(10).collect::<String>()}</dd>
                    </dl>
                    {(!p.same_guide_content).then(|| view! {
                        <p>"Die Datei stammt aus einer anderen Fassung des Leitfadens. Neue Schritte werden markiert, Eingaben zu entfallenen Schritten kommen ins Archiv."</p>
                    })}
                    <p>"Der Import legt einen neuen Arbeitsstand an. Bestehende Arbeitsstände bleiben unverändert."</p>
                    <div class="actions">
                        <button type="button" class="button primary" on:click=move |_| {
                            ctx.update_ws(|ws| { ws.import(&e2); });
                            pending.set(None);
                            dom::go(&Route::Start);
                        }>"Als neuen Arbeitsstand importieren"</button>
                        <button type="button" class="button secondary" on:click=move |_| pending.set(None)>"Abbrechen"</button>
                    </div>
                </div>
            }
        })
    };

    view! {
        <section class="workstates">
            <h1>"Arbeitsstände"</h1>
            <p class="lead">"Legen Sie für jede Kommune oder jedes Vorhaben einen eigenen Arbeitsstand an. Jeder hat sein eigenes Profil und seinen eigenen Fortschritt."</p>
            {undo_banner}
            {confirm}
            <ul class="workstate-list">{rows}</ul>
            <form class="new-state" on:submit=move |ev| {
                ev.prevent_default();
                let name = new_name.get_untracked();
                ctx.update_ws(|ws| { ws.create(&name); });
                new_name.set(String::new());
                dom::go(&Route::Intake);
            }>
                <h2>"Neuer Arbeitsstand"</h2>
                <div class="field">
                    <label for="neuer-name">"Name (z. B. die Kommune)"</label>
                    <input type="text" id="neuer-name" prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button primary">"Anlegen und Fragen beantworten"</button>
            </form>
            <section class="import">
                <h2>"Arbeitsstand importieren"</h2>
                <p>"Wählen Sie eine Datei, die mit „Exportieren“ erstellt wurde. Sie sehen zuerst, was sie enthält."</p>
                <div class="field">
                    <label for="import-datei">"Datei auswählen"</label>
                    <input type="file" id="import-datei" accept=".json,application/json" on:change=on_file/>
                </div>
                {move || import_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                {preview}
            </section>
            {deleted}
        </section>
    }
}
