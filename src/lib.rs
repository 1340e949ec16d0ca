//! Leitfaden: an interactive guide engine for introducing kommunales Open Government.
//! The core (everything but `web` and `app`) is plain Rust, tested natively; `web` is the
//! browser edge and `app` the Leptos screens (wasm only). README: "How it is built".

// Errors here are reports for people, built once on a cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod autor;
pub mod check;
pub mod condition;
pub mod coverage;
pub mod date;
pub mod document;
pub mod export;
pub mod finder;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
pub mod guide;
pub mod handout;
pub mod html;
pub mod ical;
pub mod markdown;
pub mod path;
pub mod plan;
pub mod prerender;
pub mod profile;
pub mod progress;
pub mod reconcile;
pub mod report;
pub mod review;
pub mod route;
pub mod saved;
pub mod search;
pub mod session;
pub mod stats;
pub mod text;
pub mod transfer;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod web;
