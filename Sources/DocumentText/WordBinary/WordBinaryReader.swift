/// Reads Word 97–2003 binary documents (`.doc`, `.dot`, Kingsoft WPS `.wps`) into the same
/// `ExtractedDocument` the `.docx` reader produces: the main text, headers and footers,
/// footnotes, endnotes and text boxes as labelled parts, tables with cells, headings from styles.
/// Comments are not document text and are left out, as the `.docx` reader does.
enum WordBinaryReader {
  static func read(_ data: [UInt8], name: String) throws(DocumentReadError) -> ExtractedDocument {
    do {
      return try readDocument(data, name: name)
    } catch {
      throw error.error(path: name)
    }
  }

  private static func readDocument(_ data: [UInt8], name: String) throws(WordBinaryFailure)
    -> ExtractedDocument
  {
    let container = try CompoundFile(data)
    let names = Set(container.rootNames)
    if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") { throw .encrypted }
    guard let wordDocument = try container.stream(named: "WordDocument") else {
      // Works 4–9 keep their text in a CONTENTS stream ("MatOST" word processor format).
      if names.contains("CONTENTS") || names.contains("MatOST") { throw .works }
      throw .notWord
    }
    let fib = try FileInformationBlock(wordDocument)
    if fib.isEncrypted { throw fib.isObfuscated ? .obfuscated : .encrypted }
    let tableName = fib.usesTable1 ? "1Table" : "0Table"
    guard let tableStream = try container.stream(named: tableName) else {
      throw .corruptDocument("the FIB names a \(tableName) stream the file does not have")
    }
    guard let clx = fib.bytes(of: .pieceTable, in: tableStream) else {
      throw .corruptDocument("piece table lies outside the \(tableName) stream")
    }
    let pieces = try PieceTable(clx: clx)
    var warnings: [String] = []
    let units = try decode(pieces, wordDocument: wordDocument, fib: fib, warnings: &warnings)

    let paragraphRuns = fib.bytes(of: .paragraphRuns, in: tableStream).map {
      PropertyRuns<ParagraphProperties>.paragraphs(plcBte: $0, wordDocument: wordDocument)
    }
    let characterRuns = fib.bytes(of: .characterRuns, in: tableStream).map {
      PropertyRuns<CharacterProperties>.characters(plcBte: $0, wordDocument: wordDocument)
    }
    let styles = fib.bytes(of: .styles, in: tableStream).map(StyleSheet.init) ?? StyleSheet()
    var isDeleted = [Bool](repeating: false, count: units.count)
    var symbols: [Int: UInt16] = [:]
    if let characterRuns {
      mark(characterRuns, pieces: pieces, count: units.count, isDeleted: &isDeleted, symbols: &symbols)
    }
    let document = StoryBuilder.Document(
      units: units,
      fileSpan: { cp in
        guard let index = pieces.pieceIndex(containing: cp) else { return nil }
        let piece = pieces.pieces[index]
        let start = piece.fileOffset(ofCP: cp)
        return start..<(start + piece.bytesPerCharacter)
      },
      paragraphRuns: paragraphRuns ?? PropertyRuns(runs: []), isDeleted: isDeleted, symbols: symbols,
      styles: styles)

    let parts = self.parts(fib: fib, tableStream: tableStream, document: document)
    let resolver = HeadingResolver(styles: styles.definitions)
    return ExtractedDocument(path: name, format: .doc, parts: parts.map(resolver.resolve), warnings: warnings)
  }

  // MARK: - Stories

  private static func parts(
    fib: FileInformationBlock, tableStream: [UInt8], document: StoryBuilder.Document
  ) -> [DocumentPart] {
    let lengths = fib.stories
    var start = 0
    func next(_ length: Int) -> Range<Int> {
      defer { start += length }
      return start..<(start + length)
    }
    let main = next(lengths.main)
    let footnotes = next(lengths.footnotes)
    let headers = next(lengths.headers)
    _ = next(lengths.macros)
    _ = next(lengths.comments)
    let endnotes = next(lengths.endnotes)
    let textBoxes = next(lengths.textBoxes)
    let headerTextBoxes = next(lengths.headerTextBoxes)

    var parts = [
      DocumentPart(kind: .main, name: "WordDocument", blocks: StoryBuilder.blocks(main, in: document))
    ]
    parts += headerParts(
      headers, plcfHdd: fib.bytes(of: .headerStories, in: tableStream), document: document)
    for (kind, range, name) in [
      (DocumentPart.Kind.footnotes, footnotes, "footnotes"), (.endnotes, endnotes, "endnotes"),
      (.textBoxes, textBoxes, "textboxes"), (.textBoxes, headerTextBoxes, "header-textboxes"),
    ] where !range.isEmpty {
      let blocks = trimmingFinalEmptyParagraph(StoryBuilder.blocks(range, in: document))
      if !blocks.isEmpty { parts.append(DocumentPart(kind: kind, name: name, blocks: blocks)) }
    }
    return parts
  }

