//! The author page's web worker (README: "Leitfaden anpassen"): a wasm binary of its own,
//! so that the RON loader and the author checks load only when someone opens that page.

#[cfg(target_arch = "wasm32")]
fn main() {
    leitfaden::web::autor_worker::start();
}

// Natively there is nothing to run: the checks are `leitfaden check`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("autor is the author page's web worker; for the checks run `leitfaden check DIR`");
    std::process::exit(2);
}
