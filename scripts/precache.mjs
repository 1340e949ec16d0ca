// After a release build (scripts/build.sh runs it after trunk): makes the build work offline.
//
//   node scripts/precache.mjs [DIST]      (default: dist)
//
// 1. Marks DIST/index.html with <meta name="leitfaden-service-worker" content="sw.js">, the
//    sign for pwa/offline.js to register the worker (pages from `trunk serve` lack it).
//    It also preloads the guide's files from index.html (they arrive while the wasm compiles).
// 2. Lists every file of DIST (except sw.js itself) with its SHA-256 and writes DIST/sw.js
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

// 1. The mark in index.html (before the list is made: index.html is on it).
const indexPath = join(dist, 'index.html');
let index;
try {
  index = readFileSync(indexPath, 'utf8');
} catch {
  fail(`${indexPath} is missing; run the release build first (bash scripts/build.sh)`);
}
if (!/<script[^>]*\ssrc="[^"]*offline[^"/]*\.js"/.test(index)) {
  fail(`${indexPath} does not load pwa/offline.js (see index.html): nothing would register ${WORKER}`);
}
if (!index.includes(MARK)) {
  if (!index.includes('</head>')) fail(`${indexPath} has no </head>`);
  index = index.replace('</head>', `${MARK}\n</head>`);
  writeFileSync(indexPath, index);
}
// Preload the guide's files, so they arrive while the wasm compiles instead of after it.
if (!index.includes('rel="preload" href="guide/')) {
  const guideFiles = [];
  (function walk(dir) {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ron')) guideFiles.push(relative(dist, p).split(sep).join('/'));
    }
  })(join(dist, 'guide'));
  const links = guideFiles
    .map((f) => `<link rel="preload" href="${f}" as="fetch" crossorigin="anonymous">`)
    .join('\n');
  index = index.replace('</head>', `${links}\n</head>`);
  writeFileSync(indexPath, index);
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
for (const path of paths.filter((p) => p !== WORKER).sort()) {
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
