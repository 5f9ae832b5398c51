@testable import DocumentText

/// Small builders for form tables in tests: `row("项目名称", span("XXX研发", 3))`.
enum FormTestBuilders {
  static func cell(_ text: String, span: Int = 1) -> TableCell {
    TableCell(
      blocks: text.split(separator: "\n", omittingEmptySubsequences: false).map {
        .paragraph(Paragraph(text: String($0)))
      }, gridSpan: span)
  }

  static func table(_ rows: [[TableCell]]) -> Block { .table(Table(rows: rows)) }

  static func row(_ texts: String...) -> [TableCell] { texts.map { cell($0) } }

  static func paragraph(_ text: String, heading: Bool = false) -> Block {
    .paragraph(Paragraph(text: text, isHeading: heading))
  }

  static func main(_ blocks: [Block]) -> [DocumentPart] {
    [DocumentPart(kind: .main, name: "word/document.xml", blocks: blocks)]
  }

  static func fields(_ blocks: [Block]) -> [String: String] {
    var result: [String: String] = [:]
    for field in FormFieldExtractor.extract(from: main(blocks)) { result[field.name] = field.value }
    return result
  }
}
