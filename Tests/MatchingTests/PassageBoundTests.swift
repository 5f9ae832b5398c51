import ChachongModel
import Fingerprints
import Testing

@testable import Matching

/// `PassageBound` must never be below what `PassageAligner` finds: a check leaves out, unaligned,
/// the pairs it says cannot be reported.
@Suite struct PassageBoundTests {
  let k = 5
  let seed: UInt64 = 42

  struct Pair {
    var bound: PassageBound
    var passages: [Passage]
    /// The same pair aligned from the verification's shared shingles.
    var seededFromVerification: [Passage]
  }

  func measure(
    _ query: String, _ source: String, excluding: Set<UInt64> = [], minimumCharacters: Int,
    maximumGap: Int = 8
  ) -> Pair {
    let queryText = NormalizedText(normalizing: query)
    let sourceText = NormalizedText(normalizing: source)
    let queryHashes = Shingler.shingleHashes(of: queryText, k: k, seed: seed)
    let sourceHashes = Shingler.shingleHashes(of: sourceText, k: k, seed: seed)
    let prepared = Verifier.PreparedQuery(text: queryText, hashes: queryHashes, k: k, excluding: excluding)
    let parameters = PassageAlignmentParameters(minimumCharacters: minimumCharacters, maximumGap: maximumGap)
    let verification = Verifier.verify(prepared, matchHashes: sourceHashes)
    let passages = PassageAligner.align(
      query: queryText, queryShingles: queryHashes, source: sourceText, sourceShingles: sourceHashes, k: k,
      excluding: excluding, parameters: parameters)
    return Pair(
      bound: verification.passageBound(query: prepared, match: sourceText, parameters: parameters),
      passages: passages,
      seededFromVerification: PassageAligner.align(
        prepared, verification: verification, source: sourceText, sourceShingles: sourceHashes,
        parameters: parameters))
  }

