import Foundation

/// Reads the first worksheet of an `.xlsx` workbook into raw records: finds the workbook through
/// `_rels/.rels`, its first sheet, shared strings and styles through the workbook's relationships,
/// and places every cell by its reference. Numbers stay as written, except cells whose style shows
/// a date or time, which become `yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss` or `HH:mm:ss`. Zip entries are
/// read with the reader's limits.
enum XLSXReader {
  /// The most non-empty cells read from one sheet (and, padded, the most cells of the table).
  static let maximumCells = 5_000_000

  static func records(bytes: [UInt8], path: String, limits: ReadLimits) throws(DocumentReadError)
    -> [[String]]
  {
    let container = try ZipContainer(bytes: bytes, path: path, limits: limits)

    let workbookPart =
      try relationships(of: "", in: container, path: path)
      .first { $0.type.hasSuffix("/officeDocument") }
      .map { PartName.resolve($0.target, from: "") } ?? "xl/workbook.xml"
    guard container.contains(workbookPart) else {
      throw DocumentReadError(path: path, reason: .unreadable("not an Excel workbook (no \(workbookPart))"))
    }
    let workbook = WorkbookHandler()
    try parse(workbookPart, in: container, path: path, handler: workbook)
    let workbookRelationships = try relationships(of: workbookPart, in: container, path: path)

    guard let sheetID = workbook.firstSheetRelationship,
      let sheetTarget = workbookRelationships.first(where: { $0.id == sheetID })?.target
    else {
      throw DocumentReadError(path: path, reason: .unreadable("the workbook lists no worksheet"))
    }
    let sheetPart = PartName.resolve(sheetTarget, from: workbookPart)
    guard container.contains(sheetPart) else {
      throw DocumentReadError(path: path, reason: .unreadable("the first worksheet \(sheetPart) is missing"))
    }

    var sharedStrings: [String] = []
    if let target = workbookRelationships.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
      let part = PartName.resolve(target, from: workbookPart)
      if container.contains(part) {
        let handler = SharedStringsHandler()
        try parse(part, in: container, path: path, handler: handler)
        sharedStrings = handler.strings
      }
    }

    var dateStyles: [Int: ExcelDate.Kind] = [:]
    if let target = workbookRelationships.first(where: { $0.type.hasSuffix("/styles") })?.target {
      let part = PartName.resolve(target, from: workbookPart)
      if container.contains(part) {
        let handler = StylesHandler()
        try parse(part, in: container, path: path, handler: handler)
        dateStyles = handler.dateStyles
      }
    }

    let sheet = WorksheetHandler(
      sharedStrings: sharedStrings, dateStyles: dateStyles, uses1904Dates: workbook.uses1904Dates,
      maximumCells: maximumCells)
    try parse(sheetPart, in: container, path: path, handler: sheet)
    if let failure = sheet.failure {
      throw DocumentReadError(path: path, reason: .unreadable("\(sheetPart): \(failure)"))
    }
    guard sheet.paddedCellCount <= maximumCells else {
      throw DocumentReadError(
        path: path, reason: .tooLarge("\(sheetPart) spans more than \(maximumCells) cells"))
    }
    return sheet.records()
  }

  private static func relationships(
    of part: String, in container: ZipContainer, path: String
  ) throws(DocumentReadError) -> [SpreadsheetRelationshipsHandler.Relationship] {
    let relsPart = PartName.relationshipsPart(of: part)
    guard container.contains(relsPart) else { return [] }
    let handler = SpreadsheetRelationshipsHandler()
    try parse(relsPart, in: container, path: path, handler: handler)
    return handler.relationships
  }

  private static func parse(
    _ part: String, in container: ZipContainer, path: String, handler: any SpreadsheetXMLHandler
  ) throws(DocumentReadError) {
    let bytes = try container.read(part)
    do {
      try SpreadsheetXMLParser.parse(bytes, handler: handler, name: part, limits: container.limits)
    } catch {
      switch error {
      case .malformed(let detail): throw DocumentReadError(path: path, reason: .malformedXML(detail))
      case .entityDeclaration: throw DocumentReadError(path: path, reason: .entityExpansion)
      case .limit(let detail): throw DocumentReadError(path: path, reason: .tooLarge(detail))
      }
    }
  }
}
