import ArchiveStore
import Fingerprints
import Foundation
import Testing

@testable import PostgresStore

let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `chachong` (debug, else release).
let chachongBinary: URL? = {
  var folders: [URL] = []
  if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
    folders.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent())
  }
  folders.append(packageRoot.appendingPathComponent(".build/debug"))
  folders.append(packageRoot.appendingPathComponent(".build/release"))
  return folders.map { $0.appendingPathComponent("chachong") }.first {
    FileManager.default.isExecutableFile(atPath: $0.path)
  }
}()

struct Run {
  var status: Int32
  var stdout: Data
  var stderr: String
}

/// Starts the binary; `wait()` collects its output.
final class RunningCommand: @unchecked Sendable {
  let process = Process()
  private let output = Pipe()
  private let errors = Pipe()
  private var outData = Data()
  private var errData = Data()
  private let group = DispatchGroup()

  init(_ arguments: [String], in directory: URL, environment: [String: String]) throws {
    process.executableURL = try #require(chachongBinary)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read both pipes on their own threads so a full pipe never blocks the child.
    group.enter()
    DispatchQueue.global().async { [self] in
      outData = output.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async { [self] in
      errData = errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
  }

  var isRunning: Bool { process.isRunning }

  func wait() -> Run {
    process.waitUntilExit()
    group.wait()
    return Run(
      status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
  }
}

func runChachong(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Run {
  try RunningCommand(arguments, in: directory, environment: environment).wait()
}

/// The binary on PostgreSQL beside SQLite: same reports, four writers at once, reads during writes.
@Suite(
  .enabled(if: testPostgresURL != nil, skippedWithoutServer),
  .enabled(if: chachongBinary != nil, "the chachong binary is not built (swift build); skipped"))
struct PostgresCommandLineTests {
  let base = testPostgresURL ?? ""

  func environment(keyFile: URL) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["CHACHONG_ID_KEY"] = nil
    environment["CHACHONG_ID_KEY_FILE"] = keyFile.path
    return environment
  }

  func temporaryDirectory(_ name: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-pg-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// The bundled sample ingested into SQLite and into PostgreSQL (one ID-hash key for both): the
  /// check reports are the same bytes once the store's own description is set aside.
  @Test func theSampleCheckReportIsByteIdenticalOnPostgresAndSQLite() throws {
    let sample = packageRoot.appendingPathComponent("Corpora/sample")
    let work = try temporaryDirectory("sample")
    defer { try? FileManager.default.removeItem(at: work) }
    let environment = environment(keyFile: work.appendingPathComponent("lead-id.key"))
    let sqlite = work.appendingPathComponent("index").path
    let postgres = storeURL(base, schema: freshSchema("sample"))
    var reports: [Data] = []
    // PostgreSQL first: creating it writes the key file (CHACHONG_ID_KEY_FILE) the SQLite index
    // then uses too; reports[0] is SQLite's.
    for store in [["--store", postgres], ["--index", sqlite]] {
      let ingest = try runChachong(
        ["ingest"] + store + ["--manifest", "archive-manifest.csv", "archive"], in: sample,
        environment: environment)
      #expect(ingest.status == 0, "ingest \(store): \(ingest.stderr)")
      let check = try runChachong(
        ["check"] + store + [
          "--manifest", "manifest.csv", "--registry", "registry.csv", "--template", "template.docx",
          "applications",
        ], in: sample, environment: environment)
      #expect(check.status == 1, "check \(store) (1: the planted findings): \(check.stderr)")
      reports.insert(check.stdout, at: 0)
    }
    let described = try reports.map { report -> String in
      let object = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
      let parameters = try #require(object["parameters"] as? [String: Any])
      return try #require(parameters["index"] as? String)
    }
    #expect(described[0] == sqlite)
    #expect(described[1].hasPrefix("postgresql://") && !described[1].contains(":@"))
    func escaped(_ text: String) -> String { text.replacingOccurrences(of: "/", with: "\\/") }
    var postgresText = String(decoding: reports[1], as: UTF8.self)
    let sqliteText = String(decoding: reports[0], as: UTF8.self)
    for (from, to) in [(described[1], described[0]), (escaped(described[1]), escaped(described[0]))] {
      postgresText = postgresText.replacingOccurrences(of: "\"\(from)\"", with: "\"\(to)\"")
    }
    #expect(reports[0].count > 1000)
    #expect(postgresText == sqliteText, "the reports differ beyond the store's description")
  }

  /// `migrate` copies an SQLite index with its template, verifies it, and can run again; the
  /// copy lists the same documents and has the same stats counts.
  @Test func migrateCopiesAnIndexAndCanRunAgain() throws {
    let sample = packageRoot.appendingPathComponent("Corpora/sample")
    let work = try temporaryDirectory("migrate")
    defer { try? FileManager.default.removeItem(at: work) }
    let environment = environment(keyFile: work.appendingPathComponent("index/lead-id.key"))
    var plain = environment
    plain["CHACHONG_ID_KEY_FILE"] = nil
    let index = work.appendingPathComponent("index").path
    let url = storeURL(base, schema: freshSchema("migrate"))
    let ingest = try runChachong(
      [
        "ingest", "--index", index, "--template", "template.docx", "--manifest", "archive-manifest.csv",
        "archive",
      ],
      in: sample, environment: plain)
    #expect(ingest.status == 0, "\(ingest.stderr)")
    for run in 0..<2 {
      let migrate = try runChachong(["migrate", "--from", index, "--to", url], in: work, environment: plain)
      let output = String(decoding: migrate.stdout, as: UTF8.self)
      #expect(migrate.status == 0, "run \(run): \(output) \(migrate.stderr)")
      #expect(output.contains("copied 55 document(s) and 1 template(s)"))
      #expect(output.hasSuffix("verified\n") && !output.contains("NOT verified"))
    }
    let sqliteList = try runChachong(["list", "--index", index], in: work, environment: plain)
    let postgresList = try runChachong(["list", "--store", url], in: work, environment: environment)
    #expect(postgresList.status == 0, "\(postgresList.stderr)")
    #expect(sqliteList.stdout == postgresList.stdout)
    // Without the index's key the copy cannot be opened: the key never went into the database.
    let withoutKey = try runChachong(["list", "--store", url], in: work, environment: plain)
    #expect(withoutKey.status == 2)
    #expect(withoutKey.stderr.contains("CHACHONG_ID_KEY_FILE"))
  }

  /// Four `chachong ingest` processes into one new database at once (different ids, and one id
  /// from two of them), with `query` runs while they write.
  @Test func fourIngestProcessesAndQueriesShareOneDatabase() async throws {
    let work = try temporaryDirectory("four")
    defer { try? FileManager.default.removeItem(at: work) }
    let environment = environment(keyFile: work.appendingPathComponent("lead-id.key"))
    let url = storeURL(base, schema: freshSchema("four"))
    let perProcess = 60
    let sharedTexts = [pseudoChinese(seed: 9001, count: 3000), pseudoChinese(seed: 9002, count: 3000)]
    var files: [URL] = []
    for process in 0..<4 {
      var lines: [String] = []
      for index in 0..<perProcess {
        lines.append(
          jsonLine(
            id: "p\(process)-\(index)", text: pseudoChinese(seed: UInt64(process * 1000 + index), count: 2500)
          ))
      }
      if process < 2 { lines.insert(jsonLine(id: "shared", text: sharedTexts[process]), at: perProcess / 2) }
      let file = work.appendingPathComponent("batch\(process).jsonl")
      try lines.joined(separator: "\n").appending("\n").write(to: file, atomically: true, encoding: .utf8)
      files.append(file)
    }
    let probe = work.appendingPathComponent("probe.txt")
    try pseudoChinese(seed: 0, count: 2500).write(to: probe, atomically: true, encoding: .utf8)
    // The store exists before the queries start (a query of a missing store is exit 2).
    let seed = work.appendingPathComponent("seed.jsonl")
    try (jsonLine(id: "seed", text: pseudoChinese(seed: 77, count: 2000)) + "\n").write(
      to: seed, atomically: true, encoding: .utf8)
    let first = try runChachong(["ingest", "--store", url, seed.path], in: work, environment: environment)
    #expect(first.status == 0, "\(first.stderr)")

    let ingests = try files.map {
      try RunningCommand(
        ["ingest", "--store", url, "--batch-size", "8", "--threads", "1", $0.path], in: work,
        environment: environment)
    }
    var queries: [Run] = []
    repeat {
      queries.append(
        try runChachong(
          ["query", "--store", url, "--threads", "1", probe.path], in: work, environment: environment))
    } while ingests.contains(where: \.isRunning) && queries.count < 50
    for (index, ingest) in ingests.enumerated() {
      let run = ingest.wait()
      #expect(run.status == 0, "ingest \(index): \(run.stderr)")
    }
    #expect(!queries.isEmpty)
    for query in queries {
      #expect(query.status == 0, "query during ingest: \(query.stderr)")
      #expect((try? JSONSerialization.jsonObject(with: query.stdout)) != nil)
    }

    let key = try LeadIDHashKey.read(file: work.appendingPathComponent("lead-id.key").path)
    let store = try await PostgresArchive.open(url: url, environment: keyEnvironment(key))
    let records = try await store.records(DocumentFilter())
    #expect(records.count == 1 + 4 * perProcess + 1)
    #expect(records.filter { $0.id == "shared" }.count == 1)
    let kept = try #require(try await store.texts(ids: ["shared"])["shared"])
    #expect(sharedTexts.contains(kept))
    #expect(try await orphanPostings(store) == 0)
    let stats = try await store.stats()
    #expect(stats.lshBucketRows == stats.documents * store.parameters.lsh.bands)
    // The replaced version of "shared" is nobody's candidate any more.
    let replaced = sharedTexts.first { $0 != kept } ?? ""
    let fingerprint = Fingerprinter(parameters: store.parameters.fingerprint).fingerprint(replaced)
    let found = try await CandidateSearch(parameters: store.parameters).candidates(
      for: fingerprint, in: store)
    #expect(!found.map(\.id).contains("shared"))
  }
}

func jsonLine(id: String, text: String) -> String {
  let data =
    (try? JSONSerialization.data(withJSONObject: ["id": id, "text": text], options: [.sortedKeys])) ?? Data()
  return String(decoding: data, as: UTF8.self)
}
