// The main flows in Firefox ESR (Debian), driven over WebDriver BiDi by puppeteer-core:
// intake, path summary, a step with a ticked task and a note, reload and resume, overview.
// The same release build and server as the Chromium tests.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';

import {
  FIREFOX,
  PROFILES,
  firefoxMissing,
  pageUntil,
  startServer,
} from './support.mjs';

const skip = firefoxMissing();

let server;
let firefox;

before(async () => {
  if (skip) return;
  server = await startServer();
  firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
});

after(async () => {
  await firefox?.close();
  server?.close();
});


const heading = (page) =>
  pageUntil(page, () => document.querySelector('main#inhalt h1')?.textContent.trim(), null, 'a heading');

test('Firefox: intake, step with task and note, reload resume, overview', { skip }, async () => {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  try {
    await page.goto(`${server.url}/#/`);
    assert.equal(await heading(page), 'Leitfaden Kommunales Open Government');
    await pageUntil(page, () => !document.getElementById('vorab'), null, 'the app to take over the pre-rendered page');
    await page.click('a[href="#/fragen"]');
    await pageUntil(page, () => document.querySelector('main h1')?.textContent === 'Ihre Kommune', null, 'the intake');
    await page.type('#kommune-name', 'Musterdorf');
    for (const [question, choice] of Object.entries(PROFILES.landgemeinde)) {
      await page.click(`#${question}-${choice}`);
    }
    await page.click('button[type=submit]');
    const summary = await pageUntil(page, () => location.hash === '#/ihr-weg' && document.querySelector('main h1')?.textContent, null, 'the path summary');
    assert.match(summary, /^Ihr Weg: \d+ Schritte in \d+ Kapiteln$/);

    // The first step: tick a task, write a note.
    await page.click('main a.button.primary');
    // A step's address is its pre-rendered page (schritt-<id>.html).
    const title = await pageUntil(page, () => /\/schritt-[^/]+\.html$/.test(location.pathname) && document.querySelector('.task-list input:not([disabled])') && document.querySelector('main h1').textContent, null, 'the first step');
    const stepPage = await page.evaluate(() => location.pathname);
    await page.click('.task-list input[type=checkbox]');
    await page.type('textarea', 'Notiz aus Firefox');
    await pageUntil(page, () => (localStorage.getItem('leitfaden/kommunales-open-government') ?? '').includes('Notiz aus Firefox'), null, 'the note to be saved');

    // Days later: the start page offers to continue where the user was.
    await page.goto(`${server.url}/`);
    await pageUntil(page, () => [...document.querySelectorAll('main a')].some((a) => a.textContent === 'Weiter, wo ich war'), null, '„Weiter, wo ich war“');
    await page.evaluate(() => [...document.querySelectorAll('main a')].find((a) => a.textContent === 'Weiter, wo ich war').click());
    await pageUntil(page, (p) => location.pathname === p && !!document.querySelector('textarea:not([disabled])'), stepPage, 'the same step');
    assert.equal(await heading(page), title);
    assert.equal(await page.evaluate(() => document.querySelector('.task-list input').checked), true, 'the task is still ticked');
    assert.equal(await page.evaluate(() => document.querySelector('textarea').value), 'Notiz aus Firefox');

    // The overview lists the step as in progress, with the progress bar.
    await page.goto(`${server.url}/#/uebersicht`);
    await pageUntil(page, () => document.querySelector('main h1')?.textContent === 'Übersicht', null, 'the overview');
    const row = await page.evaluate((t) => [...document.querySelectorAll('.step-item')].find((li) => li.textContent.includes(t))?.textContent, title);
    assert.ok(row?.includes('In Arbeit'), `the overview shows the step in progress: ${row}`);
    assert.equal(await page.evaluate(() => document.querySelector('progress')?.getAttribute('value')), '0');
    assert.deepEqual(errors, [], 'Firefox logged errors');
  } finally {
    await context.close();
  }
});

test('Firefox: owner and due date on a task show in „Meine Aufgaben“ and survive a reload', { skip }, async () => {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  try {
    await page.goto(`${server.url}/#/fragen`);
    await pageUntil(page, () => document.querySelector('main h1')?.textContent === 'Ihre Kommune', null, 'the intake');
    for (const [question, choice] of Object.entries(PROFILES.landgemeinde)) {
      await page.click(`#${question}-${choice}`);
    }
    await page.click('button[type=submit]');
    await pageUntil(page, () => location.hash === '#/ihr-weg', null, 'the path summary');
    await page.goto(`${server.url}/#/schritt/einstieg-vorbereiten`);
    const owner = '#zustaendig-einstieg-vorbereiten-koordination-benennen';
    const due = '#faellig-einstieg-vorbereiten-koordination-benennen';
    await pageUntil(page, (sel) => !!document.querySelector(sel), owner, 'the owner field');
    // The task's fields are folded under „Zuständig und Termin“.
    await page.click('li.task:has(#zustaendig-einstieg-vorbereiten-koordination-benennen) > details.plan > summary');
    await page.type(owner, 'Frau Yilmaz');
    // A date input takes its value like a user's pick: set it and fire „change“.
    await page.evaluate((sel) => {
      const input = document.querySelector(sel);
      input.focus();
      input.value = '2099-01-31';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, due);
    await page.evaluate((sel) => document.querySelector(sel).dispatchEvent(new Event('change', { bubbles: true })), owner);
    await pageUntil(
      page,
      () => {
        const doc = JSON.parse(localStorage.getItem('leitfaden/kommunales-open-government') ?? 'null');
        const p = doc?.states?.find((s) => s.id === doc.active)?.progress;
        const plan = p?.plans?.['einstieg-vorbereiten/koordination-benennen'];
        return plan?.owner === 'Frau Yilmaz' && plan?.due === '2099-01-31';
      },
      null,
      'the plan to be saved',
    );
    await page.goto(`${server.url}/#/aufgaben`);
    const listed = () => [...document.querySelectorAll('.agenda-item')].map((li) => li.textContent).find((t) => t.includes('Frau Yilmaz'));
    await pageUntil(page, listed, null, 'the task in „Meine Aufgaben“');
    // Reload only once the service worker has its files, so the reload cuts off no fetch.
    await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true));
    await page.reload();
    const item = await pageUntil(
      page,
      () => [...document.querySelectorAll('.agenda-item')].map((li) => li.textContent).find((t) => t.includes('Frau Yilmaz')),
      null,
      'the task in „Meine Aufgaben“',
    );
    assert.match(item, /Fällig bis 31\.01\.2099/);
    assert.deepEqual(errors, [], 'Firefox logged errors');
  } finally {
    await context.close();
  }
});

