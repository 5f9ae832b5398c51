import ArchiveStore
import Foundation
import GRDB

/// The service's own SQLite database, `service.sqlite` beside the index in its directory: the
/// durable job table and the service state (records, uploaded blobs, audit log). A database of
/// its own, with its own schema version, so the archive's schema and the service's evolve apart
/// and a busy job table never locks the archive. WAL mode: readers never wait for the writer,
/// and a killed process loses no committed transaction.
package final class ServiceDatabase: Sendable {
  package static let fileName = "service.sqlite"
  static let schemaVersion = 1

  let pool: DatabasePool
  package let path: String
  let blocking: BlockingPool

  /// Opens (creating when missing) the service database in `directory`.
  package static func open(directory: String, blocking: BlockingPool = .shared) throws(IndexError)
    -> ServiceDatabase
  {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw IndexError(path: directory, reason: .storage("cannot create directory: \(error)"))
    }
    let path = (directory as NSString).appendingPathComponent(fileName)
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      // NORMAL is durable against a killed process in WAL mode.
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
    }
    configuration.busyMode = .timeout(30)
    do {
      let pool = try DatabasePool(path: path, configuration: configuration)
      try pool.write { db in try migrate(db, path: path) }
      return ServiceDatabase(pool: pool, path: path, blocking: blocking)
    } catch let error as IndexError {
      throw error
    } catch {
      throw IndexError(path: path, reason: .storage("\(error)"))
    }
  }

  private init(pool: DatabasePool, path: String, blocking: BlockingPool) {
    self.pool = pool
    self.path = path
    self.blocking = blocking
  }

  private static func migrate(_ db: Database, path: String) throws {
    let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    if version > schemaVersion {
      throw IndexError(
        path: path,
        reason: .storage("service schema \(version) is newer than this program's \(schemaVersion)"))
    }
    guard version < 1 else { return }
    try db.execute(
      sql: """
        CREATE TABLE jobs (
          id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload BLOB NOT NULL, state TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0, progress_stage TEXT, progress_done INTEGER NOT NULL DEFAULT 0,
          progress_total INTEGER, result BLOB, error TEXT, worker TEXT, created_at REAL NOT NULL,
          updated_at REAL NOT NULL, lease_expires_at REAL);
        CREATE INDEX jobs_queued ON jobs(state, created_at, id);
        CREATE TABLE records (
          collection TEXT NOT NULL, id TEXT NOT NULL, owner TEXT, body BLOB NOT NULL, version INTEGER NOT NULL,
          created_at REAL NOT NULL, updated_at REAL NOT NULL, PRIMARY KEY (collection, id));
        CREATE INDEX records_listing ON records(collection, created_at, id);
        CREATE TABLE blobs (id TEXT PRIMARY KEY, size INTEGER NOT NULL);
        CREATE TABLE blob_chunks (
          blob TEXT NOT NULL, position INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (blob, position));
        CREATE TABLE audit (
          sequence INTEGER PRIMARY KEY AUTOINCREMENT, time REAL NOT NULL, actor TEXT NOT NULL,
          action TEXT NOT NULL, target TEXT NOT NULL, client_address TEXT, detail TEXT);
        PRAGMA user_version = 1;
        """)
  }

  /// Runs `body` in a write transaction on the blocking pool.
  func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    let pool = self.pool
    return try await blocking.run { () throws -> T in try pool.write(body) }
  }

  func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
    let pool = self.pool
    return try await blocking.run { () throws -> T in try pool.read(body) }
  }
}

/// Whole milliseconds, as the ports ask.
func millisecondsNow(_ clock: @Sendable () -> Double) -> Double {
  (clock() * 1000).rounded() / 1000
}
