// Offline use, for trainers: the service worker of the release build (pwa/sw.js, written into
// dist/sw.js by scripts/precache.mjs) and the single file dist-single/leitfaden.html
// (scripts/single-file.sh), in Chromium through playwright-core and in Firefox ESR through
// puppeteer-core.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import {
  DIST,
  FIREFOX,
  PROFILES,
  ROOT,
  STORAGE_KEY,
  closeBrowser,
  firefoxMissing,
  launchBrowser,
  openPage,
  pageUntil,
  requireBuild,
  screenshotOnFailure,
  startServer,
} from './support.mjs';

// The single file of dist/ is the one scripts/single-file.sh wrote; another build directory
// (LEITFADEN_DIST) gets its own in the temp directory.
const DEFAULT_DIST = DIST === join(ROOT, 'dist');
const SINGLE = DEFAULT_DIST
  ? join(ROOT, 'dist-single', 'leitfaden.html')
  : join(tmpdir(), `leitfaden-single-${process.pid}.html`);
const WORKER = join(DIST, 'sw.js');
// Only scripts/build.sh writes sw.js. Another build directory without it (LEITFADEN_DIST, e.g.
// a quick `trunk build`) skips the service worker tests; dist/ itself must have it.
const NO_WORKER =
  !existsSync(WORKER) && `${WORKER} is missing: not a build of scripts/build.sh, which runs scripts/precache.mjs`;

let browser;

before(async () => {
  requireBuild();
  assert.ok(!NO_WORKER || !DEFAULT_DIST, NO_WORKER);
  // The single file of this very build: made (again) if it is missing or older than the build.
  if (!existsSync(SINGLE) || statSync(SINGLE).mtimeMs < statSync(join(DIST, 'index.html')).mtimeMs) {
    execFileSync('node', [join(ROOT, 'scripts', 'single-file.mjs'), DIST, SINGLE], { stdio: 'inherit' });
  }
  browser = await launchBrowser();
});

after(async () => {
  await closeBrowser(browser);
  if (!DEFAULT_DIST) rmSync(SINGLE, { force: true });
});

// ---------------------------------------------------------------------------------------
// Steps that work in playwright-core and puppeteer-core alike (goto, click, evaluate,
// waitForSelector have the same shape in both).


// The app has taken over (the release build's pre-rendered screen #vorab is gone).
const screenShown = (page) =>
  page.waitForSelector('body:not(:has(#vorab)) main#inhalt:not(.loading) h1', { timeout: 15_000 });

/**
 * From `url` (the app, without fragment): the intake for a Landgemeinde, „Zum ersten
 * Schritt“, tick the step's first task and wait until it is saved. Returns the step's id,
 * heading and the checkbox's id.
 */
async function intakeAndTick(page, url) {
  await page.goto(`${url}#/fragen`);
  await screenShown(page);
  for (const [question, choice] of Object.entries(PROFILES.landgemeinde)) {
    await page.click(`#${question}-${choice}`);
  }
  await page.click('button[type=submit]');
  await pageUntil(page, () => location.hash === '#/ihr-weg', null, 'the path summary (#/ihr-weg)');
  const first = await pageUntil(
    page,
    () => [...document.querySelectorAll('main a')].find((a) => a.textContent.trim() === 'Zum ersten Schritt')?.getAttribute('href'),
    null,
    'the link „Zum ersten Schritt“',
  );
  await page.click(`main a.button[href="${first}"]`);
  const stepId = decodeURIComponent(first.replace('#/schritt/', ''));
  // Served, the step's address becomes its pre-rendered page (schritt-<id>.html); the
  // single file keeps it in the fragment.
  const title = await pageUntil(
    page,
    (id) => (location.pathname.endsWith(`/schritt-${id}.html`) || location.hash === `#/schritt/${id}`) && !document.getElementById('vorab') && document.querySelector('.task-list input[type=checkbox]') && document.querySelector('main h1')?.textContent.trim(),
    stepId,
    `the step ${first}`,
  );
  const boxId = await page.evaluate(() => document.querySelector('.task-list input[type=checkbox]').id);
  await page.click(`[id="${boxId}"]`);
  const taskId = boxId.replace(`aufgabe-${stepId}-`, '');
  await pageUntil(
    page,
    ({ key, stepId, taskId }) => {
      const doc = JSON.parse(localStorage.getItem(key) ?? 'null');
      const progress = doc?.states?.find((s) => s.id === doc.active)?.progress;
      return progress?.steps?.[stepId]?.tasks?.includes(taskId) ?? false;
    },
    { key: STORAGE_KEY, stepId, taskId },
    `the tick of ${boxId} in localStorage`,
  );
  return { stepId, title, boxId };
}

