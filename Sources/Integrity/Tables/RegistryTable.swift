import ChachongModel

/// Reads registry entries from a table (header row plus rows), as `TableFileReader` gives them.
package enum RegistryTable {
  /// The columns a registry must have to be useful.
  package static let requiredColumns: [RecordField] = [.program, .status]

  /// Problems are named by column; a missing required column is an error of the whole table.
  package enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
    case missingColumns([String])

    package var description: String {
      switch self {
      case .missingColumns(let names):
        return "missing column(s) " + names.joined(separator: ", ")
          + " (expected 计划类别, 年度, 状态, 项目名称, 承担单位, 统一社会信用代码, 项目负责人, 负责人身份证号, 起始日期, 结束日期)"
      }
    }
  }

  package static func entries(header: [String], rows: [[String]]) throws(Problem) -> [RegistryEntry] {
    let map = TableColumnMap(header: header)
    let missing = requiredColumns.filter { !map.contains($0) }.map { $0.headers[0] }
    guard missing.isEmpty else { throw .missingColumns(missing) }
    var entries: [RegistryEntry] = []
    for (index, row) in rows.enumerated() where row.contains(where: { !$0.trimmingSpaces.isEmpty }) {
      entries.append(
        RegistryEntry(
          row: index + 1,
          program: map.value(.program, in: row),
          year: map.value(.year, in: row).flatMap(parseYear),
          status: map.value(.status, in: row),
          title: map.value(.title, in: row),
          organisation: map.value(.organisation, in: row),
          creditCode: map.value(.creditCode, in: row),
          lead: map.value(.lead, in: row),
          leadID: map.value(.leadID, in: row),
          startDate: map.value(.startDate, in: row),
          endDate: map.value(.endDate, in: row), projectID: map.value(.projectNumber, in: row)))
    }
    return entries
  }

  /// "2022", "2022年", "2022.0" (spreadsheets) → 2022.
  package static func parseYear(_ text: String) -> Int? {
    var digits = ""
    for character in Timestamp.asciiFolded(text) {
      if character.isASCII && character.isNumber {
        digits.append(character)
      } else {
        break
      }
    }
    guard digits.count == 4, let year = Int(digits) else { return nil }
    return year
  }
}
