//! The browser app: Leptos components that render the core's state and send the user's
//! intents to it. No guide rule lives here; see `guide`, `path` and `progress`.

mod demo;
mod dom;
mod markdown;
mod report;
mod screens;
mod step;
mod workstates;

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::guide::{Checks, Guide, Report};
use crate::path::{self, Path};
use crate::progress::Progress;
pub use crate::route::Route;
use crate::storage::{self, Loaded};
use crate::workspace::Workspace;

/// Shared handles for every screen.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub guide: StoredValue<Arc<Guide>>,
    pub ws: RwSignal<Workspace>,
    pub path: Memo<Arc<Path>>,
    pub route: RwSignal<Route>,
    /// Problems with saving or with what was found in storage, shown in a banner.
    pub storage_notice: RwSignal<Option<StorageNotice>>,
    /// Demo mode: its own storage space, marked on every screen.
    pub demo: bool,
    /// In demo mode, the path before the last profile switch, to show what changed.
    pub previous_path: RwSignal<Option<Arc<Path>>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StorageNotice {
    pub message: String,
    /// Unreadable data the user can download.
    pub raw: Option<String>,
    /// Whether saving is paused to protect what is stored.
    pub saving_paused: bool,
    /// Whether saving failed (the notice goes away once a save succeeds again).
    pub save_failed: bool,
}

/// Keeps a workspace tidy for use: forgets long-deleted work states and lets every work
/// state that never met this guide take its steps as known (so only later additions
/// count as new).
fn prepare(ws: &mut Workspace, guide: &Guide, now: u64) {
    ws.purge_deleted(now);
    for s in &mut ws.states {
        s.progress.adopt_guide(guide);
    }
}

impl Ctx {
    pub fn guide(&self) -> Arc<Guide> {
        self.guide.get_value()
    }

    /// Applies a user intent to the active work state (and so saves it). Changed entries
    /// are stamped, so that a merge with another tab keeps the newer of each.
    pub fn update(&self, f: impl FnOnce(&mut Progress)) {
        let now = dom::now_ms();
        self.ws.update(|ws| {
            let before = ws.active().clone();
            let p = ws.active_mut();
            f(p);
            p.stamp_changes(&before, now);
        });
    }

    /// Applies an intent on the work states as a whole (create, switch, delete, import).
    pub fn update_ws(&self, f: impl FnOnce(&mut Workspace)) {
        let guide = self.guide();
        let now = dom::now_ms();
        self.ws.update(|ws| {
            let before = ws.clone();
            f(ws);
            // Stamp what changed (a rename, say), so another tab's merge keeps it.
            for s in &mut ws.states {
                if let Some(old) = before.state(&s.id) {
                    s.progress.stamp_changes(&old.progress, now);
                }
            }
            prepare(ws, &guide, now);
        });
    }

    pub fn progress<T>(&self, f: impl FnOnce(&Progress) -> T) -> T {
        self.ws.with(|ws| f(ws.active()))
    }
}

/// Entry point of the wasm binary.
pub fn start() {
    console_error_panic_hook();
    // The benchmark reads the wasm memory size from here (see bench/browser.mjs).
    let _ = js_sys::Reflect::set(
        &window(),
        &"leitfadenWasmMemory".into(),
        &wasm_bindgen::memory(),
    );
    leptos::mount::mount_to_body(Root);
}

fn console_error_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}

enum Loading {
    Pending,
    Ready(Arc<Guide>),
    Failed(String),
}

#[component]
fn Root() -> impl IntoView {
    let state = RwSignal::new_local(Loading::Pending);
    leptos::task::spawn_local(async move {
        let result = dom::guide_files()
            .await
            .map_err(|e| format!("Der Leitfaden konnte nicht geladen werden: {e}"));
        let loaded = match result {
            Ok(files) => load_guide(&files),
            Err(e) => Err(e),
        };
        state.set(match loaded {
            Ok(g) => Loading::Ready(Arc::new(g)),
            Err(e) => Loading::Failed(e),
        });
    });
    move || {
        match &*state.read() {
        Loading::Pending => view! {
            <main id="inhalt" class="loading"><p role="status">"Der Leitfaden wird geladen …"</p></main>
        }
        .into_any(),
        Loading::Failed(msg) => view! { <GuideErrors text=msg.clone()/> }.into_any(),
        Loading::Ready(guide) => view! { <App guide=guide.clone()/> }.into_any(),
    }
    }
}

