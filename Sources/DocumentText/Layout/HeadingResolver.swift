/// Gives paragraphs their outline level (own, else from the style chain or a heading style name)
/// and marks headings: style or outline level, or a numbered Chinese heading in the main body.
struct HeadingResolver {
  private let styles: [String: StyleDefinition]
  /// ``outlineLevel(ofStyle:)`` of every defined style, worked out once: asked per paragraph,
  /// the style-name parsing was 5 % of a `.docx` ingest.
  private let levels: [String: Int]

  init(styles: [StyleDefinition]) {
    var table: [String: StyleDefinition] = [:]
    for style in styles where table[style.id] == nil { table[style.id] = style }
    self.styles = table
    var levels: [String: Int] = [:]
    for id in table.keys {
      levels[id] = HeadingResolver.outlineLevel(ofStyle: id, in: table)
    }
    self.levels = levels
  }

  func resolve(_ part: DocumentPart) -> DocumentPart {
    var resolved = part
    resolved.blocks = part.blocks.map { resolve($0, inBody: part.kind == .main, inTable: false) }
    return resolved
  }

  private func resolve(_ block: Block, inBody: Bool, inTable: Bool) -> Block {
    switch block {
    case .paragraph(var paragraph):
      if paragraph.outlineLevel == nil, let style = paragraph.style {
        paragraph.outlineLevel = outlineLevel(ofStyle: style)
      }
      paragraph.isHeading =
        inBody && !inTable && !isTableOfContents(paragraph)
        && (paragraph.isHeading || paragraph.outlineLevel != nil
          || HeadingDetector.isNumberedHeading(paragraph.text))
        && paragraph.text.unicodeScalars.contains { !$0.properties.isWhitespace }
      return .paragraph(paragraph)
    case .table(let table):
      let rows = table.rows.map { row in
        row.map { cell in
          TableCell(
            blocks: cell.blocks.map { resolve($0, inBody: inBody, inTable: true) }, gridSpan: cell.gridSpan)
        }
      }
      return .table(Table(rows: rows))
    }
  }

  /// Table-of-contents entries repeat the headings: by style (`TOC 1`, `toc 2`, `目录 1`) or by shape
  /// (text, a tab, a page number).
  private func isTableOfContents(_ paragraph: Paragraph) -> Bool {
    if HeadingDetector.isTableOfContentsEntry(paragraph.text) { return true }
    guard let id = paragraph.style else { return false }
    return HeadingDetector.isTableOfContentsStyle(id)
      || styles[id]?.name.map(HeadingDetector.isTableOfContentsStyle) == true
  }

  /// Follows `basedOn` (bounded, cycles happen in the wild) to the first style with a level.
  func outlineLevel(ofStyle id: String) -> Int? {
    if styles[id] != nil { return levels[id] }
    return HeadingResolver.outlineLevel(ofStyle: id, in: styles)
  }

  private static func outlineLevel(ofStyle id: String, in styles: [String: StyleDefinition]) -> Int? {
    var current: String? = id
    var steps = 0
    while let styleID = current, steps < 16 {
      steps += 1
      guard let style = styles[styleID] else {
        return HeadingDetector.outlineLevel(styleName: styleID)
      }
      if let level = style.outlineLevel { return level }
      if let name = style.name, let level = HeadingDetector.outlineLevel(styleName: name) { return level }
      if let level = HeadingDetector.outlineLevel(styleName: style.id) { return level }
      current = style.basedOn
    }
    return nil
  }
}
