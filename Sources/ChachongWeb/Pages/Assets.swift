import Reports

/// The interface's stylesheet and script, served by chachong itself under `/assets/` (an
/// intranet may have no internet: no CDN, no web fonts; the system's font stack).
enum WebAssets {
  static let css = """
    :root { --ink: #1b1f24; --muted: #4d5560; --line: #cfd6de; --bg: #f5f7fa; --brand: #0b4f8a;
      --error: #a61b1b; --warning: #8a5300; --info: #1d5a8c; --ok: #23673a; }
    * { box-sizing: border-box; }
    html { font-size: 15px; }
    body { margin: 0; color: var(--ink); background: var(--bg);
      font-family: -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
        "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", Roboto, "Helvetica Neue", Arial, sans-serif;
      line-height: 1.55; }
    a { color: var(--brand); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
      outline: 3px solid #f0a500; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
    .skip:focus { left: .5rem; z-index: 10; }
    header.top { background: var(--brand); color: #fff; }
    header.top .bar { max-width: 1280px; margin: 0 auto; padding: .55rem 1rem; display: flex; gap: 1.2rem;
      align-items: center; flex-wrap: wrap; }
    header.top a { color: #fff; text-decoration: none; }
    header.top a:hover, header.top a[aria-current] { text-decoration: underline; }
    header.top .brand { font-weight: 700; font-size: 1.1rem; margin-right: .6rem; }
    header.top nav { display: flex; gap: 1rem; flex: 1; }
    header.top .who { display: flex; gap: .8rem; align-items: center; font-size: .92rem; }
    header.top form { margin: 0; }
    header.top button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px;
      padding: .15rem .6rem; cursor: pointer; font: inherit; }
    main { max-width: 1280px; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.45rem; margin: .4rem 0 .8rem; }
    h2 { font-size: 1.15rem; margin: 1.4rem 0 .6rem; }
    .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem; margin-bottom: 1rem; }
    table.list { width: 100%; border-collapse: collapse; background: #fff; }
    table.list th, table.list td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left;
      vertical-align: top; }
    table.list th { background: #e7ecf3; font-weight: 600; white-space: nowrap; }
    table.list td.id { white-space: nowrap; }
    table.list td.num, table.list th.num { text-align: right; white-space: nowrap; }
    table.list tbody tr:hover { background: #f0f5fb; }
    .badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; color: #fff; font-size: .85rem;
      white-space: nowrap; }
    .badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
    .badge.info { background: var(--info); } .badge.clean { background: var(--ok); }
    .state { font-weight: 600; }
    .rule { display: inline-block; margin: 0 .3rem .2rem 0; white-space: nowrap; }
    .rule code { background: #eef1f5; padding: 0 .25rem; border-radius: 3px; font-size: .85rem; }
    .muted { color: var(--muted); }
    form.stack label { display: block; font-weight: 600; margin: .8rem 0 .25rem; }
    form.stack .hint { display: block; font-weight: 400; color: var(--muted); font-size: .88rem; }
    input[type=text], input[type=password], input[type=search], input[type=number], select {
      font: inherit; padding: .35rem .5rem; border: 1px solid #8a949f; border-radius: 4px; min-width: 14rem; }
    input[type=file] { font: inherit; }
    button.primary, a.button { display: inline-block; background: var(--brand); color: #fff; border: 0;
      border-radius: 4px; padding: .45rem 1.1rem; font: inherit; cursor: pointer; text-decoration: none; }
    button.secondary, a.secondary { background: #fff; color: var(--brand); border: 1px solid var(--brand);
      border-radius: 4px; padding: .35rem .9rem; font: inherit; cursor: pointer; text-decoration: none; }
    button.danger { background: #fff; color: var(--error); border: 1px solid var(--error); border-radius: 4px;
      padding: .2rem .6rem; font: inherit; cursor: pointer; }
    .filters { display: flex; gap: .8rem; flex-wrap: wrap; align-items: flex-end; margin-bottom: .8rem; }
    .filters label { display: flex; flex-direction: column; font-size: .88rem; color: var(--muted); }
    .filters input, .filters select { min-width: 9rem; }
    .filters fieldset { border: 1px solid var(--line); border-radius: 4px; padding: .2rem .6rem .4rem; display: flex;
      gap: .9rem; align-items: center; margin: 0; }
    .filters fieldset legend { font-size: .88rem; color: var(--muted); padding: 0 .2rem; }
    .filters fieldset label { flex-direction: row; align-items: center; gap: .25rem; color: var(--ink); }
    .filters fieldset input[type=checkbox] { min-width: 0; }
    .pager { display: flex; gap: .6rem; align-items: center; margin: .8rem 0; }
    .summary { display: flex; gap: 1rem; flex-wrap: wrap; margin: .4rem 0 1rem; }
    .summary .count { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; }
    .summary .count b { font-size: 1.3rem; display: block; }
    .notice { border-left: 4px solid var(--line); padding: .2rem .7rem; color: var(--muted); margin: .3rem 0; }
    .flash { padding: .6rem .9rem; border-radius: 4px; margin-bottom: 1rem; }
    .flash.error { background: #fbe9e9; color: #7a1010; border: 1px solid #e4b4b4; }
    .flash.ok { background: #e8f4ec; color: #1b4d2c; border: 1px solid #b5d8bf; }
    progress { width: 100%; height: 1.3rem; }
    .login { max-width: 26rem; margin: 3rem auto; }
    .actions { display: flex; gap: .6rem; flex-wrap: wrap; margin: .6rem 0 1rem; }
    pre.text { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); padding: 1rem;
      max-height: 70vh; overflow: auto; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
    table.diffs { table-layout: fixed; }
    table.diffs th.num { width: 3rem; } table.diffs th.kind { width: 8.5rem; } table.diffs th.place { width: 11rem; }
    table.diffs td.diff-text { overflow-wrap: anywhere; white-space: pre-wrap; }
    table.diffs del { background: #fbe3e3; color: #6d0f0f; text-decoration: line-through; }
    table.diffs ins { background: #e1f3e6; color: #14401f; text-decoration: underline; }
    table.diffs .offsets { display: block; font-size: .8rem; color: var(--muted); }
    .lang a { color: #fff; }
    .print-only { display: none; }
    @media print {
      header.top, .no-print, .filters, .pager, .actions { display: none !important; }
      .print-only { display: block; }
      body { background: #fff; font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      .card { border: 0; padding: 0; }
      table.list th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      table.list tr { page-break-inside: avoid; break-inside: avoid; }
      thead { display: table-header-group; }
      .badge { color: #000; border: 1px solid #000; background: none !important; }
      .page-break { break-before: page; page-break-before: always; }
      a { color: inherit; text-decoration: none; }
      @page { size: A4 landscape; margin: 14mm 12mm; }
    }
    """

