import Foundation
import Testing

/// Passages, copy ratios and `--template` in `query` and `compare` JSON.
@Suite(.serialized) struct QueryEvidenceTests {
  static let template = "项目名称：\n申报单位：\n一、立项依据\n" + CheckWorld.body(seed: 50, count: 300) + "\n二、研究内容\n"
  static let sourceBody = CheckWorld.body(seed: 51, count: 1_000)
  static let queryText =
    template + CheckWorld.body(seed: 53, count: 600) + "\n" + String(sourceBody.prefix(500))

  /// S shares a section with the query, U only the template.
  static func makeWorld() throws -> URL {
    let root = indexTestDirectory("query-evidence")
    let lines = [
      jsonLine(id: "S", text: template + sourceBody),
      jsonLine(id: "U", text: template + CheckWorld.body(seed: 52, count: 1_000)),
    ]
    try (lines.joined(separator: "\n") + "\n").write(
      to: root.appendingPathComponent("archive.jsonl"), atomically: true, encoding: .utf8)
    try queryText.write(to: root.appendingPathComponent("Q.txt"), atomically: true, encoding: .utf8)
    try (template + CheckWorld.body(seed: 52, count: 1_000)).write(
      to: root.appendingPathComponent("U.txt"), atomically: true, encoding: .utf8)
    try template.write(to: root.appendingPathComponent("template.txt"), atomically: true, encoding: .utf8)
    let ingest = try CheckEndToEndTests.run(["ingest", "--index", "index", "archive.jsonl"], in: root)
    #expect(ingest.status == 0, "ingest: \(ingest.stderr)")
    return root
  }

