// Cuoshi's service worker: after the first visit the app works offline.
//
// Cache-first for every same-origin GET: the page, its Wasm and JS, the analysis worker
// (worker.js, worker_bg.wasm, which carry the dictionary) and the stylesheet are answered
// from the cache when present, else fetched and kept. On install the shell is pre-cached
// by reading index.html for the assets Trunk linked (hashed names), so even the files the
// very first page load fetched before this worker existed are available offline. Page
// loads (navigations) are answered from the cache too, and refreshed in the background so
// a new release is picked up on the next visit. Everything is relative to this file's
// location, so the site works under a sub-path such as /cuoshi/. Nothing is ever fetched
// from another origin.
const CACHE = 'cuoshi-v1';
const SCOPE = new URL('./', self.location).href;

async function precache() {
  const cache = await caches.open(CACHE);
  const urls = new Set([SCOPE, new URL('worker.js', SCOPE).href, new URL('worker_bg.wasm', SCOPE).href]);
  try {
    const response = await fetch(SCOPE, { cache: 'no-cache' });
    if (response.ok) {
      const html = await response.clone().text();
      await cache.put(SCOPE, response);
      for (const m of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        const url = new URL(m[1], SCOPE);
        if (url.origin === self.location.origin) urls.add(url.href);
      }
    }
  } catch (_) { /* offline at install: cache what we can later */ }
  await Promise.all([...urls].map(async (url) => {
    try {
      if (await cache.match(url)) return;
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    } catch (_) { /* a missing asset must not stop the install */ }
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function refresh(request, cache) {
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (e) {
    return undefined;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A navigation to any page of the site is the app's shell.
    const key = request.mode === 'navigate' ? SCOPE : request;
    const cached = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
    if (cached) {
      if (request.mode === 'navigate') event.waitUntil(refresh(SCOPE, cache));
      return cached;
    }
    const fresh = await refresh(request, cache);
    return fresh || new Response('offline', { status: 503, statusText: 'offline' });
  })());
});
