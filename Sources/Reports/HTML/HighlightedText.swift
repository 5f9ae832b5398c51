import ChachongModel
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

  /// The text with highlights; with `context`, only the stretches within `context` characters of
  /// a highlight, the rest elided with its length (`elided` formats the count).
  func render(_ highlights: [Highlight], context: Int? = nil, elided: (Int) -> String = { "… \($0) …" })
    -> String
  {
    let count = scalars.count
    let clamped = highlights.enumerated().compactMap { index, highlight -> (Int, Highlight)? in
      var copy = highlight
      copy.start = max(0, min(count, highlight.start))
      copy.end = max(copy.start, min(count, highlight.end))
      return copy.start < copy.end ? (index, copy) : nil
    }
    var windows: [(Int, Int)] = [(0, count)]
    if let context, !clamped.isEmpty {
      windows = []
      for (_, highlight) in clamped.sorted(by: { $0.1.start < $1.1.start }) {
        let lower = max(0, highlight.start - context)
        let upper = min(count, highlight.end + context)
        if let last = windows.last, lower <= last.1 {
          windows[windows.count - 1].1 = max(last.1, upper)
        } else {
          windows.append((lower, upper))
        }
      }
    }
    let sectionStarts = Dictionary(
      sections.filter { !$0.title.isEmpty && $0.start >= 0 && $0.start <= count }.map {
        ($0.start, $0.title)
      },
      uniquingKeysWith: { first, _ in first })
    var html = ""
    var opened = Set<Int>()
    var previousEnd = 0
    for (windowStart, windowEnd) in windows {
      if windowStart > previousEnd {
        html += "<span class=\"elided\">\(HTMLEscaping.escape(elided(windowStart - previousEnd)))</span>"
      }
      previousEnd = windowEnd
      var breaks = Set([windowStart, windowEnd])
      for (_, highlight) in clamped where highlight.end > windowStart && highlight.start < windowEnd {
        breaks.insert(max(windowStart, highlight.start))
        breaks.insert(min(windowEnd, highlight.end))
      }
      for offset in sectionStarts.keys where offset >= windowStart && offset < windowEnd {
        breaks.insert(offset)
      }
      let points = breaks.sorted()
      if windowStart > 0, sectionStarts[windowStart] == nil,
        let title = TextSection.title(at: windowStart, in: sections), !title.isEmpty
      {
        html += "<span class=\"section-label\">§ \(HTMLEscaping.escape(title))</span>"
      }
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
    }
    if previousEnd < count {
      html += "<span class=\"elided\">\(HTMLEscaping.escape(elided(count - previousEnd)))</span>"
    }
    return html
  }

  private func slice(_ lower: Int, _ upper: Int) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<upper])
    return String(view)
  }
}
