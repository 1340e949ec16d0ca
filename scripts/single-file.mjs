// Makes one self-contained HTML file from a release build, for trainers: it runs by
// double-click from file:// (no server, no network) and keeps progress in localStorage.
//
//   node scripts/single-file.mjs [DIST] [OUT] [--vorlage]   (defaults: dist, dist-single/leitfaden.html)
//
// Starting from DIST/index.html (with its pre-rendered start page) it inlines the
// stylesheet if the build has not, embeds the guide bundle as
// <script type="application/json" id="leitfaden-guide"> (read by src/web/dom.rs), points
// the start page's step links at fragments and replaces trunk's loader with the wasm-bindgen glue in a module script
// that instantiates the wasm from base64 with initSync(), and carries the documents worker
// (started from a Blob URL by src/web/dokumente.rs) and the second module (run on the page
// by src/web/more.rs) as text. Manifest, icons, the service
// worker and its registration are left out (file:// has no service workers). Anything else
// that would still load a file makes the script fail, so the result never half-works.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => a !== '--vorlage');
// --vorlage: the template „Leitfaden anpassen“ puts an author's guide into (src/autor/mod.rs):
// without the bundled guide's pre-rendered start page, which would show the wrong guide.
const template = process.argv.includes('--vorlage');
const dist = resolve(args[0] ?? join(ROOT, 'dist'));
const out = resolve(args[1] ?? join(ROOT, 'dist-single', 'leitfaden.html'));

const fail = (msg) => {
  console.error(`single-file: ${msg}`);
  process.exit(1);
};
const read = (href) => {
  const file = join(dist, decodeURIComponent(href.replace(/^\.?\//, '')));
  try {
    return readFileSync(file);
  } catch {
    return fail(`${file} (referenced by ${dist}/index.html) is missing`);
  }
};

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  fail(`${dist}/index.html is missing; run bash scripts/build.sh first`);
}

/** Replaces the one match of `pattern` (it must match exactly once) with `replacement`. */
function once(pattern, replacement, what) {
  const all = html.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g'));
  if (!all || all.length !== 1) fail(`expected one ${what} in ${dist}/index.html, found ${all?.length ?? 0}`);
  html = html.replace(pattern, replacement);
  return all[0];
}
const remove = (pattern, what) => once(pattern, '', what);

// HTML comments (index.html's note on the offline machinery), before placeholders go in.
html = html.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '');

// trunk's loader names the glue and the wasm file.
// (`leitfaden site` made it start after the first paint, importing the glue dynamically.)
const loader = once(/<script type="module">[\s\S]*?TrunkApplicationStarted[\s\S]*?<\/script>/, '<!--APP-->', "trunk's loader script");
const gluePath = /import\('([^']+\.js)'\)/.exec(loader)?.[1] ?? fail('no glue file in the loader');
const wasmPath = /module_or_path:\s*'([^']+\.wasm)'/.exec(loader)?.[1] ?? fail('no wasm file in the loader');
if (/<link rel="(module)?preload"/.test(html)) fail('a preload link is left in the page (leitfaden site removes them)');

// Offline machinery of the served app: not for file://.
remove(/<link rel="manifest"[^>]*>/, 'manifest link');
remove(/<link rel="apple-touch-icon"[^>]*>/, 'apple-touch-icon link');
html = html.replace(/<meta name="leitfaden-service-worker"[^>]*>/, ''); // only in builds of scripts/build.sh
remove(/<script src="[^"]*offline[^"/]*\.js"[^>]*><\/script>/, 'offline.js script');

// The icon as a data: URL (saves the browser asking file:// for a favicon).
const iconHref = once(/<link rel="icon" href="([^"]+)"[^>]*>/, (tag) => tag, 'icon link');
const iconFile = /href="([^"]+)"/.exec(iconHref)[1];
html = html.replace(
  iconHref,
  `<link rel="icon" href="data:image/svg+xml;base64,${read(iconFile).toString('base64')}">`,
);

