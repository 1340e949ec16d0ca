// After a release build (scripts/build.sh runs it after trunk): makes the build work offline.
//
//   node scripts/precache.mjs [DIST]      (default: dist)
//
// 1. Marks DIST/index.html and the step pages with <meta name="leitfaden-service-worker" content="sw.js">, the
//    sign for pwa/offline.js to register the worker (pages from `trunk serve` lack it).
// 2. Lists every file of DIST (except sw.js itself, the pre-rendered step pages and the files of
//    „Leitfaden anpassen“) with its SHA-256 and writes DIST/sw.js
//    from the template pwa/sw.js with that list; the cache name is a hash of the list, so
//    any changed file makes a new sw.js, which browsers then install as a new version.
// Idempotent: running it again on the same build changes nothing.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = join(ROOT, 'pwa', 'sw.js');
const WORKER = 'sw.js';
const MARK = `<meta name="leitfaden-service-worker" content="${WORKER}">`;

const dist = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const fail = (msg) => {
  console.error(`precache: ${msg}`);
  process.exit(1);
};

// 1. The mark in index.html and in every pre-rendered step page, so that a first visit to
//    either registers the worker (before the list is made: index.html is on it).
const indexPath = join(dist, 'index.html');
try {
  statSync(indexPath);
} catch {
  fail(`${indexPath} is missing; run the release build first (bash scripts/build.sh)`);
}
const pages = readdirSync(dist).filter((n) => n === 'index.html' || /^schritt-[^/]+\.html$/.test(n));
for (const name of pages) {
  const pagePath = join(dist, name);
  let page = readFileSync(pagePath, 'utf8');
  if (!/<script[^>]*\ssrc="[^"]*offline[^"/]*\.js"/.test(page)) {
    fail(`${pagePath} does not load pwa/offline.js (see index.html): nothing would register ${WORKER}`);
  }
  if (!page.includes(MARK)) {
    if (!page.includes('</head>')) fail(`${pagePath} has no </head>`);
    page = page.replace('</head>', `${MARK}\n</head>`);
    writeFileSync(pagePath, page);
  }
}

// 2. Every file, in a stable order, with its content hash.
const paths = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else paths.push(relative(dist, p).split(sep).join('/'));
  }
})(dist);
const files = {};
// The pre-rendered step pages are for landing on a step; offline, the app itself (index.html)
// shows any step, so they are not downloaded in advance.
const STEP_PAGE = /^schritt-[^/]+\.html$/;
// „Leitfaden anpassen“ is for the few who author: its worker, the template zip and the single
// file it ships are fetched when that page is used, not downloaded by every visitor.
const AUTHOR = /^(autor(-worker|_bg)?\.(js|wasm)|leitfaden-vorlage\.zip|leitfaden-einzeldatei\.html)$/;
for (const path of paths.filter((p) => p !== WORKER && !STEP_PAGE.test(p) && !AUTHOR.test(p)).sort()) {
  files[path] = createHash('sha256').update(readFileSync(join(dist, path))).digest('hex');
}
const list = JSON.stringify(files);
const version = createHash('sha256').update(list).digest('hex').slice(0, 16);

const template = readFileSync(TEMPLATE, 'utf8');
const placeholder = /^const PRECACHE = null;.*$/m;
if (!placeholder.test(template)) fail(`${TEMPLATE} has no line "const PRECACHE = null; …"`);
const worker = template.replace(
  placeholder,
  () => `const PRECACHE = ${JSON.stringify({ version, files })}; // written by scripts/precache.mjs`,
);
writeFileSync(join(dist, WORKER), worker);
console.log(
  `precache: ${WORKER} lists ${Object.keys(files).length} files of ${relative(ROOT, dist) || dist}/, ` +
    `cache leitfaden-precache-${version}`,
);
