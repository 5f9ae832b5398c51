import Foundation

/// Tesseract's TSV output (`tesseract IMAGE stdout -l chi_sim tsv`): one row per page, block,
/// paragraph, line and word, with the word's confidence (0–100) and text. Pure.
package enum TesseractTSV {
  package struct Page: Sendable, Equatable {
    package var number: Int
    /// Paragraphs of lines, in reading order.
    package var paragraphs: [[String]]
    /// Mean word confidence in 0…1, weighted by the characters of each word; nil without words.
    package var confidence: Double?
    package var characters: Int
  }

  /// Pages in the order of their number (a multi-page TIFF gives several).
  package static func parse(_ tsv: String) -> [Page] {
    struct LineKey: Hashable, Comparable {
      var page, block, paragraph, line: Int
      static func < (a: LineKey, b: LineKey) -> Bool {
        (a.page, a.block, a.paragraph, a.line) < (b.page, b.block, b.paragraph, b.line)
      }
    }
    var words: [LineKey: [(text: String, confidence: Double)]] = [:]
    var order: [LineKey] = []
    var weighted: [Int: (confidence: Double, characters: Int)] = [:]
    for row in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
      let columns = row.split(separator: "\t", maxSplits: 11, omittingEmptySubsequences: false)
      guard columns.count == 12, columns[0] == "5", let page = Int(columns[1]), let block = Int(columns[2]),
        let paragraph = Int(columns[3]), let line = Int(columns[4]), let confidence = Double(columns[10])
      else { continue }
      // Table rules and box edges come back as bars; no application writes them in text.
      let text = columns[11].trimmingCharacters(in: .whitespaces).filter { !"|丨｜".contains($0) }
      guard !text.isEmpty, confidence >= 0 else { continue }
      let key = LineKey(page: page, block: block, paragraph: paragraph, line: line)
      if words[key] == nil { order.append(key) }
      words[key, default: []].append((text, confidence / 100))
      let count = text.unicodeScalars.count
      let sum = weighted[page, default: (0, 0)]
      weighted[page] = (sum.confidence + confidence / 100 * Double(count), sum.characters + count)
    }
    var pages: [Int: Page] = [:]
    var lastParagraph: [Int: LineKey] = [:]
    for key in order.sorted() {
      let lineWords = words[key] ?? []
      if isSpeck(lineWords) { continue }
      let line = lineWords.reduce("") { PageAssembler.join($0, $1.text) }
      var page =
        pages[key.page]
        ?? Page(
          number: key.page, paragraphs: [],
          confidence: weighted[key.page].map {
            $0.characters > 0 ? $0.confidence / Double($0.characters) : 0
          },
          characters: weighted[key.page]?.characters ?? 0)
      if let previous = lastParagraph[key.page], previous.block == key.block,
        previous.paragraph == key.paragraph, !page.paragraphs.isEmpty
      {
        page.paragraphs[page.paragraphs.count - 1].append(line)
      } else {
        page.paragraphs.append([line])
      }
      lastParagraph[key.page] = key
      pages[key.page] = page
    }
    return pages.keys.sorted().compactMap { pages[$0] }
  }

  /// A line of at most ``speckCharacters`` characters read with a mean confidence under
  /// ``speckConfidence``: stains, stamps and table rules the recogniser took for characters.
  static func isSpeck(_ words: [(text: String, confidence: Double)]) -> Bool {
    let characters = words.reduce(0) { $0 + $1.text.count }
    guard characters <= speckCharacters, !words.isEmpty else { return false }
    return words.reduce(0) { $0 + $1.confidence } / Double(words.count) < speckConfidence
  }

  static let speckCharacters = 3
  static let speckConfidence = 0.7
}
