// End-to-end tests of the Leitfaden app in headless Chromium, against the build in dist/.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESCUE_KEY,
  STORAGE_KEY,
  stepAddress,
  axe,
  changeProfile,
  completeIntake,
  describeViolations,
  e2eSuite,
  expectFocusOnHeading,
  expectHeading,
  goToScreen,
  gotoApp,
  openPage,
  overview,
  waitForSaved,
  waitForScreen,
  settled,
} from './support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;

const ids = (steps) => steps.map((s) => s.id);

e2e('the intake gives a Landgemeinde a different path than a Großstadt', async ({ page, base }) => {
  const smallHeading = await completeIntake(page, base, 'landgemeinde');
  const small = await overview(page, base);

  // A second user in a fresh context: a Großstadt.
  const other = await openPage(suite.browser);
  let bigHeading;
  let big;
  try {
    bigHeading = await completeIntake(other.page, base, 'grossstadt');
    big = await overview(other.page, base);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.context.close();
  }

  // The summary's count matches what the overview lists.
  const count = (h) => Number(/^Ihr Weg: (\d+) Schritte/.exec(h)[1]);
  assert.equal(count(smallHeading), small.onPath.length, smallHeading);
  assert.equal(count(bigHeading), big.onPath.length, bigHeading);

  // Only a Gemeinde in an Amt or a Verbandsgemeinde starts with its Amt …
  assert.ok(ids(small.onPath).includes('amt-als-partner'));
  assert.ok(!ids(big.onPath).includes('amt-als-partner'));
  assert.ok(ids(big.hidden).includes('amt-als-partner'), 'listed as hidden for the Großstadt');
  assert.ok(small.onPath.some((s) => s.title === 'Mit Ihrem Amt oder Ihrer Verbandsgemeinde beginnen'));
  // … and only a Großstadt runs its own open data portal.
  assert.ok(ids(big.onPath).includes('open-data-eigenes-portal'));
  assert.ok(!ids(small.onPath).includes('open-data-eigenes-portal'));
  assert.ok(ids(small.hidden).includes('open-data-eigenes-portal'));

  // The lists of titles differ, and every step is either on the path or hidden.
  assert.notDeepEqual(small.onPath.map((s) => s.title), big.onPath.map((s) => s.title));
  assert.equal(small.onPath.length + small.hidden.length, big.onPath.length + big.hidden.length);
  // Steps for every profile are on both paths.
  for (const id of ['was-ist-open-government', 'politischer-auftrag', 'naechste-runde']) {
    assert.ok(ids(small.onPath).includes(id) && ids(big.onPath).includes(id), id);
  }
});

e2e('a decision changes the later steps', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  let o = await overview(page, base);
  // While the decision is open, the step that depends on a „Nein“ is not on the path.
  assert.ok(!ids(o.onPath).includes('ratsbeschluss-vorbereiten'));
  const countBefore = o.onPath.length;

  await page.goto(`${base}/#/schritt/politischer-auftrag`);
  await expectHeading(page, 'Politischen Auftrag sichern');
  const decision = page.getByRole('group', { name: /Entscheidung: Gibt es einen politischen Auftrag/ });
  const next = page.locator('nav.step-nav a[rel=next]');
  const nextBefore = await next.getAttribute('href');
  assert.notEqual(nextBefore, '#/schritt/ratsbeschluss-vorbereiten');
  await decision.getByLabel('Nein, noch nicht').check();
  await waitForSaved(page, (p) => p.answers.decisions.mandat === 'nein', 'the decision');
  // The step's own „Weiter“ follows the answer at once, and focus stays on the choice.
  assert.equal(await next.getAttribute('href'), '#/schritt/ratsbeschluss-vorbereiten');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'entscheidung-mandat-nein');

  o = await overview(page, base);
  const pos = (id) => ids(o.onPath).indexOf(id);
  assert.ok(pos('ratsbeschluss-vorbereiten') > pos('politischer-auftrag'), 'appears after the decision');
  assert.ok(o.onPath.some((s) => s.title === 'Einen Ratsbeschluss vorbereiten'));
  assert.ok(!ids(o.onPath).includes('haushalt-verankern'));
  assert.equal(o.onPath.length, countBefore + 1);

  await page.goto(`${base}/#/schritt/politischer-auftrag`);
  await expectHeading(page, 'Politischen Auftrag sichern');
  assert.ok(await decision.getByLabel('Nein, noch nicht').isChecked(), 'the answer is shown on return');
  await decision.getByLabel('Ja, es gibt einen Beschluss').check();
  await waitForSaved(page, (p) => p.answers.decisions.mandat === 'ja', 'the changed decision');

  o = await overview(page, base);
  assert.ok(!ids(o.onPath).includes('ratsbeschluss-vorbereiten'), 'gone with „Ja“');
  assert.ok(ids(o.hidden).includes('ratsbeschluss-vorbereiten'));
  assert.ok(ids(o.onPath).includes('haushalt-verankern'), '„Ja“ brings the budget step');
  assert.ok(!ids(o.onPath).includes('rat-befassen'));
});

