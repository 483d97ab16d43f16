// archlog site: theme switch, the record pages' sidebar, and the home table's sorting and
// filtering. No dependencies.
(function () {
  "use strict";
  var root = document.documentElement;
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("archlog-theme", next); } catch (e) {}
    });
  }
  // The sidebar: its entries from the scripts of sidebar/ the page loaded (the page names
  // its window of the newest-first list), open or closed on small screens (always open on
  // wide ones), its list scrolled to show the page's own record.
  var sidebar = document.getElementById("sidebar");
  if (sidebar) {
    var opener = document.getElementById("sidebar-toggle");
    var items = document.getElementById("sidebar-list");
    fillSidebar(items);
    opener.addEventListener("click", function () {
      var open = opener.getAttribute("aria-expanded") !== "true";
      opener.setAttribute("aria-expanded", String(open));
      sidebar.classList.toggle("open", open);
    });
    var current = items.querySelector("[aria-current=page]");
    if (current && items.scrollHeight > items.clientHeight) {
      items.scrollTop = current.offsetTop - items.clientHeight / 2; // the list is positioned
    }
  }
  function fillSidebar(list) {
    var number = function (name) { return +list.getAttribute("data-" + name); };
    var start = number("start"), stop = number("stop"), at = number("at");
    var total = number("total"), entries = [];
    (window.archlogSidebar || []).forEach(function (chunk) {
      chunk[1].forEach(function (entry, i) { entries[chunk[0] + i] = entry; });
    });
    for (var i = start; i < stop; i++) if (!entries[i]) return; // a script missing: the fallback stays
    var home = list.getAttribute("data-home"), made = document.createDocumentFragment();
    function more(count, which) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.className = "sidebar-more";
      a.href = home;
      a.textContent = count.toLocaleString("en") + " " + which + " decisions";
      li.appendChild(a);
      made.appendChild(li);
    }
    if (start > 0) more(start, "newer");
    for (i = start; i < stop; i++) {
      var li = document.createElement("li"), a = document.createElement("a");
      var id = document.createElement("span"), badge = document.createElement("span");
      a.href = entries[i][0];
      if (i === at) a.setAttribute("aria-current", "page");
      id.className = "sidebar-id";
      id.textContent = entries[i][1];
      a.appendChild(id);
      a.appendChild(document.createTextNode(" " + entries[i][2]));
      badge.className = "badge status-" + entries[i][3];
      badge.textContent = entries[i][3];
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge);
      made.appendChild(li);
    }
    if (total > stop) more(total - stop, "older");
    list.textContent = "";
    list.appendChild(made);
  }
  var table = document.getElementById("records");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var status = document.getElementById("filter-status");
  var tag = document.getElementById("filter-tag");
  var since = document.getElementById("filter-since");
  var until = document.getElementById("filter-until");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var params = new URLSearchParams(location.search);
  if (params.get("status")) status.value = params.get("status");
  if (params.get("tag")) tag.value = params.get("tag");
  function apply() {
    var want = text.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var date = row.getAttribute("data-date");
      var ok = (!status.value || row.getAttribute("data-status") === status.value) &&
        (!tag.value || row.getAttribute("data-tags").split("|").indexOf(tag.value) >= 0) &&
        (!since.value || (date && date >= since.value)) &&
        (!until.value || (date && date <= until.value)) &&
        (!want || row.textContent.toLowerCase().indexOf(want) >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + rows.length + " shown";
  }
  [status, tag, since, until].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  table.querySelectorAll("th button[data-sort]").forEach(function (button) {
    button.addEventListener("click", function () {
      var column = +button.getAttribute("data-sort");
      var th = button.parentNode;
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      function key(row) {
        var cell = row.cells[column];
        return cell.getAttribute("data-key") || cell.textContent.trim().toLowerCase();
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
