/// The number format of each cell style (`xl/styles.xml`: `cellXfs` → `numFmtId` → built-in or
/// `numFmts` code), reduced to whether a style shows a date or time.
final class StylesHandler: SpreadsheetXMLHandler {
  private var customFormats: [Int: String] = [:]
  private var styleFormats: [Int] = []
  private var inCellStyles = false

  func start(_ localName: String, attributes: [String: String]) {
    switch localName {
    case "numFmt":
      if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
        customFormats[id] = code
      }
    case "cellXfs":
      inCellStyles = true
    case "xf" where inCellStyles:
      styleFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
    default:
      break
    }
  }

  func end(_ localName: String) {
    if localName == "cellXfs" { inCellStyles = false }
  }

  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}

  /// Style index (`<c s="…">`) → date kind, for the styles that show dates or times.
  var dateStyles: [Int: ExcelDate.Kind] {
    var result: [Int: ExcelDate.Kind] = [:]
    for (index, formatID) in styleFormats.enumerated() {
      let kind: ExcelDate.Kind?
      if let code = customFormats[formatID] {
        kind = ExcelDate.kind(formatCode: code)
      } else {
        kind = ExcelDate.kind(builtinFormat: formatID)
      }
      if let kind { result[index] = kind }
    }
    return result
  }
}
