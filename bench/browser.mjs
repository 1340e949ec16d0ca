// Browser figures for BENCHMARKS.md, measured in headless Chromium in one run, against
// bench/serve.mjs (gzip, like a real host):
//   first step on screen (cold) vs. a static page with the same text, interleaved, and the
//     layout shift until the app has taken over;
//   step change on a generated 2,000-step guide (p50/p95 over 200 clicks), with empty
//     storage and with 20 work states of 200 notes each;
//   memory (JS heap + wasm) after walking 200 steps;
//   a first and a repeat visit with the service worker: bytes from the network, time to
//     the first step.
// Usage: node bench/browser.mjs DIST GUIDE_DIR GENERATED_SITE GENERATED_GUIDE_DIR → one JSON object.
// DIST is the release site of GUIDE_DIR (the bundled guide); GENERATED_SITE the same app
// with the generated guide (`leitfaden site GENERATED_GUIDE_DIR target/trunk-dist OUT`).

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { firstStepOf, guideOf, stepsOf } from './guide.mjs';
import { ARGS, CHROMIUM } from './lighthouse.mjs';

const [dist, guideDir, generatedSite, generated] = process.argv.slice(2).map((p) => resolve(p));
const root = new URL('..', import.meta.url).pathname;
/** The pre-rendered page of a step (src/prerender.rs), where a deep link lands. */
const stepPage = (id) => `/schritt-${encodeURIComponent(id)}.html`;
/** The app has taken over: the pre-rendered shell is gone and a heading is rendered. */
const APP = 'body:not(:has(#vorab)) main h1';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
/** How long after the first step the layout is watched for shifts (the app taking over). */
const SETTLE_MS = 2000;

// Records, from navigation start, when a `main h1` with the wanted text is in the DOM and
// laid out, and the animation frame after that (the frame that paints it); and every
// layout shift not caused by input.
const WATCH = (wanted) => {
  window.__shifts = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({ at: e.startTime, value: e.value });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch { /* no layout-shift entries: reported as 0 */ }
  window.__firstStep = new Promise((done) => {
    const check = () => {
      const h = document.querySelector('main h1');
      if (h && h.textContent.trim() === wanted) {
        h.getBoundingClientRect();
        const laidOut = performance.now();
        requestAnimationFrame(() => done({ laidOut, frame: performance.now() }));
        return true;
      }
      return false;
    };
    if (!check()) new MutationObserver((_, o) => { if (check()) o.disconnect(); })
      .observe(document, { subtree: true, childList: true, characterData: true });
  });
  // The running app replaces the pre-rendered page (`#vorab`); a static page has none and
  // counts as ready at its first step.
  window.__ready = window.__firstStep.then((first) => new Promise((done) => {
    const check = () => {
      if (document.readyState === 'loading') return false;
      const h = document.querySelector('main h1');
      if (!document.querySelector('#vorab') && h && h.textContent.trim() === wanted) {
        done(document.documentElement.dataset.statisch ? first.frame : performance.now());
        return true;
      }
      return false;
    };
    if (!check()) {
      const o = new MutationObserver(() => { if (check()) o.disconnect(); });
      o.observe(document, { subtree: true, childList: true, characterData: true });
      document.addEventListener('DOMContentLoaded', () => { if (check()) o.disconnect(); });
    }
  }));
};

/** Waits for the watched heading in `page` (after WATCH and a navigation). */
async function watched(page) {
  return page.evaluate(() => Promise.race([Promise.all([window.__firstStep, window.__ready])
    .then(([first, ready]) => ({ ...first, ready })),
  new Promise((_, no) => setTimeout(() => no(new Error(`no heading or app after 30 s on ${location.href}`)), 30000))]));
}

/** A slow office line, as Chromium's network emulation has it (the page's own requests). */
const SLOW_LINE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

/** One cold visit in a fresh profile: first step time, and layout shift until settled. */
async function coldVisit(browser, url, wanted, network = null) {
  // A fresh profile: empty cache and storage. On an emulated line without the service worker,
  // whose own requests the emulation does not slow (it would hand the page what it fetched).
  const context = await browser.newContext(network ? { serviceWorkers: 'block' } : {});
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  await page.addInitScript(WATCH, wanted);
  await page.goto(url);
  const t = await watched(page);
  await page.waitForTimeout(SETTLE_MS);
  const shifts = await page.evaluate(() => window.__shifts);
  await context.close();
  return { frame: t.frame, ready: t.ready, cls: shifts.reduce((a, s) => a + s.value, 0), lastShift: shifts.at(-1)?.at ?? null };
}

