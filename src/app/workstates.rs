//! The work states ("Arbeitsstände"): one per Kommune or project, each with its own profile
//! and progress. Create, rename, switch, duplicate, export (also the calendar), import or
//! merge a colleague's file of the same work state, and delete (undoable).

use leptos::prelude::*;

use super::{Ctx, Route, ctx};
#[cfg(not(leitfaden_without = "documents"))]
use crate::app::dokumente::copy_box;
use crate::export::{self, Export};
use crate::saved::{self, DecodeError};
use crate::text;
#[cfg(not(leitfaden_without = "documents"))]
use crate::transfer;
use crate::web::dom;
use crate::workspace::{self, Deleted, UNDO_DAYS};

/// Downloads the export file of work state `id`.
pub fn export_state(ctx: Ctx, id: &str) {
    let guide = ctx.guide();
    let (name, file) = ctx.ws.with_untracked(|ws| {
        let name = ws
            .state(id)
            .map(|s| s.progress.name.clone())
            .unwrap_or_default();
        (name, export::export(ws, id, &guide, &dom::now_iso()))
    });
    if let Some(file) = file {
        dom::download(
            &dom::file_name("leitfaden-arbeitsstand", &name, "json"),
            "application/json",
            &file,
        );
    }
}

/// Work state `id` as the text „Aus Text wiederherstellen“ reads (`transfer`).
#[cfg(not(leitfaden_without = "documents"))]
fn state_text(ctx: Ctx, id: &str) -> Option<String> {
    let guide = ctx.guide();
    ctx.ws
        .with_untracked(|ws| export::of_state(ws, id, &guide, &dom::now_iso()))
        .map(|e| transfer::encode_state(&e))
}

fn undo_days() -> String {
    text::counted_digits(UNDO_DAYS, "Tag", "Tage")
}

#[component]
pub fn WorkStates() -> impl IntoView {
    let ctx = ctx();
    let new_name = RwSignal::new(String::new());
    let confirm_delete = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<(String, String)>);
    let ids = move || {
        ctx.ws
            .with(|ws| ws.states().iter().map(|s| s.id.clone()).collect::<Vec<_>>())
    };
    let confirm = move || {
        confirm_delete.get().map(|id| {
            let name = ctx.ws.with_untracked(|ws| ws.state(&id).map(|s| s.progress.name.clone()).unwrap_or_default());
            let label = if name.is_empty() { "diesen Arbeitsstand".to_string() } else { format!("„{name}“") };
            let (id1, name1) = (id.clone(), name.clone());
            view! {
                <div class="banner warning" role="alertdialog" aria-labelledby="loeschen-frage">
                    <p id="loeschen-frage">{format!("Wollen Sie {label} wirklich löschen? Sie können das {} lang rückgängig machen.", undo_days())}</p>
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
            let shown = if name.is_empty() {
                "Arbeitsstand".to_string()
            } else {
                name
            };
            view! {
                <div class="banner info" role="status">
                    <p>{format!("„{shown}“ wurde gelöscht.")}</p>
                    <button type="button" class="button secondary" on:click=move |_| {
                        ctx.update_ws(|ws| { ws.undo_delete(&id); });
                        undo.set(None);
                    }>"Rückgängig"</button>
                </div>
            }
        })
    };
    let deleted = move || ctx.ws.with(|ws| ws.deleted().to_vec());
    // `--cfg leitfaden_without="documents"`: see `app::report`.
    #[cfg(not(leitfaden_without = "documents"))]
    let restore = restore_from_text();
    #[cfg(leitfaden_without = "documents")]
    let restore = ();
    view! {
        <section class="workstates">
            <h1>"Arbeitsstände"</h1>
            <p class="lead">"Legen Sie für jede Kommune oder jedes Vorhaben einen eigenen Arbeitsstand an. Jeder hat sein eigenes Profil und seinen eigenen Fortschritt."</p>
            {undo_banner}
            {confirm}
            <ul class="workstate-list">
                <For each=ids key=|id| id.clone() children=move |id| view! {
                    <StateRow id=id confirm_delete=confirm_delete/>
                }/>
            </ul>
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
            <Import/>
            {restore}
            {move || {
                let list = deleted();
                (!list.is_empty()).then(|| view! {
                    <section>
                        <h2>"Gelöschte Arbeitsstände"</h2>
                        <p>{format!("Gelöschte Arbeitsstände bleiben {} lang wiederherstellbar.", undo_days())}</p>
                        <ul>{list.into_iter().map(|d| view! { <DeletedRow deleted=d/> }).collect_view()}</ul>
                    </section>
                })
            }}
        </section>
    }
}

