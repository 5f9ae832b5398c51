/// Reads a decoded text file: every line is a paragraph; headings by `HeadingDetector`.
enum PlainTextReader {
  static func part(text: String, name: String) -> DocumentPart {
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    if lines.last?.isEmpty == true { lines.removeLast() }
    let blocks = lines.map { line in
      let text = String(line)
      let isHeading = HeadingDetector.isNumberedHeading(text) && !HeadingDetector.isTableOfContentsEntry(text)
      return Block.paragraph(Paragraph(text: text, isHeading: isHeading))
    }
    return DocumentPart(kind: .main, name: name, blocks: blocks)
  }
}
