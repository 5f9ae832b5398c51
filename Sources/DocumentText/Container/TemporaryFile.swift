import Foundation

/// In-memory zip input goes through a private temporary file (see `ZipContainer.init`).
enum TemporaryFile {
  static func with<Result>(
    _ bytes: [UInt8], name: String, _ body: (URL) throws(DocumentReadError) -> Result
  ) throws(DocumentReadError) -> Result {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("chachong-\(UUID().uuidString).zip")
    guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
      throw DocumentReadError(path: name, reason: .unreadable("cannot write a temporary file"))
    }
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
  }
}