  @Test func verifyGivesTheScoresOfTheSetVerifier() {
    let query = "甲乙，丙丁戊己" + TestText.chinese(300, seed: 3)
    let match = "丙丁戊己庚" + TestText.chinese(200, seed: 3)
    let queryText = NormalizedText(normalizing: query)
    let queryHashes = Shingler.shingleHashes(of: queryText, k: k, seed: seed)
    let matchHashes = Shingler.shingleHashes(of: NormalizedText(normalizing: match), k: k, seed: seed)
    let excluded = Set(queryHashes.prefix(20))
    let prepared = Verifier.PreparedQuery(text: queryText, hashes: queryHashes, k: k, excluding: excluded)
    let verification = Verifier.verify(prepared, matchHashes: matchHashes)
    let counted = Verifier.verify(
      prepared, matchHashes: matchHashes,
      matchDistinct: Verifier.distinctCount(of: matchHashes, excluding: excluded))
    #expect(counted.scores == verification.scores)
    #expect(
      verification.scores
        == Verifier.scores(
          query: queryText, queryHashes: queryHashes, matchHashes: matchHashes, k: k, excluding: excluded))
  }

  @Test func aVerbatimCopyIsBoundedByItsOwnLength() throws {
    let copied = TestText.chinese(240, seed: 1)
    let query = TestText.chinese(300, seed: 2) + "。" + copied + "。" + TestText.chinese(300, seed: 3)
    let source = TestText.chinese(100, seed: 4) + "。" + copied + "。" + TestText.chinese(100, seed: 5)
    let pair = measure(query, source, minimumCharacters: 200)
    let passage = try #require(pair.passages.first)
    #expect(pair.passages.count == 1)
    #expect(pair.bound.queryCharacters == passage.chars)
    #expect(pair.bound.passages == 1)
    #expect(pair.bound.longestSourceSpan == passage.sourceChars)
  }

  @Test func sharedSentencesShorterThanThePassageMinimumBoundNothing() {
    // Two texts that share four sentences of 60 characters far apart: alignment with 200-character
    // passages finds nothing, and the bound says so without aligning.
    let sentences = (0..<4).map { TestText.chinese(60, seed: 100 + UInt64($0)) }
    var query = ""
    var source = ""
    for (index, sentence) in sentences.enumerated() {
      query += TestText.chinese(80, seed: 200 + UInt64(index)) + "。" + sentence + "。"
      source += TestText.chinese(50, seed: 300 + UInt64(index)) + "。" + sentence + "。"
    }
    let pair = measure(query, source, minimumCharacters: 200)
    #expect(pair.passages.isEmpty)
    #expect(pair.bound.isEmpty)
    #expect(pair.bound.queryCharacters == 0)
    // With 13-character passages the same pair has four, and the bound allows them.
    let short = measure(query, source, minimumCharacters: 13)
    #expect(short.passages.count == 4)
    #expect(short.bound.queryCharacters >= short.passages.reduce(0) { $0 + $1.chars })
  }

  @Test func aSourceParagraphCopiedTwiceIsCountedTwiceOnTheSourceSide() {
    let copied = TestText.chinese(220, seed: 9)
    let query = copied + "。" + TestText.chinese(40, seed: 10) + "。" + copied
    let source = TestText.chinese(30, seed: 11) + "。" + copied
    let pair = measure(query, source, minimumCharacters: 200)
    #expect(pair.passages.count == 2)
    let sourceCharacters = pair.passages.reduce(0) { $0 + $1.sourceChars }
    #expect(sourceCharacters == 440)
    #expect(pair.bound.sourceCharacters >= sourceCharacters)
  }

  /// Random pairs drawn from one small bank of sentences (shared, repeated, reordered, edited,
  /// with template sentences excluded): the bound is never below the aligner's passages.
  @Test func neverBelowTheAlignerOnRandomPairs() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ range: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(max(1, range)))
    }
    let bank = (0..<24).map { TestText.chinese(6 + ($0 * 7) % 70, seed: 1000 + UInt64($0)) }
    let template = bank[0] + bank[1]
    let excluded = Set(Shingler.shingleHashes(of: NormalizedText(normalizing: template), k: k, seed: seed))
    func document() -> String {
      var text = ""
      for _ in 0..<(10 + next(40)) {
        var sentence = bank[next(bank.count)]
        if next(4) == 0 {
          var scalars = Array(sentence.unicodeScalars)
          scalars[next(scalars.count)] = "的"
          sentence = String(String.UnicodeScalarView(scalars))
        }
        if next(5) == 0 { sentence += TestText.chinese(1 + next(12), seed: UInt64(next(1000))) }
        text += sentence + (next(3) == 0 ? "，" : "。")
      }
      return text
    }
    var compared = 0
    var aligned = 0
    for round in 0..<300 {
      let query = document()
      let source = round % 3 == 0 ? query + document() : document()
      let minimum = [13, 40, 120, 200][round % 4]
      let gap = [0, 3, 8][round % 3]
      let pair = measure(
        query, source, excluding: round % 2 == 0 ? excluded : [], minimumCharacters: minimum, maximumGap: gap)
      let queryCharacters = pair.passages.reduce(0) { $0 + $1.chars }
      let sourceCharacters = pair.passages.reduce(0) { $0 + $1.sourceChars }
      #expect(queryCharacters <= pair.bound.queryCharacters)
      #expect(pair.passages.count <= pair.bound.passages)
      #expect(sourceCharacters <= pair.bound.sourceCharacters)
      #expect(pair.passages.allSatisfy { $0.sourceChars <= pair.bound.longestSourceSpan })
      if pair.bound.isEmpty { #expect(pair.passages.isEmpty) }
      #expect(pair.seededFromVerification == pair.passages)
      compared += 1
      if !pair.passages.isEmpty { aligned += 1 }
    }
    #expect(compared == 300)
    #expect(aligned > 50)  // the rounds exercise real passages, not only empty ones
  }

  @Test func repeatedLinesSeedTheSameRunsFromTheVerification() {
    // A line repeated more often than the seeder's occurrence limit (24) takes its nearest-
    // occurrences path, from the verification's buckets as from the sorted shingles.
    let line = TestText.chinese(30, seed: 9) + "。"
    let query =
      TestText.chinese(200, seed: 10) + String(repeating: line, count: 40) + TestText.chinese(200, seed: 11)
    let source =
      String(repeating: line, count: 30) + TestText.chinese(300, seed: 12) + "。"
      + TestText.chinese(200, seed: 11) + String(repeating: line, count: 10)
    let lineShingles = Set(
      Shingler.shingleHashes(
        of: NormalizedText(normalizing: TestText.chinese(200, seed: 11)), k: k, seed: seed
      )
      .prefix(30))
    for (minimum, gap, excluding) in [(13, 0, Set<UInt64>()), (13, 8, lineShingles), (40, 3, [])] {
      let pair = measure(query, source, excluding: excluding, minimumCharacters: minimum, maximumGap: gap)
      #expect(!pair.passages.isEmpty)
      #expect(pair.seededFromVerification == pair.passages)
    }
  }

  @Test func mergedChainsAreNotBounded() {
    let pair = measure("甲乙丙丁戊己庚辛", "甲乙丙丁戊己庚辛", minimumCharacters: 1)
    #expect(pair.bound.passages >= 1)
    let prepared = Verifier.PreparedQuery(
      text: NormalizedText(normalizing: "甲乙丙丁戊"), hashes: [], k: k)
    let verification = Verifier.verify(prepared, matchHashes: [])
    #expect(
      verification.passageBound(
        query: prepared, match: NormalizedText(normalizing: ""), parameters: .panTuned) == .unbounded)
  }
}