e2e('a ticked task and a note survive a reload and land on the same step', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  await page.goto(`${base}/#/schritt/akteure-verbuendete`);
  const title = await expectHeading(page, 'Akteure und Verbündete finden');

  const task = page.locator('.task-list input[type=checkbox]').first();
  const taskId = (await task.getAttribute('id')).replace('aufgabe-akteure-verbuendete-', '');
  await task.check();
  const note = page.getByLabel('Ihre Notizen zu diesem Schritt');
  // Typed key by key: every key is saved, and the field keeps focus while typing.
  await note.click();
  await note.pressSequentially('Bürgerverein anrufen (Frau Meier)');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'notiz-akteure-verbuendete');
  await waitForSaved(
    page,
    (p) =>
      p.current === 'akteure-verbuendete' &&
      p.steps['akteure-verbuendete']?.tasks?.includes(taskId) &&
      p.steps['akteure-verbuendete']?.note === 'Bürgerverein anrufen (Frau Meier)',
    'the tick and the note',
  );

  // Reload the start page: it offers to continue where the user was.
  await gotoApp(page, base, '#/');
  await page.reload();
  await waitForScreen(page);
  await expectHeading(page, 'Leitfaden Kommunales Open Government');
  await page.getByRole('link', { name: 'Weiter, wo ich war' }).click();
  await page.waitForURL(stepAddress('akteure-verbuendete'));
  await expectHeading(page, title);
  assert.ok(await task.isChecked(), 'the task is still ticked');
  assert.equal(await note.inputValue(), 'Bürgerverein anrufen (Frau Meier)');
  // Ticking a task moved the step to „In Arbeit“.
  assert.ok(await page.getByRole('radio', { name: 'In Arbeit' }).isChecked());

  // Reloading the step's own URL keeps everything too.
  await page.reload();
  await waitForScreen(page);
  await expectHeading(page, title);
  assert.match(page.url(), stepAddress('akteure-verbuendete'));
  assert.ok(await task.isChecked(), 'the task is still ticked after reloading the step');
  assert.equal(await note.inputValue(), 'Bürgerverein anrufen (Frau Meier)');
});

e2e('a change is saved when the page is left, even if the browser was never idle before', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  await page.goto(`${base}/#/schritt/akteure-verbuendete`);
  await expectHeading(page, 'Akteure und Verbündete finden');
  await settled(page);
  // From here on the browser is never idle for this page (src/web/dom.rs asks for
  // `requestIdleCallback` at each save), so only leaving the page can save the note.
  await page.evaluate(() => { window.requestIdleCallback = () => 0; });
  const text = 'Notiert kurz vor dem Schließen';
  await page.getByLabel('Ihre Notizen zu diesem Schritt').fill(text);
  await page.waitForTimeout(500);
  const open = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  assert.ok(!open.includes(text), 'while the page is open, the save waits for an idle moment');
  await page.reload();
  await waitForScreen(page);
  await expectHeading(page, 'Akteure und Verbündete finden');
  assert.equal(await page.getByLabel('Ihre Notizen zu diesem Schritt').inputValue(), text, 'saved as the page was left');
});

