import Foundation

/// Paths of committed fixtures, found from this file's location.
enum TableFixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ name: String) -> String {
    packageRoot.appendingPathComponent("Corpora/fixtures/tables").appendingPathComponent(name).path
  }
}
