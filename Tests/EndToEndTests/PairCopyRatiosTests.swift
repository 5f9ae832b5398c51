import ChachongModel
import Fingerprints
import Matching
import Testing

@testable import ChachongCore

/// Issue 10: the copy-ratio stage counts one pair's copied characters from prefix sums
/// (`PairCopyRatios.copied`) instead of a pass of `CopyMetricsCalculator` over the whole text per
/// pair; the numbers must be the same.
@Suite struct PairCopyRatiosTests {
  /// A text of CJK characters, Latin words, digits and punctuation (tokens of several widths).
  static func text(seed: UInt64, length: Int) -> String {
    var generator = SplitMix(state: seed)
    let pieces = ["南", "通", "科", "技", "研", "发", "，", "。", "AI", "GPU", "2023", " ", "量子", "（一）", "\n"]
    var result = ""
    for _ in 0..<length { result += pieces[Int(generator.next() % UInt64(pieces.count))] }
    return result
  }

  @Test func prefixSumCountsEqualTheCalculator() {
    for seed in UInt64(1)...60 {
      var generator = SplitMix(state: seed &* 7919)
      let original = Self.text(seed: seed, length: 300 + Int(generator.next() % 400))
      let normalized = NormalizedText(normalizing: original)
      let scalars = original.unicodeScalars.count
      // Some documents with template tokens, some without; one with a mask of the wrong length.
      var excluded = (0..<normalized.count).map { _ in seed % 3 == 0 && generator.next() % 5 == 0 }
      if seed == 7 { excluded = [true] }
      let side = PairCopyRatios.Side(
        normalized: normalized, shingles: [], sections: [], excluded: excluded, skeleton: [])
      // Passages at arbitrary offsets (not on token boundaries), overlapping, unsorted, empty.
      var passages: [Passage] = []
      for _ in 0..<Int(generator.next() % 12) {
        let start = Int(generator.next() % UInt64(scalars + 1))
        let end = min(scalars + 2, start + Int(generator.next() % 120))
        passages.append(Passage(start: start, end: end, sourceStart: 0, sourceEnd: 0))
      }
      let fast = PairCopyRatios.copied(side, passages)
      let reference = CopyMetricsCalculator.measure(
        application: normalized, sources: [SourcePassages(id: "s", passages: passages)],
        excludedTokens: excluded)
      #expect(fast.characters == reference.copiedCharacters, "seed \(seed)")
      #expect(fast.ratio == reference.copyRatio, "seed \(seed)")
    }
  }

  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }
}
