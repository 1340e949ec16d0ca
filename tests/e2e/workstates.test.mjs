// Browser tests of the work states (#/arbeitsstaende): several work states side by side,
// export and import with preview, bad import files, two tabs on the same work state, and
// the status report (#/bericht) on screen, as Markdown, in print and as PDF.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GUIDE_ID,
  PROFILES,
  START_ADDRESS,
  STORAGE_KEY,
  completeIntake,
  downloadBytes,
  e2eSuite,
  expectHeading,
  goToScreen,
  gotoApp,
  openPage,
  overview,
  pdfPageCount,
  savedDocument,
  storageSnapshot,
  until,
  waitForSaved,
  waitForScreen,
  settled,
} from './support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;

/** Collects page errors and console errors of an extra page, as openPage does. */
function trackErrors(page, errors) {
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error' || m.location()?.url?.endsWith('/favicon.ico')) return;
    errors.push(`console.error: ${m.text()}`);
  });
}


/** The row of the work state called `name` on #/arbeitsstaende. */
const row = (page, name) =>
  page.locator('li.workstate').filter({ has: page.getByLabel(`Name von „${name}“`, { exact: true }) });

/** The names of the listed work states, in order. */
const rowNames = (page) =>
  page.locator('li.workstate input[type=text]').evaluateAll((inputs) => inputs.map((i) => i.value));

/** The stored work states by name: { name: { id, progress } }, and the active id. */
async function statesByName(page) {
  const doc = await savedDocument(page);
  const byName = {};
  for (const s of doc.states) byName[s.progress.name] = s;
  return { byName, active: doc.active, doc };
}

const ticked = (state, step) => state.progress.steps[step]?.tasks ?? [];

/** Opens a step and waits for its heading. */
async function openStep(page, base, step) {
  await goToScreen(page, base, `#/schritt/${step}`);
  return page.locator('main h1').textContent();
}

const task = (page, step, id) => page.locator(`#aufgabe-${step}-${id}`);
const note = (page) => page.getByLabel('Ihre Notizen zu diesem Schritt');

