import Fingerprints
import Foundation
import Testing

@testable import Matching

/// Hand-made rewritten Chinese pairs: the kinds of '降重' rewriting the fuzzy stage must survive.
private let original = [
  "本项目针对工业视觉检测中缺陷样本稀少的问题，研究小样本条件下的缺陷识别方法。",
  "项目组将构建覆盖多种材料表面的缺陷图像数据集，并设计轻量化的卷积神经网络模型。",
  "通过知识蒸馏与数据增强相结合的训练策略，提高模型在产线环境中的识别准确率和稳定性。",
  "项目完成后将在三家合作企业的生产线上开展示范应用，形成可推广的检测解决方案。",
]

private let unrelated =
  "南通市地处长江入海口北岸，历史悠久，文化底蕴深厚。近年来城市交通网络不断完善，沿江高铁和过江通道相继建成。"
  + "市民休闲公园的数量逐年增加，滨江步道串联起多处历史街区。每逢节假日，游客纷纷前来品尝当地的特色美食。"

private let preface = "一、立项依据\n当前制造业正在加快数字化转型，质量检测环节对智能化手段的需求十分迫切。\n"
private let closing = "\n二、其他说明\n申报单位承诺所提交材料真实有效，并对材料内容负责。"

private func document(_ sentences: [String]) -> String { preface + sentences.joined() + closing }

private func align(_ query: String, _ source: String) -> [AlignedPassage] {
  ParaphraseAligner.align(query: SentenceDocument(text: query), source: SentenceDocument(text: source))
}

/// The passage covers the copied sentences in the query: its text holds the first and last of them.
private func covers(_ passage: Passage, in text: String, from first: String, to last: String) -> Bool {
  let content = TestText.slice(text, passage.start, passage.end)
  return content.contains(first.prefix(8)) && content.contains(String(last.suffix(9).dropLast()))
}

@Test func identicalCopyIsOnePassageOfKindIdentical() throws {
  let source = document(original)
  let query = "项目背景。" + unrelated + "\n" + original.joined() + "\n" + "以上为主要研究内容。"
  let passages = align(query, source)
  let passage = try #require(passages.first)
  #expect(passages.count == 1)
  #expect(passage.kind == .identical)
  #expect(TestText.slice(query, passage.passage.start, passage.passage.end) == original.joined().dropLast())
  #expect(
    TestText.slice(source, passage.passage.sourceStart, passage.passage.sourceEnd)
      == original.joined().dropLast())
}

@Test func synonymSubstitutionIsFoundAsRewritten() throws {
  let rewritten = [
    "本课题面向工业视觉检验中缺陷样本较少的难题，探索小样本情况下的缺陷辨识方法。",
    "课题组将建立覆盖多类材料表面的缺陷图片数据集，并研制轻量化的卷积神经网络模型。",
    "借助知识蒸馏与数据扩充相融合的训练方案，提升模型在产线环境里的识别精度以及稳定性。",
    "课题完成后将在三家协作企业的生产线上进行示范运用，构成可推广的检验解决方案。",
  ]
  let query = unrelated + "\n" + rewritten.joined() + "\n"
  let source = document(original)
  let passages = align(query, source)
  let passage = try #require(passages.first)
  #expect(passages.count == 1)
  #expect(passage.kind == .rewritten)
  #expect(covers(passage.passage, in: query, from: rewritten[0], to: rewritten[3]))
  let sourceText = TestText.slice(source, passage.passage.sourceStart, passage.passage.sourceEnd)
  #expect(sourceText.hasPrefix("本项目针对工业视觉检测"))
  #expect(sourceText.hasSuffix("形成可推广的检测解决方案"))
}

