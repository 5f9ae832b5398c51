import ChachongModel
import Testing

@testable import DocumentText

@Suite struct TextLayoutTests {
  func document() -> ExtractedDocument {
    let table = Table(rows: [
      [
        TableCell(blocks: [.paragraph(Paragraph(text: "单元"))]),
        TableCell(blocks: [.paragraph(Paragraph(text: "𠀀x"))]),
      ]
    ])
    let main = DocumentPart(
      kind: .main, name: "word/document.xml",
      blocks: [
        .paragraph(Paragraph(text: "封面")),
        .paragraph(Paragraph(text: "一、立项依据", isHeading: true)),
        .table(table),
        .paragraph(Paragraph(text: "二、内容", style: "Heading1", outlineLevel: 0, isHeading: true)),
        .paragraph(Paragraph(text: "正文")),
      ])
    let header = DocumentPart(
      kind: .header, name: "word/header1.xml", blocks: [.paragraph(Paragraph(text: "页眉"))])
    return ExtractedDocument(path: "a.docx", format: .docx, parts: [main, header])
  }

  @Test func textJoinsParagraphsInOrderWithScalarOffsets() {
    let layout = TextLayout(document())
    #expect(layout.text == "封面\n一、立项依据\n单元\n𠀀x\n二、内容\n正文\n页眉")
    let spans = layout.paragraphs.map { [$0.start, $0.end] }
    #expect(spans == [[0, 2], [3, 9], [10, 12], [13, 15], [16, 20], [21, 23], [24, 26]])
    let scalars = Array(layout.text.unicodeScalars)
    for paragraph in layout.paragraphs {
      #expect(String(String.UnicodeScalarView(scalars[paragraph.start..<paragraph.end])) == paragraph.text)
    }
    #expect(layout.paragraphs.map(\.inTable) == [false, false, true, true, false, false, false])
    #expect(layout.paragraphs.last?.part == .header)
    #expect(layout.paragraphs.last?.partName == "word/header1.xml")
  }

  @Test func sectionsCoverTheMainPartFromHeadings() {
    let layout = TextLayout(document())
    #expect(
      layout.sections == [
        TextSection(title: "", start: 0, end: 3), TextSection(title: "一、立项依据", start: 3, end: 16),
        TextSection(title: "二、内容", start: 16, end: 23),
      ])
    #expect(layout.paragraphs.map(\.section) == ["", "一、立项依据", "一、立项依据", "一、立项依据", "二、内容", "二、内容", nil])
    #expect(layout.section(at: 0) == "")
    #expect(layout.section(at: 13) == "一、立项依据")
    #expect(layout.section(at: 22) == "二、内容")
    #expect(layout.section(at: 25) == nil)
  }

  @Test func documentStartingWithAHeadingHasNoEmptySection() {
    let part = DocumentPart(
      kind: .main, name: "m",
      blocks: [.paragraph(Paragraph(text: "一、甲", isHeading: true)), .paragraph(Paragraph(text: "乙"))])
    let layout = TextLayout(ExtractedDocument(path: "p", format: .text, parts: [part]))
    #expect(layout.sections == [TextSection(title: "一、甲", start: 0, end: 5)])
  }

  @Test func emptyDocument() {
    let layout = TextLayout(ExtractedDocument(path: "p", format: .text, parts: []))
    #expect(layout.text.isEmpty && layout.sections.isEmpty && layout.section(at: 0) == nil)
  }
}
