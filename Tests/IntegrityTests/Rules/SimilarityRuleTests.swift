import ChachongModel
import Testing

@testable import Integrity

@Suite struct SimilarityRuleTests {
  let engine = RuleEngine()
  let program = "前瞻性技术创新专项"

  func evaluate(_ applications: [Application], pairs: [SimilarPair]) throws -> [ApplicationFindings] {
    engine.evaluate(RuleInput(call: try Fixtures.call(), applications: applications, pairs: pairs))
  }

  func record(_ application: Application) -> DocumentRecord {
    DocumentRecord(
      id: application.id, program: program, year: 2023, status: "申报", organisation: application.organisation,
      creditCode: application.creditCode)
  }

  @Test func sameCallSameOrganisationIsADuplicateSubmission() throws {
    let first = RuleFixtures.application(1)
    let copy = RuleFixtures.application(2, organisation: "南通第1科技有限公司", creditNumber: 1)
    let pair = SimilarPair(
      applicationID: first.id, other: record(copy), otherInBatch: true, measures: RuleFixtures.measures(0.92))
    let results = try evaluate([first, copy], pairs: [pair])
    let finding = try #require(results.findings(of: first.id).first { $0.rule == .duplicateSubmission })
    #expect(finding.related.first?.id == copy.id)
    #expect(finding.related.first?.jaccard == 0.92)
    // The batch pair is symmetric: the copy is reported too, pointing back.
    let back = try #require(results.findings(of: copy.id).first { $0.rule == .duplicateSubmission })
    #expect(back.related.first?.id == first.id)
  }

  @Test func sameCallOtherOrganisationPartialCopyIsPlagiarism() throws {
    let author = RuleFixtures.application(1)
    let copier = RuleFixtures.application(2)
    let pair = SimilarPair(
      applicationID: copier.id, other: record(author), otherInBatch: true,
      measures: SimilarityMeasures(
        jaccard: 0.12, queryContainment: 0.2, matchContainment: 0.18, sharedCharacters: 1800))
    let results = try evaluate([author, copier], pairs: [pair])
    #expect(results.rules(of: copier.id) == [.plagiarism])
    #expect(results.rules(of: author.id) == [.plagiarism])
    let near = SimilarPair(
      applicationID: copier.id, other: record(author), otherInBatch: true,
      measures: RuleFixtures.measures(0.85))
    #expect(try evaluate([author, copier], pairs: [near]).rules(of: copier.id) == [.duplicateSubmission])
  }

  @Test func otherProgramSameYear() throws {
    let application = RuleFixtures.application(1)
    let own = RuleFixtures.archive(
      "SM2023-1", program: "社会民生科技计划", year: 2023, status: "申报", organisation: "南通第1科技有限公司",
      creditNumber: 1)
    let foreign = RuleFixtures.archive(
      "SM2023-2", program: "社会民生科技计划", year: 2023, status: "申报", organisation: "别家公司", creditNumber: 99)
    let results = try evaluate(
      [application],
      pairs: [
        SimilarPair(
          applicationID: application.id, other: own, otherInBatch: false, measures: RuleFixtures.measures(0.7)
        ),
        SimilarPair(
          applicationID: application.id, other: foreign, otherInBatch: false,
          measures: RuleFixtures.measures(0.6)),
      ])
    let findings = results.findings(of: application.id)
    #expect(findings.first { $0.rule == .crossProgramSameYear }?.related.map(\.id) == ["SM2023-1"])
    #expect(findings.first { $0.rule == .plagiarism }?.related.map(\.id) == ["SM2023-2"])
  }

