// Search figures for BENCHMARKS.md (issue 16), in headless Chromium against bench/serve.mjs:
//   query time: a fixed list of realistic queries typed letter by letter into the header's
//     search field; each input event is timed until the hits for it are laid out
//     (p50 / p95 / max over every keystroke);
//   index build: between the User Timing marks the app sets around building the index (on
//     the first focus of the field, src/app/search.rs), against the app's start on the same
//     page (navigation to the running app in place of the pre-rendered page), in fresh
//     profiles.
// Usage: node bench/search.mjs SITE [RUNS]   → one JSON object on stdout
//   SITE: a release site, e.g. of the generated 2,000-step guide
//   (`leitfaden site GUIDE_DIR target/trunk-dist SITE`, as bench/run.mjs makes it).
// Or: import { measureSearch } from './search.mjs'; const r = await measureSearch(SITE, { runs }).

import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { ARGS, CHROMIUM } from './lighthouse.mjs';

/**
 * What an officer might type: whole words, other spellings, compounds, inflections, typos,
 * two-word queries and a word the guide does not have. Typed letter by letter, so every
 * prefix is a query too (results show as you type).
 */
export const QUERIES = [
  'Beteiligung',
  'buergerinnen',
  'Transparenz Portal',
  'Zusamenarbeit',
  'Vorschläge',
  'Werkstatt Termin',
  'Offenheit der Verwaltung',
  'Ratsbeschluss',
  'Ergebnisse Bericht',
  'Schritt 1500',
];

/** The User Timing marks around the index build (src/finder.rs `field::INDEX_MARK`). */
const INDEX_MARKS = ['leitfaden:suchindex', 'leitfaden:suchindex-fertig'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

// Records when the running app has replaced the pre-rendered page (`#vorab`) and shows a
// heading, from navigation start.
const WATCH_READY = () => {
  window.__ready = new Promise((done) => {
    const check = () => {
      if (document.readyState === 'loading' || document.getElementById('vorab')) return false;
      if (!document.querySelector('main h1')) return false;
      done(performance.now());
      return true;
    };
    const o = new MutationObserver(() => { if (check()) o.disconnect(); });
    o.observe(document, { subtree: true, childList: true });
    document.addEventListener('DOMContentLoaded', () => { if (check()) o.disconnect(); });
  });
};

/** Types each query letter by letter in the page; the time of every keystroke in ms. */
const TYPE_QUERIES = async (queries) => {
  const field = document.getElementById('suchfeld');
  const panel = document.getElementById('suchergebnisse');
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (const q of queries) {
    field.value = '';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await frame();
    for (let i = 1; i <= q.length; i++) {
      const typed = q.slice(0, i);
      if (!typed.trim() || typed.endsWith(' ')) continue; // nothing new to look for
      const observer = new MutationObserver(() => {});
      observer.observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
      let changed = false;
      const ready = () => {
        changed ||= observer.takeRecords().length > 0;
        return changed && !panel.hidden && panel.querySelector('.search-count')?.textContent.includes(`„${typed}“`);
      };
      field.value = typed;
      const t0 = performance.now();
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: q[i - 1] }));
      if (!ready()) {
        await new Promise((done, fail) => {
          const o = new MutationObserver(() => { if (ready()) { o.disconnect(); done(); } });
          o.observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => fail(new Error(`no hits for „${typed}“ after 5 s`)), 5000);
        });
      }
      panel.getBoundingClientRect(); // laid out
      void document.body.offsetHeight;
      times.push({ query: typed, ms: performance.now() - t0, hits: panel.querySelectorAll('a.search-hit').length });
      observer.disconnect();
      await frame(); // the next letter comes after the frame, as from a person
    }
  }
  return times;
};

/**
 * The figures for the release site `site`: `runs` fresh visits of its start page (app start
 * and index build each time), then the query times in the last one.
 */
export async function measureSearch(site, { runs = 5, queries = QUERIES } = {}) {
  const host = await serve(resolve(site), { serviceWorker: false });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const starts = [];
    const builds = [];
    let typed = [];
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext(); // fresh profile: empty cache and storage
      const page = await context.newPage();
      await page.addInitScript(WATCH_READY);
      await page.goto(`${host.url}/`);
      starts.push(await page.evaluate(() => window.__ready));
      // The first focus builds the index (and leaves the time it took).
      const build = await page.evaluate(([from, to]) => {
        document.getElementById('suchfeld').focus();
        const at = (name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime;
        return at(from) === undefined || at(to) === undefined ? null : at(to) - at(from);
      }, INDEX_MARKS);
      if (build === null) throw new Error(`no marks ${INDEX_MARKS.join(', ')} after focusing the field`);
      builds.push(build);
      if (r === runs - 1) typed = await page.evaluate(TYPE_QUERIES, queries);
      await context.close();
    }
    const ms = typed.map((t) => t.ms);
    const slowest = [...typed].sort((a, b) => b.ms - a.ms).slice(0, 3);
    return {
      runs,
      appStart: { median: median(starts), runs: starts },
      indexBuild: { median: median(builds), runs: builds },
      // What building the index at start would add to it.
      share: median(builds) / median(starts),
      queries: { list: queries, keystrokes: ms.length, p50: median(ms), p95: pct(ms, 0.95), max: Math.max(...ms), slowest },
    };
  } finally {
    await browser.close();
    await host.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [site, runs] = process.argv.slice(2);
  if (!site) {
    console.error('usage: node bench/search.mjs SITE [RUNS]');
    process.exit(2);
  }
  measureSearch(site, { runs: runs ? Number(runs) : undefined })
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e) => { console.error(e); process.exit(1); });
}
