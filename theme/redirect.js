// recueil: the old address of a view (a parallel page, a comparison page) sends the reader on to
// the resolution's page that now shows it, keeping the paragraph of the address (`#op10`), which
// `<meta http-equiv="refresh">` alone would drop. Without this script the refresh still goes.
(function () {
  "use strict";
  var meta = document.querySelector('meta[http-equiv="refresh"]');
  var match = meta && /url=(.*)$/i.exec(meta.getAttribute("content") || "");
  if (match) {
    window.location.replace(match[1] + window.location.hash);
  }
})();
