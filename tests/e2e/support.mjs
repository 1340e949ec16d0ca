// Shared helpers for the browser tests: a tiny static server for dist/, Chromium through
// playwright-core, the intake as a user fills it in, and axe-core.
//
// Run with `node --test --test-concurrency=1 tests/e2e/` after `bash scripts/build.sh`.
// Set LEITFADEN_DIST to test another build directory (e.g. a quick debug build).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = resolve(ROOT, process.env.LEITFADEN_DIST ?? 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');

/** The guide's id, as in guide/leitfaden.ron; the storage key is derived from it. */
export const GUIDE_ID = 'kommunales-open-government';
export const STORAGE_KEY = `leitfaden/${GUIDE_ID}`;
export const RESCUE_KEY = `${STORAGE_KEY}/unlesbar`;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ron': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** Firefox ESR, for the tests that run in it. */
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * Whether the Firefox tests cannot run here. In CI (`CI` or `LEITFADEN_CI` set, as
 * `.ci/run` does) a missing Firefox fails the run; on a developer's machine the tests are
 * skipped with a loud warning. Returns false, or the reason to pass as `skip`.
 */
export function firefoxMissing() {
  if (existsSync(FIREFOX)) return false;
  const why = `Firefox ESR is not installed at ${FIREFOX} (bash scripts/setup.sh installs it)`;
  if (process.env.CI || process.env.LEITFADEN_CI) {
    throw new Error(`${why}: CI must run the Firefox tests.`);
  }
  process.stderr.write(`\n\x1b[1;31m!!! ${why}: the Firefox tests are SKIPPED on this machine. !!!\x1b[0m\n\n`);
  return why;
}

/** Fails with a message that says what to do when there is no build to test. */
export function requireBuild() {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `${index} is missing: there is no build to test. ` +
        'Run `bash scripts/build.sh` first (it writes dist/), then run the browser tests again.',
    );
  }
}

/**
 * Serves DIST on 127.0.0.1 on a free port. Only existing files are served (404 otherwise);
 * `/` is index.html. Resolves to { url, close }.
 */