// The stylesheet: inline already in a release build (`leitfaden site`); else inline it.
if (/<link rel="stylesheet"/.test(html)) {
  const cssTag = once(/<link rel="stylesheet" href="[^"]+"[^>]*>/, '<!--CSS-->', 'stylesheet link');
  const css = read(/href="([^"]+)"/.exec(cssTag)[1]).toString('utf8');
  if (/<\/style/i.test(css)) fail('the stylesheet contains "</style"');
  if (/url\(\s*['"]?(?!data:)/i.test(css)) fail('the stylesheet refers to files with url(); inline them first');
  html = html.replace('<!--CSS-->', () => `<style>\n${css}\n</style>`);
} else if (!/<style>/.test(html)) {
  fail(`${dist}/index.html has neither a stylesheet link nor an inline stylesheet`);
}
if (/url\(\s*['"]?(?!data:)/i.test(html.match(/<style>[\s\S]*?<\/style>/)?.[0] ?? '')) {
  fail('the stylesheet refers to files with url(); inline them first');
}

// The guide: the bundle the build names (src/guide/bundle.rs), embedded as JSON text;
// "<" escaped so no text can end the script. Its meta goes (the loader that preloaded it
// went above).
const bundleMeta = once(/<meta name="leitfaden-bundle" content="[^"]+">/, '', 'guide bundle meta');
const bundleName = /content="([^"]+)"/.exec(bundleMeta)[1];
const guideJson = read(bundleName).toString('utf8').replace(/</g, '\\u003c');
// One file has no step pages: the app keeps its addresses in the fragment, and the
// pre-rendered start page links to steps by fragment.
remove(/<meta name="leitfaden-seiten"[^>]*>/, 'step pages meta');
html = html.replace(/href="schritt-([a-z0-9_-]+)\.html"/g, 'href="#/schritt/$1"').replace(/href="\.\/"/g, 'href="#/"');

if (template) {
  // The pre-rendered screen is one <div id="vorab"> with nested divs (prerender.rs);
  // its text is escaped, so every "<div" and "</div>" in it is a tag.
  const start = html.indexOf('<div id="vorab">');
  if (start < 0) fail(`${dist}/index.html has no pre-rendered <div id="vorab">`);
  const tag = /<div\b|<\/div>/g;
  tag.lastIndex = start;
  let depth = 0;
  let end = -1;
  for (let m; (m = tag.exec(html)); ) {
    depth += m[0] === '</div>' ? -1 : 1;
    if (depth === 0) {
      end = m.index + m[0].length;
      break;
    }
  }
  if (end < 0) fail('the pre-rendered <div id="vorab"> is not closed');
  html =
    html.slice(0, start) +
    '<noscript><p>Dieser Leitfaden braucht JavaScript und WebAssembly. Bitte aktivieren Sie JavaScript.</p></noscript>' +
    html.slice(end);
}

// The app: wasm-bindgen's glue (an ES module without imports), then a synchronous start
// from the embedded bytes.
const glue = read(gluePath).toString('utf8');
if (/^\s*import\s/m.test(glue)) fail(`${gluePath} imports other modules (snippets?); inline them first`);
if (!/\binitSync\b/.test(glue)) fail(`${gluePath} has no initSync (wasm-bindgen changed its glue?)`);
if (/<\/script|<!--/i.test(glue)) fail(`${gluePath} contains "</script" or "<!--"`);
const wasm = read(wasmPath);
const app =
  `<script type="application/json" id="leitfaden-guide">${guideJson}</script>\n` +
  '<script type="module">\n' +
  glue +
  '\n// Single-file build (scripts/single-file.mjs): the wasm module, base64-encoded.\n' +
  `const wasmBase64 = "${wasm.toString('base64')}";\n` +
  'const wasmText = atob(wasmBase64);\n' +
  'const wasmBytes = new Uint8Array(wasmText.length);\n' +
  'for (let i = 0; i < wasmText.length; i++) wasmBytes[i] = wasmText.charCodeAt(i);\n' +
  'initSync({ module: wasmBytes });\n' +
  '</script>';
/**
 * A wasm module the page carries as text, `<script type="text/plain" id="ID">`: its glue
 * (`NAME.js`, a script that defines `wasm_bindgen`) and its wasm in base64, started with
 * initSync when that text runs.
 */
function inlineModule(id, name, what) {
  const glue = read(`${name}.js`).toString('utf8');
  if (/<\/script|<!--/i.test(glue)) fail(`${name}.js contains "</script" or "<!--"`);
  if (!/\binitSync\b/.test(glue)) fail(`${name}.js has no initSync (wasm-bindgen changed its glue?)`);
  return `<script type="text/plain" id="${id}">\n${glue}\n` +
    `// Single-file build (scripts/single-file.mjs): ${what}, base64-encoded.\n` +
    `{ const text = atob("${read(`${name}_bg.wasm`).toString('base64')}");\n` +
    'const bytes = new Uint8Array(text.length);\n' +
    'for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n' +
    'wasm_bindgen.initSync({ module: bytes }); }\n' +
    '</script>';
}
// The documents worker (src/bin/dokumente.rs): a file:// page cannot start a worker from a
// file, so it goes into the page as text, which src/web/dokumente.rs starts from a Blob URL
// when the user first asks for a document.
const worker = inlineModule('leitfaden-dokumente', 'dokumente', "the worker's wasm module");
// The second module (src/bin/mehr.rs): the screens a first visit does not need, as text that
// src/web/more.rs runs as a script on the page when a user first opens one of them.
const more = inlineModule('leitfaden-mehr', 'mehr', "the second module's wasm");
html = html.replace('<!--APP-->', () => `${worker}\n${more}\n${app}`);

// Nothing may still point at a file of the build.
const leftover = [...html.matchAll(/\s(?:src|href)="(?!data:|https?:|mailto:|#|\?)([^"]*)"/g)].map((m) => m[1]);
if (leftover.length) fail(`still refers to files: ${leftover.join(', ')}`);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = gzipSync(html, { level: 9 }).length;
console.log(`single-file: ${relative(ROOT, out)}: ${kb(Buffer.byteLength(html))} raw, ${kb(gz)} gzip`);
