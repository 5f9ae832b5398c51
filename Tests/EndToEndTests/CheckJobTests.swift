import ChachongModel
import Fingerprints
import Foundation
import Integrity
import Reports
import Testing

@testable import Pipeline

/// The check pipeline against a fake archive: no index, no similarity search.
struct FakeArchive: ArchiveSource {
  var archived: [DocumentRecord]
  var similar: [String: (DocumentRecord, SimilarityMeasures)]

  func records(excluding ids: Set<String>) throws -> [DocumentRecord] {
    archived.filter { !ids.contains($0.id) }
  }

  func leadIDKey(_ idNumber: String) -> String { "key-" + IdentityKey.normalize(idNumber) }

  func pairs(
    for batch: [PreparedDocument], excludingShingles: Set<UInt64>, minimum: SimilarityThreshold,
    passageMinimum: Int?
  ) throws -> [SimilarPair] {
    batch.compactMap { document in
      similar[document.id].map {
        SimilarPair(applicationID: document.id, other: $0.0, otherInBatch: false, measures: $0.1)
      }
    }
  }

  func templateShingles() throws -> Set<UInt64> { [] }
  var fingerprintParameters: FingerprintParameters { .standard }
  var parametersDescription: String? { "fake" }
}

@Suite struct CheckJobTests {
  static func batch() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-job-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (number, degree) in [(1, "博士"), (2, "硕士")] {
      let id =
        ResidentID.make(region: "320602", year: 1980, month: 3, day: number, sequence: 10 + number)?.value
        ?? ""
      let code = CreditCode.make(region: "320600", organizationBase: "MA30000\(number)")?.value ?? ""
      let text = """
        项目名称：面向海上风电的新型储能系统关键技术研发
        申报单位：南通第\(number)号科技有限公司
        统一社会信用代码：\(code)
        项目负责人：负责人\(number)
        身份证号：\(id)
        学历：\(degree)
        指南编号：3001
        研发总投入：300万元
        申请资助：100万元

        一、立项依据
        \(CheckWorld.body(seed: UInt64(number), count: 600))
        """
      try text.write(to: root.appendingPathComponent("A\(number).txt"), atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func evaluatesRulesWithAFakeArchive() throws {
    let root = try Self.batch()
    defer { try? FileManager.default.removeItem(at: root) }
    let funded = DocumentRecord(
      id: "QZ2020-9", program: "前瞻性技术创新专项", year: 2020, status: "结题", organisation: "南通第1号科技有限公司")
    let archive = FakeArchive(
      archived: [funded],
      similar: [
        "A1": (
          funded,
          SimilarityMeasures(
            jaccard: 0.8, queryContainment: 0.9, matchContainment: 0.85, sharedCharacters: 900)
        )
      ])
    var stored: [StoredApplication] = []
    let options = CheckOptions(indexDirectory: "unused", paths: [root.path], add: true)
    let outcome = try CheckJob(options: options).run(archive: archive) { batch, call in
      stored = batch
      #expect(call.year == 2023)
    }
    let report = outcome.report
    #expect(outcome.exitCode == 1)
    #expect(report.applications.map(\.id) == ["A1", "A2"])
    let first = try #require(report.applications.first)
    #expect(first.findings.map(\.rule) == [.previouslyFunded])
    #expect(first.findings.first?.related.first?.id == "QZ2020-9")
    #expect(report.applications[1].findings.map(\.rule) == [.leadDegree])
    #expect(report.parameters.indexParameters == "fake")
    #expect(report.inputs.filter { $0.role == "application" }.allSatisfy { $0.sha256.count == 64 })
    #expect(stored.map(\.record.id) == ["A1", "A2"])
    #expect(stored.first?.record.leadIDKey?.hasPrefix("key-") == true)
    #expect(stored.first?.record.leadIDMasked?.contains("**********") == true)
  }

  @Test func failOnNeverAndBadConfigurations() throws {
    let root = try Self.batch()
    defer { try? FileManager.default.removeItem(at: root) }
    let archive = FakeArchive(archived: [], similar: [:])
    let never = try CheckJob(
      options: CheckOptions(indexDirectory: "unused", paths: [root.path], failOn: .never)
    )
    .run(archive: archive)
    #expect(never.exitCode == 0)
    let badCall = root.appendingPathComponent("call.json")
    try Data("{}".utf8).write(to: badCall)
    #expect(throws: CheckError.self) {
      try CheckJob(
        options: CheckOptions(indexDirectory: "unused", callPath: badCall.path, paths: [root.path])
      )
      .run(archive: archive)
    }
    #expect(throws: CheckError.self) {
      try CheckJob(
        options: CheckOptions(
          indexDirectory: "unused", registryPath: root.appendingPathComponent("none.csv").path,
          paths: [root.path])
      ).run(archive: archive)
    }
  }
}
