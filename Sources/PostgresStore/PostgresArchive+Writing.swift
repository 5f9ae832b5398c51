import ArchiveStore
import ChachongModel
import Digest
import Fingerprints
import Foundation
import Logging
import PostgresNIO

extension PostgresArchive {
  /// Rows per multi-row `INSERT … VALUES`: 21 bound values each stays far below the protocol's
  /// 65,535 parameters.
  static let documentRowsPerStatement = 1000

  package func upsert(_ documents: [StorableDocument]) async throws(IndexError) {
    var lastIndex: [String: Int] = [:]
    for (index, document) in documents.enumerated() { lastIndex[document.id] = index }
    let latest = documents.enumerated().filter { lastIndex[$0.element.id] == $0.offset }.map(\.element)
    guard !latest.isEmpty else { return }
    try refuseWritesWhenReadOnly()
    let parameters = self.parameters
    let logger = self.logger
    let path = location
    try await session.transaction { connection in
      try await Self.lock(ids: latest.map(\.id), on: connection, logger: logger)
      try await Self.delete(
        ids: latest.map(\.id), on: connection, parameters: parameters, logger: logger, path: path)
      try await Self.insert(latest, on: connection, logger: logger, path: path)
    }
  }

  package func remove(ids: [String]) async throws(IndexError) -> [String] {
    guard !ids.isEmpty else { return [] }
    try refuseWritesWhenReadOnly()
    let parameters = self.parameters
    let logger = self.logger
    let path = location
    return try await session.transaction { connection in
      try await Self.lock(ids: ids, on: connection, logger: logger)
      return try await Self.delete(
        ids: ids, on: connection, parameters: parameters, logger: logger, path: path
      )
      .sorted()
    }
  }

