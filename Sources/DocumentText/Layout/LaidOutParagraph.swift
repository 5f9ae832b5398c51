/// One paragraph of `TextLayout.text` with where it came from.
package struct LaidOutParagraph: Sendable, Codable, Equatable {
  package var text: String
  package var style: String?
  package var outlineLevel: Int?
  package var isHeading: Bool
  package var part: DocumentPart.Kind
  package var partName: String
  /// Title of the section of the main part this paragraph belongs to; nil outside the main part.
  package var section: String?
  package var inTable: Bool
  /// Unicode scalar offsets into `TextLayout.text`, end exclusive.
  package var start: Int
  package var end: Int

  package init(
    text: String, style: String?, outlineLevel: Int?, isHeading: Bool, part: DocumentPart.Kind,
    partName: String, section: String?, inTable: Bool, start: Int, end: Int
  ) {
    self.text = text
    self.style = style
    self.outlineLevel = outlineLevel
    self.isHeading = isHeading
    self.part = part
    self.partName = partName
    self.section = section
    self.inTable = inTable
    self.start = start
    self.end = end
  }
}
