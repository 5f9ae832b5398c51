/// One paragraph of `TextLayout.text` with where it came from.
public struct LaidOutParagraph: Sendable, Codable, Equatable {
  public var text: String
  public var style: String?
  public var outlineLevel: Int?
  public var isHeading: Bool
  public var part: DocumentPart.Kind
  public var partName: String
  /// Title of the section of the main part this paragraph belongs to; nil outside the main part.
  public var section: String?
  public var inTable: Bool
  /// Unicode scalar offsets into `TextLayout.text`, end exclusive.
  public var start: Int
  public var end: Int

  public init(
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
