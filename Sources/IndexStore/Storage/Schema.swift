import ArchiveStore
import GRDB

/// The SQLite schema (version 2). See docs/index.md for the meaning of every table.
///
/// Version 2 stores texts as Zstandard frames instead of version 1's zlib streams and adds
/// `pending_buckets` (documents whose bucket rows a bulk ingest has not written yet). A version 1
/// index is upgraded when opened: its texts stay zlib (each blob says which it is), new ones are
/// Zstandard, and the new table is created, so a version 1 binary must not open it again.
enum Schema {
  static let version = 3
  static let fileName = "chachong-index.sqlite"

  static let pendingBucketsTable = "CREATE TABLE pending_buckets (doc INTEGER PRIMARY KEY)"
  /// Run on every open: version 1 indexes and early version 2 ones have no `pending_buckets`.
  static let pendingBucketsTableIfMissing =
    "CREATE TABLE IF NOT EXISTS pending_buckets (doc INTEGER PRIMARY KEY)"

  static let statements = [
    """
    CREATE TABLE meta (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE documents (
      doc INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      program TEXT,
      year INTEGER,
      status TEXT,
      title TEXT,
      organisation TEXT,
      credit_code TEXT,
      lead TEXT,
      lead_id_hash TEXT,
      lead_id_masked TEXT,
      source_path TEXT,
      source_sha256 TEXT,
      character_count INTEGER NOT NULL,
      token_count INTEGER NOT NULL,
      shingle_count INTEGER NOT NULL,
      sections TEXT NOT NULL,
      extra TEXT NOT NULL,
      signature BLOB NOT NULL,
      fingerprints BLOB NOT NULL,
      section_keys BLOB NOT NULL,
      text BLOB NOT NULL
    )
    """,
    "CREATE INDEX documents_program_year ON documents(program, year)",
    "CREATE INDEX documents_credit_code ON documents(credit_code)",
    "CREATE INDEX documents_lead_id_hash ON documents(lead_id_hash)",
    """
    CREATE TABLE lsh_buckets (
      key INTEGER NOT NULL,
      doc INTEGER NOT NULL,
      PRIMARY KEY (key, doc)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE section_buckets (
      key INTEGER NOT NULL,
      doc INTEGER NOT NULL,
      PRIMARY KEY (key, doc)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE fingerprint_postings (
      hash INTEGER NOT NULL,
      doc INTEGER NOT NULL,
      PRIMARY KEY (hash, doc)
    ) WITHOUT ROWID
    """,
    pendingBucketsTable,
    """
    CREATE TABLE templates (
      id TEXT PRIMARY KEY NOT NULL,
      text BLOB NOT NULL,
      shingles BLOB NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE frequent_shingles (
      minimum_share TEXT PRIMARY KEY NOT NULL,
      generation INTEGER NOT NULL,
      shingles BLOB NOT NULL
    ) WITHOUT ROWID
    """,
  ]

  static func create(
    _ db: Database, parametersJSON: String, leadKeyCheck: String, fingerprintProbe: String
  ) throws {
    for statement in statements {
      try db.execute(sql: statement)
    }
    let meta: [(String, String)] = [
      ("schema_version", String(version)),
      ("parameters", parametersJSON),
      ("lead_id_key_check", leadKeyCheck),
      ("generation", "0"),
      ("fingerprint_probe", fingerprintProbe),
    ]
    for (key, value) in meta {
      try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
    }
  }

  /// Version 1 → 3 and 2 → 3. Version 3 keeps the ID-hash key out of the database (a key file
  /// beside it, ``LeadIDHashKey``; `meta.lead_id_key_check` recognises it) and stores texts with
  /// every ID number masked; ``DocumentIndex`` moves the key and masks the texts before this.
  static func upgrade(_ db: Database, from version: Int) throws {
    guard version == 1 || version == 2 else {
      throw DatabaseError(message: "no upgrade from schema version \(version)")
    }
    try db.execute(
      sql: "UPDATE meta SET value = ? WHERE key = 'schema_version'", arguments: [String(self.version)])
  }
}
