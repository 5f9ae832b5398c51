/// Finds label/value cells in the tables of an application form. Pure.
///
/// Layouts read: a label cell followed by its value cell in the same row (two-column
/// `label | value` and four-column `label | value | label | value`, cells merged with gridSpan);
/// a row made only of labels whose values sit in the aligned cells of the row below; and
/// `label：value` text inside a single cell. Nested tables are scanned in place. List tables whose
/// heading row starts with `序号` (partners, team members) give no fields.
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
      if isColumnHeaderRow(row) {
        // A list of partners or team members: its rows are not the applicant's own fields.
      } else if let below, isHeaderRow(row, above: below) {
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

  /// A row of labels only (every cell filled, at least one a field) above a row with the same
  /// cell boundaries and no labels at all. A label next to an empty cell is a pair left blank, not
  /// a heading, so a blank form never takes the next row's text as a value.
  private static func isHeaderRow(_ row: [GridCell], above below: [GridCell]) -> Bool {
    guard row.allSatisfy({ !$0.isEmpty && FormLabelVocabulary.isLabel($0.text) }),
      row.contains(where: { FieldName.canonical(forLabel: $0.text) != nil }),
      row.map(\.start) == below.map(\.start)
    else { return false }
    let filledBelow = below.filter { !$0.isEmpty }
    return !filledBelow.isEmpty
      && !filledBelow.contains(where: {
        FormLabelVocabulary.isLabel($0.text) || $0.text.contains(where: { LabelText.colons.contains($0) })
      })
  }

  /// A heading row of a list table (`序号 | 单位名称 | 工作分工`), whose cells are not pairs.
  private static func isColumnHeaderRow(_ row: [GridCell]) -> Bool {
    guard let first = row.first(where: { !$0.isEmpty }) else { return false }
    return FormLabelVocabulary.columnHeaderStarts.contains(LabelText.key(first.text))
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
