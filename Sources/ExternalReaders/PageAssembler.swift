import DocumentText
import Foundation

/// The text of one page as a tool gave it: blocks of lines (a block is what `pdftotext` separates
/// by a blank line, or one paragraph of tesseract's layout analysis).
package struct PageLines: Sendable, Equatable {
  package var number: Int
  package var blocks: [[String]]
  /// Mean OCR confidence of the page in 0…1; nil for a text layer.
  package var ocrConfidence: Double?

  package init(number: Int, blocks: [[String]], ocrConfidence: Double? = nil) {
    self.number = number
    self.blocks = blocks
    self.ocrConfidence = ocrConfidence
  }
}

/// Turns pages of lines into the parts of an ``ExtractedDocument``: one `main` part per page
/// (`page 1`, `page 2`, …), running headers and footers and page numbers removed, lines rejoined
/// into paragraphs (no space between Han characters), a paragraph that runs over a page break
/// kept whole on the page it starts on, numbered Chinese headings marked. Pure.
package enum PageAssembler {
  package static func parts(_ pages: [PageLines]) -> [DocumentPart] {
    let cleaned = removeRunningLines(pages)
    // Full lines are as wide as the widest line of the document (a page's own widest line may be
    // the short end of a paragraph).
    let width = cleaned.map(maximumWidth).max() ?? 0
    var parts: [DocumentPart] = []
    var continues = false
    for page in cleaned {
      var paragraphs = paragraphs(of: page, width: width)
      // The last paragraph of the page before did not end: it goes on with this page's first (a
      // paragraph longer than a page stays on the page it starts on, that page's part).
      if continues, let first = paragraphs.first, !isHeading(first.text),
        let target = parts.lastIndex(where: { !$0.blocks.isEmpty }),
        case .paragraph(var paragraph)? = parts[target].blocks.last
      {
        paragraph.text = join(paragraph.text, first.text)
        parts[target].blocks[parts[target].blocks.count - 1] = .paragraph(paragraph)
        paragraphs.removeFirst()
      }
      // Across a page break only a line that stops mid-sentence goes on: a full line ending a
      // sentence more often ends its paragraph.
      continues = false
      if let last = page.blocks.last?.last, !endsParagraph(last, width: width, next: nil) {
        continues = !["。", "！", "？", "：", "."].contains { last.hasSuffix($0) }
      }
      parts.append(
        DocumentPart(
          kind: .main, name: "page \(page.number)", blocks: paragraphs.map { .paragraph($0) },
          ocrConfidence: page.ocrConfidence))
    }
    return parts
  }

  // MARK: Paragraphs

  private static func paragraphs(of page: PageLines, width: Int) -> [Paragraph] {
    var result: [Paragraph] = []
    for block in page.blocks {
      var current = ""
      for (index, line) in block.enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { continue }
        // A heading or list item starts a paragraph of its own.
        if !current.isEmpty, isHeading(trimmed) {
          result.append(paragraph(current))
          current = ""
        }
        current = current.isEmpty ? trimmed : join(current, trimmed)
        let next = index + 1 < block.count ? block[index + 1] : nil
        if next != nil, endsParagraph(trimmed, width: width, next: next) {
          result.append(paragraph(current))
          current = ""
        }
      }
      if !current.isEmpty { result.append(paragraph(current)) }
    }
    return result
  }

  private static func paragraph(_ text: String) -> Paragraph {
    Paragraph(text: text, isHeading: isHeading(text))
  }

  static func isHeading(_ text: String) -> Bool {
    HeadingDetector.isNumberedHeading(text) && !HeadingDetector.isTableOfContentsEntry(text)
  }

  /// A line ends its paragraph when it is a heading, when the next line is one, or when it is
  /// clearly shorter than the page's full lines (the last line of a paragraph).
  static func endsParagraph(_ line: String, width: Int, next: String?) -> Bool {
    if isHeading(line) { return true }
    if let next, isHeading(next.trimmingCharacters(in: .whitespaces)) { return true }
    return Double(displayWidth(line)) < 0.8 * Double(width)
  }

  /// The widest line of a page, in display columns (Han and full-width characters are two).
  static func maximumWidth(_ page: PageLines) -> Int {
    page.blocks.joined().map(displayWidth).max() ?? 0
  }

  static func displayWidth(_ line: String) -> Int {
    line.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
  }

  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      true
    default: false
    }
  }

  /// Joins two pieces of one paragraph: a space only between two letters or digits of scripts
  /// written with spaces (never between Han characters or beside Chinese punctuation); a
  /// hyphen that broke a Latin word at the line end is removed.
  static func join(_ left: String, _ right: String) -> String {
    guard let last = left.unicodeScalars.last, let first = right.unicodeScalars.first else {
      return left + right
    }
    if isSpaced(last), isSpaced(first) { return left + " " + right }
    return left + right
  }

  private static func isSpaced(_ scalar: Unicode.Scalar) -> Bool {
    !isWide(scalar)
      && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        || ",.;:%)".unicodeScalars.contains(scalar))
  }

  // MARK: Running headers, footers, page numbers

  /// Lines this close to the top or bottom of a page may be running headers, footers or page
  /// numbers.
  static let marginLines = 2

  private static func removeRunningLines(_ pages: [PageLines]) -> [PageLines] {
    // A key ignores digits (page numbers inside a header; OCR joins a page number to the header
    // line), punctuation and spaces.
    func key(_ line: String) -> String {
      String(
        String.UnicodeScalarView(
          line.unicodeScalars.filter {
            !$0.properties.isWhitespace && $0.properties.numericType == nil
              && !$0.properties.generalCategory.isPunctuationLike
          }))
    }
    func marginPositions(_ page: PageLines) -> [(block: Int, line: Int, top: Bool)] {
      var positions: [(block: Int, line: Int, top: Bool)] = []
      let flat = page.blocks.enumerated().flatMap { block, lines in lines.indices.map { (block, $0) } }
      for (index, position) in flat.enumerated()
      where index < marginLines || index >= flat.count - marginLines {
        positions.append((position.0, position.1, index < marginLines))
      }
      return positions
    }
    var counts: [String: Int] = [:]
    for page in pages {
      var seen = Set<String>()
      for position in marginPositions(page) {
        let line = page.blocks[position.block][position.line]
        let lineKey = (position.top ? "t:" : "b:") + key(line)
        if key(line).isEmpty || !seen.insert(lineKey).inserted { continue }
        counts[lineKey, default: 0] += 1
      }
    }
    let repeatedAt = max(2, (pages.count + 1) / 2)
    // Bare numbers are page numbers when they follow the pages (number − page the same on at
    // least half of the pages; 1 on a single page).
    var offsets: [Int: Int] = [:]
    for page in pages {
      let numbers = Set(marginPositions(page).compactMap { bareNumber(page.blocks[$0.block][$0.line]) })
      for number in numbers { offsets[number - page.number, default: 0] += 1 }
    }
    let pageNumberOffset = offsets.filter { $0.value >= (pages.count + 1) / 2 }.max { $0.value < $1.value }?
      .key
    return pages.map { page in
      var page = page
      var remove = Set<[Int]>()
      for position in marginPositions(page) {
        let line = page.blocks[position.block][position.line]
        let lineKey = (position.top ? "t:" : "b:") + key(line)
        let isPageNumber =
          isLabelledPageNumber(line) || isDecoratedPageNumber(line)
          || (pageNumberOffset != nil && bareNumber(line).map { $0 - page.number } == pageNumberOffset)
        if isPageNumber || (pages.count >= 2 && counts[lineKey, default: 0] >= repeatedAt) {
          remove.insert([position.block, position.line])
        }
      }
      page.blocks = page.blocks.enumerated().map { block, lines in
        lines.enumerated().filter { !remove.contains([block, $0.offset]) }.map(\.element)
      }.filter { !$0.isEmpty }
      return page
    }
  }

  /// `第3页`, `第 3 页 共 10 页`, `3/10`, `Page 3 of 10`: a page number by its words.
  static func isLabelledPageNumber(_ line: String) -> Bool {
    let text = compact(line)
    let patterns = [
      #"^第\d{1,4}页(,?共\d{1,4}页)?$"#, #"^共\d{1,4}页,?第\d{1,4}页$"#, #"^\d{1,4}/\d{1,4}$"#,
      #"^page\d{1,4}(of\d{1,4})?$"#,
    ]
    return patterns.contains { text.range(of: $0, options: .regularExpression) != nil }
  }

  /// `- 3 -`, `— 3 —`, `-3-` (OCR reads the dashes as 一 too): a page number by its dashes.
  static func isDecoratedPageNumber(_ line: String) -> Bool {
    compact(line).range(of: #"^[-—–·一]\d{1,4}[-—–·一]$"#, options: .regularExpression) != nil
  }

  /// `3`, `- 3 -`, `— 3 —` (OCR reads the dashes as 一 too): the number, if the line is a bare (page) number. Whether it is one
  /// depends on the other pages (see `removeRunningLines`): a table's last figure at the foot of
  /// a page is a bare number too.
  static func bareNumber(_ line: String) -> Int? {
    let text = compact(line)
    guard text.range(of: #"^[-—–·一]?\d{1,4}[-—–·一]?$"#, options: .regularExpression) != nil else {
      return nil
    }
    return Int(String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init)))
  }

  private static func compact(_ line: String) -> String {
    String(String.UnicodeScalarView(line.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }))
  }
}

extension Unicode.GeneralCategory {
  fileprivate var isPunctuationLike: Bool {
    switch self {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation, .mathSymbol, .otherSymbol:
      true
    default: false
    }
  }
}