@Test func reorderedSentencesAndClausesStayOnePassage() throws {
  let reordered = [
    "在三家合作企业的生产线上开展示范应用，项目完成后将形成可推广的检测解决方案。",
    "项目组将设计轻量化的卷积神经网络模型，并构建覆盖多种材料表面的缺陷图像数据集。",
    "本项目研究小样本条件下的缺陷识别方法，针对工业视觉检测中缺陷样本稀少的问题。",
    "提高模型在产线环境中的识别准确率和稳定性，通过知识蒸馏与数据增强相结合的训练策略。",
  ]
  let query = unrelated + "\n" + reordered.joined() + "\n"
  let passages = align(query, document(original))
  let passage = try #require(passages.first)
  #expect(passages.count == 1)
  #expect(passage.kind != .identical)
  #expect(covers(passage.passage, in: query, from: reordered[0], to: reordered[3]))
}

@Test func splitAndMergedSentencesAreFoundWithMinorChanges() throws {
  let split = [
    "本项目针对工业视觉检测中缺陷样本稀少的问题。同时还将研究小样本条件下的缺陷识别方法。",
    "项目组将构建覆盖多种材料表面的缺陷图像数据集，并设计轻量化的卷积神经网络模型，",
    "通过知识蒸馏与数据增强相结合的训练策略，提高模型在产线环境中的识别准确率和稳定性。",
    "项目完成后将在三家合作企业的生产线上开展示范应用。最终形成可推广的检测解决方案。",
  ]
  let query = unrelated + "\n" + split.joined() + "\n"
  let passages = align(query, document(original))
  let passage = try #require(passages.first)
  #expect(passages.count == 1)
  #expect(passage.kind == .minorChanges)
  #expect(covers(passage.passage, in: query, from: split[0], to: split[3]))
}

@Test func unrelatedTextsGiveNoPassage() {
  #expect(align(unrelated, document(original)).isEmpty)
  #expect(align(document(original), unrelated).isEmpty)
  #expect(align("", document(original)).isEmpty)
  #expect(align("。。。\n\n", "，，").isEmpty)
}

@Test func alignmentIsDeterministicAndOffsetsPointAtRealTextOnBothSides() throws {
  let query = unrelated + "\n" + original[2] + original[0] + "另起一段说明。" + original[1] + "\n"
  let source = document(original)
  let first = align(query, source)
  let again = align(query, source)
  #expect(!first.isEmpty)
  #expect(first == again)
  let queryLength = TestText.length(query)
  let sourceLength = TestText.length(source)
  for aligned in first {
    let passage = aligned.passage
    #expect(0 <= passage.start && passage.start < passage.end && passage.end <= queryLength)
    #expect(
      0 <= passage.sourceStart && passage.sourceStart < passage.sourceEnd && passage.sourceEnd <= sourceLength
    )
    #expect(passage.chars == passage.end - passage.start)
    // Both ends are tokens (text, not punctuation or spaces) of their documents.
    let queryText = TestText.slice(query, passage.start, passage.end)
    let sourceText = TestText.slice(source, passage.sourceStart, passage.sourceEnd)
    #expect(NormalizedText(normalizing: String(queryText.prefix(1))).count == 1)
    #expect(NormalizedText(normalizing: String(queryText.suffix(1))).count == 1)
    #expect(NormalizedText(normalizing: String(sourceText.prefix(1))).count == 1)
    #expect(NormalizedText(normalizing: String(sourceText.suffix(1))).count == 1)
  }
}

@Test func templateSentencesDoNotSeedPassages() {
  // The same boilerplate on both sides, marked as template text: no passage.
  let boilerplate = "申报单位承诺所提交材料真实有效，并对材料内容负责。项目负责人须具有博士学位或高级职称。"
  let query = boilerplate + unrelated
  let source = boilerplate + "本市科技计划项目实行统一受理。"
  let queryText = NormalizedText(normalizing: query)
  let templateCount = NormalizedText(normalizing: boilerplate).count
  let mask = (0..<queryText.count).map { $0 < templateCount }
  let masked = ParaphraseAligner.align(
    query: SentenceDocument(text: query, normalized: queryText, excludedTokens: mask),
    source: SentenceDocument(text: source))
  #expect(masked.isEmpty)
  #expect(!align(query, source).isEmpty)
}

