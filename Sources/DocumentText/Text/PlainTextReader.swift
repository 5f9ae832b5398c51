/// Reads a decoded text file: every line is a paragraph; headings by `HeadingDetector`.
enum PlainTextReader {
  /// `limits` bound the lines (``ReadLimits/maxBlocks``), their length and the text; `path` names
  /// the file in errors.
  static func part(
    text: String, name: String, limits: ReadLimits = .standard, path: String = ""
  ) throws(DocumentReadError) -> DocumentPart {
    var blocks: [Block] = []
    var text = text
    var failure: DocumentReadError?
    text.withUTF8 { bytes in
      var start = 0
      var index = 0
      func line(_ end: Int) -> Bool {
        guard end - start <= limits.maxParagraphBytes else {
          failure = DocumentReadError(
            path: path, reason: .tooLarge("a line is longer than \(limits.maxParagraphBytes) bytes"))
          return false
        }
        guard blocks.count < limits.maxBlocks else {
          failure = DocumentReadError(path: path, reason: .tooLarge("more than \(limits.maxBlocks) lines"))
          return false
        }
        let lineText = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let isHeading =
          HeadingDetector.isNumberedHeading(lineText) && !HeadingDetector.isTableOfContentsEntry(lineText)
        blocks.append(.paragraph(Paragraph(text: lineText, isHeading: isHeading)))
        return true
      }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A || byte == 0x0D {
          guard line(index) else { return }
          // CRLF is one break.
          if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
          start = index + 1
        }
        index += 1
      }
      if start < bytes.count { _ = line(bytes.count) }
    }
    if let failure { throw failure }
    return DocumentPart(kind: .main, name: name, blocks: blocks)
  }
}
