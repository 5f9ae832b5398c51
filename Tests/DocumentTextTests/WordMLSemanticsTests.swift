import Testing

@testable import DocumentText

@Suite struct WordMLSemanticsTests {
  @Test func trackedChangesReadAsAccepted() throws {
    let body = """
      <w:p><w:r><w:t xml:space="preserve">Keep </w:t></w:r>\
      <w:ins w:id="1" w:author="a"><w:r><w:t>inserted </w:t></w:r></w:ins>\
      <w:del w:id="2" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>\
      <w:moveFrom w:id="3" w:author="a"><w:r><w:t>moved-away </w:t></w:r></w:moveFrom>\
      <w:moveTo w:id="4" w:author="a"><w:r><w:t>moved-here</w:t></w:r></w:moveTo></w:p>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["Keep inserted moved-here"])
  }

  @Test func complexFieldsGiveTheirResultOnly() throws {
    let body = """
      <w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>\
      <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
      <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>\
      <w:r><w:fldChar w:fldCharType="end"/></w:r>\
      <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>hidden instruction</w:t></w:r>\
      <w:r><w:fldChar w:fldCharType="end"/></w:r>\
      <w:r><w:t xml:space="preserve"> of </w:t></w:r>\
      <w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["Page 7 of 9"])
  }

  @Test func nestedFieldsKeepOnlyTheOuterResult() throws {
    let body = """
      <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>\
      <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
      <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>\
      <w:r><w:fldChar w:fldCharType="end"/></w:r>\
      <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>result</w:t></w:r>\
      <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["result"])
  }

  @Test func contentControlsSmartTagsAndHyperlinksKeepTextOnce() throws {
    let body = """
      <w:sdt><w:sdtPr><w:alias w:val="项目名称"/></w:sdtPr><w:sdtContent>\
      <w:p><w:smartTag w:uri="u" w:element="place"><w:r><w:t>南通</w:t></w:r></w:smartTag>\
      <w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
      <w:r><w:t>市科技局</w:t></w:r></w:hyperlink>\
      <w:sdt><w:sdtContent><w:r><w:t>项目</w:t></w:r></w:sdtContent></w:sdt></w:p>\
      </w:sdtContent></w:sdt>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["南通市科技局项目"])
  }

  @Test func alternateContentIsReadOnceAndTextBoxesStayInPlace() throws {
    let textBox = "<w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent>"
    let body = """
      <w:p><w:r><w:t>before</w:t></w:r><w:r><mc:AlternateContent>\
      <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>\(textBox)</wps:txbx></wps:wsp></w:drawing></mc:Choice>\
      <mc:Fallback><w:pict><v:shape><v:textbox>\(textBox)</v:textbox></v:shape></w:pict></mc:Fallback>\
      </mc:AlternateContent></w:r><w:r><w:t> after</w:t></w:r></w:p>\
      \(WordXML.paragraph("next"))
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["框中文字", "before after", "next"])
  }

  @Test func fallbackIsReadWhenThereIsNoChoice() throws {
    let body = """
      <w:p><w:r><mc:AlternateContent><mc:Fallback><w:t>fallback</w:t></mc:Fallback>\
      </mc:AlternateContent></w:r></w:p>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["fallback"])
  }

  @Test func runContentMapsToCharacters() throws {
    let body = """
      <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>\
      <w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t>\
      <w:sym w:font="Symbol" w:char="F061"/><w:sym w:font="Wingdings" w:char="2022"/>\
      <w:t>e</w:t><w:noBreakHyphen/><w:t>f</w:t><w:softHyphen/><w:t>g</w:t><w:ptab w:alignment="right"/></w:r></w:p>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["a\tb\nc\ndα•e\u{2011}fg\t"])
  }

  @Test func nestedTablesKeepTheirPlaceAndSpans() throws {
    let inner = """
      <w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner1</w:t></w:r></w:p></w:tc>\
      <w:tc><w:p><w:r><w:t>inner2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
      """
    let body = """
      <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc></w:tr>\
      <w:tr><w:tc><w:p><w:r><w:t>left</w:t></w:r></w:p>\(inner)<w:p/></w:tc>\
      <w:tc><w:p><w:r><w:t>right</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\(WordXML.paragraph("after"))
      """
    let document = try DocumentReader().read(data: WordXML.document(body), name: "document.xml")
    guard case .table(let table) = document.parts[0].blocks.first else {
      Issue.record("expected a table first")
      return
    }
    #expect(table.rows.count == 2)
    #expect(table.rows[0][0].gridSpan == 2)
    #expect(table.rows[1].count == 2)
    guard case .table(let nested) = table.rows[1][0].blocks[1] else {
      Issue.record("expected the nested table in place")
      return
    }
    #expect(nested.rows[0].count == 2)
    let layout = TextLayout(document)
    #expect(layout.paragraphs.map(\.text) == ["wide", "left", "inner1", "inner2", "", "right", "after"])
    #expect(layout.paragraphs.map(\.inTable) == [true, true, true, true, true, true, false])
  }

  @Test func strictNamespaceReadsLikeTransitional() throws {
    let xml = WordXML.document(WordXML.paragraph("严格命名空间"), namespace: WordXML.strict)
    #expect(try mainParagraphs(xml) == ["严格命名空间"])
  }

  @Test func choiceNeedingAnUnknownNamespaceFallsBack() throws {
    let body = """
      <w:p><w:r><w:t>smile </w:t></w:r><w:r><mc:AlternateContent>\
      <mc:Choice Requires="w16se"><w16se:symEx xmlns:w16se="urn:x" w16se:font="Apple Color Emoji" w16se:char="1F600"/>\
      </mc:Choice><mc:Fallback><w:t>😀</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["smile 😀"])
  }

  @Test func textTypedInTheSymbolFontIsMapped() throws {
    let body = """
      <w:p><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>\u{F028}\u{F061}</w:t></w:r>\
      <w:r><w:t>\u{F061}</w:t></w:r></w:p>
      """
    #expect(try mainParagraphs(WordXML.document(body)) == ["(α\u{F061}"])
  }

  @Test func symbolFontCharactersLeaveThePrivateUseArea() {
    #expect(WordMLHandler.symbolScalar("F0B7") == "·")
    #expect(WordMLHandler.symbolScalar("F0B7", font: "Symbol") == "•")
    #expect(WordMLHandler.symbolScalar("00DA", font: "Symbol") == "∨")
    #expect(WordMLHandler.symbolScalar("F061", font: "Symbol") == "α")
    #expect(WordMLHandler.symbolScalar("2013") == "–")
    #expect(WordMLHandler.symbolScalar("zz") == nil)
  }
}
