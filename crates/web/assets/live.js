// Keeps every [data-live] region current over Server-Sent Events (see web/src/live.rs).
// Without JavaScript the page is a snapshot; reloading it shows the present.
(function () {
  'use strict';
  if (!('EventSource' in window)) return;
  // Once a form is sent the browser is on its way to the answer: a stream ended by that very
  // change (the close of a meeting ends its secretary's grant) must not reload the old page over it.
  var leaving = false;
  document.addEventListener('submit', function () { leaving = true; }, true);
  window.addEventListener('pagehide', function () { leaving = true; });
  document.querySelectorAll('[data-live]').forEach(function (region) {
    var source = new EventSource(region.getAttribute('data-live'));
    source.addEventListener('update', function (event) {
      region.innerHTML = event.data;
      region.dispatchEvent(new CustomEvent('live:update', { bubbles: true }));
    });
    // The server refused the stream for good (signed out, rights gone): reloading shows why.
    source.addEventListener('end', function () {
      source.close();
      if (!leaving) window.location.reload();
    });
  });
})();
