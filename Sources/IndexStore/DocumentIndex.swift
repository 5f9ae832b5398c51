import ArchiveStore
import ChachongModel
import Digest
import Fingerprints
import Foundation
import GRDB

/// The persistent index: one SQLite database (WAL mode) in a directory.
///
/// Thread-safe: reads run concurrently, writes are serialised by SQLite. Every ``upsert(_:)``
/// and ``remove(ids:)`` call is one transaction, so a killed process loses at most the call in
/// progress and the LSH tables and fingerprint postings never refer to a missing or replaced
/// document.
package final class DocumentIndex: Sendable {
  package let directory: String
  package let parameters: IndexParameters
  let pool: DatabasePool
  let leadKey: [UInt8]
  let hasher: MinHasher
  private let databasePath: String

  private init(
    directory: String, databasePath: String, pool: DatabasePool, parameters: IndexParameters, leadKey: [UInt8]
  ) {
    self.directory = directory
    self.databasePath = databasePath
    self.pool = pool
    self.parameters = parameters
    self.leadKey = leadKey
    self.hasher = MinHasher(parameters: parameters.fingerprint)
  }

  /// The path of the SQLite file inside an index directory.
  package static func databasePath(in directory: String) -> String {
    (directory as NSString).appendingPathComponent(Schema.fileName)
  }

  /// Whether `directory` holds an index database.
  package static func exists(directory: String) -> Bool {
    FileManager.default.fileExists(atPath: databasePath(in: directory))
  }

  /// Opens an existing index for reading only (`stats`, `list`, `query`, `check` without
  /// `--add`): nothing is written, no PRAGMA that needs a write lock is run, so an index on a
  /// read-only disk, or whose files and directory are read-only, can be read. `readOnly: false`
  /// is ``open(directory:creating:)`` without parameters.
  package static func open(directory: String, readOnly: Bool) throws(IndexError) -> DocumentIndex {
    guard readOnly else { return try open(directory: directory) }
    let path = databasePath(in: directory)
    guard FileManager.default.fileExists(atPath: path) else {
      throw IndexError(path: directory, reason: .notFound)
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA cache_size = -131072")
    }
    configuration.busyMode = .timeout(30)
    func load(_ pool: DatabasePool) throws(IndexError) -> DocumentIndex {
      try wrap(directory) {
        try pool.read { db -> DocumentIndex in
          guard try db.tableExists("meta") else { throw IndexError(path: directory, reason: .notFound) }
          let (stored, key, version) = try storedSettings(db, directory: directory)
          if version < Schema.version {
            throw IndexError(
              path: directory,
              reason: .storage("schema version \(version) needs an upgrade: open the index once for writing"))
          }
          if try db.tableExists("pending_buckets"),
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pending_buckets") ?? 0 > 0
          {
            throw IndexError(
              path: directory,
              reason: .storage("an ingest was interrupted: open the index once for writing to finish it"))
          }
          return DocumentIndex(
            directory: directory, databasePath: path, pool: pool, parameters: stored, leadKey: key)
        }
      }
    }
    do {
      return try load(try wrap(directory) { try DatabasePool(path: path, configuration: configuration) })
    } catch {
      // WAL needs a writable -shm file; when nobody may write the directory the database cannot
      // change under us, and SQLite can read it as immutable.
      guard access(directory, W_OK) != 0 else { throw error }
      let uri =
        "file:"
        + path.replacingOccurrences(of: "%", with: "%25")
        .replacingOccurrences(of: "?", with: "%3F").replacingOccurrences(of: "#", with: "%23")
        + "?immutable=1"
      return try load(try wrap(directory) { try DatabasePool(path: uri, configuration: configuration) })
    }
  }

  /// Parameters, ID key and schema version from `meta`, checked: a tampered `signatureSize` of
  /// 10^9 would send every command over 3 GiB.
  private static func storedSettings(
    _ db: Database, directory: String
  ) throws -> (IndexParameters, [UInt8], Int) {
    let meta = try readMeta(db)
    guard let versionText = meta["schema_version"], let version = Int(versionText) else {
      throw IndexError(path: directory, reason: .corrupt("no schema version"))
    }
    if version > Schema.version {
      throw IndexError(path: directory, reason: .newerSchema(found: version, supported: Schema.version))
    }
    guard let storedJSON = meta["parameters"],
      let stored = try? JSONDecoder().decode(IndexParameters.self, from: Data(storedJSON.utf8))
    else {
      throw IndexError(path: directory, reason: .corrupt("unreadable parameters"))
    }
    if let problem = stored.outOfRangeReason {
      throw IndexError(path: directory, reason: .corrupt("parameters out of range: \(problem)"))
    }
    if let probe = meta["fingerprint_probe"], probe != FingerprintProbe.digest(parameters: stored) {
      throw IndexError(path: directory, reason: .fingerprintsChanged)
    }
    return (stored, try leadKey(meta: meta, directory: directory), version)
  }

  /// The ID-hash key: the environment's (``LeadIDHashKey/fromEnvironment(_:)``), else the key
  /// file beside the database, else (an index of schema 1 or 2, before the upgrade) the key its
  /// `meta` held. A key whose check value is not the stored one is refused: its hashes would
  /// match nothing stored.
  private static func leadKey(meta: [String: String], directory: String) throws(IndexError) -> [UInt8] {
    let file = keyFilePath(in: directory)
    let key: LeadIDHashKey
    if let fromEnvironment = try LeadIDHashKey.fromEnvironment() {
      key = fromEnvironment
    } else if FileManager.default.fileExists(atPath: file) {
      key = try LeadIDHashKey.read(file: file)
    } else if let hex = meta["lead_id_key"], let legacy = LeadIDHashKey(hex: hex) {
      key = legacy
    } else {
      throw IndexError(
        path: directory,
        reason: .storage(
          "the ID-hash key file \(LeadIDHashKey.fileName) is missing: restore it from the backup of this index "
            + "(ID numbers are matched by hashes under it) or name it with \(LeadIDHashKey.fileEnvironmentVariable)"
        ))
    }
    if let check = meta["lead_id_key_check"], check != key.checkValue {
      throw IndexError(
        path: directory,
        reason: .corrupt(
          "the ID-hash key (\(LeadIDHashKey.fileName) or the environment's) is not this index's key"))
    }
    if meta["lead_id_key_check"] == nil, let hex = meta["lead_id_key"], LeadIDHashKey(hex: hex) != key {
      throw IndexError(path: directory, reason: .corrupt("the ID-hash key file is not this index's key"))
    }
    return key.bytes
  }

  /// Where an index keeps its ID-hash key: beside the database, mode 0600.
  package static func keyFilePath(in directory: String) -> String {
    (directory as NSString).appendingPathComponent(LeadIDHashKey.fileName)
  }

  /// Schema 1 or 2 → 3: the key leaves the database for its file and stored texts are masked.
  private static func moveKeyOutAndMaskTexts(_ db: Database, key: [UInt8], directory: String) throws {
    let file = keyFilePath(in: directory)
    guard let hashKey = LeadIDHashKey(bytes: key) else {
      throw IndexError(path: directory, reason: .corrupt("no lead ID key"))
    }
    if !FileManager.default.fileExists(atPath: file) {
      try hashKey.write(file: file)
    }
    try db.execute(sql: "DELETE FROM meta WHERE key = 'lead_id_key'")
    try db.execute(
      sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('lead_id_key_check', ?)",
      arguments: [hashKey.checkValue])
    let compressor = Zstandard.Compressor(level: StoredText.level)
    let rows = try Row.fetchAll(db, sql: "SELECT doc, text FROM documents")
    for row in rows {
      let doc: Int64 = row["doc"]
      let blob: Data = row["text"]
      guard let bytes = StoredText.decode([UInt8](blob)) else { continue }
      let text = String(decoding: bytes, as: UTF8.self)
      let masked = IdentityKey.maskingIDNumbers(in: text)
      guard masked != text else { continue }
      var copy = masked
      guard let compressed = copy.withUTF8({ compressor.compress($0) }) else {
        throw IndexError(path: directory, reason: .storage("cannot compress text of document \(doc)"))
      }
      try db.execute(sql: "UPDATE documents SET text = ? WHERE doc = ?", arguments: [Data(compressed), doc])
    }
  }

  /// Opens the index in `directory`.
  ///
  /// - Parameter parameters: nil opens an existing index with its own parameters (and fails with
  ///   ``IndexError/Reason/notFound`` when there is none). Otherwise a missing index is created
  ///   with these parameters, and an existing one must have been built with exactly them.
  package static func open(directory: String, creating parameters: IndexParameters? = nil)
    throws(IndexError) -> DocumentIndex
  {
    let path = databasePath(in: directory)
    let existed = FileManager.default.fileExists(atPath: path)
    if !existed {
      guard parameters != nil else { throw IndexError(path: directory, reason: .notFound) }
      do {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw IndexError(path: directory, reason: .storage("cannot create directory: \(error)"))
      }
    }
    var configuration = Configuration()
    configuration.prepareDatabase { db in
      // NORMAL is durable against a killed process in WAL mode (not against power loss).
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      try db.execute(sql: "PRAGMA cache_size = -131072")
    }
    configuration.busyMode = .timeout(30)
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
    } catch {
      throw IndexError(path: directory, reason: .storage("\(error)"))
    }
    return try wrap(directory) {
      try pool.write { db -> DocumentIndex in
        let hasMeta = try db.tableExists("meta")
        if !hasMeta {
          guard let parameters else { throw IndexError(path: directory, reason: .notFound) }
          guard try !db.tableExists("documents") else {
            throw IndexError(path: directory, reason: .corrupt("no meta table"))
          }
          // The environment's key (a service's secret store), else a new one in the key file.
          let key: LeadIDHashKey
          if let fromEnvironment = try LeadIDHashKey.fromEnvironment() {
            key = fromEnvironment
          } else {
            let file = keyFilePath(in: directory)
            key =
              FileManager.default.fileExists(atPath: file) ? try LeadIDHashKey.read(file: file) : .generate()
            if !FileManager.default.fileExists(atPath: file) { try key.write(file: file) }
          }
          try Schema.create(
            db, parametersJSON: try encode(parameters), leadKeyCheck: key.checkValue,
            fingerprintProbe: FingerprintProbe.digest(parameters: parameters))
          return DocumentIndex(
            directory: directory, databasePath: path, pool: pool, parameters: parameters, leadKey: key.bytes)
        }
        let meta = try readMeta(db)
        guard let versionText = meta["schema_version"], let version = Int(versionText) else {
          throw IndexError(path: directory, reason: .corrupt("no schema version"))
        }
        if version > Schema.version {
          throw IndexError(
            path: directory, reason: .newerSchema(found: version, supported: Schema.version))
        }
        let key = try leadKey(meta: meta, directory: directory)
        if version < Schema.version {
          try moveKeyOutAndMaskTexts(db, key: key, directory: directory)
          try Schema.upgrade(db, from: version)
        }
        guard let storedJSON = meta["parameters"],
          let stored = try? JSONDecoder().decode(IndexParameters.self, from: Data(storedJSON.utf8))
        else {
          throw IndexError(path: directory, reason: .corrupt("unreadable parameters"))
        }
        if let problem = stored.outOfRangeReason {
          throw IndexError(path: directory, reason: .corrupt("parameters out of range: \(problem)"))
        }
        if let parameters, parameters != stored {
          throw IndexError(
            path: directory,
            reason: .parametersMismatch(stored: storedJSON, requested: try encode(parameters)))
        }
        if let probe = meta["fingerprint_probe"], probe != FingerprintProbe.digest(parameters: stored) {
          throw IndexError(path: directory, reason: .fingerprintsChanged)
        }
        try db.execute(sql: Schema.pendingBucketsTableIfMissing)
        // An ingest killed between a batch and its bucket flush: finish the flush.
        try flushPendingBuckets(db, parameters: stored, directory: directory)
        return DocumentIndex(
          directory: directory, databasePath: path, pool: pool, parameters: stored, leadKey: key)
      }
    }
  }

  /// HMAC-SHA256 (hex) of a personal ID number under this index's random key: equal numbers give
  /// equal hashes within the index; the number cannot be read back. The number is normalised by
  /// ``IdentityKey`` first (full-width, spaces, hyphens, lower-case x), as everywhere else.
  package func leadIDKey(of idNumber: String) -> String {
    IdentityKey.keyed(idNumber) { HMACSHA256.hexAuthenticationCode(key: leadKey, message: $0) }
  }

  // MARK: - Writing

  /// A preparer for ``upsert(prepared:)`` (one per thread).
  package func preparer() -> DocumentPreparer {
    DocumentPreparer(parameters: parameters, hasher: hasher, directory: directory)
  }

  /// Stores `documents` in one transaction, replacing any stored document with the same id
  /// (its LSH entries and postings go with it). Within `documents` the last of equal ids wins.
  package func upsertNow(_ documents: [IndexedDocument]) throws(IndexError) {
    let preparer = preparer()
    try upsert(prepared: documents.map { (document) throws(IndexError) in try preparer.prepare(document) })
  }

  /// ``upsert(_:)`` for documents prepared by ``preparer()``.
  ///
  /// - Parameter deferringBuckets: store the documents now and their LSH bucket and posting rows
  ///   at the next ``flushPendingBuckets()`` (a bulk ingest: inserting rows at random keys
  ///   rewrites most pages of the bucket B-trees, so a flush per 8,192 documents writes far less
  ///   than one per batch). Until then the documents are stored but are nobody's candidates; a
  ///   process killed before the flush leaves them in `pending_buckets`, and the next
  ///   ``open(directory:creating:)`` flushes them.
  package func upsert(prepared documents: [StorableDocument], deferringBuckets: Bool = false)
    throws(IndexError)
  {
    var lastIndex: [String: Int] = [:]
    for (index, document) in documents.enumerated() {
      lastIndex[document.id] = index
    }
    let prepared = documents.enumerated().filter { lastIndex[$0.element.id] == $0.offset }.map(\.element)
    try wrap(directory) {
      try pool.write { db in
        var rows = BucketRows()
        let insert = try db.cachedStatement(
          sql: """
            INSERT INTO documents(id, program, year, status, title, organisation, credit_code, lead,
              lead_id_hash, lead_id_masked, source_path, source_sha256, character_count, token_count,
              shingle_count, sections, extra, signature, fingerprints, section_keys, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let markPending = try db.cachedStatement(sql: "INSERT INTO pending_buckets(doc) VALUES (?)")
        for document in prepared {
          // A form prepared for a store in memory has no compressed text to keep.
          guard document.plainText == nil else {
            throw IndexError(
              path: directory, reason: .storage("\(document.id) was prepared for a store in memory"))
          }
          _ = try deleteDocuments(db, ids: [document.metadata.id])
          let meta = document.metadata
          let values: [(any DatabaseValueConvertible)?] = [
            meta.id, meta.program, meta.year, meta.status, meta.title, meta.organisation,
            meta.creditCode, meta.lead, meta.leadIDKey, meta.leadIDMasked, meta.sourcePath,
            meta.sourceSHA256, meta.characterCount, document.tokenCount, document.shingleCount,
            document.sectionsJSON, document.extraJSON, Data(document.signature),
            Data(IntegerPacking.pack(document.fingerprints)),
            Data(IntegerPacking.pack(document.sectionKeys)), Data(document.compressedText),
          ]
          try insert.execute(arguments: StatementArguments(values))
          let doc = db.lastInsertedRowID
          if deferringBuckets {
            try markPending.execute(arguments: [doc])
            continue
          }
          rows.add(
            doc: doc, bandKeys: document.bandKeys, fingerprints: document.fingerprints,
            sectionKeys: document.sectionKeys)
        }
        try rows.insert(into: db)
        try bumpGeneration(db)
      }
    }
  }

  /// Writes the bucket and posting rows of every document stored with `deferringBuckets`.
  package func flushPendingBuckets() throws(IndexError) {
    let parameters = self.parameters
    let directory = self.directory
    try wrap(directory) {
      try pool.write { db in
        try DocumentIndex.flushPendingBuckets(db, parameters: parameters, directory: directory)
      }
    }
  }

  /// The number of documents whose bucket rows are not written yet.
  package func pendingBucketDocuments() throws(IndexError) -> Int {
    try wrap(directory) {
      try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pending_buckets") ?? 0 }
    }
  }

  /// Recomputes the rows from what the documents table stores (signature, winnowed fingerprints,
  /// section keys): the same rows an immediate upsert writes.
  static func flushPendingBuckets(_ db: Database, parameters: IndexParameters, directory: String) throws {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT d.doc, d.id, d.signature, d.fingerprints, d.section_keys
        FROM pending_buckets p JOIN documents d ON d.doc = p.doc
        """)
    var bucketRows = BucketRows()
    for row in rows {
      let id: String = row["id"]
      let keys = try StoredKeys(row: row, id: id, parameters: parameters, directory: directory)
      bucketRows.add(
        doc: row["doc"], bandKeys: keys.bandKeys, fingerprints: keys.fingerprints,
        sectionKeys: keys.sectionKeys)
    }
    try bucketRows.insert(into: db)
    try db.execute(sql: "DELETE FROM pending_buckets")
  }

  /// Deletes the documents with these ids; returns the ids that were present, sorted.
  @discardableResult
  package func removeNow(ids: [String]) throws(IndexError) -> [String] {
    try wrap(directory) {
      try pool.write { db in
        let removed = try deleteDocuments(db, ids: ids)
        if !removed.isEmpty {
          try bumpGeneration(db)
        }
        return removed.sorted()
      }
    }
  }

  /// Stores a template (call form text, boilerplate) whose shingles evidence may exclude.
  package func addTemplateNow(id: String, text: String) throws(IndexError) {
    let shingles = Set(
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: text), k: parameters.fingerprint.shingleSize,
        seed: parameters.fingerprint.seed)
    ).sorted()
    var bytes = text
    guard let compressed = bytes.withUTF8({ Zstandard.Compressor(level: 3).compress($0) }) else {
      throw IndexError(path: directory, reason: .storage("cannot compress template \(id)"))
    }
    try wrap(directory) {
      try pool.write { db in
        try db.execute(
          sql: "INSERT OR REPLACE INTO templates(id, text, shingles) VALUES (?, ?, ?)",
          arguments: [id, Data(compressed), Data(IntegerPacking.pack(shingles))])
      }
    }
  }

  private func deleteDocuments(_ db: Database, ids: [String]) throws -> [String] {
    var removed: [String] = []
    let select = try db.cachedStatement(
      sql: "SELECT doc, signature, fingerprints, section_keys FROM documents WHERE id = ?")
    let deleteBucket = try db.cachedStatement(sql: "DELETE FROM lsh_buckets WHERE key = ? AND doc = ?")
    let deletePosting = try db.cachedStatement(
      sql: "DELETE FROM fingerprint_postings WHERE hash = ? AND doc = ?")
    let deleteSectionBucket = try db.cachedStatement(
      sql: "DELETE FROM section_buckets WHERE key = ? AND doc = ?")
    let deleteDocument = try db.cachedStatement(sql: "DELETE FROM documents WHERE doc = ?")
    let deletePending = try db.cachedStatement(sql: "DELETE FROM pending_buckets WHERE doc = ?")
    for id in ids {
      guard let row = try Row.fetchOne(select, arguments: [id]) else { continue }
      let doc: Int64 = row["doc"]
      let keys = try StoredKeys(row: row, id: id, parameters: parameters, directory: directory)
      for key in keys.bandKeys {
        try deleteBucket.execute(arguments: [Int64(bitPattern: key), doc])
      }
      for hash in keys.fingerprints {
        try deletePosting.execute(arguments: [Int64(bitPattern: hash), doc])
      }
      for key in keys.sectionKeys {
        try deleteSectionBucket.execute(arguments: [Int64(bitPattern: key), doc])
      }
      try deleteDocument.execute(arguments: [doc])
      try deletePending.execute(arguments: [doc])
      removed.append(id)
    }
    return removed
  }

  private func bumpGeneration(_ db: Database) throws {
    try db.execute(
      sql: "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'")
  }

  // MARK: - Helpers

  static func readMeta(_ db: Database) throws -> [String: String] {
    var meta: [String: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
      meta[row["key"]] = row["value"]
    }
    return meta
  }

  /// Runs `body`, turning anything but an ``IndexError`` into a storage error.
  static func wrap<T>(_ directory: String, _ body: () throws -> T) throws(IndexError) -> T {
    do {
      return try body()
    } catch let error as IndexError {
      throw error
    } catch {
      throw IndexError(path: directory, reason: .storage("\(error)"))
    }
  }

  func wrap<T>(_ directory: String, _ body: () throws -> T) throws(IndexError) -> T {
    try DocumentIndex.wrap(directory, body)
  }
}
