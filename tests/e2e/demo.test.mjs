// Browser tests of the demo mode (`?demo#/…`) for trainers: its own storage space, the bar
// on every screen with example Kommunen and the profile switcher, what appeared and
// disappeared, the reset, the comparison of two profiles, the presenter setting, and axe.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import assert from 'node:assert/strict';
import {
  STORAGE_KEY,
  axe,
  completeIntake,
  describeViolations,
  downloadBytes,
  e2eSuite,
  expectHeading,
  goToScreen,
  gotoApp,
  storageSnapshot,
  until,
  waitForSaved,
  waitForScreen,
} from './support.mjs';

const DEMO_KEY = `${STORAGE_KEY}/demo`;
const PRESENTER_KEY = `${STORAGE_KEY}/praesentation`;

const suite = e2eSuite();
const e2e = suite.e2e;


/** Goes to a screen in demo mode (`?demo#/…`) and waits for it. */
const demoScreen = (page, base, hash) => goToScreen(page, base, `?demo${hash}`);

const demoBar = (page) => page.getByRole('region', { name: 'Demo-Modus' });

async function expectDemoBar(page, screen) {
  const bar = demoBar(page);
  assert.ok(await bar.isVisible(), `the demo bar on ${screen}`);
  assert.match(await bar.textContent(), /Demo-Modus – Ihre echten Eingaben in diesem Browser bleiben unberührt\./);
  assert.match(page.url(), /\?demo(#|$)/, `${screen} is still in demo mode`);
}

/** The overview as shown: steps on the path with their badges, read from the DOM. */
async function shownOverview(page) {
  await expectHeading(page, 'Übersicht');
  return page.evaluate(() =>
    [...document.querySelectorAll('.chapter .step-list li')].map((li) => {
      const a = li.querySelector('a');
      return {
        id: decodeURIComponent(a.getAttribute('href').replace(/^#\/schritt\//, '')),
        title: a.textContent.replace(/^\d+\.\s*/, '').trim(),
        appeared: !!li.querySelector('.badge.appeared'),
        badge: li.querySelector('.badge.appeared')?.textContent ?? null,
      };
    }),
  );
}

/** The overview, once its list differs from `previous` (the path changes reactively). */
const changedOverview = (page, previous) =>
  until('the overview to change', () => shownOverview(page), (o) => JSON.stringify(o.map((s) => s.id)) !== JSON.stringify(previous.map((s) => s.id)));

const changeSummary = (page) => demoBar(page).getByRole('status');

/** Checks „Neu im Weg“ badges and the change summary against the paths before and after. */
async function checkChanges(page, before, after) {
  const beforeIds = new Set(before.map((s) => s.id));
  const afterIds = new Set(after.map((s) => s.id));
  const appeared = after.filter((s) => !beforeIds.has(s.id));
  const gone = before.filter((s) => !afterIds.has(s.id));
  assert.ok(appeared.length + gone.length > 0, 'the path changed');
  assert.deepEqual(
    after.filter((s) => s.appeared).map((s) => s.id),
    appeared.map((s) => s.id),
    'exactly the steps that appeared are marked',
  );
  for (const s of after.filter((x) => x.appeared)) assert.equal(s.badge, 'Neu im Weg');
  const summary = await changeSummary(page).textContent();
  assert.ok(
    summary.startsWith(`Nach dem Wechsel: ${appeared.length} Schritte neu im Weg, ${gone.length} weggefallen.`),
    summary,
  );
  for (const s of appeared) assert.ok(summary.includes(s.title), `the summary names the new step „${s.title}“: ${summary}`);
  for (const s of gone) assert.ok(summary.includes(s.title), `the summary names the dropped step „${s.title}“: ${summary}`);
  if (appeared.length) assert.match(summary, / Neu: /);
  if (gone.length) assert.match(summary, / Weggefallen: /);
  return { appeared, gone };
}

e2e('demo mode: its own storage, the bar everywhere, example Kommunen, switcher, reset; real progress untouched', async ({ page, base }) => {
  // Real progress first.
  await completeIntake(page, base, 'landgemeinde', { name: 'Echtes Dorf' });
  await goToScreen(page, base, '#/schritt/einstieg-vorbereiten');
  await page.locator('#aufgabe-einstieg-vorbereiten-koordination-benennen').check();
  await page.getByLabel('Ihre Notizen zu diesem Schritt').fill('Echte Notiz');
  await waitForSaved(page, (p) => p.steps['einstieg-vorbereiten']?.note === 'Echte Notiz', 'the real work');
  const real = await storageSnapshot(page);
  assert.ok(real[STORAGE_KEY], 'real progress is stored');
  assert.equal(real[DEMO_KEY], undefined);
  assert.equal(await page.getByRole('region', { name: 'Demo-Modus' }).count(), 0, 'no demo bar in normal mode');

  // The demo starts empty, with the bar on the start page.
  await page.goto(`${base}/?demo#/`);
  await waitForScreen(page);
  await expectHeading(page, 'Leitfaden Kommunales Open Government');
  await expectDemoBar(page, 'start');
  assert.equal(await page.locator('.site-header .kommune').count(), 0, 'the real name is not shown');
  await page.getByRole('link', { name: "Los geht's" }).waitFor();
  assert.equal(await page.locator('.demo-entry').count(), 0, 'no link into the demo from the demo');

  // An example Kommune: the overview of its path.
  const examples = demoBar(page).getByRole('group', { name: 'Beispielkommunen' });
  await examples.getByRole('button', { name: 'Dorf in einer Verbandsgemeinde' }).click();
  await page.waitForURL(/\?demo#\/uebersicht$/);
  const dorf = await shownOverview(page);
  await expectDemoBar(page, 'overview');
  assert.equal(await page.locator('#demo-groesse').inputValue(), 'landgemeinde', 'the switcher shows the example');
  assert.equal(await page.locator('#demo-stand_beteiligung').inputValue(), 'am_anfang');
  assert.ok(dorf.some((s) => s.id === 'amt-als-partner'));

  // Another example: the path changes, the new steps are marked and named.
  await examples.getByRole('button', { name: 'Großstadt mit Team' }).click();
  const gross = await changedOverview(page, dorf);
  assert.notEqual(gross.length, dorf.length, 'the number of steps differs');
  const { appeared, gone } = await checkChanges(page, dorf, gross);
  assert.ok(appeared.some((s) => s.id === 'daten-governance'), 'the Großstadt with a team gets data governance');
  assert.ok(gone.some((s) => s.id === 'amt-als-partner'), 'and no longer starts with an Amt');
  // Its administration follows from its size: shown, not asked.
  assert.equal(await page.locator('#demo-verwaltung').inputValue(), 'eigene');
  assert.ok(await page.locator('#demo-verwaltung').isDisabled());
  assert.equal(await page.locator('#demo-groesse').inputValue(), 'grossstadt');
  assert.equal(await page.locator('#demo-stand_transparenz').inputValue(), 'vorreiter');

  // A select in the bar changes the path at once, on the same screen.
  await page.locator('#demo-groesse').selectOption('landkreis');
  const kreis = await changedOverview(page, gross);
  assert.match(page.url(), /\?demo#\/uebersicht$/);
  await checkChanges(page, gross, kreis);
  assert.ok(kreis.some((s) => s.id === 'kreis-drehscheibe'), 'a Landkreis step');

  // The bar on a step, where something is ticked in the demo.
  await demoScreen(page, base, '#/schritt/einstieg-vorbereiten');
  await expectDemoBar(page, 'a step');
  const demoTask = page.locator('#aufgabe-einstieg-vorbereiten-zeitbudget');
  assert.equal(await page.locator('#aufgabe-einstieg-vorbereiten-koordination-benennen').isChecked(), false, 'no real tick in the demo');
  assert.equal(await page.getByLabel('Ihre Notizen zu diesem Schritt').inputValue(), '', 'no real note in the demo');
  await demoTask.check();
  await page.getByLabel('Ihre Notizen zu diesem Schritt').fill('Demo-Notiz');
  await until(
    'the demo save',
    () => page.evaluate((k) => localStorage.getItem(k), DEMO_KEY),
    (raw) => raw?.includes('"zeitbudget"') && raw.includes('Demo-Notiz'),
  );
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), real[STORAGE_KEY], 'demo work is not real work');

  // … and on the comparison.
  await demoScreen(page, base, '#/vergleich');
  await expectHeading(page, 'Zwei Profile vergleichen');
  await expectDemoBar(page, 'compare');

  // „Demo zurücksetzen“ empties the demo.
  await demoBar(page).getByRole('button', { name: 'Demo zurücksetzen' }).click();
  await page.waitForURL(/\?demo(#\/)?$/);
  await expectHeading(page, 'Leitfaden Kommunales Open Government');
  await page.getByRole('link', { name: "Los geht's" }).waitFor();
  assert.equal(await changeSummary(page).count(), 0, 'no change summary after the reset');
  assert.equal(await page.locator('#demo-groesse').inputValue(), '', 'no profile after the reset');
  const demoDoc = JSON.parse(
    await until('the reset to be saved', () => page.evaluate((k) => localStorage.getItem(k), DEMO_KEY), (raw) => raw && Object.keys(JSON.parse(raw).states[0].progress.steps).length === 0),
  );
  assert.equal(demoDoc.states.length, 1);
  assert.deepEqual(demoDoc.states[0].progress.steps, {});
  assert.deepEqual(demoDoc.states[0].progress.answers.profile ?? {}, {});
  await demoScreen(page, base, '#/schritt/einstieg-vorbereiten');
  assert.equal(await demoTask.isChecked(), false);
  assert.equal(await page.getByLabel('Ihre Notizen zu diesem Schritt').inputValue(), '');

  // The real key is byte for byte what it was; nothing else of the real data changed.
  const afterDemo = await storageSnapshot(page);
  for (const [k, v] of Object.entries(real)) assert.equal(afterDemo[k], v, `${k} changed`);
  for (const k of Object.keys(afterDemo)) {
    assert.ok(k in real || k === DEMO_KEY || k === PRESENTER_KEY, `unexpected key ${k}`);
  }

  // „Demo beenden“ leads back to the real progress.
  await demoBar(page).getByRole('link', { name: 'Demo beenden' }).click();
  await page.waitForURL((u) => !u.search.includes('demo'));
  await waitForScreen(page);
  assert.equal(await page.getByRole('region', { name: 'Demo-Modus' }).count(), 0);
  await page.locator('.site-header .kommune', { hasText: 'Echtes Dorf' }).waitFor();
  await goToScreen(page, base, '#/schritt/einstieg-vorbereiten');
  assert.ok(await page.locator('#aufgabe-einstieg-vorbereiten-koordination-benennen').isChecked());
  assert.equal(await page.locator('#aufgabe-einstieg-vorbereiten-zeitbudget').isChecked(), false);
  assert.equal(await page.getByLabel('Ihre Notizen zu diesem Schritt').inputValue(), 'Echte Notiz');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), real[STORAGE_KEY]);
});

e2e('a normal tab and a demo tab side by side do not see each other\'s work', async ({ page: real, context, base }) => {
  await completeIntake(real, base, 'landgemeinde', { name: 'Echtes Dorf' });
  await goToScreen(real, base, '#/schritt/einstieg-vorbereiten');
  const demoErrors = [];
  const demo = await context.newPage();
  demo.on('pageerror', (e) => demoErrors.push(e.message));
  await gotoApp(demo, base, '?demo#/');
  await demoBar(demo).getByRole('button', { name: 'Dorf in einer Verbandsgemeinde' }).click();
  await demoScreen(demo, base, '#/schritt/einstieg-vorbereiten');
  const box = (p, id) => p.locator(`#aufgabe-einstieg-vorbereiten-${id}`);

  await box(real, 'koordination-benennen').check();
  await waitForSaved(real, (p) => p.steps['einstieg-vorbereiten']?.tasks?.includes('koordination-benennen'), 'the real tick');
  await box(demo, 'gespraech-spitze').check();
  await until('the demo save', () => demo.evaluate((k) => localStorage.getItem(k), DEMO_KEY), (raw) => raw?.includes('gespraech-spitze'));
  await real.waitForTimeout(300);
  assert.equal(await box(demo, 'koordination-benennen').isChecked(), false, 'the real tick stays out of the demo');
  assert.equal(await box(real, 'gespraech-spitze').isChecked(), false, 'the demo tick stays out of the real work');
  const stored = JSON.parse(await real.evaluate((k) => localStorage.getItem(k), STORAGE_KEY));
  assert.deepEqual(stored.states[0].progress.steps['einstieg-vorbereiten'].tasks, ['koordination-benennen']);
  assert.equal(stored.states[0].progress.name, 'Echtes Dorf');
  await real.reload();
  await demo.reload();
  await waitForScreen(real);
  await waitForScreen(demo);
  assert.ok(await box(real, 'koordination-benennen').isChecked());
  assert.equal(await box(real, 'gespraech-spitze').isChecked(), false);
  assert.ok(await box(demo, 'gespraech-spitze').isChecked());
  assert.equal(await box(demo, 'koordination-benennen').isChecked(), false);
  assert.deepEqual(demoErrors, []);
});

/** Reads the comparison: the two lists, the summary and the sections with differing text. */
async function comparison(page) {
  return page.evaluate(() => ({
    onlyA: [...document.querySelectorAll('.compare ul.only-a li')].map((li) => li.textContent.trim()),
    onlyB: [...document.querySelectorAll('.compare ul.only-b li')].map((li) => li.textContent.trim()),
    summary: document.querySelector('.compare-summary').textContent,
    variants: [...document.querySelectorAll('.compare-variant')].map((s) => {
      const [a, b] = s.querySelectorAll('.compare-columns > div');
      return { title: s.querySelector('h3').textContent, a: a.textContent.replace(/^Profil A/, ''), b: b.textContent.replace(/^Profil B/, '') };
    }),
  }));
}

const QUESTIONS = ['groesse', 'bundesland', 'verwaltung', 'zeit', 'stand_transparenz', 'stand_beteiligung', 'stand_zusammenarbeit', 'stand_verwaltung'];
const sideValues = (page, side) =>
  Promise.all(QUESTIONS.map((q) => page.locator(`#vergleich-${side}-${q}`).inputValue()));

e2e('compare: two size classes differ in steps and texts; the same profile on both sides does not', async ({ page, base }) => {
  await gotoApp(page, base, '?demo#/vergleich');
  await expectHeading(page, 'Zwei Profile vergleichen');
  await expectDemoBar(page, 'compare');
  // The sides start with the first and the last example Kommune, and the selects show them.
  assert.deepEqual(await sideValues(page, 'A'), ['landgemeinde', 'rheinland_pfalz', 'verbund', 'wenige_stunden', 'am_anfang', 'am_anfang', 'am_anfang', 'am_anfang']);
  assert.deepEqual(await sideValues(page, 'B'), ['grossstadt', 'nordrhein_westfalen', 'eigene', 'team', 'vorreiter', 'etabliert', 'etabliert', 'etabliert']);

  // Same starting point, different size.
  for (const side of ['A', 'B']) {
    for (const q of QUESTIONS.slice(4)) await page.locator(`#vergleich-${side}-${q}`).selectOption('etabliert');
  }
  await page.locator('#vergleich-A-groesse').selectOption('landgemeinde');
  await page.locator('#vergleich-B-groesse').selectOption('grossstadt');
  let c = await comparison(page);
  assert.ok(c.onlyA.length > 0, 'steps only for the Landgemeinde');
  assert.ok(c.onlyB.length > 0, 'steps only for the Großstadt');
  assert.deepEqual(c.onlyA.filter((t) => c.onlyB.includes(t)), [], 'no step in both lists');
  assert.ok(c.onlyA.includes('Mit Ihrem Amt oder Ihrer Verbandsgemeinde beginnen'), c.onlyA.join(' | '));
  assert.ok(c.variants.length > 0, 'at least one step with other text');
  for (const v of c.variants) assert.notEqual(v.a, v.b, `„${v.title}“ is listed but reads the same`);
  assert.match(c.summary, new RegExp(`^${c.onlyA.length} Schritte nur bei A, ${c.onlyB.length} nur bei B, \\d+ bei beiden \\(${c.variants.length} davon mit unterschiedlichem Text\\)\\.$`));

  // Another size class on B: the lists follow.
  await page.locator('#vergleich-B-groesse').selectOption('landkreis');
  const c2 = await until('the comparison to follow B', () => comparison(page), (x) => JSON.stringify(x.onlyB) !== JSON.stringify(c.onlyB));
  assert.ok(c2.onlyB.length > 0 && c2.onlyA.length > 0);

  // An example Kommune on one side fills its selects.
  await page.locator('#vergleich-A-beispiel').selectOption({ label: 'Kleinstadt mit eigener Verwaltung' });
  await until('side A to take the example', () => sideValues(page, 'A'), (v) => v.join() === 'groessere_kleinstadt,nordrhein_westfalen,eigene,ein_tag,am_anfang,etabliert,am_anfang,am_anfang');

  // The same profile on both sides: nothing differs.
  const a = await sideValues(page, 'A');
  for (const [i, q] of QUESTIONS.entries()) {
    const select = page.locator(`#vergleich-B-${q}`);
    if (!(await select.isDisabled())) await select.selectOption(a[i]);
  }
  c = await until('no differences', () => comparison(page), (x) => x.onlyA.length + x.onlyB.length + x.variants.length === 0);
  assert.match(c.summary, /^0 Schritte nur bei A, 0 nur bei B, \d+ bei beiden \(0 davon mit unterschiedlichem Text\)\.$/);
  assert.ok(Number(/(\d+) bei beiden/.exec(c.summary)[1]) > 20, 'the common path is listed as common');
  // The comparison changes no work state.
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), null);
});

e2e('presenter setting: „Große Schrift“ toggles larger text, remembered across reloads', async ({ page, base }) => {
  await gotoApp(page, base, '?demo#/');
  const button = demoBar(page).getByRole('button', { name: 'Große Schrift' });
  const presenter = () => page.evaluate(() => document.body.classList.contains('presenter'));
  // Headings, body text and buttons all grow (sizes are in rem, so the root must grow).
  const fontSize = () =>
    page.evaluate(() =>
      ['main h1', 'main p', '.demo-bar button'].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)),
    );
  assert.equal(await presenter(), false);
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  const normal = await fontSize();

  await button.click();
  assert.equal(await presenter(), true);
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  const large = await fontSize();
  for (const [i, what] of ['the heading', 'the text', 'a button'].entries()) {
    assert.ok(large[i] > normal[i] * 1.3, `${what} is larger: ${normal[i]}px → ${large[i]}px`);
  }
  await page.reload();
  await waitForScreen(page);
  assert.equal(await presenter(), true, 'kept after a reload');
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  // On a projector-sized window the large text still fits without sideways scrolling.
  await page.setViewportSize({ width: 1024, height: 768 });
  await demoBar(page).getByRole('button', { name: 'Großstadt mit Team' }).click();
  await expectHeading(page, 'Übersicht');
  for (const hash of ['#/vergleich', '#/schritt/einstieg-vorbereiten', '#/bericht', '#/']) {
    await demoScreen(page, base, hash);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1024), `${hash} fits 1024 px`);
  }

  await button.click();
  assert.equal(await presenter(), false);
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await fontSize(), normal);
  await page.reload();
  await waitForScreen(page);
  assert.equal(await presenter(), false, 'off after a reload');
});

