import Foundation
import Testing

@testable import DocumentText

@Suite struct ContainerTests {
  let reader = DocumentReader()

  @Test func mainPartIsFoundThroughPackageRelationships() throws {
    let document = try reader.read(path: Fixtures.path("docx/renamed_document_xml.docx"))
    #expect(document.format == .docx)
    #expect(document.parts.map(\.name) == ["word/blah_blah.xml"])
    #expect(TextLayout(document).text == "This is a link to my website.")
  }

  @Test func strictPackageIsRead() throws {
    let document = try reader.read(path: Fixtures.path("docx/strict.docx"))
    let texts = TextLayout(document).paragraphs.map(\.text)
    #expect(texts.starts(with: ["Bullet1", "Bullet2", "Number1", "Number2"]))
    #expect(texts.contains("Cellbb"))
  }

  @Test func headersFootersAndNotesAreSeparateLabelledParts() throws {
    let header = WordXML.part("hdr", WordXML.paragraph("页眉"))
    let footer = WordXML.part("ftr", WordXML.paragraph("页脚"))
    let notes = WordXML.part(
      "footnotes",
      """
      <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
      <w:footnote w:id="1">\(WordXML.paragraph("脚注"))</w:footnote>
      """)
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(WordXML.paragraph("正文")),
      mainRelationships: [
        ("rId3", "footer", "footer1.xml"), ("rId2", "header", "header10.xml"),
        ("rId1", "header", "header2.xml"), ("rId4", "footnotes", "footnotes.xml"),
        ("rId5", "hyperlink", "https://example.org"),
      ],
      parts: [
        ("word/header2.xml", header), ("word/header10.xml", header), ("word/footer1.xml", footer),
        ("word/footnotes.xml", notes),
      ])
    let document = try reader.read(data: bytes, name: "parts.docx")
    #expect(document.parts.map(\.kind) == [.main, .header, .header, .footer, .footnotes])
    #expect(
      document.parts.map(\.name) == [
        "word/document.xml", "word/header2.xml", "word/header10.xml", "word/footer1.xml",
        "word/footnotes.xml",
      ])
    let layout = TextLayout(document)
    #expect(layout.text == "正文\n页眉\n页眉\n页脚\n脚注")
    #expect(layout.paragraphs.last?.part == .footnotes)
  }

  @Test func committedFootnotesFixtureHasNotesPart() throws {
    let document = try reader.read(path: Fixtures.path("docx/mammoth-footnotes.docx"))
    let notes = try #require(document.parts.first { $0.kind == .footnotes })
    let texts = TextLayout(ExtractedDocument(path: "", format: .docx, parts: [notes])).paragraphs.map(\.text)
    #expect(texts == [" A tachyon walks into a bar.", " Fin."])
  }

  @Test func trackedChangesFixtureDropsDeletions() throws {
    let text = TextLayout(try reader.read(path: Fixtures.path("docx/poi-delins.docx"))).text
    #expect(text.contains("Tika can be:"))
    #expect(text.contains("A Nepalese name for Tilaka"))
  }

  @Test func entryNamesWithParentSegmentsAreIgnoredWithAWarning() throws {
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(WordXML.paragraph("ok")), parts: [("../evil.xml", [0x3C])])
    let document = try reader.read(data: bytes, name: "evil.docx")
    #expect(TextLayout(document).text == "ok")
    #expect(document.warnings.contains { $0.contains("../evil.xml") })
  }

  @Test func zipBombIsATypedError() throws {
    // 8 MB of blanks deflate about 1000:1: past the 200:1 limit once 1 MB is inflated.
    let blanks = [UInt8](repeating: 0x20, count: 8 * 1024 * 1024)
    let bytes = try ZipBuilder.docx(document: WordXML.document("") + blanks)
    #expect(bytes.count < blanks.count / 200)
    let error = #expect(throws: DocumentReadError.self) { try reader.read(data: bytes, name: "bomb.docx") }
    guard case .zipBomb = error?.reason else {
      Issue.record("expected zipBomb, got \(String(describing: error))")
      return
    }
    #expect(error?.description.hasPrefix("bomb.docx: ") == true)
  }

  @Test func declaredSizeBeyondTheLimitIsABomb() throws {
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(WordXML.paragraph(String(repeating: "字", count: 4000))))
    let small = DocumentReader(limits: ReadLimits(maxEntryBytes: 4096))
    let error = #expect(throws: DocumentReadError.self) { try small.read(data: bytes, name: "big.docx") }
    guard case .zipBomb = error?.reason else {
      Issue.record("expected zipBomb, got \(String(describing: error))")
      return
    }
  }

  @Test func truncatedZipIsCorrupt() throws {
    let error = #expect(throws: DocumentReadError.self) {
      try reader.read(path: Fixtures.path("docx/poi-truncated62886.docx"))
    }
    guard case .corruptZip = error?.reason else {
      Issue.record("expected corruptZip, got \(String(describing: error))")
      return
    }
    let whole = try ZipBuilder.docx(document: WordXML.document(WordXML.paragraph("x")))
    let cut = #expect(throws: DocumentReadError.self) {
      try reader.read(data: Array(whole.prefix(whole.count - 30)), name: "cut.docx")
    }
    guard case .corruptZip = cut?.reason else {
      Issue.record("expected corruptZip, got \(String(describing: cut))")
      return
    }
  }

  @Test func encryptedWordIsToldAndLegacyDocIsRead() throws {
    #expect(
      throws: DocumentReadError(
        path: Fixtures.path("docx/poi-encrypted-password-is-pass.docx"), reason: .encryptedWord)
    ) {
      try reader.read(path: Fixtures.path("docx/poi-encrypted-password-is-pass.docx"))
    }
    let legacy = try reader.read(path: Fixtures.path("docx/word-extractor-test05.doc"))
    #expect(legacy.format == .doc)
    #expect(!TextLayout(legacy).text.isEmpty)
  }

  @Test func otherTypedErrors() throws {
    #expect(throws: DocumentReadError(path: "x.docx", reason: .notAZip)) {
      try reader.read(data: Array("just some text".utf8), name: "x.docx")
    }
    #expect(throws: DocumentReadError(path: "/nonexistent/a.docx", reason: .fileNotFound)) {
      try reader.read(path: "/nonexistent/a.docx")
    }
    let noMain = try ZipBuilder.zip([("content.xml", Array("<a/>".utf8))])
    #expect(throws: DocumentReadError(path: "n.docx", reason: .missingMainPart)) {
      try reader.read(data: noMain, name: "n.docx")
    }
    #expect(throws: DocumentReadError(path: "p.png", reason: .unknownFormat)) {
      try reader.read(data: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], name: "p.png")
    }
    #expect(throws: DocumentReadError(path: "r.xml", reason: .unknownFormat)) {
      try reader.read(data: Array("<root><a/></root>".utf8), name: "r.xml")
    }
  }

  @Test func malformedMainPartIsMalformedXML() throws {
    let bytes = try ZipBuilder.docx(document: Array("<w:document xmlns:w=\"\(WordXML.main)\"><w:body>".utf8))
    let error = #expect(throws: DocumentReadError.self) { try reader.read(data: bytes, name: "m.docx") }
    guard case .malformedXML(let detail) = error?.reason else {
      Issue.record("expected malformedXML, got \(String(describing: error))")
      return
    }
    #expect(detail.contains("word/document.xml"))
  }

  @Test func partNamesResolveAgainstTheirSource() {
    #expect(PartName.resolve("header1.xml", from: "word/document.xml") == "word/header1.xml")
    #expect(PartName.resolve("../media/a.png", from: "word/document.xml") == "media/a.png")
    #expect(PartName.resolve("/word/x.xml", from: "word/document.xml") == "word/x.xml")
    #expect(PartName.resolve("word/document.xml", from: "") == "word/document.xml")
    #expect(PartName.relationshipsPart(of: "word/document.xml") == "word/_rels/document.xml.rels")
    #expect(PartName.naturalOrder("word/header2.xml", "word/header10.xml"))
  }
}
