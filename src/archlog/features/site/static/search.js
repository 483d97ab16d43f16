// archlog site search: loads the document list and only the index shards a query needs,
// as <script> files (so it works from file:// too), and ranks records by matched words.
//
// The boundary the pages use is one function:
//   archlogSearch.rank(query, limit) → Promise of [{doc, score, snippet}], best first,
// at most `limit` of them. `doc` is an entry of the document list ({t: id and title,
// u: page, s: status, d: date}); `snippet` is a list of strings whose odd-numbered ones
// are the words the query matched: ["…the order ", "pipeline", " was chosen…"].
(function () {
  "use strict";
  var base = (document.body.getAttribute("data-root") || "") + "search/";
  var TEXT_CHUNK = 32; // records per search/text-N.js (archlog.features.site.excerpts.CHUNK)
  var loaded = {}, waiting = {};
  function arrived(key, data) {
    loaded[key] = data;
    (waiting[key] || []).forEach(function (f) { f(); });
    delete waiting[key];
  }
  window.archlogSearch = {
    docs: function (list) { arrived("docs", list); },
    shard: function (key, data) { arrived(key, data); },
    text: function (n, list) { arrived("text-" + n, list); }
  };
  function need(key) {
    return new Promise(function (done) {
      if (key in loaded) return done();
      (waiting[key] = waiting[key] || []).push(done);
      if (waiting[key].length > 1) return;
      var s = document.createElement("script");
      s.src = base + key + ".js";
      s.onerror = function () { arrived(key, key === "docs" ? [] : {}); };
      document.head.appendChild(s);
    });
  }
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]{2,}/gu) || [];
  }
  function shardOf(word) {
    var key = word.slice(0, 2);
    if (/^[a-z0-9]{2}$/.test(key)) return key;
    return "u" + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("");
  }
  // The present ranking: the records holding every word (as a prefix), by weight.
  function score(terms) {
    var total = null;
    terms.forEach(function (t) {
      var table = loaded[shardOf(t)] || {}, hits = {};
      Object.keys(table).forEach(function (w) {
        if (w.indexOf(t) === 0) table[w].forEach(function (p) { hits[p[0]] = (hits[p[0]] || 0) + p[1] * (w === t ? 2 : 1); });
      });
      if (total === null) total = hits;
      else Object.keys(total).forEach(function (d) { if (!(d in hits)) delete total[d]; else total[d] += hits[d]; });
    });
    return total || {};
  }
  // The words of `text` around the first one a term starts, those marked (see above).
  function snippet(text, terms, size) {
    size = size || 180;
    var re = /[\p{L}\p{N}]+/gu, m, marks = [];
    while ((m = re.exec(text)) !== null) {
      var w = fold(m[0]);
      if (terms.some(function (t) { return w.indexOf(t) === 0; })) marks.push([m.index, m.index + m[0].length]);
    }
    var start = marks.length ? Math.max(0, marks[0][0] - 60) : 0;
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < marks[0][0]) start = space + 1;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var last = text.lastIndexOf(" ", end);
      if (last > start) end = last;
    }
    var pieces = [start > 0 ? "…" : ""], at = start;
    marks.forEach(function (mark) {
      if (mark[0] < start || mark[1] > end) return;
      pieces[pieces.length - 1] += text.slice(at, mark[0]);
      pieces.push(text.slice(mark[0], mark[1]), "");
      at = mark[1];
    });
    pieces[pieces.length - 1] += text.slice(at, end) + (end < text.length ? "…" : "");
    return pieces;
  }
  function rank(query, limit) {
    var terms = words(query);
    if (!terms.length) return Promise.resolve([]);
    var keys = ["docs"].concat(terms.map(shardOf));
    return Promise.all(keys.map(need)).then(function () {
      var scores = score(terms);
      var top = Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; })
        .slice(0, limit || 20).map(Number);
      var chunks = top.map(function (d) { return "text-" + Math.floor(d / TEXT_CHUNK); });
      return Promise.all(chunks.filter(function (c, i) { return chunks.indexOf(c) === i; }).map(need))
        .then(function () {
          return top.map(function (d) {
            var texts = loaded["text-" + Math.floor(d / TEXT_CHUNK)] || [];
            return {doc: loaded.docs[d], score: scores[d], snippet: snippet(texts[d % TEXT_CHUNK] || "", terms)};
          });
        });
    });
  }
  window.archlogSearch.rank = rank;
  window.archlogSearch.snippet = snippet;
})();
