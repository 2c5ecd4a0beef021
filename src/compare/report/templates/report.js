(function () {
  "use strict";
  var root = document.getElementById("{{ uid }}");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var STEP = {{ step }};
  var each = Array.prototype.forEach;
  var boxes = Array.prototype.slice.call(root.querySelectorAll("input.ft"));
  var only = root.querySelector("input.only-diff");
  var pick = root.querySelector("select.show");
  var tbody = root.querySelector("tbody.rows");
  var list = root.querySelector("ol.fl");
  var source = root.querySelector("script.cmp-data");

  function settings() {
    var on = {};
    var all = true;
    boxes.forEach(function (b) { on[b.value] = b.checked; all = all && b.checked; });
    var same = !!(only && only.checked);
    var tag = pick ? pick.value : "";
    return { on: on, same: same, tag: tag, plain: all && !same && !tag };
  }
  function keep(s, same, types, tags) {
    if (s.same && same) { return false; }
    if (types && !types.split(" ").some(function (t) { return s.on[t]; })) { return false; }
    return !s.tag || (" " + tags + " ").indexOf(" " + s.tag + " ") >= 0;
  }
  function typesShown(s) {
    boxes.forEach(function (b) { root.classList.toggle("off-" + b.value, !s.on[b.value]); });
  }

  // Small reports: every row is in the page; filters show and hide them.
  var apply, reveal;
  if (!source) {
    var rows = Array.prototype.slice.call(tbody ? tbody.querySelectorAll("tr.row") : []);
    var meta = rows.map(function (r) {
      return [r.classList.contains("rel-same") || r.classList.contains("alike"),
        r.getAttribute("data-types") || "", r.getAttribute("data-tags") || ""];
    });
    apply = function () {
      var s = settings();
      typesShown(s);
      rows.forEach(function (r, k) { r.hidden = !keep(s, meta[k][0], meta[k][1], meta[k][2]); });
    };
    reveal = function (id) {
      var row = document.getElementById(id);
      if (row) { row.hidden = false; }
      return row;
    };
  } else {
    // Large reports: rows and findings come from the payload, drawn a step at a time.
    var data = JSON.parse(source.textContent);
    var index = {};
    data.rows.forEach(function (r, k) { index[r[0]] = k; });
    var more = tbody.querySelector("tr.more");
    var less = more.cloneNode(true);  // above the rows drawn, once a jump skipped some
    less.className = "less";
    less.hidden = true;
    less.querySelector(".more-btn").firstChild.textContent = "show earlier rows ";
    tbody.insertBefore(less, tbody.firstChild);
    var moreItems = root.querySelector(".more-items");
    // shown: payload indices the filters let through; rows lo..drawn-1 of it are in the page.
    var shown = [], lo = 0, drawn = 0, items = [], itemsDrawn = 0;
    var html = function (k) { return data.rows[shown[k]][1]; };
    var count = function (el, left) {
      el.hidden = left <= 0;
      el.querySelector(".n").textContent = left + " left";
    };
    var drawRows = function (upto) {
      upto = Math.min(upto, shown.length);
      var out = [];
      for (var k = drawn; k < upto; k++) { out.push(html(k)); }
      if (out.length) { more.insertAdjacentHTML("beforebegin", out.join("")); }
      drawn = Math.max(drawn, upto);
      count(more, shown.length - drawn);
      count(less, lo);
    };
    var drawEarlier = function () {
      var from = Math.max(0, lo - STEP);
      var out = [];
      for (var k = from; k < lo; k++) { out.push(html(k)); }
      if (out.length) { less.insertAdjacentHTML("afterend", out.join("")); }
      lo = from;
      count(less, lo);
    };
    var clear = function () { each.call(tbody.querySelectorAll("tr.row"), function (r) { r.remove(); }); };
    var drawItems = function (upto) {
      upto = Math.min(upto, items.length);
      var out = [];
      for (var k = itemsDrawn; k < upto; k++) { out.push(data.items[items[k]][0]); }
      if (out.length) { list.insertAdjacentHTML("beforeend", out.join("")); }
      itemsDrawn = Math.max(itemsDrawn, upto);
      if (moreItems) { count(moreItems, items.length - itemsDrawn); }
    };
    var all = function (n) { var out = []; for (var k = 0; k < n; k++) { out.push(k); } return out; };
    apply = function () {
      var s = settings();
      typesShown(s);
      shown = [];
      data.rows.forEach(function (r, k) { if (keep(s, r[2], r[3], r[4])) { shown.push(k); } });
      items = [];
      data.items.forEach(function (it, k) { if (s.on[it[1]]) { items.push(k); } });
      clear();
      list.textContent = "";
      lo = drawn = itemsDrawn = 0;
      drawRows(STEP);
      drawItems(STEP);
    };
    reveal = function (id) {
      var k = index[id];
      if (k === undefined) { return null; }
      var at = shown.indexOf(k);
      if (at < 0) {  // filtered out: shown again, in its place
        at = 0;
        while (at < shown.length && shown[at] < k) { at++; }
        shown.splice(at, 0, k);
        if (at < lo) {
          lo++;
          drawn++;
        } else if (at < drawn) {
          var next = document.getElementById(data.rows[shown[at + 1]][0]);
          next.insertAdjacentHTML("beforebegin", data.rows[k][1]);
          drawn++;
        }
      }
      if (at < lo || at >= drawn + STEP) {  // far from the rows drawn: draw around it instead
        clear();
        lo = drawn = Math.max(0, at - 10);
      }
      drawRows(Math.max(at + 1, drawn + (drawn === lo ? STEP : 0)));
      return document.getElementById(id);
    };
    var s0 = settings();
    if (s0.plain) {
      shown = all(data.rows.length);
      items = all(data.items.length);
      drawn = tbody.querySelectorAll("tr.row").length;
      itemsDrawn = list.children.length;
    } else {
      apply();
    }
    root.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("button.more-btn") : null;
      if (!b) { return; }
      if (b.closest("tr.more")) {
        drawRows(drawn + STEP);
      } else if (b.closest("tr.less")) {
        drawEarlier();
      } else {
        drawItems(itemsDrawn + STEP);
      }
    });
    if (window.IntersectionObserver) {
      // Draw more while a sentinel row is near the viewport; observing again asks afresh.
      [[more, function () { drawRows(drawn + STEP); }], [less, drawEarlier]].forEach(function (w) {
        var watch = new IntersectionObserver(function (seen) {
          if (!seen.some(function (x) { return x.isIntersecting; })) { return; }
          w[1]();
          watch.unobserve(w[0]);
          watch.observe(w[0]);
        }, { rootMargin: "800px 0px" });
        watch.observe(w[0]);
      });
    }
  }

  var lit = null;
  function jump(id) {
    var row = reveal(id);
    if (!row) { return; }
    if (lit) { lit.classList.remove("hl"); }
    row.classList.add("hl");
    lit = row;
    row.scrollIntoView({ block: "center" });
  }

  root.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("input.ft, input.only-diff, select.show")) { apply(); }
  });
  root.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.jump") : null;
    if (!a || !root.contains(a)) { return; }
    e.preventDefault();
    jump(a.getAttribute("data-row"));
  });
  if (!source) { apply(); }
})();
