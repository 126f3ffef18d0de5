// Kyso's service worker: the portal works offline once loaded.
//
// The app shell and both wasm files are cached under one version, the
// content hash of every cached file (written in at build time by
// scripts/widget-package.sh, with the list of files). Each version serves
// only its own cache, so a page never mixes files of two builds:
// - install: the new version's files are fetched into a new cache (all or
//   nothing, bypassing the HTTP cache);
// - a new version does not take over open pages (no skipWaiting): it
//   activates once every page of the old one is closed, and only then are
//   older caches deleted;
// - fetch: same-origin GETs are answered from this version's cache, then the
//   network (the demo page, files outside the shell). Navigations to the
//   portal fall back to its cached index.html when the network is gone.
// Nothing is ever sent anywhere: the worker only reads this folder's files.

const VERSION = "__KYSO_SW_VERSION__";
const FILES = __KYSO_SW_FILES__;
const CACHE = `kyso-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kyso-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (e) {
        const shell = req.mode === "navigate" && new URL(req.url).pathname === new URL("./", self.location).pathname;
        const page = shell ? await cache.match("./index.html") : undefined;
        if (page) return page;
        throw e;
      }
    }),
  );
});
