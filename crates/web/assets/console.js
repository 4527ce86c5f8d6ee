// The secretary's console: the QR scanner (the browser's BarcodeDetector on the camera, where it
// exists) only fills the same text field a desk worker types into and submits its form; and the
// speaking-time countdowns. Without this script every step still works: the field is typed (a
// USB scanner types like a keyboard) and the end of the speaking time is shown as a clock time.
(function () {
  "use strict";

  function startScanner(button) {
    var form = button.closest("form");
    var field = form && form.querySelector("#" + button.getAttribute("data-scan"));
    var video = form && form.querySelector("video.scanner-view");
    if (!field || !video || !navigator.mediaDevices) { return; }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var done = false;
      function stop() {
        done = true;
        stream.getTracks().forEach(function (t) { t.stop(); });
        video.hidden = true;
      }
      function look() {
        if (done) { return; }
        detector.detect(video).then(function (codes) {
          if (codes.length > 0 && codes[0].rawValue) {
            stop();
            field.value = codes[0].rawValue;
            var card = form.querySelector("input[name=by][value=card]");
            if (card) { card.checked = true; }
            form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }, function () { window.setTimeout(look, 250); });
      }
      look();
    }, function () { /* no camera or no permission: the field is typed */ });
  }

  function wireScanners(root) {
    if (!("BarcodeDetector" in window)) { return; }
    root.querySelectorAll("button[data-scan]").forEach(function (button) {
      if (button.getAttribute("data-wired")) { return; }
      button.setAttribute("data-wired", "1");
      button.parentElement.hidden = false;
      button.addEventListener("click", function () { startScanner(button); });
    });
  }

  function tick() {
    document.querySelectorAll(".countdown[data-ends]").forEach(function (el) {
      var left = Math.round((Number(el.getAttribute("data-ends")) - Date.now()) / 1000);
      if (!el.getAttribute("data-until")) { el.setAttribute("data-until", el.textContent); }
      if (left <= 0) {
        el.textContent = "0:00";
        el.classList.add("over");
      } else {
        var m = Math.floor(left / 60);
        var s = left % 60;
        el.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireScanners(document);
    tick();
    window.setInterval(tick, 1000);
    // A live region replaced by live.js brings new buttons: wire them too.
    new MutationObserver(function () { wireScanners(document); }).observe(document.body, { childList: true, subtree: true });
  });
})();
