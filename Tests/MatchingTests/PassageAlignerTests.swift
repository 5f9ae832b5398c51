import ChachongModel
import Fingerprints
import Testing

@testable import Matching

private let k = 5
private let seed: UInt64 = 42

private func align(
  _ query: String, _ source: String, excluding: Set<UInt64> = [], minimumCharacters: Int = 13,
  maximumGap: Int = 8
) -> [Passage] {
  PassageAligner.align(
    query: NormalizedText(normalizing: query), source: NormalizedText(normalizing: source), k: k,
    seed: seed, excluding: excluding, minimumCharacters: minimumCharacters, maximumGap: maximumGap)
}

@Test func verbatimCopyPointsAtTheOriginalWordsInBothTexts() throws {
  let copied = TestText.chinese(120, seed: 1)
  let query = "本项目的背景如下。" + TestText.chinese(80, seed: 2) + "，" + copied + "。" + TestText.chinese(60, seed: 3)
  let source = TestText.chinese(200, seed: 4) + "\n" + copied + "\n" + TestText.chinese(50, seed: 5)
  let passages = align(query, source)
  #expect(passages.count == 1)
  let passage = try #require(passages.first)
  let queryStart = try #require(TestText.offset(of: copied, in: query))
  let sourceStart = try #require(TestText.offset(of: copied, in: source))
  #expect(passage.start == queryStart)
  #expect(passage.end == queryStart + 120)
  #expect(passage.sourceStart == sourceStart)
  #expect(passage.sourceEnd == sourceStart + 120)
  #expect(passage.chars == 120)
  #expect(TestText.slice(query, passage.start, passage.end) == copied)
}

@Test func aChangedCharacterDoesNotSplitAPassage() throws {
  let copied = TestText.chinese(100, seed: 6)
  var scalars = Array(copied.unicodeScalars)
  scalars[50] = "的"
  let changed = String(String.UnicodeScalarView(scalars))
  let query = TestText.chinese(40, seed: 7) + "。" + changed + "。" + TestText.chinese(40, seed: 8)
  let source = TestText.chinese(30, seed: 9) + "。" + copied + "。" + TestText.chinese(30, seed: 10)
  let passages = align(query, source)
  #expect(passages.count == 1)
  let passage = try #require(passages.first)
  #expect(passage.start == 41)
  #expect(passage.end == 141)
  #expect(passage.sourceStart == 31)
  #expect(passage.sourceEnd == 131)
}

@Test func aShortInsertionOnEitherSideDoesNotSplitAPassage() throws {
  let first = TestText.chinese(60, seed: 11)
  let second = TestText.chinese(60, seed: 12)
  let query = TestText.chinese(20, seed: 13) + "。" + first + "（新增内容）" + second + "。"
  let source = TestText.chinese(25, seed: 14) + "。" + first + second + "。"
  let passages = align(query, source)
  #expect(passages.count == 1)
  let passage = try #require(passages.first)
  #expect(passage.start == 21)
  #expect(passage.end == 21 + 60 + 6 + 60)
  #expect(passage.sourceStart == 26)
  #expect(passage.sourceEnd == 26 + 120)

  // A deletion in the query (words of the source left out) is bridged too.
  let shortened = TestText.chinese(20, seed: 13) + "。" + first + TestText.slice(second, 4, 60) + "。"
  let bridged = align(shortened, source)
  #expect(bridged.count == 1)
  #expect(bridged.first?.sourceEnd == 26 + 120)
}

@Test func aLongInsertionSplitsThePassage() {
  let first = TestText.chinese(60, seed: 15)
  let second = TestText.chinese(60, seed: 16)
  let query = first + TestText.chinese(40, seed: 17) + second
  let source = first + second
  let passages = align(query, source)
  #expect(passages.count == 2)
  #expect(passages.map(\.start) == [0, 100])
  #expect(passages.map(\.sourceStart) == [0, 60])
}

@Test func reorderedParagraphsGiveOnePassageEachInQueryOrder() throws {
  let paragraphA = TestText.chinese(80, seed: 18)
  let paragraphB = TestText.chinese(90, seed: 19)
  let source = paragraphA + "\n" + TestText.chinese(30, seed: 20) + "\n" + paragraphB
  let query = paragraphB + "\n" + paragraphA
  let passages = align(query, source)
  #expect(passages.count == 2)
  let bInSource = try #require(TestText.offset(of: paragraphB, in: source))
  #expect(passages.first == Passage(start: 0, end: 90, sourceStart: bInSource, sourceEnd: bInSource + 90))
  #expect(passages.last == Passage(start: 91, end: 171, sourceStart: 0, sourceEnd: 80))
}

@Test func shortSharedPhrasesAreDropped() {
  let phrase = "国家自然科学基金"
  let query = TestText.chinese(50, seed: 21) + phrase + TestText.chinese(50, seed: 22)
  let source = TestText.chinese(50, seed: 23) + phrase + TestText.chinese(50, seed: 24)
  #expect(align(query, source).isEmpty)
  #expect(align(query, source, minimumCharacters: 8).count == 1)
}