@Test func sentenceSimilarityOrdersRewritesAboveUnrelatedText() {
  let rewrite = ParaphraseAligner.similarity(original[0], "该课题面向工业视觉检验中缺陷样本较少的难题，探索小样本情况下的缺陷辨识方法。")
  let other = ParaphraseAligner.similarity(original[0], "滨江步道串联起多处历史街区，游客纷纷前来品尝美食。")
  #expect(ParaphraseAligner.similarity(original[0], original[0]) > 0.99)
  #expect(rewrite > 0.3)
  #expect(other < 0.1)
  #expect(rewrite > other)
}

@Test func sentencesEndAtChinesePunctuationAndLineBreaksButNotAtWrappedLatinLines() {
  let chinese = SentenceDocument(
    text: "第一句话到这里结束。第二句话在这里！\n标题行没有句号\n第三句话？",
    segmentation: SentenceSegmentation(minimumTokens: 2))
  #expect(chinese.sentences.count == 4)
  let latin = SentenceDocument(
    text:
      "This sentence is wrapped\nacross two lines here. The second sentence\nends here. Version 3.5 is fine.",
    segmentation: SentenceSegmentation(minimumTokens: 2))
  #expect(latin.sentences.count == 3)
}

@Test func combineReplacesAFuzzyPassageByTheExactHullAndKeepsTheRest() throws {
  let query = NormalizedText(normalizing: TestText.chinese(300, seed: 1))
  let fuzzy = AlignedPassage(
    passage: Passage(start: 10, end: 110, sourceStart: 20, sourceEnd: 120), kind: .rewritten, similarity: 0.5)
  let exact = [
    Passage(start: 15, end: 105, sourceStart: 25, sourceEnd: 115),
    Passage(start: 200, end: 260, sourceStart: 200, sourceEnd: 260),
  ]
  let combined = ParaphraseAligner.combine(exact: exact, fuzzy: [fuzzy], query: query, source: query)
  #expect(combined.map(\.passage) == exact)
  let sparse = ParaphraseAligner.combine(exact: [exact[1]], fuzzy: [fuzzy], query: query, source: query)
  #expect(sparse.map(\.passage) == [fuzzy.passage, exact[1]])
  #expect(sparse.first?.kind == .rewritten)
  #expect(sparse.last?.kind == .identical)
}

@Test func skeletonKeysSurviveContentWordSubstitution() {
  let first = NormalizedText(normalizing: original.joined())
  let swapped = NormalizedText(
    normalizing: "本课题针对工业视觉检验中瑕疵样品稀少的难题，探索小样本条件下的瑕疵辨识方法。"
      + "课题组将建立覆盖多类材质表面的瑕疵图像数据库，并研制轻型化的卷积神经网络模型。"
      + "借助知识蒸馏与数据扩充相结合的训练方案，提升模型在产线环境中的辨识精度和稳定性。"
      + "课题完成后将在三家协作企业的生产线上开展示范运用，形成可推广的检验解决方案。")
  let keys = Set(SkeletonShingler.keys(of: first, n: 4))
  let swappedKeys = Set(SkeletonShingler.keys(of: swapped, n: 4))
  let unrelatedKeys = Set(SkeletonShingler.keys(of: NormalizedText(normalizing: unrelated), n: 4))
  let exact = Set(Shingler.shingleHashes(of: first, k: 5, seed: 1))
  let swappedExact = Set(Shingler.shingleHashes(of: swapped, k: 5, seed: 1))
  let skeletonShare = Double(keys.intersection(swappedKeys).count) / Double(max(1, keys.count))
  let exactShare = Double(exact.intersection(swappedExact).count) / Double(max(1, exact.count))
  #expect(!keys.isEmpty)
  #expect(skeletonShare > exactShare)
  #expect(skeletonShare >= 0.5)
  #expect(keys.intersection(unrelatedKeys).isEmpty)
  #expect(SkeletonShingler.keys(of: first, n: 4) == SkeletonShingler.keys(of: first, n: 4))
}

