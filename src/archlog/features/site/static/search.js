// archlog site search: loads the document list and only the index shards a query needs,
// as <script> files (so it works from file:// too), and ranks records with rank.js — the
// very ranking of `archlog search`, so a query gives the command's order.
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
  var loaded = {}, waiting = {}, ranker = null;
  function arrived(key, data) {
    loaded[key] = data;
    if (key === "docs" && data) ranker = ArchlogRank.ranker(data);
    else if (ranker && key.indexOf("text-") !== 0) ranker.add(key, data);
    (waiting[key] || []).forEach(function (f) { f(); });
    delete waiting[key];
  }
  window.archlogSearch = {
    docs: function (meta) { arrived("docs", meta); },
    shard: function (key, data) { arrived(key, data); },
    text: function (n, list) { arrived("text-" + n, list); }
  };
  function need(key) {
    return new Promise(function (done) {
      if (key in loaded) return done();
      (waiting[key] = waiting[key] || []).push(done);
      if (waiting[key].length > 1) return;
      var s = document.createElement("script");
      s.src = base + encodeURIComponent(key) + ".js";
      s.onerror = function () { arrived(key, key === "docs" ? null : {f: {}, p: {}}); };
      document.head.appendChild(s);
    });
  }
  // Whether a word of a record's text is one the query matched: its term (through the
  // vocabulary of the shards loaded) is one of the hit's terms.
  function matcher(terms) {
    var wanted = new Set(terms);
    return function (word) {
      var w = ArchlogRank.fold(word);
      if (wanted.has(w)) return true;
      var shard = ranker.shards[ArchlogRank.shardKey(w)];
      if (shard && Object.prototype.hasOwnProperty.call(shard.f, w)) return wanted.has(shard.f[w]);
      return terms.some(function (t) { return w.length > t.length && w.indexOf(t) === 0; });
    };
  }
  // The words of `text` around the first matched one, those marked (see above).
  function snippet(text, terms, size) {
    size = size || 180;
    var re = /[\p{L}\p{N}]+/gu, m, marks = [], hit = matcher(terms);
    while ((m = re.exec(text)) !== null) {
      if (hit(m[0])) marks.push([m.index, m.index + m[0].length]);
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
    return need("docs").then(function () {
      if (!ranker) return [];
      var keys = ranker.keys(query);
      if (!keys.length) return [];
      return Promise.all(keys.map(need)).then(function () {
        var top = ranker.rank(query).slice(0, limit || 20);
        var chunks = [];
        top.forEach(function (h) {
          var c = "text-" + Math.floor(h.doc / TEXT_CHUNK);
          if (chunks.indexOf(c) < 0) chunks.push(c);
        });
        return Promise.all(chunks.map(need)).then(function () {
          return top.map(function (h) {
            var texts = loaded["text-" + Math.floor(h.doc / TEXT_CHUNK)] || [];
            return {doc: ranker.docs[h.doc], score: h.score,
                    snippet: snippet(texts[h.doc % TEXT_CHUNK] || "", h.terms)};
          });
        });
      });
    });
  }
  window.archlogSearch.rank = rank;
  window.archlogSearch.snippet = snippet;
})();
