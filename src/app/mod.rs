//! The browser app: Leptos components that render the core's state and send the user's
//! intents to it. No guide, progress or storage rule lives here; see `path`, `progress`,
//! `workspace` and `session`. Browser calls go through `web`.

mod about;
mod agenda;
mod autor;
mod compare;
mod demo;
#[cfg(not(leitfaden_without = "documents"))]
mod dokumente;
mod frame;
mod intake;
mod markdown;
mod merge;
pub mod more;
mod overview;
mod report;
mod review;
#[cfg(not(leitfaden_without = "search"))]
mod search;
mod slot;
mod start;
mod step;
mod workstates;

use std::sync::Arc;

use leptos::prelude::*;

use crate::guide::Guide;
use crate::path::{self, Path};
use crate::progress::Progress;
pub use crate::route::Route;
use crate::session::{self, Notice, NoticeChange, Saver, Synced};
use crate::web::{dom, storage};
use crate::workspace::Workspace;

/// Shared handles for every screen.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub guide: StoredValue<Arc<Guide>>,
    pub ws: RwSignal<Workspace>,
    pub path: Memo<Arc<Path>>,
    pub route: RwSignal<Route>,
    /// Problems with saving or with what was found in storage, shown in a banner.
    pub notice: RwSignal<Option<Notice>>,
    /// Demo mode: its own storage space, marked on every screen.
    pub demo: bool,
    /// The preview of an author's guide („Leitfaden anpassen“): demo mode on that guide,
    /// in a storage space of its own.
    pub preview: bool,
    /// In demo mode, the path before the last profile switch, to show what changed.
    pub previous_path: RwSignal<Option<Arc<Path>>>,
}

impl Ctx {
    /// The handles of a session on `guide` with `workspace` on `route`: the app's, or the
    /// second module's (`more`), which shows the screens a first visit does not need.
    pub fn new(
        guide: Arc<Guide>,
        workspace: Workspace,
        route: Route,
        demo: bool,
        preview: bool,
    ) -> Ctx {
        let ws = RwSignal::new(workspace);
        let answers = Memo::new(move |_| ws.with(|w| w.active().answers.clone()));
        let guide = StoredValue::new(guide);
        let path = Memo::new(move |_| {
            let a = answers.get();
            Arc::new(path::compute(&guide.get_value(), &a))
        });
        Ctx {
            guide,
            ws,
            path,
            route: RwSignal::new(route),
            notice: RwSignal::new(None),
            demo,
            preview,
            previous_path: RwSignal::new(None),
        }
    }

    pub fn guide(&self) -> Arc<Guide> {
        self.guide.get_value()
    }

    /// Applies a user intent to the active work state (and so saves it).
    pub fn update(&self, f: impl FnOnce(&mut Progress)) {
        let now = dom::now_ms();
        self.ws.update(|ws| ws.edit_active(now, f));
    }

    /// Applies an intent on the work states as a whole (create, switch, delete, import).
    pub fn update_ws(&self, f: impl FnOnce(&mut Workspace)) {
        let guide = self.guide();
        let now = dom::now_ms();
        self.ws.update(|ws| ws.edit(&guide, now, f));
    }

    pub fn progress<T>(&self, f: impl FnOnce(&Progress) -> T) -> T {
        self.ws.with(|ws| f(ws.active()))
    }

    /// Today, in the browser's local calendar.
    pub fn today(&self) -> crate::date::Date {
        dom::local_date()
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Entry point of the wasm binary.
pub fn start() {
    dom::log_panics();
    dom::expose_memory();
    dom::on_term_click();
    mount_to_body(Root);
}

enum Loading {
    Pending,
    Ready(Arc<Guide>),
    Failed(String),
}

/// While the app takes over a pre-rendered page, it builds its screen hidden and in parts,
/// one task each, and only then shows it in place of that page (`Root`): a slow PC's page
/// stays readable and never blocks for one long task. How far the app may build; always
/// `Whole` without such a page.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The frame: header, footer, the empty main area.
    Frame,
    /// The screen, without the parts below a step's text (`later`).
    Screen,
    /// Everything.
    Whole,
}

#[derive(Clone, Copy)]
struct Built(RwSignal<Stage>);

/// `part`, built at once, or a task later while the app takes over a pre-rendered page.
/// Built at once, it is a plain view, which a re-render of the screen updates in place (an
/// open box, the field being typed in and its focus stay).
pub fn later<V: IntoView + 'static>(part: impl Fn() -> V + Send + Sync + 'static) -> AnyView {
    match use_context::<Built>() {
        Some(Built(stage)) if stage.get_untracked() < Stage::Whole => {
            // Only the stage is tracked: what `part` reads as it is built must not rebuild it.
            (move || (stage.get() == Stage::Whole).then(|| untrack(&part))).into_any()
        }
        _ => part().into_any(),
    }
}