@Test func aPassageIsNeverThreeTimesLongerOnOneSide() throws {
  // One copied sentence set among many sentences of the source that share its vocabulary: whatever
  // the seeds group, no passage's one side is over three times the other.
  let query = preface + original[0] + closing
  let source = preface + original.joined() + original.joined() + closing
  let passages = align(query, source)
  #expect(!passages.isEmpty, "the copied sentence is found")
  for aligned in passages {
    let queryLength = aligned.passage.end - aligned.passage.start
    let sourceLength = aligned.passage.sourceEnd - aligned.passage.sourceStart
    #expect(3 * min(queryLength, sourceLength) >= max(queryLength, sourceLength))
  }
}

@Test func aPassageNeedsSeedsInMostOfItsQuerySentences() throws {
  // Two copied sentences around a new one: the group spans three query sentences, two of them seeds.
  let filler = "南通市地处长江入海口北岸，历史悠久，文化底蕴深厚，城市面貌日新月异。"
  let query = unrelated + "\n" + original[0] + filler + original[2] + "\n"
  let source = document(original)
  func passages(_ share: Double) -> [AlignedPassage] {
    var parameters = ParaphraseAlignmentParameters.standard
    parameters.minimumSeededShare = share
    return ParaphraseAligner.align(
      query: SentenceDocument(text: query), source: SentenceDocument(text: source), parameters: parameters)
  }
  let kept = try #require(passages(0.5).first)
  #expect(covers(kept.passage, in: query, from: original[0], to: original[2]))
  #expect(
    passages(0.9).allSatisfy { !TestText.slice(query, $0.passage.start, $0.passage.end).contains(filler) })
}

@Test func combineDropsAnUnconfirmedExactPassageWithFewSharedRuns() {
  // An exact passage over text the two sides do not share (runs merged across unrelated text).
  let query = NormalizedText(normalizing: TestText.chinese(300, seed: 1))
  let source = NormalizedText(normalizing: TestText.chinese(300, seed: 2))
  let merged = Passage(start: 10, end: 110, sourceStart: 20, sourceEnd: 120)
  let copied = Passage(start: 200, end: 260, sourceStart: 200, sourceEnd: 260)
  var parameters = ParaphraseAlignmentParameters.standard
  parameters.minimumExactShare = 0.1
  let strict = ParaphraseAligner.combine(
    exact: [merged, copied], fuzzy: [], query: query, source: query, parameters: parameters)
  #expect(strict.map(\.passage) == [merged, copied], "on the same text both are shared runs")
  let unrelatedSides = ParaphraseAligner.combine(
    exact: [merged], fuzzy: [], query: query, source: source, parameters: parameters)
  #expect(unrelatedSides.isEmpty)
  parameters.minimumExactShare = 0
  #expect(
    ParaphraseAligner.combine(
      exact: [merged], fuzzy: [], query: query, source: source, parameters: parameters
    )
    .count == 1)
}

@Test func aVerbatimCopyEndingInsideASentenceReplacesTheFuzzyPassage() {
  // The fuzzy passage runs to the end of the sentence; the identical copy covers 60 % of it.
  let text = NormalizedText(normalizing: TestText.chinese(300, seed: 3))
  let fuzzy = AlignedPassage(
    passage: Passage(start: 0, end: 100, sourceStart: 0, sourceEnd: 100), kind: .rewritten, similarity: 0.5)
  let copy = Passage(start: 0, end: 60, sourceStart: 0, sourceEnd: 60)
  let combined = ParaphraseAligner.combine(exact: [copy], fuzzy: [fuzzy], query: text, source: text)
  #expect(combined.map(\.passage) == [copy])
  #expect(combined.first?.kind == .identical)
  // Runs that are not identical need the usual 70 %.
  let other = NormalizedText(normalizing: TestText.chinese(300, seed: 4))
  let changed = ParaphraseAligner.combine(exact: [copy], fuzzy: [fuzzy], query: text, source: other)
  #expect(changed.map(\.passage) == [fuzzy.passage])
}