@Test func excludedShinglesNeverSeed() {
  let template = "一、项目实施的必要性、意义和国内外现状及发展趋势，请围绕研究内容逐项说明"
  let query = template + TestText.chinese(100, seed: 25)
  let source = template + TestText.chinese(100, seed: 26)
  #expect(align(query, source).count == 1)
  let excluded = Set(Shingler.shingleHashes(of: NormalizedText(normalizing: template), k: k, seed: seed))
  #expect(align(query, source, excluding: excluded).isEmpty)
}

@Test func textRepeatedInTheSourceIsMatchedOnce() {
  let paragraph = TestText.chinese(70, seed: 27)
  let source = paragraph + "。" + TestText.chinese(40, seed: 28) + "。" + paragraph
  let query = TestText.chinese(10, seed: 29) + "。" + paragraph
  let passages = align(query, source)
  #expect(passages.count == 1)
  #expect(passages.first?.start == 11)
  #expect(passages.first?.chars == 70)
}

@Test func heavilyRepeatedTextStaysOneToOneAndFast() {
  // 4,000 characters of one four-character phrase on both sides: every shingle occurs
  // ~1,000 times in each text, the case that makes naive seeding quadratic.
  let repeated = String(repeating: "研究开发", count: 1000)
  let query = TestText.chinese(30, seed: 30) + repeated
  let source = repeated + TestText.chinese(30, seed: 31)
  let passages = align(query, source)
  #expect(!passages.isEmpty)
  for (left, right) in zip(passages, passages.dropFirst()) {
    #expect(left.end <= right.start)
  }
  #expect(passages.reduce(0) { $0 + $1.chars } >= 3900)
}

@Test func latinWordsAreTokensAndOffsetsCoverWholeWords() throws {
  let copied = "the quick brown fox jumps over the lazy dog near the river bank today"
  let query = "Intro words here. " + copied + " and then something else entirely different."
  let source = "Other opening text, " + copied + ". Closing remarks of the source."
  let passages = align(query, source, minimumCharacters: 20)
  #expect(passages.count == 1)
  let passage = try #require(passages.first)
  #expect(TestText.slice(query, passage.start, passage.end) == copied)
  #expect(TestText.slice(source, passage.sourceStart, passage.sourceEnd) == copied)
}

@Test func emptyOrUnrelatedTextsGiveNoPassages() {
  #expect(align("", TestText.chinese(50, seed: 32)).isEmpty)
  #expect(align(TestText.chinese(50, seed: 33), "").isEmpty)
  #expect(align(TestText.chinese(500, seed: 34), TestText.chinese(500, seed: 35)).isEmpty)
}

@Test func passagesNeverOverlapInTheQuery() {
  let shared = (0..<6).map { TestText.chinese(40 + $0 * 7, seed: 40 + UInt64($0)) }
  let query = shared.joined(separator: "。" + TestText.chinese(3, seed: 50) + "。")
  let source = shared.reversed().joined(separator: "\n") + shared[2]
  let passages = align(query, source)
  #expect(passages.count >= 5)
  for (left, right) in zip(passages, passages.dropFirst()) {
    #expect(left.end <= right.start)
  }
}

@Test func evidenceGivesSectionsAndBothTexts() throws {
  let copied = TestText.chinese(40, seed: 90)
  let query = "一、概述\n" + TestText.chinese(20, seed: 91) + "\n二、内容\n" + copied
  let source = "背景\n" + copied
  let passages = align(query, source)
  let querySections = [
    TextSection(title: "一、概述", start: 0, end: 26), TextSection(title: "二、内容", start: 26, end: 71),
  ]
  let evidence = PassageEvidence.describe(
    passages, text: query, sections: querySections, sourceText: source,
    sourceSections: [TextSection(title: "背景", start: 0, end: 43)])
  let item = try #require(evidence.first)
  #expect(evidence.count == 1)
  #expect(item.section == "二、内容")
  #expect(item.sourceSection == "背景")
  #expect(item.text == copied)
  #expect(item.sourceText == copied)
  #expect(item.chars == 40)
}

/// Two short coincidences around a template line (a form's labels between two equal values) are
/// bridged into one span, but the template is not copied text: without it the span is shorter
/// than the minimum, so it is no passage.
@Test func templateTokensDoNotCountTowardsTheMinimumLength() {
  let label = "（以下由申报单位如实填写项目基本信息）"
  let shared = "高新技术企业" + label + "博士后流动站"
  let query = TestText.chinese(40, seed: 70) + shared + TestText.chinese(40, seed: 71)
  let source = TestText.chinese(40, seed: 72) + shared + TestText.chinese(40, seed: 73)
  let template = Set(Shingler.shingleHashes(of: NormalizedText(normalizing: label), k: k, seed: seed))
  #expect(!align(query, source).isEmpty, "without the template the shared 30 characters are a passage")
  #expect(align(query, source, excluding: template).isEmpty)
  // The same bridge with enough copied text on either side stays a passage.
  let longer = "高新技术企业研发中心" + label + "博士后科研流动工作站"
  let query2 = TestText.chinese(40, seed: 70) + longer + TestText.chinese(40, seed: 71)
  let source2 = TestText.chinese(40, seed: 72) + longer + TestText.chinese(40, seed: 73)
  #expect(align(query2, source2, excluding: template).count == 1)
}
