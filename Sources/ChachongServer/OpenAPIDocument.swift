import Foundation

/// The committed OpenAPI document (`Resources/openapi.json`; `docs/openapi.json` links to it), a
/// resource of this module that SwiftPM copies beside the built binary as
/// `chachong_ChachongServer.resources/openapi.json`. Read from there rather than through
/// `Bundle.module`, whose accessor stops the process when the folder is missing: a binary
/// installed without the folder answers 500 at `GET /v1/openapi.json` and says so at start.
enum OpenAPIDocument {
  static let resourceFolder = "chachong_ChachongServer.resources"

  /// The document's bytes as committed, or nil when the resource folder is not beside the binary.
  static let bytes: [UInt8]? = {
    for folder in candidateFolders() {
      if let data = FileManager.default.contents(atPath: folder + "/openapi.json") {
        return [UInt8](data)
      }
    }
    return nil
  }()

  /// Beside the running executable (the built or installed binary, or the test runner in
  /// `.build/debug`), with symbolic links to the executable resolved.
  static func candidateFolders() -> [String] {
    var directories = [Bundle.main.bundleURL.path]
    if let executable = Bundle.main.executableURL {
      directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent().path)
    }
    return directories.map { ($0 as NSString).appendingPathComponent(resourceFolder) }
  }
}
