// recueil: a short way through a text with the keyboard. Each paragraph has tools (its link,
// "annotate", its history, its notes' toggles, "read more", "edit"): Tab stops once per paragraph,
// on its link, and the arrow keys Right and Left move among that paragraph's tools (the ARIA
// toolbar pattern, a "roving" tabindex). Links in the words of a text or a note stay Tab stops.
// A hint says so when a paragraph's link has the focus. Without this script every tool is a Tab
// stop. Loaded from theme/, never from the network.
(function () {
  "use strict";
  var TOOLS = "a.pid, a.annotate, details.history > summary, details.pnote > summary, " +
    "details.pnote > button.note-more, details.pnote a.edit-link";
  var root = document.querySelector("[data-tools-hint]");
  if (!root) return;

  // The tools of the paragraph `para` (not those of its sub-paragraphs), in document order.
  function tools(para) {
    return Array.prototype.filter.call(para.querySelectorAll(TOOLS), function (el) {
      return el.closest(".para") === para && !el.hidden && el.getClientRects().length > 0;
    });
  }

  // Only the first tool of each paragraph is a Tab stop.
  function rove() {
    document.querySelectorAll(".para").forEach(function (para) {
      tools(para).forEach(function (tool, i) {
        tool.tabIndex = i === 0 ? 0 : -1;
      });
    });
  }

  var hint = document.createElement("span");
  hint.className = "tools-hint";
  hint.id = "tools-hint";
  hint.textContent = root.dataset.toolsHint;
  hint.hidden = true;
  document.body.appendChild(hint);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var tool = event.target.closest && event.target.closest(TOOLS);
    var para = tool && tool.closest(".para");
    if (!para) return;
    var list = tools(para), at = list.indexOf(tool);
    if (at < 0) return;
    var next = list[(at + (event.key === "ArrowRight" ? 1 : list.length - 1)) % list.length];
    event.preventDefault();
    next.focus();
  });

  // The hint beside a paragraph's link while it has the keyboard's focus.
  document.addEventListener("focusin", function (event) {
    var tool = event.target;
    if (!tool.matches || !tool.matches("a.pid") || tools(tool.closest(".para")).length < 2) {
      hint.hidden = true;
      return;
    }
    tool.setAttribute("aria-describedby", "tools-hint");
    var box = tool.getBoundingClientRect();
    hint.style.left = Math.max(4, box.left + window.scrollX) + "px";
    hint.style.top = box.bottom + window.scrollY + 4 + "px";
    hint.hidden = !tool.matches(":focus-visible");
  });
  document.addEventListener("focusout", function () { hint.hidden = true; });

  rove();
  // Notes fold and unfold (a "read more" appears), the layout changes with the width.
  var later = 0;
  function again() { clearTimeout(later); later = setTimeout(rove, 100); }
  window.addEventListener("resize", again);
  document.addEventListener("toggle", again, true);
  document.addEventListener("click", again);
})();
