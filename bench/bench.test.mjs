// Tests of the benchmark's own tools: the gzip host (bench/serve.mjs) and the guide reader
// (bench/guide.mjs). Run with `node --test bench/`.

import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { serve } from './serve.mjs';
import { firstStepOf, guideOf, stepsOf } from './guide.mjs';

let dir;
const WASM = Buffer.alloc(20000, 7); // compresses well
const RON = `// Kapitel: eins.
// Step(id: "auskommentiert", title: "Nicht dieser"),
Chapter(
    id: "eins",
    title: "Eins",
    /* Step(id: "auch-nicht", title: "Auch nicht") */
    steps: [
        Step(
            id: "erster-schritt",
            title: "Der „erste“ Schritt mit \\"Zitat\\"",
            body: "Absatz eins.

Absatz // kein Kommentar.",
            tasks: [(id: "aufgabe", text: "Tun.")],
        ),
        Step(id: "zweiter", title: "Zwei", body: "Text."),
    ],
)
`;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'leitfaden-bench-test-'));
  mkdirSync(join(dir, 'dist', 'guide', 'kapitel'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!DOCTYPE html><title>x</title>' + ' <p>Text</p>'.repeat(50));
  writeFileSync(join(dir, 'dist', 'app_bg.wasm'), WASM);
  writeFileSync(join(dir, 'dist', 'sw.js'), '// worker\n'.repeat(30));
  writeFileSync(join(dir, 'dist', 'icon.png'), Buffer.alloc(500, 1));
  writeFileSync(join(dir, 'dist', 'guide', 'leitfaden.ron'), `GuideFile(
    id: "test-leitfaden",
    questions: [
        Question(id: "groesse", label: "Größe?", choices: [Choice(id: "klein", label: "Klein"), Choice(id: "gross", label: "Groß")]),
        Question(id: "stand", label: "Stand?", choices: [Choice(id: "anfang", label: "Anfang")]),
    ],
    // chapters: ["falsch.ron"],
    chapters: [
        "kapitel/eins.ron",
        "kapitel/zwei.ron",
    ],
)`);
  writeFileSync(join(dir, 'dist', 'guide', 'kapitel', 'eins.ron'), RON);
  writeFileSync(join(dir, 'dist', 'guide', 'kapitel', 'zwei.ron'), 'Chapter(id: "zwei", title: "Zwei", steps: [Step(id: "dritter", title: "Drei", body: "")])');
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A raw GET (fetch would decompress and hide the encoding). */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

test('the host sends gzip only to clients that accept it, with the right MIME type', async () => {
  const host = await serve(join(dir, 'dist'));
  try {
    const gz = await get(`${host.url}/app_bg.wasm`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(gz.status, 200);
    assert.equal(gz.headers['content-type'], 'application/wasm');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.body.length < WASM.length / 10);
    assert.deepEqual(gunzipSync(gz.body), WASM);
    const plain = await get(`${host.url}/app_bg.wasm`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, WASM);
    const png = await get(`${host.url}/icon.png`, { 'accept-encoding': 'gzip' });
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(png.headers['content-encoding'], undefined, 'images are sent as they are');
    const index = await get(`${host.url}/`, { 'accept-encoding': 'gzip' });
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(gunzipSync(index.body).toString(), /<title>x<\/title>/);
    assert.equal((await get(`${host.url}/fehlt.js`)).status, 404);
    assert.deepEqual(host.sent().map((r) => [r.path, r.status, r.bytes]), [
      ['/app_bg.wasm', 200, gz.body.length],
      ['/app_bg.wasm', 200, WASM.length],
      ['/icon.png', 200, 500],
      ['/index.html', 200, index.body.length],
      ['/fehlt.js', 404, 0],
    ]);
    host.reset();
    assert.deepEqual(host.sent(), []);
  } finally {
    await host.close();
  }
});

test('the host answers a matching ETag with 304 and no body', async () => {
  const host = await serve(join(dir, 'dist'));
  try {
    const first = await get(`${host.url}/sw.js`, { 'accept-encoding': 'gzip' });
    assert.ok(first.headers.etag);
    const again = await get(`${host.url}/sw.js`, { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const stale = await get(`${host.url}/sw.js`, { 'if-none-match': '"anders"' });
    assert.equal(stale.status, 200);
    assert.deepEqual(host.sent().map((r) => r.status), [200, 304, 200]);
  } finally {
    await host.close();
  }
});

test('the host can leave out the service worker and serve extra pages', async () => {
  const host = await serve(join(dir, 'dist'), { serviceWorker: false, pages: { '/extra.html': '<p>extra</p>' } });
  try {
    assert.equal((await get(`${host.url}/sw.js`)).status, 404);
    assert.equal((await get(`${host.url}/extra.html`)).body.toString(), '<p>extra</p>');
  } finally {
    await host.close();
  }
});

test('the guide reader finds id, questions and steps in order, ignoring comments', () => {
  const guide = join(dir, 'dist', 'guide');
  const g = guideOf(guide);
  assert.equal(g.id, 'test-leitfaden');
  assert.deepEqual(g.chapters, ['kapitel/eins.ron', 'kapitel/zwei.ron']);
  assert.deepEqual(g.questions, [{ id: 'groesse', choices: ['klein', 'gross'] }, { id: 'stand', choices: ['anfang'] }]);
  assert.deepEqual(stepsOf(guide).map((s) => s.id), ['erster-schritt', 'zweiter', 'dritter']);
  const first = firstStepOf(guide);
  assert.equal(first.id, 'erster-schritt');
  assert.equal(first.title, 'Der „erste“ Schritt mit "Zitat"');
  assert.equal(first.body, 'Absatz eins.\n\nAbsatz // kein Kommentar.');
});
