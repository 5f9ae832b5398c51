import Testing

@testable import DocumentText

@Suite struct TableParsingTests {
  @Test func csvFollowsRFC4180() throws {
    let text = "a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,x\r\n"
    #expect(try CSVParser.records(text) == [["a", "b,1", "say \"hi\""], ["line\nbreak", "", "x"]])
  }

  @Test func csvHandlesLineEndingsAndEdges() throws {
    #expect(try CSVParser.records("a,b\rc,d\ne,f") == [["a", "b"], ["c", "d"], ["e", "f"]])
    #expect(try CSVParser.records("") == [])
    #expect(try CSVParser.records("a,\n") == [["a", ""]])
    #expect(try CSVParser.records("\"\"") == [[""]])
    #expect(try CSVParser.records("x\"y,\"z\"w") == [["x\"y", "zw"]])
    #expect(throws: CSVParser.Failure.unclosedQuote(line: 1)) { try CSVParser.records("\"unterminated,a") }
    #expect(try CSVParser.records("a\tb\n", delimiter: "\t") == [["a", "b"]])
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

  @Test func excelDateFormatsAreRecognised() {
    #expect(ExcelDate.kind(builtinFormat: 14) == .date)
    #expect(ExcelDate.kind(builtinFormat: 22) == .dateTime)
    #expect(ExcelDate.kind(builtinFormat: 20) == .time)
    #expect(ExcelDate.kind(builtinFormat: 0) == nil)
    #expect(ExcelDate.kind(builtinFormat: 4) == nil)
    #expect(ExcelDate.kind(formatCode: "yyyy\"年\"m\"月\"d\"日\"") == .date)
    #expect(ExcelDate.kind(formatCode: "[$-F800]dddd, mmmm dd, yyyy") == .date)
    #expect(ExcelDate.kind(formatCode: "yyyy-mm-dd h:mm:ss") == .dateTime)
    #expect(ExcelDate.kind(formatCode: "h:mm AM/PM") == .time)
    #expect(ExcelDate.kind(formatCode: "0.00_);[Red](0.00)") == nil)
    #expect(ExcelDate.kind(formatCode: "\"Day\" 0") == nil)
    #expect(ExcelDate.kind(formatCode: "General") == nil)
    #expect(ExcelDate.kind(formatCode: "0.00E+00") == nil)
  }

  @Test func excelSerialsBecomeCalendarDates() {
    #expect(ExcelDate.format(serial: "45292", kind: .date, uses1904: false) == "2024-01-01")
    #expect(ExcelDate.format(serial: "1", kind: .date, uses1904: false) == "1900-01-01")
    #expect(ExcelDate.format(serial: "59", kind: .date, uses1904: false) == "1900-02-28")
    #expect(ExcelDate.format(serial: "60", kind: .date, uses1904: false) == "1900-02-29")
    #expect(ExcelDate.format(serial: "61", kind: .date, uses1904: false) == "1900-03-01")
    #expect(ExcelDate.format(serial: "36525", kind: .date, uses1904: false) == "1999-12-31")
    #expect(ExcelDate.format(serial: "0", kind: .date, uses1904: true) == "1904-01-01")
    #expect(
      ExcelDate.format(serial: "45308.56362268519", kind: .dateTime, uses1904: false) == "2024-01-17 13:31:37"
    )
    #expect(ExcelDate.format(serial: "45292.5", kind: .date, uses1904: false) == "2024-01-01 12:00:00")
    #expect(ExcelDate.format(serial: "0.75", kind: .time, uses1904: false) == "18:00:00")
    #expect(
      ExcelDate.format(serial: "45292.9999999", kind: .dateTime, uses1904: false) == "2024-01-02 00:00:00")
    #expect(ExcelDate.format(serial: "abc", kind: .date, uses1904: false) == nil)
    #expect(ExcelDate.format(serial: "-1", kind: .date, uses1904: false) == nil)
  }
}
