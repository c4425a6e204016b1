// recueil's offline search. search/index.js (loaded by the page) names the languages, their stop
// words and the shards' prefix length; for each word of a query this script adds the <script> of
// its shard (search/<lang>/<prefix>.js: the words of that prefix, their stems and postings, a
// large stem's postings in search/<lang>/<prefix>/<stem>.js, loaded when a word reaches it),
// since <script> loads from file:// where fetch does not, then the text files of the results it
// shows (search/<lang>/text/<slug>.js). Words are folded as the index folds them (lower case, no
// accents, œ -> oe), then looked up as a word, as a stem, or as the beginning of words; every
// word of the query must match. No network, no inline script: works under a CSP.
(function () {
  "use strict";
  var MAX = 50;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var select = document.getElementById("search-lang");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list) return;
  var meta = window.recueilSearchIndex;
  if (!meta) {
    status.textContent = list.dataset.failed;
    return;
  }
  var shards = {}, texts = {}, loading = {}, held = {};
  Object.keys(meta.languages).forEach(function (lang) {
    held[lang] = new Set(meta.languages[lang].shards.split(" "));
  });
  // What the shard and text scripts call as they load.
  window.recueilSearch = {
    add: function (lang, name, data) { shards[lang + "/" + name] = data; },
    text: function (lang, slug, data) { texts[lang + "/" + slug] = data; }
  };

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }
  function words(text) {
    return (text.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return w.length > 1; });
  }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // The shard of a folded word: its first characters, as src/render/search/shards.rs names it.
  function shardOf(word) {
    return Array.from(word).slice(0, meta.prefix).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  // Adds the script at `path` once; resolves when it has run (or failed: a file removed).
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = list.dataset.root + "search/" + path + ".js";
        script.onload = script.onerror = function () { resolve(); };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

  // The query's words of language `lang` that are searched: stop words only if nothing else.
  function termsOf(lang, query) {
    var stop = meta.languages[lang].stop;
    var terms = query.filter(function (w) { return stop.indexOf(w) < 0; });
    return terms.length === 0 ? query : terms;
  }

  // The stems that a folded query word stands for, in its shard.
  function stemsFor(shard, word) {
    var found = new Set();
    if (!shard) return found;
    if (has(shard.words, word)) found.add(shard.words[word]);
    if (has(shard.stems, word)) found.add(word);
    if (found.size === 0 && word.length >= meta.prefix) {
      for (var w in shard.words) {
        if (w.lastIndexOf(word, 0) === 0) found.add(shard.words[w]);
      }
    }
    return found;
  }

  // The file holding a stem's postings: the shard, or for a large stem its own file (loaded).
  function postingsFile(lang, shard, stem) {
    var held = shard.stems[stem];
    return typeof held === "string" ? shards[lang + "/" + held] : shard;
  }

  // The files of the large stems that the query's words reach, once their shards are loaded.
  function largeStems(lang, query) {
    var paths = [];
    termsOf(lang, query).forEach(function (term) {
      var shard = shards[lang + "/" + shardOf(term)];
      stemsFor(shard, term).forEach(function (stem) {
        if (typeof shard.stems[stem] === "string") paths.push(load(lang + "/" + shard.stems[stem]));
      });
    });
    return Promise.all(paths);
  }

  // Matching parts of one language: key "resolution slug part" -> {r, slug, part, hits}, where
  // hits counts the occurrences of the matched stems; and the stems matched.
  function searchLanguage(lang, query) {
    var docs = null, all = new Set();
    var terms = termsOf(lang, query);
    for (var i = 0; i < terms.length; i++) {
      var shard = shards[lang + "/" + shardOf(terms[i])];
      var hits = new Map();
      stemsFor(shard, terms[i]).forEach(function (stem) {
        all.add(stem);
        var file = postingsFile(lang, shard, stem);
        if (!file) return;
        file.stems[stem].forEach(function (entry) {
          var res = file.res[entry[0]];
          for (var j = 1; j < entry.length; j++) {
            var part = Array.isArray(entry[j]) ? entry[j][0] : entry[j];
            var count = Array.isArray(entry[j]) ? entry[j][1] : 1;
            var key = res[1] + " " + part;
            var doc = hits.get(key) || { r: res[0], slug: res[1], part: part, hits: 0 };
            doc.hits += count;
            hits.set(key, doc);
          }
        });
      });
      if (docs !== null) {
        hits.forEach(function (doc, key) {
          if (docs.has(key)) doc.hits += docs.get(key).hits; else hits.delete(key);
        });
      }
      docs = hits;
      if (docs.size === 0) break;
    }
    return { docs: docs ? Array.from(docs.values()) : [], stems: all };
  }

  // Whether a word of a text is one of the matched stems (known from the shards loaded).
  function matches(lang, word, stems) {
    var f = fold(word), shard = shards[lang + "/" + shardOf(f)];
    return !!shard && has(shard.words, f) && stems.has(shard.words[f]);
  }

  // The text of a part as nodes, matching words in <mark>, cut around the first match.
  function snippet(text, lang, stems) {
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    var first = -1;
    var marked = parts.map(function (part, i) {
      var hit = i % 2 === 1 && matches(lang, part, stems);
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
    return nodes;
  }

  function show(r) {
    var text = texts[r.lang + "/" + r.slug];
    if (!text || !text.parts[r.part]) return;
    var id = text.parts[r.part][0];
    var li = document.createElement("li");
    li.lang = r.lang;
    li.dataset.symbol = text.symbol;
    li.dataset.paragraph = id;
    var a = document.createElement("a");
    a.href = list.dataset.root + text.page + "#" + id;
    a.hreflang = r.lang;
    a.textContent = text.short + " · " + id + " (" + r.lang + ")";
    var p = document.createElement("p");
    snippet(text.parts[r.part][1], r.lang, r.stems).forEach(function (n) { p.appendChild(n); });
    li.appendChild(a);
    li.appendChild(p);
    list.appendChild(li);
  }

  var runs = 0;
  function run() {
    var raw = input.value.trim();
    var ticket = ++runs;
    if (!raw) { list.textContent = ""; status.textContent = ""; return; }
    // `verb:demands`, `verb:prie-instamment`: a lead verb's term (src/render/search/mod.rs).
    var verbs = fold(raw).match(/verb:[\p{L}\p{N}-]+/gu) || [];
    var query = words(fold(raw).replace(/verb:[\p{L}\p{N}-]+/gu, " ")).concat(verbs);
    var langs = select && select.value && meta.languages[select.value] ? [select.value]
      : Object.keys(meta.languages);
    var needed = [];
    langs.forEach(function (lang) {
      termsOf(lang, query).forEach(function (w) {
        if (held[lang].has(shardOf(w))) needed.push(load(lang + "/" + shardOf(w)));
      });
    });
    status.textContent = list.dataset.loading;
    Promise.all(needed).then(function () {
      return Promise.all(langs.map(function (lang) { return largeStems(lang, query); }));
    }).then(function () {
      if (ticket !== runs) return null;
      var results = [];
      langs.forEach(function (lang, order) {
        var found = searchLanguage(lang, query);
        found.docs.forEach(function (d) {
          d.lang = lang; d.order = order; d.stems = found.stems;
          results.push(d);
        });
      });
      results.sort(function (a, b) {
        return b.hits - a.hits || b.r - a.r || a.order - b.order || a.part - b.part;
      });
      var shown = results.slice(0, MAX);
      var files = shown.map(function (r) { return load(r.lang + "/text/" + r.slug); });
      return Promise.all(files).then(function () { return { results: results, shown: shown }; });
    }).then(function (found) {
      if (!found || ticket !== runs) return;
      list.textContent = "";
      found.shown.forEach(show);
      var n = found.results.length;
      var message = n === 0 ? list.dataset.none : list.dataset.count.replace("{n}", n);
      if (n > MAX) message += " " + list.dataset.more.replace("{n}", MAX);
      status.textContent = message;
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) input.value = params.get("q");
  if (select && params.get("lang")) select.value = params.get("lang");
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  if (select) select.addEventListener("change", run);
  run();
})();
