// Council-ready documents as a user gets them (issue 13): the report and the Beschlussvorlage
// as .docx and .odt, written by the documents worker and read by LibreOffice (headless); the
// page to publish (axe, no scripts, only public notes); the report and a work state as text
// when files cannot move, restored in a fresh browser; the mail link; hostile text in every
// field. Run: node --test --test-concurrency=1 tests/e2e/   (after bash scripts/build.sh)

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  APP,
  axe,
  completeIntake,
  describeViolations,
  downloadBytes,
  e2eSuite,
  expectHeading,
  goToScreen,
  openPage,
  waitForSaved,
} from './support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;

const STEP = 'politischer-auftrag';
const TASK = 'beschluesse-suchen';
const TASK_TEXT = 'Suchen Sie bestehende Beschlüsse, an die Sie anknüpfen können';
const TEMPLATE = 'Beschlussvorlage für den Gemeinderat';
const KOMMUNE = 'Musterdorf am See';
const NOTE = 'Fraktionen am 12. Mai informiert.\nBürgermeisterin unterstützt den Antrag.';

const SOFFICE = process.env.SOFFICE ?? '/usr/bin/soffice';

/**
 * Converts `files` with LibreOffice (headless, its own profile, so parallel runs and an open
 * LibreOffice never collide) to `filter` into `dir/out-<ext>/`; returns { name: text }.
 */
