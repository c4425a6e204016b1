// recueil: the views of a resolution's text, chosen by the reader on its page, from the address:
// `?view=side&with=en` (side by side with another language held) and `?view=changes` (what
// changed since the text it is compared with). Each view is a fragment, a script under the
// site's folder that calls `recueilFragment(path, html)`: `<script src>` loads from `file://`,
// where `fetch` is refused. The view links are ordinary links (shareable, Back works); without
// this script they show the text. Loaded from theme/, never from the network.
(function () {
  "use strict";
  var nav = document.querySelector("nav.view-switch");
  var area = document.getElementById("view-area");
  var article = document.querySelector("article.resolution");
  if (!nav || !area || !article) {
    return;
  }
  var waiting = {};
  var loaded = {};
  // A fragment names itself by its path from the site's root; a page knows its address from the
  // page (`../fr/text/a-res-62-160.js`).
  function key(src) {
    return src.replace(/^(\.\.\/)+/, "");
  }
  window.recueilFragment = function (path, html) {
    loaded[path] = html;
    (waiting[path] || []).forEach(function (done) {
      done(html);
    });
    delete waiting[path];
  };
  function load(src, done, failed) {
    var path = key(src);
    if (Object.prototype.hasOwnProperty.call(loaded, path)) {
      done(loaded[path]);
      return;
    }
    (waiting[path] = waiting[path] || []).push(done);
    var script = document.createElement("script");
    script.src = src;
    script.onerror = failed;
    document.head.appendChild(script);
  }
  function parse(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content;
  }
  function message(text) {
    area.textContent = "";
    var p = document.createElement("p");
    p.className = "notice";
    p.textContent = text;
    area.appendChild(p);
    area.hidden = false;
  }

  // Side by side: the rows of two fragments, matched by `data-row` (every language's fragment
  // has the same rows, in the same order).
  function sideBySide(own, other) {
    var others = {};
    other.querySelectorAll("[data-row]").forEach(function (cell) {
      others[cell.getAttribute("data-row")] = cell;
    });
    var grid = document.createElement("div");
    grid.className = "aligned cols-2";
    var lastRow = null;
    Array.prototype.slice.call(own.firstElementChild.children).forEach(function (child) {
      var row = child.getAttribute("data-row");
      if (child.hasAttribute("data-row-notes")) {
        if (lastRow) {
          lastRow.appendChild(child);
        }
        return;
      }
      if (!row) {
        return;
      }
      if (row.indexOf("part:") === 0) {
        grid.appendChild(child);
        return;
      }
      var line = document.createElement("div");
      line.className = "row " + (child.classList.contains("annex-head") ? "annex-head" : "");
      line.setAttribute("data-row", row);
      if (/^(head|opening|footnotes|annex:)/.test(row) === false) {
        line.id = "side-" + row;
        line.className += " " + (child.classList[1] || "");
      }
      line.appendChild(child);
      var match = others[row];
      if (match) {
        line.appendChild(document.importNode(match, true));
      }
      grid.appendChild(line);
      lastRow = line;
    });
    return grid;
  }

  function show(view, content) {
    area.textContent = "";
    area.appendChild(content);
    area.hidden = false;
    article.classList.add("viewing", "viewing-" + view);
    // The text the view replaces is hidden: its copies of the view's ids (a note shown in both)
    // are left to the view, so that an id names one element.
    var ids = {};
    area.querySelectorAll("[id]").forEach(function (el) {
      ids[el.id] = true;
    });
    article.querySelectorAll(":scope > .text [id], :scope > .annex-text [id], :scope > .footnotes [id]")
      .forEach(function (el) {
        if (ids[el.id]) {
          el.removeAttribute("id");
        }
      });
    findParagraph();
  }

  // The paragraph of the address (`#op10`) in the view shown: the view's copy of it.
  function findParagraph() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || area.hidden) {
      return;
    }
    var target = document.getElementById("side-" + id) ||
      document.getElementById("changes-" + id) ||
      document.getElementById("changes-was-" + id);
    if (target) {
      target.classList.add("target");
      target.scrollIntoView();
    }
  }

  var params = new URLSearchParams(window.location.search);
  var view = params.get("view");
  var links = nav.querySelectorAll("a[data-view]");
  var chosen = null;
  links.forEach(function (link) {
    var same = link.getAttribute("data-view") === (view || "text") &&
      (view !== "side" || link.getAttribute("data-with") === params.get("with"));
    if (same && !chosen) {
      chosen = link;
    }
  });
  if (!chosen) {
    chosen = links[0];
    view = "text";
  }
  links.forEach(function (link) {
    if (link === chosen) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  });
  window.addEventListener("hashchange", findParagraph);
  var failed = function () {
    message(nav.getAttribute("data-failed"));
  };
  if (view === "side") {
    message(nav.getAttribute("data-loading"));
    load(nav.getAttribute("data-own"), function (ownHtml) {
      load(chosen.getAttribute("data-src"), function (otherHtml) {
        show("side", sideBySide(parse(ownHtml), parse(otherHtml)));
      }, failed);
    }, failed);
  } else if (view === "changes") {
    message(nav.getAttribute("data-loading"));
    load(chosen.getAttribute("data-src"), function (html) {
      show("changes", parse(html));
    }, failed);
  }
})();