/// What the app opens with: the storage key, and the work states storage held.
struct Start {
    key: String,
    preview: bool,
    demo: bool,
    opened: session::Opened,
}

fn start_session(guide: &Guide) -> Start {
    let preview = dom::preview_requested();
    let demo = preview || dom::demo_requested();
    let key = if preview {
        storage::preview_key(&guide.id)
    } else {
        storage::key(&guide.id, demo)
    };
    let opened = session::open(
        storage::load(&key),
        guide,
        &dom::tab_prefix(),
        &dom::random_id(),
        dom::now_ms(),
        |raw| storage::rescue(&key, raw).is_ok(),
    );
    Start {
        key,
        preview,
        demo,
        opened,
    }
}

#[component]
fn Root() -> impl IntoView {
    let state = RwSignal::new_local(Loading::Pending);
    // A release page shows its pre-rendered screen until the app's own is built: hidden
    // (`dom::taking_over`) and in parts, one task each (`Stage`), so that no single task
    // blocks a slow PC for long. Then the app takes its place in one go (same task, so no
    // frame shows both or neither).
    let prerendered = dom::has_prerendered();
    let stage = RwSignal::new(if prerendered {
        Stage::Frame
    } else {
        Stage::Whole
    });
    provide_context(Built(stage));
    let start = StoredValue::new_local(None::<Start>);
    dom::mark("start");
    leptos::task::spawn_local(async move {
        let data = dom::guide_data().await;
        dom::mark("guide-fetched");
        let loaded = match data {
            Ok(data) => load_guide(data).await,
            Err(e) => Err(format!("Der Leitfaden konnte nicht geladen werden: {e}")),
        };
        dom::mark("guide-read");
        // Opening the work states, building the frame, the screen, its rest and showing it
        // are tasks of their own.
        dom::yield_now().await;
        let guide = match loaded {
            Ok(g) => Arc::new(g),
            Err(e) => {
                dom::remove_prerendered();
                state.set(Loading::Failed(e));
                return;
            }
        };
        start.set_value(Some(start_session(&guide)));
        dom::yield_now().await;
        // The place a link names, read before the app shows its address without it.
        let place = crate::route::anchor(&dom::hash()).map(str::to_string);
        dom::taking_over(prerendered);
        state.set(Loading::Ready(guide));
        if prerendered {
            for next in [Stage::Screen, Stage::Whole] {
                dom::yield_now().await;
                stage.set(next);
            }
            dom::yield_now().await;
            dom::remove_prerendered();
            dom::taking_over(false);
            dom::focus_place(place);
        }
        dom::after_paint(|| dom::mark("painted"));
    });
    move || {
        match &*state.read() {
        Loading::Pending if prerendered => ().into_any(),
        Loading::Pending => view! {
            <main id="inhalt" class="loading"><p role="status">"Der Leitfaden wird geladen …"</p></main>
        }
        .into_any(),
        Loading::Failed(msg) => view! { <GuideErrors text=msg.clone()/> }.into_any(),
        Loading::Ready(guide) => {
            // Opened by the loading task in a task of its own; here only if it was not.
            let s = start.try_update_value(Option::take).flatten().unwrap_or_else(|| start_session(guide));
            view! { <App guide=guide.clone() start=s/> }.into_any()
        }
    }
    }
}

