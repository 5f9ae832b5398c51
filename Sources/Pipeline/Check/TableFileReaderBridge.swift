import DocumentText

/// Reads a manifest or registry table, naming the file in errors.
enum TableFileReaderBridge {
  static func read(_ path: String) throws(CheckError) -> TabularData {
    do {
      return try TableFileReader.read(path: path)
    } catch {
      throw CheckError("\(error)")
    }
  }
}
