import Fingerprints
import Foundation
import GRDB

extension DocumentIndex {
  /// Section buckets with more documents than this are boilerplate; see ``candidates(for:sections:excludingID:limit:minimumEstimatedJaccard:maximumSectionBucket:)``.
  public static let maximumSectionBucket = 64

  /// Documents worth verifying against `fingerprint`: those sharing an LSH bucket in any band
  /// (whole-document similarity) and those sharing at least
  /// ``Granularity/minimumSharedFingerprints`` winnowed fingerprints (a copied passage).
  ///
  /// Ordered by band matches, then shared fingerprints (both descending), then id; at most
  /// `limit`. `excludingID` (the query's own id) is never returned.
  /// A document found only by the whole-document tables is kept when the MinHash estimate of its
  /// Jaccard is at least `minimumEstimatedJaccard` (its stored signature against the query's):
  /// the LSH tables are tuned low (0.4) for recall at 0.5, and this cheap filter removes the
  /// unrelated documents that low tuning lets through before the costly verification.
  ///
  /// A section bucket holding more than `maximumSectionBucket` documents is not followed: a
  /// section that many documents share is boilerplate (a standard budget table, the call's own
  /// wording), not a copied passage, and following it made one query of the 100,000-document
  /// benchmark verify 200 unrelated documents (docs/index.md, "Boilerplate sections").
  public func candidates(
    for fingerprint: DocumentFingerprint, sections: [IndexedSection] = [],
    excludingID: String? = nil, limit: Int = 200, minimumEstimatedJaccard: Double = 0.3,
    maximumSectionBucket: Int = DocumentIndex.maximumSectionBucket
  ) throws(IndexError) -> [Candidate] {
    let bandKeys = parameters.lsh.bandKeys(of: fingerprint.signature)
    let sectionKeys = SectionSignatures.bandKeys(
      of: fingerprint, sections: sections, parameters: parameters, hasher: hasher)
    let fingerprints =
      parameters.granularity.window > 0
      ? Winnower.fingerprints(of: fingerprint.shingleHashes, window: parameters.granularity.window)
      : []
    let granularity = parameters.granularity
    return try wrap(directory) {
      try pool.read { db in
        var bands: [Int64: Int] = [:]
        let bucketStatement = try db.cachedStatement(sql: "SELECT doc FROM lsh_buckets WHERE key = ?")
        for key in bandKeys {
          let docs = try Int64.fetchAll(bucketStatement, arguments: [Int64(bitPattern: key)])
          for doc in docs {
            bands[doc, default: 0] += 1
          }
        }
        var sectionHits: [Int64: Int] = [:]
        let sectionStatement = try db.cachedStatement(
          sql: "SELECT doc FROM section_buckets WHERE key = ? LIMIT ?")
        for key in sectionKeys {
          let docs = try Int64.fetchAll(
            sectionStatement, arguments: [Int64(bitPattern: key), maximumSectionBucket + 1])
          guard docs.count <= maximumSectionBucket else { continue }
          for doc in docs {
            sectionHits[doc, default: 0] += 1
          }
        }
        var shared: [Int64: Int] = [:]
        let postingStatement = try db.cachedStatement(
          sql: "SELECT doc FROM fingerprint_postings WHERE hash = ? LIMIT ?")
        for hash in fingerprints {
          let docs = try Int64.fetchAll(
            postingStatement, arguments: [Int64(bitPattern: hash), granularity.maximumPostings + 1])
          guard docs.count <= granularity.maximumPostings else { continue }
          for doc in docs {
            shared[doc, default: 0] += 1
          }
        }
        var selected = Set(bands.keys).union(sectionHits.keys)
        for (doc, count) in shared where count >= granularity.minimumSharedFingerprints {
          selected.insert(doc)
        }
        let rowStatement = try db.cachedStatement(
          sql: "SELECT id, signature FROM documents WHERE doc = ?")
        var candidates: [Candidate] = []
        for doc in selected {
          guard let row = try Row.fetchOne(rowStatement, arguments: [doc]) else { continue }
          let id: String = row["id"]
          guard id != excludingID else { continue }
          let signatureBytes: Data = row["signature"]
          // A damaged or tampered row is an error, not a document that silently drops out.
          guard let stored = try? MinHashSignature(serialized: [UInt8](signatureBytes)),
            stored.values.count == parameters.fingerprint.signatureSize
          else {
            throw IndexError(path: directory, reason: .corrupt("document \(id): unreadable signature"))
          }
          let estimate = fingerprint.signature.estimatedJaccard(stored)
          let sectionMatches = sectionHits[doc] ?? 0
          let sharedCount = shared[doc] ?? 0
          let passage = sectionMatches > 0 || sharedCount >= granularity.minimumSharedFingerprints
          guard passage || estimate >= minimumEstimatedJaccard else { continue }
          candidates.append(
            Candidate(
              id: id, bandMatches: bands[doc] ?? 0, sectionBandMatches: sectionMatches,
              sharedFingerprints: sharedCount, estimatedJaccard: estimate))
        }
        candidates.sort {
          if $0.bandMatches != $1.bandMatches { return $0.bandMatches > $1.bandMatches }
          if $0.sectionBandMatches != $1.sectionBandMatches {
            return $0.sectionBandMatches > $1.sectionBandMatches
          }
          if $0.sharedFingerprints != $1.sharedFingerprints {
            return $0.sharedFingerprints > $1.sharedFingerprints
          }
          return $0.id < $1.id
        }
        return Array(candidates.prefix(max(0, limit)))
      }
    }
  }

