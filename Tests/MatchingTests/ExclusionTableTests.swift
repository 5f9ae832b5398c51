import Fingerprints
import Testing

@testable import Matching

/// The bit filters in front of the verification's tables may only answer "certainly not".
@Suite struct ExclusionTableTests {
  /// A fixed 64-bit mix (splitmix64), so the sets are the same on every run.
  static func hashes(_ count: Int, seed: UInt64) -> [UInt64] {
    var state = seed
    return (0..<count).map { _ in
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z &>> 31)
    }
  }

  @Test func theExclusionTableAnswersExactlyLikeTheSet() {
    for count in [0, 1, 15, 1_000, 40_000] {
      var members = Set(Self.hashes(count, seed: UInt64(count)))
      if count == 15 { members.insert(0) }
      let table = Verifier.ExclusionTable(members)
      let others = Self.hashes(20_000, seed: 99).filter { !members.contains($0) } + [0]
      let wrong = table.keys.withUnsafeBufferPointer { keys in
        table.filter.words.withUnsafeBufferPointer { words in
          (Array(members) + others).filter {
            table.contains($0, keys: keys, filter: words) != members.contains($0)
          }.count
        }
      }
      #expect(wrong == 0, "\(count) members: \(wrong) wrong answers")
    }
  }

  @Test func theFilterHasNoFalseNegativesAndFewFalsePositives() {
    let members = Self.hashes(16_000, seed: 7)
    let filter = MembershipFilter(members: members, capacity: members.count)
    let outsiders = Self.hashes(100_000, seed: 8)
    let (missed, falsePositives) = filter.words.withUnsafeBufferPointer { words in
      (
        members.filter { !filter.mayContain($0, words: words) }.count,
        outsiders.filter { filter.mayContain($0, words: words) }.count
      )
    }
    #expect(missed == 0)
    // 16 bits per member: about 1 − e^(−1/16) ≈ 6 % of outsiders pass.
    #expect(falsePositives < 10_000, "\(falsePositives) of 100,000 outsiders passed")
  }

  /// The filtered verification gives what the unprepared one gives, with a large exclusion set.
  @Test func verificationWithTheFiltersIsUnchanged() {
    let pool = Array("研究开发系统技术关键材料性能结构设计制备工艺检测控制模型算法数据平台应用集成优化分析实验验证")
    func text(_ seed: UInt64, _ count: Int) -> String {
      String(Self.hashes(count, seed: seed).map { pool[Int($0 % UInt64(pool.count))] })
    }
    let queryText = text(1, 3_000)
    let query = NormalizedText(normalizing: queryText)
    // The match repeats the query's middle, so they share shingles, and adds its own text.
    let match = NormalizedText(
      normalizing: String(Array(queryText)[1_000..<2_000]) + "。" + text(2, 2_000))
    let queryHashes = Shingler.shingleHashes(of: query, k: 4, seed: 5)
    let matchHashes = Shingler.shingleHashes(of: match, k: 4, seed: 5)
    let excluded = Set(queryHashes.prefix(200)).union(Self.hashes(50_000, seed: 3))
    let prepared = Verifier.PreparedQuery(text: query, hashes: queryHashes, k: 4, excluding: excluded)
    let scores = Verifier.scores(prepared, matchHashes: matchHashes)
    #expect(scores == Verifier.scores(query: query, match: match, k: 4, seed: 5, excluding: excluded))
    #expect(scores.sharedShingles > 500)
  }
}
