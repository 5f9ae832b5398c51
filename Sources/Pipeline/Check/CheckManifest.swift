import ChachongModel
import DocumentText
import Foundation
import Integrity

/// The batch's manifest (附件2 汇总表 plus identity, budget and time columns), CSV or xlsx.
struct CheckManifest {
  struct Row {
    /// 1-based sheet row, the header being row 1.
    var line: Int
    var values: [RecordField: String]
    /// The document file, resolved against the manifest's folder.
    var path: String?
    var paperPath: String?

    func value(_ column: RecordField) -> String? { values[column] }
  }

  var path: String
  var rows: [Row]
  var unknownHeaders: [String]

  static func read(path: String) throws(CheckError) -> CheckManifest {
    let table: TabularData
    do {
      table = try TableFileReader.read(path: path)
    } catch {
      throw CheckError("manifest \(error)")
    }
    return build(table, path: path)
  }

  static func build(_ table: TabularData, path: String) -> CheckManifest {
    let map = TableColumnMap(header: table.header)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    func resolve(_ file: String?) -> String? {
      guard let file else { return nil }
      return file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path
    }
    var rows: [Row] = []
    for (offset, cells) in table.rows.enumerated() {
      var values: [RecordField: String] = [:]
      for column in RecordField.allCases {
        if let value = map.value(column, in: cells) { values[column] = value }
      }
      guard values[.id] != nil || values[.file] != nil else { continue }
      rows.append(
        Row(
          line: offset + 2, values: values, path: resolve(values[.file]),
          paperPath: resolve(values[.paperFile])))
    }
    return CheckManifest(path: path, rows: rows, unknownHeaders: map.unknownHeaders)
  }

  /// The row naming this file, else the row whose 网上申报编号 is the file's name without extension.
  func row(forFile path: String) -> Row? {
    let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
    if let row = rows.first(where: { $0.path == standardized }) { return row }
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return rows.first { $0.path == nil && $0.value(.id) == stem }
  }
}
