import Foundation
import Testing

@testable import DocumentText

@Suite struct TableFileReaderTests {
  static let registryHeader = [
    "计划类别", "年度", "状态", "项目名称", "承担单位", "统一社会信用代码", "项目负责人", "负责人身份证号", "起始日期",
    "结束日期",
  ]

  @Test(arguments: [
    ("registry-utf8.csv", "UTF-8"), ("registry-utf8-bom.csv", "UTF-8 with BOM"),
    ("registry-gb18030.csv", "GB18030"),
  ])
  func readsTheRegistryInEveryEncoding(file: String, encoding: String) throws {
    let table = try TableFileReader.read(path: TableFixtures.path(file))
    #expect(table.encoding == encoding)
    #expect(table.header == Self.registryHeader)
    #expect(table.rows.count == 3)
    #expect(table.rows[0][3] == "高端轴承精密磨削装备研发")
    #expect(table.rows[0][7] == "320602197805051234")
    #expect(table.rows[1][3] == "海工装备防腐涂层研发，含\"双组分\"配方")
    #expect(table.rows[2][3] == "多行名称\r\n第二行")
    #expect(table.rows[2][5] == "")
    #expect(table.rows.allSatisfy { $0.count == 10 })
    #expect(table.column(named: "承担单位", "申报单位") == 4)
  }

  @Test func readsTheFirstSheetOfAnOpenpyxlWorkbook() throws {
    let table = try TableFileReader.read(path: TableFixtures.path("manifest.xlsx"))
    #expect(table.encoding == nil)
    #expect(
      table.header == [
        "序号", "网上申报编号", "项目名称", "申报单位", "所在县（市）", "申报企业类型", "指南编号", "研发总投入", "申请资助", "推荐单位", "起始日期", "提交时间",
      ])
    #expect(
      table.rows == [
        [
          "1", "NT2023-0001", "高精度伺服电机智能控制系统关键技术研发", "南通华睿精密机械有限公司", "海安市", "高新技术企业", "1-3",
          "300", "100", "海安市科技局", "2024-01-01", "2024-01-17 13:31:37",
        ],
        [
          "2", "NT2023-0002", "基于机器视觉的纺织品瑕疵在线检测装备研发", "南通纺联科技股份有限公司", "通州区", "", "2-1",
          "180.5", "90.25", "通州区科技局", "1999-12-31", "2024-01-31 23:59:59",
        ],
      ])
  }

  @Test func placesSharedInlineBooleanAndUnreferencedCells() throws {
    let table = try TableFileReader.read(path: TableFixtures.path("inline-strings.xlsx"))
    // The workbook's first sheet is data.xml (rId9), not sheet1.xml.
    #expect(table.header == ["", "项目名称", "研发总投入", "", "通过"])
    #expect(
      table.rows == [
        ["", "储能系统研发", "1.50E+2", "", "TRUE"],
        ["", "", "300", "", "FALSE", "#N/A"],
      ])
  }

  @Test func namesTheFileInErrors() {
    let missing = TableFixtures.path("no-such-file.csv")
    #expect(throws: DocumentReadError(path: missing, reason: .fileNotFound)) {
      try TableFileReader.read(path: missing)
    }
    #expect(
      DocumentReadError(path: missing, reason: .fileNotFound).description.hasPrefix(missing + ": "))
  }

  @Test func refusesBrokenWorkbooks() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("chachong-tables-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let truncated = directory.appendingPathComponent("truncated.xlsx")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: TableFixtures.path("manifest.xlsx")))
    try bytes.prefix(bytes.count / 2).write(to: truncated)
    #expect(throws: DocumentReadError.self) { try TableFileReader.read(path: truncated.path) }

    let notZip = directory.appendingPathComponent("text.xlsx")
    try Data("序号,名称\n".utf8).write(to: notZip)
    #expect(throws: DocumentReadError(path: notZip.path, reason: .notAZip)) {
      try TableFileReader.read(path: notZip.path)
    }

    let undecodable = directory.appendingPathComponent("bad.csv")
    try Data([0xFF, 0xFF, 0x81, 0x20, 0xFE]).write(to: undecodable)
    #expect(throws: DocumentReadError(path: undecodable.path, reason: .undecodableText)) {
      try TableFileReader.read(path: undecodable.path)
    }
  }

  @Test func readsExcelUnicodeTextExports() throws {
    // Excel's "Unicode text" export: UTF-16LE with BOM, tab-separated, CRLF.
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("chachong-unicode-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: url) }
    let text = "项目名称\t申报单位\r\n储能系统研发\t南通储能科技有限公司\r\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    try Data(bytes).write(to: url)
    let table = try TableFileReader.read(path: url.path)
    #expect(table.encoding == "UTF-16LE")
    #expect(table.header == ["项目名称", "申报单位"])
    #expect(table.rows == [["储能系统研发", "南通储能科技有限公司"]])
  }
}
