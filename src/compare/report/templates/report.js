(function () {
  "use strict";
  var root = document.getElementById("{{ uid }}");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var rows = Array.prototype.slice.call(root.querySelectorAll("tr.row"));
  var typed = rows.filter(function (r) { return r.hasAttribute("data-types"); });
  var items = Array.prototype.slice.call(root.querySelectorAll(".fl li"));
  var badges = Array.prototype.slice.call(root.querySelectorAll(".badge[data-type]"));
  var boxes = Array.prototype.slice.call(root.querySelectorAll("input.ft"));
  var only = root.querySelector("input.only-diff");
  var rowTypes = typed.map(function (r) { return r.getAttribute("data-types").split(" "); });

  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var hideSame = only && only.checked;
    rows.forEach(function (r) { r.hidden = hideSame && r.classList.contains("rel-same"); });
    typed.forEach(function (r, k) {
      if (!rowTypes[k].some(function (t) { return on[t]; })) { r.hidden = true; }
    });
    items.forEach(function (li) { li.hidden = !on[li.getAttribute("data-type")]; });
    badges.forEach(function (b) { b.hidden = !on[b.getAttribute("data-type")]; });
  }

  var lit = null;
  function jump(id) {
    var row = document.getElementById(id);
    if (!row) { return; }
    row.hidden = false;
    if (lit) { lit.classList.remove("hl"); }
    row.classList.add("hl");
    lit = row;
    row.scrollIntoView({ block: "center" });
  }

  root.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && (t.matches("input.ft") || t.matches("input.only-diff"))) { apply(); }
  });
  root.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.jump") : null;
    if (!a || !root.contains(a)) { return; }
    e.preventDefault();
    jump(a.getAttribute("data-row"));
  });
  apply();
})();