  /// The header story is split by PlcfHdd: six separator stories, then per section even and odd
  /// headers, even and odd footers, first-page header and footer. Empty stories (a section that
  /// repeats the previous one's header) have no characters.
  private static func headerParts(
    _ range: Range<Int>, plcfHdd: [UInt8]?, document: StoryBuilder.Document
  ) -> [DocumentPart] {
    guard !range.isEmpty, let plcfHdd, plcfHdd.count >= 8 else { return [] }
    let count = plcfHdd.count / 4
    var headers: [DocumentPart] = []
    var footers: [DocumentPart] = []
    for story in 6..<max(6, count - 1) {
      guard let start = plcfHdd.uint32(at: story * 4), let end = plcfHdd.uint32(at: story * 4 + 4),
        start < end, range.lowerBound + end <= range.upperBound
      else { continue }
      let blocks = trimmingFinalEmptyParagraph(
        StoryBuilder.blocks((range.lowerBound + start)..<(range.lowerBound + end), in: document))
      guard blocks.contains(where: hasText) else { continue }
      let isFooter = [2, 3, 5].contains((story - 6) % 6)
      if isFooter {
        footers.append(DocumentPart(kind: .footer, name: "footer\(footers.count + 1)", blocks: blocks))
      } else {
        headers.append(DocumentPart(kind: .header, name: "header\(headers.count + 1)", blocks: blocks))
      }
    }
    return headers + footers
  }

  private static func hasText(_ block: Block) -> Bool {
    switch block {
    case .paragraph(let paragraph): paragraph.text.unicodeScalars.contains { !$0.properties.isWhitespace }
    case .table: true
    }
  }

  /// Header, note and text-box stories end with one more paragraph mark than their content has.
  private static func trimmingFinalEmptyParagraph(_ blocks: [Block]) -> [Block] {
    guard case .paragraph(let last) = blocks.last, last.text.isEmpty else { return blocks }
    return Array(blocks.dropLast())
  }

  // MARK: - Characters

  private static func decode(
    _ table: PieceTable, wordDocument: [UInt8], fib: FileInformationBlock, warnings: inout [String]
  ) throws(WordBinaryFailure) -> [UInt16] {
    let total = min(fib.stories.total + 1, table.pieces.last?.cpEnd ?? 0)
    // Every character takes at least one byte of the stream: more is a lying piece table.
    guard total <= wordDocument.count else {
      throw .corruptDocument(
        "the text claims \(total) characters, the stream has \(wordDocument.count) bytes")
    }
    var units = [UInt16](repeating: 0, count: total)
    let codePage = CodePage.eightBit(language: fib.language, eastAsianLanguage: fib.eastAsianLanguage)
    var usedCodePage = false
    for piece in table.pieces where piece.cpStart < total {
      let end = min(piece.cpEnd, total)
      let length = end - piece.cpStart
      guard let bytes = wordDocument.bytes(at: piece.fileOffset, length: length * piece.bytesPerCharacter)
      else {
        throw .corruptDocument("a piece of text lies outside the WordDocument stream")
      }
      if piece.isCompressed {
        let decoded = CodePage.decode(bytes, doubleByte: codePage)
        usedCodePage = usedCodePage || decoded.usedDoubleByte
        for index in 0..<length { units[piece.cpStart + index] = decoded.units[index] }
      } else {
        for index in 0..<length {
          units[piece.cpStart + index] = UInt16(bytes[index * 2]) | UInt16(bytes[index * 2 + 1]) << 8
        }
      }
    }
    if usedCodePage, let codePage {
      warnings.append("8-bit text decoded as \(codePage) by the document's language")
    }
    return units
  }

  /// Deleted revisions and symbol characters, from file-offset runs to character positions.
  private static func mark(
    _ runs: PropertyRuns<CharacterProperties>, pieces: PieceTable, count: Int, isDeleted: inout [Bool],
    symbols: inout [Int: UInt16]
  ) {
    guard !runs.runs.isEmpty else { return }
    for piece in pieces.pieces where piece.cpStart < count {
      let width = piece.bytesPerCharacter
      let pieceEnd = piece.fileOffset(ofCP: min(piece.cpEnd, count))
      for run in runs.runs where run.end > piece.fileOffset && run.start < pieceEnd {
        let first = max(0, (run.start - piece.fileOffset + width - 1) / width) + piece.cpStart
        let last = min(
          (run.end - piece.fileOffset + width - 1) / width + piece.cpStart, min(piece.cpEnd, count))
        guard first < last else { continue }
        if run.value.isDeleted {
          for cp in first..<last { isDeleted[cp] = true }
        }
        if let symbol = run.value.symbol {
          // 0 stands for a symbol with no Unicode equivalent: the placeholder shows nothing.
          let scalar = WordMLReader.symbolScalar(String(symbol, radix: 16))
          let unit = scalar.flatMap { $0.value <= 0xFFFF ? UInt16($0.value) : nil } ?? 0
          for cp in first..<last { symbols[cp] = unit }
        }
      }
    }
  }
}
