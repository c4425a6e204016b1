// recueil: notes beside their paragraphs. A note is open on a wide screen and on paper, and
// folded under its paragraph on a phone (the reader opens it with a tap). Without this script
// every note stays open. Loaded from theme/, never from the network.
(function () {
  "use strict";
  // Screens only: on paper (and when a browser lays the page out for printing) notes stay open.
  var narrow = window.matchMedia("screen and (max-width: 48rem)");
  function notes() {
    return document.querySelectorAll("details.pnote");
  }
  function fit() {
    var target = decodeURIComponent(window.location.hash.slice(1));
    notes().forEach(function (note) {
      note.open = !narrow.matches || note.id === target;
    });
  }
  fit();
  narrow.addEventListener("change", fit);
  window.addEventListener("hashchange", function () {
    var note = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (note && note.matches("details.pnote")) {
      note.open = true;
    }
  });
  window.addEventListener("beforeprint", function () {
    notes().forEach(function (note) {
      note.open = true;
    });
  });
  window.addEventListener("afterprint", fit);
})();
