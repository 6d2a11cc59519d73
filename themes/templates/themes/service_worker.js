// Rahnuma's service worker (themes/offline.py): the pages a learner opens are kept, so that they can read
// them again without a connection; other pages show the offline page. Static files are kept as fetched, and
// used when the network fails (the browser's own HTTP cache still answers first for fingerprinted files).
"use strict";
const CACHE = "rahnuma-{{ cache_version }}";
const OFFLINE_PAGES = {{ offline_pages|safe }};
const STATIC_PREFIX = "{{ static_prefix|escapejs }}";
// Public reading pages only: the home pages, guides, courses and lessons, contacts.
const KEPT = new RegExp("^/({{ languages }})/((countries|courses|contacts)/.*)?$");

self.addEventListener("install", (event) => {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(Object.values(OFFLINE_PAGES))));
    self.skipWaiting();
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches.keys()
            .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
            .then(() => self.clients.claim())
    );
});

self.addEventListener("fetch", (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) {
        return;
    }
    if (request.mode === "navigate" || url.pathname.startsWith(STATIC_PREFIX)) {
        event.respondWith(networkThenKept(request, url));
    }
});

async function networkThenKept(request, url) {
    const cache = await caches.open(CACHE);
    try {
        const response = await fetch(request);
        if (response.ok && (KEPT.test(url.pathname) || url.pathname.startsWith(STATIC_PREFIX)) && !url.search) {
            await cache.put(request, response.clone());
        }
        return response;
    } catch (error) {
        const kept = await cache.match(request, {ignoreSearch: true});
        if (kept || request.mode !== "navigate") {
            return kept || Response.error();
        }
        const language = url.pathname.split("/")[1];
        return (await cache.match(OFFLINE_PAGES[language] || OFFLINE_PAGES.en)) || Response.error();
    }
}