/** Clicks „Weiter“ (a[rel=next]) `n` times; the time to the next heading laid out, and to the frame after. */
async function walk(page, n) {
  return page.evaluate(async (n) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const before = document.querySelector('main h1').textContent;
      const next = document.querySelector('a[rel=next]');
      if (!next) break;
      const t0 = performance.now();
      const laidOut = await new Promise((done) => {
        const o = new MutationObserver(() => {
          const h = document.querySelector('main h1');
          if (h && h.textContent !== before) { o.disconnect(); h.getBoundingClientRect(); done(performance.now()); }
        });
        o.observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
        next.click();
      });
      const frame = await new Promise((done) => requestAnimationFrame(() => done(performance.now())));
      times.push({ laidOut: laidOut - t0, frame: frame - t0 });
    }
    return times;
  }, n);
}

function stepFigures(clicks) {
  const measured = clicks.slice(20); // the first 20 warm the JIT up
  const laidOut = measured.map((c) => c.laidOut);
  const frame = measured.map((c) => c.frame);
  return { count: measured.length, clicks: clicks.length, p50: median(laidOut), p95: pct(laidOut, 0.95),
    frameP50: median(frame), frameP95: pct(frame, 0.95) };
}

/**
 * A stored workspace as the app writes it (src/saved.rs, src/workspace.rs,
 * src/progress.rs): `states` work states with a complete intake, every step known, and a
 * note on each of the first `notes` steps.
 */
