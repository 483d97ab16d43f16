// archlog site serve: reload the page when the site was rebuilt (poll the build version).
(function () {
  "use strict";
  var seen = null;
  function poll() {
    fetch("/__archlog/version", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (v) {
        if (seen !== null && v !== seen) { location.reload(); return; }
        seen = v;
        setTimeout(poll, 250);
      }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
