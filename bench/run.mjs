// Runs every benchmark and writes BENCHMARKS.md: first the figures of issue 15, each with
// its target and whether it is met, then the others, the sizes per file, and the
// hand-written explanations kept in bench/NOTES.md (so a rerun never erases them).
// Usage (after a release build): node bench/run.mjs   — or simply `bash scripts/bench.sh`.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { measure as lighthouse } from './lighthouse.mjs';
import { measureSearch } from './search.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const single = join(root, 'dist-single', 'leitfaden.html');
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const work = join(target, 'bench');
const cli = join(target, 'release', 'leitfaden');
const notesFile = join(root, 'bench', 'NOTES.md');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
const loadBefore = load();

function files(dir) {
  const out = [];
  (function walk(d) {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p); else out.push(p);
    }
  })(dir);
  return out.sort();
}

function sizes(path) {
  const data = readFileSync(path);
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Wall times of a command, `runs` times after one warm-up. */
function time(cmd, args, runs = 7) {
  spawnSync(cmd, args, { stdio: 'ignore' });
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  }
  return out;
}

const met = (ok) => (ok === undefined ? '–' : ok ? 'met' : '**no**');
// The issue's table, in its order; `key` names the explanation bench/NOTES.md should have
// for a missed target (a bold paragraph start such as **First step on screen**).
const issue = [];
const goal = (key, what, measured, goal, ok) => issue.push({ key, what, measured, goal, ok });
const rows = [];
const row = (what, measured, goal, ok) => rows.push(`| ${what} | ${measured} | ${goal ?? '–'} | ${met(ok)} |`);

