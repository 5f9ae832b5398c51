import ChachongModel
import Matching

/// Renders the check report as one self-contained HTML file: the batch overview (sortable by
/// severity, rule and copy ratio), then per application its ratios and findings, and for every
/// related document with passages the two texts side by side with the passages highlighted and
/// linked both ways. Everything taken from input is HTML-escaped. Pure and deterministic.
package enum HTMLReportRenderer {
  package static func render(_ input: HTMLReportInput) -> String {
    let labels = Labels(input.language)
    let documents = Dictionary(input.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var html = """
      <!DOCTYPE html>
      <html lang="\(input.language == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(HTMLEscaping.escape(input.title))</title>
      <style>
      \(HTMLReportStyle.css)
      </style>
      </head>
      <body>
      <h1>\(HTMLEscaping.escape(input.title))</h1>

      """
    if let subtitle = input.subtitle {
      html += "<div class=\"subtitle\">\(HTMLEscaping.escape(subtitle))</div>\n"
    }
    html += overview(input, labels: labels)
    var findingNumber = 0
    for application in input.applications {
      let findings = input.findings.filter { $0.applicationId == application.id }
      html += applicationSection(
        application, findings: findings, documents: documents, context: input.contextCharacters,
        labels: labels,
        findingNumber: &findingNumber)
    }
    html += "<script>\n\(HTMLReportStyle.script)\n</script>\n</body>\n</html>\n"
    return html
  }

  // MARK: Overview

  private static func overview(_ input: HTMLReportInput, labels: Labels) -> String {
    var html = "<h2>\(labels.overview)</h2>\n<table class=\"sortable-table\" id=\"overview\">\n<thead><tr>"
    html += "<th class=\"sortable\">\(labels.severity)</th><th class=\"sortable\">\(labels.id)</th>"
    html += "<th>\(labels.projectTitle)</th><th class=\"sortable\">\(labels.organisation)</th>"
    html += "<th class=\"sortable\">\(labels.rules)</th><th class=\"sortable\">\(labels.copyRatio)</th>"
    html += "<th class=\"sortable\">\(labels.findings)</th></tr></thead>\n<tbody>\n"
    for application in input.applications {
      let severity = application.highestSeverity ?? "clean"
      let findings = input.findings.filter { $0.applicationId == application.id }.count
      let rules = application.rules.joined(separator: ", ")
      html += "<tr>"
      html += "<td data-sort=\"\(severityRank(severity))\">\(badge(severity, labels))</td>"
      html += "<td data-sort=\"\(HTMLEscaping.escape(application.id))\">"
      html +=
        "<a href=\"#\(applicationAnchor(application.id))\">\(HTMLEscaping.escape(application.id))</a></td>"
      html += "<td>\(HTMLEscaping.escape(application.title ?? "—"))</td>"
      html += "<td data-sort=\"\(HTMLEscaping.escape(application.organisation ?? ""))\">"
      html += "\(HTMLEscaping.escape(application.organisation ?? "—"))</td>"
      html +=
        "<td data-sort=\"\(HTMLEscaping.escape(rules))\">\(HTMLEscaping.escape(rules.isEmpty ? "—" : rules))</td>"
      html +=
        "<td class=\"num\" data-sort=\"\(application.copyRatio)\">\(percent(application.copyRatio))</td>"
      html += "<td class=\"num\" data-sort=\"\(findings)\">\(findings)</td>"
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  // MARK: Applications

  private static func applicationSection(
    _ application: HTMLApplicationRow, findings: [HTMLFinding], documents: [String: HTMLDocument],
    context: Int?, labels: Labels, findingNumber: inout Int
  ) -> String {
    let severity = application.highestSeverity ?? "clean"
    var html = "<section id=\"\(applicationAnchor(application.id))\">\n"
    html += "<h2>\(badge(severity, labels)) \(HTMLEscaping.escape(application.id))"
    if let title = application.title { html += " · \(HTMLEscaping.escape(title))" }
    html += "</h2>\n"
    var facts: [String] = []
    if let organisation = application.organisation {
      facts.append("\(labels.organisation)：\(HTMLEscaping.escape(organisation))")
    }
    if let lead = application.lead { facts.append("\(labels.lead)：\(HTMLEscaping.escape(lead))") }
    if !facts.isEmpty { html += "<div class=\"muted\">\(facts.joined(separator: "　"))</div>\n" }
    html += ratios(application, labels: labels)
    if findings.isEmpty { html += "<p class=\"muted\">\(labels.noFindings)</p>\n" }
    for finding in findings {
      findingNumber += 1
      html += findingBlock(
        finding, number: findingNumber, application: application, documents: documents, context: context,
        labels: labels)
    }
    return html + "</section>\n"
  }

  private static func ratios(_ application: HTMLApplicationRow, labels: Labels) -> String {
    var html = "<div class=\"ratios\"><div class=\"ratio\">\(labels.totalCopyRatio)：<b>"
    html += "\(percent(application.copyRatio))</b></div>"
    guard let metrics = application.metrics else { return html + "</div>\n" }
    html += "<div class=\"ratio\">\(labels.copiedCharacters)：<b>\(metrics.copiedCharacters)</b> / "
    html += "\(metrics.characters)</div>"
    if let largest = metrics.largestSourceId {
      html += "<div class=\"ratio\">\(labels.largestSource)：<b>\(percent(metrics.largestSourceRatio))</b>"
      html += "（\(HTMLEscaping.escape(largest))）</div>"
    }
    if let own = metrics.copyRatioExcludingOwn {
      html += "<div class=\"ratio\">\(labels.excludingOwn)：<b>\(percent(own))</b></div>"
    }
    if let kinds = metrics.passageKinds, !kinds.isEmpty {
      let list = PassageKind.allCases.compactMap { kind in
        kinds[kind.rawValue].map { "\(labels.kindName(kind)) \($0.passages)（\($0.characters)）" }
      }.joined(separator: " · ")
      html += "<div class=\"ratio\">\(labels.passages)：\(HTMLEscaping.escape(list))</div>"
    }
    if metrics.templateCharacters > 0 {
      html += "<div class=\"ratio muted\">\(labels.templateCharacters)：\(metrics.templateCharacters)</div>"
    }
    html += "</div>\n"
    let copiedSections = metrics.sections.filter { $0.copiedCharacters > 0 }
    if !copiedSections.isEmpty {
      html +=
        "<table class=\"sections\"><thead><tr><th>\(labels.section)</th><th>\(labels.copiedCharacters)</th>"
      html += "<th>\(labels.copyRatio)</th></tr></thead><tbody>\n"
      for section in copiedSections {
        html += "<tr><td>\(HTMLEscaping.escape(section.title.isEmpty ? "—" : section.title))</td>"
        html += "<td class=\"num\">\(section.copiedCharacters) / \(section.characters)</td>"
        html += "<td class=\"num\">\(percent(section.ratio))</td></tr>\n"
      }
      html += "</tbody></table>\n"
    }
    return html
  }

  private static func findingBlock(
    _ finding: HTMLFinding, number: Int, application: HTMLApplicationRow, documents: [String: HTMLDocument],
    context: Int?, labels: Labels
  ) -> String {
    let severityClass = ["error", "warning", "info"].contains(finding.severity) ? finding.severity : "info"
    var html = "<div class=\"finding \(severityClass)\" id=\"f\(number)\">\n"
    html += "<h3>\(badge(finding.severity, labels)) <code>\(HTMLEscaping.escape(finding.rule))</code> "
    html += "\(HTMLEscaping.escape(finding.message))</h3>\n"
    guard !finding.related.isEmpty else { return html + "</div>\n" }
    html += "<table><thead><tr><th>\(labels.relatedDocument)</th><th>Jaccard</th><th>\(labels.copyRatio)</th>"
    html += "<th>\(labels.passages)</th></tr></thead><tbody>\n"
    for (relatedIndex, related) in finding.related.enumerated() {
      let name = related.title.map { "\(related.id) · \($0)" } ?? related.id
      let link =
        related.passages.isEmpty
        ? HTMLEscaping.escape(name)
        : "<a href=\"#f\(number)-r\(relatedIndex)\">\(HTMLEscaping.escape(name))</a>"
      html += "<tr><td>\(link)</td><td class=\"num\">\(related.jaccard.map(decimal) ?? "—")</td>"
      html += "<td class=\"num\">\(related.copyRatio.map(percent) ?? "—")</td>"
      html += "<td class=\"num\">\(related.passages.count)</td></tr>\n"
    }
    html += "</tbody></table>\n"
    for (relatedIndex, related) in finding.related.enumerated() where !related.passages.isEmpty {
      html += comparison(
        related, prefix: "f\(number)-r\(relatedIndex)", application: documents[application.id],
        source: documents[related.id], applicationName: application.title ?? application.id,
        context: context, labels: labels)
    }
    return html + "</div>\n"
  }

  /// Passage tables with more rows than this start folded.
  static let openPassageRows = 20

  /// The passage table and the two texts side by side. Passage `i` has anchor `PREFIX-pI-a` in
  /// the application and `PREFIX-pI-b` in the related document; each links to the other.
  private static func comparison(
    _ related: HTMLRelatedDocument, prefix: String, application: HTMLDocument?, source: HTMLDocument?,
    applicationName: String, context: Int?, labels: Labels
  ) -> String {
    let passages = related.passages.sorted { ($0.start, $0.sourceStart) < ($1.start, $1.sourceStart) }
    // A long passage table (a reordered copy gives hundreds) is folded; the texts stay open.
    let open = passages.count <= HTMLReportRenderer.openPassageRows ? " open" : ""
    var html = "<div id=\"\(prefix)\">\n<details class=\"passage-list\"\(open)>"
    html += "<summary>\(labels.passages)：\(passages.count)</summary>\n"
    html += "<table class=\"passages\"><thead><tr><th>#</th>"
    html += "<th>\(labels.application) \(labels.offsets)</th><th>\(labels.section)</th>"
    html += "<th>\(labels.relatedDocument) \(labels.offsets)</th><th>\(labels.section)</th>"
    html += "<th>\(labels.characters)</th><th>\(labels.kind)</th></tr></thead><tbody>\n"
    for (index, passage) in passages.enumerated() {
      let number = index + 1
      let sectionA = application.flatMap { TextSection.title(at: passage.start, in: $0.sections) } ?? ""
      let sectionB = source.flatMap { TextSection.title(at: passage.sourceStart, in: $0.sections) } ?? ""
      html += "<tr><td class=\"num\">\(number)</td>"
      html += "<td><a href=\"#\(prefix)-p\(number)-a\">\(passage.start)–\(passage.end)</a></td>"
      html += "<td>\(HTMLEscaping.escape(sectionA))</td>"
      html += "<td><a href=\"#\(prefix)-p\(number)-b\">\(passage.sourceStart)–\(passage.sourceEnd)</a></td>"
      html += "<td>\(HTMLEscaping.escape(sectionB))</td><td class=\"num\">\(passage.chars)</td>"
      html += "<td>\(labels.kindName(passage.kind))</td></tr>\n"
    }
    html += "</tbody></table></details>\n"
    guard let application, let source else {
      return html + "<p class=\"muted\">\(labels.textsMissing)</p>\n</div>\n"
    }
    let left = passages.enumerated().map { index, passage in
      HighlightedText.Highlight(
        start: passage.start, end: passage.end, id: "\(prefix)-p\(index + 1)-a",
        target: "\(prefix)-p\(index + 1)-b", number: index + 1,
        tooltip: "#\(index + 1) → \(passage.sourceStart)–\(passage.sourceEnd)")
    }
    let right = passages.enumerated().map { index, passage in
      HighlightedText.Highlight(
        start: passage.sourceStart, end: passage.sourceEnd, id: "\(prefix)-p\(index + 1)-b",
        target: "\(prefix)-p\(index + 1)-a", number: index + 1,
        tooltip: "#\(index + 1) → \(passage.start)–\(passage.end)")
    }
    let sourceName = related.title.map { "\(related.id) · \($0)" } ?? related.id
    html += "<div class=\"compare\">\n"
    html +=
      "<div class=\"doc\"><div class=\"doc-title\">\(labels.application)：\(HTMLEscaping.escape(applicationName))"
    html += "</div><div class=\"doc-text\">"
    html += HighlightedText(text: application.text, sections: application.sections).render(
      left, context: context, elided: labels.elided)
    html += "</div></div>\n"
    html +=
      "<div class=\"doc\"><div class=\"doc-title\">\(labels.relatedDocument)：\(HTMLEscaping.escape(sourceName))"
    html += "</div><div class=\"doc-text\">"
    html += HighlightedText(text: source.text, sections: source.sections).render(
      right, context: context, elided: labels.elided)
    html += "</div></div>\n</div>\n</div>\n"
    return html
  }

  // MARK: Helpers

  static func applicationAnchor(_ id: String) -> String { "app-" + HTMLEscaping.anchor(id) }

  private static func severityRank(_ severity: String) -> Int {
    switch severity {
    case "error": 3
    case "warning": 2
    case "info": 1
    default: 0
    }
  }

  private static func badge(_ severity: String, _ labels: Labels) -> String {
    let known = ["error", "warning", "info", "clean"].contains(severity) ? severity : "info"
    return "<span class=\"badge \(known)\">\(labels.severityName(severity))</span>"
  }

  /// A ratio as a percentage with one decimal ("12.3%"), rounded half up, locale-free.
  package static func percent(_ ratio: Double) -> String {
    let tenths = Int((ratio * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }

  private static func decimal(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
