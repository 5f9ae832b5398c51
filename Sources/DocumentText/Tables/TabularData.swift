/// A table read from a CSV or `.xlsx` file: the header row and the data rows below it.
package struct TabularData: Sendable, Equatable {
  /// The header row (the first non-empty row, title rows above it skipped), cells trimmed.
  package var header: [String]
  /// The non-empty rows after the header, cells trimmed; a short row is padded with "" to the
  /// header's width, a longer one keeps its extra cells.
  package var rows: [[String]]
  /// How a CSV file was decoded ("UTF-8", "UTF-8 with BOM", "GB18030"); nil for `.xlsx`.
  package var encoding: String?

  package init(header: [String], rows: [[String]], encoding: String? = nil) {
    self.header = header
    self.rows = rows
    self.encoding = encoding
  }

  /// Builds the table from raw records. The header is the first non-empty record, except that
  /// title rows above it (a single filled cell, such as `2023年度…项目汇总表` across merged cells)
  /// are skipped when a record with two or more filled cells follows within the next ten.
  package init(records: [[String]], encoding: String? = nil) {
    let nonEmpty = records.lazy.map { $0.map(TableText.trimmed) }.filter { $0.contains { !$0.isEmpty } }
    let cleaned = Array(nonEmpty)
    let filledCounts = cleaned.map { $0.filter { !$0.isEmpty }.count }
    var headerIndex = 0
    if let firstWide = filledCounts.prefix(10).firstIndex(where: { $0 >= 2 }),
      filledCounts[..<firstWide].allSatisfy({ $0 == 1 })
    {
      headerIndex = firstWide
    }
    guard headerIndex < cleaned.count else {
      self.init(header: [], rows: [], encoding: encoding)
      return
    }
    var header = cleaned[headerIndex]
    while header.last?.isEmpty == true { header.removeLast() }
    let width = header.count
    let rows = cleaned[(headerIndex + 1)...].map { record in
      var cells = record
      while cells.count > width, cells.last?.isEmpty == true { cells.removeLast() }
      if cells.count < width { cells += Array(repeating: "", count: width - cells.count) }
      return cells
    }
    self.init(header: header, rows: Array(rows), encoding: encoding)
  }

  /// The index of the first header cell equal to one of `names` (compared without whitespace),
  /// or nil.
  package func column(named names: String...) -> Int? {
    let wanted = Set(names.map(TableText.compact))
    return header.firstIndex { wanted.contains(TableText.compact($0)) }
  }
}

enum TableText {
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar == "\u{FEFF}"
  }

  static func trimmed(_ text: String) -> String {
    ScalarTrimming.trimmed(text, isSpace: isSpace)
  }

  static func compact(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { !isSpace($0) }))
  }
}