// Sizes. A new visitor gets the page it lands on (index.html or one pre-rendered step page)
// and then what the service worker precaches (its list in dist/sw.js, index.html included);
// the step pages are for landing only and are not precached.
const sizeRows = [];
const total = { raw: 0, gzip: 0, brotli: 0 };
const stepPages = { count: 0, raw: 0, gzip: 0, brotli: 0, largestGzip: 0 };
for (const f of files(dist)) {
  const s = sizes(f);
  for (const k of Object.keys(total)) total[k] += s[k];
  if (/^schritt-.*\.html$/.test(relative(dist, f))) {
    stepPages.count++;
    for (const k of ['raw', 'gzip', 'brotli']) stepPages[k] += s[k];
    stepPages.largestGzip = Math.max(stepPages.largestGzip, s.gzip);
    continue;
  }
  sizeRows.push(`| ${relative(dist, f)} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
}
if (stepPages.count) sizeRows.push(`| ${stepPages.count} pre-rendered step pages \`schritt-*.html\` (together; largest ${kb(stepPages.largestGzip)} gzip) | ${kb(stepPages.raw)} | ${kb(stepPages.gzip)} | ${kb(stepPages.brotli)} |`);
sizeRows.push(`| **total of dist/** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |`);
const singleSize = existsSync(single) ? sizes(single) : null;
if (singleSize) sizeRows.push(`| single file leitfaden.html | ${kb(singleSize.raw)} | ${kb(singleSize.gzip)} | ${kb(singleSize.brotli)} |`);
const wasmFiles = files(dist).filter((f) => f.endsWith('.wasm'));
const mainWasm = wasmFiles.filter((f) => /\/leitfaden-[0-9a-f]+_bg\.wasm$/.test(f));
const wasm = mainWasm.map(sizes).reduce((a, s) => ({ gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { gzip: 0, brotli: 0 });
const bundleFile = files(dist).find((f) => /\/leitfaden-[0-9a-f]+\.json$/.test(f));
const guideGzip = bundleFile ? sizes(bundleFile).gzip : 0;
// The second module (src/bin/mehr.rs): loaded the first time one of its screens is opened.
const gzipOf = (re) => files(dist).filter((f) => re.test(relative(dist, f))).reduce((a, f) => a + sizes(f).gzip, 0);
const secondModule = gzipOf(/^mehr(_bg\.wasm|\.js)$/);
// What a visitor loads before the app answers: the page it lands on, the app's glue and
// wasm, the guide bundle and the offline script (not what the service worker then precaches).
const firstLoad = gzipOf(/^(leitfaden-[0-9a-f]+(_bg\.wasm|\.js|\.json)|offline-[0-9a-f]+\.js)$/);
// What the service worker precaches, from its list.
const swText = readFileSync(join(dist, 'sw.js'), 'utf8');
const precached = Object.keys(JSON.parse(swText.match(/const PRECACHE = (\{.*?\});/)[1]).files);
const precache = precached.map((f) => sizes(join(dist, f))).reduce((a, s) => a + s.gzip, sizes(join(dist, 'sw.js')).gzip);
const landingStep = Math.max(0, stepPages.largestGzip);
const firstVisit = { start: precache, step: precache + landingStep };

// Author checks on generated guides and the bundled one.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const n of [2000, 10000]) {
  execFileSync(cli, ['generate', '--steps', String(n), '--seed', '1', join(work, `guide-${n}`)]);
  const t = median(time(cli, ['check', join(work, `guide-${n}`)]));
  row(`\`leitfaden check\`, generated guide of ${n} steps (median of 7)`, ms(t), n === 10000 ? '≤ 500 ms' : '–', n === 10000 ? t <= 500 : undefined);
}
// The 2,000-step guide as a site of its own (the app of this build, that guide's bundle and
// pages), for the step-change figures.
const built = join(root, 'target', 'trunk-dist');
const generatedSite = join(work, 'site-2000');
execFileSync(cli, ['site', join(work, 'guide-2000'), built, generatedSite], { stdio: ['ignore', 'ignore', 'inherit'] });
const checkOut = execFileSync(cli, ['check', join(root, 'guide')]).toString();
const walks = checkOut.match(/(\d+) Wege/)?.[1];
const bundledCheck = median(time(cli, ['check', join(root, 'guide')]));
row(`\`leitfaden check\` on the bundled guide, exhaustive (${walks} path walks; median of 7)`, ms(bundledCheck), '≤ 1 s', bundledCheck <= 1000);

// Path computation: criterion.
const bench = spawnSync('cargo', ['bench', '--quiet', '--bench', 'path', '--', '--noplot'], { cwd: root, encoding: 'utf8' });
for (const m of (bench.stdout ?? '').matchAll(/^(.+?)\s+time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]/gm)) {
  const compute = m[1].includes('compute');
  row(`${m[1].trim()} (criterion, median estimate)`, `${m[2]} ${m[3]}`, compute ? 'cheap enough for every click' : '–', compute ? true : undefined);
}
if (bench.status !== 0) row('criterion benchmark', `failed: ${(bench.stderr ?? '').slice(-200)}`, '–', false);

// Lighthouse, then the browser figures (one after the other: they share the CPU).
const lh = await lighthouse(dist, join(root, 'guide'), 3);
const b = JSON.parse(execFileSync('node', [join(root, 'bench', 'browser.mjs'), dist, join(root, 'guide'), generatedSite, join(work, 'guide-2000')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const s = b.summary;
// The search (issue 16): queries typed into the field on the 2,000-step guide, the index
// build against the app's start, and the wasm with and without the search field.
const found = await measureSearch(generatedSite, { runs: 5 });
const weigh = (built) => {
  // The same steps as trunk's (wasm-bindgen, then wasm-opt -Oz) for both builds.
  const out = join(work, `weigh-${relative(target, built).replace(/\W+/g, '-')}`);
  rmSync(out, { recursive: true, force: true });
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, built]);
  const bg = join(out, 'leitfaden_bg.wasm');
  execFileSync(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--all-features', bg, '-o', bg]);
  return sizes(bg).gzip;
};
const withSearch = join(target, 'wasm32-unknown-unknown', 'release', 'leitfaden.wasm');
const withoutSearch = join(target, 'without-search', 'wasm32-unknown-unknown', 'release', 'leitfaden.wasm');
const searchWeight = existsSync(withoutSearch) ? weigh(withSearch) - weigh(withoutSearch) : null;
// The documents (issue 13): their buttons, copy-as-text, the mail link, the publish choices and
// the worker's client, weighed the same way (`--cfg leitfaden_without="documents"`).
const withoutDocuments = join(target, 'without-documents', 'wasm32-unknown-unknown', 'release', 'leitfaden.wasm');
const documentsWeight = existsSync(withoutDocuments) ? weigh(withSearch) - weigh(withoutDocuments) : null;

// The issue's table.
const ratio = s.firstStepMedian / s.staticMedian;
goal('First step on screen', 'first step on screen, cold, Chromium, ratio to the static page (median)', `${ratio.toFixed(2)} ×`, '≤ 1.5 ×', ratio <= 1.5);
goal('Wasm size', `wasm of the app, gzip${wasmFiles.length > mainWasm.length ? ` (the second module and the workers, loaded on demand, not counted: ${wasmFiles.length - mainWasm.length})` : ''}`, kb(wasm.gzip), '≤ 250 KB', wasm.gzip <= 250 * 1024);
goal('First visit', 'whole first visit (the landing page, sw.js and everything it precaches), gzip: landing on the start page / on the largest step page', `${kb(firstVisit.start)} / ${kb(firstVisit.step)}`, '≤ 320 KB', firstVisit.step <= 320 * 1024);
const score = (x) => x.toFixed(2);
goal('Lighthouse', 'Lighthouse mobile performance, start page (median of 3)', score(lh.median.start.score), '≥ 0.95', lh.median.start.score >= 0.95);
goal('Lighthouse', `Lighthouse mobile performance, deep-linked step \`schritt-${lh.step}.html\` (median of 3)`, score(lh.median.step.score), '≥ 0.95', lh.median.step.score >= 0.95);
const cls = Math.max(lh.median.start.cls, lh.median.step.cls);
goal('Layout shift', 'layout shift when the app takes over (CLS, Lighthouse, the larger of both pages)', cls.toFixed(3), '≤ 0.02', cls <= 0.02);
goal('Step change', `step change p95 on the 2,000-step guide (click „Weiter“ → next heading laid out, ${b.stepChange.count} steps)`, ms(b.stepChange.p95), '≤ 15 ms (unchanged or better)', b.stepChange.p95 <= 15);

// The other browser figures.
const other = [];
const more = (what, measured, goal, ok) => other.push(`| ${what} | ${measured} | ${goal ?? '–'} | ${met(ok)} |`);
more(`first step on screen, cold, Chromium: the app, median of ${b.firstStep.runs}`, ms(s.firstStepMedian));
more(`… the same step as a static HTML page (the floor), median of ${b.firstStep.runs}, interleaved with the app`, ms(s.staticMedian));
more('… median of the ratios of each interleaved pair', `${s.ratioMedian.toFixed(2)} ×`);
more(`… the app ready on that step (pre-rendered page replaced by the running app), median of ${b.firstStep.runs}`, ms(s.readyMedian));
if (b.slowLine) {
  const c = b.slowLine.conditions;
  more(`… the same over a slow line (Chromium's network emulation of the page's requests, service worker blocked: ${(c.downloadThroughput * 8 / 1e6).toFixed(1)} Mbit/s, ${c.latency} ms round trip), first step on screen / app ready, medians of ${b.slowLine.runs}`,
    `${ms(median(b.slowLine.frame))} / ${ms(median(b.slowLine.ready))}`);
}
more(`… layout shift from navigation to ${b.firstStep.settleMs / 1000} s after the app took over, Chromium 1280 × 720 (largest of ${b.firstStep.runs})`, s.takeoverClsMax.toFixed(3), '≤ 0.02', s.takeoverClsMax <= 0.02);
for (const [which, name] of [['start', 'start page'], ['step', 'deep-linked step']]) {
  const m = lh.median[which];
  more(`Lighthouse ${name}: FCP / LCP / TBT / CLS (medians of 3)`, `${ms(m.fcp)} / ${ms(m.lcp)} / ${ms(m.tbt)} / ${m.cls.toFixed(3)}`);
  more(`… its three scores`, lh.runs[which].map((r) => score(r.score)).join(', '));
}
more(`first visit as sent by the host (page and service worker precache, gzip; ${b.visits.firstRequests} requests)`, kb(b.visits.firstBytes), '≤ 320 KB', b.visits.firstBytes <= 320 * 1024);
if (b.visits.fetchedTwice.length) {
  more('… files downloaded twice (by the page, then by the precache)',
    `${b.visits.fetchedTwice.length} files, ${kb(b.visits.twiceBytes)} the second time: ${b.visits.fetchedTwice.map((p) => `\`${p.slice(1)}\``).join(', ')}`);
}
more('sum over all of dist/, gzip / brotli (step pages included, which a visitor fetches only when landing on one)', `${kb(total.gzip)} / ${kb(total.brotli)}`);
more(`… the wasm with brotli`, kb(wasm.brotli));
if (b.visits.controlled) {
  more(`repeat visit, service worker in control: bytes from the network (median of ${b.visits.repeats.length})`,
    `${kb(s.repeatBytesMedian)} (${[...new Set(b.visits.repeats.flatMap((r) => r.requests))].join(', ') || 'no request'})`);
  more(`… first step on screen (median of ${b.visits.repeats.length}; each: ${b.visits.repeats.map((r) => r.frame.toFixed(0)).join(', ')} ms)`, ms(s.repeatMedian));
} else {
  more('repeat visit', 'no service worker took control within 30 s (is `dist/sw.js` there? `bash scripts/build.sh` writes it)', '–', false);
}
more(`step change p50 / p95, 2,000-step guide`, `${ms(b.stepChange.p50)} / ${ms(b.stepChange.p95)}`);
more(`… to the next animation frame (includes waiting for the frame), p50 / p95`, `${ms(b.stepChange.frameP50)} / ${ms(b.stepChange.frameP95)}`);
const w = b.workStates;
more(`step change p50 / p95 with ${w.states} work states of ${w.notesPerState} notes each in storage (${kb(w.storedBytes)} stored)`,
  `${ms(w.p50)} / ${ms(w.p95)}`, 'p95 ≤ 16 ms', w.p95 <= 16);
more('… the app opened that workspace without a storage warning and kept every note',
  w.ok ? 'yes' : `no: ${JSON.stringify({ opened: w.opened, errors: w.errors, savedStates: w.savedStates })}`, 'yes', w.ok);
more(`memory after walking ${b.memory.steps} steps: JS heap + wasm memory`, `${kb(b.memory.jsHeapUsed)} + ${kb(b.memory.wasm)}`);
more('the guide bundle (JSON, precached), gzip', kb(guideGzip));
more('what a visitor loads before the app answers (the largest step page, the app\'s glue and wasm, the guide bundle, offline.js; the precache comes after), gzip', kb(firstLoad + landingStep));
more('the second module `mehr.js` + `mehr_bg.wasm` (work states, report and documents, tasks, review, comparison, about, author page), loaded when one of its screens is first opened, precached for offline use, gzip', kb(secondModule));
const q = found.queries;
more(`search, 2,000-step guide: query answered (input → hits laid out), p50 / p95 / max over ${q.keystrokes} keystrokes of ${q.list.length} queries`,
  `${ms(q.p50)} / ${ms(q.p95)} / ${ms(q.max)}`, 'p95 ≤ 30 ms', q.p95 <= 30);
more(`… building the index (on the first focus of the field) against the app's start, medians of ${found.runs}`,
  `${ms(found.indexBuild.median)} / ${ms(found.appStart.median)} = ${(found.share * 100).toFixed(1)} %`, '≤ 10 %', found.share <= 0.1);
more('… what the search adds to the first load: the wasm with and without the search field (`--cfg leitfaden_without="search"`), gzip',
  searchWeight === null ? 'not measured (the build without the search is missing: `bash scripts/bench.sh` makes it)' : kb(searchWeight), '≤ 15 KB', searchWeight === null ? false : searchWeight <= 15 * 1024);
more('what the documents add to the first load (issue 13: it should not grow): the app\'s wasm with and without their controls (`--cfg leitfaden_without="documents"`), gzip; the report\'s and the work states\' controls are in the second module, the writers are the worker `dokumente_bg.wasm`',
  documentsWeight === null ? 'not measured (the build without the documents is missing: `bash scripts/bench.sh` makes it)' : kb(documentsWeight), '0 KB', documentsWeight === null ? false : documentsWeight <= 0);
if (singleSize) more('single-file build, raw / gzip', `${kb(singleSize.raw)} / ${kb(singleSize.gzip)}`);

const chromium = execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
const machine = `${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${chromium}; Lighthouse ${lh.version} (its CPU benchmark index here: ${Math.round(lh.benchmarkIndex)})`;
const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
const missing = issue.filter((t) => t.ok === false && !notes.includes(`**${t.key}`));
const md = `# Benchmarks

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.
Load average (1 / 5 / 15 min) before: ${loadBefore}, after: ${load()}.
Rerun with \`bash scripts/bench.sh\` (it builds what is missing; figures vary with the machine's load: compare medians and ratios).
The browser figures are taken against \`bench/serve.mjs\`, a static host that sends \`dist/\` gzip-compressed with ETags, as a real host does.

## Targets (issue 15)

| figure | measured | target | met |
|---|---|---|---|
${issue.map((t) => `| ${t.what} | ${t.measured} | ${t.goal} | ${met(t.ok)} |`).join('\n')}

## Other figures

| what | measured | target | met |
|---|---|---|---|
${other.join('\n')}
${rows.join('\n')}

## Sizes per file (dist/)

| file | raw | gzip | brotli |
|---|---|---|---|
${sizeRows.join('\n')}

${notes}`;
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
for (const t of missing) console.warn(`bench: target missed without an explanation in bench/NOTES.md (a paragraph starting **${t.key}…): ${t.what}`);
