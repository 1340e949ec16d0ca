// Starts the author worker („Leitfaden anpassen“, src/bin/autor.rs): wasm-bindgen's glue for
// workers, then its wasm. trunk copies this file next to index.html; the page starts it.
importScripts('./autor.js');
wasm_bindgen({ module_or_path: './autor_bg.wasm' });
