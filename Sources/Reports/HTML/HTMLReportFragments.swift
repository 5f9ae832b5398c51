/// Pieces of the HTML report for pages that embed it (the web interface's application detail):
/// the report's stylesheet and script, and one application's section (its ratios, findings and
/// side-by-side evidence) cut from a report this renderer produced. Everything inside is escaped
/// by the renderer.
package enum HTMLReportFragments {
  /// The report's CSS (to be served as a stylesheet of its own).
  package static var stylesheet: String { HTMLReportStyle.css }

  /// The report's script (passage links, folding, sorting).
  package static var script: String { HTMLReportStyle.script }

  /// The `<section>` of application `id` in `html` (a report rendered by ``HTMLReportRenderer``),
  /// or nil when it has none.
  package static func applicationSection(in html: String, applicationID id: String) -> Substring? {
    let opening = "<section id=\"\(HTMLReportRenderer.applicationAnchor(id))\">"
    guard let start = html.firstRange(of: opening),
      let end = html[start.upperBound...].firstRange(of: "</section>\n")
    else { return nil }
    return html[start.lowerBound..<end.upperBound]
  }

  /// One application's section rendered from `input` alone (the same markup as in the whole
  /// report): `input` holds the application's row, its findings and the texts they show.
  package static func applicationSection(_ input: HTMLReportInput, applicationID id: String) -> String? {
    applicationSection(in: HTMLReportRenderer.render(input), applicationID: id).map(String.init)
  }
}
