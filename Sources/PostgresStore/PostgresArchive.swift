import ArchiveStore
import ChachongModel
import Digest
import Fingerprints
import Foundation
import Logging
import PostgresNIO

/// The archive in PostgreSQL: one database (one schema of it) shared by several processes and
/// service instances.
///
/// Same stored form as the SQLite index (``StorableDocument``: Zstandard texts, serialized
/// signatures, packed keys) and the same contract (`StoreContractTests`). Every statement takes
/// its values as bind parameters. Every ``upsert(_:)`` is one transaction that first takes an
/// advisory lock per id (in a fixed order, so writers never deadlock), deletes the stored
/// document with its postings and inserts the new ones: the same id written by two processes
/// ends as one row, the last writer's, with no stale postings; readers see whole documents only.
///
/// The ID-hash key is never in the database (``LeadIDHashKey``: `CHACHONG_ID_KEY` or
/// `CHACHONG_ID_KEY_FILE`); the database keeps its check value and refuses another key.
package final class PostgresArchive: ArchiveWriting {
  package let parameters: IndexParameters
  /// The store's URL (it never holds a password).
  package let location: String
  let client: PostgresClient
  let logger: Logger
  let leadKey: LeadIDHashKey
  let hasher: MinHasher
  let schemaVersion: Int
  let readOnly: Bool
  private let runTask: Task<Void, Never>

  private init(
    location: String, parameters: IndexParameters, client: PostgresClient, runTask: Task<Void, Never>,
    logger: Logger, leadKey: LeadIDHashKey, schemaVersion: Int, readOnly: Bool
  ) {
    self.location = location
    self.parameters = parameters
    self.client = client
    self.runTask = runTask
    self.logger = logger
    self.leadKey = leadKey
    self.hasher = MinHasher(parameters: parameters.fingerprint)
    self.schemaVersion = schemaVersion
    self.readOnly = readOnly
  }

  deinit {
    runTask.cancel()
  }

  /// Closes the connection pool (the archive must not be used afterwards).
  package func close() async {
    runTask.cancel()
    await runTask.value
  }

  /// Opens the store a `postgresql://` URL names.
  ///
  /// - Parameters:
  ///   - parameters: nil opens an existing store (``IndexError/Reason/notFound`` when the schema
  ///     holds none); otherwise a missing store is created with them and an existing one must
  ///     have exactly them.
  ///   - readOnly: nothing is created or migrated (a read-only role can open the store).
  package static func open(
    url: String, creating parameters: IndexParameters? = nil, readOnly: Bool = false,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws(IndexError) -> PostgresArchive {
    let location = try PostgresLocation(url: url)
    let password = try location.resolvePassword(environment: environment)
    let configuration = try location.clientConfiguration(password: password)
    let logger = Logger(label: "chachong.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    try await PostgresSession.probe(location, password: password, logger: logger, path: location.description)
    let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    let runTask = Task { await client.run() }
    let path = location.description
    do {
      let opened = try await PostgresSession(client: client, logger: logger, path: path).openSchema(
        location: location, creating: readOnly ? nil : parameters, readOnly: readOnly,
        environment: environment)
      return PostgresArchive(
        location: path, parameters: opened.parameters, client: client, runTask: runTask, logger: logger,
        leadKey: opened.key, schemaVersion: opened.version, readOnly: readOnly)
    } catch {
      runTask.cancel()
      throw error
    }
  }

  package func leadIDKey(of idNumber: String) -> String {
    leadKey.keyed(idNumber)
  }

  package func preparer() -> DocumentPreparer {
    DocumentPreparer(parameters: parameters, location: location)
  }

  var session: PostgresSession { PostgresSession(client: client, logger: logger, path: location) }

  // MARK: - Reading

  package func postings(_ request: PostingRequest) async throws(IndexError) -> PostingLists {
    // One statement per table: unnest keeps each key's position, so the lists come back in the
    // request's order; a key's members are read up to the limit in ascending doc order.
    func members(_ table: String, _ keys: [UInt64], limit: Int?) async throws(IndexError)
      -> [[StoredDocumentKey]]
    {
      guard !keys.isEmpty else { return [] }
      let signed = keys.map { Int64(bitPattern: $0) }
      let bound = Int64(limit.map { $0 + 1 } ?? Int(Int32.max))
      let query: PostgresQuery = """
        SELECT k.position, p.doc
        FROM unnest(\(signed)::int8[]) WITH ORDINALITY AS k(bucket, position)
        CROSS JOIN LATERAL (
          SELECT doc FROM \(unescaped: table) WHERE bucket = k.bucket ORDER BY doc LIMIT \(bound)
        ) AS p
        """
      var lists = [[StoredDocumentKey]](repeating: [], count: keys.count)
      try await session.forEachRow(query) { row throws(IndexError) in
        let (position, doc) = try session.decode(row, (Int64, Int64).self)
        guard position >= 1, position <= Int64(lists.count) else { return }
        lists[Int(position - 1)].append(doc)
      }
      return lists
    }
    return PostingLists(
      bands: try await members("band_postings", request.bandKeys, limit: nil),
      sections: try await members("section_postings", request.sectionKeys, limit: request.sectionLimit),
      fingerprints: try await members(
        "fingerprint_postings", request.fingerprints, limit: request.postingLimit))
  }

  package func summaries(of keys: [StoredDocumentKey]) async throws(IndexError) -> [CandidateSummary] {
    guard !keys.isEmpty else { return [] }
    var byKey: [StoredDocumentKey: CandidateSummary] = [:]
    let signatureSize = parameters.fingerprint.signatureSize
    let path = location
    try await session.forEachRow("SELECT doc, id, signature FROM documents WHERE doc = ANY(\(keys)::int8[])")
    {
      row throws(IndexError) in
      let (doc, id, signature) = try session.decode(row, (Int64, String, ByteBuffer).self)
      let bytes = Array(signature.readableBytesView)
      // A damaged or tampered row is an error, not a document that silently drops out.
      guard let stored = try? MinHashSignature(serialized: bytes), stored.values.count == signatureSize else {
        throw IndexError(path: path, reason: .corrupt("document \(id): unreadable signature"))
      }
      byKey[doc] = CandidateSummary(key: doc, id: id, signature: bytes)
    }
    return keys.compactMap { byKey[$0] }
  }

  package func records(_ filter: DocumentFilter) async throws(IndexError) -> [DocumentRecord] {
    var conditions: [String] = []
    var binds = PostgresBindings()
    if let program = filter.program {
      binds.append(program)
      conditions.append("program = $\(binds.count)")
    }
    if let year = filter.year {
      binds.append(year)
      conditions.append("year = $\(binds.count)")
    }
    if let status = filter.status {
      binds.append(status)
      conditions.append("status = $\(binds.count)")
    }
    if let ids = filter.ids {
      guard !ids.isEmpty else { return [] }
      binds.append(ids)
      conditions.append("id = ANY($\(binds.count)::text[])")
    }
    let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    // Only placeholders and fixed column names are put into the text; values are bound.
    let query = PostgresQuery(
      unsafeSQL: """
        SELECT id, program, year, status, title, organisation, credit_code, lead, lead_id_hash,
          lead_id_masked, source_path, source_sha256, character_count,
          \(filter.includeSections ? "sections" : "'[]'::text AS sections"), extra
        FROM documents\(whereClause) ORDER BY id COLLATE "C"
        """, binds: binds)
    let decoder = JSONDecoder()
    let path = location
    var records: [DocumentRecord] = []
    try await session.forEachRow(query) { row throws(IndexError) in
      let cells = row.makeRandomAccess()
      func text(_ name: String) throws(IndexError) -> String? {
        try session.decodeCell(cells[name], String?.self)
      }
      guard let id = try text("id"), let sectionsJSON = try text("sections"),
        let extraJSON = try text("extra")
      else {
        throw IndexError(path: path, reason: .corrupt("a document row without id, sections or metadata"))
      }
      guard
        let sections = sectionsJSON == "[]"
          ? [] : try? decoder.decode([TextSection].self, from: Data(sectionsJSON.utf8)),
        let extra = try? decoder.decode([String: String].self, from: Data(extraJSON.utf8))
      else {
        throw IndexError(path: path, reason: .corrupt("document \(id): unreadable sections or metadata"))
      }
      let year = try session.decodeCell(cells["year"], Int?.self)
      let characters = try session.decodeCell(cells["character_count"], Int.self)
      records.append(
        DocumentRecord(
          id: id, program: try text("program"), year: year, status: try text("status"),
          title: try text("title"),
          organisation: try text("organisation"), creditCode: try text("credit_code"), lead: try text("lead"),
          leadIDKey: try text("lead_id_hash"), leadIDMasked: try text("lead_id_masked"),
          sourcePath: try text("source_path"), sourceSHA256: try text("source_sha256"),
          characterCount: characters, sections: sections, extra: extra))
    }
    return records
  }

  package func texts(ids: [String]) async throws(IndexError) -> [String: String] {
    guard !ids.isEmpty else { return [:] }
    var blobs: [(String, ByteBuffer)] = []
    try await session.forEachRow(
      """
      SELECT d.id, t.text FROM documents d JOIN document_texts t ON t.doc = d.doc
      WHERE d.id = ANY(\(ids)::text[])
      """
    ) { row throws(IndexError) in
      blobs.append(try session.decode(row, (String, ByteBuffer).self))
    }
    var texts: [String: String] = [:]
    for (id, blob) in blobs {
      guard let bytes = StoredText.decode(Array(blob.readableBytesView)) else {
        throw IndexError(path: location, reason: .undecodableText(id: id))
      }
      texts[id] = String(decoding: bytes, as: UTF8.self)
    }
    return texts
  }

  package func templates() async throws(IndexError) -> [IndexTemplate] {
    var rows: [(String, ByteBuffer)] = []
    try await session.forEachRow("SELECT id, text FROM templates ORDER BY id COLLATE \"C\"") {
      row throws(IndexError) in
      rows.append(try session.decode(row, (String, ByteBuffer).self))
    }
    var templates: [IndexTemplate] = []
    for (id, blob) in rows {
      guard let bytes = StoredText.decode(Array(blob.readableBytesView)) else {
        throw IndexError(path: location, reason: .undecodableText(id: id))
      }
      templates.append(IndexTemplate(id: id, text: String(decoding: bytes, as: UTF8.self)))
    }
    return templates
  }

  package func templateShingles() async throws(IndexError) -> Set<UInt64> {
    var shingles = Set<UInt64>()
    try await session.forEachRow("SELECT shingles FROM templates") { row throws(IndexError) in
      let blob = try session.decodeSingle(row, ByteBuffer.self)
      shingles.formUnion(IntegerPacking.unpack(Array(blob.readableBytesView)) ?? [])
    }
    return shingles
  }

  /// Counted over every stored text, in pages of 256 documents (not cached: the SQLite index's
  /// cache needs a generation counter, which here would be one row every writer updates).
  package func frequentShingles(minimumDocumentShare: Double) async throws(IndexError) -> Set<UInt64> {
    var counts: [UInt64: Int32] = [:]
    var documents = 0
    var after: Int64 = 0
    let fingerprint = parameters.fingerprint
    while true {
      var page: [(Int64, String, ByteBuffer)] = []
      try await session.forEachRow(
        """
        SELECT d.doc, d.id, t.text FROM documents d JOIN document_texts t ON t.doc = d.doc
        WHERE d.doc > \(after) ORDER BY d.doc LIMIT 256
        """
      ) { row throws(IndexError) in
        page.append(try session.decode(row, (Int64, String, ByteBuffer).self))
      }
      guard let last = page.last else { break }
      after = last.0
      for (_, id, blob) in page {
        guard let bytes = StoredText.decode(Array(blob.readableBytesView)) else {
          throw IndexError(path: location, reason: .undecodableText(id: id))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let hashes = Set(
          Shingler.shingleHashes(
            of: NormalizedText(normalizing: text), k: fingerprint.shingleSize, seed: fingerprint.seed))
        for hash in hashes { counts[hash, default: 0] += 1 }
        documents += 1
      }
    }
    let cutoff = minimumDocumentShare * Double(documents)
    return Set(counts.filter { Double($0.value) > cutoff }.keys)
  }

  package func documentCount() async throws(IndexError) -> Int {
    try await session.count("SELECT count(*) FROM documents")
  }

  package func stats() async throws(IndexError) -> IndexStats {
    func groups(_ column: String) async throws(IndexError) -> [String: Int] {
      var result: [String: Int] = [:]
      try await session.forEachRow(
        PostgresQuery(unsafeSQL: "SELECT \(column)::text, count(*) FROM documents GROUP BY \(column)")
      ) { row throws(IndexError) in
        let (value, count) = try session.decode(row, (String?, Int64).self)
        result[value ?? "", default: 0] += Int(count)
      }
      return result
    }
    let tables = [
      "documents", "document_texts", "band_postings", "section_postings", "fingerprint_postings", "templates",
    ]
    var bytes = 0
    for table in tables {
      bytes += try await session.count(
        PostgresQuery(
          unsafeSQL: "SELECT pg_total_relation_size(to_regclass($1))::int8",
          binds: {
            var binds = PostgresBindings()
            binds.append(table)
            return binds
          }()))
    }
    return IndexStats(
      documents: try await session.count("SELECT count(*) FROM documents"),
      byProgram: try await groups("program"), byYear: try await groups("year"),
      byStatus: try await groups("status"), parameters: parameters, schemaVersion: schemaVersion,
      lshBucketRows: try await session.count("SELECT count(*) FROM band_postings"),
      sectionBucketRows: try await session.count("SELECT count(*) FROM section_postings"),
      fingerprintPostingRows: try await session.count("SELECT count(*) FROM fingerprint_postings"),
      templates: try await session.count("SELECT count(*) FROM templates"),
      storedTextBytes: try await session.count(
        "SELECT COALESCE(sum(octet_length(text)), 0)::int8 FROM document_texts"),
      characters: try await session.count("SELECT COALESCE(sum(character_count), 0)::int8 FROM documents"),
      fileBytes: bytes)
  }
}
