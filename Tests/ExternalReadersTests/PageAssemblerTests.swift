import DocumentText
import Testing

@testable import ExternalReaders

@Suite struct PageAssemblerTests {
  let full = "未来网络是我市布局未来数字产业的重点方向之一以零信任访问控"  // a full line

  @Test func runningHeadersFootersAndPageNumbersAreRemoved() {
    let body = ["甲", "乙", "丙"]
    let pages = (1...3).map { number in
      PageLines(
        number: number,
        blocks: [
          ["南通市重点研发计划项目申报书（2023 年度）"], ["\(body[number - 1])页第一段。"], ["\(body[number - 1])页第二段。"],
          ["\(body[number - 1])页第三段。"], ["- \(number) -"],
        ])
    }
    let parts = PageAssembler.parts(pages)
    #expect(parts.map(\.name) == ["page 1", "page 2", "page 3"])
    #expect(parts.allSatisfy { $0.kind == .main && $0.ocrConfidence == nil })
    let texts = parts.map { part in
      part.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
    }
    #expect(texts == body.map { page in ["\(page)页第一段。", "\(page)页第二段。", "\(page)页第三段。"] })
  }

  @Test func aFigureAtTheFootOfAPageIsNotAPageNumber() {
    // Bare numbers that do not follow the pages (a table's last cell) stay.
    let pages = [
      PageLines(number: 1, blocks: [["一、经费"], ["设备费"], ["合计"], ["810"]]),
      PageLines(number: 2, blocks: [["二、说明"], ["材料费"], ["测试费"], ["2"]]),
      PageLines(number: 3, blocks: [["三、附件"], ["专家费"], ["劳务费"], ["3"]]),
    ]
    let document = ExtractedDocument(path: "x", format: .pdf, parts: PageAssembler.parts(pages))
    #expect(TextLayout(document).text == "一、经费\n设备费\n合计\n810\n二、说明\n材料费\n测试费\n三、附件\n专家费\n劳务费")
  }

  @Test func linesAreRejoinedIntoParagraphsWithoutSpacesBetweenHan() {
    let page = PageLines(
      number: 1,
      blocks: [[full, "制系统为载体。", "一、立项依据", full, "结束。"]])
    let document = ExtractedDocument(path: "x", format: .pdf, parts: PageAssembler.parts([page]))
    let paragraphs = TextLayout(document).paragraphs
    #expect(paragraphs.map(\.text) == [full + "制系统为载体。", "一、立项依据", full + "结束。"])
    #expect(PageAssembler.join("jumps over the", "lazy dog.") == "jumps over the lazy dog.")
    #expect(PageAssembler.join("单波传输速率不低于", "354Gbps。") == "单波传输速率不低于354Gbps。")
    #expect(paragraphs[1].isHeading)
    #expect(TextLayout(document).sections.map(\.title) == ["", "一、立项依据"])
  }

  @Test func aParagraphRunningOverAPageBreakStaysWholeOnItsFirstPage() {
    let pages = [
      PageLines(number: 1, blocks: [["开头。"], [full, full]]),
      PageLines(number: 2, blocks: [["制系统为载体。", "下一段。"]]),
    ]
    let parts = PageAssembler.parts(pages)
    let last = parts[0].blocks.last
    #expect(last == .paragraph(Paragraph(text: full + full + "制系统为载体。")))
    #expect(parts[1].blocks == [.paragraph(Paragraph(text: "下一段。"))])
  }

  @Test func aParagraphLongerThanAPageStaysWhole() {
    let lines = ["甲", "乙", "丙"].map { $0 + full.dropFirst(1) }
    let pages = [
      PageLines(number: 1, blocks: [["开头。"], [lines[0]]]),
      PageLines(number: 2, blocks: [[lines[1], lines[2]]]),
      PageLines(number: 3, blocks: [["结尾。"]]),
    ]
    let parts = PageAssembler.parts(pages)
    #expect(parts[0].blocks.last == .paragraph(Paragraph(text: lines.joined() + "结尾。")))
    #expect(parts[1].blocks.isEmpty && parts[2].blocks.isEmpty)
  }

  @Test func pageNumberForms() {
    for line in ["第 3 页", "第3页 共10页", "3/10", "Page 3 of 10"] {
      #expect(PageAssembler.isLabelledPageNumber(line), "\(line)")
    }
    for line in ["- 3 -", "— 12 —", "一3一"] { #expect(PageAssembler.isDecoratedPageNumber(line), "\(line)") }
    for line in ["3", "810", "第三章", "3.5", "2023年"] {
      #expect(!PageAssembler.isDecoratedPageNumber(line), "\(line)")
    }
    #expect(PageAssembler.bareNumber("810") == 810)
    #expect(PageAssembler.bareNumber("810万元") == nil)
  }
}
