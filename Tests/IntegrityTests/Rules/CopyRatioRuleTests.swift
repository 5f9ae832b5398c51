import ChachongModel
import Foundation
import Testing

@testable import Integrity

/// The copy-ratio policy on the rules' side (issue 13): thresholds on the measures a reviewer reads,
/// graded severity, and the overlap floor.
@Suite struct CopyRatioRuleTests {
  let engine = RuleEngine()

  func evaluate(
    _ application: Application, _ pair: SimilarPair, copy: ApplicationCopyMeasures? = nil,
    call: CallConfiguration? = nil
  ) throws -> [Finding] {
    let input = RuleInput(
      call: try call ?? Fixtures.call(), applications: [application], pairs: [pair],
      copyMeasures: copy.map { [application.id: $0] } ?? [:])
    // Only what the copy-ratio policy decides (the fixture's form fields give other findings).
    return engine.evaluate(input).findings(of: application.id).filter {
      RuleID.similarityRules.contains($0.rule) || $0.rule == .highCopyRatio
    }
  }

  func funded(_ year: Int = 2021, status: String = "结题") -> DocumentRecord {
    RuleFixtures.archive(
      "QZ\(year)-7", program: "前瞻性技术创新专项", year: year, status: status, organisation: "南通第1科技有限公司",
      creditNumber: 1)
  }

  /// The issue's numbers: 66.5 % copied in aligned passages, Jaccard 0.35, containment 0.52, from the
  /// same enterprise's project funded in 2021. Under the old thresholds (0.4 / 0.6) no finding.
  @Test func issueRegressionOwnFundedProject() throws {
    let application = RuleFixtures.application(1)
    var measures = SimilarityMeasures(
      jaccard: 0.35, queryContainment: 0.52, matchContainment: 0.5, sharedCharacters: 9000)
    let pair = SimilarPair(
      applicationID: application.id, other: funded(), otherInBatch: false, measures: measures)
    #expect(try evaluate(application, pair).isEmpty, "without a copy ratio the old measures decide")
    measures.copyRatio = 0.665
    measures.copiedCharacters = 9600
    let findings = try evaluate(
      application,
      SimilarPair(applicationID: application.id, other: funded(), otherInBatch: false, measures: measures))
    let finding = try #require(findings.first { $0.rule == .previouslyFunded })
    #expect(finding.severity == .error)
    #expect(finding.related.first?.copyRatio == 0.665)
    #expect(finding.message.zh.contains("文字复制比67%"))
  }

  /// Each measure of a threshold can decide, and the review band gives a warning of the same rule.
  @Test func everyMeasureAndTheReviewBand() throws {
    let application = RuleFixtures.application(1)
    var call = try Fixtures.call()
    call.similarity[.previouslyFunded] = SimilarityThreshold(
      jaccard: 0.9, containment: 0.9, minimumSharedCharacters: 100, totalCopyRatio: 0.5,
      review: SimilarityCriteria(largestSourceRatio: 0.2))
    var measures = SimilarityMeasures(
      jaccard: 0.1, queryContainment: 0.2, matchContainment: 0.2, sharedCharacters: 800)
    measures.copyRatio = 0.25
    measures.copiedCharacters = 800
    let pair = SimilarPair(
      applicationID: application.id, other: funded(), otherInBatch: false, measures: measures)
    let total = ApplicationCopyMeasures(
      totalCopyRatio: 0.55, largestSourceRatio: 0.25, largestSourceId: "QZ2021-7", copyRatioExcludingOwn: 0.3)
    let atThreshold = try evaluate(application, pair, copy: total, call: call)
    #expect(atThreshold.first { $0.rule == .previouslyFunded }?.severity == .error)
    var lower = total
    lower.totalCopyRatio = 0.3
    let inBand = try evaluate(application, pair, copy: lower, call: call)
    #expect(inBand.first { $0.rule == .previouslyFunded }?.severity == .warning)
    // Not the largest source: the review band's 单篇最大 criterion does not name this pair.
    lower.largestSourceRatio = 0.4
    lower.largestSourceId = "other"
    let below = try evaluate(application, pair, copy: lower, call: call)
    #expect(!below.contains { $0.rule == .previouslyFunded })
    // 25 % is under the 30 % floor: nothing at all.
    #expect(below.isEmpty)
  }