pub(crate) async fn load_guide(data: dom::GuideData) -> Result<Guide, String> {
    match data {
        dom::GuideData::Bundle(json) => {
            let damaged = |e| format!("Der Leitfaden dieses Builds ist beschädigt: {e}");
            let authored = crate::guide::bundle::parse(&json).map_err(damaged)?;
            drop(json);
            dom::yield_now().await;
            crate::guide::bundle::finish(authored).map_err(damaged)
        }
        // The checks a reader's guide must pass; the walk over all profiles and the
        // warnings run in `leitfaden check`, before each release build and (as a trunk
        // hook) on every change while serving. Only debug builds read RON.
        #[cfg(debug_assertions)]
        dom::GuideData::Files(files) => {
            Guide::load(&files)
                .map(|(g, _warnings)| g)
                .map_err(|report| {
                    format!(
                        "Der Leitfaden enthält {}. Für Autorinnen und Autoren:\n\n{}",
                        crate::text::counted_digits(report.errors() as u64, "Fehler", "Fehler"),
                        report.render("guide/")
                    )
                })
        }
        #[cfg(not(debug_assertions))]
        dom::GuideData::Files(_) => Err("Dieser Build liest keine RON-Dateien.".into()),
    }
}

#[component]
fn GuideErrors(text: String) -> impl IntoView {
    view! {
        <main id="inhalt" class="guide-errors">
            <h1>"Der Leitfaden kann nicht angezeigt werden"</h1>
            {if dom::preview_requested() {
                view! { <p>"Öffnen Sie die Vorschau bitte über " <a href="./#/anpassen">"Leitfaden anpassen"</a> "."</p> }.into_any()
            } else {
                view! {
                    <p>"Bitte prüfen Sie die Dateien im Ordner " <code>"guide/"</code>
                       " mit " <code>"leitfaden check"</code> ". Nach dem Speichern lädt die Seite neu."</p>
                }.into_any()
            }}
            <pre class="diagnostics">{text}</pre>
        </main>
    }
}

/// The screen of a route.
fn screen(route: Route) -> AnyView {
    match route {
        Route::Start => view! { <start::Start/> }.into_any(),
        Route::Intake => view! { <intake::Intake editing=false/> }.into_any(),
        Route::Profile => view! { <intake::Intake editing=true/> }.into_any(),
        Route::Summary => view! { <intake::Summary/> }.into_any(),
        Route::Overview => view! { <overview::Overview/> }.into_any(),
        Route::Step(id) => view! { <step::StepPage id=id/> }.into_any(),
        Route::NotFound(what) => view! { <frame::NotFound what=what/> }.into_any(),
        // The screens a first visit does not need are the second module's (`more`), so
        // that the app's own wasm, which every visitor loads, carries none of their code.
        more => view! { <slot::MoreScreen route=more/> }.into_any(),
    }
}

/// The screen of a route the second module shows (`Route::is_more`); nothing for others.
fn more_screen(route: Route) -> AnyView {
    match route {
        Route::WorkStates => view! { <workstates::WorkStates/> }.into_any(),
        Route::Report => view! { <report::ReportPage/> }.into_any(),
        Route::Tasks => view! { <agenda::Agenda/> }.into_any(),
        Route::Review => view! { <review::Review/> }.into_any(),
        Route::Compare => view! { <compare::Compare/> }.into_any(),
        Route::About => view! { <about::About/> }.into_any(),
        Route::Author => view! { <autor::Author/> }.into_any(),
        _ => ().into_any(),
    }
}

/// At the latest this long after a change, it is saved (sooner when the browser is idle).
const SAVE_WITHIN_MS: u32 = 300;

/// Brings this tab in line with storage and writes what storage lacks: first merges what
/// another tab may have saved (`Saver::sync`), then writes if the session says so.
fn sync_and_save(key: &str, ctx: Ctx, saver: StoredValue<Saver>) {
    let found = storage::load(key);
    let synced = ctx.ws.with_untracked(|w| {
        let guide_id = w.guide_id().to_string();
        saver.try_update_value(|s| s.sync(found, w, &guide_id))
    });
    match synced {
        Some(Synced::Adopt(merged)) => ctx.ws.set(merged),
        Some(Synced::Pause(n)) => {
            ctx.notice.set(Some(n));
            return;
        }
        Some(Synced::Same) | None => {}
    }
    let Some(doc) = ctx
        .ws
        .with_untracked(|w| saver.with_value(|s| s.pending(w)))
    else {
        return;
    };
    let result = storage::save(key, &doc);
    let change = ctx.notice.with_untracked(|n| {
        saver
            .try_update_value(|s| s.written(doc, result, n.as_ref()))
            .unwrap_or(NoticeChange::Keep)
    });
    match change {
        NoticeChange::Keep => {}
        NoticeChange::Clear => ctx.notice.set(None),
        NoticeChange::Show(n) => ctx.notice.set(Some(n)),
    }
}

