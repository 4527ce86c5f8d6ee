// The projector view's clock: every element with data-since (Unix milliseconds) shows the time
// since then, or with data-limit-s the time left, as m:ss, once a second. The server renders the
// same element with the start time in words, so the screen reads without this script.
(function () {
  "use strict";
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function words(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ":" + two(s % 60);
  }
  function tick() {
    var now = Date.now();
    var clocks = document.querySelectorAll("[data-since]");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var since = Number(el.getAttribute("data-since"));
      if (!isFinite(since)) { continue; }
      var elapsed = (now - since) / 1000;
      var limit = Number(el.getAttribute("data-limit-s"));
      if (el.hasAttribute("data-limit-s") && isFinite(limit)) {
        var left = limit - elapsed;
        el.textContent = words(left);
        el.classList.toggle("over", left <= 0);
      } else {
        el.textContent = words(elapsed);
      }
    }
  }
  tick();
  setInterval(tick, 1000);
})();
