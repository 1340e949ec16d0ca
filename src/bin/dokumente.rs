//! The documents worker: a wasm module of its own that writes .docx, .odt and the web page
//! (`document::job`), so that none of that code is in the app's first load.
//!
//! In the browser trunk builds it as a web worker (`data-type="worker"` in index.html) and
//! the app starts it only when someone asks for a document (`web::dokumente`). Natively it
//! does the same job on the command line: a job's JSON on stdin, the file on stdout.

#[cfg(target_arch = "wasm32")]
fn main() {
    leitfaden::web::dokumente::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::io::{Read, Write};
    let mut json = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut json) {
        eprintln!("dokumente: stdin: {e}");
        return std::process::ExitCode::from(2);
    }
    match leitfaden::document::job::run(&json) {
        (_, Ok(bytes)) => match std::io::stdout().write_all(&bytes) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("dokumente: stdout: {e}");
                std::process::ExitCode::from(2)
            }
        },
        (_, Err(e)) => {
            eprintln!("dokumente: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
