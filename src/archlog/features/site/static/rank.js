// archlog's search ranking in the browser: the very ranking of `archlog search`
// (archlog/features/search.py), from the files archlog/features/search_shards.py writes.
//
//   var ranker = ArchlogRank.ranker(docsData);       // what search/docs.js hands over
//   ranker.keys("postgres replica")                  // the shards this query needs
//   ranker.add(key, shardData);                      // each, as search/<key>.js hands it
//   ranker.rank("postgres replica", {prefix: true})  // [{doc, score, terms}], best first
//
// Text is folded one code point at a time, cut into tokens, and each query word stands for
// terms through the index's vocabulary: no stemmer runs here, and every score is an
// integer computed at build time, so the order is Python's to the last tie.
(function (root) {
  "use strict";

  var CJK = "\\u3040-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af" +
    "\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
  var IS_CJK = new RegExp("^[" + CJK + "]$", "u");
  var CJK_ONLY = new RegExp("^[" + CJK + "]+$", "u");
  var PIECES = new RegExp("[" + CJK + "]+|[^" + CJK + "]+", "gu");
  var RUN = /[\p{L}\p{N}]+/gu;
  var MARK = /\p{Mn}/gu;
  var ASCII = /^[\x00-\x7f]*$/;
  var ASCII_KEY = /^[a-z0-9]{2}$/;
  var folded = new Map();

  function foldChar(ch) {
    var out = folded.get(ch);
    if (out === undefined) {
      out = IS_CJK.test(ch) ? ch : ch.normalize("NFKD").replace(MARK, "").toLowerCase()
        .replace(/ß/g, "ss").replace(/ς/g, "σ");
      folded.set(ch, out);
    }
    return out;
  }

  // Lower-cased, accents and compatibility forms folded, one code point at a time.
  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    var out = "";
    for (var ch of text) out += foldChar(ch);
    return out;
  }

  function points(text) { return Array.from(text); }

  function compare(a, b) {  // by code point, as Python sorts strings
    var x = points(a), y = points(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  // Each run of letters and digits, cut into its CJK and other pieces: [cjk?, piece].
  function pieces(text) {
    var out = [];
    (fold(text).match(RUN) || []).forEach(function (run) {
      if (ASCII.test(run)) { out.push([false, run]); return; }
      (run.match(PIECES) || []).forEach(function (piece) {
        out.push([CJK_ONLY.test(piece), piece]);
      });
    });
    return out;
  }

  function Tokenizer(stop, maxWord) {
    this.stop = new Set(stop);
    this.maxWord = maxWord;
  }

  Tokenizer.prototype.isWord = function (piece) {
    var n = points(piece).length;
    return n >= 2 && n <= this.maxWord && !this.stop.has(piece);
  };

  // The tokens of a text, as the index has them (CJK: characters and pairs).
  Tokenizer.prototype.tokens = function (text) {
    var self = this, out = [];
    pieces(text).forEach(function (p) {
      if (!p[0]) { if (self.isWord(p[1])) out.push(p[1]); return; }
      var chars = points(p[1]);
      chars.forEach(function (c) { out.push(c); });
      for (var j = 0; j + 1 < chars.length; j++) out.push(chars[j] + chars[j + 1]);
    });
    return out;
  };

  // A query's words, once each, in order (CJK: pairs, or a lone character).
  Tokenizer.prototype.queryWords = function (text) {
    var self = this, out = [];
    function add(w) { if (out.indexOf(w) < 0) out.push(w); }
    pieces(text).forEach(function (p) {
      if (!p[0]) { if (self.isWord(p[1])) add(p[1]); return; }
      var chars = points(p[1]);
      if (chars.length === 1) { add(chars[0]); return; }
      for (var j = 0; j + 1 < chars.length; j++) add(chars[j] + chars[j + 1]);
    });
    return out;
  };

  function shardKey(word) {
    var chars = points(word), head = chars.slice(0, 2).join("");
    if (ASCII_KEY.test(head)) return head;
    return "u" + (chars[0].codePointAt(0) >> 5).toString(16);
  }

  function Ranker(meta) {
    if (meta.version !== 1) throw new Error("archlog search index version " + meta.version);
    this.docs = meta.docs;
    this.tokenizer = new Tokenizer(meta.stop, meta.maxWord);
    this.shards = {};
  }

  Ranker.prototype.add = function (key, data) { this.shards[key] = data; };

  // The shards a query needs, each once.
  Ranker.prototype.keys = function (query) {
    var out = [];
    this.tokenizer.queryWords(query).forEach(function (w) {
      var k = shardKey(w);
      if (out.indexOf(k) < 0) out.push(k);
    });
    return out;
  };

  var has = Object.prototype.hasOwnProperty;

  // The terms a query word stands for: its own term, else those of the words it begins,
  // else the longest term that begins it and is at least half as long.
  Ranker.prototype.resolve = function (word, prefix) {
    var shard = this.shards[shardKey(word)] || {f: {}, p: {}};
    var found = new Set();
    if (has.call(shard.f, word)) found.add(shard.f[word]);
    else if (has.call(shard.p, word)) found.add(word);
    if (found.size && !prefix) return found;
    Object.keys(shard.f).forEach(function (f) { if (f.startsWith(word)) found.add(shard.f[f]); });
    Object.keys(shard.p).forEach(function (t) { if (t.startsWith(word)) found.add(t); });
    if (found.size || CJK_ONLY.test(word)) return found;
    var chars = points(word), least = Math.max(3, Math.floor((chars.length + 1) / 2));
    for (var end = chars.length - 1; end >= least; end--) {
      var head = chars.slice(0, end).join("");
      if (has.call(shard.p, head)) return new Set([head]);
    }
    return found;
  };

  // The records matching any word of the query, best first (ties: the index's order).
  Ranker.prototype.rank = function (query, options) {
    var prefix = !!(options && options.prefix);
    var words = this.tokenizer.queryWords(query), found = new Map(), self = this;
    words.forEach(function (word, i) {
      var best = new Map();
      var terms = Array.from(self.resolve(word, prefix && i === words.length - 1)).sort(compare);
      terms.forEach(function (term) {
        var flat = (self.shards[shardKey(word)] || {p: {}}).p[term] || [];
        for (var j = 0; j < flat.length; j += 2) {
          var doc = flat[j], score = flat[j + 1], was = best.get(doc);
          if (was === undefined || score > was[0]) best.set(doc, [score, term]);
        }
      });
      best.forEach(function (value, doc) {
        var hit = found.get(doc);
        if (!hit) { hit = {doc: doc, score: 0, terms: []}; found.set(doc, hit); }
        hit.score += value[0];
        if (hit.terms.indexOf(value[1]) < 0) hit.terms.push(value[1]);
      });
    });
    return Array.from(found.values()).sort(function (a, b) {
      return b.score - a.score || a.doc - b.doc;
    });
  };

  var api = {
    fold: fold, shardKey: shardKey, Tokenizer: Tokenizer, Ranker: Ranker,
    ranker: function (meta) { return new Ranker(meta); }
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.ArchlogRank = api;
})(this);