e2e('a deep link opens its step in a fresh context; an unknown step is reported', async ({ page, base, context }) => {
  await completeIntake(page, base, 'grossstadt');
  await settled(page);
  const saved = await context.storageState();

  const fresh = await openPage(suite.browser, { storageState: saved });
  try {
    const p = fresh.page;
    await p.goto(`${base}/#/schritt/handlungsfelder-waehlen`);
    await waitForScreen(p);
    await expectHeading(p, 'Handlungsfelder wählen');
    assert.match(await p.locator('.position').textContent(), /^Kapitel 1 · Schritt \d+ von \d+/);
    // The saved profile is in effect: the header shows the Großstadt's navigation.
    await p.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Übersicht' }).waitFor();
    assert.match(await p.title(), /^Handlungsfelder wählen – /);

    await p.goto(`${base}/#/schritt/gibt-es-nicht`);
    await expectHeading(p, 'Diese Seite gibt es nicht');
    assert.match(await p.locator('main').textContent(), /schritt\/gibt-es-nicht/);
    await p.getByRole('link', { name: 'Zur Übersicht' }).click();
    await expectHeading(p, 'Übersicht');
    // „Weiter, wo ich war“ still leads to the last real step, not to the broken link.
    await p.goto(`${base}/#/`);
    await expectHeading(p, 'Leitfaden Kommunales Open Government');
    assert.equal(
      await p.getByRole('link', { name: 'Weiter, wo ich war' }).getAttribute('href'),
      '#/schritt/handlungsfelder-waehlen',
    );

    // An unknown step in a freshly opened tab, and an unknown screen.
    const p2 = await fresh.context.newPage();
    await p2.goto(`${base}/#/schritt/umbenannt-2019`);
    await waitForScreen(p2);
    await expectHeading(p2, 'Diese Seite gibt es nicht');
    await p2.goto(`${base}/#/irgendwo`);
    await expectHeading(p2, 'Diese Seite gibt es nicht');
    assert.deepEqual(fresh.errors, []);
  } finally {
    await fresh.context.close();
  }
});

e2e('browser back and forward move between steps', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  await page.getByRole('link', { name: 'Zum ersten Schritt' }).click();
  const first = await expectHeading(page, 'Was ist kommunales Open Government?');
  const next = page.getByRole('navigation', { name: 'Schritte' }).getByRole('link', { name: 'Weiter', exact: true });
  await next.click();
  const second = await expectHeading(page, 'So arbeitet der Leitfaden');
  await next.click();
  const third = await expectHeading(page, 'Den Einstieg vorbereiten');
  // A step's address is its own pre-rendered page, so a shared link lands on text.
  assert.match(page.url(), stepAddress('einstieg-vorbereiten'));

  await page.goBack();
  await expectHeading(page, second);
  assert.match(page.url(), stepAddress('so-arbeitet-der-leitfaden'));
  await page.goBack();
  await expectHeading(page, first);
  await page.goForward();
  await expectHeading(page, second);
  await page.goForward();
  await expectHeading(page, third);
  // Back past the first step returns to the summary.
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await expectHeading(page, /^Ihr Weg: \d+ Schritte/);
  // The „Zurück“ link of a step goes to the previous step, too.
  await page.goForward();
  await page.goForward();
  await expectHeading(page, second);
  await page.getByRole('navigation', { name: 'Schritte' }).getByRole('link', { name: 'Zurück' }).click();
  await expectHeading(page, first);
});

