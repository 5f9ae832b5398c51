import Foundation

/// Committed test files under Corpora/fixtures (origins in Corpora/SOURCES.md).
enum Fixtures {
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpora/fixtures")

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
