import ChachongCore
import DocumentText

extension NamedBytes {
  /// A file's bytes, named by its path as given, with the checks every reader shares
  /// (``InputFile/bytes(atPath:limits:)``: a regular file, not over the size limit).
  package init(contentsOf path: String) throws(DocumentReadError) {
    self.init(name: path, bytes: try InputFile.bytes(atPath: path))
  }
}