e2e('changing the profile keeps earlier notes', async ({ page, base }) => {
  await completeIntake(page, base, 'landkreis');
  await page.goto(`${base}/#/schritt/kreis-drehscheibe`);
  const title = await expectHeading(page, 'Die Rolle des Kreises für seine Gemeinden klären');
  const note = page.getByLabel('Ihre Notizen zu diesem Schritt');
  await note.fill('Kreistag im März fragen');
  await waitForSaved(page, (p) => p.steps['kreis-drehscheibe']?.note === 'Kreistag im März fragen', 'the note');

  await changeProfile(page, base, { groesse: 'landgemeinde' });
  let o = await overview(page, base);
  assert.ok(!ids(o.onPath).includes('kreis-drehscheibe'), 'not on a Landgemeinde path');
  const hidden = o.hidden.find((h) => h.id === 'kreis-drehscheibe');
  assert.ok(hidden, 'listed under the hidden steps');
  assert.match(hidden.text, /Ihre Eingaben sind aufbewahrt/);
  // A hidden step without input carries no such note.
  const other = o.hidden.find((h) => h.id === 'open-data-kreis');
  assert.ok(other && !/aufbewahrt/.test(other.text));
  const saved = await waitForSaved(page, (p) => p.answers.profile.groesse === 'landgemeinde', 'the new profile');
  assert.equal(saved.steps['kreis-drehscheibe'].note, 'Kreistag im März fragen', 'the note is still stored');

  // The hidden step can still be opened and shows the note.
  await page.locator('.hidden-steps').getByRole('link', { name: title }).click();
  await expectHeading(page, title);
  await page.getByText('Dieser Schritt ist für Ihr Profil ausgeblendet').waitFor();
  assert.equal(await note.inputValue(), 'Kreistag im März fragen');

  await changeProfile(page, base, { groesse: 'landkreis' });
  o = await overview(page, base);
  assert.ok(ids(o.onPath).includes('kreis-drehscheibe'), 'back on the path');
  await page.locator('.chapter').getByRole('link', { name: title }).click();
  await expectHeading(page, title);
  assert.equal(await note.inputValue(), 'Kreistag im März fragen');
});

e2e('unreadable saved data is kept, explained and offered for download', async ({ page, base, context }) => {
  // Before the app's first load only, so a reload does not plant it again.
  await context.addInitScript((key) => {
    if (!sessionStorage.getItem('planted')) {
      sessionStorage.setItem('planted', '1');
      localStorage.setItem(key, '{not json');
    }
  }, STORAGE_KEY);
  await gotoApp(page, base, '#/');

  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /konnte nicht gelesen werden/);
  assert.match(await alert.textContent(), /unverändert aufbewahrt/);
  const download = alert.getByRole('button', { name: 'Unlesbare Daten herunterladen' });
  assert.ok(await download.isVisible());
  const violations = await axe(page);
  assert.equal(violations.length, 0, `start page with the warning:\n${describeViolations(violations)}`);

  const stored = await page.evaluate((k) => localStorage.getItem(k), RESCUE_KEY);
  assert.equal(stored, '{not json', 'the garbage is kept under …/unlesbar');

  // The download gives back exactly what was stored.
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  assert.equal(file.suggestedFilename(), 'leitfaden-unlesbare-daten.txt');
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  assert.equal(Buffer.concat(chunks).toString('utf8'), '{not json');

  // The user starts afresh; new work is saved, and the rescued copy stays.
  await page.getByRole('link', { name: "Los geht's" }).click();
  await expectHeading(page, 'Ihre Kommune');
  await page.locator('input[name=groesse][value=landgemeinde]').check();
  await waitForSaved(page, (p) => p.answers.profile.groesse === 'landgemeinde', 'new work');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), RESCUE_KEY), '{not json');

  // After a reload the new state is readable: no warning any more.
  await page.reload();
  await waitForScreen(page);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), RESCUE_KEY), '{not json');
});

