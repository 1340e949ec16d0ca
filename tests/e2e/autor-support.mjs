// Helpers of the „Leitfaden anpassen“ browser tests (Chromium and Firefox): a zip reader
// and writer of our own (node's zlib for deflate), the edits a new author makes to the
// template, and `leitfaden check` on the same folder for comparison.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

import { ROOT } from './support.mjs';

/** The entries of a zip: { path: Buffer }, read through its central directory. */
export function unzip(bytes) {
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip: no end record');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`central entry ${i} missing`);
    const method = buf.readUInt16LE(at + 10);
    const packed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    at += 46 + skip;
    if (name.endsWith('/')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + packed);
    out[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
  }
  return out;
}

/** A zip of { path: Buffer | string } with deflated entries, as operating systems write them. */
export function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  const u16 = (v) => { const b = Buffer.alloc(2); b.writeUInt16LE(v); return b; };
  const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); return b; };
  for (const [path, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const packed = deflateRawSync(data);
    const name = Buffer.from(path, 'utf8');
    const crc = crc32(data);
    const head = [u16(20), u16(0x0800), u16(8), u16(0), u16(0x21), u32(crc), u32(packed.length), u32(data.length), u16(name.length)];
    const local = Buffer.concat([u32(0x04034b50), ...head, u16(0), name, packed]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), ...head, u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  const endRecord = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(central.length), u16(central.length), u32(dir.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, dir, endRecord]);
}

/** Writes `files` ({ relative path: Buffer }) below `dir` (emptied first). */
export function writeTree(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, data] of Object.entries(files)) {
    const p = join(dir, ...path.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
  }
}

/** Every file below `dir` as { 'folder/relative/path': Buffer }, named from dir's own name. */
export function readTree(dir) {
  const out = {};
  (function walk(d) {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[`${basename(dir)}/${relative(dir, p).split(sep).join('/')}`] = readFileSync(p);
    }
  })(dir);
  return out;
}

export const NEW_TITLE = 'Was ist Open Government im Kreis Musterland?';
export const NEW_ID = 'og-kreis-musterland';
export const BROKEN = 'gibt-es-nicht-';

/**
 * A new author's edits of the unpacked template in `dir` (the folder with leitfaden.ron):
 * the guide's own id, the first step's title, and one broken resource reference. Returns
 * { chapter, stepId, fix } where fix() repairs the reference.
 */
export function editTemplate(dir) {
  const index = join(dir, 'leitfaden.ron');
  const indexText = readFileSync(index, 'utf8');
  if (!/id: "kommunales-open-government"/.test(indexText)) throw new Error('the template has another id');
  writeFileSync(index, indexText.replace('id: "kommunales-open-government"', `id: "${NEW_ID}"`));
  const first = /chapters: \[\s*"([^"]+)"/.exec(indexText)?.[1];
  if (!first) throw new Error('leitfaden.ron lists no chapter');
  const chapterPath = join(dir, ...first.split('/'));
  const chapter = readFileSync(chapterPath, 'utf8');
  const step = chapter.indexOf('Step(');
  const stepId = /id: "([^"]+)"/.exec(chapter.slice(step))[1];
  const titleAt = step + chapter.slice(step).indexOf('title: "');
  const titleEnd = chapter.indexOf('",', titleAt);
  let edited = `${chapter.slice(0, titleAt)}title: "${NEW_TITLE}${chapter.slice(titleEnd)}`;
  const ref = edited.indexOf('resources: ["') + 'resources: ["'.length;
  if (ref < 'resources: ["'.length) throw new Error(`${first} references no resource`);
  const broken = `${edited.slice(0, ref)}${BROKEN}${edited.slice(ref)}`;
  writeFileSync(chapterPath, broken);
  return {
    chapter: first,
    stepId,
    fix: () => writeFileSync(chapterPath, edited),
  };
}

/** Makes the reported milliseconds comparable. */
export const withoutMs = (text) => text.replace(/; \d+ ms$/m, '; N ms');

/**
 * What `leitfaden check <folder>` prints (stdout and stderr), run in the folder's parent
 * so that messages name `<folder>/…`. Uses the release binary scripts/build.sh built.
 */
export function cliCheck(dir) {
  const args = ['run', '--quiet', '--release', '--manifest-path', join(ROOT, 'Cargo.toml'), '--bin', 'leitfaden', '--', 'check', basename(dir)];
  try {
    const out = execFileSync('cargo', args, { cwd: dirname(dir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, text: withoutMs(out) };
  } catch (e) {
    if (typeof e.status !== 'number') throw e;
    return { code: e.status, text: withoutMs(`${e.stdout}${e.stderr}`) };
  }
}

/** The page's messages and closing lines, put together as `leitfaden check` prints them. */
export function pagePrintout() {
  const messages = [...document.querySelectorAll('.autor-meldung pre')].map((p) => `${p.textContent}\n\n`);
  const tail = document.querySelector('.autor-schluss');
  return tail ? messages.join('') + tail.textContent + '\n' : null;
}

/** In the page: whether work state storage `key` has a ticked task on step `stepId`. */
export function ticked({ key, stepId }) {
  const doc = JSON.parse(localStorage.getItem(key) ?? 'null');
  const progress = doc?.states?.find((s) => s.id === doc.active)?.progress;
  return (progress?.steps?.[stepId]?.tasks?.length ?? 0) > 0;
}
