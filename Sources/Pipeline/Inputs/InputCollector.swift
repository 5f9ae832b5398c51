import ChachongCore
import DocumentText
import Foundation

/// What `ingest` and `query` were given, resolved to single files and `.jsonl` bulk files.
package enum InputEntry: Sendable, Equatable {
  /// One document file; `metadata` from the manifest row and the command-line defaults.
  case file(path: String, metadata: InputMetadata)
  /// A `.jsonl` file: one `{"id", "text", …metadata}` object per line.
  case records(path: String, defaults: InputMetadata)
}

/// Expands files, folders (recursively) and a manifest into ``InputEntry`` values.
package enum InputCollector {
  /// File extensions picked up when walking a folder (explicit file arguments are always taken).
  package static let documentExtensions: Set<String> = ["docx", "docm", "dotx", "doc", "xml", "txt", "wps"]

  /// Entries in argument order (folders sorted by path), then manifest files not named by a path.
  /// Manifest rows attach their metadata to the file they name (文件, relative to the manifest's
  /// folder); `defaults` (command-line `--program`, `--year`, `--status`) fill what is missing.
  package static func collect(
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
        let broken = InputFile.notRegularReason(path) == .unreadable("broken symbolic link")
        failures.append(
          InputFailure(path: path, reason: broken ? "broken symbolic link" : "no such file or folder"))
        continue
      }
      if isDirectory.boolValue {
        let scanned = scanFolder(path)
        scanned.files.forEach(addFile)
        failures += scanned.failures
      } else if let reason = InputFile.notRegularReason(path) {
        failures.append(
          InputFailure(path: path, reason: DocumentReadError(path: path, reason: reason).explanation))
      } else {
        addFile(path)
      }
    }
    let confinement = PathConfinement(roots: (manifest.map { [$0.folder] } ?? []) + paths)
    for row in manifest?.rows ?? [] where !seen.contains(standardized(row.path)) {
      if !confinement.contains(row.path) {
        failures.append(
          InputFailure(path: row.path, reason: PathConfinement.outsideReason(line: row.line, column: "文件")))
      } else if fileManager.fileExists(atPath: row.path) {
        addFile(row.path)
      } else {
        failures.append(
          InputFailure(path: row.path, reason: "listed in the manifest (row \(row.line)) but missing"))
      }
    }
    // Zero inputs never look like success.
    if entries.isEmpty, failures.isEmpty {
      failures.append(
        InputFailure(
          path: paths.joined(separator: " "), reason: "no input documents found (.docx, .xml, .txt, .jsonl…)")
      )
    }
    return (entries, failures)
  }

  /// Document and `.jsonl` files under `folder`, sorted, skipping hidden and Word lock files.
  /// Paths start with `folder` as given (not made absolute), so reports name files the way the
  /// user did and the same batch gives the same report wherever it is checked out.
  static func filesInFolder(_ folder: String) -> [String] {
    scanFolder(folder).files
  }

  /// ``filesInFolder(_:)`` and the entries with a document extension that cannot be read as
  /// files: FIFOs, devices, sockets, broken links. Symbolic links are followed (a folder that is
  /// a link, links to `.docx` files), each real folder visited once, so a link cycle ends.
  package static func scanFolder(_ folder: String) -> (files: [String], failures: [InputFailure]) {
    var files: [String] = []
    var failures: [InputFailure] = []
    var visited = Set<[UInt64]>()
    var pending: [(path: String, depth: Int)] = [(folder, 0)]
    while let (directory, depth) = pending.popLast() {
      var status = stat()
      guard stat(directory, &status) == 0,
        visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted
      else { continue }
      guard depth <= maximumFolderDepth else {
        failures.append(
          InputFailure(path: directory, reason: "folders nested deeper than \(maximumFolderDepth)"))
        continue
      }
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
        failures.append(InputFailure(path: directory, reason: "cannot list the folder"))
        continue
      }
      for name in names where !name.hasPrefix(".") && !name.hasPrefix("~$") {
        let path = (directory as NSString).appendingPathComponent(name)
        let pathExtension = (name as NSString).pathExtension.lowercased()
        let wanted = documentExtensions.contains(pathExtension) || pathExtension == "jsonl"
        var entry = stat()
        if stat(path, &entry) == 0, entry.st_mode & S_IFMT == S_IFDIR {
          pending.append((path, depth + 1))
          continue
        }
        guard wanted else { continue }
        if let reason = InputFile.notRegularReason(path) {
          failures.append(
            InputFailure(path: path, reason: DocumentReadError(path: path, reason: reason).explanation))
        } else {
          files.append(path)
        }
      }
    }
    return (files.sorted(), failures.sorted { $0.path < $1.path })
  }

  /// Deeper folder trees are reported, not walked.
  static let maximumFolderDepth = 64

  static func standardized(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
