import Testing

@testable import ExternalReaders

@Suite struct TesseractTSVTests {
  func row(_ page: Int, _ block: Int, _ paragraph: Int, _ line: Int, _ confidence: Double, _ text: String)
    -> String
  {
    "5\t\(page)\t\(block)\t\(paragraph)\t\(line)\t1\t0\t0\t10\t10\t\(confidence)\t\(text)"
  }

  @Test func wordsBecomeLinesAndParagraphsWithTheirConfidence() {
    let tsv = [
      "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
      "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
      row(1, 1, 1, 1, 90, "项目"), row(1, 1, 1, 1, 80, "名称"), row(1, 1, 1, 1, 96, "5G"),
      row(1, 1, 1, 1, 96, "network"),
      row(1, 1, 1, 2, 100, "研发"),
      row(1, 2, 1, 1, 95, "|"), row(1, 2, 1, 1, 95, "第二段"),
      row(1, 3, 1, 1, 20, "击"),  // a speck: short and unsure
    ].joined(separator: "\n")
    let pages = TesseractTSV.parse(tsv)
    #expect(pages.count == 1)
    #expect(pages[0].paragraphs == [["项目名称5G network", "研发"], ["第二段"]])
    // (2·0.9 + 2·0.8 + 2·0.96 + 7·0.96 + 2·1 + 3·0.95 + 1·0.2) / 19 characters
    let expected = (1.8 + 1.6 + 1.92 + 6.72 + 2 + 2.85 + 0.2) / 19
    #expect(abs((pages[0].confidence ?? 0) - expected) < 1e-9)
  }
}
