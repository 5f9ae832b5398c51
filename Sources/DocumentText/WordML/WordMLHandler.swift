/// Turns the SAX events of a WordprocessingML part (Transitional, Strict or Word 2003) into blocks.
///
/// Text semantics: tracked changes read as accepted, fields give their result, each piece of
/// content (content controls, hyperlinks, `mc:AlternateContent`, text boxes) is read once.
///
/// The state lives in one struct mutated once per event: a class with many stored properties pays a
/// dynamic exclusivity check on every property access.
final class WordMLHandler: SAXHandler {
  // Heap storage reached through a pointer: a stored `var` would pay a dynamic exclusivity check
  // on every event. The handler is confined to one parse on one thread.
  private let reader: UnsafeMutablePointer<WordMLReader>

  /// `headingNumbering`: the list levels numbered like headings (`一、`, `（一）`, `第一章`).
  /// `budget`: the limits of the document this part belongs to, shared with its other parts.
  init(headingNumbering: Set<NumberingLevel> = [], budget: DocumentBudget = DocumentBudget(limits: .standard))
  {
    reader = .allocate(capacity: 1)
    reader.initialize(to: WordMLReader(headingNumbering: headingNumbering, budget: budget))
  }

  deinit {
    reader.deinitialize(count: 1)
    reader.deallocate()
  }

  var result: ParsedPart { reader.pointee.result }

  override func startElement(_ name: XMLElementName, attributes: XMLAttributes) {
    reader.pointee.startElement(name, attributes: attributes)
  }

  override func endElement(_ name: XMLElementName) {
    reader.pointee.endElement(name)
    if let failure = reader.pointee.failure { stopReason = failure }
  }

  override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    reader.pointee.characters(bytes)
    if let failure = reader.pointee.failure { stopReason = failure }
  }

  static func symbolScalar(_ hex: String?, font: String? = nil) -> Unicode.Scalar? {
    WordMLReader.symbolScalar(hex, font: font)
  }
}

/// The WordprocessingML state machine behind `WordMLHandler`.
struct WordMLReader {
  private struct ParagraphBuilder {
    var bytes: [UInt8] = []
    var style: String?
    var outlineLevel: Int?
    var numberingID: String?
    var numberingLevel = 0
  }

  private let headingNumbering: Set<NumberingLevel>
  private let budget: DocumentBudget
  /// The first limit passed; the handler stops the parse with it.
  private(set) var failure: XMLParseFailure?
  /// Tables opened beyond `ReadLimits.maxTableDepth`: read as if their markup were not there, so
  /// their paragraphs join the enclosing cell and the block tree stays shallow for every walk.
  private var flattenedTables = 0

  init(headingNumbering: Set<NumberingLevel> = [], budget: DocumentBudget) {
    self.headingNumbering = headingNumbering
    self.budget = budget
  }

  private mutating func countBlock() {
    if failure == nil, let reason = budget.addBlock() { failure = reason }
  }

  /// Where finished blocks go: a part's body or a table cell.
  private struct Container {
    var blocks: [Block] = []
    var gridSpan = 1
    /// Set on containers that start an inline part (Word 2003).
    var inlinePart: (kind: DocumentPart.Kind, name: String)?
  }

  private struct TableBuilder {
    var rows: [[TableCell]] = []
    var row: [TableCell]?
  }

  private var containers: [Container] = [Container()]
  private var tables: [TableBuilder] = []
  private var paragraphs: [ParagraphBuilder] = []
  private var skipDepth = 0
  private var runDepth = 0
  private var runInSymbolFont = false
  private var textDepth = 0
  private var paragraphPropertiesDepth = 0
  /// One entry per open complex field: true once its separator was seen (result text follows).
  private var fields: [Bool] = []
  private var fieldsInInstruction = 0
  /// One entry per open `mc:AlternateContent`: true once a branch was read.
  private var alternates: [Bool] = []
  private var styles: [StyleDefinition] = []
  private var style: StyleDefinition?
  private var inlineParts: [DocumentPart] = []
  private var inlineFootnotes: [Block] = []
  private var inlineCounts: [DocumentPart.Kind: Int] = [:]
  private var sawRoot = false
  private var isWord2003 = false

