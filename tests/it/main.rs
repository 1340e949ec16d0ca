//! The native integration tests, one module per topic, in one test binary.

// Natively only (the dev-dependencies are); a wasm build of all targets sees an empty crate.
#![cfg(not(target_arch = "wasm32"))]

mod common;

mod autor;
mod bundle;
mod bundled_guide;
mod checks;
mod cli;
mod condition;
mod content;
mod coverage;
mod date;
mod documents;
mod dokumente;
mod export;
mod finder;
mod generated_guide;
mod glossary;
mod html;
mod ical;
mod loader_fuzz;
mod markdown;
mod merge;
mod path;
mod plan;
mod prerender;
mod progress;
mod reconcile;
mod report;
mod review;
mod saved;
mod saved_fuzz;
mod search;
mod session;
mod transfer;
mod workspace;
