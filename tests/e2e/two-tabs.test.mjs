// Browser tests of one work state open in two tabs: bursts of typing in both, the same
// note typed in both, and an old tab meeting data a newer version saved.
// Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import assert from 'node:assert/strict';
import { STORAGE_KEY, completeIntake, e2eSuite, gotoApp, savedDocument, until, waitForScreen } from './support.mjs';

const e2e = e2eSuite().e2e;

const note = (page) => page.getByLabel('Ihre Notizen zu diesem Schritt');

async function openStep(page, base, step) {
  await gotoApp(page, base, `#/schritt/${step}`);
  await page.locator('article.step h1').waitFor();
}

/** The note of `step` in the active work state as stored now. */
async function storedNote(page, step) {
  const doc = await savedDocument(page);
  return doc?.states?.find((s) => s.id === doc.active)?.progress?.steps?.[step]?.note ?? '';
}

async function secondTab(context, base, step) {
  const b = await context.newPage();
  b.setDefaultTimeout(10_000);
  const errors = [];
  b.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await openStep(b, base, step);
  return { b, errors };
}

e2e('typing in two tabs at once, with no pause, loses no keystroke', async ({ page: a, context, base }) => {
  await completeIntake(a, base, 'landgemeinde', { name: 'Zwei Tabs' });
  const [stepA, stepB] = ['einstieg-vorbereiten', 'so-arbeitet-der-leitfaden'];
  await openStep(a, base, stepA);
  const { b, errors } = await secondTab(context, base, stepB);
  await note(a).click();
  await note(b).click();
  // One character in A, one in B, and so on, with no pause: each tab's storage events
  // about the other's saves arrive while it is already typing again.
  let textA = '';
  let textB = '';
  for (let i = 0; i < 40; i++) {
    const [ca, cb] = [String.fromCharCode(97 + (i % 26)), String.fromCharCode(65 + (i % 26))];
    textA += ca;
    textB += cb;
    await a.keyboard.type(ca);
    await b.keyboard.type(cb);
  }
  assert.equal(await note(a).inputValue(), textA, 'typing in A was not disturbed');
  assert.equal(await note(b).inputValue(), textB, 'typing in B was not disturbed');
  // Within a second both tabs' last text is in storage …
  await until('both notes in storage', async () => [await storedNote(a, stepA), await storedNote(a, stepB)],
    ([x, y]) => x === textA && y === textB, 1000);
  // … and stays there (no late write of an older copy).
  await a.waitForTimeout(500);
  assert.deepEqual([await storedNote(a, stepA), await storedNote(a, stepB)], [textA, textB]);
  await a.reload();
  await waitForScreen(a);
  assert.equal(await note(a).inputValue(), textA);
  await openStep(a, base, stepB);
  assert.equal(await note(a).inputValue(), textB);
  assert.deepEqual(errors, [], 'tab B logged errors');
});

e2e('the same note changed in another tab at the same time keeps both texts and lets the user append the other', async ({ page: a, context, base }) => {
  await completeIntake(a, base, 'landgemeinde', { name: 'Gleiche Notiz' });
  const step = 'einstieg-vorbereiten';
  await openStep(a, base, step);
  await note(a).fill('Koordination: Frau Yilmaz');
  await until('A saved', () => storedNote(a, step), (v) => v === 'Koordination: Frau Yilmaz');
  // Another tab, which had not seen A's text yet, saves its own text for the same note a
  // moment later: written here straight into storage, as that tab's app would.
  const other = await context.newPage();
  await other.goto(`${base}/manifest.webmanifest`);
  await other.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key));
    const p = doc.states.find((s) => s.id === doc.active).progress;
    p.steps['einstieg-vorbereiten'] = { status: 'Open', note: 'Termin: jeden Dienstag', edited: Date.now() + 1000, by: 'anderer-tab-', base: 0 };
    localStorage.setItem(key, JSON.stringify(doc));
  }, STORAGE_KEY);
  // The later text wins the note; A's own text is kept and shown, not lost.
  await until('the other text in A', () => note(a).inputValue(), (v) => v === 'Termin: jeden Dienstag');
  const kept = a.locator('.kept-note');
  await kept.waitFor();
  assert.match(await kept.textContent(), /Koordination: Frau Yilmaz/);
  // It is in storage too, so a reload keeps it.
  await a.reload();
  await waitForScreen(a);
  await a.locator('.kept-note').waitFor();
  await a.locator('.kept-note').getByRole('button', { name: 'An meine Notiz anhängen' }).click();
  assert.equal(await note(a).inputValue(), 'Termin: jeden Dienstag\n\nKoordination: Frau Yilmaz');
  await until('the kept text is dealt with', () => a.locator('.kept-note').count(), (n) => n === 0);
  await until('saved', () => storedNote(a, step), (v) => v === 'Termin: jeden Dienstag\n\nKoordination: Frau Yilmaz');
});

e2e('an old tab stops saving when a newer version saved in another tab, and says so', async ({ page: a, context, base }) => {
  await completeIntake(a, base, 'landgemeinde', { name: 'Alt und neu' });
  const step = 'einstieg-vorbereiten';
  await openStep(a, base, step);
  await note(a).fill('vorher');
  await until('saved', () => storedNote(a, step), (v) => v === 'vorher');
  // Another tab (a newer version of the app) writes its format.
  const b = await context.newPage();
  await b.goto(`${base}/manifest.webmanifest`);
  const newer = JSON.stringify({ kind: 'leitfaden-arbeitsstand', format: 999, guide: 'kommunales-open-government', states: 'neu' });
  await b.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, newer]);
  const alert = a.getByRole('alert');
  await until('the warning in the old tab', () => alert.textContent().catch(() => ''), (t) => /neuere Version/.test(t));
  // Typing on does not overwrite the newer data.
  await note(a).fill('nachher');
  await a.waitForTimeout(300);
  assert.equal(await a.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), newer);
  assert.match(await alert.textContent(), /speichert dieser Tab ab jetzt nicht mehr/);
});
