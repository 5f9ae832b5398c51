import ArchiveStore
import Foundation
import Pipeline
import Reports
import Testing

@testable import ChachongCore

/// Text in at least half of a large batch is the form's text, not evidence (`BatchCommonText`).
@Suite struct BatchCommonTextTests {
  /// 20 documents of distinct shingles; `shared` is put into the first `holders` of them.
  static func documents(count: Int, shared: UInt64, holders: Int) -> [[UInt64]] {
    (0..<count).map { index in
      var shingles = (0..<50).map { UInt64(1_000_000 + index * 100 + $0) }
      if index < holders { shingles += [shared, shared] }
      return shingles
    }
  }

  @Test func aShingleInHalfOfTwentyApplicationsIsCommonAndInFewerIsNot() {
    let half = BatchCommonText(documents: Self.documents(count: 20, shared: 7, holders: 10), share: 0.5)
    #expect(half.shingles == [7])
    // Twice in each of nine documents is still nine applications, not eighteen.
    let nine = BatchCommonText(documents: Self.documents(count: 20, shared: 7, holders: 9), share: 0.5)
    #expect(nine.shingles.isEmpty)
    #expect(BatchCommonText.requiredApplications(share: 0.5, applications: 20) == 10)
    #expect(BatchCommonText.requiredApplications(share: 0.5, applications: 401) == 201)
  }

  @Test func smallBatchesAndShareZeroHaveNoCommonText() {
    // 19 applications all sharing a shingle: too small a batch to tell the form from a ring of copies.
    let small = BatchCommonText(documents: Self.documents(count: 19, shared: 7, holders: 19), share: 0.5)
    #expect(small.shingles.isEmpty)
    #expect(BatchCommonText.requiredApplications(share: 0.5, applications: 19) == nil)
    let off = BatchCommonText(documents: Self.documents(count: 40, shared: 7, holders: 40), share: 0)
    #expect(off.shingles.isEmpty)
  }

  @Test func theResultDoesNotDependOnTheDocumentsOrder() {
    var documents = Self.documents(count: 30, shared: 7, holders: 15)
    documents[3] += [9, 9]
    let forward = BatchCommonText(documents: documents, share: 0.5)
    let backward = BatchCommonText(documents: documents.reversed(), share: 0.5)
    #expect(forward.shingles == backward.shingles)
    #expect(forward.shingles == [7])
  }

  /// 24 applications that all carry the same instruction paragraph (a form the call did not give
  /// as a template), each with its own body; A1's body also holds a long passage of A2's.
  static func batch() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chachong-batch-common-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let form = """
      填写说明：本申报书各栏目须如实填写，内容应当真实准确，不得涉及国家秘密，申报单位对所填内容的真实性负责，
      项目实施期限一般为两年，研发经费应当按照专项资金管理办法的有关规定据实编制，不得虚列、套取或者挪用，
      申报材料一经提交不予退还，凡弄虚作假者取消申报资格并按有关规定记入科研诚信记录，请申报单位认真核对后提交。
      立项依据部分应当简述项目研究的目的、意义，国内外研究现状和发展趋势，项目对本市未来产业发展的支撑作用，
      研究内容部分应当说明项目的主要研究内容、拟解决的关键技术问题、采取的技术路线和实施方案以及年度实施计划，
      预期目标部分应当列出可考核的技术指标、经济指标和知识产权指标，并说明考核方式和考核时间节点的具体安排。
      """
    let copied = CheckWorld.body(seed: 902, count: 900)
    for number in 1...24 {
      var body = CheckWorld.body(seed: UInt64(100 + number), count: 1_500)
      if number == 1 || number == 2 { body += "\n" + copied }
      let text = """
        项目名称：第\(number)号项目的关键技术研发
        申报单位：南通第\(number)号科技有限公司

        \(form)

        一、立项依据
        \(body)
        """
      try text.write(to: root.appendingPathComponent("A\(number).txt"), atomically: true, encoding: .utf8)
    }
    return root
  }

  static func check(_ root: URL, share: Double) async throws -> CheckReport {
    let request = try CheckFiles.request(
      CheckFiles.Paths(applications: [root.path]),
      options: CheckOptions(failOn: .never, batchCommonShare: share, workers: 2))
    return try await CheckJob(archive: MemoryArchive()).run(request).report
  }

  @Test func theFormSharedByTheWholeBatchIsNotCopiedTextButACopiedPassageIs() async throws {
    let root = try Self.batch()
    defer { try? FileManager.default.removeItem(at: root) }
    let report = try await Self.check(root, share: 0.5)
    let applications = Dictionary(uniqueKeysWithValues: report.applications.map { ($0.id, $0) })
    let info = try #require(report.parameters.batchCommon)
    #expect(info.applications == 24 && info.required == 12 && info.shingles > 100)
    // The copied passage is still found from both sides, and only it counts.
    for (id, other) in [("A1", "A2"), ("A2", "A1")] {
      let metrics = try #require(applications[id]?.copyMetrics)
      #expect(metrics.sources.map(\.id) == [other], "\(id): \(metrics.sources.map(\.id))")
      #expect(metrics.copyRatio > 0.3 && metrics.copyRatio < 0.5, "\(id): \(metrics.copyRatio)")
    }
    // The others share only the form: no source, no copied character.
    for number in 3...24 {
      let application = try #require(applications["A\(number)"])
      #expect(application.copyRatio == 0, "A\(number): \(application.copyRatio)")
      #expect((application.copyMetrics?.sources ?? []).isEmpty)
    }

    // Off, the form is a shared passage of every pair: every application lists sources.
    let off = try await Self.check(root, share: 0)
    #expect(off.parameters.batchCommon == nil)
    let third = try #require(off.applications.first { $0.id == "A3" })
    #expect(third.copyRatio > 0, "the form counts as copied text without batch-common text")
    #expect((third.copyMetrics?.sources.count ?? 0) > 10)
  }
}
