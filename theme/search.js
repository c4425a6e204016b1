// recueil's offline search. search/index.js (loaded by the page) names the languages, their stop
// words and the shards' prefix length; for each word of a query this script adds the <script> of
// its shard (search/<lang>/<prefix>.js: the words of that prefix, their stems and postings, a
// large stem's postings in search/<lang>/<prefix>/<stem>.js, loaded when a word reaches it),
// since <script> loads from file:// where fetch does not, then the text files of the results it
// shows (search/<lang>/text/<slug>.js). Words are folded as the index folds them (lower case, no
// accents, œ -> oe), then looked up as a word, as a stem, or as the beginning of words; every
// word of the query must match. Paragraphs and contributors' notes are found; the same
// paragraph across the years is shown once, with its other years. The query lives in the
// page's address (?q=…), so that Back and a shared link find it. No network, no inline script:
// works under a CSP.
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

  var pageLang = list.dataset.pageLang || document.documentElement.lang;
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(pageLang) : null;
  // "1 passage trouvé.", "14 passages trouvés.": the data-count-one / data-count-other words.
  function counted(n) {
    var form = plurals && plurals.select(n) === "one" ? "countOne" : "countOther";
    return list.dataset[form].replace("{n}", n);
  }
  // "18 déc. 2013", "18 Dec 2013" in the page's language.
  function dated(iso) {
    if (!iso || !window.Intl) return iso || "";
    try {
      return new Intl.DateTimeFormat(pageLang, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
        .format(new Date(iso + "T00:00:00Z"));
    } catch (e) { return iso; }
  }
  // A paragraph id in words: pp3 -> "alinéa 3 du préambule", op4-a -> "paragraphe 4 (a)".
  function label(id) {
    var m, d = list.dataset;
    if ((m = /^annex(\d*)-(.+)$/.exec(id))) return d.labelAnnex.replace("{n}", m[1]) + ", " + label(m[2]);
    if ((m = /^pp(\d+)$/.exec(id))) return d.labelPp.replace("{n}", m[1]);
    if ((m = /^fn(\d+)$/.exec(id))) return d.labelFn.replace("{n}", m[1]);
    if ((m = /^(?:op)?(\d+)((?:-[a-z]+)*)$/.exec(id))) {
      var subs = m[2] ? " " + m[2].slice(1).split("-").map(function (s) { return "(" + s + ")"; }).join("") : "";
      return d.labelOp.replace("{n}", m[1] + subs);
    }
    return id;
  }
  // What a part is, in words: a paragraph, or a note about one (or about the resolution).
  function what(part) {
    if (part.length > 3) {
      return part[3] ? list.dataset.noteOn.replace("{what}", label(part[3])) : list.dataset.noteOnResolution;
    }
    return label(part[0]);
  }
  // The lineage a result belongs to: the same paragraph across the years is one entry.
  function lineageOf(r, part) {
    if (part.length > 3) return "note " + r.slug + "#" + part[0];
    return r.lang + " " + (part[2] || r.slug + "#" + part[0]);
  }

  // One result: "A/RES/68/160 · 18 déc. 2013 · title · paragraph 8", the words found, and the
  // other years of the same paragraph.
  function entry(r, others) {
    var text = texts[r.lang + "/" + r.slug], part = text.parts[r.part];
    var li = document.createElement("li");
    li.lang = r.lang;
    li.dataset.symbol = text.symbol;
    li.dataset.paragraph = part[0];
    if (part.length > 3) li.className = "note-result";
    var a = document.createElement("a");
    a.href = list.dataset.root + text.page + "#" + part[0];
    a.hreflang = r.lang;
    a.className = "result-link";
    a.textContent = text.symbol;
    var head = document.createElement("p");
    head.className = "result-head";
    head.appendChild(a);
    [dated(text.date), text.title, what(part)].forEach(function (words) {
      if (!words) return;
      head.appendChild(document.createTextNode(" · "));
      var span = document.createElement("span");
      span.textContent = words;
      head.appendChild(span);
    });
    var p = document.createElement("p");
    p.className = "snippet";
    snippet(part[1], r.lang, r.stems).forEach(function (n) { p.appendChild(n); });
    li.appendChild(head);
    li.appendChild(p);
    if (others.length > 0 && part.length <= 3) {
      var also = document.createElement("p");
      also.className = "also";
      also.appendChild(document.createTextNode(list.dataset.also + " "));
      others.forEach(function (o, i) {
        var t = texts[o.lang + "/" + o.slug], id = t.parts[o.part][0];
        var link = document.createElement("a");
        link.href = list.dataset.root + t.page + "#" + id;
        link.hreflang = o.lang;
        link.textContent = t.short + " (" + label(id) + ")";
        if (i > 0) also.appendChild(document.createTextNode(", "));
        also.appendChild(link);
      });
      li.appendChild(also);
    }
    list.appendChild(li);
  }

  // The results shown, grouped by lineage in the order of their best result; the other years
  // of a group by session.
  function show(shown) {
    var groups = [], at = new Map();
    shown.forEach(function (r) {
      var text = texts[r.lang + "/" + r.slug];
      if (!text || !text.parts[r.part]) return;
      var key = lineageOf(r, text.parts[r.part]);
      if (!at.has(key)) { at.set(key, groups.length); groups.push([]); }
      groups[at.get(key)].push(r);
    });
    groups.forEach(function (group) {
      var others = group.slice(1).sort(function (a, b) { return a.r - b.r; });
      entry(group[0], others);
    });
  }

  // The query in the page's address (search.html?q=…&lang=…), so that Back and a shared link
  // find it again; replaced, not pushed, as the reader types.
  function remember(raw) {
    if (!window.history || !history.replaceState) return;
    var params = new URLSearchParams();
    if (raw) params.set("q", raw);
    if (select && select.value) params.set("lang", select.value);
    var search = params.toString();
    try {
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    } catch (e) { /* some file:// setups refuse: the search still works */ }
  }

  var runs = 0;
  function run() {
    var raw = input.value.trim();
    var ticket = ++runs;
    remember(raw);
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
      show(found.shown);
      var n = found.results.length;
      var message = n === 0 ? list.dataset.none : counted(n);
      if (n > MAX) message += " " + list.dataset.more.replace("{n}", MAX);
      status.textContent = message;
    });
  }

  // The query of the address, on load and when the page comes back from the history.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    if (select) select.value = params.get("lang") || "";
    run();
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  if (select) select.addEventListener("change", run);
  window.addEventListener("pageshow", function (event) { if (event.persisted) restore(); });
  window.addEventListener("popstate", restore);
  restore();
})();
