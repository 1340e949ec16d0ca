//! Leitfaden: an interactive guide engine for introducing kommunales Open Government.
//! The core (guide, condition, path, profile, progress) is plain Rust; the app is wasm-only.

// Errors here are reports for people, built once on a cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod condition;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
pub mod glossary;
pub mod guide;
pub mod markdown;
pub mod path;
pub mod profile;
pub mod progress;
pub mod report;
pub mod route;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod storage;
