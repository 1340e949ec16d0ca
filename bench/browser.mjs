// Browser figures for BENCHMARKS.md, measured in headless Chromium in one run:
//   first step on screen (cold) vs. a static page with the same text,
//   step change on a generated 2,000-step guide (p50/p95 over 200 clicks),
//   memory (JS heap + wasm) after walking 200 steps.
// Usage: node bench/browser.mjs DIST GENERATED_GUIDE_DIR  → prints one JSON object.

import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [dist, generated] = process.argv.slice(2).map((p) => resolve(p));
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.ron': 'text/plain; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Serves `root`, with `/guide/…` taken from `guideDir` when given, and extra pages. */
function serve(root, guideDir, pages = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (pages[path]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
      return;
    }
    let file = path === '/' ? join(root, 'index.html') : join(root, normalize(path));
    if (guideDir && path.startsWith('/guide/')) file = join(guideDir, normalize(path.slice(7)));
    // No service worker here: every run measures a cold start.
    if (path === '/sw.js' || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () =>
    ok({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

// Records, from navigation start, when a `main h1` with the wanted text is in the DOM and
// laid out, and the animation frame after that (the frame that paints it).
const WATCH = (wanted) => {
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
    const start = () => { if (!check()) new MutationObserver((_, o) => { if (check()) o.disconnect(); })
      .observe(document, { subtree: true, childList: true, characterData: true }); };
    start();
  });
};

async function firstStep(browser, url, wanted, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(); // fresh profile: empty cache and storage
    const page = await context.newPage();
    await page.addInitScript(WATCH, wanted);
    await page.goto(url);
    const t = await page.evaluate(() => Promise.race([window.__firstStep,
      new Promise((_, no) => setTimeout(() => no(new Error(`no heading after 30 s on ${location.href}`)), 30000))]));
    times.push(t.frame);
    await context.close();
  }
  return times;
}

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const out = {};

  // 1. First step on screen, and the static floor with the same text.
  const index = readFileSync(join(dist, 'guide', 'kapitel', '00-einstieg.ron'), 'utf8');
  const stepAt = index.indexOf('Step(');
  const m = index.slice(stepAt).match(/id: "([^"]+)",\s*title: "([^"]+)"/);
  const [stepId, stepTitle] = [m[1], m[2]];
  const body = index.slice(stepAt + m.index).match(/body: "([^"]*)"/)[1];
  const css = readdirSync(dist).find((f) => f.endsWith('.css'));
  const staticPage = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/${css}">
<title>${stepTitle}</title></head><body><main><article class="step"><h1>${stepTitle}</h1>
${body.split(/\n\s*\n/).map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;
  const s1 = await serve(dist, null, { '/statisch.html': staticPage });
  const runs = 11;
  out.firstStep = await firstStep(browser, `${s1.url}/#/schritt/${stepId}`, stepTitle, runs);
  out.staticPage = await firstStep(browser, `${s1.url}/statisch.html`, stepTitle, runs);
  s1.close();

  // 2. Step changes and memory on the generated guide.
  const s2 = await serve(dist, generated);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${s2.url}/#/schritt/schritt-0`);
  await page.waitForSelector('main h1');
  const clicks = await page.evaluate(async (n) => {
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
  }, 220);
  const measured = clicks.slice(20); // the first 20 warm the JIT up
  out.stepChange = {
    count: measured.length,
    laidOut: measured.map((c) => c.laidOut),
    frame: measured.map((c) => c.frame),
  };
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  out.memory = {
    jsHeapUsed: heap.usedSize,
    wasm: await page.evaluate(() => window.leitfadenWasmMemory?.buffer.byteLength ?? 0),
    steps: clicks.length,
  };
  await context.close();
  s2.close();
  await browser.close();
  out.summary = {
    firstStepMedian: median(out.firstStep), staticMedian: median(out.staticPage),
    stepP50: median(out.stepChange.laidOut), stepP95: pct(out.stepChange.laidOut, 0.95),
    frameP50: median(out.stepChange.frame), frameP95: pct(out.stepChange.frame, 0.95),
  };
  console.log(JSON.stringify(out));
}

main().catch((e) => { console.error(e); process.exit(1); });