/** After a reload: the same step shows, with its task still ticked. */
async function expectStepWithTick(page, { stepId, title, boxId }) {
  await screenShown(page);
  const shown = await pageUntil(
    page,
    (boxId) => document.getElementById(boxId) && document.querySelector('main h1')?.textContent.trim(),
    boxId,
    `the step ${stepId} after the reload`,
  );
  assert.equal(shown, title, 'the same step shows after the reload');
  assert.equal(await page.evaluate((id) => document.getElementById(id).checked, boxId), true, 'the task is still ticked');
}

/**
 * Searches for „buergerrat“ in the header's field and opens the first hit with Enter: the
 * Bürgerrat step (the index is built in the page, so this needs no network).
 */
async function searchOpensBuergerrat(page) {
  await page.click('#suchfeld');
  await page.type('#suchfeld', 'buergerrat');
  const first = await pageUntil(
    page,
    () => document.querySelector('#suchergebnisse .search-count')?.textContent.includes('„buergerrat“') &&
      document.querySelector('#treffer-0 .hit-title')?.textContent.trim(),
    null,
    'the hits for „buergerrat“',
  );
  assert.equal(first, 'Einen Bürgerrat per Los einberufen');
  await page.keyboard.press('Enter');
  await pageUntil(page, () => document.querySelector('main h1')?.textContent === 'Einen Bürgerrat per Los einberufen', null, 'the Bürgerrat step');
}

/**
 * On the report (`url` is the app without fragment): „Als Word-Datei (.docx)“, and the file
 * the app hands to the browser, caught at the download link (the same in playwright-core
 * and puppeteer-core): { name, bytes }.
 */
async function reportDocx(page, url) {
  await page.goto(`${url}#/bericht`);
  await pageUntil(page, () => /^Umsetzungsstand/.test(document.querySelector('main h1')?.textContent ?? ''), null, 'the report');
  await page.evaluate(() => {
    window.__downloads = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) {
        const name = this.download;
        window.__downloads.push(
          fetch(this.href)
            .then((r) => r.arrayBuffer())
            .then((b) => ({ name, base64: btoa(String.fromCharCode(...new Uint8Array(b))) })),
        );
      }
      return click.call(this);
    };
    [...document.querySelectorAll('main button')].find((b) => b.textContent === 'Als Word-Datei (.docx)').click();
  });
  await pageUntil(page, () => window.__downloads.length > 0, null, 'the .docx download');
  const { name, base64 } = await page.evaluate(() => window.__downloads[0]);
  return { name, bytes: Buffer.from(base64, 'base64') };
}

/** A .docx as the documents worker writes it: a zip whose entries are stored, so the
 *  document's XML (with the Kommune's step headings) can be read in the bytes. */
function assertDocx({ name, bytes }, heading) {
  assert.match(name, /^umsetzungsstand-\d{4}-\d{2}-\d{2}\.docx$/);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip archive');
  const text = bytes.toString('utf8');
  assert.ok(text.includes('word/document.xml'), 'with the Word document part');
  assert.ok(text.includes(heading), `the step's heading ${heading} is in the document`);
}

// ---------------------------------------------------------------------------------------
// The service worker (Chromium, served over http://127.0.0.1).

/** Waits until a service worker is active and controls the page; returns its cache names. */
async function waitForController(page) {
  await pageUntil(
    page,
    async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return Boolean(reg?.active?.state === 'activated' && navigator.serviceWorker.controller);
    },
    null,
    'an active service worker controlling the page',
    20_000,
  );
  return page.evaluate(() => caches.keys());
}

