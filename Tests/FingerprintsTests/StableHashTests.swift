import Testing

@testable import Fingerprints

@Suite struct StableHashTests {
  @Test func mixIsTheSplitMix64Finaliser() {
    // First output of SplitMix64 seeded with 0 (reference implementation by Vigna).
    #expect(StableHash.mix64(0x9E37_79B9_7F4A_7C15) == 0xE220_A839_7B1D_CDAF)
    #expect(StableHash.mix64(0) == 0)
  }

  @Test func hash64GoldenValues() {
    #expect(StableHash.hash64([], seed: 0) == GoldenValues.emptyBytes)
    #expect(StableHash.hash64(Array("chachong".utf8), seed: 0) == GoldenValues.chachong)
    #expect(StableHash.hash64(Array("查重 2023".utf8), seed: 42) == GoldenValues.chinese)
  }

  @Test func hash64DependsOnLengthSeedAndEveryByte() {
    #expect(StableHash.hash64([0], seed: 1) != StableHash.hash64([0, 0], seed: 1))
    #expect(StableHash.hash64([1, 2, 3], seed: 1) != StableHash.hash64([1, 2, 3], seed: 2))
    let base = Array("abcdefghijklmnopq".utf8)
    for index in base.indices {
      var changed = base
      changed[index] ^= 1
      #expect(StableHash.hash64(changed, seed: 7) != StableHash.hash64(base, seed: 7))
    }
  }

  @Test func shingleAndTokenGoldenValues() {
    let text = NormalizedText(normalizing: "申报单位 ABC 研发")
    #expect(text.tokens[4] == GoldenValues.abcToken)
    let hashes = Shingler.shingleHashes(of: text, k: 5, seed: FingerprintParameters.defaultSeed)
    #expect(hashes == GoldenValues.shingles)
  }
}

/// Pinned outputs: a change here means every stored index is invalid.
enum GoldenValues {
  static let emptyBytes: UInt64 = 0
  static let chachong: UInt64 = 4_275_171_933_560_972_061
  static let chinese: UInt64 = 13_290_354_677_606_193_905
  static let abcToken: UInt64 = 17_224_529_511_154_341_338
  static let signaturePrefix: [UInt32] = [1_943_701_610, 3_996_966_655, 3_259_149_959, 1_368_295_558]
  static let longSignaturePrefix: [UInt32] = [3_451_378_975, 264_636_785, 2_763_671_505, 3_947_284_657]
  static let shingles: [UInt64] = [
    14_866_024_601_098_316_505, 14_107_142_282_953_684_668, 5_869_853_715_414_003_640,
  ]
}
