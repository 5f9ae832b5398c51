import Testing

@testable import Matching

/// The pruned predecessor scan gives exactly the chains of the full scan, with and without
/// excluded query tokens, on dense random runs (short repeats on many diagonals, some long runs).
@Test(arguments: [(8, false), (8, true), (20, false), (20, true), (0, true)])
func prunedChainingEqualsTheFullScan(maximumGap: Int, withExclusions: Bool) {
  var seed: UInt64 = 0x5EED_0000 &+ UInt64(maximumGap) &* 31 &+ (withExclusions ? 7 : 0)
  func next(_ bound: Int) -> Int {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((seed >> 33) % UInt64(bound))
  }
  let tokens = 4000
  for _ in 0..<3 {
    var runs: [MatchedRun] = []
    for _ in 0..<900 {
      let start = next(tokens - 40)
      let length = next(10) == 0 ? 16 + next(24) : 1 + next(12)
      let shift = next(4) == 0 ? next(200) - 100 : 0
      let sourceStart = max(0, start + shift + next(3))
      runs.append(
        MatchedRun(
          queryStart: start, queryEnd: start + length, sourceStart: sourceStart,
          sourceEnd: sourceStart + length))
    }
    var limits = ChainLimits()
    if withExclusions {
      var excluded = [Bool](repeating: false, count: tokens)
      var position = 0
      while position < tokens {
        let stretch = 1 + next(30)
        if next(3) == 0 {
          for token in position..<min(tokens, position + stretch) { excluded[token] = true }
        }
        position += stretch
      }
      let tokensExcluded = ExcludedTokens(excludedShingles: excluded, tokenCount: tokens, k: 1)
      limits.queryExcluded = tokensExcluded
      limits.sourceExcluded = tokensExcluded
    }
    var pruned = RunChainer(maximumGap: maximumGap, limits: limits)
    var full = pruned
    pruned.pruneScan = true
    full.pruneScan = false
    let accept: (RunChainer.Chain) -> Bool = { $0.covered >= 20 }
    let expected = full.chains(of: runs, accept: accept)
    #expect(!expected.isEmpty)
    #expect(pruned.chains(of: runs, accept: accept) == expected)
  }
}

@Test func earliestEndCountsOnlyTokensThatAreNotExcluded() {
  // Tokens 10..<20 excluded: from 25, five counted tokens reach back across the excluded stretch
  // to 10 (excluded tokens are free), eight to 7.
  let mask = (0..<40).map { (10..<20).contains($0) }
  let excluded = ExcludedTokens(excludedShingles: mask, tokenCount: 40, k: 1)
  #expect(excluded.earliestEnd(within: 5, before: 25) == 10)
  #expect(excluded.earliestEnd(within: 4, before: 25) == 21)
  #expect(excluded.earliestEnd(within: 8, before: 25) == 7)
  #expect(excluded.earliestEnd(within: 0, before: 25) == 25)
  #expect(excluded.earliestEnd(within: 100, before: 25) == 0)
}
