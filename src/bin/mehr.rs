//! The second module: the screens a first visit does not need, in a wasm of their own
//! (`leitfaden::app::more`), so that the app's first load carries none of their code.
//!
//! trunk builds it as `mehr.js` + `mehr_bg.wasm` (`data-type="worker"` in index.html, which
//! yields a plain script), and the app loads it on the page when it first needs it
//! (`leitfaden::web::more`). These exports are all the app calls; they live here, not in
//! the library, so that no other wasm contains them.

#[cfg(target_arch = "wasm32")]
mod exports {
    use js_sys::{Function, Promise};
    use leitfaden::app::more;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::future_to_promise;

    /// Shows a screen; resolves to its token.
    #[wasm_bindgen]
    pub fn show(
        host: web_sys::HtmlElement,
        href: String,
        workspace: String,
        place: Option<String>,
        changed: Function,
    ) -> Promise {
        future_to_promise(async move {
            more::show(host, href, workspace, place, changed)
                .await
                .map(JsValue::from)
                .map_err(JsValue::from)
        })
    }

    #[wasm_bindgen]
    pub fn hide(token: u32) {
        more::hide(token);
    }

    #[wasm_bindgen]
    pub fn update(workspace: String) {
        more::update(workspace);
    }

    /// Writes and downloads an Arbeitshilfe; resolves when that has ended.
    #[wasm_bindgen]
    pub fn handout(workspace: String, resource: String, format: String, say: Function) -> Promise {
        future_to_promise(async move {
            #[cfg(not(leitfaden_without = "documents"))]
            more::handout(workspace, resource, format, move |s| {
                let _ = say.call1(&JsValue::NULL, &s.into());
            })
            .await;
            #[cfg(leitfaden_without = "documents")]
            let _ = (workspace, resource, format, say);
            Ok(JsValue::UNDEFINED)
        })
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    leitfaden::app::more::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("mehr: the app's second module runs only in the browser (built by trunk).");
    std::process::exit(2);
}
