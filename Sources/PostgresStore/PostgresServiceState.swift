import ArchiveStore
import Foundation
import Logging
import PostgresNIO

/// The service's own state in the PostgreSQL store (`chachong_state`, `chachong_blobs`,
/// `chachong_audit`), shared by every service instance on the database.
///
/// Updates are one conditional statement (`… WHERE version = expected`), so of two instances
/// updating the version they both read exactly one wins. Blobs are read from their file and
/// written in 1 MiB chunks in one transaction (never the whole upload in memory); the file is
/// read on the blocking pool.
package final class PostgresServiceState: ServiceStateStore {
  let session: PostgresSession
  package let blobLimit: Int
  private let clock: @Sendable () -> Double
  /// Keeps the archive (and so its connection pool) alive while the state store is used.
  private let archive: PostgresArchive
  static let chunkSize = 1 << 20

  package init(
    archive: PostgresArchive, blobLimit: Int = 256 << 20,
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.archive = archive
    self.session = archive.session
    self.blobLimit = blobLimit
    self.clock = clock
  }

  private var now: Double { (clock() * 1000).rounded() / 1000 }

  private static let columns = "collection, id, owner, body, version, created_at, updated_at"

  private func failure(_ collection: String, _ id: String, _ error: IndexError) -> StateStoreError {
    StateStoreError(collection: collection, id: id, reason: .storage(error.description))
  }

  private func fetch(_ collection: String, _ id: String, _ query: PostgresQuery) async throws(StateStoreError)
    -> [StateRecord]
  {
    var records: [StateRecord] = []
    do {
      try await session.forEachRow(query) { row throws(IndexError) in
        let (collection, id, owner, body, version, createdAt, updatedAt) = try session.decode(
          row, (String, String, String?, ByteBuffer, Int64, Double, Double).self)
        records.append(
          StateRecord(
            collection: collection, id: id, owner: owner, body: Array(body.readableBytesView),
            version: version,
            createdAt: createdAt, updatedAt: updatedAt))
      }
    } catch {
      throw failure(collection, id, error)
    }
    return records
  }

  package func create(collection: String, id: String, owner: String?, body: [UInt8])
    async throws(StateStoreError)
    -> (record: StateRecord, created: Bool)
  {
    let now = self.now
    let inserted = try await fetch(
      collection, id,
      """
      INSERT INTO chachong_state(collection, id, owner, body, version, created_at, updated_at)
      VALUES (\(collection), \(id), \(owner), \(ByteBuffer(bytes: body)), 1, \(now), \(now))
      ON CONFLICT (collection, id) DO NOTHING
      RETURNING \(unescaped: Self.columns)
      """)
    if let record = inserted.first { return (record, true) }
    guard let existing = try await record(collection: collection, id: id) else {
      throw StateStoreError(
        collection: collection, id: id, reason: .storage("the record vanished while created"))
    }
    return (existing, false)
  }

  package func record(collection: String, id: String) async throws(StateStoreError) -> StateRecord? {
    try await fetch(
      collection, id,
      "SELECT \(unescaped: Self.columns) FROM chachong_state WHERE collection = \(collection) AND id = \(id)"
    ).first
  }

  package func update(collection: String, id: String, body: [UInt8], expectedVersion: Int64)
    async throws(StateStoreError) -> StateRecord
  {
    let now = self.now
    let updated = try await fetch(
      collection, id,
      """
      UPDATE chachong_state SET body = \(ByteBuffer(bytes: body)), version = version + 1, updated_at = \(now)
      WHERE collection = \(collection) AND id = \(id) AND version = \(expectedVersion)
      RETURNING \(unescaped: Self.columns)
      """)
    if let record = updated.first { return record }
    guard let stored = try await record(collection: collection, id: id) else {
      throw StateStoreError(collection: collection, id: id, reason: .notFound)
    }
    throw StateStoreError(collection: collection, id: id, reason: .versionMismatch(stored: stored.version))
  }

  package func delete(collection: String, id: String) async throws(StateStoreError) -> Bool {
    !(try await fetch(
      collection, id,
      """
      DELETE FROM chachong_state WHERE collection = \(collection) AND id = \(id)
      RETURNING \(unescaped: Self.columns)
      """
    ).isEmpty)
  }

  package func records(collection: String, owner: String?, after: StateRecord?, limit: Int)
    async throws(StateStoreError) -> [StateRecord]
  {
    let bounded = max(0, min(limit, 100_000))
    let afterTime = after?.createdAt
    let afterID = after?.id
    return try await fetch(
      collection, "(list)",
      """
      SELECT \(unescaped: Self.columns) FROM chachong_state
      WHERE collection = \(collection) AND (\(owner)::text IS NULL OR owner = \(owner))
        AND (\(afterTime)::float8 IS NULL OR created_at < \(afterTime)
          OR (created_at = \(afterTime) AND id COLLATE "C" < \(afterID)))
      ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT \(bounded)
      """)
  }

  package func count(collection: String) async throws(StateStoreError) -> Int {
    do {
      return try await session.count("SELECT count(*) FROM chachong_state WHERE collection = \(collection)")
    } catch {
      throw failure(collection, "(count)", error)
    }
  }

  package func putBlob(id: String, fromFile path: String) async throws(StateStoreError) -> Int {
    let limit = blobLimit
    let handle: FileHandle
    do {
      let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
      guard size <= limit else {
        throw StateStoreError(collection: "blobs", id: id, reason: .tooLarge(limit: limit))
      }
      handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    } catch let error as StateStoreError {
      throw error
    } catch {
      throw StateStoreError(collection: "blobs", id: id, reason: .storage("cannot read \(path): \(error)"))
    }
    defer { try? handle.close() }
    let logger = session.logger
    do {
      return try await session.transaction { connection in
        try await connection.query("DELETE FROM chachong_blobs WHERE id = \(id)", logger: logger)
        var total = 0
        var chunk: Int32 = 0
        while true {
          let piece = try await BlockingPool.shared.run { () throws -> Data in
            try handle.read(upToCount: Self.chunkSize) ?? Data()
          }
          if piece.isEmpty { break }
          total += piece.count
          guard total <= limit else {
            throw StateStoreError(collection: "blobs", id: id, reason: .tooLarge(limit: limit))
          }
          try await connection.query(
            "INSERT INTO chachong_blobs(id, chunk, data) VALUES (\(id), \(chunk), \(ByteBuffer(bytes: piece)))",
            logger: logger)
          chunk += 1
        }
        return total
      }
    } catch {
      if case .storage(let detail) = error.reason, detail.contains("larger than the limit") {
        throw StateStoreError(collection: "blobs", id: id, reason: .tooLarge(limit: limit))
      }
      throw failure("blobs", id, error)
    }
  }

  package func blob(id: String) async throws(StateStoreError) -> [UInt8]? {
    var bytes: [UInt8] = []
    var found = false
    do {
      try await session.forEachRow("SELECT data FROM chachong_blobs WHERE id = \(id) ORDER BY chunk") {
        row throws(IndexError) in
        bytes.append(contentsOf: try session.decodeSingle(row, ByteBuffer.self).readableBytesView)
        found = true
      }
    } catch {
      throw failure("blobs", id, error)
    }
    return found ? bytes : nil
  }

  package func deleteBlob(id: String) async throws(StateStoreError) -> Bool {
    do {
      return try await session.count(
        "WITH gone AS (DELETE FROM chachong_blobs WHERE id = \(id) RETURNING 1) SELECT count(*) FROM gone")
        > 0
    } catch {
      throw failure("blobs", id, error)
    }
  }

  package func appendAudit(_ entry: AuditEntry) async throws(StateStoreError) -> AuditEntry {
    var stored = entry
    do {
      stored.sequence = Int64(
        try await session.count(
          """
          INSERT INTO chachong_audit(time, actor, action, target, client_address, detail)
          VALUES (\(entry.time), \(entry.actor), \(entry.action), \(entry.target), \(entry.clientAddress), \(entry.detail))
          RETURNING sequence
          """))
    } catch {
      throw failure("audit", entry.target, error)
    }
    return stored
  }

  package func auditEntries(before: Int64?, limit: Int) async throws(StateStoreError) -> [AuditEntry] {
    let bounded = max(0, min(limit, 100_000))
    var entries: [AuditEntry] = []
    do {
      try await session.forEachRow(
        """
        SELECT sequence, time, actor, action, target, client_address, detail FROM chachong_audit
        WHERE \(before)::int8 IS NULL OR sequence < \(before)
        ORDER BY sequence DESC LIMIT \(bounded)
        """
      ) { row throws(IndexError) in
        let (sequence, time, actor, action, target, address, detail) = try session.decode(
          row, (Int64, Double, String, String, String, String?, String?).self)
        entries.append(
          AuditEntry(
            sequence: sequence, time: time, actor: actor, action: action, target: target,
            clientAddress: address,
            detail: detail))
      }
    } catch {
      throw failure("audit", "(list)", error)
    }
    return entries
  }
}
