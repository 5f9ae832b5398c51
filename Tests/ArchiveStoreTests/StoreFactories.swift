import ArchiveStore
import Foundation
import IndexStore

/// One store implementation under the contract: a name for the test's output and a way to make
/// a fresh, empty store. Every contract test runs on every factory in ``StoreFactory/all``.
struct StoreFactory: Sendable, CustomStringConvertible {
  var description: String
  var make: @Sendable () async throws -> any ArchiveWriting

  static let memory = StoreFactory(description: "memory") { MemoryArchive(parameters: .standard) }

  static let sqlite = StoreFactory(description: "sqlite") {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-contract-\(UUID().uuidString)"
    ).path
    return try DocumentIndex.open(directory: directory, creating: .standard)
  }

  /// The stores every contract test runs against. A store that needs a server adds its factory
  /// here when one is reachable (see docs/store-contract.md).
  static var all: [StoreFactory] { [memory, sqlite] + extraFactories }
}
