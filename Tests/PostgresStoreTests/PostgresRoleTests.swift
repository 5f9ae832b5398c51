import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import Testing

@testable import PostgresStore

/// psql from the PostgreSQL install `Tools/with-postgres.sh` uses.
let psqlBinary: String? = {
  var candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
    "\($0)/psql"
  }
  if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
    candidates += versions.sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/psql" }
  }
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// `docs/postgres-roles.sql`, the least-privilege roles the documentation tells an operator to
/// run, run as written (through psql, as the operator would) on the test cluster: the app role
/// ingests, queries and uses the job queue and service state, and may neither drop, alter nor
/// create tables nor change the store's settings; the reader role reads and cannot write.
@Suite(
  .enabled(if: testPostgresURL != nil, skippedWithoutServer),
  .enabled(if: psqlBinary != nil, "psql is not installed; skipped"))
struct PostgresRoleTests {
  let base = testPostgresURL ?? ""

  /// The URL of the same server and schema as another role.
  func url(as role: String, schema: String, location: PostgresLocation) -> String {
    "postgresql://\(role)@\(location.host):\(location.port)/\(location.database)?schema=\(schema)&pool_size=2"
  }

  func runRolesFile(location: PostgresLocation, schema: String, app: String, reader: String) throws -> String
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(psqlBinary))
    process.arguments = [
      "-X", "-q", "-h", location.host, "-p", String(location.port), "-U", location.user, "-d",
      location.database,
      "-v", "schema=\(schema)", "-v", "app_role=\(app)", "-v", "reader_role=\(reader)",
      "-f", packageRoot.appendingPathComponent("docs/postgres-roles.sql").path,
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "psql -f docs/postgres-roles.sql failed: \(message)")
    return message
  }

  /// The statement fails with "insufficient privilege" or "must be owner" (SQLSTATE 42501).
  func expectRefused(_ store: PostgresArchive, _ sql: String) async {
    do {
      try await store.session.execute(PostgresQueryText.unsafe(sql))
      Issue.record("\(store.location) was allowed: \(sql)")
    } catch {
      #expect(error.description.contains("42501"), "\(sql): \(error.description)")
    }
  }

  @Test func theDocumentedRolesIngestAndQueryButCannotChangeTheSchema() async throws {
    let location = try PostgresLocation(url: base)
    let schema = freshSchema("roles")
    let suffix = String(schema.suffix(12))
    let app = "chachong_app_\(suffix)"
    let reader = "chachong_reader_\(suffix)"
    let key = LeadIDHashKey.generate()
    // The owner creates the store (the first ingest), then runs the documented file, twice: it
    // must be safe to run again.
    let owner = try await PostgresArchive.open(
      url: storeURL(base, schema: schema), creating: .standard, environment: keyEnvironment(key))
    try await owner.upsert([try storable("owned", pseudoChinese(seed: 11, count: 1200), in: owner)])
    _ = try runRolesFile(location: location, schema: schema, app: app, reader: reader)
    _ = try runRolesFile(location: location, schema: schema, app: app, reader: reader)

    // The app role: ingest, query, remove, jobs and service state.
    let store = try await PostgresArchive.open(
      url: url(as: app, schema: schema, location: location), environment: keyEnvironment(key))
    let text = pseudoChinese(seed: 12, count: 1500)
    try await store.upsert([
      try storable("app-1", text, in: store), try storable("app-2", text + "附加", in: store),
    ])
    try await store.upsert([try storable("app-1", text, in: store)])
    let fingerprint = Fingerprinter(parameters: store.parameters.fingerprint).fingerprint(text)
    let found = try await CandidateSearch(parameters: store.parameters).candidates(
      for: fingerprint, in: store)
    #expect(Set(found.map(\.id)).isSuperset(of: ["app-1", "app-2"]))
    #expect(try await store.texts(ids: ["app-1"])["app-1"] == text)
    #expect(try await store.remove(ids: ["app-2"]) == ["app-2"])
    try await store.addTemplate(id: "call", text: pseudoChinese(seed: 13, count: 300))
    let jobs = PostgresJobQueue(archive: store)
    _ = try await jobs.enqueue(id: "job-1", kind: "check", payload: Array("{}".utf8))
    #expect(try await jobs.claim(worker: "w", kinds: ["check"], leaseSeconds: 60)?.id == "job-1")
    let state = PostgresServiceState(archive: store)
    _ = try await state.create(collection: "keys", id: "k1", owner: nil, body: Array("{}".utf8))
    #expect(try await state.record(collection: "keys", id: "k1") != nil)
    _ = try await state.appendAudit(
      AuditEntry(
        sequence: 0, time: 1, actor: "test", action: "create", target: "k1", clientAddress: nil, detail: nil))

    // …but not the schema, nor the store's settings.
    await expectRefused(store, "DROP TABLE documents")
    await expectRefused(store, "ALTER TABLE documents ADD COLUMN note text")
    await expectRefused(store, "CREATE TABLE \(schema).intruder (x int)")
    await expectRefused(store, "CREATE INDEX intruder ON band_postings (doc)")
    await expectRefused(store, "TRUNCATE band_postings")
    await expectRefused(store, "UPDATE chachong_meta SET value = '99' WHERE name = 'schema_version'")
    await expectRefused(store, "DELETE FROM chachong_meta")

    // The reader role: reads, and the database refuses its writes.
    let readOnly = try await PostgresArchive.open(
      url: url(as: reader, schema: schema, location: location), readOnly: true,
      environment: keyEnvironment(key))
    #expect(try await readOnly.records(DocumentFilter()).map(\.id) == ["app-1", "owned"])
    let foundByReader = try await CandidateSearch(parameters: readOnly.parameters).candidates(
      for: fingerprint, in: readOnly)
    #expect(foundByReader.map(\.id).contains("app-1"))
    await expectRefused(readOnly, "DELETE FROM documents")
    await expectRefused(readOnly, "INSERT INTO band_postings(bucket, doc) VALUES (1, 1)")
    await expectRefused(readOnly, "DROP TABLE document_texts")

    await store.close()
    await readOnly.close()
    // Roles are global to the cluster: remove this test's.
    for role in [app, reader] {
      try await owner.session.execute(PostgresQueryText.unsafe("DROP OWNED BY \(role)"))
      try await owner.session.execute(PostgresQueryText.unsafe("DROP ROLE \(role)"))
    }
    await owner.close()
  }
}
