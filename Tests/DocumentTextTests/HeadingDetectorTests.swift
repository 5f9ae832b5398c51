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
    // Short numbered list items that end a sentence (a regulation's, an application's).
    "(四)拒绝交验证件的。", "（一）完成样机研制；", "二、略。",
  ])
  func rejectsBodyText(_ text: String) {
    #expect(!HeadingDetector.isNumberedHeading(text))
  }

  @Test func tableOfContentsEntriesAreRecognised() {
    #expect(HeadingDetector.isTableOfContentsEntry("第1章 绪论\t1"))
    #expect(HeadingDetector.isTableOfContentsEntry("1.1 背景\tiv"))
    #expect(!HeadingDetector.isTableOfContentsEntry("第1章 绪论"))
    #expect(!HeadingDetector.isTableOfContentsEntry("金额\t万元"))
    #expect(HeadingDetector.isTableOfContentsStyle("TOC1") && HeadingDetector.isTableOfContentsStyle("目录 2"))
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
      WordXML.paragraph("一、目录中的标题", style: "TOC1"),
    ].joined()
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(body), mainRelationships: [("rId1", "styles", "styles.xml")],
      parts: [("word/styles.xml", styles)])
    let layout = TextLayout(try DocumentReader().read(data: bytes, name: "styles.docx"))
    #expect(layout.paragraphs.map(\.outlineLevel) == [0, nil, 1, 2, nil, nil, nil])
    #expect(layout.paragraphs.map(\.isHeading) == [true, false, true, true, false, true, false])
  }

  @Test func chineseListNumberingMakesShortParagraphsHeadings() throws {
    let numbering = WordXML.part(
      "numbering",
      """
      <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/>\
      <w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>\
      </w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>\
      <w:lvlText w:val="第%1章"/></w:lvl></w:abstractNum>\
      <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
      """)
    func numbered(_ text: String, id: Int, level: Int) -> String {
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(id)\"/></w:numPr></w:pPr>"
        + "<w:r><w:t>\(text)</w:t></w:r></w:p>"
    }
    let body = [
      numbered("立论依据", id: 5, level: 0), numbered("短的列表项", id: 5, level: 1),
      numbered("本项目面向区域产业升级中的关键技术问题开展系统研究，形成可推广的成套技术与装备，具有良好的应用前景和推广价值和示范意义。", id: 5, level: 0),
      numbered("绪论", id: 6, level: 0),
    ].joined()
    let bytes = try ZipBuilder.docx(
      document: WordXML.document(body), mainRelationships: [("rId1", "numbering", "numbering.xml")],
      parts: [("word/numbering.xml", numbering)])
    let layout = TextLayout(try DocumentReader().read(data: bytes, name: "numbered.docx"))
    #expect(layout.paragraphs.map(\.isHeading) == [true, false, false, true])
    #expect(layout.sections.map(\.title) == ["立论依据", "绪论"])
  }
}
