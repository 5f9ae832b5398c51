/// An A1-style cell reference (`C5` → column 2, row 5). Pure.
struct CellReference: Equatable {
  /// Zero-based column.
  var column: Int
  /// One-based row as written; nil for a column-only reference.
  var row: Int?

  /// Excel's last column is XFD (16,384 columns).
  static let maximumColumns = 16_384
  /// Excel's last row.
  static let maximumRows = 1_048_576

  init(column: Int, row: Int?) {
    self.column = column
    self.row = row
  }

  init?(_ text: String) {
    var column = 0
    var row = 0
    var letters = 0
    var digits = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x24: continue  // `$` of absolute references
      case 0x41...0x5A, 0x61...0x7A:
        guard digits == 0 else { return nil }
        letters += 1
        column = column * 26 + Int((scalar.value | 0x20) - 0x61 + 1)
        guard column <= Self.maximumColumns else { return nil }
      case 0x30...0x39:
        guard letters > 0 else { return nil }
        digits += 1
        row = row * 10 + Int(scalar.value - 0x30)
        guard row <= Self.maximumRows else { return nil }
      default:
        return nil
      }
    }
    guard letters > 0 else { return nil }
    self.column = column - 1
    self.row = digits > 0 ? row : nil
  }
}
