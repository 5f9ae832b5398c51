import ArchiveStore
import ChachongModel
import Fingerprints
import Foundation
import Integrity
import Pipeline
import Reports
import Synchronization
import Testing

@testable import ChachongCore

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

  /// The application texts as the batch files hold them.
  static func text(_ root: URL, _ number: Int) throws -> String {
    try String(contentsOf: root.appendingPathComponent("A\(number).txt"), encoding: .utf8)
  }

  static func request(_ root: URL, options: CheckOptions) throws -> CheckRequest {
    try CheckFiles.request(CheckFiles.Paths(applications: [root.path]), options: options)
  }

  /// The core's check over an archive in memory: no index, no files of its own.
  @Test func evaluatesRulesOverAnArchiveInMemory() async throws {
    let root = try Self.batch()
    defer { try? FileManager.default.removeItem(at: root) }
    let archive = MemoryArchive()
    let funded = DocumentRecord(
      id: "QZ2020-9", program: "前瞻性技术创新专项", year: 2020, status: "结题", organisation: "南通第1号科技有限公司")
    let fundedText = try Self.text(root, 1)
    try await archive.upsert([
      try archive.preparer().prepare(
        IndexedDocument(
          metadata: funded, text: fundedText,
          fingerprint: Fingerprinter(parameters: archive.parameters.fingerprint).fingerprint(fundedText)))
    ])
    let events = EventLog()
    let result = try await CheckJob(archive: archive, writer: archive).run(
      try Self.request(root, options: CheckOptions(add: true)), progress: { events.append($0) })
    let report = result.report
    #expect(result.severityLevel(failOn: .error) == 1)
    #expect(report.applications.map(\.id) == ["A1", "A2"])
    let first = try #require(report.applications.first)
    #expect(first.findings.map(\.rule) == [.previouslyFunded])
    #expect(first.findings.first?.related.first?.id == "QZ2020-9")
    #expect(report.applications[1].findings.map(\.rule) == [.leadDegree])
    #expect(report.parameters.indexParameters == archive.parametersDescription)
    #expect(report.inputs.filter { $0.role == "application" }.allSatisfy { $0.sha256.count == 64 })
    #expect(result.stored == 2)
    let stored = try await archive.records(DocumentFilter(ids: ["A1", "A2"]))
    #expect(stored.map(\.id) == ["A1", "A2"])
    #expect(stored.allSatisfy { $0.status == "申报" && $0.year == 2023 })
    let leadID = ResidentID.make(region: "320602", year: 1980, month: 3, day: 1, sequence: 11)?.value ?? ""
    #expect(stored.first?.leadIDKey == archive.leadIDKey(of: leadID))
    #expect(stored.first?.leadIDMasked?.contains("**********") == true)
    let stages = events.stages
    #expect(stages.first == .reading && stages.last == .done)
    #expect(stages.contains(.searching) && stages.contains(.rules))
  }

  @Test func failOnNeverAndBadConfigurations() async throws {
    let root = try Self.batch()
    defer { try? FileManager.default.removeItem(at: root) }
    let archive = MemoryArchive()
    let never = try await CheckJob(archive: archive).run(try Self.request(root, options: CheckOptions()))
    #expect(never.severityLevel(failOn: .never) == 0)
    var badCall = try Self.request(root, options: CheckOptions())
    badCall.call = NamedBytes(name: "call.json", bytes: Array("{}".utf8))
    await #expect(throws: ServiceError.self) { try await CheckJob(archive: archive).run(badCall) }
    #expect(throws: ServiceError.self) {
      try CheckFiles.request(
        CheckFiles.Paths(applications: [root.path], registry: root.appendingPathComponent("none.csv").path),
        options: CheckOptions())
    }
  }

  @Test func cancellationStopsTheCheck() async throws {
    let root = try Self.batch()
    defer { try? FileManager.default.removeItem(at: root) }
    let request = try Self.request(root, options: CheckOptions())
    let task = Task { try await CheckJob(archive: MemoryArchive()).run(request) }
    task.cancel()
    do {
      _ = try await task.value
      Issue.record("a cancelled check finished")
    } catch let error as ServiceError {
      #expect(error.kind == .cancelled)
    }
  }
}

/// Progress events collected from any task.
final class EventLog: Sendable {
  private let events = Mutex<[ProgressEvent]>([])
  func append(_ event: ProgressEvent) { events.withLock { $0.append(event) } }
  var stages: [ProgressEvent.Stage] { events.withLock { $0.map(\.stage) } }
}
