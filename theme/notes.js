// recueil: notes beside their paragraphs. A note is open on a wide screen and on paper, and
// folded under its paragraph on a phone (the reader opens it with a tap). A long note does not
// push the text apart: what does not fit beside its paragraph (or, under it, in about fifteen
// lines) is folded, with a "more" button that unfolds it; a table wider than the note scrolls
// inside it. Without this script every note stays open and whole. Loaded from theme/, never from
// the network.
(function () {
  "use strict";
  // Screens only: on paper (and when a browser lays the page out for printing) notes stay open.
  var narrow = window.matchMedia("screen and (max-width: 48rem)");
  // The least height a folded note keeps, and its height under its paragraph, in pixels.
  var LEAST = 64, UNDER = 240;
  function notes() {
    return document.querySelectorAll("details.pnote");
  }
  function fit() {
    var target = decodeURIComponent(window.location.hash.slice(1));
    notes().forEach(function (note) {
      note.open = !narrow.matches || note.id === target;
    });
    fold();
  }

  // The height of what a note stands beside: its paragraph's words, history and
  // sub-paragraphs (the margin column on a wide screen); none when it stands under them.
  function beside(pnotes) {
    var para = pnotes.parentElement, body = para && para.querySelector(":scope > .body");
    if (!body || pnotes.getBoundingClientRect().left < body.getBoundingClientRect().right) return 0;
    var height = 0;
    Array.prototype.forEach.call(para.children, function (child) {
      if (child !== pnotes && getComputedStyle(child).gridColumnStart !== "2") height += child.offsetHeight;
    });
    return height;
  }

  // Folds each open note whose words are taller than the room it has, or unfolds it.
  function fold() {
    document.querySelectorAll(".pnotes").forEach(function (pnotes) {
      var list = pnotes.querySelectorAll(":scope > details.pnote");
      var room = beside(pnotes);
      list.forEach(function (note) {
        var body = note.querySelector(".note-body");
        if (!body) return;
        var button = note.querySelector(":scope > .note-more");
        // What the note shows besides its words: summary, byline, button, padding.
        var chrome = note.offsetHeight - body.offsetHeight + (button && !button.hidden ? 0 : 30);
        var limit = room ? Math.max(LEAST, room / list.length - chrome) : UNDER;
        body.style.setProperty("--fold", limit + "px");
        note.classList.add("foldable");
        var open = button && button.getAttribute("aria-expanded") === "true";
        var long = body.scrollHeight > limit + 24;
        if (!long) {
          note.classList.remove("folded");
          if (button) button.hidden = true;
          return;
        }
        if (!button) button = moreButton(note, body);
        button.hidden = false;
        note.classList.toggle("folded", !open);
      });
    });
    scrollTables();
  }

  function moreButton(note, body) {
    var button = document.createElement("button");
    var more = note.dataset.more || "+", less = note.dataset.less || "−";
    button.type = "button";
    button.className = "note-more";
    if (!body.id) body.id = note.id + "-body";
    button.setAttribute("aria-controls", body.id);
    button.setAttribute("aria-expanded", "false");
    button.textContent = more;
    button.addEventListener("click", function () {
      var opening = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(opening));
      button.textContent = opening ? less : more;
      note.classList.toggle("folded", !opening);
    });
    // A link in the folded part that gets the focus unfolds the note, so it is seen.
    body.addEventListener("focusin", function () {
      if (note.classList.contains("folded")) button.click();
    });
    body.after(button);
    return button;
  }

  // A table wider than its note scrolls inside it, and can then be scrolled with the keyboard.
  function scrollTables() {
    document.querySelectorAll(".pnote .note-body table").forEach(function (table) {
      var wide = table.scrollWidth > table.clientWidth + 1;
      if (wide) {
        table.tabIndex = 0;
        table.setAttribute("role", "region");
        table.setAttribute("aria-label", table.closest(".pnote").querySelector("summary").textContent);
      } else if (table.getAttribute("role") === "region") {
        table.removeAttribute("tabindex");
        table.removeAttribute("role");
        table.removeAttribute("aria-label");
      }
    });
  }

  function unfold(note) {
    var button = note.querySelector(":scope > .note-more");
    if (button && note.classList.contains("folded")) button.click();
  }

  fit();
  narrow.addEventListener("change", fit);
  var resizing = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(fold, 150);
  });
  document.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches("details")) fold();
  }, true);
  window.addEventListener("hashchange", function () {
    var note = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (note && note.matches("details.pnote")) {
      note.open = true;
      unfold(note);
    }
  });
  var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (target && target.matches("details.pnote")) unfold(target);
  window.addEventListener("beforeprint", function () {
    notes().forEach(function (note) {
      note.open = true;
    });
  });
  window.addEventListener("afterprint", fit);
})();