  var result: ParsedPart {
    var parts = inlineParts
    if !inlineFootnotes.isEmpty {
      parts.append(DocumentPart(kind: .footnotes, name: "footnotes", blocks: inlineFootnotes))
    }
    var blocks = containers.first?.blocks ?? []
    // Unclosed elements (truncated input is reported as an error anyway) must not lose text.
    if containers.count > 1 { for container in containers.dropFirst() { blocks += container.blocks } }
    return ParsedPart(blocks: blocks, styles: styles, inlineParts: parts, isWord2003: isWord2003)
  }

  mutating func startElement(_ name: XMLElementName, attributes: XMLAttributes) {
    if skipDepth > 0 {
      skipDepth += 1
      return
    }
    if !sawRoot {
      sawRoot = true
      if name.namespace == .word2003 { isWord2003 = true }
    }
    switch name.namespace {
    case .word, .word2003: startWordElement(name, attributes: attributes)
    case .markupCompatibility: startCompatibilityElement(name.local, requires: attributes)
    case .math: if name.local == .t { textDepth += 1 }
    default: break
    }
  }

  mutating func endElement(_ name: XMLElementName) {
    if skipDepth > 0 {
      skipDepth -= 1
      return
    }
    switch name.namespace {
    case .word, .word2003: endWordElement(name)
    case .markupCompatibility:
      if name.local == .alternateContent, !alternates.isEmpty { alternates.removeLast() }
    case .math: if name.local == .t, textDepth > 0 { textDepth -= 1 }
    default: break
    }
  }

  mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard textDepth > 0, fieldsInInstruction == 0, !paragraphs.isEmpty else { return }
    if runInSymbolFont {
      // Text typed in the Symbol font is stored as private-use F0xx characters.
      let text = String(decoding: bytes, as: UTF8.self).unicodeScalars.map { scalar in
        (0xF020...0xF0FF).contains(scalar.value)
          ? SymbolFont.unicode(scalar.value - 0xF000) ?? scalar : scalar
      }
      let converted = String(String.UnicodeScalarView(text)).utf8
      paragraphs[paragraphs.count - 1].bytes.append(contentsOf: converted)
      countText(converted.count)
      return
    }
    paragraphs[paragraphs.count - 1].bytes.append(contentsOf: bytes)
    countText(bytes.count)
  }

  private mutating func countText(_ count: Int) {
    guard failure == nil else { return }
    if let reason = budget.addText(count, paragraphBytes: paragraphs[paragraphs.count - 1].bytes.count) {
      failure = reason
    }
  }

  // MARK: - Word elements

  mutating private func startWordElement(_ name: XMLElementName, attributes: XMLAttributes) {
    switch name.local {
    case .p:
      paragraphs.append(ParagraphBuilder())
    case .r:
      runDepth += 1
      runInSymbolFont = false
    case .rFonts:
      if runDepth > 0, paragraphPropertiesDepth == 0, style == nil {
        runInSymbolFont = attributes.value("ascii")?.lowercased() == "symbol"
      }
    case .t:
      textDepth += 1
    // A ruby guide (pinyin, furigana) annotates its base text; the base alone is the document's text.
    case .del, .moveFrom, .delText, .instrText, .delInstrText, .pPrChange, .rPrChange, .sectPrChange,
      .tblPrChange, .trPrChange, .tcPrChange, .numberingChange, .rt:
      skipDepth = 1
    case .tab, .ptab:
      appendInRun("\t")
    case .br, .cr:
      appendInRun("\n")
    case .noBreakHyphen:
      appendInRun("\u{2011}")
    case .sym:
      if let scalar = Self.symbolScalar(attributes.value("char"), font: attributes.value("font")) {
        appendInRun(String(scalar))
      }
    case .fldChar:
      fieldCharacter(attributes.value("fldCharType"))
    case .pPr:
      paragraphPropertiesDepth += 1
    case .numId:
      if paragraphPropertiesDepth > 0, style == nil, !paragraphs.isEmpty {
        paragraphs[paragraphs.count - 1].numberingID = attributes.value("val")
      }
    case .ilvl:
      if paragraphPropertiesDepth > 0, style == nil, !paragraphs.isEmpty {
        paragraphs[paragraphs.count - 1].numberingLevel = attributes.value("val").flatMap { Int($0) } ?? 0
      }
    case .pStyle:
      if paragraphPropertiesDepth > 0, style == nil, !paragraphs.isEmpty {
        paragraphs[paragraphs.count - 1].style = attributes.value("val")
      }
    case .outlineLvl:
      let level = attributes.value("val").flatMap { Int($0) }.flatMap { $0 < 9 && $0 >= 0 ? $0 : nil }
      if style != nil {
        style?.outlineLevel = level
      } else if paragraphPropertiesDepth > 0, !paragraphs.isEmpty {
        paragraphs[paragraphs.count - 1].outlineLevel = level
      }
    case .tbl:
      if flattenedTables > 0 || tables.count >= budget.limits.maxTableDepth {
        flattenedTables += 1
      } else {
        tables.append(TableBuilder())
      }
    case .tr:
      if flattenedTables == 0, !tables.isEmpty { tables[tables.count - 1].row = [] }
    case .tc:
      if flattenedTables == 0 { containers.append(Container()) }
    case .gridSpan:
      if containers.count > 1, let span = attributes.value("val").flatMap({ Int($0) }), span > 0 {
        containers[containers.count - 1].gridSpan = min(span, 1000)
      }
    case .style:
      if let id = attributes.value("styleId") { style = StyleDefinition(id: id) }
    case .name:
      if style != nil { style?.name = attributes.value("val") }
    case .basedOn:
      if style != nil { style?.basedOn = attributes.value("val") }
    case .footnote, .endnote:
      startNote(name, type: attributes.value("type"))
    case .hdr, .ftr:
      if name.namespace == .word2003 { startInlinePart(name.local == .hdr ? .header : .footer) }
    default:
      break
    }
  }

  mutating private func endWordElement(_ name: XMLElementName) {
    switch name.local {
    case .p:
      guard let builder = paragraphs.popLast() else { return }
      var paragraph = Paragraph(
        text: String(decoding: builder.bytes, as: UTF8.self), style: builder.style,
        outlineLevel: builder.outlineLevel)
      if let numberingID = builder.numberingID, tables.isEmpty,
        headingNumbering.contains(NumberingLevel(numberingID: numberingID, level: builder.numberingLevel))
      {
        // The number (一、) is generated by Word; the text alone must still read like a heading.
        paragraph.isHeading = HeadingDetector.isShortTitle(paragraph.text)
      }
      containers[containers.count - 1].blocks.append(.paragraph(paragraph))
      countBlock()
    case .r:
      if runDepth > 0 { runDepth -= 1 }
      runInSymbolFont = false
    case .t:
      if textDepth > 0 { textDepth -= 1 }
    case .pPr:
      if paragraphPropertiesDepth > 0 { paragraphPropertiesDepth -= 1 }
    case .tc:
      guard flattenedTables == 0, containers.count > 1, containers[containers.count - 1].inlinePart == nil,
        let cell = containers.popLast()
      else { return }
      let tableCell = TableCell(blocks: cell.blocks, gridSpan: cell.gridSpan)
      if tables.isEmpty {
        containers[containers.count - 1].blocks += cell.blocks
      } else {
        // Appended in place: rebuilding the row per cell was quadratic in a row's width.
        let last = tables.count - 1
        if tables[last].row == nil {
          tables[last].row = [tableCell]
        } else {
          tables[last].row?.append(tableCell)
        }
      }
      countBlock()
    case .tr:
      guard flattenedTables == 0, !tables.isEmpty, let row = tables[tables.count - 1].row else { return }
      tables[tables.count - 1].rows.append(row)
      tables[tables.count - 1].row = nil
    case .tbl:
      if flattenedTables > 0 {
        flattenedTables -= 1
        return
      }
      guard var table = tables.popLast() else { return }
      if let row = table.row { table.rows.append(row) }
      containers[containers.count - 1].blocks.append(.table(Table(rows: table.rows)))
      countBlock()
    case .style:
      if let style { styles.append(style) }
      style = nil
    case .footnote, .endnote, .hdr, .ftr:
      endInlinePart()
    default:
      break
    }
  }

  mutating private func startCompatibilityElement(_ local: XMLLocalName, requires attributes: XMLAttributes) {
    switch local {
    case .alternateContent:
      alternates.append(false)
    case .choice, .fallback:
      // Choice and Fallback carry the same content: read the first branch this reader understands
      // (a Choice whose required namespaces it knows, else the Fallback), and only that one.
      guard !alternates.isEmpty else { return }
      if alternates[alternates.count - 1] {
        skipDepth = 1
      } else if local == .choice, !Self.understands(attributes.value("Requires")) {
        skipDepth = 1
      } else {
        alternates[alternates.count - 1] = true
      }
    default:
      break
    }
  }

  mutating private func appendInRun(_ text: String) {
    guard runDepth > 0, fieldsInInstruction == 0, !paragraphs.isEmpty else { return }
    paragraphs[paragraphs.count - 1].bytes.append(contentsOf: text.utf8)
  }

  mutating private func fieldCharacter(_ type: String?) {
    switch type {
    case "begin":
      fields.append(false)
      fieldsInInstruction += 1
    case "separate":
      if let last = fields.last, !last {
        fields[fields.count - 1] = true
        fieldsInInstruction -= 1
      }
    case "end":
      if let last = fields.popLast(), !last { fieldsInInstruction -= 1 }
    default:
      break
    }
  }

  /// Separator notes hold no text; Word 2003 notes sit inline in the text and become a part.
  mutating private func startNote(_ name: XMLElementName, type: String?) {
    if let type, type == "separator" || type == "continuationSeparator" || type == "continuationNotice" {
      skipDepth = 1
      return
    }
    if name.namespace == .word2003 || runDepth > 0 {
      startInlinePart(name.local == .footnote ? .footnotes : .endnotes)
    }
  }

  mutating private func startInlinePart(_ kind: DocumentPart.Kind) {
    let number = (inlineCounts[kind] ?? 0) + 1
    inlineCounts[kind] = number
    // Inline parts must not swallow the enclosing paragraph's state.
    containers.append(Container(inlinePart: (kind, "\(kind.rawValue)\(number)")))
    savedParagraphs.append(paragraphs)
    paragraphs = []
    savedRunDepths.append(runDepth)
    runDepth = 0
  }

  private var savedParagraphs: [[ParagraphBuilder]] = []
  private var savedRunDepths: [Int] = []

  mutating private func endInlinePart() {
    guard containers.count > 1, let part = containers.last?.inlinePart, let container = containers.popLast()
    else { return }
    paragraphs = savedParagraphs.popLast() ?? []
    runDepth = savedRunDepths.popLast() ?? 0
    switch part.kind {
    case .footnotes, .endnotes:
      inlineFootnotes += container.blocks
    default:
      inlineParts.append(DocumentPart(kind: part.kind, name: part.name, blocks: container.blocks))
    }
  }

  /// Namespace prefixes (as Word writes them) whose Choice content this reader handles: drawing
  /// and text-box markup whose text sits in ordinary `w:p`. A Choice needing anything else (for
  /// example `w16se:symEx`, which holds an emoji as an attribute) falls back.
  static let understoodPrefixes: Set<Substring> = [
    "w", "w10", "w14", "w15", "wp", "wp14", "wps", "wpg", "wpc", "wpi", "wne", "v", "o", "m", "r", "a", "a14",
    "pic", "mc",
  ]

  static func understands(_ requires: String?) -> Bool {
    guard let requires else { return true }
    return requires.split(separator: " ").allSatisfy { understoodPrefixes.contains($0) }
  }

  /// `w:sym w:char="F0B7"`: symbol fonts use the private-use range F000–F0FF for their code page;
  /// the Symbol font's code page is mapped to Unicode, other fonts drop the F000 offset.
  static func symbolScalar(_ hex: String?, font: String? = nil) -> Unicode.Scalar? {
    guard let hex, var value = UInt32(hex, radix: 16) else { return nil }
    if (0xF000...0xF0FF).contains(value) { value -= 0xF000 }
    if font?.lowercased() == "symbol", let mapped = SymbolFont.unicode(value) { return mapped }
    guard value >= 0x20 || value == 0x09 else { return nil }
    return Unicode.Scalar(value)
  }
}