  package func addTemplate(id: String, text: String) async throws(IndexError) {
    try refuseWritesWhenReadOnly()
    let fingerprint = parameters.fingerprint
    let shingles = Set(
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: text), k: fingerprint.shingleSize, seed: fingerprint.seed)
    ).sorted()
    var bytes = text
    guard let compressed = bytes.withUTF8({ Zstandard.Compressor(level: 3).compress($0) }) else {
      throw IndexError(path: location, reason: .storage("cannot compress template \(id)"))
    }
    try await session.execute(
      """
      INSERT INTO templates(id, text, shingles)
      VALUES (\(id), \(ByteBuffer(bytes: compressed)), \(ByteBuffer(bytes: IntegerPacking.pack(shingles))))
      ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, shingles = EXCLUDED.shingles
      """)
  }

  /// Batches are written as they come, each in one transaction with its postings: the
  /// set-based statements (multi-row `VALUES`, `unnest` arrays) already make a batch a handful of
  /// round trips, and deferring postings (the SQLite index's policy) would leave documents that
  /// other processes' checks cannot find.
  package func beginBulkLoad() async throws(IndexError) -> any BulkLoadSession {
    try refuseWritesWhenReadOnly()
    return ImmediateBulkLoad(store: self)
  }

  private func refuseWritesWhenReadOnly() throws(IndexError) {
    if readOnly {
      throw IndexError(path: location, reason: .storage("the store was opened read-only"))
    }
  }

  // MARK: - The write protocol

  /// Advisory locks on the ids, in ascending order (two writers of overlapping batches never
  /// deadlock), held until the transaction ends: nobody else writes these ids meanwhile, even
  /// ids not stored yet (a row lock cannot cover a missing row).
  static func lock(ids: [String], on connection: PostgresConnection, logger: Logger) async throws {
    let keys = Set(ids.map(lockKey(of:))).sorted()
    try await connection.query(
      """
      SELECT pg_advisory_xact_lock(\(PostgresSchema.lockClass), k)
      FROM unnest(\(keys)::int4[]) WITH ORDINALITY AS u(k, position) ORDER BY position
      """, logger: logger)
  }

  /// A 31-bit key of an id, never 0 (the migration lock): equal ids share a lock; two ids that
  /// collide are merely serialised.
  static func lockKey(of id: String) -> Int32 {
    let digest = SHA256.hash(Array(id.utf8))
    let value = digest.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    return Int32(bitPattern: (value & 0x7fff_ffff) | 1)
  }

  /// Deletes the stored documents with these ids, their texts and every posting row (found from
  /// the stored keys, so each delete is a lookup by bucket). Returns the ids that were stored.
  @discardableResult
  static func delete(
    ids: [String], on connection: PostgresConnection, parameters: IndexParameters, logger: Logger,
    path: String
  ) async throws -> [String] {
    var removed: [String] = []
    var docs: [Int64] = []
    var bands = PostingPairs()
    var sections = PostingPairs()
    var fingerprints = PostingPairs()
    let rows = try await connection.query(
      "SELECT doc, id, signature, fingerprints, section_keys FROM documents WHERE id = ANY(\(ids)::text[])",
      logger: logger)
    for try await (doc, id, signature, fingerprintBytes, sectionKeyBytes) in rows.decode(
      (Int64, String, ByteBuffer, ByteBuffer, ByteBuffer).self)
    {
      guard let stored = try? MinHashSignature(serialized: Array(signature.readableBytesView)),
        let winnowed = IntegerPacking.unpack(Array(fingerprintBytes.readableBytesView)),
        let sectionKeys = IntegerPacking.unpack(Array(sectionKeyBytes.readableBytesView))
      else {
        throw IndexError(path: path, reason: .corrupt("stored signature of \(id)"))
      }
      bands.add(doc: doc, keys: parameters.lsh.bandKeys(of: stored))
      sections.add(doc: doc, keys: sectionKeys)
      fingerprints.add(doc: doc, keys: winnowed)
      docs.append(doc)
      removed.append(id)
    }
    guard !docs.isEmpty else { return [] }
    for (table, pairs) in [
      ("band_postings", bands), ("section_postings", sections), ("fingerprint_postings", fingerprints),
    ] where !pairs.buckets.isEmpty {
      try await connection.query(
        PostgresQuery(
          unsafeSQL: """
            DELETE FROM \(table) AS p USING unnest($1::int8[], $2::int8[]) AS u(bucket, doc)
            WHERE p.bucket = u.bucket AND p.doc = u.doc
            """, binds: pairs.bindings), logger: logger)
    }
    try await connection.query("DELETE FROM document_texts WHERE doc = ANY(\(docs)::int8[])", logger: logger)
    try await connection.query("DELETE FROM documents WHERE doc = ANY(\(docs)::int8[])", logger: logger)
    return removed
  }

  /// Inserts documents (multi-row `VALUES`, `RETURNING` their new keys), texts and postings
  /// (`unnest` of arrays: one statement per table).
  static func insert(
    _ documents: [StorableDocument], on connection: PostgresConnection, logger: Logger, path: String
  ) async throws {
    var keyByID: [String: Int64] = [:]
    var start = 0
    while start < documents.count {
      let chunk = documents[start..<min(documents.count, start + documentRowsPerStatement)]
      start += chunk.count
      var binds = PostgresBindings(capacity: chunk.count * 21)
      var tuples: [String] = []
      tuples.reserveCapacity(chunk.count)
      for document in chunk {
        let first = binds.count + 1
        let meta = document.metadata
        binds.append(meta.id)
        binds.append(meta.program)
        binds.append(meta.year)
        binds.append(meta.status)
        binds.append(meta.title)
        binds.append(meta.organisation)
        binds.append(meta.creditCode)
        binds.append(meta.lead)
        binds.append(meta.leadIDKey)
        binds.append(meta.leadIDMasked)
        binds.append(meta.sourcePath)
        binds.append(meta.sourceSHA256)
        binds.append(meta.characterCount)
        binds.append(document.tokenCount)
        binds.append(document.shingleCount)
        binds.append(document.sectionsJSON)
        binds.append(document.extraJSON)
        binds.append(ByteBuffer(bytes: document.signature))
        binds.append(ByteBuffer(bytes: IntegerPacking.pack(document.fingerprints)))
        binds.append(ByteBuffer(bytes: IntegerPacking.pack(document.sectionKeys)))
        tuples.append("(" + (first..<binds.count + 1).map { "$\($0)" }.joined(separator: ",") + ")")
      }
      let query = PostgresQuery(
        unsafeSQL: """
          INSERT INTO documents(id, program, year, status, title, organisation, credit_code, lead,
            lead_id_hash, lead_id_masked, source_path, source_sha256, character_count, token_count,
            shingle_count, sections, extra, signature, fingerprints, section_keys)
          VALUES \(tuples.joined(separator: ","))
          RETURNING doc, id
          """, binds: binds)
      for try await (doc, id) in try await connection.query(query, logger: logger).decode(
        (Int64, String).self)
      {
        keyByID[id] = doc
      }
    }
    var textDocs: [Int64] = []
    var texts: [ByteBuffer] = []
    var bands = PostingPairs()
    var sections = PostingPairs()
    var fingerprints = PostingPairs()
    for document in documents {
      guard let doc = keyByID[document.id] else {
        throw IndexError(path: path, reason: .storage("document \(document.id) was not stored"))
      }
      // A form prepared for a store in memory has no compressed text to keep.
      guard document.plainText == nil else {
        throw IndexError(path: path, reason: .storage("\(document.id) was prepared for a store in memory"))
      }
      textDocs.append(doc)
      texts.append(ByteBuffer(bytes: document.compressedText))
      bands.add(doc: doc, keys: document.bandKeys)
      sections.add(doc: doc, keys: document.sectionKeys)
      fingerprints.add(doc: doc, keys: document.fingerprints)
    }
    try await connection.query(
      "INSERT INTO document_texts(doc, text) SELECT * FROM unnest(\(textDocs)::int8[], \(texts)::bytea[])",
      logger: logger)
    for (table, var pairs) in [
      ("band_postings", bands), ("section_postings", sections), ("fingerprint_postings", fingerprints),
    ] where !pairs.buckets.isEmpty {
      pairs.sortAndDeduplicate()
      try await connection.query(
        PostgresQuery(
          unsafeSQL: "INSERT INTO \(table)(bucket, doc) SELECT * FROM unnest($1::int8[], $2::int8[])",
          binds: pairs.bindings), logger: logger)
    }
  }
}

/// (bucket, doc) rows as two parallel arrays, the form `unnest` reads.
struct PostingPairs {
  var buckets: [Int64] = []
  var docs: [Int64] = []

  mutating func add(doc: Int64, keys: [UInt64]) {
    for key in keys {
      buckets.append(Int64(bitPattern: key))
      docs.append(doc)
    }
  }

  /// In key order (B-tree pages touched once each) and without repeats (a document's keys may
  /// repeat; the primary key allows each pair once).
  mutating func sortAndDeduplicate() {
    var pairs = Array(zip(buckets, docs))
    pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var unique: [(Int64, Int64)] = []
    unique.reserveCapacity(pairs.count)
    for pair in pairs where unique.last.map({ $0 != pair }) ?? true {
      unique.append(pair)
    }
    buckets = unique.map(\.0)
    docs = unique.map(\.1)
  }

  var bindings: PostgresBindings {
    var binds = PostgresBindings()
    binds.append(buckets)
    binds.append(docs)
    return binds
  }
}
