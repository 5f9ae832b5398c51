/// Turns the characters of one story (a CP range) into blocks, with Word's control characters
/// read as Word shows them: paragraph marks end paragraphs, cell and row marks build tables,
/// fields give their result and not their instructions, deleted revisions are dropped.
struct StoryBuilder {
  /// What every story of one document shares.
  struct Document {
    /// One UTF-16 unit per character position; ``secondByte`` marks the trail byte of a
    /// double-byte character in an 8-bit piece.
    var units: [UInt16]
    /// The bytes of the WordDocument stream holding a character position, for the FKP lookups.
    var fileSpan: (Int) -> Range<Int>?
    var paragraphRuns: PropertyRuns<ParagraphProperties>
    var isDeleted: [Bool]
    var symbols: [Int: UInt16]
    var styles: StyleSheet
  }

  static let secondByte: UInt16 = 0xFFFF

  private struct TableBuilder {
    var rows: [[TableCell]] = []
    /// Each row's cell boundaries from its row end, when it gave them.
    var boundaries: [[Int]?] = []
    var row: [TableCell] = []
    var cell: [Block] = []

    mutating func finishCell() {
      row.append(TableCell(blocks: cell))
      cell = []
    }

    mutating func finishRow(boundaries rowBoundaries: [Int]? = nil) {
      if !cell.isEmpty { finishCell() }
      if !row.isEmpty {
        rows.append(row)
        boundaries.append(rowBoundaries)
      }
      row = []
    }

    /// The table with horizontal spans: the grid is every cell boundary of every row (as Word
    /// builds `w:tblGrid` when it saves a `.docx`), a cell spans the grid columns it covers.
    mutating func finish() -> Table {
      finishRow()
      let grid = Set(boundaries.compactMap { $0 }.joined()).sorted()
      guard grid.count > 1 else { return Table(rows: rows) }
      for (index, rowBoundaries) in boundaries.enumerated() {
        guard let rowBoundaries, rowBoundaries.count == rows[index].count + 1 else { continue }
        for cell in rows[index].indices {
          let left = rowBoundaries[cell]
          let right = rowBoundaries[cell + 1]
          let span = grid.filter { $0 > left && $0 <= right }.count
          rows[index][cell].gridSpan = max(1, span)
        }
      }
      return Table(rows: rows)
    }
  }

  private let document: Document
  private var body: [Block] = []
  private var tables: [TableBuilder] = []
  private var text: [UInt16] = []
  /// One entry per open field: true once its separator was seen (its result follows).
  private var fields: [Bool] = []
  private var fieldsInInstruction = 0

  private init(document: Document) { self.document = document }

  static func blocks(_ range: Range<Int>, in document: Document) -> [Block] {
    var builder = StoryBuilder(document: document)
    builder.read(range)
    return builder.finish()
  }

  private mutating func read(_ range: Range<Int>) {
    let units = document.units
    let clamped = range.clamped(to: 0..<units.count)
    for cp in clamped {
      if document.isDeleted[cp] { continue }
      var unit = units[cp]
      switch unit {
      case 0x0D:
        endParagraph(at: cp, mark: unit)
        continue
      case 0x07:
        endParagraph(at: cp, mark: unit)
        continue
      case 0x0C:
        // A section break ends its paragraph; a page break inside a paragraph is a line break,
        // as `w:br w:type="page"` reads in a `.docx`.
        if endsParagraphRun(cp) { endParagraph(at: cp, mark: unit) } else { append(0x0A) }
        continue
      case 0x13:
        fields.append(false)
        fieldsInInstruction += 1
        continue
      case 0x14:
        if let last = fields.last, !last {
          fields[fields.count - 1] = true
          fieldsInInstruction -= 1
        }
        continue
      case 0x15:
        if let last = fields.popLast(), !last { fieldsInInstruction -= 1 }
        continue
      case 0x0B: unit = 0x0A
      case 0x09: break
      case 0x1E: unit = 0x2011
      case Self.secondByte: continue
      default:
        // Objects (0x01 pictures, 0x08 drawings), note and comment references (0x02, 0x05),
        // separators, optional hyphens (0x1F) and stray C1 controls show no text.
        if unit < 0x20 || (0x80...0x9F).contains(unit) { continue }
        if unit == 0x28, let symbol = document.symbols[cp] {
          if symbol == 0 { continue }
          unit = symbol
        }
      }
      append(unit)
    }
  }

  private mutating func append(_ unit: UInt16) {
    guard fieldsInInstruction == 0 else { return }
    text.append(unit)
  }

  private func endsParagraphRun(_ cp: Int) -> Bool {
    guard let span = document.fileSpan(cp), let run = document.paragraphRuns.run(containing: span.lowerBound)
    else { return false }
    return run.end <= span.upperBound
  }

  private mutating func endParagraph(at cp: Int, mark: UInt16) {
    var properties = ParagraphProperties()
    if let span = document.fileSpan(cp), let run = document.paragraphRuns.run(containing: span.lowerBound) {
      properties = run.value
    }
    let paragraph = Paragraph(
      text: String(decoding: text, as: UTF16.self),
      style: document.styles.name(ofIndex: properties.styleIndex),
      outlineLevel: properties.outlineLevel.flatMap { $0 < 9 ? $0 : nil })
    text.removeAll(keepingCapacity: true)

    let depth = properties.depth
    while tables.count > depth { closeTable() }
    while tables.count < depth { tables.append(TableBuilder()) }
    guard depth > 0 else {
      body.append(.paragraph(paragraph))
      return
    }
    let isRowEnd = depth == 1 ? properties.isRowEnd && mark == 0x07 : properties.isInnerRowEnd
    if isRowEnd {
      tables[tables.count - 1].finishRow(boundaries: properties.cellBoundaries)
      return
    }
    tables[tables.count - 1].cell.append(.paragraph(paragraph))
    let isCellEnd = depth == 1 ? mark == 0x07 : properties.isInnerCellEnd
    if isCellEnd { tables[tables.count - 1].finishCell() }
  }

  private mutating func closeTable() {
    guard var table = tables.popLast() else { return }
    let block = Block.table(table.finish())
    if tables.isEmpty { body.append(block) } else { tables[tables.count - 1].cell.append(block) }
  }

  private mutating func finish() -> [Block] {
    // Text after the last mark (a story cut short) is kept, not lost.
    if !text.isEmpty {
      if tables.isEmpty {
        body.append(.paragraph(Paragraph(text: String(decoding: text, as: UTF16.self))))
      } else {
        tables[tables.count - 1].cell.append(
          .paragraph(Paragraph(text: String(decoding: text, as: UTF16.self))))
      }
      text = []
    }
    while !tables.isEmpty { closeTable() }
    return body
  }
}
