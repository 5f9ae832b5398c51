import Foundation
import Testing

@testable import DocumentText

/// Extracted text against other extractors' expected outputs, all whitespace ignored
/// (Tools/reference-check runs the comparison over the whole shared corpus).
@Suite struct ReferenceReaderFixtureTests {
  func squashed(_ text: String) -> String {
    String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
  }

  func expectAgreement(_ docx: String, _ expected: String) throws {
    let document = try DocumentReader().read(path: Fixtures.path("docx/\(docx)"))
    let main = document.parts.filter { $0.kind == .main }
    let ours = TextLayout(ExtractedDocument(path: docx, format: document.format, parts: main)).text
    let reference = try String(contentsOfFile: Fixtures.path("docx/\(expected)"), encoding: .utf8)
    #expect(squashed(ours) == squashed(reference))
  }

  @Test func textractParagraphsAndNestedTables() throws {
    try expectAgreement("textract-paragraphs_and_tables.docx", "textract-paragraphs_and_tables.expected.txt")
  }

  @Test func nodeWordExtractorTrackedChangesAndEmoji() throws {
    try expectAgreement("word-extractor-test01.docx", "word-extractor-test01.expected.txt")
  }
}
