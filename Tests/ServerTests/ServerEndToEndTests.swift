import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

/// The built binary: the bundled sample as a batch through the API gives the same findings as
/// `chachong check`; an acknowledged upload survives `kill -9`; SIGTERM drains and exits.
@Suite(
  .serialized,
  .enabled(if: chachongBinary != nil, "needs the built chachong (swift build --product chachong)"))
struct ServerEndToEndTests {
  static func freshIndex(ingestingSample: Bool) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "serve-e2e-\(UUID().uuidString)")
    let index = directory.appendingPathComponent("index").path
    if ingestingSample {
      let ingest = try runChachong([
        "ingest", "--index", index, "--manifest", "Corpora/sample/archive-manifest.csv",
        "Corpora/sample/archive",
      ])
      #expect(ingest.status == 0, "\(ingest.stderr)")
    }
    return index
  }

  static func key(_ index: String, scopes: String) throws -> String {
    let created = try runChachong(["keys", "create", "--index", index, "--name", "e2e", "--scope", scopes])
    #expect(created.status == 0, "\(created.stderr)")
    return created.stdout.split(separator: "\n").last.map(String.init) ?? ""
  }

  /// (application, rule, severity, related ids) of every finding: what must agree.
  static func findings(_ report: [String: Any]) -> Set<String> {
    var result = Set<String>()
    for application in report["applications"] as? [[String: Any]] ?? [] {
      let id = application["id"] as? String ?? "?"
      for finding in application["findings"] as? [[String: Any]] ?? [] {
        let related = (finding["related"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
          .sorted()
        result.insert(
          "\(id) \(finding["rule"] as? String ?? "?") \(finding["severity"] as? String ?? "?") \(related)")
      }
    }
    return result
  }

  @Test func theSampleAsABatchThroughTheAPIGivesTheFindingsOfCheck() async throws {
    let index = try Self.freshIndex(ingestingSample: true)
    let sample = "Corpora/sample"
    let check = try runChachong([
      "check", "--index", index, "--manifest", "\(sample)/manifest.csv", "--registry",
      "\(sample)/registry.csv",
      "--template", "\(sample)/template.docx", "--format", "json", "\(sample)/applications",
    ])
    #expect(check.status == 1, "\(check.stderr)")
    let expected = (try JSONSerialization.jsonObject(with: Data(check.stdout.utf8))) as? [String: Any] ?? [:]
    let key = try Self.key(index, scopes: "review")
    let server = try ServerProcess(index: index)
    defer { _ = server.terminate() }
    let created = try await server.request(
      .POST, "/v1/batches", key: key, body: Array(#"{"id":"sample-2023"}"#.utf8),
      headers: [("Content-Type", "application/json")])
    #expect(created.status == 201)
    let applications = try FileManager.default.contentsOfDirectory(
      atPath: repositoryRoot.appendingPathComponent("\(sample)/applications").path
    ).sorted()
    for name in applications {
      let reply = try await server.request(
        .PUT, "/v1/batches/sample-2023/files/\(name)", key: key, body: try sampleFile("applications/\(name)"))
      #expect(reply.status == 200)
    }
    for (role, file) in [
      ("manifest", "manifest.csv"), ("registry", "registry.csv"), ("template", "template.docx"),
    ] {
      let reply = try await server.request(
        .PUT, "/v1/batches/sample-2023/\(role)", key: key, body: try sampleFile(file),
        headers: [("Content-Disposition", "attachment; filename=\"\(file)\"")])
      #expect(reply.status == 200)
    }
    let run = try await server.request(.POST, "/v1/batches/sample-2023/run", key: key)
    #expect(run.status == 202)
    var state = ""
    let deadline = Date().addingTimeInterval(600)
    while Date() < deadline {
      state =
        try await server.request(.GET, "/v1/batches/sample-2023", key: key).json["state"] as? String ?? ""
      if state != "QUEUED" && state != "RUNNING" { break }
      try await Task.sleep(for: .milliseconds(500))
    }
    #expect(state == "COMPLETE", "\(server.log())")
    let report = try await server.request(.GET, "/v1/batches/sample-2023/report", key: key)
    #expect(report.status == 200)
    let served = Self.findings(report.json)
    let wanted = Self.findings(expected)
    #expect(!wanted.isEmpty)
    #expect(
      served == wanted,
      "only in API: \(served.subtracting(wanted)); only in check: \(wanted.subtracting(served))")
  }

  @Test func anAcknowledgedUploadSurvivesKill9AndItsJobCompletesOnce() async throws {
    let index = try Self.freshIndex(ingestingSample: false)
    let key = try Self.key(index, scopes: "submit,admin")
    var server = try ServerProcess(index: index)
    let created = try await server.request(
      .POST, "/v1/submissions", key: key, body: Array(#"{"id":"K-1"}"#.utf8),
      headers: [("Content-Type", "application/json")])
    #expect(created.status == 201)
    let upload = try await server.request(
      .PUT, "/v1/submissions/K-1/file", key: key, body: try sampleFile("applications/QZ2023-007.docx"))
    #expect(upload.status == 202)
    let check = try await server.request(
      .POST, "/v1/submissions/K-1/check", key: key, body: Array(#"{"addToArchive":true}"#.utf8),
      headers: [("Content-Type", "application/json")])
    // The check may be refused while the text is still being read (409): then ask after restart.
    server.kill9()
    server = try ServerProcess(index: index)
    defer { _ = server.terminate() }
    var submission: [String: Any] = [:]
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
      submission = try await server.request(.GET, "/v1/submissions/K-1", key: key).json
      if submission["state"] as? String == "COMPLETE" { break }
      try await Task.sleep(for: .milliseconds(300))
    }
    #expect(submission["state"] as? String == "COMPLETE", "\(server.log())")
    if check.status != 202 {
      let again = try await server.request(
        .POST, "/v1/submissions/K-1/check", key: key, body: Array(#"{"addToArchive":true}"#.utf8),
        headers: [("Content-Type", "application/json")])
      #expect(again.status == 202)
    }
    var report = try await server.request(.GET, "/v1/submissions/K-1/report", key: key)
    while Date() < deadline, report.status == 202 {
      try await Task.sleep(for: .milliseconds(300))
      report = try await server.request(.GET, "/v1/submissions/K-1/report", key: key)
    }
    #expect(report.status == 200, "\(String(decoding: report.body, as: UTF8.self)) \(server.log())")
    #expect(report.json["id"] as? String == "K-1")
    // Once in effect: the archive holds the application once.
    let status = server.terminate()
    #expect(status == 0)
    let listed = try runChachong(["list", "--index", index, "--format", "text"])
    let rows = listed.stdout.split(separator: "\n").filter { $0.split(separator: "\t").first == "K-1" }
    #expect(rows.count == 1, "\(listed.stdout)")
  }

  @Test func sigtermDrainsAndExitsCleanly() async throws {
    let index = try Self.freshIndex(ingestingSample: false)
    let server = try ServerProcess(index: index)
    let health = try await server.request(.GET, "/healthz", key: nil)
    #expect(health.status == 200)
    // The built binary finds its resource (the committed document, byte for byte).
    let document = try await server.request(.GET, "/v1/openapi.json", key: nil)
    #expect(document.status == 200)
    #expect(
      document.body == (try Data(contentsOf: repositoryRoot.appendingPathComponent("docs/openapi.json"))))
    #expect(server.terminate() == 0)
  }
}
