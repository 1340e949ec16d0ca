// „Leitfaden anpassen“ in Chromium, as a new author uses it: the template as a zip, unpacked,
// one title edited and one reference broken, chosen as a folder; the error with
// file:line:col, the same text as `leitfaden check`; fixed, „Erneut prüfen“, „Vorschau“ with
// the new title; the shipped single file from file:// with the new title and a tick that
// survives a reload. Also: the directory picker's handle (checked again without choosing),
// a dropped zip, a broken zip, the worker only on that page, and axe.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  APP,
  DIST,
  PROFILES,
  STORAGE_KEY,
  axe,
  describeViolations,
  downloadBytes,
  e2eSuite,
  expectHeading,
  gotoApp,
  openPage,
  pageUntil,
  screenshotOnFailure,
  storageSnapshot,
  until,
} from './support.mjs';
import { BROKEN, NEW_ID, NEW_TITLE, cliCheck, editTemplate, pagePrintout, readTree, ticked, unzip, withoutMs, writeTree, zip } from './autor-support.mjs';

const suite = e2eSuite();
const e2e = suite.e2e;

/** Waits for the check's result (the count) and returns the page's printout. */
async function result(page) {
  await page.waitForSelector('.autor-zahlen, .autor-probleme, .autor-ergebnis .banner');
  return page.evaluate(pagePrintout);
}

/** Opens the author page from the footer link, as a new author finds it. */
async function openAuthorPage(page, base) {
  await gotoApp(page, base, '#/ueber');
  await page.locator('footer').getByRole('link', { name: 'Leitfaden anpassen' }).click();
  await expectHeading(page, 'Leitfaden anpassen');
}

/** Downloads the template with its button and unpacks it below a fresh temporary folder. */
async function downloadTemplate(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Mitgelieferten Leitfaden als Vorlage herunterladen' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'leitfaden-vorlage.zip');
  const files = unzip(await downloadBytes(download));
  assert.ok(files['leitfaden-vorlage/LIESMICH.txt'], `a README for authors: ${Object.keys(files)}`);
  assert.match(files['leitfaden-vorlage/LIESMICH.txt'].toString('utf8'), /Geben Sie Ihrem Leitfaden in leitfaden\.ron eine eigene Kennung/);
  const tmp = mkdtempSync(join(tmpdir(), 'leitfaden-autor-'));
  writeTree(tmp, files);
  return { tmp, dir: join(tmp, 'leitfaden-vorlage') };
}

/** The page's message on the broken reference: its heading and text. */
async function brokenMessage(page) {
  return page.evaluate((broken) => {
    const li = [...document.querySelectorAll('.autor-meldung.fehler')].find((l) => l.textContent.includes(`Unbekannte Arbeitshilfe \`${broken}`));
    return li && { where: li.querySelector('.autor-wo').textContent, text: li.querySelector('pre').textContent };
  }, BROKEN);
}

