// Rahnuma's service worker (themes/offline.py): the pages a learner opens are kept, so that they can read
// them again without a connection; other pages show the offline page. Static files are kept as fetched, and
// used when the network fails (the browser's own HTTP cache still answers first for fingerprinted files).
// The offline page of a language is fetched when the first page in that language is kept, not at install:
// a phone that opens one page and leaves has nothing kept to read offline, and should not pay for it.
"use strict";
const CACHE = "rahnuma-{{ cache_version }}";
const OFFLINE_PAGES = {{ offline_pages|safe }};
const STATIC_PREFIX = "{{ static_prefix|escapejs }}";
const READ_ALOUD_PREFIX = "{{ read_aloud_prefix|escapejs }}";
// Public reading pages only: the home pages, guides, courses and lessons, contacts.
const KEPT = new RegExp("^/({{ languages }})/((countries|courses|contacts)/.*)?$");

self.addEventListener("install", () => self.skipWaiting());

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
        event.respondWith(networkThenKept(event, url));
    } else if (url.pathname.startsWith(READ_ALOUD_PREFIX)) {
        event.respondWith(keptAudio(url));
    }
});

async function networkThenKept(event, url) {
    const request = event.request;
    const language = url.pathname.split("/")[1];
    const cache = await caches.open(CACHE);
    try {
        const response = await fetch(request);
        if (response.ok && (KEPT.test(url.pathname) || url.pathname.startsWith(STATIC_PREFIX)) && !url.search) {
            await cache.put(request, response.clone());
            if (request.mode === "navigate") {
                event.waitUntil(keepOfflinePage(cache, language).catch(() => {}));
            }
        }
        return response;
    } catch (error) {
        const kept = await cache.match(request, {ignoreSearch: true});
        if (kept || request.mode !== "navigate") {
            return kept || Response.error();
        }
        // The page's own language first, then any language's offline page this phone has kept.
        const candidates = [OFFLINE_PAGES[language], ...Object.values(OFFLINE_PAGES)].filter(Boolean);
        for (const offlinePage of candidates) {
            const offline = await cache.match(offlinePage);
            if (offline) {
                return offline;
            }
        }
        return Response.error();
    }
}

async function keepOfflinePage(cache, language) {
    const offlinePage = OFFLINE_PAGES[language];
    if (offlinePage && !(await cache.match(offlinePage))) {
        await cache.add(offlinePage);
    }
}

// Read-aloud audio, once played, is kept and played from the cache from then on, online or not: the player
// asks for byte ranges, which the Cache API cannot keep, so the worker fetches and keeps the whole file (a
// full answer to a range request is valid HTTP). A file's name changes when its audio does, so a kept file
// is never stale.
async function keptAudio(url) {
    const cache = await caches.open(CACHE);
    const address = url.origin + url.pathname;
    const kept = await cache.match(address);
    if (kept) {
        return kept;
    }
    const response = await fetch(address);
    if (response.ok) {
        await cache.put(address, response.clone());
    }
    return response;
}
