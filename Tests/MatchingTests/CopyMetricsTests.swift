import ChachongModel
import Fingerprints
import Testing

@testable import Matching

@Test func copyRatiosCountTheUnionOfPassagesPerSourceAndPerSection() throws {
  // 100 CJK characters; section A is 0..<40, section B is 40..<100.
  let text = TestText.chinese(100, seed: 60)
  let normalized = NormalizedText(normalizing: text)
  let sourceOne = SourcePassages(
    id: "S1", passages: [Passage(start: 0, end: 30, sourceStart: 5, sourceEnd: 35)])
  let sourceTwo = SourcePassages(
    id: "S2",
    passages: [
      Passage(start: 20, end: 50, sourceStart: 0, sourceEnd: 30),
      Passage(start: 90, end: 100, sourceStart: 40, sourceEnd: 50),
    ])
  let metrics = CopyMetricsCalculator.measure(
    application: normalized, sources: [sourceOne, sourceTwo],
    sections: [TextSection(title: "A", start: 0, end: 40), TextSection(title: "B", start: 40, end: 100)])
  #expect(metrics.characters == 100)
  #expect(metrics.templateCharacters == 0)
  #expect(metrics.copiedCharacters == 60)  // 0..<50 and 90..<100
  #expect(metrics.copyRatio == 0.6)
  #expect(metrics.sources.map(\.id) == ["S2", "S1"])
  #expect(metrics.sources.map(\.copiedCharacters) == [40, 30])
  #expect(metrics.largestSourceId == "S2")
  #expect(metrics.largestSourceRatio == 0.4)
  #expect(metrics.sections.map(\.copiedCharacters) == [40, 20])
  #expect(metrics.sections.map(\.ratio) == [1.0, 20.0 / 60.0])
}

@Test func templateCharactersLeaveTheDenominator() {
  let template = "一、项目实施的必要性和国内外现状"
  let body = TestText.chinese(50, seed: 61)
  let text = template + "\n" + body
  let normalized = NormalizedText(normalizing: text)
  let excluded = Set(Shingler.shingleHashes(of: NormalizedText(normalizing: template), k: 5, seed: 1))
  let passage = Passage(
    start: 0, end: TestText.length(text), sourceStart: 0, sourceEnd: TestText.length(text))
  let metrics = CopyMetricsCalculator.measure(
    application: normalized, sources: [SourcePassages(id: "S", passages: [passage])], k: 5, seed: 1,
    excluding: excluded)
  // 一 is punctuation-free CJK; the template's 15 characters ("一" plus 14) are all excluded.
  #expect(metrics.templateCharacters == 15)
  #expect(metrics.characters == 50)
  #expect(metrics.copiedCharacters == 50)
  #expect(metrics.copyRatio == 1.0)
}

@Test func latinWordsCountTheirCharactersAndWhitespaceCountsForNothing() {
  let text = "alpha beta, gamma"
  let normalized = NormalizedText(normalizing: text)
  let metrics = CopyMetricsCalculator.measure(
    application: normalized,
    sources: [SourcePassages(id: "S", passages: [Passage(start: 0, end: 10, sourceStart: 0, sourceEnd: 10)])])
  #expect(metrics.characters == 14)
  #expect(metrics.copiedCharacters == 9)
  #expect(metrics.sources.count == 1)
}

@Test func anApplicationWithoutPassagesHasZeroRatios() {
  let metrics = CopyMetricsCalculator.measure(
    application: NormalizedText(normalizing: TestText.chinese(30, seed: 62)), sources: [])
  #expect(metrics.copyRatio == 0)
  #expect(metrics.largestSourceRatio == 0)
  #expect(metrics.largestSourceId == nil)
  #expect(metrics.sources.isEmpty)
  let empty = CopyMetricsCalculator.measure(application: NormalizedText(normalizing: ""), sources: [])
  #expect(empty.characters == 0)
  #expect(empty.copyRatio == 0)
}

@Test func sectionLookupFindsTheEnclosingSection() {
  let sections = [
    TextSection(title: "", start: 0, end: 10), TextSection(title: "一、概述", start: 10, end: 50),
    TextSection(title: "二、内容", start: 50, end: 80),
  ]
  #expect(TextSection.title(at: 0, in: sections) == "")
  #expect(TextSection.title(at: 10, in: sections) == "一、概述")
  #expect(TextSection.title(at: 79, in: sections) == "二、内容")
  #expect(TextSection.title(at: 80, in: sections) == nil)
}
