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

  // A live region replaced while the desk types would lose what was typed: what is typed (and
  // which field has the focus) is kept per form and field, and put back after each update.
  var typed = {};
  var focused = null;
  function keyOf(field) {
    var form = field.form;
    if (!form || !field.name || field.type === "hidden") { return null; }
    var key = form.getAttribute("action") || "";
    form.querySelectorAll("input[type=hidden]").forEach(function (h) {
      if (h.name !== "csrf") { key += "|" + h.name + "=" + h.value; }
    });
    key += "|" + field.name;
    if (field.type === "radio" || field.type === "checkbox") { key += "=" + field.value; }
    return key;
  }
  function remember(event) {
    var key = keyOf(event.target);
    if (!key) { return; }
    var t = event.target;
    typed[key] = (t.type === "radio" || t.type === "checkbox") ? t.checked : t.value;
  }
  function restore(region) {
    region.querySelectorAll("input, textarea, select").forEach(function (field) {
      var key = keyOf(field);
      if (!key || !(key in typed)) { return; }
      if (field.type === "radio" || field.type === "checkbox") { field.checked = typed[key]; } else { field.value = typed[key]; }
      if (key === focused) { field.focus(); }
    });
  }
  document.addEventListener("input", remember);
  document.addEventListener("change", remember);
  document.addEventListener("focusin", function (event) { focused = keyOf(event.target); });
  document.addEventListener("submit", function (event) {
    // What was sent is not typed any more.
    Object.keys(typed).forEach(function (key) {
      if (key.indexOf(event.target.getAttribute("action") || "") === 0) { delete typed[key]; }
    });
  });
  // So is a section the desk opened (the form to add a speaker): it stays open.
  var opened = {};
  document.addEventListener("toggle", function (event) {
    var el = event.target;
    if (el.tagName === "DETAILS" && el.id) { opened[el.id] = el.open; }
  }, true);
  function reopen(region) {
    region.querySelectorAll("details[id]").forEach(function (el) {
      if (el.id in opened) { el.open = opened[el.id]; }
    });
  }
  document.addEventListener("live:update", function (event) {
    reopen(event.target);
    restore(event.target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    wireScanners(document);
    tick();
    window.setInterval(tick, 1000);
    // A live region replaced by live.js brings new buttons: wire them too.
    document.addEventListener("live:update", function () { wireScanners(document); tick(); });
  });
})();
