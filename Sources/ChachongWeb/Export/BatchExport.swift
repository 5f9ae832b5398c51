import ChachongModel
import Foundation
import Integrity
import Reports

/// The batch result as an `.xlsx` for the file: the 附件2 汇总表 columns (序号, 网上申报编号, 项目名称,
/// 申报单位, 所在县（市）, 申报企业类型, 所在创新载体类型及名称, 指南编号, 备注) filled from the batch's
/// manifest where it has them (else from the report), then the check's columns: the most serious
/// severity, the copy ratio, the rule ids with their Chinese names, and every finding's message.
/// ID numbers never appear: the report masks them and manifest columns of ID numbers are not
/// copied.
enum BatchExport {
  static let annexColumns: [RecordField] = [
    .serial, .id, .title, .organisation, .county, .enterpriseType, .carrier, .guideCode, .remarks,
  ]
  static let annexHeaders = [
    "序号", "网上申报编号", "项目名称", "申报单位", "所在县（市）", "申报企业类型", "所在创新载体类型及名称", "指南编号", "备注",
  ]

  static func headers(_ language: WebLanguage) -> [String] {
    annexHeaders
      + (language == .zh
        ? ["最高严重程度", "文字复制比", "发现数", "规则", "发现"]
        : ["Highest severity", "Copy ratio", "Findings", "Rules", "Details"])
  }

  /// Manifest rows by application id: the fields of `annexColumns` (serial and remarks
  /// included) by `RecordField`.
  static func manifestFields(header: [String], rows: [[String]]) -> [String: [RecordField: String]] {
    var columns: [RecordField: Int] = [:]
    for (index, name) in header.enumerated() {
      if let field = RecordField.column(forHeader: name), columns[field] == nil,
        !RecordField.isPersonalIDHeader(name)
      {
        columns[field] = index
      }
    }
    guard let idColumn = columns[.id] else { return [:] }
    var result: [String: [RecordField: String]] = [:]
    for row in rows where idColumn < row.count {
      let id = row[idColumn].trimmingCharacters(in: .whitespaces)
      guard !id.isEmpty else { continue }
      var fields: [RecordField: String] = [:]
      for field in annexColumns {
        if let column = columns[field], column < row.count {
          fields[field] = IdentityKey.maskingIDNumbers(in: row[column])
        }
      }
      result[id] = fields
    }
    return result
  }

  static func rows(report: CheckReport, manifest: [String: [RecordField: String]], language: WebLanguage)
    -> [[XLSXWriter.Cell]]
  {
    let reportLanguage: ReportLanguage = language == .zh ? .zh : .en
    return report.applications.enumerated().map { index, application in
      let fields = manifest[application.id] ?? [:]
      func value(_ field: RecordField, _ fallback: String?) -> XLSXWriter.Cell {
        .text(fields[field].flatMap { $0.isEmpty ? nil : $0 } ?? fallback ?? "")
      }
      var cells: [XLSXWriter.Cell] = []
      if let serial = fields[.serial], let number = Double(serial) {
        cells.append(.number(number))
      } else {
        cells.append(.number(Double(index + 1)))
      }
      cells.append(.text(application.id))
      cells.append(value(.title, application.title))
      cells.append(value(.organisation, application.organisation))
      cells.append(value(.county, nil))
      cells.append(value(.enterpriseType, nil))
      cells.append(value(.carrier, nil))
      cells.append(value(.guideCode, application.guideCode))
      cells.append(value(.remarks, nil))
      cells.append(
        .text(
          application.highestSeverity?.displayName.text(in: reportLanguage)
            ?? (language == .zh ? "无" : "clean")))
      cells.append(.text(WebFormat.percent(application.copyRatio)))
      cells.append(.number(Double(application.findings.count)))
      let rules = Array(Set(application.findings.map(\.rule))).sorted()
      cells.append(
        .text(
          rules.map { "\($0.rawValue) \($0.displayName.text(in: reportLanguage))" }.joined(separator: "\n")))
      let details = application.findings.map { finding in
        "[\(finding.severity.displayName.text(in: reportLanguage))] \(finding.rule.rawValue): \(finding.message)"
      }
      cells.append(.text(IdentityKey.maskingIDNumbers(in: details.joined(separator: "\n"))))
      return cells
    }
  }

  static func workbook(
    report: CheckReport, manifestHeader: [String], manifestRows: [[String]], language: WebLanguage
  )
    throws(ZipWriter.ZipError) -> [UInt8]
  {
    let manifest = manifestFields(header: manifestHeader, rows: manifestRows)
    return try XLSXWriter.workbook(
      sheetName: language == .zh ? "查重结果" : "Check results", header: headers(language),
      rows: rows(report: report, manifest: manifest, language: language),
      columnWidths: [6, 14, 36, 28, 12, 12, 20, 9, 16, 10, 10, 7, 30, 80])
  }
}

/// Numbers as the pages show them, locale-free.
enum WebFormat {
  /// A ratio as a percentage with one decimal ("12.3%"), rounded half up.
  static func percent(_ ratio: Double) -> String {
    guard ratio.isFinite else { return "—" }
    let tenths = Int((ratio * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }
}