e2e('a new author: template, edit, check as a folder, fix, preview, ship, open from file://', async ({ page, context, base }) => {
  // The folder input path (as in browsers without a directory picker).
  await context.addInitScript(() => {
    delete Window.prototype.showDirectoryPicker;
    delete window.showDirectoryPicker;
  });
  // Real progress in this browser, which the preview must not touch.
  await gotoApp(page, base, '#/');
  await page.evaluate((k) => localStorage.setItem(k, '{"echt":true}'), STORAGE_KEY);

  await openAuthorPage(page, base);
  const { tmp, dir } = await downloadTemplate(page);
  try {
    const { chapter, stepId, fix } = editTemplate(dir);

    const choose = async () => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Ordner wählen' }).click()]);
      await chooser.setFiles(dir);
    };
    await choose();
    const printed = await result(page);
    const broken = await brokenMessage(page);
    assert.ok(broken, `the page shows the broken reference:\n${printed}`);
    const [, line, col] = /^leitfaden-vorlage\/[^:]+:(\d+):(\d+): Fehler: Unbekannte Arbeitshilfe/.exec(broken.text) ?? [];
    assert.ok(line && col, `file:line:col first: ${broken.text}`);
    assert.equal(broken.where, `Fehler in leitfaden-vorlage/${chapter}, Zeile ${line}, Spalte ${col}`);
    assert.match(broken.text, /\n\s*\|\s+\^+\n/, 'a caret under the reference');
    assert.match(broken.text, /= Hinweis: /);
    assert.match(await page.locator('.autor-zahlen').textContent(), /^Geprüft: \d+ Dateien in „leitfaden-vorlage“\. [1-9]\d* Fehler, \d+ Warnung/);
    // The same as `leitfaden check` on the same folder.
    const cli = cliCheck(dir);
    assert.equal(cli.code, 1);
    assert.equal(withoutMs(printed), cli.text);
    assert.equal(await page.getByRole('button', { name: 'Vorschau öffnen' }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Als Datei für Ihre Kommunen speichern' }).isDisabled(), true);

    // Fixed; this browser gives no lasting access, so „Erneut prüfen“ opens the chooser.
    fix();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Erneut prüfen' }).click()]);
    await chooser.setFiles(dir);
    await page.waitForSelector('.autor-zahlen:has-text("0 Fehler")');
    const fixed = cliCheck(dir);
    assert.equal(fixed.code, 0);
    assert.equal(withoutMs(await page.evaluate(pagePrintout)), fixed.text);
    assert.ok(fixed.text.includes('Wege über alle Profile'));

    const violations = await axe(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    // The preview: its own tab, its own storage, the new title, the demo's tools.
    const [preview] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Vorschau öffnen' }).click()]);
    await preview.waitForSelector(`${APP} main#inhalt:not(.loading) h1`);
    assert.match(await preview.locator('.demo-bar').textContent(), /Vorschau: Leitfaden aus Dateien von Ihrem Rechner/);
    await preview.goto(`${base}/?vorschau#/schritt/${stepId}`);
    await expectHeading(preview, NEW_TITLE);
    await preview.reload();
    await expectHeading(preview, NEW_TITLE);
    assert.match(preview.url(), /\?vorschau#\/schritt\//, 'the preview keeps its address (no bundled step page)');
    // The profile switcher and the comparison of the demo.
    await preview.selectOption('#demo-groesse', PROFILES.grossstadt.groesse);
    await preview.waitForSelector('.demo-changes');
    await preview.getByRole('link', { name: 'Zwei Profile vergleichen' }).click();
    await expectHeading(preview, /vergleichen/i);
    const stored = await storageSnapshot(preview);
    assert.equal(stored[STORAGE_KEY], '{"echt":true}', 'real progress untouched');
    assert.ok(stored[`leitfaden/${NEW_ID}/vorschau`], `the preview saves in its own space: ${Object.keys(stored)}`);
    await preview.close();

    // Ship it: the single file with the author's guide.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als Datei für Ihre Kommunen speichern' }).click()]);
    assert.match(download.suggestedFilename(), /^leitfaden-.*\.html$/);
    const shipped = join(tmp, download.suggestedFilename());
    writeFileSync(shipped, await downloadBytes(download));
    await page.waitForSelector('.autor .banner.info:has-text("ist gespeichert")');

    // A Gemeinde opens it by double-click: file://, the new title, a tick kept over a reload.
    const { context: gemeinde, page: file, errors } = await openPage(suite.browser);
    try {
      await file.goto(`${pathToFileURL(shipped).href}#/fragen`);
      await expectHeading(file, 'Ihre Kommune');
      for (const [question, choice] of Object.entries(PROFILES.landgemeinde)) {
        await file.locator(`input[type=radio][name="${question}"][value="${choice}"]`).check();
      }
      await file.getByRole('button', { name: 'Weiter' }).click();
      await file.getByRole('link', { name: 'Zum ersten Schritt' }).click();
      await expectHeading(file, NEW_TITLE);
      const box = file.locator('.task-list input[type=checkbox]').first();
      await box.check();
      const key = `leitfaden/${NEW_ID}`;
      await pageUntil(file, ticked, { key, stepId }, 'the tick to be saved');
      await file.reload();
      await expectHeading(file, NEW_TITLE);
      assert.equal(await file.locator('.task-list input[type=checkbox]').first().isChecked(), true, 'the tick survives a reload');
      // A progress file of the bundled guide is refused with the usual message.
      const exportFile = join(tmp, 'export.json');
      await page.goto(`${base}/#/arbeitsstaende`);
      await expectHeading(page, 'Arbeitsstände');
      const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportieren' }).first().click()]);
      writeFileSync(exportFile, await downloadBytes(exported));
      assert.match(readFileSync(exportFile, 'utf8'), /"kommunales-open-government"/);
      await file.goto(`${pathToFileURL(shipped).href}#/arbeitsstaende`);
      await expectHeading(file, 'Arbeitsstände');
      await file.setInputFiles('#import-datei', exportFile);
      await file.waitForSelector('.import .error');
      assert.match(await file.locator('.import .error').textContent(), /anderen Leitfaden/);
      assert.deepEqual(errors, [], 'the shipped file logged errors');
    } finally {
      await gemeinde.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

e2e('with the directory picker, „Erneut prüfen“ reads the folder again without choosing', async ({ page, base }) => {
  await openAuthorPage(page, base);
  const { tmp, dir } = await downloadTemplate(page);
  try {
    const { fix } = editTemplate(dir);
    const files = Object.fromEntries(Object.entries(readTree(dir)).map(([p, b]) => [p, b.toString('base64')]));
    // The picker returns a real directory handle: the origin's private file system,
    // filled with the edited template.
    await page.evaluate(async (files) => {
      const root = await navigator.storage.getDirectory();
      const folder = await root.getDirectoryHandle('leitfaden-vorlage', { create: true });
      for (const [path, b64] of Object.entries(files)) {
        const parts = path.split('/').slice(1);
        let d = folder;
        for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, { create: true });
        const w = await (await d.getFileHandle(parts.at(-1), { create: true })).createWritable();
        await w.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
        await w.close();
      }
      window.showDirectoryPicker = async () => folder;
    }, files);
    await page.getByRole('button', { name: 'Ordner wählen' }).click();
    const printed = await result(page);
    assert.equal(withoutMs(printed), cliCheck(dir).text);
    assert.ok(await brokenMessage(page), printed);

    // Fixed on „disk“; „Erneut prüfen“ opens no chooser.
    fix();
    const chapter = Object.entries(readTree(dir)).find(([, b]) => b.includes(NEW_TITLE));
    await page.evaluate(async ([path, b64]) => {
      const parts = path.split('/');
      let d = await (await navigator.storage.getDirectory()).getDirectoryHandle(parts[0]);
      for (const p of parts.slice(1, -1)) d = await d.getDirectoryHandle(p);
      const w = await (await d.getFileHandle(parts.at(-1))).createWritable();
      await w.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
      await w.close();
    }, [chapter[0], chapter[1].toString('base64')]);
    let chooserOpened = false;
    page.on('filechooser', () => (chooserOpened = true));
    await page.getByRole('button', { name: 'Erneut prüfen' }).click();
    await page.waitForSelector('.autor-zahlen:has-text("0 Fehler")');
    assert.equal(chooserOpened, false);
    assert.equal(withoutMs(await page.evaluate(pagePrintout)), cliCheck(dir).text);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

e2e('a dropped zip is checked; a broken zip and a foreign file get their German message', async ({ page, base }) => {
  await openAuthorPage(page, base);
  const { tmp, dir } = await downloadTemplate(page);
  try {
    editTemplate(dir);
    const drop = async (name, bytes) => {
      const transfer = await page.evaluateHandle(
        ([name, b64]) => {
          const t = new DataTransfer();
          t.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
          return t;
        },
        [name, Buffer.from(bytes).toString('base64')],
      );
      await page.dispatchEvent('.autor-ablage', 'drop', { dataTransfer: transfer });
    };
    const zipped = zip(readTree(dir));
    await drop('meine-vorlage.zip', zipped);
    const printed = await result(page);
    assert.equal(withoutMs(printed), cliCheck(dir).text);
    assert.ok(await brokenMessage(page));

    await drop('kaputt.zip', zipped.subarray(0, zipped.length - 40));
    await page.waitForSelector('.autor-probleme');
    assert.match(await page.locator('.autor-probleme').textContent(), /„kaputt\.zip“: Die ZIP-Datei ist beschädigt oder unvollständig/);
    assert.equal(await page.locator('.autor-meldung').count(), 0);

    // Through the zip input: a file in UTF-16 (as some editors save).
    const utf16 = { 'x/leitfaden.ron': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Guide()', 'utf16le')]) };
    const zipFile = join(tmp, 'utf16.zip');
    writeFileSync(zipFile, zip(utf16));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'ZIP-Datei wählen' }).click()]);
    await chooser.setFiles(zipFile);
    await page.waitForSelector('.autor-probleme:has-text("UTF-16")');
    assert.match(await page.locator('.autor-probleme').textContent(), /„leitfaden\.ron“ ist eine Textdatei in UTF-16/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

e2e('the worker loads only on the author page, never with the app', async ({ page, context, base }) => {
  const requested = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await gotoApp(page, base, '#/');
  await page.goto(`${base}/#/ueber`);
  await expectHeading(page, 'Über diesen Leitfaden');
  assert.deepEqual(requested.filter((p) => /autor|vorlage|einzeldatei/.test(p)), [], 'nothing of the author page on the first load');
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html.replace(/<!--[\s\S]*?-->/g, ''), /autor-worker|autor_bg|autor\.js/, 'the pre-rendered page names no worker file');
  await page.getByRole('link', { name: 'Leitfaden anpassen' }).first().click();
  await expectHeading(page, 'Leitfaden anpassen');
  await until('the worker files requested', () => requested.filter((p) => /autor/.test(p)), (r) => r.includes('/autor_bg.wasm'));
  assert.ok(requested.includes('/autor-worker.js'), requested.join(' '));
});

e2e('the single file explains that it has no author page', async ({ page }) => {
  const single = join(DIST, 'leitfaden-einzeldatei.html');
  try {
    await page.goto(`${pathToFileURL(single).href}#/anpassen`);
    await expectHeading(page, 'Leitfaden anpassen');
    assert.match(await page.locator('main').textContent(), /In dieser Datei ist „Leitfaden anpassen“ nicht enthalten/);
    assert.equal(await page.getByRole('button', { name: 'Ordner wählen' }).count(), 0);
  } catch (e) {
    await screenshotOnFailure(page, 'single-file-author');
    throw e;
  }
});
