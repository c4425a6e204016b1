// recueil: the force of lead verbs on a comparison. The button "Show only these paragraphs"
// (hidden until this script runs, so that it never stands there doing nothing) shows only the
// rows whose lead verb was strengthened or weakened (`data-force`), and all of them again.
// Clicks are caught on the document, so that a comparison added to a page later works too.
// No inline script: works under a Content-Security-Policy.
(function () {
  "use strict";
  function reveal() {
    document.querySelectorAll("button[data-force-filter][hidden]").forEach(function (b) {
      b.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-force-filter]") : null;
    if (!button) return;
    var scope = button.closest("[data-force-scope]") || document.body;
    var on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    scope.classList.toggle("force-only", on);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
  window.recueilForce = { reveal: reveal };
})();