export async function startServer() {
  requireBuild();
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = normalize(join(DIST, pathname));
    const inside = file === DIST || file.startsWith(DIST + sep);
    let ok = false;
    try {
      ok = inside && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(ok ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(ok ? 'method not allowed' : 'not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export async function closeBrowser(browser) {
  if (browser) await browser.close();
}

/**
 * A fresh context and page. Uncaught page errors and console errors (Rust panics are
 * logged with console.error) are collected in `errors`; tests assert it stays empty.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'de-DE',
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium asks for /favicon.ico by itself; a 404 there is not the app's error.
    if (m.type() !== 'error' || m.location()?.url?.endsWith('/favicon.ico')) return;
    errors.push(`console.error: ${m.text()} (${m.location()?.url ?? ''})`);
  });
  return { context, page, errors };
}

/** Opens `hash` (e.g. '#/fragen') and waits until the app has rendered a screen. */
export async function gotoApp(page, base, hash = '#/') {
  await page.goto(`${base}/${hash}`);
  await waitForScreen(page);
}

/**
 * Navigates to `hash` and waits until the screen for it has rendered (a new h1, not the
 * one of the screen before).
 */
export async function goToScreen(page, base, hash) {
  await page.evaluate(() => document.querySelector('main h1')?.setAttribute('data-vorher', ''));
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector(`${APP} main#inhalt:not(.loading) h1:not([data-vorher])`);
}

/** Waits until the guide is loaded and a screen (not the loading message) shows. */
export async function waitForScreen(page) {
  await page.waitForSelector(`${APP} main#inhalt:not(.loading) h1`);
}

/**
 * The app has taken over: the release build's pre-rendered screen (`#vorab`, with its
 * controls disabled) is gone. Use as a selector prefix.
 */
export const APP = 'body:not(:has(#vorab))';

/** A step's own address in the release build: its pre-rendered page. */
export const stepAddress = (id) => new RegExp(`/schritt-${id}\\.html$`);

/** The start screen's address: the site's root (`#/` in the single file and in old links). */
export const START_ADDRESS = /\/(#\/)?$/;

/** The text of the page's main heading, once it is `expected` (string or RegExp). */
export async function expectHeading(page, expected) {
  await page.waitForSelector(`${APP} main h1`);
  const h1 = page.locator('main h1');
  await h1.first().waitFor();
  const matches = (t) => (expected instanceof RegExp ? expected.test(t) : t.trim() === expected);
  // Screens swap reactively after a hash change; give the render a moment.
  const deadline = Date.now() + 5000;
  let text;
  do {
    text = (await h1.first().textContent()) ?? '';
    if (matches(text)) return text.trim();
    await page.waitForTimeout(25);
  } while (Date.now() < deadline);
  throw new Error(`expected the h1 to be ${expected}, but it is "${text}"`);
}

/**
 * Waits until keyboard focus is on the main heading (the app moves it there in the frame
 * after a screen renders) and returns the heading's text.
 */
export async function expectFocusOnHeading(page) {
  const deadline = Date.now() + 2000;
  let found;
  do {
    found = await page.evaluate(() => {
      const el = document.activeElement;
      return { h1: el === document.querySelector('main h1'), tag: el?.tagName, text: el?.textContent?.trim() };
    });
    if (found.h1) return found.text;
    await page.waitForTimeout(20);
  } while (Date.now() < deadline);
  throw new Error(`expected focus on the main h1, but it is on ${found.tag} "${found.text?.slice(0, 60)}"`);
}

export const PROFILES = {
  landgemeinde: {
    groesse: 'landgemeinde',
    bundesland: 'rheinland_pfalz',
    verwaltung: 'verbund',
    zeit: 'ein_tag',
    stand_transparenz: 'am_anfang',
    stand_beteiligung: 'am_anfang',
    stand_zusammenarbeit: 'am_anfang',
    stand_verwaltung: 'am_anfang',
  },
  grossstadt: {
    groesse: 'grossstadt',
    bundesland: 'nordrhein_westfalen',
    zeit: 'team',
    stand_transparenz: 'am_anfang',
    stand_beteiligung: 'am_anfang',
    stand_zusammenarbeit: 'am_anfang',
    stand_verwaltung: 'am_anfang',
  },
  landkreis: {
    groesse: 'landkreis',
    bundesland: 'hessen',
    zeit: 'halbe_stelle',
    stand_transparenz: 'etabliert',
    stand_beteiligung: 'am_anfang',
    stand_zusammenarbeit: 'am_anfang',
    stand_verwaltung: 'etabliert',
  },
};

/**
 * Completes the intake as a user would: from the start page, „Los geht's“, one radio
 * per question (by its label), „Weiter“. Ends on the path summary (#/ihr-weg) and returns
 * its heading, e.g. "Ihr Weg: 31 Schritte in 5 Kapiteln".
 */
export async function completeIntake(page, base, profile, { name } = {}) {
  const answers = typeof profile === 'string' ? PROFILES[profile] : profile;
  if (!answers) throw new Error(`unknown profile ${profile}`);
  await gotoApp(page, base, '#/');
  await page.getByRole('link', { name: "Los geht's" }).click();
  await expectHeading(page, 'Ihre Kommune');
  if (name) await page.getByLabel('Name der Kommune').fill(name);
  for (const [question, choice] of Object.entries(answers)) {
    await page.locator(`input[type=radio][name="${question}"][value="${choice}"]`).check();
  }
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL(/#\/ihr-weg$/);
  return expectHeading(page, /^Ihr Weg: \d+ Schritte/);
}

/** Chooses new intake answers on #/profil (only the ones given) and returns to the path. */
export async function changeProfile(page, base, answers) {
  await page.goto(`${base}/#/profil`);
  await expectHeading(page, 'Profil ändern');
  for (const [question, choice] of Object.entries(answers)) {
    await page.locator(`input[type=radio][name="${question}"][value="${choice}"]`).check();
  }
  await page.getByRole('button', { name: 'Fertig – zu meinem Weg' }).click();
  await page.waitForURL(/#\/ihr-weg$/);
  await expectHeading(page, /^Ihr Weg: \d+ Schritte/);
}

/** The overview's steps on the path: [{ id, title }] in order, and the hidden step ids. */
export async function overview(page, base) {
  await page.goto(`${base}/#/uebersicht`);
  await expectHeading(page, 'Übersicht');
  return page.evaluate(() => {
    const idOf = (a) => decodeURIComponent(a.getAttribute('href').replace(/^#\/schritt\//, ''));
    const onPath = [...document.querySelectorAll('.chapter .step-list a')].map((a) => ({
      id: idOf(a),
      title: a.textContent.replace(/^\d+\.\s*/, '').trim(),
    }));
    const hidden = [...document.querySelectorAll('.hidden-steps li')].map((li) => ({
      id: idOf(li.querySelector('a')),
      text: li.textContent.trim(),
    }));
    return { onPath, hidden };
  });
}

/**
 * Waits until the app has written what waits to be saved. It saves when the browser is idle
 * (src/app/mod.rs: `requestIdleCallback`, at the latest after 300 ms), and idle callbacks
 * run in the order they were asked for, so one asked for now runs after that save.
 */
export async function settled(page) {
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 0), { timeout: 2000 })));
}

/** The saved document, parsed (or null), once the app has saved what waits. */
export async function savedDocument(page) {
  await settled(page);
  const raw = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  return raw === null ? null : JSON.parse(raw);
}

/** Waits until the saved work state satisfies `predicate(progress)`. */
export async function waitForSaved(page, predicate, what = 'the saved state') {
  const deadline = Date.now() + 5000;
  let doc;
  while (Date.now() < deadline) {
    doc = await savedDocument(page);
    const active = doc?.states?.find((s) => s.id === doc.active)?.progress;
    if (active && predicate(active)) return active;
    await page.waitForTimeout(25);
  }
  throw new Error(`${what} was not saved; stored: ${JSON.stringify(doc)}`);
}

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** Runs axe-core (WCAG 2.0 A/AA and 2.1 AA rules) on the page; returns the violations. */
export async function axe(page) {
  const injected = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!injected) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
      resultTypes: ['violations'],
    }),
  );
  return result.violations;
}

