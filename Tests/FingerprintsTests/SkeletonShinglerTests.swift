import Testing

@testable import Fingerprints

/// The skeleton's fast paths (a bitmap for the Chinese function characters, keys sorted without a
/// set) must give exactly what its definition says: positions whose token is in `functionTokens`,
/// and the distinct keys of `keySequence` in ascending order.
@Suite struct SkeletonShinglerTests {
  /// Chinese with function characters, English and Indonesian words (run tokens), digits, a
  /// supplementary-plane character (𠀀, above the bitmap) and full-width letters.
  let mixed =
    "本项目的研究内容在于对新材料的性能进行测试，并且应当按照规定执行。The results of the test are in the table,"
    + " dan hasil yang diperoleh untuk penelitian ini adalah baik. 2023年𠀀由于经费有限，不得超过１００万元。ＴＨＥ ｐｒｏｊｅｃｔ"

  @Test func skeletonPositionsAreTheTokensInTheFunctionSet() {
    for text in [mixed, String(repeating: mixed, count: 7), "", "𠀀𠀁的"] {
      let normalized = NormalizedText(normalizing: text)
      let expected = normalized.tokens.indices.filter {
        SkeletonShingler.functionTokens.contains(normalized.tokens[$0])
      }
      #expect(SkeletonShingler.skeleton(of: normalized) == expected)
    }
    // The text exercises both paths: Chinese function characters and Latin function words.
    let tokens = NormalizedText(normalizing: mixed).tokens
    let positions = SkeletonShingler.skeleton(of: NormalizedText(normalizing: mixed))
    #expect(positions.contains { tokens[$0] < 0x10000 })
    #expect(positions.contains { tokens[$0] >= 0x10000 })
  }

  @Test func keysAreTheDistinctKeySequenceInAscendingOrder() {
    for n in [1, 3, 6] {
      let normalized = NormalizedText(normalizing: String(repeating: mixed, count: 3))
      let sequence = SkeletonShingler.keySequence(of: normalized, n: n)
      let keys = SkeletonShingler.keys(of: normalized, n: n)
      #expect(keys == Array(Set(sequence)).sorted())
      #expect(keys.count < sequence.count)  // the repeats are there to be dropped
    }
  }
}
