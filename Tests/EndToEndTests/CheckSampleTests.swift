import Foundation
import Testing

/// `chachong check` on the bundled sample (Corpora/sample, generated with planted cases and
/// `expected-findings.json`): every expected finding with its related ids, nothing else at
/// warning or above, clean applications and decoys left alone.
@Suite(.serialized) struct CheckSampleTests {
  static let sample = CheckEndToEndTests.packageRoot.appendingPathComponent("Corpora/sample")

  struct Expected: Decodable {
    struct Finding: Decodable {
      var application: String
      var rule: String
      var related: [String]
      var alsoAcceptable: [String]?
    }
    struct Decoy: Decodable {
      var application: String
    }
    var expectedFindings: [Finding]
    var cleanApplications: [String]
    var decoys: [Decoy]
  }

  /// The sample's archive ingested into a new index in the temporary folder (the caller removes it).
  static func ingestedArchive() throws -> URL {
    let index = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-sample-\(UUID().uuidString)")
    let ingest = try CheckEndToEndTests.run(
      ["ingest", "--index", index.path, "--manifest", "archive-manifest.csv", "archive"], in: sample)
    #expect(ingest.status == 0, "ingest: \(ingest.stderr)")
    return index
  }

  @Test func reportsExactlyThePlantedFindings() throws {
    let expected = try JSONDecoder().decode(
      Expected.self, from: Data(contentsOf: Self.sample.appendingPathComponent("expected-findings.json")))
    let index = try Self.ingestedArchive()
    defer { try? FileManager.default.removeItem(at: index) }
    let check = try CheckEndToEndTests.run(
      [
        "check", "--index", index.path, "--manifest", "manifest.csv", "--registry", "registry.csv",
        "--template",
        "template.docx", "applications",
      ], in: Self.sample)
    #expect(check.status == 1, "check: \(check.stderr)")
    let (object, reported) = try CheckEndToEndTests.findings(check.stdout)
    #expect((object["errors"] as? [Any])?.isEmpty == true)

    var allowed = Set<String>()
    for finding in expected.expectedFindings {
      allowed.insert("\(finding.application) \(finding.rule)")
      for rule in finding.alsoAcceptable ?? [] { allowed.insert("\(finding.application) \(rule)") }
      let candidates = [finding.rule] + (finding.alsoAcceptable ?? [])
      let match = (reported[finding.application] ?? []).first { candidates.contains($0.rule) }
      #expect(match != nil, "\(finding.application): \(finding.rule) not reported")
      if let match {
        let missing = Set(finding.related).subtracting(match.related)
        #expect(
          missing.isEmpty, "\(finding.application) \(finding.rule): missing related \(missing.sorted())")
      }
    }
    for (id, findings) in reported {
      for finding in findings where finding.severity != "info" {
        #expect(
          allowed.contains("\(id) \(finding.rule)"), "unexpected \(id) \(finding.rule) \(finding.related)")
      }
    }
    for id in expected.cleanApplications + expected.decoys.map(\.application) {
      #expect(reported[id]?.allSatisfy { $0.severity == "info" } == true, "\(id): \(reported[id] ?? [])")
    }
  }

  /// The check's stages that run on several workers (the batch's store, the skeleton channel,
  /// the copy ratios and the fuzzy stage) give the same report on one thread as on three, byte
  /// for byte; the sample has batch pairs and rewritten passages, so those stages have work.
  /// `--timings` adds its lines to standard error and changes nothing in the report.
  @Test func theReportIsTheSameOnOneAndThreeThreads() throws {
    let index = try Self.ingestedArchive()
    defer { try? FileManager.default.removeItem(at: index) }
    var reports: [Data] = []
    for threads in ["1", "3"] {
      let check = try CheckEndToEndTests.run(
        [
          "check", "--index", index.path, "--manifest", "manifest.csv", "--registry", "registry.csv",
          "--template", "template.docx", "--format", "json", "--fail-on", "never", "--threads", threads,
          "--timings", "applications",
        ], in: Self.sample)
      #expect(check.status == 0, "check --threads \(threads): \(check.stderr)")
      reports.append(check.stdout)
      // `--timings`: one line per stage and the total, on standard error only.
      let timings = check.stderr.split(separator: "\n").filter { $0.hasPrefix("timing ") }
      #expect(
        timings.map { $0.split(separator: " ")[1] }
          == ["reading", "searching", "evidence", "rules", "report", "total"], "\(check.stderr)")
      for line in timings {
        let fields = line.split(separator: " ")
        #expect(fields.count == 4 && fields[3] == "s" && (Double(fields[2]) ?? -1) >= 0, "\(line)")
      }
    }
    #expect(reports[0] == reports[1])
    let text = String(decoding: reports[0], as: UTF8.self)
    #expect(text.contains("\"rewritten\""))
    #expect(text.contains("\"source\" : \"batch\""))
  }
}
