/// What one document may still hold, shared by every part read for it (a package's main part,
/// headers and footnotes, a flat OPC's parts), so limits hold per document and not per part.
final class DocumentBudget {
  let limits: ReadLimits
  private(set) var blocks = 0
  private(set) var textBytes = 0

  init(limits: ReadLimits) {
    self.limits = limits
  }

  /// Counts one paragraph, table or table cell; the reason once there are too many.
  func addBlock() -> XMLParseFailure? {
    blocks += 1
    guard blocks > limits.maxBlocks else { return nil }
    return .limit("more than \(limits.maxBlocks) paragraphs, tables and cells")
  }

  /// Counts text bytes; `paragraphBytes` is the length of the paragraph they were added to.
  func addText(_ count: Int, paragraphBytes: Int) -> XMLParseFailure? {
    textBytes += count
    if paragraphBytes > limits.maxParagraphBytes {
      return .limit("a paragraph is longer than \(limits.maxParagraphBytes) bytes")
    }
    if textBytes > limits.maxTextBytes {
      return .limit("more than \(limits.maxTextBytes) bytes of text")
    }
    return nil
  }
}

extension DocumentBudget {
  /// The limits checked on a finished document, whatever reader made it (a ``FormatReader``
  /// too), and whether it holds any text at all: an empty file is reported, never indexed as an
  /// empty application. Walks the blocks with an explicit stack, so a reader that nests deeper
  /// than ``ReadLimits/maxTableDepth`` is refused instead of overflowing the stack.
  static func checkText(of document: ExtractedDocument, limits: ReadLimits) throws(DocumentReadError) {
    var blocks = 0
    var textBytes = 0
    var hasText = false
    var pending: [(blocks: [Block], depth: Int)] = document.parts.map { ($0.blocks, 0) }
    while let (list, depth) = pending.popLast() {
      guard depth <= limits.maxTableDepth + 1 else {
        throw DocumentReadError(
          path: document.path, reason: .tooLarge("tables nested deeper than \(limits.maxTableDepth)"))
      }
      for block in list {
        blocks += 1
        switch block {
        case .paragraph(let paragraph):
          let count = paragraph.text.utf8.count
          textBytes += count
          if count > limits.maxParagraphBytes {
            throw DocumentReadError(
              path: document.path,
              reason: .tooLarge("a paragraph is longer than \(limits.maxParagraphBytes) bytes"))
          }
          if !hasText, paragraph.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
            hasText = true
          }
        case .table(let table):
          for row in table.rows {
            for cell in row {
              blocks += 1
              pending.append((cell.blocks, depth + 1))
            }
          }
        }
      }
      if blocks > limits.maxBlocks {
        throw DocumentReadError(
          path: document.path, reason: .tooLarge("more than \(limits.maxBlocks) paragraphs, tables and cells")
        )
      }
      if textBytes > limits.maxTextBytes {
        throw DocumentReadError(
          path: document.path, reason: .tooLarge("more than \(limits.maxTextBytes) bytes of text"))
      }
    }
    if !hasText { throw DocumentReadError(path: document.path, reason: .noText) }
  }
}
