import ChachongModel

/// A table's header mapped to columns: the first occurrence of each column wins.
package struct TableColumnMap: Sendable, Equatable {
  package private(set) var indices: [RecordField: Int] = [:]
  /// Headers that name no known column (reported, not fatal).
  package private(set) var unknownHeaders: [String] = []

  package init(header: [String]) {
    for (index, name) in header.enumerated() {
      if let column = RecordField.column(forHeader: name) {
        if indices[column] == nil { indices[column] = index }
      } else if !name.trimmingSpaces.isEmpty {
        unknownHeaders.append(name)
      }
    }
  }

  package func contains(_ column: RecordField) -> Bool { indices[column] != nil }

  /// The trimmed cell of `column` in `row`, nil when absent or empty.
  package func value(_ column: RecordField, in row: [String]) -> String? {
    guard let index = indices[column], index < row.count else { return nil }
    return ApplicationField.nonEmpty(row[index])
  }
}