fn load_guide(files: &BTreeMap<String, String>) -> Result<Guide, String> {
    // Every check but the walk over all profiles: that walk runs in `leitfaden check`,
    // before each release build and (as a trunk hook) on every change while serving.
    match Guide::load_with(files, Checks::Quick) {
        Ok((g, _warnings)) => Ok(g),
        Err(report) => Err(render_report(&report)),
    }
}

fn render_report(report: &Report) -> String {
    format!(
        "Der Leitfaden enthält Fehler ({} Fehler). Für Autorinnen und Autoren:\n\n{}",
        report.errors(),
        report.render("guide/")
    )
}

#[component]
fn GuideErrors(text: String) -> impl IntoView {
    view! {
        <main id="inhalt" class="guide-errors">
            <h1>"Der Leitfaden kann nicht angezeigt werden"</h1>
            <p>"Bitte prüfen Sie die Dateien im Ordner " <code>"guide/"</code>
               " mit " <code>"leitfaden check"</code> ". Nach dem Speichern lädt die Seite neu."</p>
            <pre class="diagnostics">{text}</pre>
        </main>
    }
}

#[component]
fn App(guide: Arc<Guide>) -> impl IntoView {
    let demo = dom::demo_requested();
    let key = storage::key(&guide.id, demo);
    let (ws, notice) = match storage::load(&key, &guide.id) {
        Loaded::Saved(ws) => (ws, None),
        Loaded::Nothing => (Workspace::new(&guide.id), None),
        Loaded::Unavailable => (
            Workspace::new(&guide.id),
            Some(StorageNotice {
                message: "Dieser Browser erlaubt keine dauerhafte Speicherung (z. B. im privaten Fenster). Sie können weiterarbeiten, aber Ihre Eingaben gehen beim Schließen verloren. Sichern Sie Ihren Stand mit „Exportieren“ unter „Arbeitsstände“.".into(),
                raw: None,
                saving_paused: false,
                save_failed: true,
            }),
        ),
        Loaded::Unreadable { raw, error } => {
            let newer = matches!(error, crate::workspace::DecodeError::Newer(_));
            let rescued = newer || storage::rescue(&key, &raw).is_ok();
            let message = if newer {
                format!("{} Bis dahin wird hier nichts gespeichert.", error.message())
            } else if rescued {
                format!(
                    "Ihr gespeicherter Stand konnte nicht gelesen werden. {} Die Daten wurden unverändert aufbewahrt; Sie können sie herunterladen. Sie beginnen mit einem leeren Stand.",
                    error.message()
                )
            } else {
                format!(
                    "Ihr gespeicherter Stand konnte nicht gelesen werden. {} Laden Sie die Daten herunter, bevor Sie weiterarbeiten; bis dahin wird nichts gespeichert.",
                    error.message()
                )
            };
            (
                Workspace::new(&guide.id),
                Some(StorageNotice {
                    message,
                    raw: Some(raw),
                    saving_paused: newer || !rescued,
                    save_failed: false,
                }),
            )
        }
    };
    let mut ws = ws;
    ws.id_prefix = format!(
        "{:x}{:x}-",
        dom::now_ms(),
        (js_sys::Math::random() * 65536.0) as u32
    );
    prepare(&mut ws, &guide, dom::now_ms());
    let ws = RwSignal::new(ws);
    let storage_notice = RwSignal::new(notice);
    let answers = Memo::new(move |_| ws.with(|w| w.active().answers.clone()));
    let guide_value = StoredValue::new(guide.clone());
    let path = Memo::new(move |_| {
        let a = answers.get();
        Arc::new(path::compute(&guide_value.get_value(), &a))
    });
    let route = RwSignal::new(Route::from_hash(&dom::hash()));
    let ctx = Ctx {
        guide: guide_value,
        ws,
        path,
        route,
        storage_notice,
        demo,
        previous_path: RwSignal::new(None),
    };
    provide_context(ctx);
    if demo {
        demo::apply_presenter(
            storage::read_raw(&storage::pref_key(&guide.id, "praesentation")).is_some(),
        );
    }

    // Mirror every change into storage at once, unless saving is paused to protect data.
    // Identical documents are not written again, which also ends the echo between tabs.
    let last_saved = StoredValue::new(storage::read_raw(&key).unwrap_or_default());
    // True while saving fails; set from the start when the browser blocks storage.
    let save_failing = StoredValue::new(
        storage_notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.save_failed)),
    );
    let save_key = key.clone();
    Effect::new(move |_| {
        let doc = ws.with(Workspace::encode);
        if doc == last_saved.get_value()
            || storage_notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.saving_paused))
        {
            return;
        }
        match storage::save_raw(&save_key, &doc) {
            Ok(()) => {
                save_failing.set_value(false);
                last_saved.set_value(doc);
                if storage_notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.save_failed)) {
                    storage_notice.set(None);
                }
            }
            // Keep a notice already shown (or dismissed) for this failure: it says the
            // same, and the next change tries again anyway.
            Err(_) if save_failing.get_value() => {}
            Err(e) => {
                save_failing.set_value(true);
                storage_notice.set(Some(StorageNotice {
                    message: format!(
                        "{e} Ihre Eingaben bleiben erhalten, solange diese Seite offen ist; bei der nächsten Änderung wird erneut gespeichert. Sichern Sie Ihren Stand mit „Exportieren“ unter „Arbeitsstände“."
                    ),
                    raw: None,
                    saving_paused: false,
                    save_failed: true,
                }));
            }
        }
    });

    // Another tab saved the same work states: merge its changes into ours.
    let guide_id = guide.id.clone();
    storage::on_change(&key, move |raw| {
        let Ok(remote) = crate::workspace::decode(&raw, &guide_id) else {
            return;
        };
        let merged = ws.with_untracked(|w| {
            let mut m = w.clone();
            m.merge(&remote);
            (m != *w).then_some(m)
        });
        if let Some(m) = merged {
            last_saved.set_value(raw);
            ws.set(m);
        }
    });

    dom::on_hash_change(move |hash| route.set(Route::from_hash(&hash)));

    // Remember the step the user is on, and move focus to the new heading.
    Effect::new(move |_| {
        let r = route.get();
        // Only a real step: an unknown link must not become the place to resume from.
        if let Route::Step(id) = &r
            && guide_value.with_value(|g| g.step_index(id).is_some())
        {
            let id = id.clone();
            let stale = ws.with_untracked(|w| {
                let p = w.active();
                p.current.as_deref() != Some(id.as_str()) || !p.known_steps.contains(&id)
            });
            if stale {
                ctx.update(|p| {
                    p.mark_seen(&id);
                    p.current = Some(id);
                });
            }
        }
        dom::focus_heading();
    });

    view! {
        <a class="skip-link" href="#inhalt" on:click=|ev| { ev.prevent_default(); dom::focus_heading(); }>
            "Zum Inhalt springen"
        </a>
        <screens::Header/>
        {demo.then(|| view! { <demo::DemoBar/> })}
        <screens::StorageBanner/>
        <main id="inhalt" tabindex="-1">
            {move || match route.get() {
                Route::Start => view! { <screens::Start/> }.into_any(),
                Route::Intake => view! { <screens::Intake editing=false/> }.into_any(),
                Route::Profile => view! { <screens::Intake editing=true/> }.into_any(),
                Route::Summary => view! { <screens::Summary/> }.into_any(),
                Route::Overview => view! { <screens::Overview/> }.into_any(),
                Route::Step(id) => view! { <step::StepPage id=id/> }.into_any(),
                Route::WorkStates => view! { <workstates::WorkStates/> }.into_any(),
                Route::Report => view! { <report::ReportPage/> }.into_any(),
                Route::Compare => view! { <demo::Compare/> }.into_any(),
                Route::NotFound(what) => view! { <screens::NotFound what=what/> }.into_any(),
            }}
        </main>
        <p class="visually-hidden" aria-live="polite" id="ansage"></p>
        <footer class="site-footer">
            <p>{format!("{} · Version {}", guide.title, guide.version)}
               " · Ihre Eingaben bleiben in diesem Browser. Kein Konto, kein Server."</p>
        </footer>
    }
}
