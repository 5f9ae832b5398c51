import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import GRDB
import Synchronization

/// The SQLite index as an archive store. Every call runs its SQLite work on the blocking pool,
/// never on the cooperative pool.
extension DocumentIndex: ArchiveWriting {
  public var location: String { directory }

  public func postings(_ request: PostingRequest) async throws(IndexError) -> PostingLists {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.postingsNow(request) }
  }

  public func summaries(of keys: [StoredDocumentKey]) async throws(IndexError) -> [CandidateSummary] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.summariesNow(keys) }
  }

  public func records(_ filter: DocumentFilter) async throws(IndexError) -> [DocumentRecord] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.list(filter) }
  }

  public func texts(ids: [String]) async throws(IndexError) -> [String: String] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.textsNow(ids: ids) }
  }

  public func templates() async throws(IndexError) -> [IndexTemplate] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.templatesNow() }
  }

  public func templateShingles() async throws(IndexError) -> Set<UInt64> {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.templateShinglesNow() }
  }

  public func frequentShingles(minimumDocumentShare: Double) async throws(IndexError) -> Set<UInt64> {
    try await BlockingPool.shared.run { () throws(IndexError) in
      try self.frequentShinglesNow(minimumDocumentShare: minimumDocumentShare)
    }
  }

  public func documentCount() async throws(IndexError) -> Int {
    try await BlockingPool.shared.run { () throws(IndexError) in
      try self.wrap(self.directory) {
        try self.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0 }
      }
    }
  }

  public func stats() async throws(IndexError) -> IndexStats {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.statsNow() }
  }

  public func upsert(_ documents: [StorableDocument]) async throws(IndexError) {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.upsert(prepared: documents) }
  }

  public func remove(ids: [String]) async throws(IndexError) -> [String] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.removeNow(ids: ids) }
  }

  public func addTemplate(id: String, text: String) async throws(IndexError) {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.addTemplateNow(id: id, text: text) }
  }

  public func beginBulkLoad() async throws(IndexError) -> any BulkLoadSession {
    SQLiteBulkLoad(index: self)
  }

  // MARK: - The SQLite work

  func postingsNow(_ request: PostingRequest) throws(IndexError) -> PostingLists {
    try wrap(directory) {
      try pool.read { db in
        func members(_ sql: String, _ keys: [UInt64], limit: Int?) throws -> [[StoredDocumentKey]] {
          let statement = try db.cachedStatement(sql: sql)
          return try keys.map { key in
            var arguments: StatementArguments = [Int64(bitPattern: key)]
            if let limit { arguments += [limit + 1] }
            return try Int64.fetchAll(statement, arguments: arguments)
          }
        }
        return PostingLists(
          bands: try members("SELECT doc FROM lsh_buckets WHERE key = ?", request.bandKeys, limit: nil),
          sections: try members(
            "SELECT doc FROM section_buckets WHERE key = ? LIMIT ?", request.sectionKeys,
            limit: request.sectionLimit),
          fingerprints: try members(
            "SELECT doc FROM fingerprint_postings WHERE hash = ? LIMIT ?", request.fingerprints,
            limit: request.postingLimit))
      }
    }
  }

  func summariesNow(_ keys: [StoredDocumentKey]) throws(IndexError) -> [CandidateSummary] {
    try wrap(directory) {
      try pool.read { db in
        let statement = try db.cachedStatement(sql: "SELECT id, signature FROM documents WHERE doc = ?")
        return try keys.compactMap { key -> CandidateSummary? in
          guard let row = try Row.fetchOne(statement, arguments: [key]) else { return nil }
          let id: String = row["id"]
          let signature: Data = row["signature"]
          // A damaged or tampered row is an error, not a document that silently drops out.
          guard let stored = try? MinHashSignature(serialized: [UInt8](signature)),
            stored.values.count == parameters.fingerprint.signatureSize
          else {
            throw IndexError(path: directory, reason: .corrupt("document \(id): unreadable signature"))
          }
          return CandidateSummary(key: key, id: id, signature: [UInt8](signature))
        }
      }
    }
  }
}

/// Bulk load into the SQLite index: documents are committed per call, their bucket and posting
/// rows per ``flushInterval`` documents and at ``finish()`` (inserting rows at random keys
/// rewrites most pages of the bucket B-trees, so writing them less often saves most of the cost
/// of a large ingest). Rows a killed load left pending are written by the next open.
public final class SQLiteBulkLoad: BulkLoadSession {
  public static let flushInterval = 8192
  let index: DocumentIndex
  private let pending = Mutex(0)

  init(index: DocumentIndex) {
    self.index = index
  }

  public func add(_ documents: [StorableDocument]) async throws(IndexError) {
    let index = self.index
    try await BlockingPool.shared.run { () throws(IndexError) in
      try index.upsert(prepared: documents, deferringBuckets: true)
    }
    let due = pending.withLock { count -> Bool in
      count += documents.count
      guard count >= Self.flushInterval else { return false }
      count = 0
      return true
    }
    if due {
      try await BlockingPool.shared.run { () throws(IndexError) in try index.flushPendingBuckets() }
    }
  }

  public func finish() async throws(IndexError) {
    let index = self.index
    pending.withLock { $0 = 0 }
    try await BlockingPool.shared.run { () throws(IndexError) in try index.flushPendingBuckets() }
  }
}
