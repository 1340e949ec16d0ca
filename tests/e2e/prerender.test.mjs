// The release build's pre-rendered pages (src/prerender.rs): text before any wasm runs,
// every step readable without JavaScript, and a takeover by the app that moves nothing.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import assert from 'node:assert/strict';
import { APP, e2eSuite, expectHeading, openPage, stepAddress, waitForScreen } from './support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;
const STEP = 'was-ist-open-government';
const TITLE = 'Was ist kommunales Open Government?';

/** Boxes of the elements a reader looks at, rounded to whole pixels. */
const boxes = (page) =>
  page.evaluate(() => {
    const pick = {
      h1: 'main h1',
      position: 'main .position',
      text: 'main .text-block p',
      tasks: 'main .task-list',
      header: '.site-header',
      footer: '.site-footer',
    };
    const out = {};
    for (const [k, sel] of Object.entries(pick)) {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      out[k] = r ? [r.x, r.y, r.width, r.height].map(Math.round) : null;
    }
    return out;
  });

e2e('without JavaScript a visitor reads the start page, the list of steps and every step', async ({ base }) => {
  const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
  try {
    await page.goto(`${base}/`);
    assert.equal(await page.locator('main h1').textContent(), 'Leitfaden Kommunales Open Government');
    // The stylesheet is there (inline): the header has the brand colour.
    const bg = await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'the header is styled');
    assert.match(await page.locator('main p.banner.info').first().innerText(), /^Ohne JavaScript können Sie alle Schritte lesen\./);
    const list = page.getByRole('navigation', { name: 'Alle Schritte' });
    await list.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(stepAddress(STEP));
    assert.equal(await page.locator('main h1').textContent(), TITLE);
    assert.ok((await page.locator('main .text-block').first().textContent()).length > 200, 'the step text is there');
    // Along the path with „Weiter“, still without JavaScript.
    await page.getByRole('navigation', { name: 'Schritte' }).getByRole('link', { name: 'Weiter', exact: true }).click();
    await page.waitForURL(/\/schritt-[a-z0-9_-]+\.html$/);
    assert.notEqual(await page.locator('main h1').textContent(), TITLE);
    assert.ok(await page.locator('main .task-list input[disabled]').count() > 0, 'tasks are shown, not tickable');
  } finally {
    await context.close();
  }
});

e2e('the app takes over a pre-rendered step without moving anything', async ({ page, base }) => {
  // Hold the wasm back, so the pre-rendered page can be looked at on its own.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${base}/schritt-${STEP}.html`);
  await page.locator('#vorab main h1').waitFor();
  assert.equal(await page.locator('main h1').textContent(), TITLE);
  assert.equal(await page.title(), `${TITLE} – Leitfaden Open Government`);
  const before = await boxes(page);
  assert.ok(before.h1 && before.text && before.tasks, JSON.stringify(before));
  const shiftBefore = await page.evaluate(() => window.__shift);

  release();
  await waitForScreen(page);
  await page.locator(`${APP} .task-list input:not([disabled])`).first().waitFor();
  const after = await boxes(page);
  assert.deepEqual(after, before, 'the same boxes before and after the app took over');
  const shift = (await page.evaluate(() => window.__shift)) - shiftBefore;
  assert.ok(shift <= 0.02, `layout shift at the takeover: ${shift}`);
  // The app works: a tick is saved.
  await page.locator('.task-list input[type=checkbox]').first().check();
  assert.ok(await page.locator('.task-list input[type=checkbox]').first().isChecked());
});

e2e('the app builds its screen out of sight and shows it whole, in place of the pre-rendered page', async ({ page, base }) => {
  await page.addInitScript(() => {
    // The app's own header is a child of <body>; the pre-rendered one is inside #vorab.
    const t = (window.__takeover = { builtHidden: false, shownTooEarly: 0, atSwap: null, blankFrames: 0 });
    const look = () => {
      const vorab = document.getElementById('vorab');
      const header = document.querySelector('body > header.site-header');
      if (vorab && header) {
        if (header.getClientRects().length > 0) t.shownTooEarly++;
        else t.builtHidden = true;
      }
      if (!vorab && header && !t.atSwap) {
        t.atSwap = {
          h1: document.querySelector('main h1')?.textContent,
          headerShown: header.getClientRects().length > 0,
          tickable: document.querySelectorAll('main .task-list input[type=checkbox]:not([disabled])').length > 0,
          next: document.querySelector('main nav.step-nav a[rel=next]') !== null,
          notes: document.querySelector('main section.own textarea') !== null,
        };
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true });
    // Every frame until then shows a heading: no blank screen in between.
    const frame = () => {
      const h = document.querySelector('main h1');
      if (document.readyState !== 'loading' && !(h && h.getClientRects().length > 0)) t.blankFrames++;
      if (!t.atSwap) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(`${base}/schritt-${STEP}.html`);
  await waitForScreen(page);
  const t = await page.evaluate(() => window.__takeover);
  assert.equal(t.shownTooEarly, 0, 'the app showed nothing while the pre-rendered page was there');
  assert.ok(t.builtHidden, 'the app was built while the pre-rendered page still showed');
  assert.deepEqual(t.atSwap, { h1: TITLE, headerShown: true, tickable: true, next: true, notes: true },
    'when the pre-rendered page left, the whole step was there');
  assert.equal(t.blankFrames, 0, 'no frame without a heading');
});

e2e('an old #/schritt/… link still opens its step, and the address becomes its page', async ({ page, base }) => {
  await page.goto(`${base}/#/schritt/${STEP}`);
  await expectHeading(page, TITLE);
  await page.waitForURL(stepAddress(STEP));
  // Reloading the page lands on the pre-rendered step again.
  await page.reload();
  await expectHeading(page, TITLE);
  // An address with another screen in its fragment shows that screen.
  await page.goto(`${base}/schritt-${STEP}.html#/fragen`);
  await expectHeading(page, 'Ihre Kommune');
});

e2e('glossary terms in the text open and close their definition', async ({ page, base }) => {
  await page.goto(`${base}/schritt-${STEP}.html`);
  await waitForScreen(page);
  const term = page.locator(`${APP} main .term-button`).first();
  await term.waitFor();
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  const definition = term.locator('xpath=following-sibling::*[1]');
  assert.equal(await definition.isVisible(), false);
  await term.click();
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  assert.ok(await definition.isVisible(), 'the definition shows');
  await term.click();
  assert.equal(await definition.isVisible(), false, 'and hides again');
});