e2e('axe-core finds no WCAG 2.1 AA violations on the main screens', async ({ page, base }) => {
  const check = async (screen) => {
    const violations = await axe(page);
    assert.equal(violations.length, 0, `${screen}:\n${describeViolations(violations)}`);
  };
  await gotoApp(page, base, '#/');
  await check('start');
  await page.getByRole('link', { name: "Los geht's" }).click();
  await expectHeading(page, 'Ihre Kommune');
  await check('intake (empty)');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByText('Bitte beantworten Sie alle Fragen').waitFor();
  await check('intake (with error)');

  await completeIntake(page, base, 'landkreis', { name: 'Kreis Musterland' });
  await check('summary');
  await page.goto(`${base}/#/schritt/politischer-auftrag`);
  await expectHeading(page, 'Politischen Auftrag sichern');
  await page.getByRole('radio', { name: 'Nicht relevant' }).check();
  await page.locator('.term-button').first().click();
  await check('step (with decision, glossary term open, reason field)');
  await page.goto(`${base}/#/schritt/kreis-drehscheibe`);
  await expectHeading(page, 'Die Rolle des Kreises für seine Gemeinden klären');
  await check('step');
  await page.goto(`${base}/#/uebersicht`);
  await expectHeading(page, 'Übersicht');
  await check('overview');
  await page.goto(`${base}/#/schritt/partner-gemeinsame-dienste`);
  await expectHeading(page, 'Partner für gemeinsame Dienste finden');
  await check('hidden step');
  await page.goto(`${base}/#/profil`);
  await expectHeading(page, 'Profil ändern');
  await check('profile');
  await page.goto(`${base}/#/nirgends`);
  await expectHeading(page, 'Diese Seite gibt es nicht');
  await check('not found');
  // The other screens: work states, the status report, the profile comparison.
  for (const hash of ['#/arbeitsstaende', '#/bericht', '#/vergleich', '#/ueber']) {
    await goToScreen(page, base, hash);
    await check(hash);
  }
});

e2e('keyboard: Tab reaches the intake radios and the step links; focus goes to the h1', async ({ page, base }) => {
  await gotoApp(page, base, '#/fragen');
  await expectHeading(page, 'Ihre Kommune');
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el.tagName, type: el.type ?? null, name: el.name ?? null, id: el.id, text: el.textContent.trim(), rel: el.rel ?? null };
    });
  // The heading has focus after the screen opens.
  assert.equal(await expectFocusOnHeading(page), 'Ihre Kommune');

  // Tab from the heading through the form, answering every question with the keyboard.
  const answered = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const a = await active();
    if (a.tag === 'INPUT' && a.type === 'radio') {
      await page.keyboard.press('Space'); // check the focused (first) choice
      answered.add(a.name);
    }
    if (a.tag === 'BUTTON' && a.text === 'Weiter') break;
  }
  assert.deepEqual(
    [...answered].sort(),
    ['bundesland', 'groesse', 'stand_beteiligung', 'stand_transparenz', 'stand_verwaltung', 'stand_zusammenarbeit', 'verwaltung', 'zeit'],
  );
  // Arrow keys move within a radio group.
  await page.locator('#groesse-landgemeinde').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal((await active()).id, 'groesse-kleine_kleinstadt');
  assert.ok(await page.locator('#groesse-kleine_kleinstadt').isChecked());

  await page.getByRole('button', { name: 'Weiter' }).focus();
  await page.keyboard.press('Enter');
  await expectHeading(page, /^Ihr Weg: \d+ Schritte/);
  assert.match(await expectFocusOnHeading(page), /^Ihr Weg: /, 'focus moves to the new heading');

  // Tab to „Zum ersten Schritt“ and follow it.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await active()).text === 'Zum ersten Schritt') break;
  }
  assert.equal((await active()).text, 'Zum ersten Schritt');
  await page.keyboard.press('Enter');
  await expectHeading(page, 'Was ist kommunales Open Government?');
  // After navigating to a step the h1 has focus.
  assert.equal(await expectFocusOnHeading(page), 'Was ist kommunales Open Government?');
  let a;

  // Tab on through the step until its „Weiter“ link.
  let reached = false;
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    a = await active();
    if (a.tag === 'A' && a.rel === 'next') {
      reached = true;
      break;
    }
  }
  assert.ok(reached, 'Tab reaches the step\'s „Weiter“ link');
  assert.equal(a.text, 'Weiter');
  await page.keyboard.press('Enter');
  // With the first choice everywhere (few hours a month), „So arbeitet der Leitfaden“ is
  // left out and the next step is the preparation.
  await expectHeading(page, 'Den Einstieg vorbereiten');
  assert.equal(await expectFocusOnHeading(page), 'Den Einstieg vorbereiten');

  // The skip link comes first, shows when focused and moves focus to the content.
  const firstFocusable = await page.evaluate(
    () => document.querySelector('body a[href], body button, body input, body textarea, body [tabindex]:not([tabindex="-1"])')?.textContent.trim(),
  );
  assert.equal(firstFocusable, 'Zum Inhalt springen');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  assert.equal(await skip.evaluate((el) => el.getBoundingClientRect().right > 0), false, 'off screen until focused');
  await skip.focus();
  assert.equal(await skip.evaluate((el) => el.getBoundingClientRect().left >= 0), true, 'on screen when focused');
  await page.keyboard.press('Enter');
  assert.equal(await expectFocusOnHeading(page), 'Den Einstieg vorbereiten');
});

