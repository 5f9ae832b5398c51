import ArchiveStore
import ChachongCore
import Foundation
import IndexStore
import Pipeline

/// The three stores of the service over one store location: the archive, the durable job queue
/// and the service state. Today the SQLite index directory (`service.sqlite` beside the index);
/// a PostgreSQL URL arrives with the PostgreSQL store.
package struct ServiceStores: Sendable {
  package var archive: any ArchiveWriting
  package var jobs: any JobQueue
  package var state: any ServiceStateStore
  /// Where scratch files of uploads go (inside the store's directory, so they are on the same disk).
  package var scratchDirectory: String

  package init(
    archive: any ArchiveWriting, jobs: any JobQueue, state: any ServiceStateStore, scratchDirectory: String
  ) {
    self.archive = archive
    self.jobs = jobs
    self.state = state
    self.scratchDirectory = scratchDirectory
  }

  /// The SQLite index in `directory` (created when missing) and its service database.
  package static func openIndex(_ directory: String) throws(ServiceError) -> ServiceStores {
    let index = try LocalStores.openOrCreate(directory)
    let database: ServiceDatabase
    do {
      database = try ServiceDatabase.open(directory: directory)
    } catch {
      throw .store(error)
    }
    return ServiceStores(
      archive: index, jobs: SQLiteJobQueue(database: database, maxAttempts: 5),
      state: SQLiteServiceState(database: database),
      scratchDirectory: (directory as NSString).appendingPathComponent("service-scratch"))
  }
}