/** Types `query` into the empty search field; resolves to the hits once they are for it. */
async function search(page, query) {
  await page.evaluate(() => { document.getElementById('suchfeld').value = ''; });
  await page.type('#suchfeld', query);
  return pageUntil(
    page,
    (q) => document.querySelector('#suchergebnisse .search-count')?.textContent.includes(`„${q}“`) &&
      [...document.querySelectorAll('#suchergebnisse a.search-hit')].map((a) => ({
        id: a.id,
        kind: a.querySelector('.hit-kind')?.textContent.trim(),
        title: a.querySelector('.hit-title')?.textContent.trim(),
        path: a.querySelector('.hit-path')?.textContent.trim() ?? null,
        marked: [...a.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    query,
    `the hits for ${query}`,
  );
}

test('Firefox: search with `/`, German-aware hits, own notes, path marks, Enter, Escape, live count', { skip }, async () => {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  try {
    // A Landgemeinde with a note on its first step.
    await page.goto(`${server.url}/#/fragen`);
    await pageUntil(page, () => !document.getElementById('vorab') && document.querySelector('main h1')?.textContent === 'Ihre Kommune', null, 'the intake');
    for (const [question, choice] of Object.entries(PROFILES.landgemeinde)) await page.click(`#${question}-${choice}`);
    await page.click('button[type=submit]');
    await pageUntil(page, () => location.hash === '#/ihr-weg', null, 'the path summary');
    await page.click('main a.button.primary');
    const first = await pageUntil(page, () => document.querySelector('textarea:not([disabled])') && document.querySelector('main h1').textContent, null, 'the first step');
    await page.type('textarea', 'Treffen am Zwiebelmarkt');
    await pageUntil(page, () => (localStorage.getItem('leitfaden/kommunales-open-government') ?? '').includes('Zwiebelmarkt'), null, 'the note to be saved');

    // `/` outside a text field focuses the search field (Firefox's quick find stays shut).
    await page.evaluate(() => document.querySelector('main h1').focus());
    await page.keyboard.press('/');
    assert.equal(await focused(), 'suchfeld');
    assert.equal(await page.evaluate(() => document.getElementById('suchfeld').value), '');

    let found = await search(page, 'buergerrat');
    assert.equal(found[0].kind, 'Schritt');
    assert.equal(found[0].title, 'Einen Bürgerrat per Los einberufen');
    assert.deepEqual(found[0].marked, ['Bürgerrat']);
    assert.match(found[0].path, /^(auf|nicht auf) Ihrem Weg$/);
    found = await search(page, 'Vorhabensliste');
    assert.equal(found[0].title, 'Eine Vorhabenliste erproben');
    // A hidden step says so.
    found = await search(page, 'Landkreis');
    assert.ok(found.some((h) => h.path === 'nicht auf Ihrem Weg'), JSON.stringify(found.map((h) => h.path)));
    // The own note.
    found = await search(page, 'Zwiebelmarkt');
    assert.deepEqual(found.map((h) => [h.kind, h.title]), [['Ihre Notiz', first]]);
    // The live region says the count once typing pauses.
    await pageUntil(page, () => document.querySelector('#suche [role=status]')?.textContent === '1 Treffer', null, 'the announced count');
    // Arrow down to the hit, Escape back to the field, closed.
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'treffer-0');
    await page.keyboard.press('Escape');
    assert.equal(await focused(), 'suchfeld');
    assert.equal(await page.evaluate(() => document.getElementById('suchergebnisse').hidden), true);

    // Enter opens the first hit: the Bürgerrat step.
    await search(page, 'buergerrat');
    await page.keyboard.press('Enter');
    await pageUntil(page, () => document.querySelector('main h1')?.textContent === 'Einen Bürgerrat per Los einberufen' && location.pathname.endsWith('/schritt-buergerrat-losverfahren.html'), null, 'the Bürgerrat step');
    await pageUntil(page, () => document.activeElement === document.querySelector('main h1'), null, 'focus on the heading');
    assert.deepEqual(errors, [], 'Firefox logged errors');
  } finally {
    await context.close();
  }
});
