import CLibXML2
import Glibc

/// The namespaces the reader distinguishes; everything else is `.other`.
enum XMLNamespace: UInt8, Sendable {
  case none, other
  /// WordprocessingML, Transitional or Strict (the same vocabulary).
  case word
  /// Word 2003 XML (`w:wordDocument`): the same vocabulary, with headers and footnotes inline.
  case word2003
  case markupCompatibility
  case math
  /// Flat OPC (`pkg:package`).
  case package
  /// OPC relationships (`_rels/*.rels`).
  case relationships

  static let known: [(String, XMLNamespace)] = [
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", .word),
    ("http://purl.oclc.org/ooxml/wordprocessingml/main", .word),
    ("http://schemas.microsoft.com/office/word/2003/wordml", .word2003),
    ("http://schemas.openxmlformats.org/markup-compatibility/2006", .markupCompatibility),
    ("http://schemas.openxmlformats.org/officeDocument/2006/math", .math),
    ("http://purl.oclc.org/ooxml/officeDocument/math", .math),
    ("http://schemas.microsoft.com/office/2006/xmlPackage", .package),
    ("http://schemas.openxmlformats.org/package/2006/relationships", .relationships),
  ]

  private static let knownBytes: [([UInt8], XMLNamespace)] = known.map { (Array($0.0.utf8), $0.1) }

  /// Classifies a NUL-terminated namespace URI from libxml2.
  static func classify(_ uri: UnsafePointer<xmlChar>?) -> XMLNamespace {
    guard let uri else { return .none }
    let length = strlen(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self))
    for (bytes, namespace) in knownBytes where bytes.count == length {
      let equal = bytes.withUnsafeBufferPointer { buffer in
        buffer.baseAddress.map { memcmp($0, uri, length) == 0 } ?? false
      }
      if equal { return namespace }
    }
    return .other
  }

  /// Word's main vocabulary in any of its dialects.
  var isWord: Bool { self == .word || self == .word2003 }
}

/// Local names the reader acts on; everything else is `.other`.
enum XMLLocalName: UInt8, Sendable {
  case other
  // Body structure
  case document, body, p, r, t, tbl, tr, tc, tcPr, gridSpan, txbxContent
  // Run content
  case delText, instrText, delInstrText, tab, ptab, br, cr, sym, noBreakHyphen, softHyphen
  // Ruby: the phonetic guide (`w:rt`) above its base text
  case rt
  // Revisions and fields
  case del, ins, moveFrom, moveTo, fldChar, fldSimple
  case pPrChange, rPrChange, sectPrChange, tblPrChange, trPrChange, tcPrChange, numberingChange
  // Paragraph properties and styles
  case pPr, pStyle, outlineLvl, styles, style, name, basedOn, rFonts
  // Numbering
  case numPr, ilvl, numId, num, abstractNum, abstractNumId, lvl, numFmt, lvlText
  // Notes, Word 2003 inline parts
  case footnote, endnote, hdr, ftr, wordDocument
  // Markup compatibility
  case alternateContent, choice, fallback
  // Flat OPC and relationships
  case package, part, xmlData, relationship

  private static let byName: [String: XMLLocalName] = {
    let all: [XMLLocalName] = [
      .document, .body, .p, .r, .t, .tbl, .tr, .tc, .tcPr, .gridSpan, .txbxContent, .delText, .instrText,
      .delInstrText, .tab, .ptab, .br, .cr, .sym, .noBreakHyphen, .softHyphen, .rt, .del, .ins, .moveFrom,
      .moveTo, .fldChar, .fldSimple, .pPrChange, .rPrChange, .sectPrChange, .tblPrChange, .trPrChange,
      .tcPrChange, .numberingChange, .pPr, .pStyle, .outlineLvl, .styles, .style, .name, .basedOn, .rFonts,
      .numPr, .ilvl, .numId, .num, .abstractNum, .abstractNumId, .lvl, .numFmt, .lvlText,
      .footnote, .endnote, .hdr, .ftr, .wordDocument, .alternateContent, .choice, .fallback, .package,
      .part, .xmlData, .relationship,
    ]
    var table: [String: XMLLocalName] = [:]
    for name in all { table[name.spelling] = name }
    return table
  }()

  var spelling: String {
    switch self {
    case .alternateContent: "AlternateContent"
    case .choice: "Choice"
    case .fallback: "Fallback"
    case .relationship: "Relationship"
    default: String(describing: self)
    }
  }

  static func classify(_ name: UnsafePointer<xmlChar>) -> XMLLocalName {
    byName[String(cString: name)] ?? .other
  }
}

/// One element name as the handlers see it.
struct XMLElementName: Sendable, Equatable {
  var namespace: XMLNamespace
  var local: XMLLocalName
}

/// The attributes of one start tag, valid only during the callback.
struct XMLAttributes {
  fileprivate let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  fileprivate let count: Int

  init(base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
    self.base = base
    self.count = count
  }

  /// The value of the first attribute with this local name, whatever its namespace.
  func value(_ localName: StaticString) -> String? {
    guard let base else { return nil }
    let wanted = UnsafeRawPointer(localName.utf8Start).assumingMemoryBound(to: CChar.self)
    for index in 0..<count {
      let entry = base + index * 5
      guard let name = entry[0] else { continue }
      let nameChars = UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)
      guard strcmp(nameChars, wanted) == 0, let start = entry[3], let end = entry[4] else { continue }
      let length = end - start
      guard length > 0 else { return "" }
      return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
    }
    return nil
  }
}
