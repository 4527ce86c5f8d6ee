// mandat's one script: everything works without it; with it, the ballot gets a device part of
// its tracker and the browser keeps the opening of each ballot it cast, for "check my ballot".
(function () {
  "use strict";
  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  // The review page: a device nonce, drawn here and never seen by anyone but this browser
  // until the ballot is cast, makes the tracker partly the voter's own.
  var nonce = document.getElementById("device_nonce");
  if (nonce && window.crypto && window.crypto.getRandomValues) {
    var form = document.getElementById("cast");
    if (form) {
      form.addEventListener("submit", function () {
        if (!nonce.value) { nonce.value = hex(window.crypto.getRandomValues(new Uint8Array(16))); }
      });
    }
  }
  // The receipt page: the opening arrives in a short-lived cookie (never in the page, so that a
  // printed or saved receipt cannot show how its holder voted); keep it here, then drop it.
  var receipt = document.getElementById("receipt");
  if (receipt) {
    var match = document.cookie.match(/(?:^|;\s*)mandat_opening=([0-9a-f]+)\.([0-9a-f]+)/);
    if (match && match[1] === receipt.dataset.tracker) {
      try {
        localStorage.setItem("mandat-opening:" + receipt.dataset.poll + ":" + match[1], match[2]);
        localStorage.setItem("mandat-hash:" + receipt.dataset.poll + ":" + match[1], receipt.dataset.ballotHash);
      } catch (e) { /* private mode: the receipt still works without the opening */ }
    }
    document.cookie = "mandat_opening=; Path=/; Max-Age=0; SameSite=Lax";
  }
  // The board page: list the trackers this browser cast in this poll, each a link to its check.
  var stored = document.getElementById("stored-receipts");
  var tracker = document.getElementById("tracker");
  if (stored && tracker) {
    var poll = location.pathname.split("/")[2];
    var found = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf("mandat-opening:" + poll + ":") === 0) { found.push(key.split(":")[2]); }
      }
    } catch (e) { /* no storage */ }
    if (found.length) {
      stored.hidden = false;
      found.forEach(function (t) {
        var a = document.createElement("a");
        var hash = "";
        try { hash = localStorage.getItem("mandat-hash:" + poll + ":" + t) || ""; } catch (e) { /* no storage */ }
        a.href = "/polls/" + poll + "/check?tracker=" + t + "&ballot_hash=" + hash + "&lang=" + document.documentElement.lang;
        a.textContent = t.slice(0, 16) + "…";
        stored.appendChild(a);
        stored.appendChild(document.createTextNode(" "));
      });
    }
  }
})();
