/// What a paragraph is for; decides its Word style and whether it is template text.
enum ParagraphRole: String, Codable, Sendable {
  case title, caption, heading1, heading2, instruction, body
}

struct DocParagraph: Sendable, Equatable {
  var text: String
  var role: ParagraphRole
}

struct DocTableCell: Sendable, Equatable {
  var text: String
  var gridSpan: Int = 1
}

enum TableRole: String, Codable, Sendable {
  case form, budget, team
}

struct DocTable: Sendable, Equatable {
  var role: TableRole
  /// Column widths in twentieths of a point; a spanning cell covers several.
  var columnWidths: [Int]
  var rows: [[DocTableCell]]
}

enum DocBlock: Sendable, Equatable {
  case paragraph(DocParagraph)
  case table(DocTable)
}

/// Two spellings of heading styles seen in real bureau files: English ids from Word, and the
/// numeric ids with Chinese names (“标题 1”) that Chinese Word and WPS write.
enum HeadingStyleVariant: String, Codable, Sendable, CaseIterable {
  case english, chinese

  var heading1: (id: String, name: String) {
    self == .english ? ("Heading1", "heading 1") : ("1", "标题 1")
  }
  var heading2: (id: String, name: String) {
    self == .english ? ("Heading2", "heading 2") : ("2", "标题 2")
  }
}

struct WordDocument: Sendable, Equatable {
  var blocks: [DocBlock]
  var headingStyle: HeadingStyleVariant
}