  /// Live progress (polls the batch's JSON every second and reloads when it is finished) and
  /// confirmation of destructive buttons. Everything else works without JavaScript.
  static let javascript = """
    (function () {
      var box = document.getElementById('progress');
      if (box) {
        var url = box.getAttribute('data-url');
        var stageLabel = document.getElementById('progress-stage');
        var bar = document.getElementById('progress-bar');
        var text = document.getElementById('progress-text');
        var tick = function () {
          fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (p) {
              if (!p) { setTimeout(tick, 2000); return; }
              stageLabel.textContent = p.stageLabel;
              text.textContent = p.text;
              if (p.total) { bar.max = p.total; bar.value = p.done; } else { bar.removeAttribute('value'); }
              if (p.finished) { window.location.reload(); } else { setTimeout(tick, 1000); }
            })
            .catch(function () { setTimeout(tick, 2000); });
        };
        setTimeout(tick, 500);
      }
      var printButton = document.getElementById('print-button');
      if (printButton) { printButton.addEventListener('click', function () { window.print(); }); }
      document.querySelectorAll('[data-confirm]').forEach(function (el) {
        el.addEventListener('submit', function (e) {
          if (!window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); }
        });
      });
    })();
    """

  /// The HTML report's own stylesheet and script, for the embedded evidence.
  static var reportCSS: String { HTMLReportFragments.stylesheet }
  static var reportScript: String { HTMLReportFragments.script }
}
