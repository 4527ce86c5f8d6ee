// Keeps every [data-live] region current over Server-Sent Events (see web/src/live.rs).
// Without JavaScript the page is a snapshot; reloading it shows the present.
(function () {
  'use strict';
  if (!('EventSource' in window)) return;
  document.querySelectorAll('[data-live]').forEach(function (region) {
    var source = new EventSource(region.getAttribute('data-live'));
    source.addEventListener('update', function (event) {
      region.innerHTML = event.data;
      region.dispatchEvent(new CustomEvent('live:update', { bubbles: true }));
    });
    // The server refused the stream for good (signed out, rights gone): reloading shows why.
    source.addEventListener('end', function () {
      source.close();
      window.location.reload();
    });
  });
})();
