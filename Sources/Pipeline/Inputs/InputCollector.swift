import ChachongCore
import Foundation

/// What `ingest` and `query` were given, resolved to single files and `.jsonl` bulk files.
public enum InputEntry: Sendable, Equatable {
  /// One document file; `metadata` from the manifest row and the command-line defaults.
  case file(path: String, metadata: InputMetadata)
  /// A `.jsonl` file: one `{"id", "text", …metadata}` object per line.
  case records(path: String, defaults: InputMetadata)
}

/// Expands files, folders (recursively) and a manifest into ``InputEntry`` values.
public enum InputCollector {
  /// File extensions picked up when walking a folder (explicit file arguments are always taken).
  public static let documentExtensions: Set<String> = ["docx", "docm", "dotx", "doc", "xml", "txt", "wps"]

  /// Entries in argument order (folders sorted by path), then manifest files not named by a path.
  /// Manifest rows attach their metadata to the file they name (文件, relative to the manifest's
  /// folder); `defaults` (command-line `--program`, `--year`, `--status`) fill what is missing.
  public static func collect(
    paths: [String], manifest: ManifestTable? = nil, defaults: InputMetadata = InputMetadata()
  ) -> (entries: [InputEntry], failures: [InputFailure]) {
    var entries: [InputEntry] = []
    var failures: [InputFailure] = []
    var rowsByPath: [String: InputMetadata] = [:]
    for row in manifest?.rows ?? [] {
      rowsByPath[standardized(row.path)] = row.metadata
    }
    var seen = Set<String>()
    func addFile(_ path: String) {
      let key = standardized(path)
      guard seen.insert(key).inserted else { return }
      if path.lowercased().hasSuffix(".jsonl") {
        entries.append(.records(path: path, defaults: defaults))
      } else {
        let metadata = (rowsByPath[key] ?? InputMetadata()).filling(from: defaults)
        entries.append(.file(path: path, metadata: metadata))
      }
    }
    let fileManager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        failures.append(InputFailure(path: path, reason: "no such file or folder"))
        continue
      }
      if isDirectory.boolValue {
        for file in filesInFolder(path) {
          addFile(file)
        }
      } else {
        addFile(path)
      }
    }
    for row in manifest?.rows ?? [] where !seen.contains(standardized(row.path)) {
      if fileManager.fileExists(atPath: row.path) {
        addFile(row.path)
      } else {
        failures.append(
          InputFailure(path: row.path, reason: "listed in the manifest (row \(row.line)) but missing"))
      }
    }
    return (entries, failures)
  }

  /// Document and `.jsonl` files under `folder`, sorted, skipping hidden and Word lock files.
  /// Paths start with `folder` as given (not made absolute), so reports name files the way the
  /// user did and the same batch gives the same report wherever it is checked out.
  static func filesInFolder(_ folder: String) -> [String] {
    let root = URL(fileURLWithPath: folder)
    let rootPath = root.standardizedFileURL.path
    guard
      let enumerator = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { return [] }
    var files: [String] = []
    for case let url as URL in enumerator {
      let name = url.lastPathComponent
      let pathExtension = url.pathExtension.lowercased()
      guard !name.hasPrefix("~$"), !name.hasPrefix("."),
        documentExtensions.contains(pathExtension) || pathExtension == "jsonl",
        (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
      else { continue }
      let fullPath = url.standardizedFileURL.path
      if fullPath.hasPrefix(rootPath + "/") {
        files.append(
          (folder as NSString).appendingPathComponent(String(fullPath.dropFirst(rootPath.count + 1))))
      } else {
        files.append(fullPath)
      }
    }
    return files.sorted()
  }

  static func standardized(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
