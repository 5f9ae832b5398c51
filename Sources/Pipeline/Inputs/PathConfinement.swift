import Foundation

/// The folders and files a command line gave: the only places a manifest row may name. A row
/// naming `/etc/passwd` or `../../secret.docx` must never bring that file into a report or an
/// index (issue 11, item 11).
struct PathConfinement {
  private let roots: [String]

  init(roots: [String]) {
    self.roots = roots.map(InputCollector.standardized)
  }

  func contains(_ path: String) -> Bool {
    let standardized = InputCollector.standardized(path)
    return roots.contains { root in
      standardized == root || standardized.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
  }

  static func outsideReason(line: Int, column: String) -> String {
    "named in the manifest (row \(line), \(column)) outside the manifest's folder and the given paths: not read"
  }
}