/// One work state in the list; it follows renames and progress of that work state.
#[component]
fn StateRow(id: String, confirm_delete: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let state = {
        let id = id.clone();
        move || ctx.ws.with(|ws| ws.state(&id).cloned())
    };
    let a = id.clone();
    let is_active = move || ctx.ws.with(|ws| ws.active_id() == a);
    let title = {
        let state = state.clone();
        move || {
            state()
                .map(|s| s.display_name().to_string())
                .unwrap_or_default()
        }
    };
    let g = guide.clone();
    let meta = {
        let state = state.clone();
        move || {
            state().map(|s| {
                let p = &s.progress;
                let path = crate::path::compute(&g, &p.answers);
                let (done, total) = p.done_count(&g, path.steps.iter().map(|v| v.step));
                let summary = if p.answers.profile.is_empty() {
                    "Noch kein Profil".to_string()
                } else {
                    p.answers.summary(&g)
                };
                view! {
                    <p class="meta">{summary}</p>
                    <p class="meta">{format!("{done} von {total} Schritten erledigt")}</p>
                }
            })
        }
    };
    let name = {
        let state = state.clone();
        move || state().map(|s| s.progress.name).unwrap_or_default()
    };
    let (i1, i2, i3, i4, i5) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    // `--cfg leitfaden_without="documents"`: see `app::report`.
    #[cfg(not(leitfaden_without = "documents"))]
    let (copy_button, copy_panel) = copy_as_text(ctx, id.clone(), title.clone());
    #[cfg(leitfaden_without = "documents")]
    let (copy_button, copy_panel) = ((), ());
    let rename_id = format!("name-{id}");
    let (active1, active2) = (is_active.clone(), is_active.clone());
    let title2 = title.clone();
    view! {
        <li class="workstate" class:active=is_active>
            <h2>{title}{move || active1().then(|| view! { <span class="badge">"Aktiv"</span> })}</h2>
            {meta}
            <div class="field">
                <label for=rename_id.clone()>{move || format!("Name von „{}“", title2())}</label>
                <input type="text" id=rename_id prop:value=name
                    on:change=move |ev| { let v = event_target_value(&ev); ctx.update_ws(|ws| ws.rename(&i1, &v)); }/>
            </div>
            <div class="actions">
                {move || (!active2()).then(|| {
                    let i2 = i2.clone();
                    view! {
                        <button type="button" class="button primary" on:click=move |_| {
                            ctx.update_ws(|ws| { ws.switch(&i2); });
                            dom::go(&Route::Start);
                        }>"Öffnen"</button>
                    }
                })}
                <button type="button" class="button secondary" on:click=move |_| ctx.update_ws(|ws| { ws.duplicate(&i3); })>"Duplizieren"</button>
                <button type="button" class="button secondary" on:click=move |_| export_state(ctx, &i4)>"Exportieren"</button>
                {copy_button}
                <super::agenda::CalendarButton id=id.clone()/>
                <button type="button" class="button secondary danger" on:click=move |_| confirm_delete.set(Some(i5.clone()))>"Löschen"</button>
            </div>
            {copy_panel}
        </li>
    }
}

/// „Als Text kopieren“ for work state `id`: the button, and the panel with the text.
#[cfg(not(leitfaden_without = "documents"))]
fn copy_as_text(
    ctx: Ctx,
    id: String,
    title: impl Fn() -> String + Send + Sync + 'static,
) -> (AnyView, AnyView) {
    let as_text = RwSignal::new(None::<String>);
    let (panel_id, panel_id2) = (format!("als-text-{id}"), format!("als-text-{id}"));
    let i6 = id.clone();
    let button = view! {
        <button type="button" class="button secondary" aria-expanded=move || as_text.with(Option::is_some).to_string()
            aria-controls=panel_id
            on:click=move |_| {
                let open = as_text.with_untracked(Option::is_some);
                as_text.set((!open).then(|| state_text(ctx, &i6)).flatten());
            }>"Als Text kopieren"</button>
    };
    let panel = view! {
        <div id=panel_id2>{move || as_text.get().map(|t| copy_box(
            format!("„{}“ als Text (mit „Aus Text wiederherstellen“ wieder einlesen)", title()),
            t,
            format!("text-{id}"),
        ))}</div>
    };
    (button.into_any(), panel.into_any())
}