e2e('axe-core finds no violations on the demo screens, the comparison, an import preview and the report', async ({ page, base }) => {
  const check = async (screen) => {
    const violations = await axe(page);
    assert.equal(violations.length, 0, `${screen}:\n${describeViolations(violations)}`);
  };
  await gotoApp(page, base, '?demo#/');
  await check('demo: start');
  await demoBar(page).getByRole('button', { name: 'Dorf in einer Verbandsgemeinde' }).click();
  await expectHeading(page, 'Übersicht');
  await demoBar(page).getByRole('button', { name: 'Landkreis als Drehscheibe' }).click();
  await changeSummary(page).waitFor();
  await page.locator('.badge.appeared').first().waitFor();
  await check('demo: overview with the change summary and „Neu im Weg“');
  await demoScreen(page, base, '#/schritt/kreis-drehscheibe');
  await check('demo: step');
  await demoScreen(page, base, '#/vergleich');
  await check('demo: compare');
  await demoBar(page).getByRole('button', { name: 'Große Schrift' }).click();
  await check('demo: compare, presenter setting');
  await demoScreen(page, base, '#/bericht');
  await check('demo: report');

  // The work states with an import preview open, and the report, in normal mode.
  await completeIntake(page, base, 'landkreis', { name: 'Kreis Axe' });
  await goToScreen(page, base, '#/schritt/politischer-auftrag');
  await page.getByRole('radio', { name: 'Nicht relevant' }).check();
  await page.getByLabel('Warum ist der Schritt nicht relevant? (freiwillig)').fill('Beschluss liegt vor');
  await page.getByLabel('Ihre Notizen zu diesem Schritt').fill('Notiz für den Bericht');
  await goToScreen(page, base, '#/arbeitsstaende');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportieren' }).click(),
  ]);
  await page.locator('#import-datei').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: await downloadBytes(download) });
  await page.getByRole('region', { name: 'Vorschau des Imports' }).waitFor();
  await check('work states with an import preview');
  await page.locator('#import-datei').setInputFiles({ name: 'kaputt.json', mimeType: 'application/json', buffer: Buffer.from('{"kind": ') });
  await page.locator('.import').getByRole('alert').waitFor();
  await check('work states with an import error');
  await page.getByRole('button', { name: 'Löschen' }).click();
  await page.getByRole('alertdialog').waitFor();
  await check('work states asking before deleting');
  await goToScreen(page, base, '#/bericht');
  await expectHeading(page, 'Umsetzungsstand Open Government: Kreis Axe');
  await check('report');
});
