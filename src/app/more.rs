//! The second module (`src/bin/mehr.rs`): the screens a first visit does not need — work
//! states (with merging, copy-as-text and restoring), the report and its documents, „Meine
//! Aufgaben“, the review, the comparison, „Über diesen Leitfaden“, „Leitfaden anpassen“ —
//! and the Arbeitshilfen's downloads. The app (`slot`, `web::more`) loads it when one of
//! them is first asked for and shows its screens in an element of its page.
//!
//! It reads the guide itself (as the app does, `dom::guide_data`, once) and gets the
//! workspace as its saved document from the app; every change made here goes back the same
//! way (`changed`), and the app saves it. Nothing here writes to storage.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use js_sys::Function;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{Ctx, Route};
use crate::guide::Guide;
use crate::saved;
use crate::web::dom;
use crate::workspace::Workspace;

struct Shown {
    token: u32,
    ws: RwSignal<Workspace>,
    /// The document last handed over, either way.
    last: Rc<RefCell<String>>,
    changed: Function,
    /// Unmounts the screen when dropped.
    _mounted: Box<dyn Any>,
}

thread_local! {
    static GUIDE: RefCell<Option<Arc<Guide>>> = const { RefCell::new(None) };
    static SHOWN: RefCell<Option<Shown>> = const { RefCell::new(None) };
    static TOKENS: Cell<u32> = const { Cell::new(0) };
}

/// Starts the module (once, when the page loads it).
pub fn start() {
    dom::log_panics();
}

/// The guide, read on the first call.
async fn guide() -> Result<Arc<Guide>, String> {
    if let Some(g) = GUIDE.with(|g| g.borrow().clone()) {
        return Ok(g);
    }
    let data = dom::guide_data()
        .await
        .map_err(|e| format!("Der Leitfaden konnte nicht geladen werden: {e}"))?;
    let guide = Arc::new(super::load_guide(data).await?);
    GUIDE.with(|g| *g.borrow_mut() = Some(guide.clone()));
    Ok(guide)
}

fn decode(json: &str, guide: &Guide) -> Result<Workspace, String> {
    let mut ws = saved::decode(json, &guide.id).map_err(|e| e.message())?;
    ws.set_id_prefix(&dom::tab_prefix());
    // A seed of its own: origins made here never equal the app's.
    ws.set_origin_seed(&dom::random_id());
    Ok(ws)
}

/// Hands back what changed since the last handover.
fn hand_back(ws: &Workspace, last: &RefCell<String>, changed: &Function) {
    let json = saved::encode(ws);
    if *last.borrow() != json {
        *last.borrow_mut() = json.clone();
        let _ = changed.call1(&JsValue::NULL, &json.into());
    }
}

/// Shows the screen of `href` in `host` on the workspace document `workspace`, with focus
/// on `place` or its heading; `changed` hears every change as a saved document. Returns the
/// token `hide` takes. A screen shown before is taken away first.
pub async fn show(
    host: web_sys::HtmlElement,
    href: String,
    workspace: String,
    place: Option<String>,
    changed: Function,
) -> Result<u32, String> {
    let guide = guide().await?;
    let ws = decode(&workspace, &guide)?;
    hide_shown();
    let route = Route::from_hash(&href);
    let last = Rc::new(RefCell::new(saved::encode(&ws)));
    let signal = Rc::new(Cell::new(None::<RwSignal<Workspace>>));
    let (last2, signal2, changed2) = (last.clone(), signal.clone(), changed.clone());
    let preview = dom::preview_requested();
    let demo = preview || dom::demo_requested();
    let mounted = mount_to(host, move || {
        let ctx = Ctx::new(guide, ws, route.clone(), demo, preview);
        provide_context(ctx);
        signal2.set(Some(ctx.ws));
        Effect::new(move |_| ctx.ws.with(|w| hand_back(w, &last2, &changed2)));
        super::more_screen(route)
    });
    let ws = signal.get().ok_or("nicht angezeigt")?;
    let token = TOKENS.with(|t| {
        t.set(t.get() + 1);
        t.get()
    });
    SHOWN.with(|s| {
        *s.borrow_mut() = Some(Shown {
            token,
            ws,
            last,
            changed,
            _mounted: Box::new(mounted),
        });
    });
    dom::focus_place(place);
    Ok(token)
}

fn hide_shown() {
    // Dropping it unmounts the screen.
    if let Some(shown) = SHOWN.with(|s| s.borrow_mut().take()) {
        let _ = shown
            .ws
            .try_with_untracked(|w| hand_back(w, &shown.last, &shown.changed));
    }
}

/// Takes the screen `token` away, after handing back what changed.
pub fn hide(token: u32) {
    if SHOWN.with(|s| s.borrow().as_ref().is_some_and(|s| s.token == token)) {
        hide_shown();
    }
}

/// The workspace changed on the app's side meanwhile (another tab): shown from now on.
pub fn update(workspace: String) {
    let Some(guide) = GUIDE.with(|g| g.borrow().clone()) else {
        return;
    };
    let Ok(ws) = decode(&workspace, &guide) else {
        return;
    };
    SHOWN.with(|s| {
        if let Some(shown) = s.borrow().as_ref() {
            *shown.last.borrow_mut() = saved::encode(&ws);
            shown.ws.set(ws);
        }
    });
}

/// Writes the Arbeitshilfe `resource` as `format` (`docx`, `odt`, `md`) from the active work
/// state of `workspace` and downloads it; `say` hears what happens, up to the end.
#[cfg(not(leitfaden_without = "documents"))]
pub async fn handout(workspace: String, resource: String, format: String, say: impl Fn(String)) {
    use crate::document::html::Credits;
    use crate::document::job::Format;
    let format = match format.as_str() {
        "docx" => Format::Docx,
        "odt" => Format::Odt,
        _ => Format::Markdown,
    };
    let made = async {
        let guide = guide().await?;
        let ws = decode(&workspace, &guide)?;
        crate::handout::Handout::build(&guide, ws.active(), &resource)
            .ok_or_else(|| "Diese Arbeitshilfe gibt es in diesem Leitfaden nicht.".to_string())
    };
    let h = match made.await {
        Ok(h) => h,
        Err(e) => return say(e),
    };
    let name = match format {
        Format::Markdown => format!("{}.md", h.resource.id),
        _ => dom::file_name(&h.resource.id, &h.kommune, format.extension()),
    };
    super::dokumente::write_and_download(
        format,
        h.to_document(&dom::today()),
        Credits::default(),
        name,
        say,
    )
    .await;
}
