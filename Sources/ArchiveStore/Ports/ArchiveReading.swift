import ChachongModel
import Fingerprints

/// A store's own key of a stored document (the SQLite index's row id): opaque outside the store,
/// stable while the document is stored, never shown.
public typealias StoredDocumentKey = Int64

/// What one search asks of a store's candidate tables: the query's keys in each table.
public struct PostingRequest: Sendable, Equatable {
  /// Whole-document LSH band keys.
  public var bandKeys: [UInt64]
  /// Section-level LSH band keys.
  public var sectionKeys: [UInt64]
  /// Winnowed shingle fingerprints (empty unless the store was built with a window).
  public var fingerprints: [UInt64]
  /// Section buckets are read up to `sectionLimit + 1` members, so a caller can tell a bucket
  /// over the limit (boilerplate) without reading all of it.
  public var sectionLimit: Int
  /// The same bound for fingerprint postings.
  public var postingLimit: Int

  public init(
    bandKeys: [UInt64], sectionKeys: [UInt64], fingerprints: [UInt64], sectionLimit: Int, postingLimit: Int
  ) {
    self.bandKeys = bandKeys
    self.sectionKeys = sectionKeys
    self.fingerprints = fingerprints
    self.sectionLimit = sectionLimit
    self.postingLimit = postingLimit
  }
}

/// The members of each requested key, in the order of the request's arrays; each list is in
/// ascending key order, at most `limit + 1` long where the request bounds it.
public struct PostingLists: Sendable, Equatable {
  public var bands: [[StoredDocumentKey]]
  public var sections: [[StoredDocumentKey]]
  public var fingerprints: [[StoredDocumentKey]]

  public init(
    bands: [[StoredDocumentKey]], sections: [[StoredDocumentKey]], fingerprints: [[StoredDocumentKey]]
  ) {
    self.bands = bands
    self.sections = sections
    self.fingerprints = fingerprints
  }
}

/// A stored document as candidate ranking needs it: its id and whole-document signature.
public struct CandidateSummary: Sendable, Equatable {
  public var key: StoredDocumentKey
  public var id: String
  /// Serialized ``MinHashSignature`` (nil or unreadable: the estimate is 0).
  public var signature: [UInt8]

  public init(key: StoredDocumentKey, id: String, signature: [UInt8]) {
    self.key = key
    self.id = id
    self.signature = signature
  }
}

/// A stored template (call form text, boilerplate every application repeats).
public struct IndexTemplate: Sendable, Equatable {
  public var id: String
  public var text: String

  public init(id: String, text: String) {
    self.id = id
    self.text = text
  }
}

/// Reading the archive: what every job needs of a store, whatever keeps it (the embedded SQLite
/// index, PostgreSQL, memory).
///
/// Stores answer with raw postings and records; ranking candidates is shared pure code
/// (``CandidateSearch``), so a new store implements storage, never similarity.
/// Every method is safe to call concurrently; a reader sees whole documents only (a document's
/// rows and its postings are written in one transaction).
public protocol ArchiveReading: Sendable {
  /// Fixed when the store was created; every signature and key in it was built with them.
  var parameters: IndexParameters { get }
  /// Where the store is, for messages and reports (a directory, a URL without its password).
  var location: String { get }
  /// The store's keyed hash of an ID number (``IdentityKey/keyed(_:hash:)`` under the store's
  /// key): equal numbers give equal keys within one store.
  func leadIDKey(of idNumber: String) -> String

  func postings(_ request: PostingRequest) async throws(IndexError) -> PostingLists
  /// Summaries of the stored documents with these keys (keys no longer stored are left out).
  func summaries(of keys: [StoredDocumentKey]) async throws(IndexError) -> [CandidateSummary]
  /// Records matching `filter`, ordered by id.
  func records(_ filter: DocumentFilter) async throws(IndexError) -> [DocumentRecord]
  /// Stored extracted texts by id (ids not stored are left out).
  func texts(ids: [String]) async throws(IndexError) -> [String: String]
  func templates() async throws(IndexError) -> [IndexTemplate]
  /// Shingle hashes of every stored template.
  func templateShingles() async throws(IndexError) -> Set<UInt64>
  /// Shingle hashes in more than `minimumDocumentShare` (0…1) of the stored documents.
  func frequentShingles(minimumDocumentShare: Double) async throws(IndexError) -> Set<UInt64>
  func stats() async throws(IndexError) -> IndexStats
  /// How many documents are stored: what a check needs of the stats, without their table scans
  /// (a store should answer it from an index; the default asks ``stats()``).
  func documentCount() async throws(IndexError) -> Int
}

/// Writing the archive. Each call is atomic: a document and all its postings, or nothing.
public protocol ArchiveWriting: ArchiveReading {
  /// A preparer of documents for this store's parameters (one per thread: it holds compression
  /// state).
  func preparer() -> DocumentPreparer
  /// Stores `documents`, replacing any stored document with the same id (its postings go with
  /// it); within `documents` the last of equal ids wins.
  func upsert(_ documents: [StorableDocument]) async throws(IndexError)
  /// Deletes the documents with these ids; returns the ids that were present, sorted.
  func remove(ids: [String]) async throws(IndexError) -> [String]
  func addTemplate(id: String, text: String) async throws(IndexError)
  /// A bulk load: many batches, with the store's own policy for when postings are written.
  /// Documents added are stored at once; they are candidates of searches at the latest after
  /// ``BulkLoadSession/finish()``.
  func beginBulkLoad() async throws(IndexError) -> any BulkLoadSession
}

/// One bulk load into a store (see ``ArchiveWriting/beginBulkLoad()``).
public protocol BulkLoadSession: Sendable {
  func add(_ documents: [StorableDocument]) async throws(IndexError)
  /// Writes whatever the store deferred. A session not finished (a killed process) is finished
  /// by the store's next open.
  func finish() async throws(IndexError)
}

extension ArchiveReading {
  package func documentCount() async throws(IndexError) -> Int {
    try await stats().documents
  }

  package func record(id: String) async throws(IndexError) -> DocumentRecord? {
    try await records(DocumentFilter(ids: [id])).first
  }

  package func text(id: String) async throws(IndexError) -> String? {
    try await texts(ids: [id])[id]
  }

  /// The report's description of the store's parameters.
  package var parametersDescription: String {
    // The winnowing window says whether the archive could find a copied paragraph or a rewritten
    // application at all (0: no passage fingerprints), which an audit record must show.
    "shingleSize=\(parameters.fingerprint.shingleSize) signatureSize=\(parameters.fingerprint.signatureSize) "
      + "seed=\(parameters.fingerprint.seed) bands=\(parameters.lsh.bands) rows=\(parameters.lsh.rows) "
      + "winnowWindow=\(parameters.granularity.window)"
  }
}
