// For authors: while `trunk serve` runs (what `bash scripts/dev.sh` starts), saving a file
// under guide/ shows the change in the browser within seconds, and a broken file shows the
// same file:line:col message as `leitfaden check` instead of a blank page.
// This test edits guide/kapitel/00-einstieg.ron and always writes the original back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { CHROMIUM_ARGS, ROOT } from './support.mjs';
import { chromium } from 'playwright-core';

const CHAPTER = join(ROOT, 'guide', 'kapitel', '00-einstieg.ron');
const TITLE = 'title: "Was ist kommunales Open Government?"';

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

test('trunk serve shows guide edits and guide errors without a restart', { timeout: 15 * 60_000 }, async () => {
  const original = readFileSync(CHAPTER, 'utf8');
  assert.ok(original.includes(TITLE), 'the chapter has the title this test edits');
  const restore = () => writeFileSync(CHAPTER, original);
  process.once('exit', restore);
  const port = await freePort();
  // Its own output directory: the release build in dist/ that the other tests use stays.
  const out = join(ROOT, 'target', 'hot-reload-dist');
  const trunk = spawn('trunk', ['serve', '--offline', '--dist', out, '--port', String(port), '--address', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  trunk.stdout.on('data', (d) => (log += d));
  trunk.stderr.on('data', (d) => (log += d));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    // The first (debug) build can take minutes on a cold machine.
    const deadline = Date.now() + 12 * 60_000;
    while (!/server listening|📡|🏠/.test(log)) {
      if (Date.now() > deadline || trunk.exitCode !== null) throw new Error(`trunk serve did not start:\n${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/#/schritt/was-ist-open-government`);
    await page.waitForSelector('main h1:has-text("Was ist kommunales Open Government?")', { timeout: 120_000 });

    const t0 = Date.now();
    writeFileSync(CHAPTER, original.replace(TITLE, 'title: "Was ist kommunales Open Government? (bearbeitet)"'));
    await page.waitForSelector('main h1:has-text("(bearbeitet)")', { timeout: 60_000 });
    const seconds = (Date.now() - t0) / 1000;
    assert.ok(seconds < 30, `the edit showed after ${seconds} s`);

    writeFileSync(CHAPTER, original.replace(TITLE, 'titel: "Was ist kommunales Open Government?"'));
    await page.waitForSelector('pre.diagnostics', { timeout: 60_000 });
    const text = await page.textContent('pre.diagnostics');
    assert.match(text, /guide\/kapitel\/00-einstieg\.ron:\d+:\d+: Fehler: Unbekanntes Feld `titel` in `Step`/);
    assert.match(text, /\^\^\^\^\^/, 'a caret under the field');

    restore();
    await page.waitForSelector('main h1:has-text("Was ist kommunales Open Government?")', { timeout: 60_000 });
  } finally {
    restore();
    await browser.close();
    try {
      process.kill(-trunk.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
