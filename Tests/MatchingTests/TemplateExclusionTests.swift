import ChachongModel
import Fingerprints
import Testing

@testable import Matching

/// Headings and instructions of a blank application form, as the call's 项目申报书 has them.
private let formHeadings = [
  "一、项目实施的必要性、意义和国内外现状及发展趋势",
  "（请围绕本项目所属技术领域，说明国内外研究现状、技术发展趋势及存在的主要问题，不超过2000字）",
  "二、项目主要研发内容、拟解决的关键技术问题及创新点",
  "（请分条列出项目的主要研究内容和需要突破的关键核心技术，说明技术路线和创新之处）",
  "三、项目预期目标和考核指标",
  "（须明确项目完成时形成的发明专利申请或授权、标准化研究成果以及样品、样机、系统等应用成果）",
  "四、项目实施计划和进度安排",
  "五、项目申报单位及合作单位的研究基础和条件",
]

private let instructions =
  "纸质材料和网上填报的内容须完全一致。申报单位对申报材料真实性、完整性和有效性负主体责任，"
  + "项目申报书经项目负责人和参与人员签字确认后方可报送。"

/// A filled-in form: every heading followed by the applicant's own text.
private func application(seed: UInt64) -> String {
  var lines = [instructions]
  for (index, heading) in formHeadings.enumerated() {
    lines.append(heading)
    lines.append(TestText.chinese(150, seed: seed * 100 + UInt64(index)))
  }
  return lines.joined(separator: "\n")
}

private let parameters = FingerprintParameters.standard
private var k: Int { parameters.shingleSize }

@Test func applicationsSharingOnlyTheFormGetNoPassageAndNoCopyRatio() {
  let first = NormalizedText(normalizing: application(seed: 1))
  let second = NormalizedText(normalizing: application(seed: 2))

  // Without the template the form itself looks copied.
  let naive = PassageAligner.align(
    query: first, source: second, k: k, seed: parameters.seed, excluding: [], parameters: .standard)
  #expect(naive.count >= 5)
  let naiveMetrics = CopyMetricsCalculator.measure(
    application: first, sources: [SourcePassages(id: "B", passages: naive)])
  #expect(naiveMetrics.copyRatio > 0.1)

  // The blank form as one text: its shingles include those spanning one heading and the next.
  let blankForm = ([instructions] + formHeadings).joined(separator: "\n")
  let filter = CommonTextFilter(parameters: parameters)
  let excluded = filter.templateShingles(of: [blankForm])
  let passages = PassageAligner.align(
    query: first, source: second, k: k, seed: parameters.seed, excluding: excluded, parameters: .standard)
  #expect(passages.isEmpty)
  let metrics = CopyMetricsCalculator.measure(
    application: first, sources: [SourcePassages(id: "B", passages: passages)], k: k, seed: parameters.seed,
    excluding: excluded)
  #expect(metrics.copyRatio == 0)
  #expect(metrics.templateCharacters > 250)
  let scores = Verifier.scores(query: first, match: second, k: k, seed: parameters.seed, excluding: excluded)
  #expect(scores.sharedShingles == 0)
  #expect(scores.jaccard == 0)
}

@Test func aCopiedSectionIsStillFoundAfterTemplateExclusion() throws {
  let copied = TestText.chinese(200, seed: 77)
  let first = application(seed: 3) + "\n" + copied
  let second = application(seed: 4).replacingOccurrences(
    of: formHeadings[4], with: formHeadings[4] + "\n" + copied)
  let excluded = CommonTextFilter(parameters: parameters).templateShingles(of: formHeadings + [instructions])
  let passages = PassageAligner.align(
    query: NormalizedText(normalizing: first), source: NormalizedText(normalizing: second), k: k,
    seed: parameters.seed, excluding: excluded, parameters: .standard)
  #expect(passages.count == 1)
  let passage = try #require(passages.first)
  #expect(TestText.slice(first, passage.start, passage.end) == copied)
  #expect(TestText.slice(second, passage.sourceStart, passage.sourceEnd) == copied)
  let metrics = CopyMetricsCalculator.measure(
    application: NormalizedText(normalizing: first), sources: [SourcePassages(id: "B", passages: passages)],
    k: k, seed: parameters.seed, excluding: excluded)
  #expect(metrics.copiedCharacters == 200)
  #expect(metrics.characters == 8 * 150 + 200)
  #expect(abs(metrics.copyRatio - 200.0 / 1400.0) < 0.001)
}

@Test func textInManyIndexedDocumentsIsCommonAndLeftOut() {
  // Twelve applications filled in without any template given: the form text is in all of them.
  let documents = (1...12).map { NormalizedText(normalizing: application(seed: UInt64(10 + $0))) }
  let shingles = documents.map { Shingler.shingleHashes(of: $0, k: k, seed: parameters.seed) }
  let frequencies = InMemoryShingleFrequencies(documents: shingles)
  let filter = CommonTextFilter(parameters: parameters, policy: CommonTextPolicy(maximumShare: 0.5))
  let excluded = filter.excludedShingles(templates: [], candidates: shingles[0], frequencies: frequencies)
  #expect(excluded.template.isEmpty)
  #expect(!excluded.common.isEmpty)
  let passages = PassageAligner.align(
    query: documents[0], source: documents[1], k: k, seed: parameters.seed, excluding: excluded.all,
    parameters: .standard)
  #expect(passages.isEmpty)
}