function workspace(guideDir, states, notes) {
  const guide = guideOf(guideDir);
  const steps = stepsOf(guideDir).map((s) => s.id);
  const now = Date.now();
  const note = (s, n) => `Notiz ${n} im Arbeitsstand ${s}: Mit dem Fachbereich abgestimmt, Termin im nächsten Quartal; ` +
    'offene Fragen zur Finanzierung und zur Beteiligung des Rates bitte bis zur nächsten Sitzung klären.';
  return {
    kind: 'leitfaden-arbeitsstand',
    format: 1,
    guide: guide.id,
    active: '1',
    states: Array.from({ length: states }, (_, i) => ({
      id: String(i + 1),
      progress: {
        name: `Messkommune ${i + 1}`,
        answers: { profile: Object.fromEntries(guide.questions.map((q) => [q.id, q.choices[i % q.choices.length]])), decisions: {} },
        intake_done: true,
        steps: Object.fromEntries(steps.slice(0, notes).map((id, n) => [id, {
          status: n % 3 === 0 ? 'Done' : 'InProgress', note: note(i + 1, n + 1), tasks: [], edited: now - n * 1000,
        }])),
        current: steps[0],
        known_steps: steps,
        edited: now,
      },
    })),
    deleted: [],
  };
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const out = {};

  // 1. First step on screen, and the static floor with the same text, interleaved.
  const step = firstStepOf(guideDir);
  // The floor: the step's heading and text as plain HTML with the app's stylesheet inline,
  // as the pre-rendered pages carry it.
  const css = readFileSync(join(root, 'style', 'main.css'), 'utf8');
  const staticPage = `<!DOCTYPE html><html lang="de" data-statisch="1"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${css}</style>
<title>${step.title}</title></head><body><main><article class="step"><h1>${step.title}</h1>
${step.body.split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;
  // A first visit as it happens: the service worker registers and precaches meanwhile.
  const s1 = await serve(dist, { pages: { '/statisch.html': staticPage } });
  const runs = 11;
  const app = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    app.push(await coldVisit(browser, `${s1.url}${stepPage(step.id)}`, step.title));
    floor.push(await coldVisit(browser, `${s1.url}/statisch.html`, step.title));
  }
  // The same step over a slow line: what the wasm's size costs a user before the app answers.
  const slow = [];
  for (let i = 0; i < 5; i++) slow.push(await coldVisit(browser, `${s1.url}${stepPage(step.id)}`, step.title, SLOW_LINE));
  await s1.close();
  out.firstStep = { step: step.id, runs, app, static: floor, settleMs: SETTLE_MS };
  out.slowLine = { runs: slow.length, conditions: SLOW_LINE, frame: slow.map((r) => r.frame), ready: slow.map((r) => r.ready) };

  // 2. Step changes and memory on the generated guide, empty storage.
  const first = stepsOf(generated)[0].id;
  const s2 = await serve(generatedSite, { serviceWorker: false, pages: { '/leer.html': '<!DOCTYPE html><title>leer</title>' } });
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${s2.url}${stepPage(first)}`);
    await page.waitForSelector(APP);
    out.stepChange = stepFigures(await walk(page, 220));
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    out.memory = {
      jsHeapUsed: heap.usedSize,
      wasm: await page.evaluate(() => window.leitfadenWasmMemory?.buffer.byteLength ?? 0),
      steps: out.stepChange.clicks,
    };
    await context.close();
  }

  // 3. The same with 20 work states of 200 notes each in storage.
  {
    const doc = workspace(generated, 20, 200);
    const key = `leitfaden/${doc.guide}`; // src/web/storage.rs
    const raw = JSON.stringify(doc);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The bundled guide's preload links and the absent sw.js 404 here; anything else counts.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource: .* 404|\(404\) was received when fetching the script/.test(m.text())) errors.push(m.text());
    });
    await page.goto(`${s2.url}/leer.html`);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, raw]);
    await page.goto(`${s2.url}${stepPage(first)}`);
    await page.waitForSelector(APP);
    // The app must have read the workspace: no storage warning, the active state's name shown.
    const opened = await page.evaluate(() => ({
      warning: document.querySelector('.banner.warning')?.textContent?.trim() ?? null,
      name: document.querySelector('.kommune')?.textContent?.trim() ?? null,
    }));
    const clicks = await walk(page, 220);
    const after = await page.evaluate((k) => localStorage.getItem(k), key);
    const saved = after ? JSON.parse(after) : null;
    const notes = (saved?.states ?? []).map((s) => Object.values(s.progress.steps).filter((e) => e.note).length);
    out.workStates = {
      ...stepFigures(clicks),
      states: doc.states.length,
      notesPerState: 200,
      storedBytes: raw.length,
      opened,
      errors,
      // Read correctly when no warning shows, the name is the active state's, and every
      // state still has its notes after the walk (the app stored what it read).
      ok: opened.warning === null && opened.name === doc.states[0].progress.name && errors.length === 0 &&
        notes.length === 20 && notes.every((n) => n === 200),
      savedStates: notes.length,
      savedNotes: notes,
    };
    await context.close();
  }
  await s2.close();

  // 4. First and repeat visit with the service worker.
  const s3 = await serve(dist);
  {
    const url = `${s3.url}${stepPage(step.id)}`;
    const context = await browser.newContext();
    let page = await context.newPage();
    await page.addInitScript(WATCH, step.title);
    await page.goto(url);
    const firstVisit = await watched(page);
    const controlled = await page.evaluate(() => Promise.race([
      new Promise((done) => {
        if (!('serviceWorker' in navigator)) return done(false);
        if (navigator.serviceWorker.controller) return done(true);
        navigator.serviceWorker.addEventListener('controllerchange', () => done(true));
      }),
      new Promise((done) => setTimeout(() => done(false), 30000)),
    ]));
    await page.waitForLoadState('networkidle');
    const visit1 = s3.sent();
    const repeats = [];
    if (controlled) {
      for (let i = 0; i < 5; i++) {
        await page.close();
        s3.reset();
        page = await context.newPage();
        await page.addInitScript(WATCH, step.title);
        await page.goto(url);
        const t = await watched(page);
        await page.waitForLoadState('networkidle');
        const sent = s3.sent();
        repeats.push({ frame: t.frame, bytes: sent.reduce((a, r) => a + r.bytes, 0), requests: sent.map((r) => `${r.path} ${r.status}`) });
      }
    }
    await context.close();
    const byPath = {};
    let twiceBytes = 0;
    for (const r of visit1) {
      if (byPath[r.path]) twiceBytes += r.bytes;
      byPath[r.path] = (byPath[r.path] ?? 0) + 1;
    }
    out.visits = {
      firstStep: firstVisit.frame,
      controlled,
      firstBytes: visit1.reduce((a, r) => a + r.bytes, 0),
      firstRequests: visit1.length,
      fetchedTwice: Object.entries(byPath).filter(([, n]) => n > 1).map(([p]) => p),
      twiceBytes,
      repeats,
    };
  }
  await s3.close();
  await browser.close();

  const appFrames = out.firstStep.app.map((r) => r.frame);
  const staticFrames = out.firstStep.static.map((r) => r.frame);
  out.summary = {
    firstStepMedian: median(appFrames),
    staticMedian: median(staticFrames),
    // The ratio of each interleaved pair, so a slow moment of the machine hits both.
    ratioMedian: median(appFrames.map((t, i) => t / staticFrames[i])),
    readyMedian: median(out.firstStep.app.map((r) => r.ready)),
    takeoverClsMax: Math.max(...out.firstStep.app.map((r) => r.cls)),
    takeoverClsMedian: median(out.firstStep.app.map((r) => r.cls)),
    repeatMedian: out.visits.repeats.length ? median(out.visits.repeats.map((r) => r.frame)) : null,
    repeatBytesMedian: out.visits.repeats.length ? median(out.visits.repeats.map((r) => r.bytes)) : null,
  };
  console.log(JSON.stringify(out));
}

main().catch((e) => { console.error(e); process.exit(1); });
