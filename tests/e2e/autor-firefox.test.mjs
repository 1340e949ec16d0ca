// „Leitfaden anpassen“ in Firefox ESR (puppeteer-core over WebDriver BiDi). Firefox has no
// directory picker, so the author goes the zip way: the template, unpacked and edited
// (one title, one broken reference), packed again and chosen; the error with
// file:line:col as `leitfaden check` prints it; fixed and chosen again; the preview with
// the new title; the shipped file from file:// with the new title and a tick over a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

import { FIREFOX, PROFILES, firefoxMissing, pageUntil, startServer } from './support.mjs';
import { BROKEN, NEW_ID, NEW_TITLE, cliCheck, editTemplate, pagePrintout, readTree, ticked, unzip, withoutMs, writeTree, zip } from './autor-support.mjs';

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
  await server?.close();
});

const heading = (page, expected) =>
  pageUntil(page, (t) => !document.getElementById('vorab') && document.querySelector('main#inhalt h1')?.textContent.trim() === t, expected, `the heading „${expected}“`);

/** Chooses `file` in the page's zip input and waits for a new result. */
async function chooseZip(page, file) {
  // The old result is marked, so that the new one is what is waited for.
  await page.evaluate(() => document.querySelector('.autor-ergebnis > div')?.setAttribute('data-vorher', ''));
  const input = await page.$('#autor-zip');
  await input.uploadFile(file);
  await pageUntil(page, () => !!document.querySelector('.autor-ergebnis > div:not([data-vorher]) :is(.autor-zahlen, .autor-probleme)'), null, 'the check result');
}

test('Firefox: template as zip, edit, check, fix, preview, ship, open from file://', { skip }, async () => {
  const context = await firefox.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  const tmp = mkdtempSync(join(tmpdir(), 'leitfaden-autor-ff-'));
  try {
    await page.goto(`${server.url}/#/ueber`);
    await heading(page, 'Über diesen Leitfaden');
    await page.evaluate(() => [...document.querySelectorAll('footer a')].find((a) => a.textContent === 'Leitfaden anpassen').click());
    await heading(page, 'Leitfaden anpassen');
    assert.equal(await page.evaluate(() => 'showDirectoryPicker' in window), false, 'Firefox has no directory picker');

    // The template, as the button's link gives it.
    const href = await page.evaluate(() => [...document.querySelectorAll('a')].find((a) => a.textContent === 'Mitgelieferten Leitfaden als Vorlage herunterladen').href);
    const response = await fetch(href);
    assert.equal(response.status, 200);
    writeTree(tmp, unzip(Buffer.from(await response.arrayBuffer())));
    const dir = join(tmp, 'leitfaden-vorlage');
    const { chapter, stepId, fix } = editTemplate(dir);
    const zipFile = join(tmp, 'leitfaden-vorlage.zip');
    writeFileSync(zipFile, zip(readTree(dir)));

    await chooseZip(page, zipFile);
    const printed = await page.evaluate(pagePrintout);
    const broken = await page.evaluate((b) => [...document.querySelectorAll('.autor-meldung.fehler')].find((l) => l.textContent.includes(`Unbekannte Arbeitshilfe \`${b}`))?.textContent, BROKEN);
    assert.ok(broken, `the error on the broken reference:\n${printed}`);
    assert.match(broken, new RegExp(`Fehler in leitfaden-vorlage/${chapter}, Zeile \\d+, Spalte \\d+leitfaden-vorlage/${chapter}:\\d+:\\d+: Fehler: Unbekannte Arbeitshilfe`));
    const cli = cliCheck(dir);
    assert.equal(cli.code, 1);
    assert.equal(withoutMs(printed), cli.text);

    // Fixed, packed again and chosen again.
    fix();
    writeFileSync(zipFile, zip(readTree(dir)));
    await chooseZip(page, zipFile);
    await pageUntil(page, () => document.querySelector('.autor-zahlen')?.textContent.includes(' 0 Fehler'), null, 'no errors');
    assert.equal(withoutMs(await page.evaluate(pagePrintout)), cliCheck(dir).text);

    // The preview in its own tab.
    await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Vorschau öffnen').click());
    const target = await firefox.waitForTarget((t) => t.url().includes('?vorschau'));
    const preview = await target.page();
    await pageUntil(preview, () => document.querySelector('.demo-bar')?.textContent.includes('Vorschau: Leitfaden aus Dateien von Ihrem Rechner'), null, 'the preview bar');
    await preview.goto(`${server.url}/?vorschau#/fragen`);
    await heading(preview, 'Ihre Kommune');
    for (const [question, choice] of Object.entries(PROFILES.landgemeinde)) await preview.click(`#${question}-${choice}`);
    await preview.click('button[type=submit]');
    await pageUntil(preview, () => location.hash === '#/ihr-weg', null, 'the path summary');
    await preview.evaluate(() => [...document.querySelectorAll('main a')].find((a) => a.textContent.trim() === 'Zum ersten Schritt').click());
    await heading(preview, NEW_TITLE);
    await preview.close();

    // Ship: catch the download's blob (Firefox under BiDi saves no files for us).
    await page.evaluate(() => {
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => {
        window.gespeichert = blob;
        return create(blob);
      };
      HTMLAnchorElement.prototype.click = function () {
        window.gespeichertAls = this.download;
      };
    });
    await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Als Datei für Ihre Kommunen speichern').click());
    const name = await pageUntil(page, () => window.gespeichertAls, null, 'the download');
    assert.match(name, /^leitfaden-.*\.html$/);
    const html = await page.evaluate(async () => await window.gespeichert.text());
    const shipped = join(tmp, name);
    writeFileSync(shipped, html);

    const file = await context.newPage();
    await file.goto(`${pathToFileURL(shipped).href}#/fragen`);
    await heading(file, 'Ihre Kommune');
    for (const [question, choice] of Object.entries(PROFILES.landgemeinde)) await file.click(`#${question}-${choice}`);
    await file.click('button[type=submit]');
    await pageUntil(file, () => location.hash === '#/ihr-weg', null, 'the path summary');
    await file.evaluate(() => [...document.querySelectorAll('main a')].find((a) => a.textContent.trim() === 'Zum ersten Schritt').click());
    await heading(file, NEW_TITLE);
    await file.click('.task-list input[type=checkbox]');
    await pageUntil(file, ticked, { key: `leitfaden/${NEW_ID}`, stepId }, 'the tick to be saved');
    await file.reload();
    await heading(file, NEW_TITLE);
    await pageUntil(file, () => document.querySelector('.task-list input[type=checkbox]:not([disabled])')?.checked, null, 'the tick after a reload');
    assert.deepEqual(errors, [], 'Firefox logged errors');
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
