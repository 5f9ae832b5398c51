import ChachongModel
import Fingerprints
import Testing

@testable import Matching

@Suite struct BatchOverlapTests {
  let seed = FingerprintParameters.defaultSeed
  let k = 5

  /// Documents built from a few shared phrases (some repeated inside one document) and own text.
  func documents(count: Int, round: UInt64) -> [NormalizedText] {
    let phrases = (0..<6).map { TestText.chinese(40, seed: 1_000 + round * 10 + UInt64($0)) }
    var state = round &+ 17
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { index in
      var text = ""
      for part in 0..<(3 + next(5)) {
        text +=
          next(2) == 0
          ? phrases[next(phrases.count)] : TestText.chinese(30, seed: round * 97 + UInt64(index * 13 + part))
        text += "。"
      }
      return NormalizedText(normalizing: text)
    }
  }

  @Test(arguments: 0..<20)
  func sharedCountsAreTheVerificationsOwn(round: Int) {
    let texts = documents(count: 9, round: UInt64(round))
    let hashes = texts.map { Shingler.shingleHashes(of: $0, k: k, seed: seed) }
    // Exclude some of one phrase's shingles in odd rounds (template text).
    let excluded: Set<UInt64> = round % 2 == 1 ? Set(hashes[0].prefix(10)) : []
    let exclusion = Verifier.ExclusionTable(excluded)
    let overlap = BatchOverlap(documents: hashes, exclusion: exclusion)
    var sharing = 0
    for query in 0..<texts.count {
      let shared = overlap.sharedWithLater(query)
      let prepared = Verifier.PreparedQuery(
        text: texts[query], hashes: hashes[query], k: k, exclusion: exclusion)
      for match in 0..<texts.count {
        guard match > query else {
          #expect(shared[match] == 0)
          continue
        }
        let verified = Verifier.verify(prepared, matchHashes: hashes[match]).scores
        #expect(Int(shared[match]) == verified.sharedShingles, "round \(round): \(query) with \(match)")
        if verified.sharedShingles > 0 { sharing += 1 }
        let upper = overlap.upperScores(of: query, and: match, shared: Int(shared[match]))
        #expect(upper.queryShingles == verified.queryShingles)
        #expect(upper.matchShingles == verified.matchShingles)
        #expect(upper.jaccard == verified.jaccard)
        #expect(upper.queryContainment == verified.queryContainment)
        #expect(upper.matchContainment == verified.matchContainment)
        #expect(upper.sharedCharacters >= verified.sharedCharacters)
      }
    }
    // The phrases make pairs that share shingles (else the counts above would all be 0 == 0).
    #expect(sharing >= 5)
  }

  @Test func aShingleInEveryDocumentCountsForEveryPairOnce() {
    let common = "甲乙丙丁戊己庚辛"
    let texts = (0..<4).map {
      NormalizedText(normalizing: common + TestText.chinese(20, seed: UInt64($0)) + common)
    }
    let hashes = texts.map { Shingler.shingleHashes(of: $0, k: k, seed: seed) }
    let overlap = BatchOverlap(documents: hashes, exclusion: Verifier.ExclusionTable([]))
    // 甲乙丙丁戊己庚辛 has 4 distinct 5-shingles; each document holds it twice.
    #expect(overlap.sharedWithLater(0) == [0, 4, 4, 4])
    #expect(overlap.sharedWithLater(2) == [0, 0, 0, 4])
    #expect(overlap.sharedWithLater(3) == [0, 0, 0, 0])
    let all = Verifier.ExclusionTable(Set(hashes.flatMap { $0 }))
    #expect(BatchOverlap(documents: hashes, exclusion: all).distinctCounts == [0, 0, 0, 0])
  }

  /// A cap on the group size leaves out shingles of many documents from the shared counts, and
  /// only those: the distinct counts stay whole.
  @Test func groupsOverTheCapAreLeftOut() {
    // Keys 1 (all four documents), 2 (documents 0 and 1), 3 (documents 1, 2, 3), 4 (document 3).
    let keys: [[UInt64]] = [[1, 2], [1, 2, 3], [1, 3], [1, 3, 4]]
    let none = Verifier.ExclusionTable([])
    let whole = BatchOverlap(documents: keys, exclusion: none)
    #expect(whole.sharedWithLater(0) == [0, 2, 1, 1])
    #expect(whole.sharedWithLater(1) == [0, 0, 2, 2])
    let capped = BatchOverlap(documents: keys, exclusion: none, maximumGroupSize: 3)
    #expect(capped.sharedWithLater(0) == [0, 1, 0, 0])
    #expect(capped.sharedWithLater(1) == [0, 0, 1, 1])
    #expect(capped.sharedWithLater(2) == [0, 0, 0, 1])
    #expect(capped.distinctCounts == [2, 3, 2, 3])
    let pairsOnly = BatchOverlap(documents: keys, exclusion: none, maximumGroupSize: 2)
    #expect(pairsOnly.sharedWithLater(0) == [0, 1, 0, 0])
    #expect(pairsOnly.sharedWithLater(1) == [0, 0, 0, 0])
  }
}