/** The list in a built sw.js: { version, files: { path: sha256 } }. */
function precacheList(dir) {
  const text = readFileSync(join(dir, 'sw.js'), 'utf8');
  const m = /^const PRECACHE = (\{.*\}); \/\/ written by scripts\/precache\.mjs$/m.exec(text);
  assert.ok(m, 'sw.js has the precache list written by scripts/precache.mjs');
  return JSON.parse(m[1]);
}

function filesOf(dir) {
  const files = [];
  (function walk(d) {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(relative(dir, p).split(sep).join('/'));
    }
  })(dir);
  return files.sort();
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

test('the precache list of sw.js holds every file of the build, with its hash', { skip: NO_WORKER }, () => {
  const { version, files } = precacheList(DIST);
  // The pre-rendered step pages are for landing; offline, index.html shows every step.
  // The author page's files are for authors online (scripts/precache.mjs leaves them out).
  const author = /^(autor(-worker|_bg)?\.(js|wasm)|leitfaden-vorlage\.zip|leitfaden-einzeldatei\.html)$/;
  const expected = filesOf(DIST).filter((f) => f !== 'sw.js' && !/^schritt-.*\.html$/.test(f) && !author.test(f));
  assert.ok(filesOf(DIST).some((f) => /^schritt-.*\.html$/.test(f)), 'the build has step pages');
  assert.deepEqual(Object.keys(files).sort(), expected, 'every file of dist/ but sw.js and the step pages, and nothing else');
  for (const f of expected) assert.equal(files[f], sha256(readFileSync(join(DIST, f))), `hash of ${f}`);
  assert.equal(version, sha256(JSON.stringify(files)).slice(0, 16), 'the cache version is the hash of the list');
  assert.ok(Object.keys(files).some((f) => /^leitfaden-[0-9a-f]{16}\.json$/.test(f)), 'the guide bundle is precached');
  for (const f of ['index.html', 'manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png']) {
    assert.ok(f in files, `${f} is precached`);
  }
  assert.ok(Object.keys(files).some((f) => /_bg\.wasm$/.test(f)), 'the wasm is precached');
  // Documents work offline too: the documents worker is on the list.
  for (const f of ['dokumente_loader.js', 'dokumente.js', 'dokumente_bg.wasm']) assert.ok(f in files, `${f} is precached`);
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.match(index, /<meta name="leitfaden-service-worker" content="sw\.js">/);
  assert.match(index, /<link rel="manifest" href="manifest\.webmanifest">/);
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.name, 'Leitfaden Kommunales Open Government');
  assert.equal(manifest.short_name, 'Leitfaden OG');
  assert.equal(manifest.start_url, './');
  for (const icon of manifest.icons) assert.ok(icon.src in files, `manifest icon ${icon.src} is precached`);
});

test('after one online visit the app works offline, with the saved tick', { skip: NO_WORKER }, async () => {
  const server = await startServer();
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(`${server.url}/`);
    await screenShown(page);
    const cachesBefore = await waitForController(page);
    assert.equal(cachesBefore.filter((c) => c.startsWith('leitfaden-precache-')).length, 1);
    assert.equal(await page.locator('#neue-version').count(), 0, 'no update banner on the first visit');

    const step = await intakeAndTick(page, `${server.url}/`);

    // Offline, and the server is gone too.
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await expectStepWithTick(page, step);
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the worker');
    // The other screens work too: the path overview comes from the same cached guide.
    await page.goto(`${server.url}/#/uebersicht`);
    await pageUntil(page, () => document.querySelector('main h1')?.textContent.trim() === 'Übersicht', null, 'the overview');
    await searchOpensBuergerrat(page);
    // A document, although the documents worker was never loaded online: it is precached.
    assertDocx(await reportDocx(page, `${server.url}/`), step.title);
    assert.deepEqual(errors, [], 'the page logged errors');
  } catch (e) {
    const shot = await screenshotOnFailure(page, 'offline-service-worker');
    if (shot) e.message += `\n(screenshot: ${shot})`;
    throw e;
  } finally {
    await context.close();
    await server.close();
  }
});

