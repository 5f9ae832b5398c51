/// What one WordprocessingML part yielded before headings are resolved.
struct ParsedPart: Sendable {
  var blocks: [Block]
  var styles: [StyleDefinition]
  /// Parts found inline (Word 2003 headers, footers and footnotes), in document order.
  var inlineParts: [DocumentPart]
  /// The root element was a Word 2003 `w:wordDocument`.
  var isWord2003: Bool
}
