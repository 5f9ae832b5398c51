import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import GRDB

extension DocumentIndex {
  /// SQLite's `PRAGMA integrity_check` result: "ok" for an undamaged database.
  package func integrityCheck() throws(IndexError) -> String {
    try wrap(directory) {
      try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
  }

  package func contains(id: String) throws(IndexError) -> Bool {
    try wrap(directory) {
      try pool.read { db in
        try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) ?? false
      }
    }
  }

  package func metadata(id: String) throws(IndexError) -> DocumentRecord? {
    try list(DocumentFilter(ids: [id])).first
  }

  /// The stored extracted text of `id`.
  package func text(id: String) throws(IndexError) -> String? {
    try textsNow(ids: [id])[id]
  }

  /// Stored texts by id (ids not in the index are left out).
  package func textsNow(ids: [String]) throws(IndexError) -> [String: String] {
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
  package func normalizedText(id: String) throws(IndexError) -> NormalizedText? {
    guard let text = try text(id: id) else { return nil }
    return NormalizedText(normalizing: text)
  }

  /// Metadata of the documents matching `filter`, ordered by id.
  package func list(_ filter: DocumentFilter = DocumentFilter()) throws(IndexError) -> [DocumentRecord] {
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
        lead_id_masked, source_path, source_sha256, character_count,
        \(filter.includeSections ? "sections" : "'[]' AS sections"), extra
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
      guard
        let sections = sectionsJSON == "[]"
          ? [] : try? decoder.decode([TextSection].self, from: Data(sectionsJSON.utf8)),
        let extra = try? decoder.decode([String: String].self, from: Data(extraJSON.utf8))
      else {
        throw IndexError(path: directory, reason: .corrupt("document \(id): unreadable sections or metadata"))
      }
      return DocumentRecord(
        id: row["id"], program: row["program"], year: row["year"], status: row["status"],
        title: row["title"], organisation: row["organisation"], creditCode: row["credit_code"],
        lead: row["lead"], leadIDKey: row["lead_id_hash"], leadIDMasked: row["lead_id_masked"],
        sourcePath: row["source_path"], sourceSHA256: row["source_sha256"],
        characterCount: row["character_count"],
        sections: sections, extra: extra)
    }
  }

  /// Document counts, parameters and sizes.
  package func statsNow() throws(IndexError) -> IndexStats {
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