/** A readable summary of axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n'),
    )
    .join('\n');
}

/** Saves a screenshot of a failing test to tests/e2e/artifacts/ (ignored by git). */
export async function screenshotOnFailure(page, name) {
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name.replace(/[^\w-]+/g, '_')}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return null;
  }
}

/** Every localStorage key and value of the page's origin, as a plain object. */
export async function storageSnapshot(page) {
  await settled(page);
  return page.evaluate(() => {
    const all = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      all[k] = localStorage.getItem(k);
    }
    return all;
  });
}

/** The content of a Playwright download, as a Buffer. */
export async function downloadBytes(download) {
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks);
}

/** The number of pages of a PDF (its page objects; Chromium writes them uncompressed). */
export function pdfPageCount(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * Starts the server and Chromium before a file's tests and closes them after. `e2e(name,
 * body)` declares a test with a fresh browser context; the body gets { page, context, base,
 * errors }; afterwards no page errors or console errors may have occurred, and a failing
 * test leaves a screenshot in tests/e2e/artifacts/. `suite.browser` and `suite.server` are
 * set once the tests run.
 */
export function e2eSuite() {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await closeBrowser(suite.browser);
    await suite.server?.close();
  });
  suite.e2e = (name, body) =>
    test(name, async () => {
      const { context, page, errors } = await openPage(suite.browser);
      try {
        await body({ page, context, base: suite.server.url, errors });
        assert.deepEqual(errors, [], 'the page logged errors');
      } catch (e) {
        const shot = await screenshotOnFailure(page, name);
        if (shot) e.message += `\n(screenshot: ${shot})`;
        throw e;
      } finally {
        await context.close();
      }
    });
  return suite;
}

/** Calls `read()` until `ok(value)` holds and returns that value; fails with the last one. */
export async function until(what, read, ok, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let value;
  do {
    value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  } while (Date.now() < deadline);
  throw new Error(`${what}: still ${JSON.stringify(value)}`);
}

/**
 * Polls `fn(arg)` in the page until it returns something truthy, and returns that. Works
 * with playwright-core and puppeteer-core pages alike (Firefox over WebDriver BiDi too);
 * `fn` must return plain values, not elements.
 */
export async function pageUntil(page, fn, arg, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await page.evaluate(fn, arg);
      if (last) return last;
    } catch (e) {
      last = e.message; // e.g. a navigation in between
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
