/// The relationships of an OPC `.rels` part: id → (type, target).
final class SpreadsheetRelationshipsHandler: SpreadsheetXMLHandler {
  struct Relationship: Equatable {
    var id: String
    var type: String
    var target: String
  }
  private(set) var relationships: [Relationship] = []

  func start(_ localName: String, attributes: [String: String]) {
    guard localName == "Relationship", let target = attributes["Target"] else { return }
    relationships.append(
      Relationship(id: attributes["Id"] ?? "", type: attributes["Type"] ?? "", target: target))
  }
  func end(_ localName: String) {}
  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// The relationship id of the workbook's first sheet (`<sheets><sheet r:id=…>`), in workbook order.
final class WorkbookHandler: SpreadsheetXMLHandler {
  private(set) var firstSheetRelationship: String?
  private(set) var firstSheetName: String?
  /// Dates count from 1904-01-01 (old Mac workbooks) instead of 1900.
  private(set) var uses1904Dates = false

  func start(_ localName: String, attributes: [String: String]) {
    if localName == "workbookPr", let value = attributes["date1904"] {
      uses1904Dates = value == "1" || value.lowercased() == "true"
    }
    guard localName == "sheet", firstSheetRelationship == nil else { return }
    firstSheetRelationship = attributes["id"]
    firstSheetName = attributes["name"]
  }
  func end(_ localName: String) {}
  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// Collects the text of rich or plain strings: `<t>` inside the element, phonetic runs (`rPh`)
/// excluded. Used for shared strings (`<si>`) and inline strings (`<is>`).
struct StringItemText {
  private var bytes: [UInt8] = []
  private var inText = false
  private var phoneticDepth = 0

  mutating func start(_ localName: String) {
    if localName == "rPh" { phoneticDepth += 1 }
    if localName == "t", phoneticDepth == 0 { inText = true }
  }

  mutating func end(_ localName: String) {
    if localName == "rPh" { phoneticDepth -= 1 }
    if localName == "t" { inText = false }
  }

  mutating func characters(_ buffer: UnsafeBufferPointer<UInt8>) {
    if inText { bytes.append(contentsOf: buffer) }
  }

  mutating func take() -> String {
    defer { bytes.removeAll(keepingCapacity: true) }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// The shared-string table (`xl/sharedStrings.xml`), in order.
final class SharedStringsHandler: SpreadsheetXMLHandler {
  private(set) var strings: [String] = []
  private var item = StringItemText()
  private var inItem = false

  func start(_ localName: String, attributes: [String: String]) {
    if localName == "si" { inItem = true } else if inItem { item.start(localName) }
  }

  func end(_ localName: String) {
    if localName == "si" {
      inItem = false
      strings.append(item.take())
    } else if inItem {
      item.end(localName)
    }
  }

  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    if inItem { item.characters(bytes) }
  }
}

/// The cells of a worksheet, placed by their references (`<c r="C5">`); cells without a
/// reference follow the previous one, rows without one follow the previous row.
final class WorksheetHandler: SpreadsheetXMLHandler {
  /// Row number (1-based) → column → raw cell.
  private(set) var cells: [Int: [Int: String]] = [:]
  private(set) var failure: String?
  private let sharedStrings: [String]
  private let dateStyles: [Int: ExcelDate.Kind]
  private let uses1904Dates: Bool
  private let maximumCells: Int
  private var cellCount = 0

  private var row = 0
  private var column = -1
  private var cellType = "n"
  private var cellStyle = 0
  private var inCell = false
  private var inValue = false
  private var inInlineString = false
  private var value: [UInt8] = []
  private var inline = StringItemText()

  init(
    sharedStrings: [String], dateStyles: [Int: ExcelDate.Kind] = [:], uses1904Dates: Bool = false,
    maximumCells: Int
  ) {
    self.sharedStrings = sharedStrings
    self.dateStyles = dateStyles
    self.uses1904Dates = uses1904Dates
    self.maximumCells = maximumCells
  }

  func start(_ localName: String, attributes: [String: String]) {
    switch localName {
    case "row":
      // Row numbers come from the file: checked against Excel's last row before any arithmetic
      // (9223372036854775807 + 1 used to trap).
      if let written = attributes["r"] {
        guard let number = Int(TableText.trimmed(written)), (1...CellReference.maximumRows).contains(number)
        else {
          if failure == nil { failure = "row number \(written) outside 1…\(CellReference.maximumRows)" }
          row = 0
          return
        }
        row = number
      } else if row < CellReference.maximumRows {
        row += 1
      } else {
        if failure == nil { failure = "more than \(CellReference.maximumRows) rows" }
        row = 0
      }
      column = -1
    case "c":
      inCell = true
      cellType = attributes["t"] ?? "n"
      cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
      value.removeAll(keepingCapacity: true)
      if let reference = attributes["r"].flatMap(CellReference.init) {
        column = reference.column
        if let cellRow = reference.row { row = cellRow }
      } else if column < CellReference.maximumColumns {
        column += 1
      }
    case "v" where inCell:
      inValue = true
    case "is" where inCell:
      inInlineString = true
    default:
      if inInlineString { inline.start(localName) }
    }
  }

  func end(_ localName: String) {
    switch localName {
    case "c":
      inCell = false
      store(resolvedValue())
    case "v":
      inValue = false
    case "is":
      inInlineString = false
    default:
      if inInlineString { inline.end(localName) }
    }
  }

  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    if inValue {
      value.append(contentsOf: bytes)
    } else if inInlineString {
      inline.characters(bytes)
    }
  }

  private func resolvedValue() -> String {
    let raw = String(decoding: value, as: UTF8.self)
    switch cellType {
    case "s":
      guard let index = Int(TableText.trimmed(raw)), sharedStrings.indices.contains(index) else {
        if failure == nil { failure = "cell \(reference) refers to a missing shared string \(raw)" }
        return ""
      }
      return sharedStrings[index]
    case "inlineStr":
      let text = inline.take()
      return text.isEmpty ? raw : text
    case "b":
      switch TableText.trimmed(raw) {
      case "1": return "TRUE"
      case "0": return "FALSE"
      default: return raw
      }
    case "n":
      // Numbers as written, except where the cell's style shows a date or time.
      if let kind = dateStyles[cellStyle],
        let date = ExcelDate.format(serial: TableText.trimmed(raw), kind: kind, uses1904: uses1904Dates)
      {
        return date
      }
      return raw
    default:
      return raw  // formula string results (`str`), errors (`e`), ISO dates (`d`)
    }
  }

  private var reference: String { "row \(row) column \(column + 1)" }

  private func store(_ text: String) {
    guard !text.isEmpty, column >= 0, column < CellReference.maximumColumns, row > 0 else { return }
    cellCount += 1
    if cellCount > maximumCells {
      if failure == nil { failure = "more than \(maximumCells) cells" }
      return
    }
    cells[row, default: [:]][column] = text
  }

  /// How many cells `records()` will hold, gaps included.
  var paddedCellCount: Int {
    cells.values.reduce(0) { $0 + ($1.keys.max() ?? -1) + 1 }
  }

  /// Rows in order, each from column A to its last filled cell; gaps are "".
  func records() -> [[String]] {
    cells.keys.sorted().map { rowNumber in
      let rowCells = cells[rowNumber] ?? [:]
      let width = (rowCells.keys.max() ?? -1) + 1
      return (0..<width).map { rowCells[$0] ?? "" }
    }
  }
}
