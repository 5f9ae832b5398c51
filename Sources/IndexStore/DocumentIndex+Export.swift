import ArchiveStore
import ChachongModel
import Foundation
import GRDB

extension DocumentIndex {
  /// One page of stored documents in their stored form (compressed text, signature, keys), in
  /// row order after `after`: what `chachong migrate` copies into another store unchanged.
  package func storedDocuments(after: Int64, limit: Int) throws(IndexError) -> (
    documents: [StorableDocument], last: Int64?
  ) {
    let rows = try wrap(directory) {
      try pool.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT doc, id, program, year, status, title, organisation, credit_code, lead, lead_id_hash,
              lead_id_masked, source_path, source_sha256, character_count, token_count, shingle_count,
              sections, extra, signature, fingerprints, section_keys, text
            FROM documents WHERE doc > ? ORDER BY doc LIMIT ?
            """, arguments: [after, limit])
      }
    }
    let decoder = JSONDecoder()
    var documents: [StorableDocument] = []
    for row in rows {
      let id: String = row["id"]
      let sectionsJSON: String = row["sections"]
      let extraJSON: String = row["extra"]
      guard let sections = try? decoder.decode([TextSection].self, from: Data(sectionsJSON.utf8)),
        let extra = try? decoder.decode([String: String].self, from: Data(extraJSON.utf8))
      else {
        throw IndexError(path: directory, reason: .corrupt("document \(id): unreadable sections or metadata"))
      }
      let keys = try StoredKeys(row: row, id: id, parameters: parameters, directory: directory)
      let signature: Data = row["signature"]
      let text: Data = row["text"]
      documents.append(
        StorableDocument(
          metadata: DocumentRecord(
            id: id, program: row["program"], year: row["year"], status: row["status"], title: row["title"],
            organisation: row["organisation"], creditCode: row["credit_code"], lead: row["lead"],
            leadIDKey: row["lead_id_hash"], leadIDMasked: row["lead_id_masked"],
            sourcePath: row["source_path"],
            sourceSHA256: row["source_sha256"], characterCount: row["character_count"], sections: sections,
            extra: extra),
          tokenCount: row["token_count"], shingleCount: row["shingle_count"], signature: [UInt8](signature),
          bandKeys: keys.bandKeys, fingerprints: keys.fingerprints, sectionKeys: keys.sectionKeys,
          compressedText: [UInt8](text), sectionsJSON: sectionsJSON, extraJSON: extraJSON))
    }
    return (documents, rows.last.map { $0["doc"] })
  }

  /// The ID-hash key this index was opened with (`chachong migrate` creates the new store with
  /// it; it is never written into the new store, only its check value).
  package var idHashKey: LeadIDHashKey? { LeadIDHashKey(bytes: leadKey) }
}
