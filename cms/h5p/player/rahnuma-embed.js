/* Starts the H5P player inside the site's sandboxed iframe and talks to the site page only by
   postMessage, to the one origin the signed link names (cms.h5p.origin_views.embed).
   ready -> the page answers start (with the saved state, if any) -> the player runs; every xAPI
   statement goes up with the activity's current state, and so does the page's height. */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('rahnuma-h5p-config').textContent);

  // H5P core keeps an anonymous user id and a queue of requests in localStorage. A browser that
  // blocks storage for a framed cross-site origin (h5p.localhost inside localhost) throws on the
  // mere read, which stops the player; and nothing of a learner's should outlive the page on a
  // shared kiosk. So H5P gets a storage that lives in memory, for this page only.
  var memory = {};
  var pageStorage = {
    getItem: function (key) { return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null; },
    setItem: function (key, value) { memory[key] = String(value); },
    removeItem: function (key) { delete memory[key]; },
    clear: function () { memory = {}; }
  };
  try {
    Object.defineProperty(window, 'localStorage', { value: pageStorage, configurable: true });
  } catch (error) { /* H5P reads it inside try blocks where it cannot be replaced */ }
  var parentOrigin = config.parentOrigin;
  var started = false;

  function send(message) {
    window.parent.postMessage(message, parentOrigin);
  }

  function currentState() {
    var instance = window.H5P && H5P.instances && H5P.instances[0];
    try {
      return instance && instance.getCurrentState ? JSON.stringify(instance.getCurrentState()) : null;
    } catch (error) {
      return null;
    }
  }

  function sendHeight() {
    send({ type: 'rahnuma-h5p-height', height: Math.ceil(document.documentElement.scrollHeight) });
  }

  function start(state) {
    var options = Object.assign({}, config.player);
    if (state) {
      // H5P core reads contentUserData[subContentId][dataType] (not the shape h5p-standalone's README shows).
      options.contentUserData = [{ state: state }];
      // H5P core hands a content type its previous state only when saving is on. Without a user it
      // saves into this page's memory alone; the site keeps the state, sent with each statement.
      options.saveFreq = 30;
    }
    new H5PStandalone.H5P(document.getElementById('h5p-container'), options).then(function () {
      // The dispatcher exists only once the player's promise has resolved.
      H5P.externalDispatcher.on('xAPI', function (event) {
        send({ type: 'rahnuma-h5p-xapi', statement: event.data.statement, state: currentState() });
      });
      if (window.ResizeObserver) new ResizeObserver(sendHeight).observe(document.body);
      sendHeight();
      send({ type: 'rahnuma-h5p-started' });
    });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    var data = event.data || {};
    if (data.type === 'rahnuma-h5p-start' && !started) {
      started = true;
      start(typeof data.state === 'string' ? data.state : null);
    }
  });
  send({ type: 'rahnuma-h5p-ready' });
})();
