/// The inline stylesheet and script of the HTML report (no external assets, no network).
enum HTMLReportStyle {
  static let css = """
    :root { --error: #b3261e; --warning: #a15c00; --info: #2c5ea8; --clean: #2e7d32; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
      sans-serif; margin: 0 auto; max-width: 1400px; padding: 16px 24px; color: #1d1d1f; font-size: 14px; }
    h1 { font-size: 22px; margin: 4px 0; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #ddd; }
    h3 { font-size: 15px; margin: 16px 0 6px; }
    .subtitle { color: #555; margin-bottom: 12px; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
    th, td { border: 1px solid #d8d8d8; padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: #f3f4f6; }
    th.sortable { cursor: pointer; user-select: none; }
    #overview th, #overview td:nth-child(2) { white-space: nowrap; }
    details.passage-list summary { cursor: pointer; color: #2c5ea8; margin: 4px 0; }
    th.sortable::after { content: " \\2195"; color: #999; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; }
    .badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
    .badge.info { background: var(--info); } .badge.clean { background: var(--clean); }
    .finding { border-left: 4px solid #ccc; padding: 4px 12px; margin: 10px 0; }
    .finding.error { border-color: var(--error); } .finding.warning { border-color: var(--warning); }
    .finding.info { border-color: var(--info); }
    .ratios { display: flex; gap: 24px; flex-wrap: wrap; margin: 6px 0; }
    .ratio b { font-size: 18px; }
    .compare { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 8px 0 16px; align-items: start; }
    .doc { border: 1px solid #ccc; border-radius: 4px; }
    .doc-title { background: #f3f4f6; padding: 4px 8px; font-weight: bold; border-bottom: 1px solid #ccc; }
    .doc-text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.7; padding: 8px;
      max-height: 70vh; overflow-y: auto; font-size: 13.5px; }
    .section-label { display: block; margin: 8px 0 0; font-size: 11px; color: #2c5ea8;
      border-top: 1px dashed #9bb4d8; text-align: right; white-space: normal; line-height: 1.4; }
    a.passage { color: inherit; text-decoration: none; border-radius: 2px; }
    a.passage sup { color: #555; font-size: 10px; margin-right: 1px; }
    a.passage:target { outline: 2px solid #d32f2f; }
    .c0 { background: #ffe08a; } .c1 { background: #b9e6c9; } .c2 { background: #f9c0cb; }
    .c3 { background: #c5d7fb; } .c4 { background: #f7d1a8; } .c5 { background: #d9c8f0; }
    .muted { color: #777; }
    .elided { display: block; color: #888; text-align: center; font-size: 12px; margin: 4px 0;
      white-space: normal; }
    """

  /// Sorts the overview table by the clicked column (`data-sort` on each cell; numbers numerically).
  static let script = """
    document.querySelectorAll("table.sortable-table").forEach(function (table) {
      table.querySelectorAll("th.sortable").forEach(function (th, column) {
        th.addEventListener("click", function () {
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var descending = th.getAttribute("data-order") !== "desc";
          th.setAttribute("data-order", descending ? "desc" : "asc");
          var index = th.cellIndex;
          rows.sort(function (a, b) {
            var x = a.cells[index].getAttribute("data-sort") || "";
            var y = b.cells[index].getAttribute("data-sort") || "";
            var nx = parseFloat(x), ny = parseFloat(y);
            var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
            return descending ? -order : order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
    """
}
