/* mtqg HTML report: sort any table by a click on its heading; filter the findings. No network. */
(function () {
  "use strict";
  var root = document.documentElement;
  window.addEventListener("error", function (event) {
    root.setAttribute("data-js-error", String(event.message));
  });
  root.classList.remove("no-js");
  root.classList.add("js");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0111\u0110]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  var collator = new Intl.Collator(root.lang || "vi", { numeric: true, sensitivity: "base" });

  function sortKey(row, index, kind) {
    var cell = row.cells[index];
    if (!cell) { return null; }
    if (kind === "text") {
      var text = cell.textContent.trim();
      return text === "" ? null : text;
    }
    var value = cell.getAttribute("data-v");
    return value === null || value === "" ? null : parseFloat(value);
  }

  /* Rows between two section rows are sorted among themselves; the total row stays last. */
  function groups(body) {
    var result = [[]];
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row.classList.contains("section")) { result.push([row], []); } else { result[result.length - 1].push(row); }
    });
    return result;
  }

  function sortTable(table, th) {
    var heads = table.tHead.rows[0].cells;
    var index = Array.prototype.indexOf.call(heads, th);
    var kind = th.getAttribute("data-type") || "text";
    var state = th.getAttribute("aria-sort");
    var next = state === "ascending" ? "descending" : state === "descending" ? "none" : "ascending";
    Array.prototype.forEach.call(heads, function (cell) { cell.removeAttribute("aria-sort"); });
    if (next !== "none") { th.setAttribute("aria-sort", next); }
    var sign = next === "descending" ? -1 : 1;
    var body = table.tBodies[0];
    groups(body).forEach(function (group) {
      if (group.length && group[0].classList.contains("section")) { return; }
      var pinned = group.filter(function (row) { return row.classList.contains("total"); });
      var rows = group.filter(function (row) { return !row.classList.contains("total"); });
      rows.sort(function (a, b) {
        var order = +a.getAttribute("data-i") - +b.getAttribute("data-i");
        if (next === "none") { return order; }
        var x = sortKey(a, index, kind), y = sortKey(b, index, kind);
        if (x === null || y === null) { return x === y ? order : x === null ? 1 : -1; }
        var diff = kind === "text" ? collator.compare(x, y) : x - y;
        return diff === 0 ? order : sign * diff;
      });
      var anchor = group.length ? group[group.length - 1].nextSibling : null;
      rows.concat(pinned).forEach(function (row) { body.insertBefore(row, anchor); });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) { row.setAttribute("data-i", String(i)); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var button = th.querySelector("button.sort");
      if (button) { button.addEventListener("click", function () { sortTable(table, th); }); }
    });
  });

  var findings = document.getElementById("bang-sai-lech");
  if (findings) {
    var rows = Array.prototype.slice.call(findings.tBodies[0].rows);
    var texts = rows.map(function (row) { return fold(row.textContent); });
    var search = document.getElementById("f-text");
    var selects = [["f-sev", "data-sev"], ["f-rule", "data-rule"], ["f-file", "data-file"]]
      .map(function (pair) { return [document.getElementById(pair[0]), pair[1]]; })
      .filter(function (pair) { return pair[0] !== null; });
    var count = document.getElementById("f-count");
    var empty = document.getElementById("f-empty");
    var apply = function () {
      var query = fold(search.value);
      var shown = 0;
      rows.forEach(function (row, i) {
        var keep = selects.every(function (pair) {
          return !pair[0].value || row.getAttribute(pair[1]) === pair[0].value;
        }) && texts[i].indexOf(query) >= 0;
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
      empty.hidden = shown > 0;
    };
    search.addEventListener("input", apply);
    selects.forEach(function (pair) { pair[0].addEventListener("change", apply); });
    apply();
  }
  root.setAttribute("data-ready", "1");
})();
