// The browser-test harness itself: a missing Firefox fails the run in CI instead of
// skipping its tests, and is reported loudly elsewhere.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './support.mjs';

function runFirefoxTests(env) {
  // NODE_TEST_CONTEXT would make the child report to this runner instead of printing.
  const { LEITFADEN_CI, CI, NODE_TEST_CONTEXT, ...rest } = process.env;
  return spawnSync(process.execPath, ['--test', join(ROOT, 'tests', 'e2e', 'firefox.test.mjs')], {
    env: { ...rest, FIREFOX: '/nonexistent/firefox-esr', ...env },
    encoding: 'utf8',
  });
}

test('in CI a missing Firefox fails the Firefox tests', () => {
  const r = runFirefoxTests({ LEITFADEN_CI: '1' });
  assert.notEqual(r.status, 0, `the run passed:\n${r.stdout}`);
  assert.match(r.stdout + r.stderr, /CI must run the Firefox tests/);
});

test('outside CI a missing Firefox is reported loudly, not silently skipped', () => {
  const r = runFirefoxTests({});
  assert.match(r.stdout + r.stderr, /Firefox ESR is not installed at \/nonexistent\/firefox-esr.*SKIPPED/);
  // Every Firefox test of the file is skipped, none passes.
  const tests = Number(/# tests (\d+)/.exec(r.stdout)?.[1]);
  assert.ok(tests > 0, `the Firefox file ran no test:\n${r.stdout}`);
  assert.match(r.stdout, new RegExp(`# skipped ${tests}\\b`));
  assert.match(r.stdout, /# pass 0/);
});
