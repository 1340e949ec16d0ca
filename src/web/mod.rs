//! The only code that touches the browser: storage, downloads, reading files, the clock,
//! the URL and the DOM. Everything here is a thin edge over `web_sys`; the rules that
//! decide what to do with what it returns live in the core (`session`, `saved`, …).

pub mod autor;
pub mod autor_worker;
pub mod dokumente;
pub mod dom;
pub mod more;
pub mod searchbox;
pub mod storage;
