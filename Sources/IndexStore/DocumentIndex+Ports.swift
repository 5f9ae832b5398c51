import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import GRDB
import Synchronization

/// The SQLite index as an archive store. Every call runs its SQLite work on the blocking pool,
/// never on the cooperative pool.
extension DocumentIndex: ArchiveWriting {
  package var location: String { directory }

  package func postings(_ request: PostingRequest) async throws(IndexError) -> PostingLists {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.postingsNow(request) }
  }

  package func summaries(of keys: [StoredDocumentKey]) async throws(IndexError) -> [CandidateSummary] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.summariesNow(keys) }
  }

  package func records(_ filter: DocumentFilter) async throws(IndexError) -> [DocumentRecord] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.list(filter) }
  }

  package func texts(ids: [String]) async throws(IndexError) -> [String: String] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.textsNow(ids: ids) }
  }

  package func templates() async throws(IndexError) -> [IndexTemplate] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.templatesNow() }
  }

  package func templateShingles() async throws(IndexError) -> Set<UInt64> {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.templateShinglesNow() }
  }

  package func frequentShingles(minimumDocumentShare: Double) async throws(IndexError) -> Set<UInt64> {
    try await BlockingPool.shared.run { () throws(IndexError) in
      try self.frequentShinglesNow(minimumDocumentShare: minimumDocumentShare)
    }
  }

  package func documentCount() async throws(IndexError) -> Int {
    try await BlockingPool.shared.run { () throws(IndexError) in
      try self.wrap(self.directory) {
        try self.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0 }
      }
    }
  }

  package func stats() async throws(IndexError) -> IndexStats {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.statsNow() }
  }

  package func upsert(_ documents: [StorableDocument]) async throws(IndexError) {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.upsert(prepared: documents) }
  }

  package func remove(ids: [String]) async throws(IndexError) -> [String] {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.removeNow(ids: ids) }
  }

  package func addTemplate(id: String, text: String) async throws(IndexError) {
    try await BlockingPool.shared.run { () throws(IndexError) in try self.addTemplateNow(id: id, text: text) }
  }

  package func beginBulkLoad() async throws(IndexError) -> any BulkLoadSession {
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
package final class SQLiteBulkLoad: BulkLoadSession {
  package static let flushInterval = 8192
  let index: DocumentIndex
  private let pending = Mutex(0)

  init(index: DocumentIndex) {
    self.index = index
  }

  package func add(_ documents: [StorableDocument]) async throws(IndexError) {
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

  package func finish() async throws(IndexError) {
    let index = self.index
    pending.withLock { $0 = 0 }
    try await BlockingPool.shared.run { () throws(IndexError) in try index.flushPendingBuckets() }
  }
}
