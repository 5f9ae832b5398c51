import ArchiveStore
import Fingerprints
import Foundation
import GRDB

extension DocumentIndex {
  package func templatesNow() throws(IndexError) -> [IndexTemplate] {
    let rows = try wrap(directory) {
      try pool.read { db in try Row.fetchAll(db, sql: "SELECT id, text FROM templates ORDER BY id") }
    }
    var templates: [IndexTemplate] = []
    for row in rows {
      let id: String = row["id"]
      let blob: Data = row["text"]
      guard let bytes = StoredText.decode([UInt8](blob)) else {
        throw IndexError(path: directory, reason: .undecodableText(id: id))
      }
      templates.append(IndexTemplate(id: id, text: String(decoding: bytes, as: UTF8.self)))
    }
    return templates
  }

  /// Shingle hashes of all stored templates (index shingle size and seed).
  package func templateShinglesNow() throws(IndexError) -> Set<UInt64> {
    let blobs = try wrap(directory) {
      try pool.read { db in try Data.fetchAll(db, sql: "SELECT shingles FROM templates") }
    }
    var shingles = Set<UInt64>()
    for blob in blobs {
      shingles.formUnion(IntegerPacking.unpack([UInt8](blob)) ?? [])
    }
    return shingles
  }

  /// Shingle hashes present in more than `minimumDocumentShare` (0…1) of the indexed documents,
  /// for excluding boilerplate from evidence. Counted over every stored text the first time and
  /// cached until the index changes.
  package func frequentShinglesNow(minimumDocumentShare: Double) throws(IndexError) -> Set<UInt64> {
    let shareKey = String(format: "%.6f", minimumDocumentShare)
    let cached: (Int64, Data?) = try wrap(directory) {
      try pool.read { db in
        let generation = Int64(try DocumentIndex.readMeta(db)["generation"] ?? "0") ?? 0
        let blob = try Data.fetchOne(
          db, sql: "SELECT shingles FROM frequent_shingles WHERE minimum_share = ? AND generation = ?",
          arguments: [shareKey, generation])
        return (generation, blob)
      }
    }
    if let blob = cached.1, let values = IntegerPacking.unpack([UInt8](blob)) {
      return Set(values)
    }
    let ids = try list().map(\.id)
    var counts: [UInt64: Int32] = [:]
    let fingerprint = parameters.fingerprint
    for chunkStart in stride(from: 0, to: ids.count, by: 256) {
      let chunk = Array(ids[chunkStart..<min(ids.count, chunkStart + 256)])
      for text in try textsNow(ids: chunk).values {
        let hashes = Set(
          Shingler.shingleHashes(
            of: NormalizedText(normalizing: text), k: fingerprint.shingleSize, seed: fingerprint.seed))
        for hash in hashes {
          counts[hash, default: 0] += 1
        }
      }
    }
    let cutoff = minimumDocumentShare * Double(ids.count)
    let frequent = counts.filter { Double($0.value) > cutoff }.keys.sorted()
    // An index opened read-only is not a cache: the set is counted again next time.
    if pool.configuration.readonly { return Set(frequent) }
    try wrap(directory) {
      try pool.write { db in
        let generation = Int64(try DocumentIndex.readMeta(db)["generation"] ?? "0") ?? 0
        guard generation == cached.0 else { return }
        try db.execute(
          sql:
            "INSERT OR REPLACE INTO frequent_shingles(minimum_share, generation, shingles) VALUES (?, ?, ?)",
          arguments: [shareKey, generation, Data(IntegerPacking.pack(frequent))])
      }
    }
    return Set(frequent)
  }
}