  /// SQLite's `PRAGMA integrity_check` result: "ok" for an undamaged database.
  public func integrityCheck() throws(IndexError) -> String {
    try wrap(directory) {
      try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
  }

  public func contains(id: String) throws(IndexError) -> Bool {
    try wrap(directory) {
      try pool.read { db in
        try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) ?? false
      }
    }
  }

  public func metadata(id: String) throws(IndexError) -> DocumentMetadata? {
    try list(DocumentFilter(ids: [id])).first
  }

  /// The stored extracted text of `id`.
  public func text(id: String) throws(IndexError) -> String? {
    try texts(ids: [id])[id]
  }

  /// Stored texts by id (ids not in the index are left out).
  public func texts(ids: [String]) throws(IndexError) -> [String: String] {
    let rows: [(String, Data)] = try wrap(directory) {
      try pool.read { db in
        let statement = try db.cachedStatement(sql: "SELECT text FROM documents WHERE id = ?")
        var rows: [(String, Data)] = []
        for id in ids {
          if let blob = try Data.fetchOne(statement, arguments: [id]) {
            rows.append((id, blob))
          }
        }
        return rows
      }
    }
    var texts: [String: String] = [:]
    for (id, blob) in rows {
      guard let bytes = StoredText.decode([UInt8](blob)) else {
        throw IndexError(path: directory, reason: .undecodableText(id: id))
      }
      texts[id] = String(decoding: bytes, as: UTF8.self)
    }
    return texts
  }

  /// The normalised text with its position map into ``text(id:)``, rebuilt from the stored text
  /// with this index's normalisation.
  public func normalizedText(id: String) throws(IndexError) -> NormalizedText? {
    guard let text = try text(id: id) else { return nil }
    return NormalizedText(normalizing: text)
  }

  /// Metadata of the documents matching `filter`, ordered by id.
  public func list(_ filter: DocumentFilter = DocumentFilter()) throws(IndexError) -> [DocumentMetadata] {
    var conditions: [String] = []
    var arguments: [(any DatabaseValueConvertible)?] = []
    if let program = filter.program {
      conditions.append("program = ?")
      arguments.append(program)
    }
    if let year = filter.year {
      conditions.append("year = ?")
      arguments.append(year)
    }
    if let status = filter.status {
      conditions.append("status = ?")
      arguments.append(status)
    }
    if let ids = filter.ids {
      guard !ids.isEmpty else { return [] }
      conditions.append("id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ",")))")
      arguments.append(contentsOf: ids.map { $0 })
    }
    let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    let sql = """
      SELECT id, program, year, status, title, organisation, credit_code, lead, lead_id_hash,
        lead_id_masked, source_path, source_sha256, character_count, sections, extra
      FROM documents\(whereClause) ORDER BY id
      """
    let rows = try wrap(directory) {
      try pool.read { db in
        try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
      }
    }
    let decoder = JSONDecoder()
    return try rows.map { row throws(IndexError) in
      let sectionsJSON: String = row["sections"]
      let extraJSON: String = row["extra"]
      let id: String = row["id"]
      guard let sections = try? decoder.decode([IndexedSection].self, from: Data(sectionsJSON.utf8)),
        let extra = try? decoder.decode([String: String].self, from: Data(extraJSON.utf8))
      else {
        throw IndexError(path: directory, reason: .corrupt("document \(id): unreadable sections or metadata"))
      }
      return DocumentMetadata(
        id: row["id"], program: row["program"], year: row["year"], status: row["status"],
        title: row["title"], organisation: row["organisation"], creditCode: row["credit_code"],
        lead: row["lead"], leadIDHash: row["lead_id_hash"], leadIDMasked: row["lead_id_masked"],
        sourcePath: row["source_path"], sourceSHA256: row["source_sha256"],
        characterCount: row["character_count"],
        sections: sections, extra: extra)
    }
  }

  /// Document counts, parameters and sizes.
  public func stats() throws(IndexError) -> IndexStats {
    let parameters = self.parameters
    var stats = try wrap(directory) {
      try pool.read { db in
        func groups(_ column: String) throws -> [String: Int] {
          var result: [String: Int] = [:]
          let sql = "SELECT \(column), COUNT(*) AS n FROM documents GROUP BY \(column)"
          for row in try Row.fetchAll(db, sql: sql) {
            let value = row[0] as DatabaseValue
            let key: String
            switch value.storage {
            case .null: key = ""
            case .int64(let number): key = String(number)
            case .string(let text): key = text
            default: key = value.description
            }
            result[key] = row["n"]
          }
          return result
        }
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
        return IndexStats(
          documents: try count("SELECT COUNT(*) FROM documents"),
          byProgram: try groups("program"), byYear: try groups("year"), byStatus: try groups("status"),
          parameters: parameters, schemaVersion: Schema.version,
          lshBucketRows: try count("SELECT COUNT(*) FROM lsh_buckets"),
          sectionBucketRows: try count("SELECT COUNT(*) FROM section_buckets"),
          fingerprintPostingRows: try count("SELECT COUNT(*) FROM fingerprint_postings"),
          templates: try count("SELECT COUNT(*) FROM templates"),
          storedTextBytes: try count("SELECT COALESCE(SUM(length(text)), 0) FROM documents"),
          characters: try count("SELECT COALESCE(SUM(character_count), 0) FROM documents"),
          fileBytes: 0)
      }
    }
    let databasePath = DocumentIndex.databasePath(in: directory)
    var bytes = 0
    for path in [databasePath, databasePath + "-wal"] {
      if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber {
        bytes += size.intValue
      }
    }
    stats.fileBytes = bytes
    return stats
  }
}
