import Foundation
import Synchronization

/// One record of the service's own state (submissions, batches, API keys, webhooks, webhook
/// deliveries, users, sessions): an adapter's JSON body under a collection and an id.
///
/// The store does not look inside `body`; lookups are by id (an API key is filed under the
/// hash of its secret, a user under the user name, a session under the hash of its token) and
/// listings by collection and optionally `owner` (the key or user that created the record).
/// `version` starts at 1 and goes up by one on every update: writers update with the version
/// they read (optimistic concurrency), so two service instances never overwrite each other.
package struct StateRecord: Sendable, Equatable {
  package var collection: String
  package var id: String
  package var owner: String?
  package var body: [UInt8]
  package var version: Int64
  /// Seconds since 1970 (UTC), whole milliseconds.
  package var createdAt: Double
  package var updatedAt: Double

  package init(
    collection: String, id: String, owner: String?, body: [UInt8], version: Int64, createdAt: Double,
    updatedAt: Double
  ) {
    self.collection = collection
    self.id = id
    self.owner = owner
    self.body = body
    self.version = version
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}

/// One line of the audit log: who read or changed what, when, from where. Stored as given;
/// callers mask personal data before they append (the log is read by admins).
package struct AuditEntry: Sendable, Equatable, Codable {
  /// Assigned by the store on append: increasing, never reused.
  package var sequence: Int64
  package var time: Double
  /// The API key id or user name that acted.
  package var actor: String
  /// What was done, e.g. `report.read`, `text.read`, `query`, `key.revoke`.
  package var action: String
  /// What it was done to (a submission id, a document id, a batch id).
  package var target: String
  package var clientAddress: String?
  package var detail: String?

  package init(
    sequence: Int64 = 0, time: Double, actor: String, action: String, target: String,
    clientAddress: String? = nil, detail: String? = nil
  ) {
    self.sequence = sequence
    self.time = time
    self.actor = actor
    self.action = action
    self.target = target
    self.clientAddress = clientAddress
    self.detail = detail
  }
}

/// Why a service-state operation failed.
package struct StateStoreError: Error, Sendable, Equatable, CustomStringConvertible {
  package enum Reason: Sendable, Equatable {
    case notFound
    /// An update whose expected version is not the stored one: someone else wrote first.
    case versionMismatch(stored: Int64)
    /// A record or blob over the store's limit.
    case tooLarge(limit: Int)
    case storage(String)
  }

  package var collection: String
  package var id: String
  package var reason: Reason

  package init(collection: String, id: String, reason: Reason) {
    self.collection = collection
    self.id = id
    self.reason = reason
  }

  package var description: String {
    let subject = "\(collection)/\(id)"
    return switch reason {
    case .notFound: "\(subject) does not exist"
    case .versionMismatch(let stored): "\(subject) was changed by another writer (now version \(stored))"
    case .tooLarge(let limit): "\(subject) is larger than the limit of \(limit) bytes"
    case .storage(let detail): "\(subject): service state store error: \(detail)"
    }
  }
}

/// The service's own durable state, kept by the same store as the archive (the SQLite index
/// directory, the PostgreSQL database), shared by every process and instance over that store.
/// Every method is safe to call concurrently.
package protocol ServiceStateStore: Sendable {
  /// Files a new record with version 1. When `collection`/`id` exists already, returns the
  /// stored record unchanged and `created == false` (idempotent creation: the caller compares
  /// bodies and answers 200 or 409).
  func create(collection: String, id: String, owner: String?, body: [UInt8]) async throws(StateStoreError)
    -> (record: StateRecord, created: Bool)
  func record(collection: String, id: String) async throws(StateStoreError) -> StateRecord?
  /// Replaces the body when the stored version is `expectedVersion`; the result has the next
  /// version. Throws `.notFound` or `.versionMismatch`.
  func update(collection: String, id: String, body: [UInt8], expectedVersion: Int64)
    async throws(StateStoreError)
    -> StateRecord
  /// Returns false when there was no such record.
  func delete(collection: String, id: String) async throws(StateStoreError) -> Bool
  /// Records of `collection` (of one `owner` when given), newest first by (createdAt, id), at most
  /// `limit`, starting after `after` (the last record of the previous page) when given.
  func records(collection: String, owner: String?, after: StateRecord?, limit: Int)
    async throws(StateStoreError)
    -> [StateRecord]
  func count(collection: String) async throws(StateStoreError) -> Int

  /// Stores the file at `path` as blob `id` (an upload streamed to disk; the store reads it in
  /// chunks, never whole), replacing any blob with that id. Returns its size in bytes.
  func putBlob(id: String, fromFile path: String) async throws(StateStoreError) -> Int
  /// The blob's bytes (a document handed to a reader); nil when there is none.
  func blob(id: String) async throws(StateStoreError) -> [UInt8]?
  func deleteBlob(id: String) async throws(StateStoreError) -> Bool

  /// Appends to the audit log; returns the entry with its sequence.
  func appendAudit(_ entry: AuditEntry) async throws(StateStoreError) -> AuditEntry
  /// Audit entries newest first, those with a sequence below `before` when given, at most `limit`.
  func auditEntries(before: Int64?, limit: Int) async throws(StateStoreError) -> [AuditEntry]
}

/// Ordering shared by every implementation of ``ServiceStateStore/records(collection:owner:after:limit:)``.
extension StateRecord {
  /// True when `self` is listed before `other` (newest first; ties by id, descending).
  package func listsBefore(_ other: StateRecord) -> Bool {
    (createdAt, id) > (other.createdAt, other.id)
  }
}

/// The service state in memory: the reference implementation of the contract, for tests and a
/// service run on the in-memory store.
package final class MemoryServiceState: ServiceStateStore {
  private struct Contents {
    var records: [String: [String: StateRecord]] = [:]
    var blobs: [String: [UInt8]] = [:]
    var audit: [AuditEntry] = []
  }

  private let contents = Mutex(Contents())
  private let clock: @Sendable () -> Double
  /// The largest blob accepted.
  package let blobLimit: Int

  package init(
    blobLimit: Int = 256 << 20, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.blobLimit = blobLimit
    self.clock = clock
  }

  package func create(collection: String, id: String, owner: String?, body: [UInt8]) -> (
    record: StateRecord, created: Bool
  ) {
    let now = (clock() * 1000).rounded() / 1000
    return contents.withLock { contents in
      if let existing = contents.records[collection]?[id] { return (existing, false) }
      let record = StateRecord(
        collection: collection, id: id, owner: owner, body: body, version: 1, createdAt: now, updatedAt: now)
      contents.records[collection, default: [:]][id] = record
      return (record, true)
    }
  }

  package func record(collection: String, id: String) -> StateRecord? {
    contents.withLock { $0.records[collection]?[id] }
  }

  package func update(collection: String, id: String, body: [UInt8], expectedVersion: Int64)
    throws(StateStoreError)
    -> StateRecord
  {
    let now = (clock() * 1000).rounded() / 1000
    return try contents.withLock { (contents) throws(StateStoreError) -> StateRecord in
      guard var record = contents.records[collection]?[id] else {
        throw StateStoreError(collection: collection, id: id, reason: .notFound)
      }
      guard record.version == expectedVersion else {
        throw StateStoreError(
          collection: collection, id: id, reason: .versionMismatch(stored: record.version))
      }
      record.body = body
      record.version += 1
      record.updatedAt = now
      contents.records[collection]?[id] = record
      return record
    }
  }

  package func delete(collection: String, id: String) -> Bool {
    contents.withLock { $0.records[collection]?.removeValue(forKey: id) != nil }
  }

  package func records(collection: String, owner: String?, after: StateRecord?, limit: Int) -> [StateRecord] {
    contents.withLock { contents in
      let all = (contents.records[collection] ?? [:]).values.filter { record in
        (owner == nil || record.owner == owner) && (after.map { $0.listsBefore(record) } ?? true)
      }
      return Array(all.sorted { $0.listsBefore($1) }.prefix(max(0, limit)))
    }
  }

  package func count(collection: String) -> Int {
    contents.withLock { $0.records[collection]?.count ?? 0 }
  }

  package func putBlob(id: String, fromFile path: String) throws(StateStoreError) -> Int {
    let bytes: [UInt8]
    do {
      let url = URL(fileURLWithPath: path)
      let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
      guard size <= blobLimit else {
        throw StateStoreError(collection: "blobs", id: id, reason: .tooLarge(limit: blobLimit))
      }
      bytes = Array(try Data(contentsOf: url))
    } catch let error as StateStoreError {
      throw error
    } catch {
      throw StateStoreError(collection: "blobs", id: id, reason: .storage("cannot read \(path): \(error)"))
    }
    guard bytes.count <= blobLimit else {
      throw StateStoreError(collection: "blobs", id: id, reason: .tooLarge(limit: blobLimit))
    }
    contents.withLock { $0.blobs[id] = bytes }
    return bytes.count
  }

  package func blob(id: String) -> [UInt8]? {
    contents.withLock { $0.blobs[id] }
  }

  package func deleteBlob(id: String) -> Bool {
    contents.withLock { $0.blobs.removeValue(forKey: id) != nil }
  }

  package func appendAudit(_ entry: AuditEntry) -> AuditEntry {
    contents.withLock { contents in
      var stored = entry
      stored.sequence = Int64(contents.audit.count + 1)
      contents.audit.append(stored)
      return stored
    }
  }

  package func auditEntries(before: Int64?, limit: Int) -> [AuditEntry] {
    contents.withLock { contents in
      Array(
        contents.audit.reversed().filter { entry in before.map { entry.sequence < $0 } ?? true }
          .prefix(max(0, limit)))
    }
  }
}
