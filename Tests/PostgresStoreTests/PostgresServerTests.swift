import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import PostgresNIO
import Testing

@testable import PostgresStore

/// The test server (`Tools/with-postgres.sh` sets the variable); nil: these suites are skipped
/// and say so.
let testPostgresURL: String? = {
  let value = ProcessInfo.processInfo.environment["CHACHONG_TEST_POSTGRES_URL"] ?? ""
  return value.isEmpty ? nil : value
}()

let skippedWithoutServer: Comment = """
  SKIPPED: no PostgreSQL server (CHACHONG_TEST_POSTGRES_URL is unset); run under Tools/with-postgres.sh
  """

/// A new schema name: each test its own.
func freshSchema(_ prefix: String) -> String {
  prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
}

func storeURL(_ base: String, schema: String) -> String {
  base + (base.contains("?") ? "&" : "?") + "schema=\(schema)&pool_size=4"
}

func keyEnvironment(_ key: LeadIDHashKey) -> [String: String] {
  var environment = ProcessInfo.processInfo.environment
  environment["CHACHONG_ID_KEY"] = key.hex
  environment["CHACHONG_ID_KEY_FILE"] = nil
  return environment
}

/// Deterministic pseudo-Chinese text.
func pseudoChinese(seed: UInt64, count: Int) -> String {
  var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
  var scalars = String.UnicodeScalarView()
  for index in 0..<count {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    if let scalar = Unicode.Scalar(UInt32(0x4E00 + (state >> 33) % 3000)) { scalars.append(scalar) }
    if index % 50 == 49 { scalars.append("。") }
  }
  return String(scalars)
}

func storable(_ id: String, _ text: String, in store: PostgresArchive) throws -> StorableDocument {
  let count = text.unicodeScalars.count
  return try store.preparer().prepare(
    IndexedDocument(
      metadata: DocumentRecord(
        id: id, title: id, characterCount: count, sections: [TextSection(title: "", start: 0, end: count)]),
      text: text, fingerprint: Fingerprinter(parameters: store.parameters.fingerprint).fingerprint(text)))
}

/// Posting rows whose document is not stored, over the three posting tables: 0 when no writer
/// left stale postings.
func orphanPostings(_ store: PostgresArchive) async throws -> Int {
  var total = 0
  for table in ["band_postings", "section_postings", "fingerprint_postings"] {
    total += try await store.session.count(
      PostgresQueryText.orphans(table))
  }
  return total
}

@Suite(.enabled(if: testPostgresURL != nil, skippedWithoutServer)) struct PostgresServerTests {
  let base = testPostgresURL ?? ""

  @Test func aNewerSchemaIsAClearErrorForThisBinary() async throws {
    let url = storeURL(base, schema: freshSchema("newer"))
    let key = LeadIDHashKey.generate()
    let store = try await PostgresArchive.open(
      url: url, creating: .standard, environment: keyEnvironment(key))
    try await store.session.execute("UPDATE chachong_meta SET value = '99' WHERE name = 'schema_version'")
    await store.close()
    do {
      _ = try await PostgresArchive.open(url: url, environment: keyEnvironment(key))
      Issue.record("a store of schema 99 was opened")
    } catch {
      #expect(error.reason == .newerSchema(found: 99, supported: PostgresSchema.version))
      #expect(error.description.contains("newer than this chachong supports"))
    }
  }

  @Test func theKeyStaysOutsideAndAnotherKeyIsRefused() async throws {
    let url = storeURL(base, schema: freshSchema("key"))
    let key = LeadIDHashKey.generate()
    let store = try await PostgresArchive.open(
      url: url, creating: .standard, environment: keyEnvironment(key))
    var stored: [String] = []
    try await store.session.forEachRow("SELECT value FROM chachong_meta") { row throws(IndexError) in
      stored.append(try store.session.decodeSingle(row, String.self))
    }
    #expect(!stored.contains(key.hex), "the key itself is never in the database")
    #expect(stored.contains(key.checkValue))
    await #expect(throws: IndexError.self) {
      _ = try await PostgresArchive.open(url: url, environment: keyEnvironment(LeadIDHashKey.generate()))
    }
    var noKey = ProcessInfo.processInfo.environment
    noKey["CHACHONG_ID_KEY"] = nil
    noKey["CHACHONG_ID_KEY_FILE"] = nil
    await #expect(throws: IndexError.self) {
      _ = try await PostgresArchive.open(url: url, environment: noKey)
    }
    let reader = try await PostgresArchive.open(url: url, readOnly: true, environment: keyEnvironment(key))
    await #expect(throws: IndexError.self) { try await reader.upsert([try storable("x", "文本", in: reader)]) }
  }

  @Test func aMissingStoreIsNotFoundForReaders() async throws {
    let url = storeURL(base, schema: freshSchema("missing"))
    do {
      _ = try await PostgresArchive.open(url: url, readOnly: true, environment: keyEnvironment(.generate()))
      Issue.record("opened a store that does not exist")
    } catch {
      #expect(error.reason == .notFound)
    }
  }

  /// Two pools (as two processes) writing one id and others at once: one row per id, the last
  /// writer's, no posting of a replaced document left, whole documents for readers.
  @Test func concurrentWritersOfOneIDLeaveOneRowAndNoStalePostings() async throws {
    let url = storeURL(base, schema: freshSchema("writers"))
    let key = LeadIDHashKey.generate()
    let first = try await PostgresArchive.open(
      url: url, creating: .standard, environment: keyEnvironment(key))
    let second = try await PostgresArchive.open(url: url, environment: keyEnvironment(key))
    let texts = (0..<8).map { pseudoChinese(seed: 500 + UInt64($0), count: 1500) }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for writer in 0..<8 {
        let store = writer % 2 == 0 ? first : second
        group.addTask {
          for round in 0..<4 {
            try await store.upsert([
              try storable("same", texts[writer], in: store),
              try storable(
                "w\(writer)-\(round)", pseudoChinese(seed: UInt64(1000 + writer * 10 + round), count: 800),
                in: store),
            ])
          }
        }
      }
      group.addTask {
        for _ in 0..<10 {
          let records = try await first.records(DocumentFilter())
          let stored = try await first.texts(ids: records.map(\.id))
          #expect(stored.count == records.count, "every listed document has its text")
        }
      }
      try await group.waitForAll()
    }
    let records = try await first.records(DocumentFilter())
    #expect(records.count == 1 + 8 * 4)
    #expect(records.filter { $0.id == "same" }.count == 1)
    let kept = try #require(try await first.texts(ids: ["same"])["same"])
    #expect(texts.contains(kept))
    #expect(try await orphanPostings(first) == 0)
    let stats = try await first.stats()
    #expect(stats.lshBucketRows == stats.documents * first.parameters.lsh.bands)
    // Only the kept text finds "same"; the replaced versions' postings are gone.
    for text in texts {
      let fingerprint = Fingerprinter(parameters: first.parameters.fingerprint).fingerprint(text)
      let found = try await CandidateSearch(parameters: first.parameters).candidates(
        for: fingerprint, in: first
      )
      .map(\.id)
      #expect(found.contains("same") == (text == kept))
    }
  }
}

enum PostgresQueryText {
  static func orphans(_ table: String) -> PostgresQuery {
    PostgresQuery(
      unsafeSQL:
        "SELECT count(*) FROM \(table) p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc = p.doc)")
  }
}
