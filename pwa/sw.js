// Leitfaden service worker: the release build offline.
//
// This is a template. After a release build, scripts/precache.mjs writes dist/sw.js from it,
// with PRECACHE set to every file of the build and a content hash of each (never edit that
// list by hand). `trunk serve` has no sw.js, and the page registers none there.
//
// - install: downloads every listed file into a cache named after the hash of the list,
//   revalidated with the host (so never a stale copy), which answers 304 for what the page
//   has just downloaded itself: a first visit fetches each file once; one failed download
//   fails the install (tried again later).
// - fetch: listed files come from that cache (cache-first), everything else from the
//   network. Navigations to the app's root are answered with the cached index.html.
// - A new version waits until the page asks it to take over (pwa/offline.js shows
//   "Neue Version verfügbar" / "Jetzt neu laden"); on activation older caches are deleted.
'use strict';

const PRECACHE = null; // replaced by scripts/precache.mjs: { version, files: { path: sha256 } }

const PREFIX = 'leitfaden-precache-';
const CACHE = PREFIX + PRECACHE.version;
// sw.js lies in the app's root directory; the listed paths are relative to it.
const ROOT = new URL('./', self.location).href;
const INDEX = new URL('index.html', ROOT).href;
const LISTED = new Set(Object.keys(PRECACHE.files).map((path) => new URL(path, ROOT).href));

self.addEventListener('install', (event) => {
  // No skipWaiting() here: a new version waits for the user's "Jetzt neu laden".
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    [...LISTED].map(async (url) => {
      // `no-cache`: ask the host every time, but let it answer 304 for the copy the page
      // loaded a moment ago, instead of downloading the wasm a second time.
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      // Store a plain copy: no `redirected` flag (navigations reject redirected responses)
      // and no transfer headers such as content-encoding that no longer fit the body.
      const body = await response.arrayBuffer();
      const type = response.headers.get('content-type');
      await cache.put(url, new Response(body, { headers: type ? { 'content-type': type } : {} }));
    }),
  );
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
      );
      // The first version takes over the open page at once, so it works offline from now on.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  url.search = ''; // e.g. ?demo: the page reads it, the file is the same
  url.hash = '';
  const key = url.href === ROOT ? INDEX : url.href;
  if (LISTED.has(key)) {
    event.respondWith(fromCache(key, request));
  } else if (request.mode === 'navigate' && url.href.startsWith(ROOT)) {
    // Another page under the app's root: the network, offline the app itself.
    event.respondWith(fetch(request).catch(() => fromCache(INDEX, request)));
  }
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}
