import Foundation
import ZIPFoundation

struct CorpusWriteError: Error, CustomStringConvertible {
  var path: String
  var reason: String
  var description: String { "\(path): \(reason)" }
}

/// Writes a `WordDocument` as a minimal, valid .docx (plain WordprocessingML in a ZIP container).
/// Entries always have the same order, timestamp and compression, so the bytes depend only on
/// the document.
enum DocxWriter {
  static func data(for document: WordDocument, name: String) throws(CorpusWriteError) -> Data {
    let parts: [(String, String)] = [
      ("[Content_Types].xml", contentTypes),
      ("_rels/.rels", packageRelationships),
      ("word/document.xml", documentXML(document)),
      ("word/styles.xml", stylesXML(document.headingStyle)),
      ("word/_rels/document.xml.rels", documentRelationships),
    ]
    do {
      let archive = try Archive(accessMode: .create)
      for (path, xml) in parts {
        let bytes = Data(xml.utf8)
        try archive.addEntry(
          with: path, type: .file, uncompressedSize: Int64(bytes.count),
          modificationDate: fixedTimestamp, permissions: 0o644, compressionMethod: .deflate,
          provider: { position, size in
            bytes.subdata(in: Int(position)..<(Int(position) + size))
          })
      }
      guard let data = archive.data else {
        throw CorpusWriteError(path: name, reason: "the in-memory ZIP archive has no data")
      }
      return data
    } catch let error as CorpusWriteError {
      throw error
    } catch {
      throw CorpusWriteError(path: name, reason: "cannot build the ZIP container: \(error)")
    }
  }

  static func write(_ document: WordDocument, to url: URL) throws(CorpusWriteError) {
    let bytes = try data(for: document, name: url.path)
    do {
      try bytes.write(to: url)
    } catch {
      throw CorpusWriteError(path: url.path, reason: "cannot write: \(error.localizedDescription)")
    }
  }

  /// 2024-01-01 00:00 in the local calendar, because ZIP stores local DOS time: every machine
  /// then writes the same bytes.
  static let fixedTimestamp: Date = {
    let components = DateComponents(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0)
    return Calendar.current.date(from: components) ?? Date(timeIntervalSince1970: 1_704_067_200)
  }()

  static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    </Types>
    """

  static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="word/document.xml"/>\
    </Relationships>
    """

  static let documentRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" \
    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
    Target="styles.xml"/>\
    </Relationships>
    """

  static func stylesXML(_ variant: HeadingStyleVariant) -> String {
    let heading1 = variant.heading1
    let heading2 = variant.heading2
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:styles xmlns:w="\(wordNamespace)">\
      <w:docDefaults><w:rPrDefault><w:rPr>\
      <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>\
      <w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>\
      </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="360" w:lineRule="auto"/>\
      </w:pPr></w:pPrDefault></w:docDefaults>\
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\
      <w:pPr><w:jc w:val="both"/></w:pPr></w:style>\
      <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
      <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/>\
      </w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/></w:rPr></w:style>\
      <w:style w:type="paragraph" w:styleId="\(heading1.id)"><w:name w:val="\(heading1.name)"/>\
      <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>\
      <w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>\
      <w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="30"/></w:rPr></w:style>\
      <w:style w:type="paragraph" w:styleId="\(heading2.id)"><w:name w:val="\(heading2.name)"/>\
      <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>\
      <w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr>\
      <w:rPr><w:rFonts w:eastAsia="楷体"/><w:b/><w:sz w:val="28"/></w:rPr></w:style>\
      <w:style w:type="paragraph" w:customStyle="1" w:styleId="Instruction"><w:name w:val="填写说明"/>\
      <w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="楷体"/><w:color w:val="595959"/></w:rPr></w:style>\
      <w:style w:type="paragraph" w:customStyle="1" w:styleId="BodyIndent"><w:name w:val="正文缩进"/>\
      <w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr></w:style>\
      <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
      <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>\
      <w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
      </w:styles>
      """
  }

  static func documentXML(_ document: WordDocument) -> String {
    var xml = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:document xmlns:w="\(wordNamespace)"><w:body>
      """
    for block in document.blocks {
      switch block {
      case .paragraph(let paragraph):
        xml += paragraphXML(paragraph, variant: document.headingStyle)
      case .table(let table):
        xml += tableXML(table)
      }
    }
    xml += """
      <w:sectPr><w:pgSz w:w="11906" w:h="16838"/>\
      <w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" \
      w:gutter="0"/></w:sectPr></w:body></w:document>
      """
    return xml
  }

  static func styleID(_ role: ParagraphRole, variant: HeadingStyleVariant) -> String? {
    switch role {
    case .title: "Title"
    case .caption: nil
    case .heading1: variant.heading1.id
    case .heading2: variant.heading2.id
    case .instruction: "Instruction"
    case .body: "BodyIndent"
    }
  }

  static func paragraphXML(_ paragraph: DocParagraph, variant: HeadingStyleVariant) -> String {
    var properties = ""
    if let style = styleID(paragraph.role, variant: variant) {
      properties += "<w:pStyle w:val=\"\(style)\"/>"
    }
    if paragraph.role == .caption {
      properties += "<w:jc w:val=\"center\"/>"
    }
    let open = properties.isEmpty ? "<w:p>" : "<w:p><w:pPr>\(properties)</w:pPr>"
    return open + runsXML(paragraph.text, bold: paragraph.role == .caption) + "</w:p>"
  }

  /// Long paragraphs are split into several runs at the first comma, as editors do when
  /// formatting changes mid-paragraph; readers must join them.
  static func runsXML(_ text: String, bold: Bool) -> String {
    if text.isEmpty { return "" }
    let properties = bold ? "<w:rPr><w:b/></w:rPr>" : ""
    var pieces = [text]
    if text.count > 40, let comma = text.firstIndex(of: "，") {
      let split = text.index(after: comma)
      pieces = [String(text[..<split]), String(text[split...])]
    }
    return pieces.map { "<w:r>\(properties)<w:t xml:space=\"preserve\">\(escaped($0))</w:t></w:r>" }
      .joined()
  }

  static func tableXML(_ table: DocTable) -> String {
    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
    var xml = """
      <w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top \(border)/>\
      <w:left \(border)/><w:bottom \(border)/><w:right \(border)/><w:insideH \(border)/>\
      <w:insideV \(border)/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>
      """
    for width in table.columnWidths {
      xml += "<w:gridCol w:w=\"\(width)\"/>"
    }
    xml += "</w:tblGrid>"
    for row in table.rows {
      xml += "<w:tr>"
      var column = 0
      for cell in row {
        let end = min(column + cell.gridSpan, table.columnWidths.count)
        let width = table.columnWidths[min(column, table.columnWidths.count - 1)..<end].reduce(0, +)
        let span = cell.gridSpan > 1 ? "<w:gridSpan w:val=\"\(cell.gridSpan)\"/>" : ""
        xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(span)</w:tcPr>"
        xml += "<w:p>\(runsXML(cell.text, bold: false))</w:p></w:tc>"
        column += cell.gridSpan
      }
      xml += "</w:tr>"
    }
    return xml + "</w:tbl>"
  }

  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default:
        // Characters XML 1.0 forbids never come from this generator's text, but drop them defensively.
        if scalar.value < 0x20 && scalar != "\t" { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