/** A small static server for `dir` (a copy of the build that the next test changes). */
async function serve(dir) {
  const types = { '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png' };
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

test('a new deployment waits until the user chooses „Jetzt neu laden“', { skip: NO_WORKER }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leitfaden-deploy-'));
  cpSync(DIST, dir, { recursive: true });
  const server = await serve(dir);
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(`${server.url}/`);
    await screenShown(page);
    const [oldCache] = await waitForController(page);
    const step = await intakeAndTick(page, `${server.url}/`);

    // The next deployment: the guide changes, the build step writes a new sw.js.
    const changed = readdirSync(dir).find((f) => /^leitfaden-[0-9a-f]{16}\.json$/.test(f));
    const bundle = readFileSync(join(dir, changed), 'utf8');
    assert.ok(bundle.includes('"version":"'), 'the bundle has the guide version');
    writeFileSync(join(dir, changed), bundle.replace('"version":"', '"version":"Neue Fassung '));
    execFileSync('node', [join(ROOT, 'scripts', 'precache.mjs'), dir], { stdio: 'pipe' });
    const newCache = `leitfaden-precache-${precacheList(dir).version}`;
    assert.notEqual(newCache, oldCache);

    // The next visit finds it; it installs and waits, and the page offers it.
    await page.reload();
    await screenShown(page);
    const banner = page.locator('#neue-version');
    await banner.waitFor({ timeout: 20_000 });
    await pageUntil(page, () => document.getElementById('neue-version')?.textContent.includes('Neue Version verfügbar'), null, 'the banner text');
    const button = banner.getByRole('button', { name: 'Jetzt neu laden' });
    assert.ok(await button.isVisible());
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: reg.waiting?.state, keys: await caches.keys() };
    });
    assert.equal(state.waiting, 'installed', 'the new worker waits');
    assert.deepEqual(state.keys.sort(), [oldCache, newCache].sort(), 'both versions are cached while it waits');
    // Until the user chooses, the page stays as it is and still gets the old files.
    await page.evaluate(() => { window.alteSeite = true; });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.alteSeite), true, 'no reload without the user');
    assert.doesNotMatch(await page.evaluate((f) => fetch(f).then((r) => r.text()), changed), /Neue Fassung/);

    // The user chooses: the new worker takes over and the page reloads once.
    const loaded = page.waitForEvent('load');
    await button.click();
    await loaded;
    await expectStepWithTick(page, step);
    assert.equal(await page.evaluate(() => window.alteSeite), undefined, 'the page was reloaded');
    await pageUntil(page, async () => (await caches.keys()).length === 1, null, 'old caches deleted');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [newCache]);
    assert.match(await page.evaluate((f) => fetch(f).then((r) => r.text()), changed), /Neue Fassung/);
    assert.equal(await page.locator('#neue-version').count(), 0, 'no banner after the update');
    assert.deepEqual(errors, [], 'the page logged errors');
  } catch (e) {
    const shot = await screenshotOnFailure(page, 'offline-update');
    if (shot) e.message += `\n(screenshot: ${shot})`;
    throw e;
  } finally {
    await context.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------
// The single file, opened from file:// as after a double-click.

test('the single file runs from file:// in Chromium, keeps a tick over a reload and makes a .docx', async () => {
  const { context, page, errors } = await openPage(browser);
  try {
    const url = pathToFileURL(SINGLE).href;
    const step = await intakeAndTick(page, url);
    await page.reload();
    await expectStepWithTick(page, step);
    await searchOpensBuergerrat(page);
    // The documents worker is in the file and starts from it.
    assertDocx(await reportDocx(page, url), step.title);
    assert.deepEqual(errors, [], 'the page logged errors');
  } catch (e) {
    const shot = await screenshotOnFailure(page, 'single-file-chromium');
    if (shot) e.message += `\n(screenshot: ${shot})`;
    throw e;
  } finally {
    await context.close();
  }
});

test('the single file runs from file:// in Firefox ESR, keeps a tick over a reload and makes a .docx', { skip: firefoxMissing() }, async () => {
  const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const page = await firefox.newPage();
    page.setDefaultTimeout(15_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    const url = pathToFileURL(SINGLE).href;
    const step = await intakeAndTick(page, url);
    await page.reload();
    await expectStepWithTick(page, step);
    await searchOpensBuergerrat(page);
    assertDocx(await reportDocx(page, url), step.title);
    assert.deepEqual(errors, [], 'the page logged errors');
  } finally {
    await firefox.close();
  }
});
