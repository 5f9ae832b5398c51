import ChachongModel
import Foundation
import Testing

@testable import DocumentText

@Suite struct XMLFormatTests {
  let reader = DocumentReader()

  @Test func flatOPCReadsPartsNamedByItsRelationships() throws {
    let document = try reader.read(path: Fixtures.path("docx/docx4j-flat-opc-header-simple.xml"))
    #expect(document.format == .flatOPC)
    #expect(document.parts.map(\.kind) == [.main, .header])
    #expect(document.parts.map(\.name) == ["word/document.xml", "word/header1.xml"])
    let layout = TextLayout(document)
    #expect(layout.paragraphs.first?.text == "This document contains a simple header.")
    #expect(layout.paragraphs.last?.text == "Simple header")
  }

  @Test func word2003XMLWithInlineHeadersAndStyles() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <?mso-application progid="Word.Document"?>
      <w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" \
      xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint">\
      <w:styles><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>\
      <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>\
      <w:body><wx:sect><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>概述</w:t></w:r></w:p>\
      <w:p><w:r><w:t>正文</w:t></w:r><w:r><w:footnote><w:p><w:r><w:t>注释</w:t></w:r></w:p></w:footnote></w:r>\
      <w:r><w:t>继续</w:t></w:r></w:p>\
      <w:sectPr><w:hdr w:type="odd"><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr></w:sectPr></wx:sect></w:body>\
      </w:wordDocument>
      """
    let document = try reader.read(data: Array(xml.utf8), name: "w2003.xml")
    #expect(document.format == .word2003)
    #expect(document.parts.map(\.kind) == [.main, .header, .footnotes])
    let layout = TextLayout(document)
    #expect(layout.text == "概述\n正文继续\n页眉\n注释")
    #expect(layout.paragraphs[0].isHeading && layout.paragraphs[0].outlineLevel == 0)
    #expect(layout.sections == [TextSection(title: "概述", start: 0, end: 7)])
  }

  @Test func bareDocumentXML() throws {
    let document = try reader.read(data: WordXML.document(WordXML.paragraph("裸")), name: "dir/document.xml")
    #expect(document.format == .documentXML)
    #expect(document.parts.map(\.name) == ["document.xml"])
  }

  @Test func predefinedEntitiesAndCharacterReferencesAreText() throws {
    let body = "<w:p><w:r><w:t>A &amp; B &lt;c&gt; &#x4E2D;&#25991; &quot;q&quot;</w:t></w:r></w:p>"
    #expect(try mainParagraphs(WordXML.document(body)) == ["A & B <c> 中文 \"q\""])
  }

  @Test func billionLaughsIsRefusedQuickly() throws {
    var declarations = "<!ENTITY lol \"lol\">"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
    }
    let xml = """
      <?xml version="1.0"?><!DOCTYPE w:document [\(declarations)]>
      <w:document xmlns:w="\(WordXML.main)"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
      """
    let start = Date()
    #expect(throws: DocumentReadError(path: "laughs.xml", reason: .entityExpansion)) {
      try reader.read(data: Array(xml.utf8), name: "laughs.xml")
    }
    let bytes = try ZipBuilder.docx(document: Array(xml.utf8))
    #expect(throws: DocumentReadError(path: "laughs.docx", reason: .entityExpansion)) {
      try reader.read(data: bytes, name: "laughs.docx")
    }
    #expect(Date().timeIntervalSince(start) < 5)
  }

  @Test func externalEntitiesAreNeverLoaded() throws {
    let xml = """
      <?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <w:document xmlns:w="\(WordXML.main)"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>
      """
    #expect(throws: DocumentReadError(path: "xxe.xml", reason: .entityExpansion)) {
      try reader.read(data: Array(xml.utf8), name: "xxe.xml")
    }
  }

  @Test func malformedSingleFileXML() {
    let error = #expect(throws: DocumentReadError.self) {
      try reader.read(
        data: Array("<w:document xmlns:w=\"\(WordXML.main)\"><w:body></w:document>".utf8), name: "bad.xml")
    }
    guard case .malformedXML = error?.reason else {
      Issue.record("expected malformedXML, got \(String(describing: error))")
      return
    }
  }
}
