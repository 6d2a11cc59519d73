/* The lesson page's side of an H5P activity (cms.h5p.site_views): fetch a signed player link, open
   it in a sandboxed iframe on the H5P origin, and pass the player's xAPI statements to the site
   with the learner's session and CSRF token. Messages are accepted only from that iframe's window
   and from the H5P origin; the iframe grows to its content's height. */
(function () {
  'use strict';

  function setUp(section) {
    var status = section.querySelector('.h5p-status');
    fetch(section.dataset.h5pLaunch, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (launch) {
        var iframe = document.createElement('iframe');
        // Scripts run, but in the H5P origin: not this page's, so they cannot read it or its cookies.
        iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin');
        iframe.setAttribute('title', section.querySelector('h2').textContent);
        iframe.className = 'h5p-frame';
        iframe.style.width = '100%';
        iframe.style.border = '0';
        iframe.style.height = '12rem';
        var queue = Promise.resolve();

        function post(message) {
          var body = JSON.stringify({ statement: message.statement, state: message.state });
          queue = queue.then(function () {
            return fetch(launch.xapi, {
              method: 'POST',
              credentials: 'same-origin',
              headers: { 'Content-Type': 'application/json', 'X-CSRFToken': launch.csrf },
              body: body
            }).then(function (response) {
              if (!response.ok) throw new Error(String(response.status));
              return response.json();
            }).then(function (outcome) {
              if (outcome.finished) {
                status.textContent = outcome.passed ? section.dataset.passedText
                  : section.dataset.scoredText + ' ' + outcome.percent + '%';
              }
              section.dataset.lastOutcome = JSON.stringify(outcome);
            }).catch(function () { status.textContent = section.dataset.failedText; });
          });
        }

        window.addEventListener('message', function (event) {
          if (event.origin !== launch.origin || event.source !== iframe.contentWindow) return;
          var data = event.data || {};
          if (data.type === 'rahnuma-h5p-ready') {
            iframe.contentWindow.postMessage({ type: 'rahnuma-h5p-start', state: launch.state }, launch.origin);
          } else if (data.type === 'rahnuma-h5p-height' && data.height > 0) {
            iframe.style.height = Math.min(data.height, 4000) + 'px';
          } else if (data.type === 'rahnuma-h5p-started') {
            section.dataset.started = 'true';
          } else if (data.type === 'rahnuma-h5p-xapi') {
            post(data);
          }
        });
        iframe.src = launch.src;
        section.insertBefore(iframe, status);
      })
      .catch(function () { status.textContent = section.dataset.failedText; });
  }

  document.querySelectorAll('[data-h5p-launch]').forEach(setUp);
})();
