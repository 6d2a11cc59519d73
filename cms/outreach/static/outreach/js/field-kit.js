// The field kit's offline queue (cms.outreach.field_views). A session form marked data-offline-queue
// is sent with fetch; when the phone has no connection the session is kept in localStorage, under the
// id the browser made for it, and sent when the phone is back online (on the "online" event, or the
// next time a field-kit page opens). The server stores each id once, so sending twice is harmless.
// A queued session the server refuses as invalid is not lost: the session form opens it again to be
// corrected. Without this script the form posts normally.
(function () {
    "use strict";
    var QUEUE_KEY = "rahnuma-field-kit-queue";
    var status = document.getElementById("field-kit-status");
    var form = document.querySelector("form[data-offline-queue]");
    var sending = false;

    function newId() {
        // crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
        var bytes = crypto.getRandomValues(new Uint8Array(16));
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
        return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
    }

    function readQueue() {
        try { return JSON.parse(localStorage.getItem(QUEUE_KEY)) || []; } catch (error) { return []; }
    }

    function writeQueue(queue) { localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); }

    function update(id, change) {
        writeQueue(readQueue().map(function (item) { return item.id === id ? Object.assign(item, change) : item; }));
    }

    function remove(id) {
        writeQueue(readQueue().filter(function (item) { return item.id !== id; }));
    }

    // The page's translated messages, carried by the status element's data attributes.
    function text(name) { return status ? status.dataset[name] : ""; }

    function say(message) {
        if (!status) { return; }
        status.textContent = message;
        status.hidden = !message;
    }

    function waiting() {
        return readQueue().filter(function (item) { return !item.refused; });
    }

    function sayWaiting() {
        var count = waiting().length;
        say(count ? text("waiting") + " " + count : "");
    }

    function csrfToken(fallback) {
        // The page's own token is the freshest (logging in again changes it); the saved one is the fallback.
        var field = document.querySelector("input[name=csrfmiddlewaretoken]");
        return field ? field.value : fallback;
    }

    function post(url, entries, token) {
        var body = new FormData();
        entries.forEach(function (pair) { body.append(pair[0], pair[1]); });
        return fetch(url, {
            method: "POST",
            body: body,
            credentials: "same-origin",
            headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(token) }
        });
    }

    // Send the waiting sessions, oldest first; stop at the first failure and try again later.
    function flush() {
        var item = waiting()[0];
        if (!item) { return; }  // nothing to send: leave whatever the page says
        if (sending || !navigator.onLine) { sayWaiting(); return; }
        sending = true;
        post(item.url, item.entries, item.csrf).then(function (response) {
            sending = false;
            if (response.ok) {  // stored now (201) or before (200)
                remove(item.id);
                say(text("sent"));
                flush();
            } else if (response.status === 400) {
                update(item.id, { refused: true });
                reopenRefused();
                flush();
            } else {
                sayWaiting();
            }
        }, function () { sending = false; sayWaiting(); });
    }

    function enqueue(entries) {
        var id = form.elements.public_id.value;
        var queue = readQueue().filter(function (other) { return other.id !== id; });
        queue.push({ id: id, url: form.action, entries: entries, csrf: csrfToken(""), savedAt: new Date().toISOString() });
        writeQueue(queue);
        form.reset();
        form.elements.public_id.value = newId();  // the next session is another session
        say(text("savedOffline"));
    }

    // Put a refused session back into the form, under its own id, for the changemaker to correct.
    function reopenRefused() {
        var item = readQueue().filter(function (other) { return other.refused; })[0];
        if (!form || !item) { return; }
        form.reset();
        Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) { box.checked = false; });
        item.entries.forEach(function (pair) {
            var field = form.elements[pair[0]];
            if (!field || pair[0] === "csrfmiddlewaretoken") { return; }
            if (field.length !== undefined && !field.options) {  // a group of checkboxes
                Array.prototype.forEach.call(field, function (box) { if (box.value === pair[1]) { box.checked = true; } });
            } else if (field.type === "checkbox") {
                field.checked = field.value === pair[1];
            } else {
                field.value = pair[1];
            }
        });
        remove(item.id);
        say(text("refused"));
    }

    if (form) {
        form.elements.public_id.value = newId();
        reopenRefused();
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var entries = Array.from(new FormData(form).entries());
            post(form.action, entries, "").then(function (response) {
                if (response.status === 400) {
                    form.submit();  // let the server show the errors on the page
                } else if (!response.ok) {
                    enqueue(entries);
                } else {
                    return response.json().then(function (data) { window.location.assign(data.url); });
                }
            }, function () { enqueue(entries); });
        });
    }
    window.addEventListener("online", flush);
    flush();
})();