  @Test func fundedEarlier() throws {
    let application = RuleFixtures.application(1)
    let funded = RuleFixtures.archive(
      "KJ2021-5", program: "科技成果转化专项", year: 2021, status: "结题", organisation: "南通第1科技有限公司",
      creditNumber: 1)
    let rejected = RuleFixtures.archive(
      "KJ2022-5", program: "前瞻性技术创新专项", year: 2022, status: "未立项", organisation: "南通第1科技有限公司",
      creditNumber: 1)
    let results = try evaluate(
      [application],
      pairs: [
        SimilarPair(
          applicationID: application.id, other: funded, otherInBatch: false,
          measures: RuleFixtures.measures(0.55)),
        SimilarPair(
          applicationID: application.id, other: rejected, otherInBatch: false,
          measures: RuleFixtures.measures(0.95)),
      ])
    let findings = results.findings(of: application.id)
    #expect(findings.map(\.rule) == [.previouslyFunded])
    #expect(findings.first?.related.map(\.id) == ["KJ2021-5"])
    #expect(findings.first?.related.first?.status == "结题")
  }

  @Test func belowThresholdIsNothing() throws {
    let application = RuleFixtures.application(1)
    let foreign = RuleFixtures.archive(
      "X2020-1", program: "社会民生科技计划", year: 2020, status: "未立项", organisation: "别家公司", creditNumber: 99)
    let weak = SimilarityMeasures(
      jaccard: 0.05, queryContainment: 0.08, matchContainment: 0.07, sharedCharacters: 150)
    let results = try evaluate(
      [application],
      pairs: [SimilarPair(applicationID: application.id, other: foreign, otherInBatch: false, measures: weak)]
    )
    #expect(results.findings(of: application.id).isEmpty)
  }

  @Test func passagesTravelWithTheRelatedDocument() throws {
    let application = RuleFixtures.application(1)
    let foreign = RuleFixtures.archive(
      "X2020-1", program: "社会民生科技计划", year: 2020, status: "立项", organisation: "别家公司", creditNumber: 99)
    let passage = EvidencePassage(start: 10, end: 900, sourceStart: 40, sourceEnd: 930, chars: 890)
    let pair = SimilarPair(
      applicationID: application.id, other: foreign, otherInBatch: false,
      measures: SimilarityMeasures(
        jaccard: 0.1, queryContainment: 0.3, matchContainment: 0.2, sharedCharacters: 890),
      passages: [passage])
    let results = try evaluate([application], pairs: [pair])
    let finding = try #require(results.findings(of: application.id).first)
    #expect(finding.rule == .plagiarism)
    #expect(finding.related.first?.passages == [passage])
  }

  @Test func scatteredCommonPhrasesAreNotPlagiarismFromEitherSide() throws {
    let left = RuleFixtures.application(1)
    let right = RuleFixtures.application(2)
    let short = EvidencePassage(start: 0, end: 120, sourceStart: 10, sourceEnd: 125, chars: 120)
    let noise = SimilarPair(
      applicationID: left.id, other: record(right), otherInBatch: true,
      measures: SimilarityMeasures(
        jaccard: 0.08, queryContainment: 0.15, matchContainment: 0.14, sharedCharacters: 2400,
        passageCharacters: 120),
      passages: [short])
    let results = try evaluate([left, right], pairs: [noise])
    #expect(results.findings(of: left.id).isEmpty)
    #expect(results.findings(of: right.id).isEmpty)
    var copied = noise
    copied.measures.passageCharacters = 1800
    copied.passages = [EvidencePassage(start: 0, end: 1800, sourceStart: 100, sourceEnd: 1900, chars: 1800)]
    let flagged = try evaluate([left, right], pairs: [copied])
    #expect(flagged.rules(of: left.id) == [.plagiarism])
    let back = try #require(flagged.findings(of: right.id).first)
    #expect(back.rule == .plagiarism)
    #expect(back.related.first?.passages?.first?.start == 100)
    #expect(back.related.first?.passageCharacters == 1800)
  }

  @Test func orderingIsDeterministic() throws {
    var applications = (1...5).map { RuleFixtures.application($0) }
    RuleFixtures.setting(&applications[3], FormFieldName.degree, form: "硕士")
    RuleFixtures.setting(&applications[1], FormFieldName.title, manifest: "太短研发")
    let results = try evaluate(applications.reversed(), pairs: [])
    #expect(
      results.map(\.application.id) == [
        applications[3].id, applications[1].id, applications[0].id,
        applications[2].id, applications[4].id,
      ])
  }
}
