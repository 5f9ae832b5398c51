import ArchiveStore
import Fingerprints
import Foundation
import GRDB
import GRDBSQLite

/// The keys of one stored document that its bucket and posting rows are made of: the whole-document
/// band keys (from the stored signature), the winnowed fingerprints and the section band keys.
struct StoredKeys {
  let bandKeys: [UInt64]
  let fingerprints: [UInt64]
  let sectionKeys: [UInt64]

  /// From a `documents` row with `signature`, `fingerprints` and `section_keys`.
  init(row: Row, id: String, parameters: IndexParameters, directory: String) throws(IndexError) {
    let signatureBytes: Data = row["signature"]
    let fingerprintBytes: Data = row["fingerprints"]
    let sectionKeyBytes: Data = row["section_keys"]
    guard let signature = try? MinHashSignature(serialized: [UInt8](signatureBytes)),
      let fingerprints = IntegerPacking.unpack([UInt8](fingerprintBytes)),
      let sectionKeys = IntegerPacking.unpack([UInt8](sectionKeyBytes))
    else {
      throw IndexError(path: directory, reason: .corrupt("stored signature of \(id)"))
    }
    bandKeys = parameters.lsh.bandKeys(of: signature)
    self.fingerprints = fingerprints
    self.sectionKeys = sectionKeys
  }
}

/// Bucket and posting rows of several documents, collected and then inserted in key order.
struct BucketRows {
  private var buckets: [(Int64, Int64)] = []
  private var postings: [(Int64, Int64)] = []
  private var sectionBuckets: [(Int64, Int64)] = []

  mutating func add(doc: Int64, bandKeys: [UInt64], fingerprints: [UInt64], sectionKeys: [UInt64]) {
    for key in bandKeys {
      buckets.append((Int64(bitPattern: key), doc))
    }
    for hash in fingerprints {
      postings.append((Int64(bitPattern: hash), doc))
    }
    for key in sectionKeys {
      sectionBuckets.append((Int64(bitPattern: key), doc))
    }
  }

  mutating func insert(into db: Database) throws {
    try BucketRows.insertPairs(db, table: "lsh_buckets", columns: ("key", "doc"), pairs: &buckets)
    try BucketRows.insertPairs(db, table: "fingerprint_postings", columns: ("hash", "doc"), pairs: &postings)
    try BucketRows.insertPairs(db, table: "section_buckets", columns: ("key", "doc"), pairs: &sectionBuckets)
  }

  /// Inserts pairs in key order, which keeps SQLite's B-tree pages warm. Binds through the
  /// SQLite C API: GRDB's boxed arguments cost more than the insert itself at ~150 rows per
  /// document.
  private static func insertPairs(
    _ db: Database, table: String, columns: (String, String), pairs: inout [(Int64, Int64)]
  ) throws {
    guard !pairs.isEmpty else { return }
    pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    let statement = try db.cachedStatement(
      sql: "INSERT OR IGNORE INTO \(table)(\(columns.0), \(columns.1)) VALUES (?, ?)")
    let handle = statement.sqliteStatement
    sqlite3_reset(handle)
    defer { sqlite3_reset(handle) }
    for (key, doc) in pairs {
      sqlite3_bind_int64(handle, 1, key)
      sqlite3_bind_int64(handle, 2, doc)
      let code = sqlite3_step(handle)
      guard code == SQLITE_DONE else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code),
          message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
          sql: statement.sql)
      }
      sqlite3_reset(handle)
    }
  }
}
