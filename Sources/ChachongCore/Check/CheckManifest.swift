import ChachongModel
import DocumentText
import Foundation
import Integrity

/// The batch's manifest (附件2 汇总表 plus identity, budget and time columns), CSV or xlsx.
public struct CheckManifest: Sendable {
  public struct Row: Sendable {
    /// 1-based sheet row, the header being row 1.
    public var line: Int
    public var values: [RecordField: String]
    /// The document file, resolved by the adapter (against the manifest's folder, or the batch's
    /// uploads).
    public var path: String?
    public var paperPath: String?

    public func value(_ column: RecordField) -> String? { values[column] }
  }

  public var path: String
  public var rows: [Row]
  public var unknownHeaders: [String]

  /// Parses a manifest given as bytes; `resolve` turns a row's 文件 / 纸质文件 value into the key
  /// the adapter knows the file by (nil: the file is not one the adapter may read).
  public static func parse(
    _ file: NamedBytes, resolve: (String) -> String?
  ) throws(ServiceError) -> CheckManifest {
    let table: TabularData
    do {
      table = try TableFileReader.read(bytes: file.bytes, name: file.name)
    } catch {
      throw ServiceError(.badInput, "manifest \(error)", cause: error)
    }
    return build(table, path: file.name, resolve: resolve)
  }

  static func build(_ table: TabularData, path: String, resolve: (String) -> String?) -> CheckManifest {
    let map = TableColumnMap(header: table.header)
    func resolved(_ file: String?) -> String? {
      guard let file else { return nil }
      return resolve(file)
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
          line: offset + 2, values: values, path: resolved(values[.file]),
          paperPath: resolved(values[.paperFile])))
    }
    return CheckManifest(path: path, rows: rows, unknownHeaders: map.unknownHeaders)
  }

  /// The row naming this file (by the key `resolve` gave), else the row whose 网上申报编号 is the
  /// file's name without extension.
  package func row(forFile path: String, key: String) -> Row? {
    if let row = rows.first(where: { $0.path == key }) { return row }
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return rows.first { $0.path == nil && $0.value(.id) == stem }
  }
}
