import Testing

@testable import DocumentText

@Suite struct TableParsingTests {
  @Test func csvFollowsRFC4180() {
    let text = "a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,x\r\n"
    #expect(CSVParser.records(text) == [["a", "b,1", "say \"hi\""], ["line\nbreak", "", "x"]])
  }

  @Test func csvHandlesLineEndingsAndEdges() {
    #expect(CSVParser.records("a,b\rc,d\ne,f") == [["a", "b"], ["c", "d"], ["e", "f"]])
    #expect(CSVParser.records("") == [])
    #expect(CSVParser.records("a,\n") == [["a", ""]])
    #expect(CSVParser.records("\"\"") == [[""]])
    #expect(CSVParser.records("x\"y,\"z\"w") == [["x\"y", "zw"]])
    #expect(CSVParser.records("\"unterminated,a") == [["unterminated,a"]])
    #expect(CSVParser.records("a\tb\n", delimiter: "\t") == [["a", "b"]])
  }

  @Test func headerIsTheFirstNonEmptyRowAfterTitles() {
    let table = TabularData(records: [
      ["", ""], ["2023年度项目汇总表"], ["序号", " 项目名称 ", ""], ["1", "甲"], [",", ""], ["2"],
      ["3", "丙", "多余"],
    ])
    #expect(table.header == ["序号", "项目名称"])
    #expect(table.rows == [["1", "甲"], [",", ""], ["2", ""], ["3", "丙", "多余"]])
    let single = TabularData(records: [["名称"], ["甲"]])
    #expect(single.header == ["名称"])
    #expect(single.rows == [["甲"]])
    #expect(TabularData(records: []).header.isEmpty)
  }

  @Test func delimiterFollowsTheFirstLine() {
    #expect(TableFileReader.delimiter(for: "a\tb\nc", fileExtension: "txt") == "\t")
    #expect(TableFileReader.delimiter(for: "a,b\tc", fileExtension: "csv") == ",")
    #expect(TableFileReader.delimiter(for: "a,b", fileExtension: "tsv") == "\t")
  }

  @Test func cellReferencesGiveColumnAndRow() {
    #expect(CellReference("A1") == CellReference(column: 0, row: 1))
    #expect(CellReference("C5") == CellReference(column: 2, row: 5))
    #expect(CellReference("AA10") == CellReference(column: 26, row: 10))
    #expect(CellReference("$XFD$1048576") == CellReference(column: 16_383, row: 1_048_576))
    #expect(CellReference("XFE1") == nil)
    #expect(CellReference("12") == nil)
    #expect(CellReference("A1B") == nil)
  }
}
