// Browser tests of the second module (src/bin/mehr.rs, src/web/more.rs): the screens a first
// visit does not need come in a wasm of their own. A first visit never loads it; the first
// of those screens does; what is changed there is the app's (header, storage, reload); what
// another tab changes meanwhile shows there; and when it cannot be loaded, the screen says so
// and nothing is lost.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  APP,
  STORAGE_KEY,
  completeIntake,
  e2eSuite,
  expectFocusOnHeading,
  expectHeading,
  gotoApp,
  openPage,
  savedDocument,
  until,
  waitForSaved,
} from './support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;

/** The files of the second module this page itself has loaded (not the service worker). */
const moduleLoads = (page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
    .filter((p) => /\/mehr(_bg\.wasm|\.js)$/.test(p)));

/** The work state's name field on #/arbeitsstaende. */
const nameField = (page, name) => page.getByLabel(`Name von „${name}“`, { exact: true });

e2e('a first visit runs without the second module; the first screen that needs it loads it, and a change made there is the app’s', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde', { name: 'Musterstadt' });
  // Into the path and one step on, as a first visitor would.
  await page.getByRole('link', { name: 'Zum ersten Schritt' }).click();
  await page.waitForSelector(`${APP} main article.step h1`);
  await page.locator('a[rel=next]').click();
  await page.waitForSelector(`${APP} main article.step h1`);
  assert.deepEqual(await moduleLoads(page), [], 'the start, the questions and the steps need none of it');

  await page.locator('nav[aria-label=Hauptnavigation]').getByRole('link', { name: 'Arbeitsstände' }).click();
  await expectHeading(page, 'Arbeitsstände');
  assert.equal(await expectFocusOnHeading(page), 'Arbeitsstände', 'focus moves to the heading it shows');
  assert.deepEqual((await moduleLoads(page)).sort(), ['/mehr.js', '/mehr_bg.wasm']);

  // A rename there reaches the app's header and its storage, and survives a reload.
  await nameField(page, 'Musterstadt').fill('Beispielstadt');
  await nameField(page, 'Musterstadt').press('Enter');
  await until('the header names the renamed work state',
    () => page.locator('.site-header .kommune').textContent(), (t) => t === 'Beispielstadt');
  await waitForSaved(page, (p) => p.name === 'Beispielstadt', 'the new name');
  await page.reload();
  await expectHeading(page, 'Arbeitsstände');
  await nameField(page, 'Beispielstadt').waitFor();

  // Back on a step, a ticked task is saved by the app as before, and the module sees it.
  await page.goBack();
  await page.waitForSelector(`${APP} main article.step h1`);
  const task = page.locator('main article.step input[type=checkbox]').first();
  await task.check();
  await waitForSaved(page, (p) => Object.values(p.steps).some((s) => (s.tasks ?? []).length > 0), 'the ticked task');
  await page.locator('nav[aria-label=Hauptnavigation]').getByRole('link', { name: 'Bericht' }).click();
  await expectHeading(page, /Umsetzungsstand/);
  assert.match(await page.locator('main').textContent(), /Beispielstadt/);
});

e2e('a change another tab makes while the second module shows a screen shows there', async ({ page, context, base }) => {
  await completeIntake(page, base, 'grossstadt', { name: 'Musterstadt' });
  await page.goto(`${base}/#/arbeitsstaende`);
  await nameField(page, 'Musterstadt').waitFor();
  const other = await context.newPage();
  await gotoApp(other, base, '#/arbeitsstaende');
  await nameField(other, 'Musterstadt').fill('Nachbarstadt');
  await nameField(other, 'Musterstadt').press('Enter');
  await waitForSaved(other, (p) => p.name === 'Nachbarstadt', 'the other tab’s rename');
  await nameField(page, 'Nachbarstadt').waitFor();
  assert.equal(await page.locator('.site-header .kommune').textContent(), 'Nachbarstadt');
  // And what this tab then changes keeps the other tab's change.
  await nameField(page, 'Nachbarstadt').fill('Nachbarstadt am See');
  await nameField(page, 'Nachbarstadt').press('Enter');
  await waitForSaved(page, (p) => p.name === 'Nachbarstadt am See', 'this tab’s rename');
  await other.close();
});

test('when the second module cannot be loaded, its screen says so, nothing is lost, and it loads once it can', async () => {
  // Without the service worker, so that the network is all there is.
  const { context, page, errors } = await openPage(suite.browser, { serviceWorkers: 'block' });
  try {
    const base = suite.server.url;
    await completeIntake(page, base, 'landkreis', { name: 'Kreis Muster' });
    const before = await savedDocument(page);
    await page.route(/\/mehr(_bg\.wasm|\.js)$/, (route) => route.abort('internetdisconnected'));
    await page.goto(`${base}/#/bericht`);
    await expectHeading(page, 'Diese Seite konnte nicht geladen werden');
    assert.match(await page.locator('main').textContent(), /Prüfen Sie die Verbindung.*Ihre Eingaben bleiben erhalten/);
    assert.equal(await page.locator('main [role=status]').count(), 0, 'no „Wird geladen …“ left');
    assert.deepEqual(await savedDocument(page), before, 'nothing stored changed');
    assert.equal(await page.locator('.site-header .kommune').textContent(), 'Kreis Muster');

    // The network is back: the next screen of the module loads.
    await page.unroute(/\/mehr(_bg\.wasm|\.js)$/);
    await page.goto(`${base}/#/arbeitsstaende`);
    await expectHeading(page, 'Arbeitsstände');
    await nameField(page, 'Kreis Muster').waitFor();
    const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), STORAGE_KEY);
    assert.equal(stored.states.find((s) => s.id === stored.active).progress.name, 'Kreis Muster');
    // The blocked request is the only error logged.
    assert.ok(errors.every((e) => /mehr\.js|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), errors.join('\n'));
  } finally {
    await context.close();
  }
});
