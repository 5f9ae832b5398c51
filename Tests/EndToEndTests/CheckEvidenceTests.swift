import ChachongModel
import Foundation
import Integrity
import Testing

/// The evidence in `chachong check` on a three-application batch: copy ratios from the passages of
/// similarity findings, and the self-contained HTML report with the passages highlighted.
@Suite(.serialized) struct CheckEvidenceTests {
  /// A copies nothing, B copies one section of A, C is unrelated; the archive holds one unrelated
  /// document.
  static let original = CheckWorld.body(seed: 11, count: 1_200)
  static let copied = String(original.prefix(700))
  static let leadID = CheckWorld.leadID(7)

  static func makeBatch() throws -> URL {
    let root = indexTestDirectory("evidence")
    let batch = root.appendingPathComponent("batch")
    try FileManager.default.createDirectory(at: batch, withIntermediateDirectories: true)
    let original = Self.original
    let copied = Self.copied
    let leadID = Self.leadID
    let files = [
      "A": "身份证号：\(leadID)\n一、立项依据\n\(original)\n二、研究内容\n\(CheckWorld.body(seed: 12, count: 600))",
      "B": "一、立项依据\n\(CheckWorld.body(seed: 21, count: 900))\n二、研究内容\n\(copied)",
      "C": "一、立项依据\n\(CheckWorld.body(seed: 31, count: 1_500))",
    ]
    for (id, text) in files {
      try text.write(to: batch.appendingPathComponent("\(id).txt"), atomically: true, encoding: .utf8)
    }
    try (jsonLine(id: "X", text: CheckWorld.body(seed: 41, count: 1_000)) + "\n").write(
      to: root.appendingPathComponent("archive.jsonl"), atomically: true, encoding: .utf8)
    let ingest = try CheckEndToEndTests.run(["ingest", "--index", "index", "archive.jsonl"], in: root)
    #expect(ingest.status == 0, "ingest: \(ingest.stderr)")
    return root
  }

  @Test func copyRatioAndHTMLReport() throws {
    let root = try Self.makeBatch()
    defer { try? FileManager.default.removeItem(at: root) }
    let check = try CheckEndToEndTests.run(
      ["check", "--index", "index", "--fail-on", "never", "batch"], in: root)
    #expect(check.status == 0, "check: \(check.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: check.stdout) as? [String: Any])
    let applications = object["applications"] as? [[String: Any]] ?? []
    let byID = Dictionary(
      applications.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    let copier = try #require(byID["B"])
    let ratio = try #require(copier["copyRatio"] as? Double)
    #expect(ratio > 0.3 && ratio < 0.7, "B copyRatio \(ratio)")
    let metrics = try #require(copier["copyMetrics"] as? [String: Any])
    #expect((metrics["copiedCharacters"] as? Int ?? 0) >= 650)
    #expect(metrics["largestSourceId"] as? String == "A")
    let sections = metrics["sections"] as? [[String: Any]] ?? []
    let copiedSection = sections.first { $0["title"] as? String == "二、研究内容" }
    #expect((copiedSection?["ratio"] as? Double ?? 0) > 0.95, "\(sections)")
    #expect(byID["C"]?["copyRatio"] as? Double == 0)
    #expect(((byID["C"]?["copyMetrics"] as? [String: Any])?["characters"] as? Int ?? 0) > 1_000)

    let html = try CheckEndToEndTests.run(
      [
        "check", "--index", "index", "--fail-on", "never", "--format", "html", "--output", "report.html",
        "batch",
      ],
      in: root)
    #expect(html.status == 0, "check html: \(html.stderr)")
    let page = try String(contentsOf: root.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    let external = try NSRegularExpression(pattern: #"(?:src|href)\s*=\s*"?(?:https?:)?//"#)
    #expect(external.numberOfMatches(in: page, range: NSRange(page.startIndex..., in: page)) == 0)
    #expect(!page.contains("<link") && !page.contains("<img"))
    #expect(page.contains("class=\"passage c"))
    #expect(page.contains("§ 二、研究内容"))
    #expect(!page.contains(Self.leadID))
    #expect(page.contains(IdentityKey.mask(Self.leadID)))
    #expect(page.contains(String(Self.copied.prefix(20))))
  }
}
