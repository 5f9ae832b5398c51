/// Finds label/value cells in the tables of an application form. Pure.
///
/// Layouts read: a label cell followed by its value cell in the same row (two-column
/// `label | value` and four-column `label | value | label | value`, cells merged with gridSpan);
/// a row made only of labels whose values sit in the aligned cells of the row below; and
/// `label：value` text inside a single cell. Nested tables are scanned in place.
enum FormTableScanner {
  private struct GridCell {
    var text: String
    var start: Int
    var span: Int
    var isEmpty: Bool { LabelText.trimmed(text).isEmpty }
  }

  static func scan(_ table: Table, into collector: inout FieldCollector) {
    let rows = table.rows.map(gridCells)
    for (rowIndex, row) in rows.enumerated() {
      let below = rowIndex + 1 < rows.count ? rows[rowIndex + 1] : nil
      if let below, isHeaderRow(row, above: below) {
        for cell in row where FieldName.canonical(forLabel: cell.text) != nil {
          if let value = alignedCell(in: below, at: cell.start) {
            collector.offer(label: cell.text, value: value.text)
          }
        }
      } else {
        scanPairs(row, into: &collector)
      }
      for cell in table.rows[rowIndex] {
        for case .table(let nested) in cell.blocks { scan(nested, into: &collector) }
      }
    }
  }

  private static func scanPairs(_ row: [GridCell], into collector: inout FieldCollector) {
    for (index, cell) in row.enumerated() {
      if FieldName.canonical(forLabel: cell.text) != nil {
        guard index + 1 < row.count else { continue }
        let next = row[index + 1]
        if !FormLabelVocabulary.isLabel(next.text) {
          collector.offer(label: cell.text, value: next.text)
        }
      } else {
        for line in cell.text.split(separator: "\n") {
          for pair in LabeledLineParser.pairs(in: String(line)) {
            collector.offer(label: pair.label, value: pair.value)
          }
        }
      }
    }
  }

  /// A row of labels only (at least one of them a field) above a row with no labels at all.
  private static func isHeaderRow(_ row: [GridCell], above below: [GridCell]) -> Bool {
    let filled = row.filter { !$0.isEmpty }
    guard filled.contains(where: { FieldName.canonical(forLabel: $0.text) != nil }),
      filled.allSatisfy({ FormLabelVocabulary.isLabel($0.text) })
    else { return false }
    let filledBelow = below.filter { !$0.isEmpty }
    return !filledBelow.isEmpty
      && !filledBelow.contains(where: {
        FormLabelVocabulary.isLabel($0.text) || $0.text.contains(where: { LabelText.colons.contains($0) })
      })
  }

  /// The cell of `row` starting at grid column `start`, or else the one covering it.
  private static func alignedCell(in row: [GridCell], at start: Int) -> GridCell? {
    row.first { $0.start == start } ?? row.first { $0.start < start && start < $0.start + $0.span }
  }

  private static func gridCells(_ row: [TableCell]) -> [GridCell] {
    var column = 0
    return row.map { cell in
      let span = max(1, cell.gridSpan)
      defer { column += span }
      return GridCell(text: cellText(cell), start: column, span: span)
    }
  }

  /// The cell's own paragraphs joined by "\n" (nested tables are scanned separately).
  private static func cellText(_ cell: TableCell) -> String {
    var lines: [String] = []
    for case .paragraph(let paragraph) in cell.blocks { lines.append(paragraph.text) }
    return lines.joined(separator: "\n")
  }
}
