// recueil serve: reloads the page after each good build, and shows a banner after a failed one.
// Injected by the preview server only; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = Number(script.getAttribute("data-generation"));
  var BANNER = "recueil-build-error";

  function banner(error) {
    var box = document.getElementById(BANNER);
    if (!error) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = BANNER;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;" +
        "background:#7a1010;color:#fff;font:14px/1.45 system-ui,sans-serif;padding:12px 16px;" +
        "box-shadow:0 -2px 8px rgba(0,0,0,.4)";
      var title = document.createElement("strong");
      title.textContent = "The last change does not build; this page shows the last good version.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:8px 0 0;font:13px/1.4 ui-monospace,monospace";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = error;
  }

  function poll(delay) {
    setTimeout(function () {
      fetch("/__recueil/status?since=" + seen, { cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          if (status.generation > seen) {
            if (!status.error) {
              window.location.reload();
              return;
            }
            seen = status.generation;
            banner(status.error);
          }
          poll(0);
        })
        // The server stopped or restarted: try again a little later.
        .catch(function () { poll(1000); });
    }, delay);
  }

  // Only once the page has loaded: the poll waits for the next build and must not hold one of
  // the connections the page's own files need.
  function start() {
    fetch("/__recueil/status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) { banner(status.error); })
      .catch(function () {});
    poll(0);
  }
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
