// recueil: the force of lead verbs in the "changes" view of a text's page. The button "Show only
// these paragraphs" of a comparison shows only the rows whose lead verb was strengthened or
// weakened (`data-force`), and all of them again; `aria-pressed` says which. The comparison is
// a fragment that theme/views.js adds to the page (so only ever with scripts on), after this
// script has run: clicks are caught on the document. No inline script: works under a
// Content-Security-Policy.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-force-filter]") : null;
    if (!button) return;
    var scope = button.closest("[data-force-scope]") || document.body;
    var on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    scope.classList.toggle("force-only", on);
  });
})();