@Test func aPairCopyIsNotCommonText() {
  let copied = TestText.chinese(80, seed: 99)
  var texts = (1...12).map { application(seed: UInt64(30 + $0)) }
  texts[0] += "\n" + copied
  texts[1] += "\n" + copied
  let shingles = texts.map {
    Shingler.shingleHashes(of: NormalizedText(normalizing: $0), k: k, seed: parameters.seed)
  }
  let filter = CommonTextFilter(parameters: parameters, policy: CommonTextPolicy(maximumShare: 0.1))
  let common = filter.commonShingles(
    among: shingles[0], frequencies: InMemoryShingleFrequencies(documents: shingles))
  let passages = PassageAligner.align(
    query: NormalizedText(normalizing: texts[0]), source: NormalizedText(normalizing: texts[1]), k: k,
    seed: parameters.seed, excluding: common, parameters: .standard)
  #expect(passages.count == 1)
  #expect(passages.first?.chars == 80)
}

@Test func tooFewIndexedDocumentsMeanNoCommonText() {
  let shingles = (1...3).map {
    Shingler.shingleHashes(of: NormalizedText(normalizing: application(seed: UInt64($0))), k: k, seed: 1)
  }
  let filter = CommonTextFilter(k: k, seed: 1, policy: .standard)
  #expect(
    filter.commonShingles(among: shingles[0], frequencies: InMemoryShingleFrequencies(documents: shingles))
      .isEmpty)
  #expect(CommonTextPolicy.standard.isCommon(frequency: 5, documentCount: 20))
  #expect(!CommonTextPolicy.standard.isCommon(frequency: 2, documentCount: 20))
  #expect(!CommonTextPolicy.standard.isCommon(frequency: 5, documentCount: 60))
}

@Test func aTemplateHeadingBetweenTwoCopiedSectionsSeparatesThem() throws {
  let sectionOne = TestText.chinese(120, seed: 201)
  let sectionTwo = TestText.chinese(120, seed: 202)
  let heading = "三、项目预期目标"  // 8 characters: short enough to be bridged as a plain gap
  let query = "一、概述\n" + sectionOne + "\n" + heading + "\n" + sectionTwo
  let source = TestText.chinese(30, seed: 203) + "\n" + sectionOne + "\n" + heading + "\n" + sectionTwo
  let plain = PassageAligner.align(
    query: NormalizedText(normalizing: query), source: NormalizedText(normalizing: source), k: k,
    seed: parameters.seed, excluding: [], parameters: .standard)
  #expect(plain.count == 1)
  let excluded = CommonTextFilter(parameters: parameters).templateShingles(of: [
    "一、概述\n二、内容\n" + heading + "\n四、计划"
  ])
  let headingStart = TestText.length("一、概述\n" + sectionOne + "\n")
  let sourceHeadingStart = TestText.length(TestText.chinese(30, seed: 203) + "\n" + sectionOne + "\n")
  let passages = PassageAligner.align(
    query: NormalizedText(normalizing: query), source: NormalizedText(normalizing: source), k: k,
    seed: parameters.seed, excluding: excluded, parameters: .standard,
    querySections: [
      TextSection(title: "一、概述", start: 0, end: headingStart),
      TextSection(title: heading, start: headingStart, end: TestText.length(query)),
    ],
    sourceSections: [
      TextSection(title: "", start: 0, end: sourceHeadingStart),
      TextSection(title: heading, start: sourceHeadingStart, end: TestText.length(source)),
    ])
  #expect(passages.count == 2)
  let first = try #require(passages.first)
  let last = try #require(passages.last)
  #expect(TestText.slice(query, first.start, first.end) == sectionOne)
  #expect(TestText.slice(query, last.start, last.end) == sectionTwo)
  #expect(TestText.slice(source, last.sourceStart, last.sourceEnd) == sectionTwo)
}

@Test func aTemplatePhraseInsideCopiedProseIsBridged() {
  let before = TestText.chinese(60, seed: 204)
  let after = TestText.chinese(60, seed: 205)
  let copied = before + "。项目负责人，国家外汇管理局依照有关法律" + after
  let query = TestText.chinese(20, seed: 206) + copied
  let source = TestText.chinese(25, seed: 207) + copied
  let excluded = CommonTextFilter(parameters: parameters).templateShingles(of: ["项目负责人，国家外汇管理局依照有关法律"])
  let passages = PassageAligner.align(
    query: NormalizedText(normalizing: query), source: NormalizedText(normalizing: source), k: k,
    seed: parameters.seed, excluding: excluded, parameters: .standard)
  #expect(passages.count == 1)
  #expect(passages.first?.chars == TestText.length(copied))
}

@Test func passagesDoNotCrossSectionBoundaries() {
  let partOne = TestText.chinese(80, seed: 208)
  let partTwo = TestText.chinese(80, seed: 209)
  let query = partOne + "\n" + partTwo
  let source = TestText.chinese(10, seed: 210) + partOne + partTwo
  let plain = PassageAligner.align(
    query: NormalizedText(normalizing: query), source: NormalizedText(normalizing: source), k: k,
    seed: parameters.seed, excluding: [], parameters: .standard)
  #expect(plain.count == 1)
  let sectioned = PassageAligner.align(
    query: NormalizedText(normalizing: query), source: NormalizedText(normalizing: source), k: k,
    seed: parameters.seed, excluding: [], parameters: .standard,
    querySections: [
      TextSection(title: "一", start: 0, end: 81), TextSection(title: "二", start: 81, end: 161),
    ],
    sourceSections: [])
  #expect(sectioned.map(\.start) == [0, 81])
  #expect(sectioned.map(\.sourceStart) == [10, 90])
  #expect(sectioned.map(\.chars) == [80, 80])
}
