import Matching

/// Renders a document's text with passages highlighted as links and section titles as labels.
struct HighlightedText {
  struct Highlight {
    var start: Int
    var end: Int
    /// Anchor id of the highlight (on its first segment).
    var id: String
    /// Anchor id of the partner highlight in the other document.
    var target: String
    var number: Int
    var tooltip: String
  }

  let scalars: [Unicode.Scalar]
  let sections: [TextSection]

  init(text: String, sections: [TextSection]) {
    self.scalars = Array(text.unicodeScalars)
    self.sections = sections
  }

  func render(_ highlights: [Highlight]) -> String {
    let count = scalars.count
    let clamped = highlights.enumerated().compactMap { index, highlight -> (Int, Highlight)? in
      var copy = highlight
      copy.start = max(0, min(count, highlight.start))
      copy.end = max(copy.start, min(count, highlight.end))
      return copy.start < copy.end ? (index, copy) : nil
    }
    let sectionStarts = Dictionary(
      sections.filter { !$0.title.isEmpty && $0.start >= 0 && $0.start <= count }.map {
        ($0.start, $0.title)
      },
      uniquingKeysWith: { first, _ in first })
    var breaks = Set([0, count])
    for (_, highlight) in clamped {
      breaks.insert(highlight.start)
      breaks.insert(highlight.end)
    }
    for offset in sectionStarts.keys { breaks.insert(offset) }
    let points = breaks.sorted()
    var html = ""
    var opened = Set<Int>()
    for (lower, upper) in zip(points, points.dropFirst()) {
      if let title = sectionStarts[lower] {
        html += "<span class=\"section-label\">§ \(HTMLEscaping.escape(title))</span>"
      }
      let piece = HTMLEscaping.escape(slice(lower, upper))
      // The earliest-listed highlight covering the segment wins (source ranges may overlap).
      if let (index, highlight) = clamped.first(where: { $0.1.start <= lower && upper <= $0.1.end }) {
        let idAttribute = opened.insert(index).inserted ? " id=\"\(highlight.id)\"" : ""
        html +=
          "<a class=\"passage c\(highlight.number % 6)\"\(idAttribute) href=\"#\(highlight.target)\""
          + " title=\"\(HTMLEscaping.escape(highlight.tooltip))\">"
        if !idAttribute.isEmpty { html += "<sup>\(highlight.number)</sup>" }
        html += piece + "</a>"
      } else {
        html += piece
      }
    }
    return html
  }

  private func slice(_ lower: Int, _ upper: Int) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<upper])
    return String(view)
  }
}
