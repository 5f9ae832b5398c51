/// Writes a one-sheet `.xlsx` workbook (Office Open XML SpreadsheetML) with our own zip writer:
/// a bold, frozen header row, then rows of text (inline strings) and numbers. Characters XML 1.0
/// does not allow are dropped; cells longer than Excel's 32 767-character limit are cut.
enum XLSXWriter {
  enum Cell: Equatable {
    case text(String)
    case number(Double)
  }

  static let cellCharacterLimit = 32_767

  static func workbook(sheetName: String, header: [String], rows: [[Cell]], columnWidths: [Int] = [])
    throws(ZipWriter.ZipError) -> [UInt8]
  {
    var zip = ZipWriter()
    try zip.add("[Content_Types].xml", Array(contentTypes.utf8))
    try zip.add("_rels/.rels", Array(rootRelationships.utf8))
    try zip.add("xl/workbook.xml", Array(workbookXML(sheetName: sheetName).utf8))
    try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8))
    try zip.add("xl/styles.xml", Array(styles.utf8))
    try zip.add(
      "xl/worksheets/sheet1.xml",
      Array(sheetXML(header: header, rows: rows, columnWidths: columnWidths).utf8))
    return zip.finish()
  }

  static func sheetXML(header: [String], rows: [[Cell]], columnWidths: [Int]) -> String {
    var xml = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" \
      state="frozen"/></sheetView></sheetViews>
      """
    if !columnWidths.isEmpty {
      xml += "<cols>"
      for (index, width) in columnWidths.enumerated() {
        xml +=
          "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(max(4, min(120, width)))\" customWidth=\"1\"/>"
      }
      xml += "</cols>"
    }
    xml += "<sheetData>"
    xml += row(1, header.map(Cell.text), style: 1)
    for (index, cells) in rows.enumerated() {
      xml += row(index + 2, cells, style: nil)
    }
    xml += "</sheetData></worksheet>"
    return xml
  }

  private static func row(_ number: Int, _ cells: [Cell], style: Int?) -> String {
    var xml = "<row r=\"\(number)\">"
    let styleAttribute = style.map { " s=\"\($0)\"" } ?? ""
    for (column, cell) in cells.enumerated() {
      let reference = columnName(column) + String(number)
      switch cell {
      case .text(let value):
        xml += "<c r=\"\(reference)\" t=\"inlineStr\"\(styleAttribute)><is><t xml:space=\"preserve\">"
        xml += escape(value) + "</t></is></c>"
      case .number(let value):
        if value.isFinite {
          xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(value)</v></c>"
        }
      }
    }
    return xml + "</row>"
  }

  /// `A`, `B`, … `Z`, `AA`, … for a zero-based column.
  static func columnName(_ index: Int) -> String {
    var number = index + 1
    var name = ""
    while number > 0 {
      let remainder = (number - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + remainder))) + name
      number = (number - 1) / 26
    }
    return name
  }

  /// XML-escapes text and drops characters XML 1.0 forbids (control characters, lone surrogates
  /// cannot occur in a Swift string), cut at Excel's cell limit.
  static func escape(_ text: String) -> String {
    var result = ""
    var count = 0
    for scalar in text.unicodeScalars {
      guard count < cellCharacterLimit else { break }
      count += 1
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      case "\u{FFFE}", "\u{FFFF}": continue
      default:
        if scalar.value < 0x20 { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func workbookXML(sheetName: String) -> String {
    // Sheet names: at most 31 characters, none of []:*?/\ .
    let forbidden = Set("[]:*?/\\")
    let cleaned = String(sheetName.filter { !forbidden.contains($0) }.prefix(31))
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
      xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <sheets><sheet name="\(escape(cleaned.isEmpty ? "Sheet1" : cleaned))" sheetId="1" r:id="rId1"/></sheets></workbook>
      """
  }

  private static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
    <Override PartName="/xl/worksheets/sheet1.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
    <Override PartName="/xl/styles.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
    </Types>
    """

  private static let rootRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="xl/workbook.xml"/></Relationships>
    """

  private static let workbookRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
    Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
    Target="styles.xml"/></Relationships>
    """

  /// Style 0: normal; style 1: bold header with a grey fill, wrapped.
  private static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
    <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
    <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
    <fill><patternFill patternType="solid"><fgColor rgb="FFE7ECF3"/><bgColor indexed="64"/></patternFill></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
    </styleSheet>
    """
}
