// Prints raw and gzip sizes of every file in a build directory, and the total.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist';
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p); else files.push(p);
  }
})(root);
let raw = 0, gz = 0;
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
for (const f of files.sort()) {
  const data = readFileSync(f);
  const g = gzipSync(data, { level: 9 }).length;
  raw += data.length; gz += g;
  console.log(`${kb(data.length)} ${kb(g)} gzip  ${relative(root, f)}`);
}
console.log(`${kb(raw)} ${kb(gz)} gzip  total of ${root}/ (${files.length} files)`);