  static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
    return String(view)
  }

  @Test func queryMatchesCarryPassagesAndCopyRatioWithoutTemplateText() throws {
    let root = try Self.makeWorld()
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try CheckEndToEndTests.run(
      ["query", "--index", "index", "--containment-threshold", "0.3", "--template", "template.txt", "Q.txt"],
      in: root)
    #expect(run.status == 0, "query: \(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
    let result = try #require((object["results"] as? [[String: Any]])?.first)
    let matches = result["matches"] as? [[String: Any]] ?? []
    #expect(matches.map { $0["id"] as? String } == ["S"])
    let match = try #require(matches.first)
    let ratio = match["copyRatio"] as? Double ?? 0
    #expect(ratio > 0.35 && ratio < 0.6, "copyRatio \(ratio)")
    #expect(result["copyRatio"] as? Double == ratio)
    let passages = match["passages"] as? [[String: Any]] ?? []
    #expect(!passages.isEmpty)
    let templateLength = Self.template.unicodeScalars.count
    let sourceText = Self.template + Self.sourceBody
    for passage in passages {
      let start = passage["start"] as? Int ?? 0
      let end = passage["end"] as? Int ?? 0
      let sourceStart = passage["sourceStart"] as? Int ?? 0
      let sourceEnd = passage["sourceEnd"] as? Int ?? 0
      #expect(start >= templateLength && sourceStart >= templateLength, "template text in \(passage)")
      #expect(passage["chars"] as? Int == end - start)
      #expect(Self.slice(Self.queryText, start, end) == Self.slice(sourceText, sourceStart, sourceEnd))
    }
    #expect(passages.reduce(0) { $0 + ($1["chars"] as? Int ?? 0) } >= 480)
  }

  /// A template stored with `ingest --template` is left out of later queries without naming it
  /// again: a document that shares only the template with the archive has no match.
  @Test func templateStoredInTheIndexIsNeverEvidence() throws {
    let root = indexTestDirectory("stored-template")
    defer { try? FileManager.default.removeItem(at: root) }
    let longTemplate = Self.template + CheckWorld.body(seed: 60, count: 1_500)
    try jsonLine(id: "A", text: longTemplate + CheckWorld.body(seed: 61, count: 300)).write(
      to: root.appendingPathComponent("archive.jsonl"), atomically: true, encoding: .utf8)
    try (longTemplate + CheckWorld.body(seed: 62, count: 300)).write(
      to: root.appendingPathComponent("B.txt"), atomically: true, encoding: .utf8)
    try longTemplate.write(to: root.appendingPathComponent("form.txt"), atomically: true, encoding: .utf8)

    func matches(index: String, ingestExtra: [String]) throws -> [String] {
      let ingest = try CheckEndToEndTests.run(
        ["ingest", "--index", index] + ingestExtra + ["archive.jsonl"], in: root)
      #expect(ingest.status == 0, "ingest: \(ingest.stderr)")
      let run = try CheckEndToEndTests.run(["query", "--index", index, "B.txt"], in: root)
      #expect(run.status == 0, "query: \(run.stderr)")
      let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
      let result = (object["results"] as? [[String: Any]])?.first ?? [:]
      return (result["matches"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
    #expect(try matches(index: "plain", ingestExtra: []) == ["A"])
    #expect(try matches(index: "with-template", ingestExtra: ["--template", "form.txt"]).isEmpty)
  }

  @Test func compareExcludesTemplateFromScoresAndPassages() throws {
    let root = try Self.makeWorld()
    defer { try? FileManager.default.removeItem(at: root) }
    let plain = try CheckEndToEndTests.run(["compare", "Q.txt", "U.txt"], in: root)
    #expect(plain.status == 0, "compare: \(plain.stderr)")
    let before = try #require(try JSONSerialization.jsonObject(with: plain.stdout) as? [String: Any])
    #expect(!(before["passages"] as? [Any] ?? []).isEmpty)
    #expect((before["copyRatio"] as? Double ?? 0) > 0.1)

    let templated = try CheckEndToEndTests.run(
      ["compare", "--template", "template.txt", "Q.txt", "U.txt"], in: root)
    #expect(templated.status == 0, "compare: \(templated.stderr)")
    let after = try #require(try JSONSerialization.jsonObject(with: templated.stdout) as? [String: Any])
    #expect((after["passages"] as? [Any])?.isEmpty == true)
    #expect(after["copyRatio"] as? Double == 0)
    #expect((after["jaccard"] as? Double ?? 1) < 0.01)
  }

  @Test func commonShareLeavesBoilerplateOutOfPassages() throws {
    let root = indexTestDirectory("common-share")
    defer { try? FileManager.default.removeItem(at: root) }
    let boilerplate = CheckWorld.body(seed: 60, count: 300)
    let bodies = (0..<12).map { CheckWorld.body(seed: 61 + UInt64($0), count: 800) }
    let lines = bodies.enumerated().map {
      jsonLine(id: "D\($0.offset)", text: boilerplate + "\n" + $0.element)
    }
    try (lines.joined(separator: "\n") + "\n").write(
      to: root.appendingPathComponent("archive.jsonl"), atomically: true, encoding: .utf8)
    let query =
      boilerplate + "\n" + CheckWorld.body(seed: 90, count: 400) + "\n" + String(bodies[0].prefix(600))
    try query.write(to: root.appendingPathComponent("Q.txt"), atomically: true, encoding: .utf8)
    let ingest = try CheckEndToEndTests.run(["ingest", "--index", "index", "archive.jsonl"], in: root)
    #expect(ingest.status == 0, "ingest: \(ingest.stderr)")

    func passages(_ extra: [String]) throws -> [[String: Any]] {
      let run = try CheckEndToEndTests.run(
        ["query", "--index", "index", "--containment-threshold", "0.3"] + extra + ["Q.txt"], in: root)
      #expect(run.status == 0, "query: \(run.stderr)")
      let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
      let matches = (object["results"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]] ?? []
      let match = try #require(matches.first { $0["id"] as? String == "D0" })
      return match["passages"] as? [[String: Any]] ?? []
    }
    let boilerplateEnd = boilerplate.unicodeScalars.count
    let plain = try passages([])
    #expect(plain.contains { ($0["start"] as? Int ?? 0) < boilerplateEnd })
    let common = try passages(["--common-share", "0.5"])
    #expect(!common.isEmpty)
    #expect(common.allSatisfy { ($0["start"] as? Int ?? 0) >= boilerplateEnd }, "\(common)")
  }
}