async function answerIntake(page, profile) {
  for (const [question, choice] of Object.entries(PROFILES[profile])) {
    await page.locator(`input[type=radio][name="${question}"][value="${choice}"]`).check();
  }
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL(/#\/ihr-weg$/);
  await expectHeading(page, /^Ihr Weg: \d+ Schritte/);
}

async function workStatesScreen(page, base) {
  await goToScreen(page, base, '#/arbeitsstaende');
  await expectHeading(page, 'Arbeitsstände');
}

const kommune = (page) => page.locator('.site-header .kommune').textContent();

e2e('work states keep their own profile and ticks; rename, duplicate, delete with undo, restore after reload', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde', { name: 'Dorf Eins' });
  await openStep(page, base, 'was-ist-open-government');
  await task(page, 'was-ist-open-government', 'eigene-worte').check();
  await waitForSaved(page, (p) => p.steps['was-ist-open-government']?.tasks?.includes('eigene-worte'), 'the tick in Dorf Eins');

  // A second work state with its own name and intake.
  await workStatesScreen(page, base);
  assert.deepEqual(await rowNames(page), ['Dorf Eins']);
  await page.getByLabel('Name (z. B. die Kommune)').fill('Stadt Zwei');
  await page.getByRole('button', { name: 'Anlegen und Fragen beantworten' }).click();
  await page.waitForURL(/#\/fragen$/);
  await expectHeading(page, 'Ihre Kommune');
  assert.equal(await page.getByLabel('Name der Kommune').inputValue(), 'Stadt Zwei');
  assert.equal(await page.locator('input[type=radio]:checked').count(), 0, 'the new work state starts without answers');
  await answerIntake(page, 'grossstadt');
  await openStep(page, base, 'einstieg-vorbereiten');
  assert.equal(await task(page, 'einstieg-vorbereiten', 'koordination-benennen').isChecked(), false);
  await task(page, 'einstieg-vorbereiten', 'koordination-benennen').check();
  await openStep(page, base, 'was-ist-open-government');
  assert.equal(await task(page, 'was-ist-open-government', 'eigene-worte').isChecked(), false, 'no tick from Dorf Eins');
  await waitForSaved(page, (p) => p.steps['einstieg-vorbereiten']?.tasks?.includes('koordination-benennen'), 'the tick in Stadt Zwei');

  let { byName, active } = await statesByName(page);
  assert.deepEqual(Object.keys(byName).sort(), ['Dorf Eins', 'Stadt Zwei']);
  assert.equal(active, byName['Stadt Zwei'].id);
  assert.equal(byName['Dorf Eins'].progress.answers.profile.groesse, 'landgemeinde');
  assert.equal(byName['Stadt Zwei'].progress.answers.profile.groesse, 'grossstadt');
  assert.deepEqual(ticked(byName['Dorf Eins'], 'was-ist-open-government'), ['eigene-worte']);
  assert.deepEqual(ticked(byName['Dorf Eins'], 'einstieg-vorbereiten'), []);
  assert.deepEqual(ticked(byName['Stadt Zwei'], 'einstieg-vorbereiten'), ['koordination-benennen']);

  // Switch back: Dorf Eins has its own profile, path and ticks.
  await workStatesScreen(page, base);
  assert.equal(await row(page, 'Stadt Zwei').locator('.badge', { hasText: 'Aktiv' }).count(), 1);
  assert.match(await row(page, 'Dorf Eins').textContent(), /Größe: Landgemeinde/);
  assert.match(await row(page, 'Stadt Zwei').textContent(), /Größe: Großstadt/);
  assert.equal(await row(page, 'Stadt Zwei').getByRole('button', { name: 'Öffnen' }).count(), 0, 'the active one has no „Öffnen“');
  await row(page, 'Dorf Eins').getByRole('button', { name: 'Öffnen' }).click();
  await page.waitForURL(START_ADDRESS);
  await until('the header name', () => kommune(page), (t) => t === 'Dorf Eins');
  let o = await overview(page, base);
  assert.ok(o.onPath.some((s) => s.id === 'amt-als-partner'), 'the Landgemeinde path');
  assert.ok(!o.onPath.some((s) => s.id === 'open-data-eigenes-portal'));
  await openStep(page, base, 'was-ist-open-government');
  assert.ok(await task(page, 'was-ist-open-government', 'eigene-worte').isChecked());
  await openStep(page, base, 'einstieg-vorbereiten');
  assert.equal(await task(page, 'einstieg-vorbereiten', 'koordination-benennen').isChecked(), false);
  assert.equal((await statesByName(page)).active, byName['Dorf Eins'].id);

  // … and forth again: Stadt Zwei is as it was.
  await workStatesScreen(page, base);
  await row(page, 'Stadt Zwei').getByRole('button', { name: 'Öffnen' }).click();
  await page.waitForURL(START_ADDRESS);
  await until('the header name', () => kommune(page), (t) => t === 'Stadt Zwei');
  o = await overview(page, base);
  assert.ok(o.onPath.some((s) => s.id === 'open-data-eigenes-portal'), 'the Großstadt path');
  await openStep(page, base, 'einstieg-vorbereiten');
  assert.ok(await task(page, 'einstieg-vorbereiten', 'koordination-benennen').isChecked());
  await openStep(page, base, 'was-ist-open-government');
  assert.equal(await task(page, 'was-ist-open-government', 'eigene-worte').isChecked(), false);

  // Rename.
  await workStatesScreen(page, base);
  await row(page, 'Stadt Zwei').getByLabel('Name von „Stadt Zwei“').fill('Stadt Zwo');
  await page.keyboard.press('Tab');
  await row(page, 'Stadt Zwo').waitFor();
  assert.deepEqual(await rowNames(page), ['Dorf Eins', 'Stadt Zwo']);
  await until('the header name', () => kommune(page), (t) => t === 'Stadt Zwo');
  ({ byName } = await statesByName(page));
  assert.deepEqual(Object.keys(byName).sort(), ['Dorf Eins', 'Stadt Zwo']);

  // Duplicate: an independent copy, active.
  await row(page, 'Stadt Zwo').getByRole('button', { name: 'Duplizieren' }).click();
  await row(page, 'Stadt Zwo (Kopie)').waitFor();
  assert.deepEqual(await rowNames(page), ['Dorf Eins', 'Stadt Zwo', 'Stadt Zwo (Kopie)']);
  assert.equal(await row(page, 'Stadt Zwo (Kopie)').locator('.badge', { hasText: 'Aktiv' }).count(), 1);
  ({ byName, active } = await statesByName(page));
  const copy = byName['Stadt Zwo (Kopie)'];
  assert.equal(active, copy.id);
  assert.notEqual(copy.id, byName['Stadt Zwo'].id);
  assert.deepEqual(copy.progress.answers, byName['Stadt Zwo'].progress.answers);
  assert.deepEqual(ticked(copy, 'einstieg-vorbereiten'), ['koordination-benennen']);
  // Changing the copy leaves the original alone.
  await openStep(page, base, 'einstieg-vorbereiten');
  await task(page, 'einstieg-vorbereiten', 'koordination-benennen').uncheck();
  await task(page, 'einstieg-vorbereiten', 'zeitbudget').check();
  await waitForSaved(
    page,
    (p) => p.name === 'Stadt Zwo (Kopie)' && (p.steps['einstieg-vorbereiten']?.tasks ?? []).join() === 'zeitbudget',
    'the copy\'s ticks',
  );
  ({ byName } = await statesByName(page));
  assert.deepEqual(ticked(byName['Stadt Zwo'], 'einstieg-vorbereiten'), ['koordination-benennen'], 'the original is unchanged');

  // Delete asks first; „Abbrechen“ keeps everything.
  await workStatesScreen(page, base);
  await settled(page);
  const before = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  await row(page, 'Stadt Zwo (Kopie)').getByRole('button', { name: 'Löschen' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Wollen Sie „Stadt Zwo \(Kopie\)“ wirklich löschen\?/);
  assert.equal(await page.locator('li.workstate').count(), 3, 'nothing deleted before the answer');
  await settled(page);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), before);
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await rowNames(page), ['Dorf Eins', 'Stadt Zwo', 'Stadt Zwo (Kopie)']);

  // „Ja, löschen“, then „Rückgängig“.
  await row(page, 'Stadt Zwo (Kopie)').getByRole('button', { name: 'Löschen' }).click();
  await dialog.getByRole('button', { name: 'Ja, löschen' }).click();
  await dialog.waitFor({ state: 'detached' });
  await until('the rows', () => rowNames(page), (n) => n.join() === 'Dorf Eins,Stadt Zwo');
  const undoBanner = page.getByRole('status').filter({ hasText: 'wurde gelöscht' });
  assert.match(await undoBanner.textContent(), /„Stadt Zwo \(Kopie\)“ wurde gelöscht\./);
  let doc = await savedDocument(page);
  assert.equal(doc.states.length, 2);
  assert.deepEqual(doc.deleted.map((d) => d.state.progress.name), ['Stadt Zwo (Kopie)']);
  assert.notEqual(doc.active, copy.id);
  await undoBanner.getByRole('button', { name: 'Rückgängig' }).click();
  await until('the rows', () => rowNames(page), (n) => n.join() === 'Dorf Eins,Stadt Zwo,Stadt Zwo (Kopie)');
  assert.equal(await undoBanner.count(), 0);
  doc = await savedDocument(page);
  assert.equal(doc.deleted.length, 0);
  assert.equal(doc.active, copy.id, 'the restored one is active again');
  assert.deepEqual(ticked(doc.states.find((s) => s.id === copy.id), 'einstieg-vorbereiten'), ['zeitbudget']);

  // Deleted once more: listed under „Gelöschte Arbeitsstände“, also after a reload.
  await row(page, 'Stadt Zwo (Kopie)').getByRole('button', { name: 'Löschen' }).click();
  await dialog.getByRole('button', { name: 'Ja, löschen' }).click();
  await until('the rows', () => rowNames(page), (n) => n.join() === 'Dorf Eins,Stadt Zwo');
  const deletedSection = page.getByRole('heading', { name: 'Gelöschte Arbeitsstände' }).locator('xpath=..');
  await deletedSection.waitFor();
  await page.reload();
  await waitForScreen(page);
  await expectHeading(page, 'Arbeitsstände');
  assert.equal(await undoBanner.count(), 0, 'the undo banner does not outlive the page');
  assert.deepEqual(await rowNames(page), ['Dorf Eins', 'Stadt Zwo']);
  assert.match(await deletedSection.textContent(), /Stadt Zwo \(Kopie\)/);
  assert.match(await deletedSection.textContent(), /7 Tage/);
  await deletedSection.getByRole('button', { name: 'Wiederherstellen' }).click();
  await until('the rows', () => rowNames(page), (n) => n.join() === 'Dorf Eins,Stadt Zwo,Stadt Zwo (Kopie)');
  assert.equal(await deletedSection.count(), 0, 'nothing left to restore');
  doc = await savedDocument(page);
  assert.equal(doc.deleted.length, 0);
  const restored = doc.states.find((s) => s.id === copy.id);
  assert.equal(restored.progress.name, 'Stadt Zwo (Kopie)');
  assert.deepEqual(ticked(restored, 'einstieg-vorbereiten'), ['zeitbudget'], 'with its ticks');
});

