import ChachongModel
import Foundation

/// A manifest (CSV or xlsx) read into rows: the file each row names and its metadata.
package struct ManifestTable: Sendable, Equatable {
  package struct Row: Sendable, Equatable {
    /// The document file, resolved against the manifest's folder.
    package var path: String
    package var metadata: InputMetadata
    /// 1-based row number in the sheet, the header being row 1.
    package var line: Int
  }

  package var rows: [Row]
  /// The folder row paths are relative to (the manifest's own).
  package var folder: String = ""

  package static func build(header: [String], rows: [[String]], manifestPath: String) throws(InputFailure)
    -> ManifestTable
  {
    guard let fileColumn = header.firstIndex(where: { RecordField.column(forHeader: $0) == .file }) else {
      throw InputFailure(path: manifestPath, reason: "manifest has no 文件 (file) column")
    }
    let folder = URL(fileURLWithPath: manifestPath).deletingLastPathComponent()
    var result: [Row] = []
    for (offset, cells) in rows.enumerated() {
      guard fileColumn < cells.count else { continue }
      let file = cells[fileColumn].trimmingCharacters(in: .whitespacesAndNewlines)
      guard !file.isEmpty else { continue }
      var metadata = InputMetadata()
      for (column, name) in header.enumerated() where column < cells.count && column != fileColumn {
        metadata.set(name: name.trimmingCharacters(in: .whitespacesAndNewlines), value: cells[column])
      }
      let path =
        file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path
      result.append(Row(path: path, metadata: metadata, line: offset + 2))
    }
    return ManifestTable(rows: result, folder: folder.standardizedFileURL.path)
  }
}
