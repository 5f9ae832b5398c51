import ArchiveStore
import Foundation
import GRDB

/// The service state in `service.sqlite`: records with optimistic versions, uploaded blobs in
/// 1 MB rows (read from the upload's file chunk by chunk inside one transaction, so a blob is
/// either wholly stored or not at all, and never held whole in memory while stored), and the
/// audit log.
package final class SQLiteServiceState: ServiceStateStore {
  static let chunkSize = 1 << 20
  private let database: ServiceDatabase
  private let clock: @Sendable () -> Double
  package let blobLimit: Int

  package init(
    database: ServiceDatabase, blobLimit: Int = 4 << 30,
    clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.database = database
    self.blobLimit = blobLimit
    self.clock = clock
  }

  private func run<T: Sendable>(
    _ collection: String, _ id: String, write: Bool = true, _ body: @escaping @Sendable (Database) throws -> T
  ) async throws(StateStoreError) -> T {
    do {
      return try await write ? database.write(body) : database.read(body)
    } catch let error as StateStoreError {
      throw error
    } catch {
      throw StateStoreError(collection: collection, id: id, reason: .storage("\(database.path): \(error)"))
    }
  }

  static func record(_ row: Row) -> StateRecord {
    StateRecord(
      collection: row["collection"], id: row["id"], owner: row["owner"],
      body: [UInt8](row["body"] as Data? ?? Data()), version: row["version"], createdAt: row["created_at"],
      updatedAt: row["updated_at"])
  }

  package func create(collection: String, id: String, owner: String?, body: [UInt8])
    async throws(StateStoreError)
    -> (record: StateRecord, created: Bool)
  {
    let now = millisecondsNow(clock)
    return try await run(collection, id) { db in
      if let row = try Row.fetchOne(
        db, sql: "SELECT * FROM records WHERE collection = ? AND id = ?", arguments: [collection, id])
      {
        return (Self.record(row), false)
      }
      try db.execute(
        sql: """
          INSERT INTO records (collection, id, owner, body, version, created_at, updated_at)
          VALUES (?, ?, ?, ?, 1, ?, ?)
          """, arguments: [collection, id, owner, Data(body), now, now])
      return (
        StateRecord(
          collection: collection, id: id, owner: owner, body: body, version: 1, createdAt: now, updatedAt: now
        ),
        true
      )
    }
  }

  package func record(collection: String, id: String) async throws(StateStoreError) -> StateRecord? {
    try await run(collection, id, write: false) { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM records WHERE collection = ? AND id = ?", arguments: [collection, id]
      ).map(Self.record)
    }
  }

  package func update(collection: String, id: String, body: [UInt8], expectedVersion: Int64)
    async throws(StateStoreError) -> StateRecord
  {
    let now = millisecondsNow(clock)
    return try await run(collection, id) { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT * FROM records WHERE collection = ? AND id = ?", arguments: [collection, id])
      else { throw StateStoreError(collection: collection, id: id, reason: .notFound) }
      var record = Self.record(row)
      guard record.version == expectedVersion else {
        throw StateStoreError(
          collection: collection, id: id, reason: .versionMismatch(stored: record.version))
      }
      record.body = body
      record.version += 1
      record.updatedAt = now
      try db.execute(
        sql: "UPDATE records SET body = ?, version = ?, updated_at = ? WHERE collection = ? AND id = ?",
        arguments: [Data(body), record.version, now, collection, id])
      return record
    }
  }

  package func delete(collection: String, id: String) async throws(StateStoreError) -> Bool {
    try await run(collection, id) { db in
      try db.execute(sql: "DELETE FROM records WHERE collection = ? AND id = ?", arguments: [collection, id])
      return db.changesCount > 0
    }
  }

  package func records(collection: String, owner: String?, after: StateRecord?, limit: Int)
    async throws(StateStoreError) -> [StateRecord]
  {
    try await run(collection, "", write: false) { db in
      var sql = "SELECT * FROM records WHERE collection = ?"
      var arguments: StatementArguments = [collection]
      if let owner {
        sql += " AND owner = ?"
        arguments += [owner]
      }
      if let after {
        sql += " AND (created_at < ? OR (created_at = ? AND id < ?))"
        arguments += [after.createdAt, after.createdAt, after.id]
      }
      sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
      arguments += [max(0, limit)]
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.record)
    }
  }

  package func count(collection: String) async throws(StateStoreError) -> Int {
    try await run(collection, "", write: false) { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records WHERE collection = ?", arguments: [collection])
        ?? 0
    }
  }

  package func putBlob(id: String, fromFile path: String) async throws(StateStoreError) -> Int {
    let limit = blobLimit
    return try await run("blobs", id) { db -> Int in
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw StateStoreError(collection: "blobs", id: id, reason: .storage("cannot read \(path)"))
      }
      defer { try? handle.close() }
      try db.execute(sql: "DELETE FROM blob_chunks WHERE blob = ?", arguments: [id])
      var size = 0
      var position = 0
      while true {
        let chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
        if chunk.isEmpty { break }
        size += chunk.count
        guard size <= limit else {
          throw StateStoreError(collection: "blobs", id: id, reason: .tooLarge(limit: limit))
        }
        try db.execute(
          sql: "INSERT INTO blob_chunks (blob, position, data) VALUES (?, ?, ?)",
          arguments: [id, position, chunk])
        position += 1
      }
      try db.execute(sql: "INSERT OR REPLACE INTO blobs (id, size) VALUES (?, ?)", arguments: [id, size])
      return size
    }
  }

  package func blob(id: String) async throws(StateStoreError) -> [UInt8]? {
    try await run("blobs", id, write: false) { db -> [UInt8]? in
      guard let size = try Int.fetchOne(db, sql: "SELECT size FROM blobs WHERE id = ?", arguments: [id])
      else {
        return nil
      }
      var bytes: [UInt8] = []
      bytes.reserveCapacity(size)
      let cursor = try Data.fetchCursor(
        db, sql: "SELECT data FROM blob_chunks WHERE blob = ? ORDER BY position", arguments: [id])
      while let chunk = try cursor.next() { bytes += chunk }
      return bytes
    }
  }

  package func deleteBlob(id: String) async throws(StateStoreError) -> Bool {
    try await run("blobs", id) { db in
      try db.execute(sql: "DELETE FROM blob_chunks WHERE blob = ?", arguments: [id])
      try db.execute(sql: "DELETE FROM blobs WHERE id = ?", arguments: [id])
      return db.changesCount > 0
    }
  }

  package func appendAudit(_ entry: AuditEntry) async throws(StateStoreError) -> AuditEntry {
    try await run("audit", entry.target) { db in
      try db.execute(
        sql:
          "INSERT INTO audit (time, actor, action, target, client_address, detail) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [entry.time, entry.actor, entry.action, entry.target, entry.clientAddress, entry.detail])
      var stored = entry
      stored.sequence = db.lastInsertedRowID
      return stored
    }
  }

  package func auditEntries(before: Int64?, limit: Int) async throws(StateStoreError) -> [AuditEntry] {
    try await run("audit", "", write: false) { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM audit WHERE sequence < ? ORDER BY sequence DESC LIMIT ?",
        arguments: [before ?? Int64.max, max(0, limit)]
      ).map { row in
        AuditEntry(
          sequence: row["sequence"], time: row["time"], actor: row["actor"], action: row["action"],
          target: row["target"], clientAddress: row["client_address"], detail: row["detail"])
      }
    }
  }
}