@Test func twoFuzzyPassagesAroundOneExactPassageGiveOneHull() {
  let text = NormalizedText(normalizing: TestText.chinese(300, seed: 5))
  let copy = Passage(start: 20, end: 100, sourceStart: 20, sourceEnd: 100)
  let fuzzy = [
    AlignedPassage(
      passage: Passage(start: 10, end: 105, sourceStart: 10, sourceEnd: 105), kind: .rewritten,
      similarity: 0.5),
    AlignedPassage(
      passage: Passage(start: 15, end: 110, sourceStart: 12, sourceEnd: 108), kind: .rewritten,
      similarity: 0.5),
  ]
  let combined = ParaphraseAligner.combine(exact: [copy], fuzzy: fuzzy, query: text, source: text)
  #expect(combined.map(\.passage) == [copy])
}

@Test func aReorderedCopyKeepsTheFuzzyPassageBesideTheExactHull() throws {
  // Three list items, the first moved to the end: the exact run covers two of them, the fuzzy
  // passage (the same words on both sides) all three.
  let items = [
    "(八)损害国家机关信誉的；", "(九)其他违反宪法和法律、行政法规的。", "第六条 任何单位和个人不得从事下列危害计算机信息网络安全的活动：",
  ]
  let source = "第五条 本条例自发布之日起施行。\n" + items.joined(separator: "\n") + "\n第七条 其他事项另行规定。\n"
  let query = "婚姻登记机关办理婚姻登记。\n" + [items[1], items[2], items[0]].joined(separator: "\n") + "\n其余条款不变。\n"
  let queryText = NormalizedText(normalizing: query)
  let sourceText = NormalizedText(normalizing: source)
  let run = items[1] + "\n" + items[2]
  let start = try #require(TestText.offset(of: run, in: query))
  let sourceStart = try #require(TestText.offset(of: run, in: source))
  let exact = Passage(
    start: start, end: start + TestText.length(run), sourceStart: sourceStart,
    sourceEnd: sourceStart + TestText.length(run))
  let whole = Passage(
    start: start, end: start + TestText.length(run + "\n" + items[0]),
    sourceStart: try #require(TestText.offset(of: items[0], in: source)), sourceEnd: exact.sourceEnd)
  let reordered = AlignedPassage(passage: whole, kind: .rewritten, similarity: 1)
  let combined = ParaphraseAligner.combine(
    exact: [exact], fuzzy: [reordered], query: queryText, source: sourceText)
  #expect(combined.map(\.passage) == [whole])
  // A fuzzy passage running on into different sentences on the two sides (a copy that ends there)
  // gives the exact hull only.
  let closing = try #require(TestText.offset(of: "第七条", in: source))
  let runOn = AlignedPassage(
    passage: Passage(
      start: exact.start, end: TestText.length(query), sourceStart: exact.sourceStart,
      sourceEnd: closing + TestText.length("第七条 其他事项另行规定。")),
    kind: .rewritten, similarity: 1)
  let hull = ParaphraseAligner.combine(exact: [exact], fuzzy: [runOn], query: queryText, source: sourceText)
  #expect(hull.map(\.passage) == [exact])
  // Extra parts at opposite ends that are different sentences are no moved sentence either.
  var different = reordered
  different.passage.sourceStart = 0
  let other = ParaphraseAligner.combine(
    exact: [exact], fuzzy: [different], query: queryText, source: sourceText)
  #expect(other.map(\.passage) == [exact])
}

@Test func aShortPassageNeedsItsCosineWithRepeatedWordsCountedOnce() throws {
  // A regulation's sentence naming two places twice (香港特别行政区、澳门特别行政区 …
  // 香港特别行政区政府、澳门特别行政区政府) against another regulation's sentence naming them once
  // (Corpora/paraphrase: suspicious-071's own text, source-005, which it did not copy): counted as
  // often as they occur, the names give the sentence pair a cosine over `shortCosine`; counted once
  // per side, not.
  let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpora/paraphrase")
  let query = try String(
    contentsOf: corpus.appendingPathComponent("suspicious-documents/suspicious-071.txt"), encoding: .utf8)
  let source = try String(
    contentsOf: corpus.appendingPathComponent("source-documents/source-005.txt"), encoding: .utf8)
  let queryDocument = SentenceDocument(text: query)
  let sourceDocument = SentenceDocument(text: source)
  func sentence(_ document: SentenceDocument, _ text: String, _ words: String) throws -> Int {
    let offset = try #require(TestText.offset(of: words, in: text))
    return try #require(
      document.sentences.indices.first { document.characterEnd(ofSentence: $0) > offset })
  }
  let querySentence = try sentence(queryDocument, query, "香港特别行政区、澳门特别行政区的人口数")
  let sourceSentence = try sentence(sourceDocument, source, "中国内地的单位在香港特别行政区")
  var space = PairSpace(query: queryDocument, source: sourceDocument)
  let shortCosine = ParaphraseAlignmentParameters.standard.shortCosine
  let counted = space.rangeCosine(
    query: querySentence...querySentence, source: sourceSentence...sourceSentence)
  let once = space.rangeCosine(
    query: querySentence...querySentence, source: sourceSentence...sourceSentence, binary: true)
  #expect(counted >= shortCosine, "without the rule the pair is a passage")
  #expect(once < shortCosine)
  let start = queryDocument.characterStart(ofSentence: querySentence)
  let passages = ParaphraseAligner.align(query: queryDocument, source: sourceDocument, parameters: .standard)
  #expect(!passages.contains { $0.passage.start <= start && start < $0.passage.end })
  // A one-sentence rewrite without repeated words is still a passage.
  let rewritten =
    "第一条 为了规范人口统计工作，制定本办法。\n"
    + "第三十九条 香港特别行政区、澳门特别行政区的人口数，依照香港特别行政区政府、澳门特别行政区政府发布的资料计算。\n"
    + "第五十条 本办法由国务院统计部门负责解释。\n"
  let found = ParaphraseAligner.align(
    query: SentenceDocument(text: rewritten), source: queryDocument, parameters: .standard)
  #expect(found.count == 1)
  #expect(
    found.first.map { TestText.slice(rewritten, $0.passage.start, $0.passage.end).hasPrefix("第三十九条") } == true
  )
}

