//! Leitfaden: an interactive guide engine for introducing kommunales Open Government.
//! The core (guide, condition, path, profile, progress) is plain Rust; the app is wasm-only.

pub mod condition;
pub mod glossary;
pub mod guide;
pub mod markdown;
pub mod path;
pub mod profile;
