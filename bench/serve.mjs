// The benchmark's static host for a build directory: serves every file gzip-compressed
// (precomputed once per file) when the client accepts it, with the right MIME types, an
// ETag and 304 answers, like a real static host; and it counts what it sends, per request.
//
//   import { serve } from './serve.mjs';
//   const host = await serve('dist', { pages, serviceWorker });
//   host.url; host.sent(); host.reset(); await host.close();
//
// Also runnable by hand: node bench/serve.mjs [DIST]

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ron': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};
// Already compressed: a host sends these as they are.
const STORED = new Set(['.png', '.ico', '.jpg', '.jpeg', '.gif', '.webp', '.woff2']);

/** Every file under `dir` as { urlPath → absolute path }. */
function tree(dir, prefix = '/') {
  const out = {};
  (function walk(d) {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[prefix + relative(dir, p).split(sep).join('/')] = p;
    }
  })(dir);
  return out;
}

function entry(body, type, stored = false) {
  const gzip = stored ? null : gzipSync(body, { level: 9 });
  return {
    type,
    body,
    // Only worth it when smaller, as hosts do.
    gzip: gzip && gzip.length < body.length ? gzip : null,
    etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"`,
  };
}

/**
 * Serves `root` on 127.0.0.1 (a free port). Options:
 * - pages: { '/path': html } extra pages;
 * - serviceWorker: false answers /sw.js with 404 (no offline worker gets installed).
 * Files are read once at start; the build must not change while it runs.
 */
export async function serve(root, { pages = {}, serviceWorker = true } = {}) {
  const files = {};
  const paths = tree(resolve(root));
  for (const [url, file] of Object.entries(paths)) {
    const ext = extname(file).toLowerCase();
    files[url] = entry(readFileSync(file), MIME[ext] ?? 'application/octet-stream', STORED.has(ext));
  }
  for (const [url, html] of Object.entries(pages)) files[url] = entry(Buffer.from(html), MIME['.html']);
  if (!serviceWorker) delete files['/sw.js'];

  let log = [];
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const f = files[path];
    if (!f || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(f ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' }).end(f ? 'method not allowed' : 'not found');
      log.push({ path, status: f ? 405 : 404, bytes: 0 });
      return;
    }
    const headers = {
      'content-type': f.type,
      etag: f.etag,
      // Revalidate every time: what a host without hashed-name rules does for index.html,
      // and the most a repeat visit can be asked to do.
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
    };
    if (req.headers['if-none-match'] === f.etag) {
      res.writeHead(304, headers).end();
      log.push({ path, status: 304, bytes: 0 });
      return;
    }
    const gzip = f.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? f.gzip : f.body;
    if (gzip) headers['content-encoding'] = 'gzip';
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    log.push({ path, status: 200, bytes: req.method === 'HEAD' ? 0 : body.length, gzip });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** The requests answered since the start or the last reset: { path, status, bytes }. */
    sent: () => [...log],
    reset: () => { log = []; },
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const host = await serve(process.argv[2] ?? 'dist');
  console.log(`serving ${process.argv[2] ?? 'dist'} gzip-compressed at ${host.url}`);
}
