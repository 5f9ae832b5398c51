import Fingerprints

/// Tells identical, lightly changed and rewritten passages apart from their tokens alone.
package enum PassageClassifier {
  /// `identical` when the token sequences are equal; `minorChanges` when at least `coverage` of the
  /// tokens of each side lie in a `shingle`-token run that also occurs on the other side;
  /// `rewritten` otherwise.
  package static func kind<Tokens: Collection<UInt64>>(
    _ query: Tokens, _ source: Tokens, shingle: Int, coverage: Double
  ) -> PassageKind {
    if query.elementsEqual(source) { return .identical }
    let queryTokens = Array(query)
    let sourceTokens = Array(source)
    let width = max(1, shingle)
    let queryShare = coveredShare(queryTokens, by: sourceTokens, width: width)
    guard queryShare >= coverage else { return .rewritten }
    return coveredShare(sourceTokens, by: queryTokens, width: width) >= coverage ? .minorChanges : .rewritten
  }

  /// Share of `tokens` covered by a `width`-token window that also occurs in `other`.
  static func coveredShare(_ tokens: [UInt64], by other: [UInt64], width: Int) -> Double {
    guard !tokens.isEmpty else { return 0 }
    guard tokens.count >= width, other.count >= width else { return tokens == other ? 1 : 0 }
    let present = Set(windows(other, width: width))
    var covered = [Bool](repeating: false, count: tokens.count)
    for (start, hash) in windows(tokens, width: width).enumerated() where present.contains(hash) {
      for index in start..<(start + width) { covered[index] = true }
    }
    return Double(covered.count { $0 }) / Double(tokens.count)
  }

  /// Hash of every `width`-token window (in-memory membership only, never stored).
  private static func windows(_ tokens: [UInt64], width: Int) -> [UInt64] {
    (0...(tokens.count - width)).map { start in
      var hash: UInt64 = 0x636C_6173_7369_6679  // "classify"
      for index in start..<(start + width) {
        hash = StableHash.mix64(hash ^ tokens[index]) &+ 0x9E37_79B9_7F4A_7C15
      }
      return hash
    }
  }
}
