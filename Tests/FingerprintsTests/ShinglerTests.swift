import Testing

@testable import Fingerprints

@Suite struct ShinglerTests {
  let seed = FingerprintParameters.defaultSeed

  @Test func countsFollowTheContract() {
    #expect(Shingler.shingleHashes(of: NormalizedText(normalizing: ""), k: 5, seed: seed).isEmpty)
    #expect(Shingler.shingleHashes(of: NormalizedText(normalizing: "甲乙丙"), k: 5, seed: seed).count == 1)
    #expect(Shingler.shingleHashes(of: NormalizedText(normalizing: "甲乙丙丁戊"), k: 5, seed: seed).count == 1)
    #expect(
      Shingler.shingleHashes(of: NormalizedText(normalizing: "甲乙丙丁戊己庚辛壬癸"), k: 5, seed: seed).count == 6)
  }

  @Test func rollingHashEqualsTheHashOfTheWindowAlone() {
    let long = Shingler.shingleHashes(of: NormalizedText(normalizing: "甲乙丙丁戊己庚"), k: 5, seed: seed)
    let window = Shingler.shingleHashes(of: NormalizedText(normalizing: "丙丁戊己庚"), k: 5, seed: seed)
    #expect(long[2] == window[0])
    #expect(Set(long).count == 3)
  }

  @Test func shortTextIsOneShingleOfItsOwnLength() {
    let short = Shingler.shingleHashes(of: NormalizedText(normalizing: "甲乙丙"), k: 5, seed: seed)
    let threeGram = Shingler.shingleHashes(of: NormalizedText(normalizing: "甲乙丙丁"), k: 3, seed: seed)
    let fiveGrams = Shingler.shingleHashes(of: NormalizedText(normalizing: "甲乙丙甲乙丙"), k: 5, seed: seed)
    #expect(short == [threeGram[0]])  // the window length, not k, is mixed in
    #expect(!fiveGrams.contains(short[0]))
  }

  @Test func seedChangesEveryHash() {
    let text = NormalizedText(normalizing: "甲乙丙丁戊己庚")
    let a = Shingler.shingleHashes(of: text, k: 5, seed: 1)
    let b = Shingler.shingleHashes(of: text, k: 5, seed: 2)
    #expect(zip(a, b).allSatisfy { $0 != $1 })
  }
}
