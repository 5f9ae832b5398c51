import Fingerprints
import Testing

@testable import ArchiveStore
@testable import IndexStore

@Test func winnowingSelectsWindowMinimaOnce() {
  #expect(Winnower.fingerprints(of: [], window: 4).isEmpty)
  #expect(Winnower.fingerprints(of: [9, 3, 7], window: 4) == [3])
  // Windows of 3: [5,1,4] [1,4,6] [4,6,2] [6,2,8] [2,8,3] → minima 1, 1, 2, 2, 2.
  #expect(Winnower.fingerprints(of: [5, 1, 4, 6, 2, 8, 3], window: 3) == [1, 2])
}

@Test func sharedRunOfAWindowSharesAFingerprint() {
  var state: UInt64 = 1
  func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state
  }
  let shared = (0..<48).map { _ in next() }
  let left = (0..<500).map { _ in next() } + shared + (0..<300).map { _ in next() }
  let right = (0..<200).map { _ in next() } + shared + (0..<700).map { _ in next() }
  let common = Set(Winnower.fingerprints(of: left, window: 48)).intersection(
    Winnower.fingerprints(of: right, window: 48))
  #expect(!common.isEmpty)
}

@Test func knownLSHParametersEqualTheOptimiser() {
  for (threshold, known) in KnownLSHParameters.table {
    #expect(known == LSHParameters.optimal(threshold: threshold, signatureSize: 128))
  }
}
