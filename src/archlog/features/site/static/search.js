// archlog site search: loads the document list and only the index shards a query needs,
// as <script> files (so it works from file:// too), and ranks records by matched words.
(function () {
  "use strict";
  var base = (document.body.getAttribute("data-root") || "") + "search/";
  var docs = null, shards = {}, waiting = {};
  window.archlogSearch = {
    docs: function (list) { docs = list; (waiting["docs"] || []).forEach(function (f) { f(); }); },
    shard: function (key, data) { shards[key] = data; (waiting[key] || []).forEach(function (f) { f(); }); }
  };
  function load(key, file, done) {
    if (key === "docs" ? docs : shards[key]) return done();
    (waiting[key] = waiting[key] || []).push(done);
    if (waiting[key].length > 1) return;
    var s = document.createElement("script");
    s.src = base + file;
    s.onerror = function () { shards[key] = {}; done(); };
    document.head.appendChild(s);
  }
  function words(text) {
    return (text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .match(/[\p{L}\p{N}]{2,}/gu) || []);
  }
  function shardOf(word) {
    var key = word.slice(0, 2);
    if (/^[a-z0-9]{2}$/.test(key)) return key;
    return "u" + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("");
  }
  function run(query, show) {
    var terms = words(query);
    if (!terms.length) return show([]);
    var pending = terms.length + 1;
    function step() { if (--pending === 0) rank(); }
    load("docs", "docs.js", step);
    terms.forEach(function (t) { var k = shardOf(t); load(k, k + ".js", step); });
    function rank() {
      var score = null;
      terms.forEach(function (t) {
        var table = shards[shardOf(t)] || {}, hits = {};
        Object.keys(table).forEach(function (w) {
          if (w.indexOf(t) === 0) table[w].forEach(function (p) { hits[p[0]] = (hits[p[0]] || 0) + p[1] * (w === t ? 2 : 1); });
        });
        if (score === null) score = hits;
        else Object.keys(score).forEach(function (d) { if (!(d in hits)) delete score[d]; else score[d] += hits[d]; });
      });
      var found = Object.keys(score || {}).sort(function (a, b) { return score[b] - score[a]; });
      show(found.slice(0, 50).map(function (d) { return docs[+d]; }), found.length);
    }
  }
  window.archlogRunSearch = run;
  var input = document.getElementById("search-query");
  if (!input) return;
  var list = document.getElementById("search-results"), status = document.getElementById("search-status");
  var root = document.body.getAttribute("data-root") || "";
  function update() {
    run(input.value, function (results, total) {
      list.textContent = "";
      results.forEach(function (doc) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = root + doc.u; a.textContent = doc.t;
        var badge = document.createElement("span");
        badge.className = "badge status-" + doc.s; badge.textContent = doc.s;
        li.appendChild(badge); li.appendChild(document.createTextNode(" ")); li.appendChild(a);
        list.appendChild(li);
      });
      status.textContent = input.value.trim() ? (total || 0) + " records found" : "";
    });
  }
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; }
  input.addEventListener("input", update);
  update();
})();
