// Lighthouse figures for BENCHMARKS.md: the performance category (mobile, simulated
// throttling: Lighthouse's defaults) of the start page and of a deep-linked step, as a new
// visitor sees them, against bench/serve.mjs (gzip, like a real host), in Debian's Chromium.
// Usage: node bench/lighthouse.mjs DIST GUIDE_DIR [RUNS]  → prints one JSON object.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import lighthouse from 'lighthouse';
import { serve } from './serve.mjs';
import { firstStepOf } from './guide.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** Starts Chromium with a remote-debugging port and a fresh profile; resolves { port, stop }. */
function chromium() {
  const profile = mkdtempSync(join(tmpdir(), 'leitfaden-lh-'));
  const child = spawn(CHROMIUM, [...ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((ok) => { child.once('exit', ok); setTimeout(ok, 5000); });
    }
    // Chromium may still be writing its profile as it exits.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
  return new Promise((ok, fail) => {
    let err = '';
    const timer = setTimeout(() => { stop(); fail(new Error(`Chromium gave no DevTools port in 30 s:\n${err}`)); }, 30000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (m) { clearTimeout(timer); ok({ port: Number(m[1]), stop }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`Chromium exited (${code}):\n${err}`)); });
  });
}

/** One Lighthouse run of `url` in a fresh browser; the figures that matter here. */
async function run(url) {
  const browser = await chromium();
  try {
    const result = await lighthouse(url, {
      port: browser.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const a = (id) => lhr.audits[id]?.numericValue ?? null;
    return {
      score: lhr.categories.performance.score,
      fcp: a('first-contentful-paint'),
      lcp: a('largest-contentful-paint'),
      tbt: a('total-blocking-time'),
      cls: a('cumulative-layout-shift'),
      si: a('speed-index'),
      warnings: lhr.runWarnings,
      version: lhr.lighthouseVersion,
      // Lighthouse's own measure of this machine's speed at the time (higher is faster).
      benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    };
  } finally {
    await browser.stop();
  }
}

const FIGURES = ['score', 'fcp', 'lcp', 'tbt', 'cls', 'si'];

/** Lighthouse on the start page and on a deep-linked step, `runs` times each, interleaved. */
export async function measure(dist, guideDir, runs = 3) {
  const host = await serve(dist);
  const step = firstStepOf(guideDir);
  // A deep link lands on the step's pre-rendered page (src/prerender.rs).
  const pages = { start: `${host.url}/`, step: `${host.url}/schritt-${encodeURIComponent(step.id)}.html` };
  const out = { step: step.id, pages, runs: { start: [], step: [] } };
  try {
    for (let i = 0; i < runs; i++) {
      for (const which of ['start', 'step']) out.runs[which].push(await run(pages[which]));
    }
  } finally {
    await host.close();
  }
  out.median = {};
  for (const which of ['start', 'step']) {
    out.median[which] = Object.fromEntries(FIGURES.map((f) => [f, median(out.runs[which].map((r) => r[f]))]));
  }
  out.version = out.runs.start[0].version;
  out.benchmarkIndex = median([...out.runs.start, ...out.runs.step].map((r) => r.benchmarkIndex));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist, guideDir, runs] = process.argv.slice(2);
  measure(resolve(dist ?? 'dist'), resolve(guideDir ?? 'guide'), Number(runs ?? 3))
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e) => { console.error(e); process.exit(1); });
}
