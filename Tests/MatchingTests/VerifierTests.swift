import ChachongModel
import Fingerprints
import Testing

@testable import Matching

@Suite struct VerifierTests {
  let seed = FingerprintParameters.defaultSeed

  @Test func handComputedScores() {
    // Query shingles (k=3): 甲乙丙 乙丙丁 丙丁戊 丁戊己; match: 丙丁戊 丁戊己 戊己庚.
    let query = NormalizedText(normalizing: "甲乙，丙丁戊己")
    let match = NormalizedText(normalizing: "丙丁戊己庚")
    let scores = Verifier.scores(query: query, match: match, k: 3, seed: seed)
    #expect(scores.sharedShingles == 2)
    #expect(scores.queryShingles == 4)
    #expect(scores.matchShingles == 3)
    #expect(scores.jaccard == 2.0 / 5.0)
    #expect(scores.queryContainment == 0.5)
    #expect(scores.matchContainment == 2.0 / 3.0)
    #expect(scores.sharedCharacters == 4)  // 丙丁戊己, offsets 3..<7
  }

  @Test func excludedShinglesDoNotCount() {
    let query = NormalizedText(normalizing: "甲乙，丙丁戊己")
    let match = NormalizedText(normalizing: "丙丁戊己庚")
    let template = Set(Shingler.shingleHashes(of: NormalizedText(normalizing: "丙丁戊"), k: 3, seed: seed))
    let scores = Verifier.scores(query: query, match: match, k: 3, seed: seed, excluding: template)
    #expect(scores.sharedShingles == 1)
    #expect(scores.queryShingles == 3)
    #expect(scores.matchShingles == 2)
    #expect(scores.jaccard == 0.25)
    #expect(scores.sharedCharacters == 3)  // 丁戊己
  }

  @Test func duplicatesCountOnceAndPunctuationInsideASpanIsCovered() {
    let query = NormalizedText(normalizing: "甲乙丙甲乙丙")
    let match = NormalizedText(normalizing: "甲乙丙")
    let scores = Verifier.scores(query: query, match: match, k: 3, seed: seed)
    #expect(scores.queryShingles == 3)  // 甲乙丙 乙丙甲 丙甲乙
    #expect(scores.sharedShingles == 1)
    #expect(scores.sharedCharacters == 6)
    let spaced = Verifier.scores(
      query: NormalizedText(normalizing: "甲，乙。丙"), match: match, k: 3, seed: seed)
    #expect(spaced.jaccard == 1)
    #expect(spaced.sharedCharacters == 5)
  }

  @Test func emptyTextsScoreZero() {
    let empty = NormalizedText(normalizing: "")
    let scores = Verifier.scores(query: empty, match: empty, k: 5, seed: seed)
    #expect(
      scores
        == SimilarityScores(
          jaccard: 0, queryContainment: 0, matchContainment: 0, sharedShingles: 0, queryShingles: 0,
          matchShingles: 0, sharedCharacters: 0))
  }

  @Test func agreesWithPlainSetsOnLongTexts() {
    let alphabet = Array("甲乙丙丁戊己庚辛壬癸子丑")
    var state: UInt64 = 7
    func text(_ length: Int) -> String {
      String(
        (0..<length).map { _ in
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          return alphabet[Int(state >> 33) % alphabet.count]
        })
    }
    let query = NormalizedText(normalizing: text(3000))
    let match = NormalizedText(normalizing: text(2000))
    let queryHashes = Shingler.shingleHashes(of: query, k: 4, seed: seed)
    let matchHashes = Shingler.shingleHashes(of: match, k: 4, seed: seed)
    let excluded = Set(queryHashes.prefix(50))
    let querySet = Set(queryHashes).subtracting(excluded)
    let matchSet = Set(matchHashes).subtracting(excluded)
    let shared = querySet.intersection(matchSet)
    let scores = Verifier.scores(query: query, match: match, k: 4, seed: seed, excluding: excluded)
    #expect(scores.queryShingles == querySet.count)
    #expect(scores.matchShingles == matchSet.count)
    #expect(scores.sharedShingles == shared.count)
    #expect(scores.jaccard == Double(shared.count) / Double(querySet.union(matchSet).count))
    var covered = Set<Int32>()
    for (index, hash) in queryHashes.enumerated() where shared.contains(hash) {
      for offset in query.starts[index]..<query.ends[index + 3] { covered.insert(offset) }
    }
    #expect(scores.sharedCharacters == covered.count)
    let prepared = Verifier.PreparedQuery(text: query, hashes: queryHashes, k: 4, excluding: excluded)
    #expect(Verifier.scores(prepared, matchHashes: matchHashes) == scores)
    #expect(
      Verifier.scores(
        Verifier.PreparedQuery(text: query, hashes: queryHashes, k: 4), matchHashes: matchHashes)
        == Verifier.scores(query: query, match: match, k: 4, seed: seed))
  }
}
