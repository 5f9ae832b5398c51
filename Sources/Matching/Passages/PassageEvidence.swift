import ChachongModel

/// A passage as an auditor reads it: offsets in both texts, the section each side is in, the
/// character count and both texts.
package struct PassageEvidence: Sendable, Codable, Equatable {
  package var start: Int
  package var end: Int
  package var sourceStart: Int
  package var sourceEnd: Int
  package var chars: Int
  package var section: String?
  package var sourceSection: String?
  package var text: String
  package var sourceText: String

  package init(
    start: Int, end: Int, sourceStart: Int, sourceEnd: Int, chars: Int, section: String?,
    sourceSection: String?, text: String, sourceText: String
  ) {
    self.start = start
    self.end = end
    self.sourceStart = sourceStart
    self.sourceEnd = sourceEnd
    self.chars = chars
    self.section = section
    self.sourceSection = sourceSection
    self.text = text
    self.sourceText = sourceText
  }

  /// Evidence for `passages` between an application (`text`, `sections`) and a source.
  package static func describe(
    _ passages: [Passage], text: String, sections: [TextSection], sourceText: String,
    sourceSections: [TextSection]
  ) -> [PassageEvidence] {
    let scalars = Array(text.unicodeScalars)
    let sourceScalars = Array(sourceText.unicodeScalars)
    return passages.map { passage in
      PassageEvidence(
        start: passage.start, end: passage.end, sourceStart: passage.sourceStart,
        sourceEnd: passage.sourceEnd,
        chars: passage.chars, section: TextSection.title(at: passage.start, in: sections),
        sourceSection: TextSection.title(at: passage.sourceStart, in: sourceSections),
        text: slice(scalars, passage.start, passage.end),
        sourceText: slice(sourceScalars, passage.sourceStart, passage.sourceEnd))
    }
  }

  private static func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
    let lower = max(0, min(start, scalars.count))
    let upper = max(lower, min(end, scalars.count))
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<upper])
    return String(view)
  }
}