  /// A copy ratio's character minimum counts characters in aligned passages, not the shingles two
  /// texts share (stock phrases scattered over two regulations), and not stock phrasing the
  /// application shares with several sources (`distinctiveCopiedCharacters`).
  @Test func copyRatioMinimumCountsDistinctiveAlignedCharacters() throws {
    let application = RuleFixtures.application(1)
    var call = try Fixtures.call()
    call.similarity[.previouslyFunded] = SimilarityThreshold(
      jaccard: 0.9, containment: 0.9, minimumSharedCharacters: 50, copyRatio: 0.005)
    var measures = SimilarityMeasures(
      jaccard: 0.01, queryContainment: 0.02, matchContainment: 0.02, sharedCharacters: 156)
    measures.copyRatio = 0.0075
    measures.copiedCharacters = 20
    func findings() throws -> [Finding] {
      try evaluate(
        application,
        SimilarPair(applicationID: application.id, other: funded(), otherInBatch: false, measures: measures),
        call: call
      ).filter { $0.rule == .previouslyFunded }
    }
    #expect(try findings().isEmpty, "156 shared characters but 20 in passages")
    measures.copiedCharacters = 60
    #expect(try findings().count == 1)
    measures.distinctiveCopiedCharacters = 45
    #expect(try findings().isEmpty, "60 aligned characters, 15 of them stock phrasing")
    measures.distinctiveCopiedCharacters = 50
    #expect(try findings().count == 1)
  }

  /// 去除本人已发表文献复制比 never counts the organisation's own earlier application.
  @Test func excludingOwnIgnoresOwnEarlierSources() throws {
    let application = RuleFixtures.application(1)
    var call = try Fixtures.call()
    call.similarity[.previouslyFunded] = SimilarityThreshold(
      jaccard: 0.9, containment: 0.9, copyRatioExcludingOwn: 0.2)
    var measures = SimilarityMeasures(
      jaccard: 0.1, queryContainment: 0.2, matchContainment: 0.2, sharedCharacters: 800)
    measures.copyRatio = 0.2
    let pair = SimilarPair(
      applicationID: application.id, other: funded(), otherInBatch: false, measures: measures)
    let copy = ApplicationCopyMeasures(
      totalCopyRatio: 0.5, largestSourceRatio: 0.3, largestSourceId: "x", copyRatioExcludingOwn: 0.5)
    #expect(try evaluate(application, pair, copy: copy, call: call).isEmpty)
  }

  /// The floor is configurable, and a disabled rule does not silence it.
  @Test func floorNamesADisabledRule() throws {
    let application = RuleFixtures.application(1)
    var call = try Fixtures.call()
    call.rules[.previouslyFunded]?.enabled = false
    call.overlapFloor = OverlapFloor(copyRatio: 0.5, severity: .error)
    var measures = SimilarityMeasures(
      jaccard: 0.6, queryContainment: 0.7, matchContainment: 0.7, sharedCharacters: 9000)
    measures.copyRatio = 0.6
    let findings = try evaluate(
      application,
      SimilarPair(applicationID: application.id, other: funded(), otherInBatch: false, measures: measures),
      call: call)
    let floor = try #require(findings.first { $0.rule == .highCopyRatio })
    #expect(floor.severity == .error)
    #expect(floor.message.zh.contains("未启用"))
    measures.copyRatio = 0.45
    let under = try evaluate(
      application,
      SimilarPair(applicationID: application.id, other: funded(), otherInBatch: false, measures: measures),
      call: call)
    #expect(under.isEmpty)
  }

  @Test func badCopyRatioThresholdsAreRejected() throws {
    let text = CallConfiguration.nantong2023JSON.replacingOccurrences(
      of: "\"copyRatio\": 0.4,", with: "\"copyRatio\": 4,")
    #expect(text != CallConfiguration.nantong2023JSON)
    #expect(throws: CallConfigurationError.self) {
      try CallConfiguration.decode(Data(text.utf8), source: "f")
    }
  }
}
