import Foundation
import Integrity
import Testing

/// Runs the built `chachong` binary on a hand-made batch where every rule is planted.
@Suite(.serialized) struct CheckEndToEndTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func binary() throws -> URL {
    for configuration in ["debug", "release"] {
      let url = packageRoot.appendingPathComponent(".build/\(configuration)/chachong")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw CocoaError(
      .fileNoSuchFile, userInfo: [NSFilePathErrorKey: ".build/debug/chachong (run swift build)"])
  }

  struct Run {
    var status: Int32
    var stdout: Data
    var stderr: String
  }

  static func run(_ arguments: [String], in directory: URL) throws -> Run {
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
  }

  static func makeWorld() throws -> CheckWorld {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-check-\(UUID().uuidString)")
    let world = try CheckWorld(root: root)
    let ingest = try run(["ingest", "--index", "index", "archive.jsonl"], in: root)
    #expect(ingest.status == 0, "ingest: \(ingest.stderr)")
    return world
  }

  struct Reported {
    var rule: String
    var severity: String
    var related: [String]
  }

  static func findings(_ data: Data) throws -> (object: [String: Any], byApplication: [String: [Reported]]) {
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var result: [String: [Reported]] = [:]
    for application in object["applications"] as? [[String: Any]] ?? [] {
      let id = application["id"] as? String ?? ""
      result[id] = (application["findings"] as? [[String: Any]] ?? []).map { finding in
        Reported(
          rule: finding["rule"] as? String ?? "", severity: finding["severity"] as? String ?? "",
          related: (finding["related"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
      }
    }
    return (object, result)
  }

  @Test func everyPlantedViolationIsReportedAndCleanApplicationsPass() throws {
    let world = try Self.makeWorld()
    defer { try? FileManager.default.removeItem(at: world.root) }
    let check = try Self.run(
      ["check", "--index", "index", "--manifest", "manifest.csv", "--registry", "registry.csv", "batch"],
      in: world.root)
    #expect(check.status == 1, "check: \(check.stderr)")
    let (object, reported) = try Self.findings(check.stdout)
    #expect((object["errors"] as? [Any])?.isEmpty == true, "errors: \(object["errors"] ?? "")")
    #expect(reported.count == 28)

    let plantedRules = Set(world.planted.map(\.rule))
    #expect(
      plantedRules.union([.paperOnlineMismatch]) == Set(RuleID.allCases),
      "not planted: \(Set(RuleID.allCases).subtracting(plantedRules))")
    for planted in world.planted {
      let findings = reported[planted.application] ?? []
      let match = findings.first { $0.rule == planted.rule.rawValue }
      #expect(
        match != nil,
        "\(planted.application): \(planted.rule.rawValue) not reported; got \(findings.map(\.rule))")
      if let related = planted.related, let match {
        #expect(
          match.related.contains(related), "\(planted.application) \(planted.rule.rawValue): \(match.related)"
        )
      }
    }
    // Nothing beyond what was planted is an error or a warning.
    let expected = Set(world.planted.map { "\($0.application) \($0.rule.rawValue)" })
    for (id, findings) in reported {
      for finding in findings where finding.severity != "info" {
        #expect(
          expected.contains("\(id) \(finding.rule)"), "unexpected \(id) \(finding.rule) \(finding.related)")
      }
    }
    for id in world.clean {
      #expect(
        reported[id]?.allSatisfy { $0.severity == "info" } == true, "clean \(id): \(reported[id] ?? [])")
    }

    let text = String(decoding: check.stdout, as: UTF8.self)
    for leadID in world.leadIDs {
      #expect(text.firstRange(of: leadID) == nil, "an ID number appears unmasked")
      #expect(check.stderr.firstRange(of: leadID) == nil)
    }
  }

  @Test func exitCodesFollowFailOnAndOutputIsDeterministic() throws {
    let world = try Self.makeWorld()
    defer { try? FileManager.default.removeItem(at: world.root) }
    let base = ["check", "--index", "index", "--manifest", "manifest.csv", "--registry", "registry.csv"]
    let never = try Self.run(base + ["--fail-on", "never", "--output", "a.json", "batch"], in: world.root)
    #expect(never.status == 0, "\(never.stderr)")
    let again = try Self.run(base + ["--fail-on", "never", "--output", "b.json", "batch"], in: world.root)
    #expect(again.status == 0)
    let first = try Data(contentsOf: world.root.appendingPathComponent("a.json"))
    let second = try Data(contentsOf: world.root.appendingPathComponent("b.json"))
    #expect(first == second)

    let clean = try Self.run(
      ["check", "--index", "index", "batch/NT2023-025.txt", "batch/NT2023-026.txt"], in: world.root)
    #expect(clean.status == 0, "clean: \(clean.stderr)")

    let text = try Self.run(base + ["--format", "text", "--lang", "en", "batch"], in: world.root)
    #expect(text.status == 1)
    let rendered = String(decoding: text.stdout, as: UTF8.self)
    #expect(rendered.hasPrefix("Check report: 2023"))
    #expect(rendered.firstRange(of: "duplicate-submission") != nil)

    try Data("not a word file".utf8).write(to: world.root.appendingPathComponent("batch/broken.docx"))
    let broken = try Self.run(base + ["batch"], in: world.root)
    #expect(broken.status == 2)
    let (object, _) = try Self.findings(broken.stdout)
    let errors = object["errors"] as? [[String: Any]] ?? []
    #expect(errors.contains { ($0["path"] as? String)?.hasSuffix("broken.docx") == true })

    let missingIndex = try Self.run(["check", "--index", "nowhere", "batch"], in: world.root)
    #expect(missingIndex.status == 2)
    #expect(missingIndex.stderr.hasPrefix("error: "))
  }

  @Test func addStoresTheBatchWithTheCallsProgramAndYear() throws {
    let world = try Self.makeWorld()
    defer { try? FileManager.default.removeItem(at: world.root) }
    let add = try Self.run(
      ["check", "--index", "index", "--fail-on", "never", "--add", "batch/NT2023-025.txt"], in: world.root)
    #expect(add.status == 0, "\(add.stderr)")
    let list = try Self.run(["list", "--index", "index", "--format", "json"], in: world.root)
    let listed = String(decoding: list.stdout, as: UTF8.self)
    #expect(listed.firstRange(of: "NT2023-025") != nil)
    #expect(listed.firstRange(of: "申报") != nil)
    #expect(listed.firstRange(of: CheckWorld.leadID(25)) == nil)
  }
}
