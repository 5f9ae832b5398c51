import ArchiveStore
import Foundation
import IndexStore

/// The SQLite service database (`service.sqlite` in a fresh temporary directory) under the job
/// queue and service-state contracts.
extension JobQueueFactory {
  static let sqlite = JobQueueFactory(description: "sqlite") { maxAttempts, clock in
    SQLiteJobQueue(database: try freshServiceDatabase(), maxAttempts: maxAttempts, clock: clock)
  }
}

extension ServiceStateFactory {
  static let sqlite = ServiceStateFactory(description: "sqlite") { clock in
    SQLiteServiceState(database: try freshServiceDatabase(), blobLimit: 256 << 20, clock: clock)
  }
}

private func freshServiceDatabase() throws -> ServiceDatabase {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("chachong-service-\(UUID().uuidString)").path
  return try ServiceDatabase.open(directory: directory)
}
