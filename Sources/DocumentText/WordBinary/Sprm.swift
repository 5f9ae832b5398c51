/// Property modifiers ([MS-DOC] 2.6.1): a 16-bit code whose top three bits (spra) give the
/// operand's size, followed by the operand.
enum Sprm {
  static let characterDeleted = 0x0800
  static let characterSymbol = 0x6A09
  static let paragraphInTable = 0x2416
  static let paragraphRowEnd = 0x2417
  static let paragraphOutlineLevel = 0x2640
  static let paragraphTableDepth = 0x6649
  static let paragraphInnerCell = 0x244B
  static let paragraphInnerRowEnd = 0x244C
  static let tableDefinition = 0xD608
  static let tableDefinition10 = 0xD606
  private static let paragraphChangeTabs = 0xC615

  /// Calls `body(sprm, operandOffset, operandLength)` for each modifier of `grpprl` from `start`,
  /// stopping at the first one that does not fit.
  static func forEach(_ grpprl: [UInt8], from start: Int = 0, _ body: (Int, Int, Int) -> Void) {
    var offset = start
    while let sprm = grpprl.uint16(at: offset) {
      let operand = offset + 2
      guard let length = operandLength(sprm, grpprl, operand), operand + length <= grpprl.count else {
        return
      }
      body(sprm, operand, length)
      offset = operand + length
    }
  }

  private static func operandLength(_ sprm: Int, _ bytes: [UInt8], _ operand: Int) -> Int? {
    switch sprm >> 13 {
    case 0, 1: return 1
    case 2, 4, 5: return 2
    case 3: return 4
    case 7: return 3
    default:
      if sprm == tableDefinition || sprm == tableDefinition10 {
        // TDefTableOperand: a 16-bit size that counts itself minus one.
        guard let size = bytes.uint16(at: operand) else { return nil }
        return size + 1
      }
      guard let size = bytes.uint8(at: operand) else { return nil }
      if sprm == paragraphChangeTabs, size == 255 {
        // PChgTabsOperand with deletions and closes: counts inside, not a size.
        guard let deleted = bytes.uint8(at: operand + 1),
          let added = bytes.uint8(at: operand + 2 + deleted * 4)
        else { return nil }
        return 1 + 1 + deleted * 4 + 1 + added * 3
      }
      return 1 + size
    }
  }
}

/// What the reader needs of a paragraph's properties: its style, table membership and level.
struct ParagraphProperties: Equatable {
  var styleIndex = 0
  var inTable = false
  var isRowEnd = false
  /// Table nesting depth (sprmPItap); nil when the file gives only `inTable`.
  var tableDepth: Int?
  var isInnerCellEnd = false
  var isInnerRowEnd = false
  /// sprmPOutLvl: 0…8, or 9 for body text.
  var outlineLevel: Int?
  /// A row end's cell boundaries (sprmTDefTable rgdxaCenter, twips): the table grid of the row.
  var cellBoundaries: [Int]?

  var depth: Int { tableDepth ?? (inTable ? 1 : 0) }

  mutating func apply(_ grpprl: [UInt8], from start: Int) {
    Sprm.forEach(grpprl, from: start) { sprm, operand, length in
      switch sprm {
      case Sprm.paragraphInTable: inTable = grpprl[operand] != 0
      case Sprm.paragraphRowEnd: isRowEnd = grpprl[operand] != 0
      case Sprm.paragraphInnerCell: isInnerCellEnd = grpprl[operand] != 0
      case Sprm.paragraphInnerRowEnd: isInnerRowEnd = grpprl[operand] != 0
      case Sprm.paragraphOutlineLevel: outlineLevel = Int(grpprl[operand])
      case Sprm.paragraphTableDepth:
        if length == 4, let depth = grpprl.uint32(at: operand) { tableDepth = min(depth, 64) }
      case Sprm.tableDefinition, Sprm.tableDefinition10:
        // cb (2 bytes), itcMac, then itcMac + 1 signed 16-bit boundaries.
        guard let cells = grpprl.uint8(at: operand + 2), cells <= 63, 3 + (cells + 1) * 2 <= length else {
          break
        }
        cellBoundaries = (0...cells).compactMap { index in
          grpprl.uint16(at: operand + 3 + index * 2).map { Int(Int16(truncatingIfNeeded: $0)) }
        }
      default: break
      }
    }
  }
}

/// Runs of paragraph or character properties from the formatted disk pages (FKPs) that a
/// PlcBtePapx / PlcBteChpx points to, sorted by file offset for lookup.
struct PropertyRuns<Value> {
  struct Run {
    var start: Int
    var end: Int
    var value: Value
  }

