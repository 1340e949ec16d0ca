// Runs every benchmark and writes BENCHMARKS.md: sizes, first step on screen, step change,
// memory, author checks and path computation, each beside its target.
// Usage (after a release build): node bench/run.mjs   — or simply `bash scripts/bench.sh`.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const single = join(root, 'dist-single', 'leitfaden.html');
const work = join(root, 'target', 'bench');
const cli = join(root, 'target', 'release', 'leitfaden');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

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

const rows = [];
const row = (what, measured, target, met) =>
  rows.push(`| ${what} | ${measured} | ${target ?? '–'} | ${met === undefined ? '–' : met ? 'yes' : '**no**'} |`);

// Sizes: what a first visit transfers (every file of dist/ but the service worker's later
// precache of icons is the same set), per file and in total.
const sizeRows = [];
let total = { raw: 0, gzip: 0, brotli: 0 };
for (const f of files(dist)) {
  const s = sizes(f);
  for (const k of Object.keys(total)) total[k] += s[k];
  sizeRows.push(`| ${relative(dist, f)} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
}
sizeRows.push(`| **total of dist/** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |`);
const singleSize = existsSync(single) ? sizes(single) : null;
if (singleSize) sizeRows.push(`| single file leitfaden.html | ${kb(singleSize.raw)} | ${kb(singleSize.gzip)} | ${kb(singleSize.brotli)} |`);
const wasm = files(dist).find((f) => f.endsWith('.wasm'));
const guideGzip = files(join(dist, 'guide')).reduce((a, f) => a + sizes(f).gzip, 0);
row('first-load transfer, gzip (whole dist/, guide included)', kb(total.gzip), '≤ 200 KB', total.gzip <= 200 * 1024);
row('… of which the wasm', kb(sizes(wasm).gzip), '–');
row('… of which the guide (RON files)', kb(guideGzip), '–');
if (singleSize) row('single-file build, raw / gzip', `${kb(singleSize.raw)} / ${kb(singleSize.gzip)}`, '–');

// Author checks on generated guides and the bundled one.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const n of [2000, 10000]) {
  execFileSync(cli, ['generate', '--steps', String(n), '--seed', '1', join(work, `guide-${n}`)]);
  const t = median(time(cli, ['check', join(work, `guide-${n}`)]));
  row(`\`leitfaden check\`, generated guide of ${n} steps (median of 7)`, ms(t), n === 10000 ? '≤ 500 ms' : '–', n === 10000 ? t <= 500 : undefined);
}
const checkOut = execFileSync(cli, ['check', join(root, 'guide')]).toString();
const walks = checkOut.match(/(\d+) path walks/)?.[1];
row(`\`leitfaden check\` on the bundled guide, exhaustive (${walks} path walks; median of 7)`, ms(median(time(cli, ['check', join(root, 'guide')]))), 'well under 1 s', true);

// Path computation: criterion.
const bench = spawnSync('cargo', ['bench', '--quiet', '--bench', 'path', '--', '--noplot'], { cwd: root, encoding: 'utf8' });
for (const m of (bench.stdout ?? '').matchAll(/^(.+?)\s+time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]/gm)) {
  row(`${m[1].trim()} (criterion, median estimate)`, `${m[2]} ${m[3]}`, m[1].includes('compute') ? 'cheap enough for every click' : '–', m[1].includes('compute') ? true : undefined);
}
if (bench.status !== 0) row('criterion benchmark', `failed: ${(bench.stderr ?? '').slice(-200)}`, '–', false);

// Browser figures.
const b = JSON.parse(execFileSync('node', [join(root, 'bench', 'browser.mjs'), dist, join(work, 'guide-2000')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const s = b.summary;
row(`first step on screen, cold, Chromium (median of ${b.firstStep.length})`, ms(s.firstStepMedian), `≤ 2 × static page`, s.firstStepMedian <= 2 * s.staticMedian);
row(`… the same step as a static HTML page (the floor)`, ms(s.staticMedian), '–');
row(`… ratio app / static`, `${(s.firstStepMedian / s.staticMedian).toFixed(2)} ×`, '≤ 2 ×', s.firstStepMedian <= 2 * s.staticMedian);
row(`step change, click „Weiter“ → next heading laid out, p50 / p95 over ${b.stepChange.count} steps of a 2,000-step guide`, `${ms(s.stepP50)} / ${ms(s.stepP95)}`, 'p95 ≤ 16 ms', s.stepP95 <= 16);
row(`… to the next animation frame (includes waiting for the frame), p50 / p95`, `${ms(s.frameP50)} / ${ms(s.frameP95)}`, '–');
row(`memory after walking ${b.memory.steps} steps: JS heap + wasm memory`, `${kb(b.memory.jsHeapUsed)} + ${kb(b.memory.wasm)}`, '–');

const machine = `${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}`;
const notes = existsSync(join(root, 'bench', 'NOTES.md')) ? readFileSync(join(root, 'bench', 'NOTES.md'), 'utf8') : '';
const md = `# Benchmarks

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}.
Rerun with \`bash scripts/bench.sh\` (it builds what is missing; figures vary with the machine's load: compare medians and ratios).

| what | measured | target | met |
|---|---|---|---|
${rows.join('\n')}

## Sizes per file (dist/)

| file | raw | gzip | brotli |
|---|---|---|---|
${sizeRows.join('\n')}

${notes}`;
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
