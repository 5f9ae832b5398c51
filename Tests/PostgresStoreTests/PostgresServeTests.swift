import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `chachong serve` started twice on one PostgreSQL store (`--store URL`): keys and users made by
/// the CLI in the store, a submission created on one instance is seen by the other, checked
/// against the archive in PostgreSQL, and added to it.
@Suite(
  .enabled(if: testPostgresURL != nil, skippedWithoutServer),
  .enabled(if: chachongBinary != nil, "the chachong binary is not built (swift build); skipped"))
struct PostgresServeTests {
  let base = testPostgresURL ?? ""

  /// A running `chachong serve --store URL --port 0`, its port read from its log.
  final class Server: @unchecked Sendable {
    let process = Process()
    let port: Int
    let log: URL

    init(store: String, environment: [String: String], scratch: URL) throws {
      log = scratch.appendingPathComponent("serve-\(UUID().uuidString).log")
      FileManager.default.createFile(atPath: log.path, contents: nil)
      process.executableURL = try #require(chachongBinary)
      process.arguments = [
        "serve", "--store", store, "--host", "127.0.0.1", "--port", "0", "--scratch",
        scratch.appendingPathComponent("scratch-\(UUID().uuidString)").path,
      ]
      process.currentDirectoryURL = packageRoot
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = try FileHandle(forWritingTo: log)
      try process.run()
      var found: Int?
      let deadline = Date().addingTimeInterval(120)
      while found == nil, process.isRunning, Date() < deadline {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if let range = text.range(of: #"listening on http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
          found = Int(text[range].split(separator: ":").last ?? "")
        } else {
          Thread.sleep(forTimeInterval: 0.1)
        }
      }
      guard let found else {
        if process.isRunning { process.terminate() }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw CocoaError(
          .fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve did not start: \(text)"])
      }
      port = found
    }

    func text() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    func stop() -> Int32 {
      if process.isRunning { kill(process.processIdentifier, SIGTERM) }
      process.waitUntilExit()
      return process.terminationStatus
    }

    deinit {
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    func request(
      _ method: String, _ path: String, key: String, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, body: Data) {
      var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
      request.httpMethod = method
      request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
      for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
      request.httpBody = body
      request.timeoutInterval = 120
      return try await withCheckedThrowingContinuation { continuation in
        URLSession.shared.dataTask(with: request) { data, response, error in
          if let error {
            continuation.resume(throwing: error)
          } else {
            continuation.resume(returning: ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
          }
        }
        .resume()
      }
    }

    func json(_ method: String, _ path: String, key: String, body: String? = nil) async throws -> (
      Int, [String: Any]
    ) {
      let reply = try await request(
        method, path, key: key, body: body.map { Data($0.utf8) },
        headers: body == nil ? [:] : ["Content-Type": "application/json"])
      return (reply.status, (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any] ?? [:])
    }
  }

  @Test func twoInstancesServeOneArchiveFromPostgres() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-pg-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var environment = ProcessInfo.processInfo.environment
    environment["CHACHONG_ID_KEY"] = nil
    environment["CHACHONG_ID_KEY_FILE"] = directory.appendingPathComponent("lead-id.key").path
    let url = storeURL(base, schema: freshSchema("serve"))

    let ingest = try runChachong(
      [
        "ingest", "--store", url, "--manifest", "Corpora/sample/archive-manifest.csv",
        "Corpora/sample/archive",
      ],
      in: packageRoot, environment: environment)
    try #require(ingest.status == 0, "\(ingest.stderr)")
    let created = try runChachong(
      ["keys", "create", "--store", url, "--name", "pg-e2e", "--scope", "submit,review"], in: packageRoot,
      environment: environment)
    try #require(created.status == 0, "\(created.stderr)")
    let key =
      String(decoding: created.stdout, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    let keys = try runChachong(["keys", "list", "--store", url], in: packageRoot, environment: environment)
    #expect(String(decoding: keys.stdout, as: UTF8.self).contains("pg-e2e"))

    // A web user, its password on standard input, listed from the store.
    let users = Process()
    users.executableURL = try #require(chachongBinary)
    users.arguments = ["users", "create", "--store", url, "--name", "wang", "--role", "reviewer"]
    users.environment = environment
    let input = Pipe()
    users.standardInput = input
    users.standardOutput = FileHandle.nullDevice
    users.standardError = FileHandle.nullDevice
    try users.run()
    input.fileHandleForWriting.write(Data("a-long-enough-password-9\n".utf8))
    try input.fileHandleForWriting.close()
    users.waitUntilExit()
    #expect(users.terminationStatus == 0)
    let listed = try runChachong(
      ["users", "list", "--store", url], in: packageRoot, environment: environment)
    #expect(String(decoding: listed.stdout, as: UTF8.self).contains("wang\treviewer\tactive"))

    let first = try Server(store: url, environment: environment, scratch: directory)
    let second = try Server(store: url, environment: environment, scratch: directory)
    defer {
      _ = first.stop()
      _ = second.stop()
    }
    let (createdStatus, _) = try await first.json(
      "POST", "/v1/submissions", key: key, body: #"{"id":"PG-1","program":"前瞻性技术创新专项","year":2023}"#)
    #expect(createdStatus == 201)
    // The other instance sees it: the state is in the database, not in a process.
    let (seenStatus, seen) = try await second.json("GET", "/v1/submissions/PG-1", key: key)
    #expect(seenStatus == 200)
    #expect(seen["id"] as? String == "PG-1")
    let upload = try await second.request(
      "PUT", "/v1/submissions/PG-1/file", key: key,
      body: try Data(
        contentsOf: packageRoot.appendingPathComponent("Corpora/sample/applications/QZ2023-026.docx")),
      headers: ["Content-Disposition": "attachment; filename=\"QZ2023-026.docx\""])
    #expect(upload.status == 202)

    // The text is read in the background: ask for the check until it is accepted.
    let deadline = Date().addingTimeInterval(300)
    var checkStatus = 0
    while Date() < deadline {
      checkStatus = try await first.json(
        "POST", "/v1/submissions/PG-1/check", key: key, body: #"{"addToArchive":true}"#
      ).0
      if checkStatus == 202 { break }
      try await Task.sleep(for: .milliseconds(300))
    }
    #expect(checkStatus == 202, "\(first.text())")
    var report = try await second.request("GET", "/v1/submissions/PG-1/report", key: key)
    while report.status == 202, Date() < deadline {
      try await Task.sleep(for: .milliseconds(300))
      report = try await second.request("GET", "/v1/submissions/PG-1/report", key: key)
    }
    let reportText = String(decoding: report.body, as: UTF8.self)
    #expect(report.status == 200, "\(reportText) \(first.text()) \(second.text())")
    // QZ2023-026 copies a section of the archived CG2023-002: found in the PostgreSQL archive.
    #expect(reportText.contains("CG2023-002"), "\(reportText)")
    #expect(first.stop() == 0)
    #expect(second.stop() == 0)
    let list = try runChachong(
      ["list", "--store", url, "--format", "text"], in: packageRoot, environment: environment)
    let rows = String(decoding: list.stdout, as: UTF8.self).split(separator: "\n").filter {
      $0.split(separator: "\t").first == "PG-1"
    }
    #expect(rows.count == 1, "added to the archive once: \(String(decoding: list.stdout, as: UTF8.self))")
  }
}