#[component]
fn DeletedRow(deleted: Deleted) -> impl IntoView {
    let ctx = ctx();
    let id = deleted.state.id.clone();
    view! {
        <li>{deleted.state.display_name().to_string()}" "
            <button type="button" class="button secondary small" on:click=move |_| ctx.update_ws(|ws| { ws.undo_delete(&id); })>"Wiederherstellen"</button>
        </li>
    }
}

/// Importing an exported work state: pick a file, see what it holds, then add it.
#[component]
fn Import() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let import_error = RwSignal::new(None::<String>);
    let incoming = Incoming::new();
    let guide_id = guide.id.clone();
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = dom::Picked::from_input(&ev) else {
            return;
        };
        let guide_id = guide_id.clone();
        // Every refusal says the same around its reason: what happened, and that nothing changed.
        let refuse = move |why: String| {
            import_error.set(Some(format!(
                "Diese Datei kann nicht importiert werden: {why} Es wurde nichts verändert."
            )));
        };
        leptos::task::spawn_local(async move {
            incoming.clear();
            if file.size() > saved::MAX_BYTES as u64 {
                refuse(DecodeError::TooLarge(file.size() as usize).message());
                return;
            }
            match file.bytes().await {
                Err(e) => refuse(e),
                Ok(bytes) => match export::decode_file(&bytes, &guide_id) {
                    Ok(export) => {
                        import_error.set(None);
                        incoming.pending.set(Some(export));
                    }
                    Err(e) => refuse(e.message()),
                },
            }
        });
    };
    view! {
        <section class="import">
            <h2>"Arbeitsstand importieren"</h2>
            <p>"Wählen Sie eine Datei, die mit „Exportieren“ erstellt wurde. Sie sehen zuerst, was sie enthält."</p>
            <div class="field">
                <label for="import-datei">"Datei auswählen"</label>
                <input type="file" id="import-datei" accept=".json,application/json" on:change=on_file/>
            </div>
            {move || import_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {preview(incoming, ("Diese Datei", "Die Datei", "sie"))}
        </section>
    }
}

/// A work state on its way in (from a file or a pasted text): what it holds, the work
/// state of this browser it is a version of while the user merges, and the merge done.
#[derive(Clone, Copy)]
struct Incoming {
    pending: RwSignal<Option<Export>>,
    merging: RwSignal<Option<(String, Export)>>,
    merged: RwSignal<Option<String>>,
}

impl Incoming {
    fn new() -> Incoming {
        Incoming {
            pending: RwSignal::new(None),
            merging: RwSignal::new(None),
            merged: RwSignal::new(None),
        }
    }

    fn clear(&self) {
        self.pending.set(None);
        self.merging.set(None);
        self.merged.set(None);
    }
}

