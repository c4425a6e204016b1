// recueil's offline search: reads window.recueilSearch (search-index.js, loaded by a <script>
// tag so that it works from file://) and shows matching paragraphs. Words are folded as the
// index folds them (lower case, no accents, œ -> oe), then looked up in the index of each
// language as a word, as a stem, or as the beginning of words; every word of the query must
// match. No network, no inline script: the page works under a Content-Security-Policy.
(function () {
  "use strict";
  var MAX = 50;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var select = document.getElementById("search-lang");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list) return;
  var index = window.recueilSearch;
  if (!index) {
    status.textContent = list.dataset.failed;
    return;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }
  function words(text) {
    return (text.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return w.length > 1; });
  }

  // The stems of language `li` that a folded query word stands for.
  function stemsFor(li, word) {
    var found = new Set();
    if (Object.prototype.hasOwnProperty.call(li.words, word)) found.add(li.words[word]);
    var asStem = li.stems.indexOf(word);
    if (asStem >= 0) found.add(asStem);
    if (found.size === 0 && word.length >= 3) {
      for (var w in li.words) {
        if (w.lastIndexOf(word, 0) === 0) found.add(li.words[w]);
      }
    }
    return found;
  }

  // Matching docs of one language, with the stems each query word matched.
  function searchLanguage(lang, query) {
    var li = index.languages[lang];
    if (!li) return { docs: [], stems: new Set() };
    var terms = query.filter(function (w) { return li.stop.indexOf(w) < 0; });
    if (terms.length === 0) terms = query;
    var docs = null;
    var all = new Set();
    for (var i = 0; i < terms.length; i++) {
      var stems = stemsFor(li, terms[i]);
      var hits = new Set();
      stems.forEach(function (s) {
        all.add(s);
        li.postings[s].forEach(function (d) { hits.add(d); });
      });
      docs = docs === null ? hits : new Set([...docs].filter(function (d) { return hits.has(d); }));
      if (docs.size === 0) break;
    }
    return { docs: docs ? [...docs] : [], stems: all };
  }

  // The text of a doc as nodes, matching words in <mark>, cut around the first match.
  function snippet(text, li, stems) {
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    var first = -1;
    var marked = parts.map(function (part, i) {
      var f = fold(part);
      var hit = i % 2 === 1 && Object.prototype.hasOwnProperty.call(li.words, f) && stems.has(li.words[f]);
      if (hit && first < 0) first = i;
      return { text: part, hit: hit };
    });
    var from = Math.max(0, first - 24), to = Math.min(marked.length, Math.max(first, 0) + 40);
    var nodes = [];
    if (from > 0) nodes.push(document.createTextNode("… "));
    marked.slice(from, to).forEach(function (p) {
      if (p.hit) {
        var m = document.createElement("mark");
        m.textContent = p.text;
        nodes.push(m);
      } else {
        nodes.push(document.createTextNode(p.text));
      }
    });
    if (to < marked.length) nodes.push(document.createTextNode(" …"));
    return { nodes: nodes, hits: marked.filter(function (p) { return p.hit; }).length };
  }

  function run() {
    var raw = input.value.trim();
    list.textContent = "";
    if (!raw) { status.textContent = ""; return; }
    var query = words(fold(raw));
    var langs = select && select.value ? [select.value] : Object.keys(index.languages);
    var results = [];
    langs.forEach(function (lang) {
      var found = searchLanguage(lang, query);
      var li = index.languages[lang];
      found.docs.forEach(function (d) {
        var doc = index.docs[d];
        var cut = snippet(doc[4], li, found.stems);
        results.push({ doc: doc, order: d, cut: cut });
      });
    });
    results.sort(function (a, b) {
      return b.cut.hits - a.cut.hits || b.doc[0] - a.doc[0] || a.order - b.order;
    });
    var shown = results.slice(0, MAX);
    shown.forEach(function (r) {
      var doc = r.doc, res = index.resolutions[doc[0]];
      var li = document.createElement("li");
      li.lang = doc[1];
      li.dataset.symbol = res[0];
      li.dataset.paragraph = doc[2];
      var a = document.createElement("a");
      a.href = list.dataset.root + doc[3] + "#" + doc[2];
      a.hreflang = doc[1];
      a.textContent = res[1] + " · " + doc[2] + " (" + doc[1] + ")";
      var p = document.createElement("p");
      r.cut.nodes.forEach(function (n) { p.appendChild(n); });
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    var message = results.length === 0 ? list.dataset.none
      : list.dataset.count.replace("{n}", results.length);
    if (results.length > MAX) message += " " + list.dataset.more.replace("{n}", MAX);
    status.textContent = message;
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) input.value = params.get("q");
  if (select && params.get("lang")) select.value = params.get("lang");
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  if (select) select.addEventListener("change", run);
  run();
})();