#[component]
fn App(guide: Arc<Guide>, start: Start) -> impl IntoView {
    let Start {
        key,
        preview,
        demo,
        opened,
    } = start;
    dom::set_language(&guide.language);
    let saver = StoredValue::new(opened.saver);
    let ctx = Ctx::new(guide.clone(), opened.workspace, dom::route(), demo, preview);
    ctx.notice.set(opened.notice);
    let Ctx {
        guide: guide_value,
        ws,
        route,
        ..
    } = ctx;
    provide_context(ctx);
    slot::connect(ctx);
    if demo {
        demo::apply_presenter(&guide.id);
    }

    // Mirror every change into storage, unless the session says not to: as soon as the
    // browser is idle (so that saving a large workspace never delays the next screen;
    // changes meanwhile go into the same save), and at once when the page is hidden or
    // left. When another tab saves, merge what it saved and write back what storage lacks.
    let save_key = StoredValue::new(key.clone());
    let scheduled = StoredValue::new(false);
    let save_now = move || {
        if scheduled.get_value() {
            scheduled.set_value(false);
            save_key.with_value(|k| sync_and_save(k, ctx, saver));
        }
    };
    Effect::new(move |_| {
        ws.track();
        if !scheduled.get_value() {
            scheduled.set_value(true);
            dom::when_idle(SAVE_WITHIN_MS, save_now);
        }
    });
    dom::on_hide(save_now);
    let sync_key = key.clone();
    storage::on_change(&key, move || sync_and_save(&sync_key, ctx, saver));

    dom::on_route_change(move |r| {
        if route.get_untracked() != r {
            route.set(r);
        }
    });

    // Remember the step the user is on, and move focus to the new heading (or the place
    // the link names, read before `show_address` drops the fragment that names it).
    Effect::new(move |_| {
        let r = route.get();
        let place = crate::route::anchor(&dom::hash()).map(str::to_string);
        dom::show_address(&r);
        // Only a real step: an unknown link must not become the place to resume from.
        if let Route::Step(id) = &r
            && guide_value.with_value(|g| g.step_index(id).is_some())
        {
            let stale = ws.with_untracked(|w| w.active().is_stale_position(id));
            if stale {
                // Remembering the step re-renders what reads the work state and saves it
                // all: after the step is painted, not before.
                let id = id.clone();
                dom::after_paint(move || ctx.update(|p| p.visit(&id)));
            }
        }
        // The second module's screens take focus once they are shown (`slot`); while the
        // app takes over a pre-rendered page, `Root` does this once it shows.
        if r.is_more() {
            slot::hold_place(place);
        } else if !dom::has_prerendered() {
            dom::focus_place(place);
        }
    });

    let built = use_context::<Built>().map(|b| b.0);
    view! {
        <frame::SkipLink/>
        <frame::Header/>
        {demo.then(|| view! { <demo::DemoBar/> })}
        <frame::StorageBanner/>
        <main id="inhalt" tabindex="-1">
            // Keyed by the address, so every screen gets fresh elements: with
            // `erase_components` all screens share one view type, and Leptos would patch
            // the previous screen's elements in place (an open „Warum?“ box, a heading's
            // attributes and the like would carry over to the next step).
            // While taking over a pre-rendered page, the screen comes a task after the frame.
            <For each=move || built.is_none_or(|b| b.get() >= Stage::Screen).then(|| route.get())
                key=Route::href children=screen/>
        </main>
        <p class="visually-hidden" aria-live="polite" id="ansage"></p>
        <frame::Footer/>
    }
}
