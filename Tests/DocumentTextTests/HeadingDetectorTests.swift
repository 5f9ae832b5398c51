import Testing

@testable import DocumentText

@Suite struct HeadingDetectorTests {
  @Test(arguments: [
    "一、立项依据", "二．研究内容", "十二、其他", "（二）研究目标", "(三)技术路线", "第一章 绪论", "第3节 方法",
    "1. 概述", "1.1 研究背景", "2、目标", "3.2.1 实验设计", "一、项目基本情况：",
  ])
  func recognisesNumberedHeadings(_ text: String) {
    #expect(HeadingDetector.isNumberedHeading(text))
  }

  @Test(arguments: [
    "", "一", "一、", "本项目一、二期工程", "1. 本项目拟采用数值模拟与试验相结合的技术路线，并在示范企业开展应用验证。",
    "2023年项目申报", "1.5万元", "（二）", "一、本项目针对区域产业升级中的关键技术问题开展系统的理论分析与实验验证并形成可推广的成套技术与装备，具有良好的应用前景和推广价值。",
    "1、经费预算合理，进度安排可行。",
  ])
  func rejectsBodyText(_ text: String) {
    #expect(!HeadingDetector.isNumberedHeading(text))
  }

  @Test func styleNamesGiveOutlineLevels() {
    #expect(HeadingDetector.outlineLevel(styleName: "heading 1") == 0)
    #expect(HeadingDetector.outlineLevel(styleName: "Heading3") == 2)
    #expect(HeadingDetector.outlineLevel(styleName: "标题 2") == 1)
    #expect(HeadingDetector.outlineLevel(styleName: "标题1") == 0)
    #expect(HeadingDetector.outlineLevel(styleName: "Normal") == nil)
    #expect(HeadingDetector.outlineLevel(styleName: "heading 10") == nil)
  }

  @Test func stylesXMLGivesLevelsThroughBasedOnAndNames() throws {
    let styles = WordXML.part(
      "styles",
      """
      <w:style w:type="paragraph" w:styleId="a1"><w:name w:val="heading 1"/></w:style>\
      <w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="我的标题"/><w:basedOn w:val="Outline2"/></w:style>\
      <w:style w:type="paragraph" w:styleId="Outline2"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>\
      <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
      """)
    let body = [
      WordXML.paragraph("总述", style: "a1"), WordXML.paragraph("正文"), WordXML.paragraph("细节", style: "Custom"),
      "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>直接大纲</w:t></w:r></w:p>",
      WordXML.paragraph("循环", style: "Loop"), WordXML.paragraph("（一）编号标题"),
    ].joined()
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(body), mainRelationships: [("rId1", "styles", "styles.xml")],
      parts: [("word/styles.xml", styles)])
    let layout = TextLayout(try DocumentReader().read(data: bytes, name: "styles.docx"))
    #expect(layout.paragraphs.map(\.outlineLevel) == [0, nil, 1, 2, nil, nil])
    #expect(layout.paragraphs.map(\.isHeading) == [true, false, true, true, false, true])
  }
}