e2e('deleting the only work state leaves an empty one to work in; undo brings it back', async ({ page, base }) => {
  await completeIntake(page, base, 'grossstadt', { name: 'Einzige Stadt' });
  await workStatesScreen(page, base);
  await row(page, 'Einzige Stadt').getByRole('button', { name: 'Löschen' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Ja, löschen' }).click();
  await until('the rows', () => rowNames(page), (n) => n.join() === '');
  assert.equal(await page.locator('li.workstate').count(), 1, 'an empty work state takes its place');
  assert.match(await page.locator('li.workstate h2').textContent(), /^Ohne Namen/);
  assert.match(await page.locator('li.workstate').textContent(), /Noch kein Profil/);
  assert.equal(await page.locator('.site-header .kommune').count(), 0, 'the name left the header');
  // The empty one starts from the beginning.
  await goToScreen(page, base, '#/');
  await page.getByRole('link', { name: "Los geht's" }).waitFor();
  await workStatesScreen(page, base);
  await page.getByRole('heading', { name: 'Gelöschte Arbeitsstände' }).waitFor();
  await page.getByRole('button', { name: 'Wiederherstellen' }).click();
  await row(page, 'Einzige Stadt').waitFor();
  const { byName, active } = await statesByName(page);
  assert.equal(active, byName['Einzige Stadt'].id, 'the restored one is active');
  assert.equal(byName['Einzige Stadt'].progress.answers.profile.groesse, 'grossstadt');
  await until('the header name', () => kommune(page), (t) => t === 'Einzige Stadt');
});

/** Sets up a Landkreis work state with a done step, ticks and notes; returns the export. */
async function exportedWorkState(page, base) {
  await completeIntake(page, base, 'landkreis', { name: 'Kreis Export' });
  await openStep(page, base, 'was-ist-open-government');
  await page.locator('#status-was-ist-open-government-erledigt').check();
  await openStep(page, base, 'einstieg-vorbereiten');
  await task(page, 'einstieg-vorbereiten', 'koordination-benennen').check();
  await task(page, 'einstieg-vorbereiten', 'zeitbudget').check();
  await note(page).fill('Landrätin im März fragen\nzweite Zeile');
  await waitForSaved(
    page,
    (p) =>
      p.steps['was-ist-open-government']?.status === 'Done' &&
      p.steps['einstieg-vorbereiten']?.tasks?.length === 2 &&
      p.steps['einstieg-vorbereiten']?.note === 'Landrätin im März fragen\nzweite Zeile',
    'the work to export',
  );
  await workStatesScreen(page, base);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row(page, 'Kreis Export').getByRole('button', { name: 'Exportieren' }).click(),
  ]);
  const bytes = await downloadBytes(download);
  return { name: download.suggestedFilename(), bytes, json: JSON.parse(bytes.toString('utf8')) };
}

