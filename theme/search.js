// recueil's offline search. search/index.js (loaded by the page) names the languages, their stop
// words and the shards' prefix length; for each word of a query this script adds the <script> of
// its shard (search/<lang>/<prefix>.js: the words of that prefix, their stems, the postings of
// its rare stems), since <script> loads from file:// where fetch does not. A frequent stem's
// postings are in chunks, newest resolutions first (search/<lang>/<prefix>/<stem>.<k>.js): the
// script loads the first chunk of each stem the query reaches, intersects, and loads later
// chunks only while it has fewer results than it shows (skipping a chunk where another word of
// the query does not occur; at most BUDGET chunks for a page, "more results" searching on).
// Results are ranked newest first (the archive's order: session,
// then number), then by occurrences, shown PAGE at a time ("more results" loads the next), and
// only the shown results' texts are loaded (search/<lang>/text/<slug>.js). Words are folded as
// the index folds them (lower case, no accents, œ -> oe), then looked up as a word, as a stem,
// or as the beginning of words; every word of the query must match. Paragraphs and
// contributors' notes are found; the same paragraph across the years is shown once, with its
// other years (the postings name each part's lineage, so no other text is loaded for them).
// The query lives in the page's address (?q=…), so that Back and a shared link find it. No
// network, no inline script: works under a CSP.
(function () {
  "use strict";
  var PAGE = 10;
  // At most this many chunks loaded for one page of results: a query whose words seldom meet
  // in a paragraph does not load every chunk of the archive; "more results" searches on.
  var BUDGET = 12;
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var select = document.getElementById("search-lang");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  if (!form || !input || !list) return;
  var meta = window.recueilSearchIndex;
  if (!meta) {
    status.textContent = list.dataset.failed;
    return;
  }
  var files = {}, texts = {}, loading = {}, held = {};
  Object.keys(meta.languages).forEach(function (lang) {
    held[lang] = new Set(meta.languages[lang].shards.split(" "));
  });
  // What the shard, chunk and text scripts call as they load.
  window.recueilSearch = {
    add: function (lang, name, data) { files[lang + "/" + name] = data; },
    text: function (lang, slug, data) {
      data.byId = {};
      data.parts.forEach(function (part) { data.byId[part[0]] = part; });
      texts[lang + "/" + slug] = data;
    }
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

  // A stem a query reaches: the postings known (lists of {res, post}), and `floor`, the lowest
  // resolution down to which they are all known (-1: all; Infinity: none yet). A rare stem's
  // postings are in its shard; a frequent stem's in chunks, `next` the next one to consider.
  function stemState(lang, shard, stem) {
    var entry = shard.stems[stem];
    if (Array.isArray(entry)) {
      var total = entry.reduce(function (n, e) { return n + e.split(" ").length - 1; }, 0);
      return { lists: [{ res: shard.res, post: entry }], floor: -1, total: total };
    }
    return { file: lang + "/" + entry.file, chunks: entry.chunks, total: entry.total,
      next: 0, lows: null, lists: [], floor: Infinity };
  }
  // Chunk `k` of a stem has been loaded or found needless: its postings are known down to it.
  function considered(s, k) {
    s.next = k + 1;
    s.floor = s.next >= s.chunks || !s.lows ? -1 : s.lows[k];
  }
  function loadChunk(s, k) {
    var name = s.file + "." + k;
    return load(name).then(function () {
      var data = files[name];
      if (data && k === 0) s.lows = data.lows;
      if (data) s.lists.push(data);
      considered(s, k);
    });
  }
  function floorOf(term) {
    return term.reduce(function (f, s) { return Math.max(f, s.floor); }, -1);
  }

  // The passages of one query word (its stems' postings known): key "r id" -> {r, slug,
  // short, id, hits, lineage}. A posting is "place part part…", a part "id", "id*count",
  // "id~lineage" or "id*count~lineage" (src/render/search/postings.rs).
  function passagesOf(term) {
    var found = new Map();
    term.forEach(function (s) {
      s.lists.forEach(function (held) {
        held.post.forEach(function (entry) {
          var parts = entry.split(" "), res = held.res[+parts[0]], r = res[0];
          for (var j = 1; j < parts.length; j++) {
            var m = /^([^*~]+)(?:\*(\d+))?(?:~(\w+))?$/.exec(parts[j]);
            if (!m) continue;
            var key = r + " " + m[1], doc = found.get(key);
            if (!doc) {
              doc = { r: r, slug: res[1], short: res[2], id: m[1], seq: j, hits: 0, lineage: m[3] };
              found.set(key, doc);
            }
            doc.hits += m[2] ? +m[2] : 1;
          }
        });
      });
    });
    return found;
  }

  // The passages of one language holding every word of the query, among the postings known.
  function searchLanguage(L) {
    var docs = null;
    for (var i = 0; i < L.terms.length; i++) {
      var hits = passagesOf(L.terms[i]);
      if (docs !== null) {
        hits.forEach(function (doc, key) {
          if (docs.has(key)) doc.hits += docs.get(key).hits; else hits.delete(key);
        });
      }
      docs = hits;
      if (docs.size === 0) break;
    }
    return docs ? Array.from(docs.values()) : [];
  }

  // The query in each language: its words' stems, once their shards are loaded; a language
  // where a word reaches no stem has no result.
  function prepare(query, langs) {
    return langs.map(function (lang, order) {
      var stems = new Set();
      var terms = termsOf(lang, query).map(function (word) {
        var shard = files[lang + "/" + shardOf(word)];
        return Array.from(stemsFor(shard, word)).map(function (stem) {
          stems.add(stem);
          return stemState(lang, shard, stem);
        });
      });
      var possible = terms.every(function (term) { return term.length > 0; });
      return { lang: lang, order: order, terms: possible ? terms : [], stems: stems };
    });
  }

  // Down to which resolution every result is known: the highest floor of any word.
  function frontier(state) {
    return state.langs.reduce(function (f, L) {
      return L.terms.reduce(function (g, term) { return Math.max(g, floorOf(term)); }, f);
    }, -1);
  }

  // Whether a word of the query other than the t-th, known from `lo` to `hi`, occurs in no
  // resolution there: then no passage there holds every word, and a chunk there is not needed.
  function excluded(L, t, lo, hi) {
    return L.terms.some(function (term, u) {
      if (u === t || floorOf(term) > lo) return false;
      return !term.some(function (s) {
        return s.lists.some(function (held) {
          return held.post.some(function (e) {
            var r = held.res[parseInt(e, 10)][0];
            return r >= lo && r <= hi;
          });
        });
      });
    });
  }

  // Considers the next chunk of every stem known down to the frontier `f` only.
  function advance(state, f) {
    var loads = [];
    state.langs.forEach(function (L) {
      L.terms.forEach(function (term, t) {
        term.forEach(function (s) {
          if (s.floor !== f) return;
          var k = s.next, lo = s.lows[k], hi = s.lows[k - 1] - 1;
          if (excluded(L, t, lo, hi)) {
            considered(s, k);
          } else {
            state.budget -= 1;
            loads.push(loadChunk(s, k));
          }
        });
      });
    });
    return Promise.all(loads);
  }

  // Every passage found so far, newest first, then by occurrences; grouped by lineage (the
  // same paragraph across the years is one group, led by its newest year).
  function collect(state) {
    var results = [];
    state.langs.forEach(function (L) {
      searchLanguage(L).forEach(function (d) {
        d.lang = L.lang; d.order = L.order; d.stems = L.stems;
        results.push(d);
      });
    });
    results.sort(function (a, b) {
      return b.r - a.r || b.hits - a.hits || a.order - b.order || a.seq - b.seq;
    });
    var groups = [], at = new Map();
    results.forEach(function (r) {
      var key = r.lang + " " + (r.lineage ? "~" + r.lineage : r.r + "#" + r.id);
      if (!at.has(key)) { at.set(key, groups.length); groups.push([]); }
      groups[at.get(key)].push(r);
    });
    return { results: results, groups: groups };
  }

  // Loads chunks until `needed` groups are known to come first (a group led by a resolution
  // above the frontier can be passed by none loaded later), or every chunk is considered.
  function fill(state, needed) {
    var f = frontier(state), found = collect(state);
    var known = f < 0 ? found.groups.length
      : found.groups.filter(function (g) { return g[0].r >= f; }).length;
    if (f < 0 || known >= needed || state.budget <= 0) {
      found.complete = f < 0;
      found.known = known;
      return Promise.resolve(found);
    }
    return advance(state, f).then(function () {
      return state.ticket === runs ? fill(state, needed) : null;
    });
  }

  // The number of passages when it is known without loading every chunk: a query of one word
  // reaching one stem in each language searched.
  function exactTotal(state) {
    var total = 0;
    var known = state.langs.every(function (L) {
      if (L.terms.length === 0) return true;
      if (L.terms.length !== 1 || L.terms[0].length !== 1) return false;
      total += L.terms[0][0].total;
      return true;
    });
    return known ? total : null;
  }

  // Whether a word of a text is one of the matched stems (known from the shards loaded).
  function matches(lang, word, stems) {
    var f = fold(word), shard = files[lang + "/" + shardOf(f)];
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
    if (part.length > 2) {
      return part[2] ? list.dataset.noteOn.replace("{what}", label(part[2])) : list.dataset.noteOnResolution;
    }
    return label(part[0]);
  }

  // One result: "A/RES/68/160 · 18 déc. 2013 · title · paragraph 8", the words found, and the
  // other years of the same paragraph (linked by the postings' ids: their texts not loaded).
  function entry(r, others) {
    var text = texts[r.lang + "/" + r.slug], part = text && text.byId[r.id];
    if (!part) return null;
    var li = document.createElement("li");
    li.lang = r.lang;
    li.dataset.symbol = text.symbol;
    li.dataset.paragraph = part[0];
    if (part.length > 2) li.className = "note-result";
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
    if (others.length > 0 && part.length <= 2) {
      var also = document.createElement("p");
      also.className = "also";
      also.appendChild(document.createTextNode(list.dataset.also + " "));
      others.forEach(function (o, i) {
        var link = document.createElement("a");
        link.href = list.dataset.root + meta.page.replace("{lang}", o.lang).replace("{slug}", o.slug) + "#" + o.id;
        link.hreflang = o.lang;
        link.textContent = o.short + " (" + label(o.id) + ")";
        if (i > 0) also.appendChild(document.createTextNode(", "));
        also.appendChild(link);
      });
      li.appendChild(also);
    }
    list.appendChild(li);
    return li;
  }

  // The first `state.shown` groups known to come first, each led by its newest year, the
  // others by session; their texts loaded first. Focus goes to `focus`, the first group of a
  // page asked for.
  function show(state, found, focus) {
    var shown = found.groups.slice(0, Math.min(state.shown, found.known));
    state.drawn = shown.length;
    var loads = shown.map(function (g) { return load(g[0].lang + "/text/" + g[0].slug); });
    return Promise.all(loads).then(function () {
      if (state.ticket !== runs) return;
      list.textContent = "";
      var drawn = shown.map(function (group) {
        var others = group.slice(1).sort(function (a, b) { return a.r - b.r; });
        return entry(group[0], others);
      });
      var n = found.results.length, total = found.complete ? n : exactTotal(state);
      var message = n === 0 ? (found.complete ? list.dataset.none : list.dataset.noneYet)
        : total === null ? list.dataset.atLeast.replace("{n}", n) : counted(total);
      status.textContent = message;
      if (more) more.hidden = found.complete && found.groups.length <= shown.length;
      var first = focus !== undefined && drawn[focus] && drawn[focus].querySelector("a");
      if (first) first.focus();
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

  var runs = 0, current = null;
  function run() {
    var raw = input.value.trim();
    var state = { ticket: ++runs, shown: PAGE, drawn: 0, budget: BUDGET, langs: [] };
    current = state;
    remember(raw);
    if (more) more.hidden = true;
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
      state.langs = prepare(query, langs);
      var first = [];
      state.langs.forEach(function (L) {
        L.terms.forEach(function (term) {
          term.forEach(function (s) { if (s.file) first.push(loadChunk(s, 0)); });
        });
      });
      return Promise.all(first);
    }).then(function () {
      return state.ticket === runs ? fill(state, state.shown + 1) : null;
    }).then(function (found) {
      if (found && state.ticket === runs) return show(state, found);
    });
  }

  // "More results": the next page of groups, their chunks and texts loaded as needed.
  function next() {
    var state = current;
    if (!state || state.ticket !== runs) return;
    var from = state.drawn;
    state.shown = from + PAGE;
    state.budget = BUDGET;
    status.textContent = list.dataset.loading;
    fill(state, state.shown + 1).then(function (found) {
      if (found && state.ticket === runs) return show(state, found, from);
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
  if (more) more.addEventListener("click", next);
  window.addEventListener("pageshow", function (event) { if (event.persisted) restore(); });
  window.addEventListener("popstate", restore);
  restore();
})();