/// What an import holds, before anything changes, the buttons that add or merge it, and
/// the merge: the same for a picked file and a pasted text (`what`: („Diese Datei“, „Die
/// Datei“, „sie“) or („Dieser Text“, „Der Text“, „ihn“)).
fn preview(incoming: Incoming, what: (&'static str, &'static str, &'static str)) -> impl IntoView {
    let (this, the, it) = what;
    let ctx = ctx();
    let g = ctx.guide();
    let Incoming {
        pending,
        merging,
        merged,
    } = incoming;
    let shown = move || {
        pending.get().map(|export| {
            let p = export.preview(&g);
            let e2 = export.clone();
            let same = ctx.ws.with_untracked(|ws| {
                ws.same_origin(&export.progress)
                    .map(|s| (s.id.clone(), s.display_name().to_string()))
            });
            let e3 = export.clone();
            let offer = same.map(|(id, name)| view! {
                <p class="same-origin">{format!("{this} ist eine Fassung Ihres Arbeitsstands „{name}“, zum Beispiel aus dem Browser einer Kollegin oder eines Kollegen. Sie können {it} mit ihm zusammenführen oder als eigenen, neuen Arbeitsstand anlegen.")}</p>
                <button type="button" class="button primary" on:click=move |_| {
                    merging.set(Some((id.clone(), e3.clone())));
                    pending.set(None);
                }>"Zusammenführen …"</button>
            });
            let has_offer = offer.is_some();
            view! {
                <div class="banner info import-preview" role="region" aria-label="Vorschau des Imports">
                    <h3>{format!("{this} enthält")}</h3>
                    <dl>
                        <dt>"Name"</dt><dd>{workspace::display_name(&p.name).to_string()}</dd>
                        <dt>"Profil"</dt><dd>{if p.profile.is_empty() { "Noch kein Profil".to_string() } else { p.profile.clone() }}</dd>
                        <dt>"Erledigte Schritte"</dt><dd>{p.done}</dd>
                        <dt>"Notizen"</dt><dd>{p.notes}</dd>
                        <dt>"Zuständigkeiten und Termine"</dt><dd>{p.planned}</dd>
                        <dt>"Zwischenstände"</dt><dd>{p.snapshots}</dd>
                        <dt>"Leitfaden-Version"</dt><dd>{p.guide_version.clone()}</dd>
                        <dt>"Exportiert am"</dt><dd>{p.exported.chars().take(10).collect::<String>()}</dd>
                    </dl>
                    {(!p.same_guide_content).then(|| view! {
                        <p>{format!("{the} stammt aus einer anderen Fassung des Leitfadens. Neue Schritte werden markiert, Eingaben zu entfallenen Schritten kommen ins Archiv.")}</p>
                    })}
                    {(!has_offer).then(|| view! {
                        <p>"Der Import legt einen neuen Arbeitsstand an. Bestehende Arbeitsstände bleiben unverändert."</p>
                    })}
                    <div class="actions">
                        {offer}
                        <button type="button" class=if has_offer { "button secondary" } else { "button primary" } on:click=move |_| {
                            ctx.update_ws(|ws| { ws.import(&e2.progress); });
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
        {shown}
        {move || merging.get().map(|(id, export)| {
            let done = Callback::new(move |name: Option<String>| {
                merging.set(None);
                merged.set(name);
            });
            view! { <super::merge::MergeView id=id theirs=export.progress done=done/> }
        })}
        {move || merged.get().map(|name| view! {
            <div class="banner info" role="status">
                <p>{format!("{the} wurde mit „{name}“ zusammengeführt. Aufbewahrte Fassungen von Notizen finden Sie beim jeweiligen Schritt und im Archiv der Übersicht.")}</p>
                <a class="button secondary" href="#/uebersicht">"Zur Übersicht"</a>
            </div>
        })}
    }
}

/// „Aus Text wiederherstellen“: a work state copied as text (`transfer`), for PCs that
/// block file downloads and uploads. The same preview, merge offer and refusals as a file.
#[cfg(not(leitfaden_without = "documents"))]
fn restore_from_text() -> AnyView {
    let ctx = ctx();
    let guide_id = ctx.guide().id.clone();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let incoming = Incoming::new();
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        incoming.clear();
        match transfer::decode_state(&text.get_untracked(), &guide_id) {
            Ok(export) => {
                error.set(None);
                incoming.pending.set(Some(export));
            }
            Err(e) => error.set(Some(format!(
                "Dieser Text kann nicht wiederhergestellt werden: {} Es wurde nichts verändert.",
                e.message()
            ))),
        }
    };
    view! {
        <section class="import import-text">
            <h2>"Aus Text wiederherstellen"</h2>
            <p>{format!("Wenn Dateien nicht heruntergeladen oder hochgeladen werden dürfen: Fügen Sie hier den Text ein, den „Als Text kopieren“ erstellt hat. Er beginnt mit „{}{}“. Sie sehen zuerst, was er enthält.", transfer::PREFIX, transfer::VERSION)}</p>
            <form on:submit=check>
                <div class="field">
                    <label for="import-text">"Kopierter Arbeitsstand"</label>
                    <textarea id="import-text" rows="6" spellcheck="false" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button secondary">"Text prüfen"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {preview(incoming, ("Dieser Text", "Der Text", "ihn"))}
        </section>
    }
    .into_any()
}
