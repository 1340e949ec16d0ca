//! The one binary: in the browser (wasm) it starts the app; natively it is the authors'
//! command-line tool `leitfaden` (see `cli`).

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    leitfaden::app::start();
}