e2e('print hides the site and step navigation', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde');
  await page.goto(`${base}/#/schritt/politischer-auftrag`);
  await expectHeading(page, 'Politischen Auftrag sichern');
  const siteNav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  const stepNav = page.locator('nav.step-nav');
  assert.ok(await siteNav.isVisible());
  assert.ok(await stepNav.isVisible());

  await page.emulateMedia({ media: 'print' });
  assert.equal(await siteNav.isVisible(), false, 'site navigation hidden in print');
  assert.equal(await stepNav.isVisible(), false, 'step navigation hidden in print');
  assert.equal(await page.locator('.skip-link').isVisible(), false);
  assert.equal(await page.locator('.site-footer').isVisible(), false);
  // The content itself prints: title, tasks, the note field.
  assert.ok(await page.locator('main h1').isVisible());
  assert.ok(await page.locator('.task-list').isVisible());
  assert.ok(await page.getByLabel('Ihre Notizen zu diesem Schritt').isVisible());
  // The closed „Warum sehe ich diesen Schritt?“ prints open.
  assert.ok(await page.locator('details.why p').isVisible(), 'the reason is printed');
  assert.equal(await page.locator('details.why').evaluate((d) => d.open), false);

  await page.emulateMedia({ media: 'screen' });
  assert.ok(await siteNav.isVisible());
  assert.ok(await stepNav.isVisible());
});

e2e('data from a newer version of the app is shown as such and never overwritten', async ({ page, base, context }) => {
  const newer = JSON.stringify({
    kind: 'leitfaden-arbeitsstand',
    format: 999,
    guide: 'kommunales-open-government',
    active: '1',
    states: [{ id: '1', progress: { name: 'aus der Zukunft' } }],
  });
  await context.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('planted')) {
        sessionStorage.setItem('planted', '1');
        localStorage.setItem(key, value);
      }
    },
    [STORAGE_KEY, newer],
  );
  await gotoApp(page, base, '#/');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /neueren Version/);
  // Saving is paused: working on does not replace the newer data.
  await page.getByRole('link', { name: "Los geht's" }).click();
  await expectHeading(page, 'Ihre Kommune');
  await page.locator('input[name=groesse][value=grossstadt]').check();
  await page.getByLabel('Name der Kommune').fill('Testheim');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), newer);
  // The warning cannot be dismissed while saving is paused.
  await alert.getByRole('button', { name: 'Hinweis schließen' }).click();
  assert.ok(await alert.isVisible());
  await page.reload();
  await waitForScreen(page);
  await page.getByRole('alert').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), newer);
});