  private(set) var runs: [Run]

  init(runs: [Run]) { self.runs = runs.sorted { $0.start < $1.start } }

  /// The run holding file offset `fc`.
  func run(containing fc: Int) -> Run? {
    var low = 0
    var high = runs.count
    while low < high {
      let middle = (low + high) / 2
      if runs[middle].end <= fc { low = middle + 1 } else { high = middle }
    }
    guard low < runs.count, runs[low].start <= fc else { return nil }
    return runs[low]
  }

  /// The 512-byte pages a PlcBte (n+1 file offsets, then n page numbers) names, each read once.
  static func pages(plcBte: [UInt8], wordDocument: [UInt8]) -> [[UInt8]] {
    guard plcBte.count >= 4, (plcBte.count - 4) % 8 == 0 else { return [] }
    let count = (plcBte.count - 4) / 8
    var seen: Set<Int> = []
    var pages: [[UInt8]] = []
    for index in 0..<count {
      guard let number = plcBte.uint32(at: (count + 1) * 4 + index * 4) else { break }
      let page = number & 0x3F_FFFF
      guard seen.insert(page).inserted, let bytes = wordDocument.bytes(at: page * 512, length: 512) else {
        continue
      }
      pages.append(bytes)
    }
    return pages
  }
}

extension PropertyRuns where Value == ParagraphProperties {
  /// PAPX FKPs ([MS-DOC] 2.9.175): rgfc, then 13-byte BX entries whose first byte locates the
  /// PapxInFkp (a size, the style index and the grpprl).
  static func paragraphs(plcBte: [UInt8], wordDocument: [UInt8]) -> PropertyRuns {
    var runs: [Run] = []
    for page in pages(plcBte: plcBte, wordDocument: wordDocument) {
      let count = Int(page[511])
      guard count > 0, (count + 1) * 4 + count * 13 <= 511 else { continue }
      for index in 0..<count {
        guard let start = page.uint32(at: index * 4), let end = page.uint32(at: index * 4 + 4), start < end,
          let offsetWord = page.uint8(at: (count + 1) * 4 + index * 13)
        else { continue }
        var properties = ParagraphProperties()
        let papx = offsetWord * 2
        if papx > 0, let size = page.uint8(at: papx) {
          let (body, length) =
            size != 0 ? (papx + 1, size * 2 - 1) : (papx + 2, (page.uint8(at: papx + 1) ?? 0) * 2)
          if length >= 2, let group = page.bytes(at: body, length: min(length, 511 - body)) {
            properties.styleIndex = group.uint16(at: 0) ?? 0
            properties.apply(group, from: 2)
          }
        }
        runs.append(Run(start: start, end: end, value: properties))
      }
    }
    return PropertyRuns(runs: runs)
  }
}

/// What the reader needs of a character run: whether it is deleted text, and the character a
/// symbol run (`w:sym`) stands for.
struct CharacterProperties: Equatable {
  var isDeleted = false
  var symbol: Int?

  mutating func apply(_ grpprl: [UInt8]) {
    Sprm.forEach(grpprl) { sprm, operand, length in
      switch sprm {
      case Sprm.characterDeleted: isDeleted = grpprl[operand] & 1 != 0
      case Sprm.characterSymbol: if length == 4 { symbol = grpprl.uint16(at: operand + 2) }
      default: break
      }
    }
  }
}

extension PropertyRuns where Value == CharacterProperties {
  /// CHPX FKPs ([MS-DOC] 2.9.33): rgfc, then one byte per run locating its Chpx (size, grpprl).
  /// Only runs with something the reader uses are kept.
  static func characters(plcBte: [UInt8], wordDocument: [UInt8]) -> PropertyRuns {
    var runs: [Run] = []
    for page in pages(plcBte: plcBte, wordDocument: wordDocument) {
      let count = Int(page[511])
      guard count > 0, (count + 1) * 4 + count <= 511 else { continue }
      for index in 0..<count {
        guard let start = page.uint32(at: index * 4), let end = page.uint32(at: index * 4 + 4), start < end,
          let offsetWord = page.uint8(at: (count + 1) * 4 + index), offsetWord > 0,
          let size = page.uint8(at: offsetWord * 2),
          let group = page.bytes(at: offsetWord * 2 + 1, length: min(size, 511 - offsetWord * 2))
        else { continue }
        var properties = CharacterProperties()
        properties.apply(group)
        if properties != CharacterProperties() { runs.append(Run(start: start, end: end, value: properties)) }
      }
    }
    return PropertyRuns(runs: runs)
  }
}
