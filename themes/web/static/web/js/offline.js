// Lets the service worker (/sw.js, themes/offline.py) keep the pages this phone opens, to read them offline.
if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(() => {});
}