@Test func chinesePassagesAreNeverTwiceAsLongOnOneSide() throws {
  // Two regulations' 法律责任 chapters (Corpora/paraphrase: source-027, and suspicious-005, whose
  // copy of source-019 is such a chapter): penalty clauses are stock phrasing, and with sides
  // allowed 3× apart one sentence group pairs 1,154 characters of one with 435 of the other.
  let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpora/paraphrase")
  let query = SentenceDocument(
    text: try String(
      contentsOf: corpus.appendingPathComponent("source-documents/source-027.txt"), encoding: .utf8))
  let source = SentenceDocument(
    text: try String(
      contentsOf: corpus.appendingPathComponent("suspicious-documents/suspicious-005.txt"), encoding: .utf8))
  func lopsided(_ parameters: ParaphraseAlignmentParameters) -> [Passage] {
    ParaphraseAligner.align(query: query, source: source, parameters: parameters).map(\.passage).filter {
      2 * min($0.end - $0.start, $0.sourceEnd - $0.sourceStart)
        < max($0.end - $0.start, $0.sourceEnd - $0.sourceStart)
    }
  }
  #expect(ParaphraseAlignmentParameters.standard.maximumLengthRatio == 2)
  #expect(lopsided(.standard).isEmpty)
  var wider = ParaphraseAlignmentParameters.standard
  wider.maximumLengthRatio = 3
  #expect(lopsided(wider).contains { $0.end - $0.start > 1000 }, "the rule is what keeps the pair out")
}
