// archlog site: search as you type — in the header's box on every page (a popup of the best
// matches) and on the search page (a list). Each result shows its snippet, the matched words
// marked. Down and Up move through the results, Enter opens one (from the box: the first),
// Escape clears. The ranking is archlogSearch.rank (search.js); nothing here knows how.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  function result(item) {
    var li = document.createElement("li"), a = document.createElement("a");
    li.className = "search-result";
    a.href = root + item.doc.u;
    a.textContent = item.doc.t;
    var badge = document.createElement("span");
    badge.className = "badge status-" + item.doc.s;
    badge.textContent = item.doc.s;
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(badge);
    if (item.snippet && item.snippet.join("")) {
      var p = document.createElement("p");
      p.className = "snippet";
      item.snippet.forEach(function (piece, i) {
        if (!piece) return;
        if (i % 2) {
          var mark = document.createElement("mark");
          mark.textContent = piece;
          p.appendChild(mark);
        } else {
          p.appendChild(document.createTextNode(piece));
        }
      });
      li.appendChild(p);
    }
    return li;
  }

  function attach(input, list, status, popup, more) {
    var limit = +input.getAttribute("data-search-limit") || 8, asked = 0;
    var form = input.form;

    function links() { return Array.prototype.slice.call((popup || list).querySelectorAll("a[href]")); }
    function show(open) { if (popup) popup.hidden = !open; }
    function clear() {
      asked++;
      list.textContent = "";
      status.textContent = "";
      show(false);
    }
    function update() {
      var query = input.value, ticket = ++asked;
      if (!query.trim()) return clear();
      window.archlogSearch.rank(query, limit).then(function (results) {
        if (ticket !== asked) return; // a later query is on its way
        list.textContent = "";
        results.forEach(function (item) { list.appendChild(result(item)); });
        var n = results.length;
        status.textContent = n ? (n === limit ? "the best " + n + " results" : n + (n === 1 ? " result" : " results")) :
          "No record matches " + query.trim();
        if (more) more.href = root + "search.html?q=" + encodeURIComponent(query.trim());
        show(true);
      });
    }
    function move(from, step) {
      var all = links(), at = all.indexOf(from) + step;
      if (at < 0) input.focus();
      else if (at < all.length) all[at].focus();
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim() && list.firstChild) show(true); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) {
        e.preventDefault();
        links()[0].focus();
      } else if (e.key === "Enter") {
        var first = list.querySelector("a[href]");
        if (first) { e.preventDefault(); window.location.href = first.href; }
      } else if (e.key === "Escape") {
        e.preventDefault();
        input.value = "";
        clear();
      }
    });
    (popup || list).addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        move(e.target, e.key === "ArrowDown" ? 1 : -1);
      } else if (e.key === "Escape") {
        e.preventDefault();
        input.value = "";
        clear();
        input.focus();
      }
    });
    if (popup && form) {
      form.addEventListener("focusout", function () {
        setTimeout(function () { if (!form.contains(document.activeElement)) show(false); }, 0);
      });
    }
    return update;
  }

  var box = document.getElementById("q");
  if (box) {
    var popup = document.getElementById("q-results");
    attach(box, popup.querySelector(".search-results"), document.getElementById("q-status"), popup,
           popup.querySelector(".search-more a"));
  }
  var page = document.getElementById("search-query");
  if (page) {
    var update = attach(page, document.getElementById("search-results"),
                        document.getElementById("search-status"), null, null);
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { page.value = q; update(); }
  }
})();