function soffice(dir, filter, files) {
  assert.ok(existsSync(SOFFICE), `${SOFFICE} is missing: bash scripts/setup.sh installs it (Debian package libreoffice-writer-nogui)`);
  const ext = filter.split(':')[0];
  const out = join(dir, `out-${ext}`);
  execFileSync(
    SOFFICE,
    [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', out, ...files],
    { timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const texts = {};
  for (const name of readdirSync(out)) {
    const file = join(out, name);
    // A PDF as its printed text (pdftotext keeps the list bullets: ☑ and ☐ of the tasks).
    texts[name.replace(/\.[^.]+$/, '')] =
      ext === 'pdf'
        ? execFileSync('pdftotext', ['-layout', file, '-'], { timeout: 60_000 }).toString('utf8').replace(/\s+/g, ' ')
        : readFileSync(file, 'utf8');
  }
  return texts;
}

/** The text of each <h1>…<h3> of LibreOffice's HTML export, whitespace folded. */
function headings(html) {
  return [...html.matchAll(/<h([1-3])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => [
    Number(m[1]),
    m[2].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim(),
  ]);
}

/** Clicks `button` and returns the download it starts: { name, bytes }. */
async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  return { name: d.suggestedFilename(), bytes: await downloadBytes(d) };
}

/** Intake, then on STEP: tick TASK, write `note`, mark it public if asked. */
async function workOnStep(page, base, { name = KOMMUNE, note = NOTE, publicNote = true } = {}) {
  await completeIntake(page, base, 'landgemeinde', { name });
  await goToScreen(page, base, `#/schritt/${STEP}`);
  await expectHeading(page, 'Politischen Auftrag sichern');
  await page.locator(`#aufgabe-${STEP}-${TASK}`).check();
  await page.getByLabel('Ihre Notizen zu diesem Schritt').fill(note);
  if (publicNote) await page.getByLabel(/^Öffentlich: Diese Notiz darf/).check();
  await waitForSaved(page, (p) => p.steps[STEP]?.note === note && (p.steps[STEP]?.public ?? false) === publicNote, 'the note');
}

e2e('the report and the Beschlussvorlage download as .docx and .odt, and LibreOffice reads headings, note, ticked task and Kommune', async ({ page, base }) => {
  await workOnStep(page, base);
  const dir = mkdtempSync(join(tmpdir(), 'leitfaden-dokumente-'));
  try {
    // The Arbeitshilfe, on its step, filled in with the work state. Each file gets its own
    // name (LibreOffice names its output after the input).
    const resource = page.locator('li.resource').filter({ hasText: TEMPLATE });
    const files = [];
    for (const [label, ext] of [['Word (.docx)', 'docx'], ['OpenDocument (.odt)', 'odt']]) {
      const d = await download(page, resource.getByRole('button', { name: `${label} „${TEMPLATE}“` }));
      assert.match(d.name, new RegExp(`^vorlage-ratsbeschluss-musterdorf-am-see-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`));
      assert.equal(d.bytes.subarray(0, 2).toString('latin1'), 'PK', `${d.name} is a zip archive`);
      files.push(join(dir, `vorlage-${ext}.${ext}`));
      writeFileSync(files.at(-1), d.bytes);
    }
    assert.match(await resource.locator('.document-status').textContent(), /^Fertig: „vorlage-ratsbeschluss-.*\.odt“ wurde heruntergeladen\.$/);

    // The report, from its page.
    await goToScreen(page, base, '#/bericht');
    await expectHeading(page, `Umsetzungsstand Open Government: ${KOMMUNE}`);
    for (const [label, ext] of [['Als Word-Datei (.docx)', 'docx'], ['Als OpenDocument (.odt)', 'odt']]) {
      const d = await download(page, page.getByRole('button', { name: label }));
      assert.match(d.name, new RegExp(`^umsetzungsstand-musterdorf-am-see-\\d{4}-\\d{2}-\\d{2}\\.${ext}$`));
      files.push(join(dir, `bericht-${ext}.${ext}`));
      writeFileSync(files.at(-1), d.bytes);
    }

    const txt = soffice(dir, 'txt:Text', files);
    const pdf = soffice(dir, 'pdf', files);
    const html = soffice(dir, 'html:XHTML Writer File:UTF8', files);
    const noteLines = NOTE.split('\n');
    for (const ext of ['docx', 'odt']) {
      const report = txt[`bericht-${ext}`];
      assert.ok(report, `LibreOffice converted the report .${ext}: ${Object.keys(txt)}`);
      assert.ok(report.includes(`Umsetzungsstand Open Government: ${KOMMUNE}`), `report.${ext}: title with the Kommune`);
      assert.ok(pdf[`bericht-${ext}`].includes(`☑ ${TASK_TEXT}`), `report.${ext}: the ticked task, drawn ticked: ${pdf[`bericht-${ext}`].slice(0, 3000)}`);
      assert.ok(pdf[`bericht-${ext}`].includes(`${KOMMUNE} · `), `report.${ext}: the Kommune in the page header`);
      for (const line of noteLines) assert.ok(report.includes(line), `report.${ext}: note line ${line}`);
      const reportHeadings = headings(html[`bericht-${ext}`]);
      assert.ok(reportHeadings.some(([l, t]) => l === 1 && /^Kapitel 1 · /.test(t)), `report.${ext}: chapter headings: ${JSON.stringify(reportHeadings)}`);
      assert.ok(reportHeadings.some(([l, t]) => l === 2 && /^\d+\. Politischen Auftrag sichern — In Arbeit$/.test(t)), `report.${ext}: the step's heading`);
      assert.ok(reportHeadings.some(([l, t]) => l === 1 && t === 'Profil'), `report.${ext}: Profil`);

      const template = txt[`vorlage-${ext}`];
      assert.ok(template, `LibreOffice converted the Beschlussvorlage .${ext}`);
      assert.ok(template.includes(TEMPLATE), `vorlage.${ext}: its title`);
      assert.ok(template.includes(`Kommune: ${KOMMUNE}`), `vorlage.${ext}: the Kommune`);
      assert.ok(template.includes('Ihre Notizen zum Schritt „Politischen Auftrag sichern“'), `vorlage.${ext}: the step's notes`);
      for (const line of noteLines) assert.ok(template.includes(line), `vorlage.${ext}: note line ${line}`);
      const templateHeadings = headings(html[`vorlage-${ext}`]).map(([, t]) => t);
      assert.ok(templateHeadings.includes('Angaben aus Ihrem Arbeitsstand'), `vorlage.${ext}: ${templateHeadings}`);
      assert.ok(templateHeadings.includes('Beschlussvorlage'), `vorlage.${ext}: the template's own heading: ${templateHeadings}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

e2e('the worker loads only when a document is asked for', async ({ page, base }) => {
  const loaded = [];
  page.on('request', (r) => {
    if (/dokumente/.test(r.url())) loaded.push(r.url().replace(base, ''));
  });
  await workOnStep(page, base, { publicNote: false });
  await goToScreen(page, base, '#/bericht');
  await expectHeading(page, /^Umsetzungsstand/);
  assert.deepEqual(loaded, [], 'nothing of the documents worker before a document is asked for');
  const d = await download(page, page.getByRole('button', { name: 'Als Markdown herunterladen' }));
  assert.match(d.name, /\.md$/);
  assert.deepEqual(loaded.sort(), ['/dokumente.js', '/dokumente_bg.wasm', '/dokumente_loader.js']);
  // A second document reuses the running worker.
  await download(page, page.getByRole('button', { name: 'Als Word-Datei (.docx)' }));
  assert.equal(loaded.length, 3, loaded.join(', '));
});

const HOSTILE_NAME = `Gemeinde <img src=x onerror="alert('name')"> & Co`;
const HOSTILE_NOTE = `Öffentlich: <script>alert('note')</script> **fett** [klick](javascript:alert(1))\n# Titel`;
const PRIVATE_NOTE = 'Geheim: Kandidatin für die Koordination ist Frau M.';

e2e('the page to publish shows what the Kommune chose, only public notes, passes axe and runs no script', async ({ page, base, context }) => {
  await workOnStep(page, base, { name: HOSTILE_NAME, note: HOSTILE_NOTE });
  // A second note stays private.
  await goToScreen(page, base, '#/schritt/einstieg-vorbereiten');
  await page.getByLabel('Ihre Notizen zu diesem Schritt').fill(PRIVATE_NOTE);
  await waitForSaved(page, (p) => p.steps['einstieg-vorbereiten']?.note === PRIVATE_NOTE, 'the private note');

  await goToScreen(page, base, '#/bericht');
  await page.getByRole('button', { name: 'Als Webseite veröffentlichen' }).click();
  const panel = page.getByRole('region', { name: 'Als Webseite veröffentlichen' });
  const noteBox = panel.getByLabel(/^Notiz zu „\d+\. Politischen Auftrag sichern“$/);
  assert.equal(await noteBox.isChecked(), true, 'a public note is in by default');
  assert.equal(await panel.getByLabel(/Einstieg/).count(), 0, 'a private note is not offered');
  const panelViolations = await axe(page);
  assert.deepEqual(panelViolations, [], describeViolations(panelViolations));
  await panel.getByLabel(/^Aufgaben jedes Schritts/).uncheck();
  const d = await download(page, panel.getByRole('button', { name: 'Webseite herunterladen (.html)' }));
  assert.match(d.name, /^webseite-umsetzungsstand-gemeinde-img-src-x-onerror-alert-name-co-\d{4}-\d{2}-\d{2}\.html$/);
  const html = d.bytes.toString('utf8');
  assert.match(html, /^<!DOCTYPE html>\n<html lang="de">/);
  assert.doesNotMatch(html, /<script|<img|<link|<iframe/i, 'nothing the user typed became markup, and nothing is loaded');
  assert.ok(!html.includes(PRIVATE_NOTE), 'the private note stays private');
  assert.ok(!html.includes(TASK_TEXT), 'tasks were left out');

  // Opened as a file, as on the Kommune's web site: the texts as typed, and axe finds nothing.
  const file = join(mkdtempSync(join(tmpdir(), 'leitfaden-seite-')), 'seite.html');
  writeFileSync(file, d.bytes);
  const viewer = await context.newPage();
  try {
    const dialogs = [];
    viewer.on('dialog', (dlg) => {
      dialogs.push(dlg.message());
      dlg.dismiss();
    });
    await viewer.goto(pathToFileURL(file).href);
    const text = await viewer.locator('body').innerText();
    assert.ok(text.includes(HOSTILE_NAME), 'the Kommune as typed');
    assert.ok(text.includes(`Öffentlich: <script>alert('note')</script> **fett** [klick](javascript:alert(1))`), 'the note as typed');
    assert.ok(text.includes('Kapitel 1 · '), 'the chapters');
    assert.match(text, /Politischen Auftrag sichern — In Arbeit/, 'each step with its status');
    assert.match(text, /Größe: Landgemeinde/, 'the profile');
    assert.match(text, /Creative Commons/, 'the licence');
    assert.match(text, /Erstellt mit dem „Leitfaden Kommunales Open Government“/, 'the attribution');
    assert.equal(await viewer.locator('a[href^="https://creativecommons.org/"]').count(), 1, 'the licence is linked');
    const violations = await axe(viewer);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(dialogs, [], 'no script ran');
    assert.equal(await viewer.evaluate(() => document.scripts.length), 1, 'only axe, injected by the test, is a script');
    const handlers = await viewer.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
    );
    assert.deepEqual(handlers, [], 'no event handler attribute');
    const hrefs = await viewer.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')));
    assert.ok(hrefs.every((h) => /^(https?:|mailto:)/.test(h)), hrefs.join(' '));
  } finally {
    await viewer.close();
  }
});

e2e('the report as text (plain and Markdown) and as a mail, with hostile text kept as text', async ({ page, base }) => {
  await workOnStep(page, base, { name: HOSTILE_NAME, note: HOSTILE_NOTE, publicNote: false });
  await goToScreen(page, base, '#/bericht');

  const copy = page.getByRole('button', { name: 'Als Text kopieren' });
  assert.equal(await copy.getAttribute('aria-expanded'), 'false');
  await copy.click();
  assert.equal(await copy.getAttribute('aria-expanded'), 'true');
  const field = page.getByLabel('Der Bericht als reiner Text');
  await field.waitFor();
  assert.equal(await field.getAttribute('readonly'), '');
  const plain = await field.inputValue();
  assert.ok(plain.startsWith(`Umsetzungsstand Open Government: ${HOSTILE_NAME}\n====`), plain.slice(0, 120));
  assert.ok(plain.includes(`☑ ${TASK_TEXT}`), 'the ticked task');
  for (const line of HOSTILE_NOTE.split('\n')) assert.ok(plain.includes(`    ${line}`), `the note line ${line}`);
  // Selected, so Strg+C copies it whatever the clipboard permission.
  await page.waitForFunction(() => {
    const el = document.activeElement;
    return el?.id === 'bericht-text' && el.selectionStart === 0 && el.selectionEnd === el.value.length;
  });
  await page.locator('.copy-box .copy-status:not(:empty)').waitFor();
  const violations = await axe(page);
  assert.deepEqual(violations, [], describeViolations(violations));

  await page.getByLabel('Markdown (für Wikis und Ticketsysteme)').check();
  const md = page.getByLabel('Der Bericht als Markdown');
  await md.waitFor();
  const markdown = await md.inputValue();
  assert.match(markdown, /^# Umsetzungsstand Open Government: Gemeinde &lt;img src=x onerror="alert\('name'\)"&gt; &amp; Co\n/);
  assert.ok(markdown.includes(`- [x] ${TASK_TEXT}`), 'the ticked task in Markdown');
  assert.ok(markdown.includes('\\*\\*fett\\*\\*') && !markdown.includes('<script>'), 'the note is escaped');

  // The mail: subject and a summary below the mail programs' limit.
  const mail = async () => {
    const href = await page.getByRole('link', { name: 'Per E-Mail senden' }).getAttribute('href');
    assert.ok(href.startsWith('mailto:?subject='), href.slice(0, 40));
    assert.ok(href.length <= 1800, `${href.length} characters`);
    assert.doesNotMatch(href, /[<>"' \n]/, 'everything is percent-encoded');
    const params = new URLSearchParams(href.slice('mailto:?'.length));
    return { subject: params.get('subject'), body: params.get('body').replace(/\r\n/g, '\n') };
  };
  const CUT = '[Gekürzt: Der Bericht ist länger, als ein E-Mail-Link fassen kann. Den vollständigen Bericht können Sie mit „Als Text kopieren“ einfügen oder als Word-Datei anhängen.]';
  const { subject, body } = await mail();
  assert.match(subject, new RegExp(`^Umsetzungsstand Open Government: Gemeinde <img src=x onerror="alert\\('name'\\)"> & Co \\(\\d{2}\\.\\d{2}\\.\\d{4}\\)$`));
  assert.match(body, /\nProfil: Größe: Landgemeinde · /);
  assert.match(body, /\nFortschritt: 0 von \d+ Schritten erledigt oder als nicht relevant markiert\.\n/);
  assert.match(body, /\nKapitel 1 · Klären: 0 von \d+ erledigt\nIn Arbeit: Politischen Auftrag sichern\n/);
  assert.ok(!body.includes(CUT), 'the summary fits');
  assert.doesNotMatch(await page.locator('.mail-note').textContent(), /gekürzt/);
  assert.ok(!body.includes('fett'), 'notes are not in the summary');

  // A summary too long for a mail link is cut at a line, and both the mail and the page say so.
  await goToScreen(page, base, '#/arbeitsstaende');
  const long = `${HOSTILE_NAME} ${'Ortsteil mit Ümlauten '.repeat(16)}`.trim();
  await page.locator('li.workstate input[type=text]').first().fill(long);
  await page.locator('li.workstate input[type=text]').first().press('Tab');
  await waitForSaved(page, (p) => p.name === long, 'the long name');
  await goToScreen(page, base, '#/bericht');
  const cut = await mail();
  assert.ok(cut.body.endsWith(`\n\n${CUT}`), cut.body.slice(-300));
  assert.ok(cut.body.startsWith('Umsetzungsstand Open Government: '), 'whole lines from the start');
  assert.match(await page.locator('.mail-note').textContent(), /wird deshalb gekürzt/);
});

e2e('a work state copied as text is restored in a fresh browser with the same preview; a cut text is refused', async ({ page, base }) => {
  await workOnStep(page, base, { publicNote: false });
  await goToScreen(page, base, '#/arbeitsstaende');
  const row = page.locator('li.workstate').filter({ hasText: KOMMUNE });
  await row.getByRole('button', { name: 'Als Text kopieren' }).click();
  const field = row.getByLabel(`„${KOMMUNE}“ als Text (mit „Aus Text wiederherstellen“ wieder einlesen)`);
  const text = await field.inputValue();
  assert.match(text, /^Leitfaden-Arbeitsstand v1\n([A-Za-z0-9+/=]{1,76}\n)+Ende, Prüfsumme [0-9a-f]{8}\n$/);
  await page.waitForFunction(() => {
    const el = document.activeElement;
    return el?.tagName === 'TEXTAREA' && el.selectionStart === 0 && el.selectionEnd === el.value.length;
  });

  // Another browser profile, nothing stored: paste, check, see what it holds, restore.
  const { context: fresh, page: other, errors } = await openPage(suite.browser);
  try {
    await other.goto(`${base}/#/arbeitsstaende`);
    await expectHeading(other, 'Arbeitsstände');
    const paste = other.getByLabel('Kopierter Arbeitsstand');
    // Cut off: refused, nothing changes.
    await paste.fill(text.split('\n').slice(0, 3).join('\n'));
    await other.getByRole('button', { name: 'Text prüfen' }).click();
    const alert = other.locator('.import-text [role=alert]');
    assert.match(await alert.textContent(), /^Dieser Text kann nicht wiederhergestellt werden: Der Text ist unvollständig: .* Es wurde nichts verändert\.$/);
    // One character changed: refused.
    const damaged = text.replace(/\n([A-Za-z0-9+/])/, (_, c) => `\n${c === 'A' ? 'B' : 'A'}`);
    await paste.fill(damaged);
    await other.getByRole('button', { name: 'Text prüfen' }).click();
    await other.waitForFunction(() => /beschädigt/.test(document.querySelector('.import-text [role=alert]')?.textContent ?? ''));
    assert.equal(await other.locator('li.workstate').count(), 1, 'still only the fresh work state');

    // As it came (inside a reply with quote marks, as mail programs do).
    await paste.fill(`Hallo,\nhier der Stand:\n\n${text.split('\n').map((l) => `> ${l}`).join('\n')}\nGrüße`);
    await other.getByRole('button', { name: 'Text prüfen' }).click();
    const preview = other.getByRole('region', { name: 'Vorschau des Imports' });
    await preview.waitFor();
    assert.equal(await preview.locator('h3').textContent(), 'Dieser Text enthält');
    const facts = await preview.locator('dd').allTextContents();
    assert.equal(facts[0], KOMMUNE);
    assert.match(facts[1], /Landgemeinde/);
    assert.equal(facts[3], '1', 'one note');
    await preview.getByRole('button', { name: 'Als neuen Arbeitsstand importieren' }).click();
    await other.waitForURL((u) => !u.hash.includes('arbeitsstaende'));
    await goToScreen(other, base, `#/schritt/${STEP}`);
    assert.equal(await other.getByLabel('Ihre Notizen zu diesem Schritt').inputValue(), NOTE);
    assert.equal(await other.locator(`#aufgabe-${STEP}-${TASK}`).isChecked(), true);
    assert.deepEqual(errors, [], 'the fresh browser logged errors');
  } finally {
    await fresh.close();
  }
});
