import ChachongCore
import DocumentText

extension ManifestTable {
  /// Reads `path` with `TableFileReader`. Rows without a 文件/file value are skipped.
  package static func read(path: String) throws(InputFailure) -> ManifestTable {
    let table: TabularData
    do {
      table = try TableFileReader.read(path: path)
    } catch {
      throw InputFailure(path: path, reason: error.description)
    }
    return try build(header: table.header, rows: table.rows, manifestPath: path)
  }

}
