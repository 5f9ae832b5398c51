import Foundation
import Testing

/// Regressions of issue 10: ingest and check once keyed an ID number two ways and read manifests
/// with two vocabularies. Both run the built binary, as a bureau would.
@Suite(.serialized) struct IdentityRegressionTests {
  /// `３２０６…` (full-width) and `320602-19800301-0113` (hyphens) in the archive manifest are the
  /// same number as the plain one in the application's form.
  static func fullWidth(_ number: String) -> String {
    String(
      String.UnicodeScalarView(
        number.unicodeScalars.map { scalar in
          (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0) ?? scalar : scalar
        }))
  }

  static func hyphenated(_ number: String) -> String {
    let characters = Array(number)
    return String(characters[0..<6]) + "-" + String(characters[6..<14]) + "-" + String(characters[14...])
  }

  /// An archive of two running projects whose leads' numbers are written full-width and with
  /// hyphens, under the headers 编号 / 承担单位 / 负责人 that check's manifests also accept.
  static func makeArchive() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-identity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("archive"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("batch"), withIntermediateDirectories: true)
    for (index, seed) in [11, 12].enumerated() {
      try CheckWorld.body(seed: UInt64(seed), count: 700).write(
        to: root.appendingPathComponent("archive/p\(index).txt"), atomically: true, encoding: .utf8)
    }
    let manifest = [
      "编号,文件,项目名称,承担单位,负责人,负责人身份证号,计划类别,年度,状态",
      "R-001,archive/p0.txt,某在研项目甲,南通甲公司,张三,\(fullWidth(CheckWorld.leadID(5))),社会民生科技计划,2022,在研",
      "R-002,archive/p1.txt,某在研项目乙,南通乙公司,李四,\(hyphenated(CheckWorld.leadID(6))),社会民生科技计划,2022,在研",
    ]
    try (manifest.joined(separator: "\n") + "\n").write(
      to: root.appendingPathComponent("archive-manifest.csv"), atomically: true, encoding: .utf8)
    let ingest = try CheckEndToEndTests.run(
      ["ingest", "--index", "index", "--manifest", "archive-manifest.csv"], in: root)
    #expect(ingest.status == 0, "ingest: \(ingest.stderr)")
    return root
  }

  @Test func ingestManifestReadsTheSameHeadersAsCheck() throws {
    let root = try Self.makeArchive()
    defer { try? FileManager.default.removeItem(at: root) }
    let list = try CheckEndToEndTests.run(["list", "--index", "index", "--format", "json"], in: root)
    #expect(list.status == 0, "list: \(list.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [String: Any])
    let documents = try #require(object["documents"] as? [[String: Any]])
    #expect(documents.compactMap { $0["id"] as? String } == ["R-001", "R-002"])
    let first = try #require(documents.first)
    #expect(first["organisation"] as? String == "南通甲公司")
    #expect(first["lead"] as? String == "张三")
    let extra = first["extra"] as? [String: String] ?? [:]
    #expect(extra["编号"] == nil && extra["承担单位"] == nil && extra["负责人"] == nil)
  }

  @Test func leadsWrittenFullWidthOrWithHyphensAreFoundRunningProjects() throws {
    let root = try Self.makeArchive()
    defer { try? FileManager.default.removeItem(at: root) }
    // Two applications led by the same people (other organisations, so only the ID can match).
    var manifest = ["网上申报编号,文件,项目名称,申报单位,项目负责人,负责人身份证号"]
    for (index, number) in [5, 6].enumerated() {
      let form = """
        项目名称：某新项目\(index)研发
        申报单位：南通新公司\(index)
        项目负责人：王五\(index)
        身份证号：\(CheckWorld.leadID(number))

        一、立项依据
        \(CheckWorld.body(seed: UInt64(40 + index), count: 600))
        """
      try form.write(
        to: root.appendingPathComponent("batch/a\(index).txt"), atomically: true, encoding: .utf8)
      manifest.append(
        "A-\(index),batch/a\(index).txt,某新项目\(index)研发,南通新公司\(index),王五\(index),\(CheckWorld.leadID(number))")
    }
    try (manifest.joined(separator: "\n") + "\n").write(
      to: root.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
    let check = try CheckEndToEndTests.run(
      ["check", "--index", "index", "--manifest", "manifest.csv", "--format", "json", "batch"], in: root)
    #expect(check.status <= 1, "check: \(check.stderr)")
    let found = try CheckEndToEndTests.findings(check.stdout).byApplication
    for (application, archived) in [("A-0", "R-001"), ("A-1", "R-002")] {
      let hits = (found[application] ?? []).filter { $0.rule == "lead-running-project" }
      #expect(hits.count == 1, "\(application): \(found[application] ?? [])")
      #expect(hits.first?.related == [archived])
    }
  }
}
