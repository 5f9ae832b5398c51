/// One paragraph of the extracted text with its place (code-point offsets) and section.
struct LaidOutLine: Sendable {
  var text: String
  var role: ParagraphRole
  var inTable: TableRole?
  /// Title of the nearest preceding heading of level 1 (“” before the first).
  var chapter: String
  /// Title of the nearest preceding heading of any level (“” before the first).
  var section: String
  var start: Int
  var end: Int
}

/// The extracted text exactly as `DocumentText.TextLayout` defines it for the files this generator
/// writes: the main part's paragraphs in order (table-cell paragraphs row by row, cell by cell),
/// joined by "\n", with no trailing newline. Offsets are Unicode scalar offsets.
struct ExtractedTextModel: Sendable {
  let text: String
  let lines: [LaidOutLine]

  init(_ document: WordDocument) {
    var pieces: [(String, ParagraphRole, TableRole?)] = []
    for block in document.blocks {
      switch block {
      case .paragraph(let paragraph):
        pieces.append((paragraph.text, paragraph.role, nil))
      case .table(let table):
        for row in table.rows {
          for cell in row {
            pieces.append((cell.text, .body, table.role))
          }
        }
      }
    }
    var lines: [LaidOutLine] = []
    var offset = 0
    var chapter = ""
    var section = ""
    for (index, piece) in pieces.enumerated() {
      if piece.1 == .heading1 {
        chapter = piece.0
        section = piece.0
      } else if piece.1 == .heading2 {
        section = piece.0
      }
      let length = piece.0.unicodeScalars.count
      lines.append(
        LaidOutLine(
          text: piece.0, role: piece.1, inTable: piece.2, chapter: chapter, section: section,
          start: offset, end: offset + length))
      offset += length + (index + 1 < pieces.count ? 1 : 0)
    }
    self.lines = lines
    self.text = pieces.map(\.0).joined(separator: "\n")
  }

  var characterCount: Int { lines.last?.end ?? 0 }

  /// Sections as `TextLayout.sections` draws them: a new one at every heading, “” before the first.
  var sections: [SectionSpanRecord] {
    var result: [SectionSpanRecord] = []
    var current = SectionSpanRecord(title: "", start: 0, end: 0)
    for line in lines where line.role == .heading1 || line.role == .heading2 {
      current.end = line.start
      if current.end > current.start || !current.title.isEmpty { result.append(current) }
      current = SectionSpanRecord(title: line.text, start: line.start, end: line.start)
    }
    current.end = characterCount
    result.append(current)
    return result
  }
}

struct SectionSpanRecord: Codable, Sendable, Equatable {
  var title: String
  var start: Int
  var end: Int
}