e2e('without storage (blocked by the browser) the app still works and says so', async ({ page, base, context }) => {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await gotoApp(page, base, '#/');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  // „… erlaubt keine (dauerhafte) Speicherung …“: the user learns that nothing is kept.
  assert.match(await alert.textContent(), /erlaubt keine (dauerhafte )?Speicherung/);
  const heading = await completeIntake(page, base, 'landgemeinde');
  assert.match(heading, /^Ihr Weg: \d+ Schritte/);
  await page.getByRole('link', { name: 'Zum ersten Schritt' }).click();
  await expectHeading(page, 'Was ist kommunales Open Government?');
  const task = page.locator('.task-list input[type=checkbox]').first();
  await task.check();
  assert.ok(await task.isChecked());
  // This warning can be dismissed.
  await page.getByRole('alert').getByRole('button', { name: 'Hinweis schließen' }).click();
  assert.equal(await page.getByRole('alert').count(), 0);
});

e2e('every step reflows on a 320 px wide screen without horizontal scrolling', async ({ base }) => {
  const small = await openPage(suite.browser, { viewport: { width: 320, height: 640 } });
  try {
    const page = small.page;
    await completeIntake(page, base, 'landkreis', { name: 'Landkreis Musterland-Nord' });
    const o = await overview(page, base);
    const screens = ['#/', '#/fragen', '#/ihr-weg', '#/uebersicht', '#/arbeitsstaende', '#/bericht', '#/vergleich', '#/aufgaben', '#/ueberpruefung', ...[...o.onPath, ...o.hidden].map((st) => `#/schritt/${st.id}`)];
    const overflowing = [];
    for (const hash of screens) {
      await goToScreen(page, base, hash);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) overflowing.push(`${hash}: ${width}px`);
    }
    assert.deepEqual(overflowing, [], 'screens wider than the viewport');
    assert.deepEqual(small.errors, []);
  } finally {
    await small.context.close();
  }
});

e2e('the about page is linked from every screen and says who publishes the guide, how to cite it and its licence', async ({ page, base }) => {
  for (const hash of ['#/', '#/fragen', '#/schritt/was-ist-open-government', '#/arbeitsstaende']) {
    await gotoApp(page, base, hash);
    await page.locator('.site-footer').getByRole('link', { name: 'Über diesen Leitfaden' }).waitFor();
  }
  await page.locator('.site-footer').getByRole('link', { name: 'Über diesen Leitfaden' }).click();
  await page.waitForURL(/#\/ueber$/);
  await expectHeading(page, 'Über diesen Leitfaden');
  const text = await page.locator('main').textContent();
  for (const part of ['Herausgeber', 'Version', 'So zitieren Sie den Leitfaden', 'CC BY 4.0', 'Gebrauchsanleitung für eine Utopie', 'Schätzungen', 'Alle Quellen']) {
    assert.ok(text.includes(part), `the about page names ${part}`);
  }
});

e2e('a returning user whose work state lacks a new question is asked it once, and keeps everything', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde', { name: 'Altes Dorf' });
  await gotoApp(page, base, '#/schritt/einstieg-vorbereiten');
  await page.getByLabel('Ihre Notizen zu diesem Schritt').fill('Bleibt erhalten');
  await waitForSaved(page, (p) => p.steps['einstieg-vorbereiten']?.note === 'Bleibt erhalten');
  // As if saved before the guide asked about time: the answer is missing.
  await page.evaluate((k) => {
    const doc = JSON.parse(localStorage.getItem(k));
    delete doc.states[0].progress.answers.profile.zeit;
    localStorage.setItem(k, JSON.stringify(doc));
  }, STORAGE_KEY);
  await page.reload();
  await waitForScreen(page);
  await gotoApp(page, base, '#/');
  await page.getByRole('link', { name: 'Weiter, wo ich war' }).click();
  await expectHeading(page, 'Profil ändern');
  assert.match(await page.locator('main').getByRole('status').first().textContent(), /fragt jetzt auch nach: Zeit/);
  await page.locator('input[type=radio][name="zeit"][value="ein_tag"]').check();
  await page.getByRole('button', { name: 'Fertig – zu meinem Weg' }).click();
  await expectHeading(page, /^Ihr Weg: \d+ Schritte/);
  await gotoApp(page, base, '#/schritt/einstieg-vorbereiten');
  assert.equal(await page.getByLabel('Ihre Notizen zu diesem Schritt').inputValue(), 'Bleibt erhalten');
});