/** The import preview's entries as { term: value }. */
async function previewEntries(page) {
  const preview = page.getByRole('region', { name: 'Vorschau des Imports' });
  await preview.waitFor();
  return preview.evaluate((el) => {
    const out = {};
    const dts = [...el.querySelectorAll('dt')];
    for (const dt of dts) out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim();
    return out;
  });
}

e2e('export → import round trip: the file, the preview before any change, a new work state', async ({ page, base }) => {
  const exported = await exportedWorkState(page, base);
  const { json } = exported;
  assert.match(exported.name, /^leitfaden-arbeitsstand-kreis-export-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(json.kind, 'leitfaden-export');
  assert.equal(json.format, 3);
  assert.equal(json.guide.id, GUIDE_ID);
  assert.match(json.guide.version, /^\d+\.\d+\.\d+$/);
  assert.match(json.guide.fingerprint, /^\S{8,}$/);
  assert.match(json.exported, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  assert.ok(Math.abs(Date.parse(json.exported) - Date.now()) < 60_000, 'exported just now');
  assert.equal(json.progress.name, 'Kreis Export');
  assert.equal(json.progress.answers.profile.groesse, 'landkreis');
  assert.equal(json.progress.steps['was-ist-open-government'].status, 'Done');
  assert.deepEqual(json.progress.steps['einstieg-vorbereiten'].tasks, ['koordination-benennen', 'zeitbudget']);
  const footer = await page.locator('.site-footer').textContent();
  assert.ok(footer.includes(`Version ${json.guide.version}`), 'the guide version of this app');

  // A fresh browser with its own, different work.
  const other = await openPage(suite.browser);
  try {
    const p = other.page;
    await completeIntake(p, base, 'landgemeinde', { name: 'Bestehend' });
    await openStep(p, base, 'einstieg-vorbereiten');
    await task(p, 'einstieg-vorbereiten', 'gespraech-spitze').check();
    await waitForSaved(p, (x) => x.steps['einstieg-vorbereiten']?.tasks?.includes('gespraech-spitze'), 'existing work');
    await workStatesScreen(p, base);
    const snapshot = await storageSnapshot(p);
    const existing = JSON.parse(snapshot[STORAGE_KEY]);

    await p.locator('#import-datei').setInputFiles({ name: exported.name, mimeType: 'application/json', buffer: exported.bytes });
    const entries = await previewEntries(p);
    assert.equal(entries['Name'], 'Kreis Export');
    assert.match(entries['Profil'], /Größe: Landkreis/);
    assert.match(entries['Profil'], /Stand bei Transparenz: /);
    assert.equal(entries['Erledigte Schritte'], '1');
    assert.equal(entries['Notizen'], '1');
    assert.equal(entries['Leitfaden-Version'], json.guide.version);
    assert.equal(entries['Exportiert am'], json.exported.slice(0, 10));
    const preview = p.getByRole('region', { name: 'Vorschau des Imports' });
    assert.doesNotMatch(await preview.textContent(), /anderen Fassung/, 'same guide content: no warning');
    // Nothing has changed yet.
    assert.deepEqual(await storageSnapshot(p), snapshot, 'the preview changes nothing');
    assert.deepEqual(await rowNames(p), ['Bestehend']);
    // „Abbrechen“ closes the preview and still changes nothing.
    await preview.getByRole('button', { name: 'Abbrechen' }).click();
    await preview.waitFor({ state: 'detached' });
    assert.deepEqual(await storageSnapshot(p), snapshot);

    await p.locator('#import-datei').setInputFiles({ name: exported.name, mimeType: 'application/json', buffer: exported.bytes });
    await preview.getByRole('button', { name: 'Als neuen Arbeitsstand importieren' }).click();
    await p.waitForURL(START_ADDRESS);
    await until('the header name', () => kommune(p), (t) => t === 'Kreis Export');
    const doc = await savedDocument(p);
    assert.equal(doc.states.length, 2);
    assert.deepEqual(doc.states[0], existing.states[0], 'the existing work state is untouched');
    const imported = doc.states[1];
    assert.equal(doc.active, imported.id);
    assert.notEqual(imported.id, existing.states[0].id);
    assert.equal(imported.progress.name, 'Kreis Export');
    assert.deepEqual(imported.progress.answers, json.progress.answers);
    assert.deepEqual(imported.progress.steps, json.progress.steps, 'ticks, status and notes as exported');

    // The imported work shows in the app.
    await openStep(p, base, 'einstieg-vorbereiten');
    assert.ok(await task(p, 'einstieg-vorbereiten', 'koordination-benennen').isChecked());
    assert.ok(await task(p, 'einstieg-vorbereiten', 'zeitbudget').isChecked());
    assert.equal(await task(p, 'einstieg-vorbereiten', 'gespraech-spitze').isChecked(), false);
    assert.equal(await note(p).inputValue(), 'Landrätin im März fragen\nzweite Zeile');
    await openStep(p, base, 'was-ist-open-government');
    assert.ok(await p.getByRole('radio', { name: 'Erledigt' }).isChecked());

    // The same file again: another new work state, named apart.
    await workStatesScreen(p, base);
    await p.locator('#import-datei').setInputFiles({ name: exported.name, mimeType: 'application/json', buffer: exported.bytes });
    await preview.getByRole('button', { name: 'Als neuen Arbeitsstand importieren' }).click();
    await p.waitForURL(START_ADDRESS);
    await workStatesScreen(p, base);
    assert.deepEqual(await rowNames(p), ['Bestehend', 'Kreis Export', 'Kreis Export (importiert)']);

    // A file from another version of the guide says so in the preview.
    const older = { ...json, guide: { ...json.guide, version: '0.9.0', fingerprint: 'aeltere-fassung' } };
    await p.locator('#import-datei').setInputFiles({ name: 'alt.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(older)) });
    assert.equal((await previewEntries(p))['Leitfaden-Version'], '0.9.0');
    assert.match(await preview.textContent(), /aus einer anderen Fassung des Leitfadens/);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.context.close();
  }
});

e2e('every bad import file gets its own message and changes nothing', async ({ page, base }) => {
  const exported = await exportedWorkState(page, base);
  const good = exported.json;
  const goodText = exported.bytes.toString('utf8');
  await settled(page);
  const stored = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  const json = (v) => Buffer.from(JSON.stringify(v, null, 2));
  const bad = [
    { what: 'not JSON', buffer: Buffer.from('Das ist keine Exportdatei.\n'), message: /beschädigt \(Zeile 1, Spalte 1 ist nicht lesbar\)/ },
    { what: 'truncated JSON', buffer: Buffer.from(goodText.slice(0, Math.floor(goodText.length / 2))), message: /unvollständig.*abgeschnitten/ },
    { what: 'JSON of another kind', buffer: json({ kind: 'kalender-export', format: 1, termine: [] }), message: /kein Arbeitsstand dieses Leitfadens, sondern eine andere Datei/ },
    { what: 'an export of another guide', buffer: json({ ...good, guide: { ...good.guide, id: 'anderer-leitfaden' } }), message: /anderen Leitfaden \(„anderer-leitfaden“\)/ },
    { what: 'format 99', buffer: json({ ...good, format: 99 }), message: /neueren Version der Anwendung \(Format 99;/ },
    { what: 'an empty file', buffer: Buffer.alloc(0), message: /Die Datei ist leer\./ },
    { what: 'a whole stored document', buffer: Buffer.from(stored), message: /ganzer Browser-Speicher, kein exportierter Arbeitsstand/ },
    { what: 'an export without progress', buffer: json({ ...good, progress: undefined }), message: /Angabe „progress“ fehlt/ },
    { what: 'a file far too large', buffer: Buffer.alloc(6 * 1024 * 1024, 0x20), message: /viel zu groß/ },
  ];
  const preview = page.getByRole('region', { name: 'Vorschau des Imports' });
  const alert = page.locator('.import').getByRole('alert');
  const messages = new Set();
  for (const file of bad) {
    // A good file first: its preview is open when the bad file comes.
    await page.locator('#import-datei').setInputFiles({ name: 'gut.json', mimeType: 'application/json', buffer: exported.bytes });
    await preview.waitFor();
    assert.equal(await alert.count(), 0, 'a good file clears an earlier message');
    const snapshot = await storageSnapshot(page);
    const rows = await rowNames(page);

    await page.locator('#import-datei').setInputFiles({ name: `${file.what}.json`, mimeType: 'application/json', buffer: file.buffer });
    const text = await until(`the message for ${file.what}`, () => alert.textContent().catch(() => ''), (t) => file.message.test(t));
    assert.match(text, /^Diese Datei kann nicht importiert werden: .+ Es wurde nichts verändert\.$/, file.what);
    messages.add(text);
    assert.equal(await preview.count(), 0, `no preview for ${file.what}`);
    assert.deepEqual(await storageSnapshot(page), snapshot, `${file.what} changed the storage`);
    assert.deepEqual(await rowNames(page), rows);
  }
  assert.equal(messages.size, bad.length, `every bad file has its own message:\n${[...messages].join('\n')}`);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), stored);
});

e2e('two tabs on the same work state see each other\'s changes and keep both notes', async ({ page: a, context, base }) => {
  await completeIntake(a, base, 'landgemeinde', { name: 'Zwei Tabs' });
  const errorsB = [];
  const b = await context.newPage();
  trackErrors(b, errorsB);
  await gotoApp(b, base, '#/schritt/was-ist-open-government');
  await openStep(a, base, 'was-ist-open-government');
  const step = 'was-ist-open-government';

  // A tick in A shows in B without reload …
  assert.equal(await task(b, step, 'eigene-worte').isChecked(), false);
  await task(a, step, 'eigene-worte').check();
  await until('the tick in tab B', () => task(b, step, 'eigene-worte').isChecked(), (v) => v === true);
  assert.ok(await b.getByRole('radio', { name: 'In Arbeit' }).isChecked(), 'and the status it brought');
  // … and so does a note, and a tick taken back in B shows in A.
  await note(a).fill('Notiz aus Tab A');
  await until('the note in tab B', () => note(b).inputValue(), (v) => v === 'Notiz aus Tab A');
  await task(b, step, 'eigene-worte').uncheck();
  await until('the untick in tab A', () => task(a, step, 'eigene-worte').isChecked(), (v) => v === false);
  assert.equal(await note(a).inputValue(), 'Notiz aus Tab A', 'A\'s note survives B\'s change');

  // Different notes on two steps, typed alternately in A and B.
  await openStep(a, base, 'einstieg-vorbereiten');
  await openStep(b, base, 'so-arbeitet-der-leitfaden');
  const textA = 'Koordination: Frau Yilmaz, Vertretung Herr Berg.';
  const textB = 'Jeden zweiten Dienstag, 9 Uhr.';
  await note(a).click();
  await note(b).click();
  const chunks = (t) => t.match(/.{1,6}/g);
  const [ca, cb] = [chunks(textA), chunks(textB)];
  for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
    if (ca[i]) await note(a).pressSequentially(ca[i]);
    if (cb[i]) await note(b).pressSequentially(cb[i]);
  }
  assert.equal(await note(a).inputValue(), textA, 'typing in A was not disturbed by B');
  assert.equal(await note(b).inputValue(), textB, 'typing in B was not disturbed by A');
  await waitForSaved(
    a,
    (p) =>
      p.steps['einstieg-vorbereiten']?.note === textA &&
      p.steps['so-arbeitet-der-leitfaden']?.note === textB &&
      p.steps[step]?.note === 'Notiz aus Tab A',
    'both notes',
  );

  await a.reload();
  await b.reload();
  await waitForScreen(a);
  await waitForScreen(b);
  assert.equal(await note(a).inputValue(), textA);
  assert.equal(await note(b).inputValue(), textB);
  await openStep(a, base, 'so-arbeitet-der-leitfaden');
  assert.equal(await note(a).inputValue(), textB);
  await openStep(b, base, 'einstieg-vorbereiten');
  assert.equal(await note(b).inputValue(), textA);
  await openStep(b, base, step);
  assert.equal(await note(b).inputValue(), 'Notiz aus Tab A');
  assert.equal(await task(b, step, 'eigene-worte').isChecked(), false);
  assert.deepEqual(errorsB, [], 'tab B logged errors');
});

e2e('the status report shows the work, downloads as Markdown, prints without navigation and as a PDF', async ({ page, base }) => {
  await completeIntake(page, base, 'landgemeinde', { name: 'Musterdorf' });
  await openStep(page, base, 'was-ist-open-government');
  await page.locator('#status-was-ist-open-government-erledigt').check();
  await openStep(page, base, 'einstieg-vorbereiten');
  await task(page, 'einstieg-vorbereiten', 'koordination-benennen').check();
  await note(page).fill('Bürgermeisterin am 3. März fragen\nDanach den Rat informieren');
  await openStep(page, base, 'so-arbeitet-der-leitfaden');
  await page.locator('#status-so-arbeitet-der-leitfaden-nicht-relevant').check();
  await page.getByLabel('Warum ist der Schritt nicht relevant? (freiwillig)').fill('Kennen wir aus dem Workshop');
  await waitForSaved(page, (p) => p.steps['so-arbeitet-der-leitfaden']?.reason === 'Kennen wir aus dem Workshop', 'the reason');

  // The report is linked from the navigation.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Bericht' }).click();
  await expectHeading(page, 'Umsetzungsstand Open Government: Musterdorf');
  const report = page.locator('article.report');
  const profile = await report.locator('.report-profile').textContent();
  assert.match(profile, /Größe: Landgemeinde/);
  assert.match(profile, /Stand bei Transparenz: /);
  assert.match(profile, /Fortschritt: 2 von \d+ Schritten erledigt oder als nicht relevant markiert\./);
  const section = (title) => report.locator('.report-step').filter({ has: page.getByRole('heading', { name: title }) });
  const done = section(/^1\. Was ist kommunales Open Government\?$/);
  assert.equal(await done.locator('.status').textContent(), 'Erledigt');
  assert.equal(await done.locator('.status.status-erledigt').count(), 1);
  const notRelevant = section(/So arbeitet der Leitfaden$/);
  assert.equal(await notRelevant.locator('.status').textContent(), 'Nicht relevant');
  assert.match(await notRelevant.textContent(), /Grund, warum nicht relevant: Kennen wir aus dem Workshop/);
  const working = section(/Den Einstieg vorbereiten$/);
  assert.equal(await working.locator('.status').textContent(), 'In Arbeit');
  const tasks = await working.locator('.report-tasks li').allTextContents();
  assert.ok(tasks.includes('☑ Benennen Sie eine Person, die die Arbeit mit dem Leitfaden koordiniert, und eine Vertretung.'), tasks.join('\n'));
  assert.ok(tasks.some((t) => t.startsWith('☐ Laden Sie ein bis vier Kolleginnen')), 'an open task');
  assert.equal(await working.locator('.report-note p').innerText(), 'Bürgermeisterin am 3. März fragen\nDanach den Rat informieren');

  // As Markdown.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Als Markdown herunterladen' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^umsetzungsstand-musterdorf-\d{4}-\d{2}-\d{2}\.md$/);
  const md = (await downloadBytes(download)).toString('utf8');
  assert.match(md, /^# Umsetzungsstand Open Government: Musterdorf\n/);
  assert.match(md, /\n- Größe: Landgemeinde\n/);
  assert.match(md, /\n### 1\. Was ist kommunales Open Government\? — Erledigt\n/);
  assert.match(md, /\n### \d+\. So arbeitet der Leitfaden — Nicht relevant\n/);
  assert.match(md, /\nGrund, warum nicht relevant: Kennen wir aus dem Workshop\n/);
  assert.match(md, /\n- \[x\] Benennen Sie eine Person, die die Arbeit mit dem Leitfaden koordiniert, und eine Vertretung\.\n/);
  assert.match(md, /\n- \[ \] Laden Sie ein bis vier Kolleginnen/);
  assert.match(md, /\n> Bürgermeisterin am 3\. März fragen\n> Danach den Rat informieren\n/);

  // In print: no navigation, no buttons; the report itself.
  const siteNav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  const actions = report.locator('.actions');
  assert.ok(await siteNav.isVisible());
  assert.ok(await actions.isVisible());
  await page.emulateMedia({ media: 'print' });
  assert.equal(await siteNav.isVisible(), false, 'navigation hidden in print');
  assert.equal(await actions.isVisible(), false, 'the buttons are hidden in print');
  assert.equal(await page.locator('.site-footer').isVisible(), false);
  assert.ok(await page.locator('main h1').isVisible());
  assert.ok(await working.locator('.report-note').isVisible());
  await page.emulateMedia({ media: 'screen' });

  // As PDF: several pages (each chapter starts on a new one).
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = pdfPageCount(pdf);
  const chapters = await report.locator('.report-chapter').count();
  assert.ok(chapters >= 4, `${chapters} chapters`);
  assert.ok(pages >= chapters, `the PDF has ${pages} pages for ${chapters} chapters`);
});
