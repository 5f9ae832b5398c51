import Fingerprints

/// The template/common/call-text mask of a document from the shingles its fingerprint already
/// holds (copy metrics are computed by `PairCopyRatios`).
enum CheckCopyMetrics {
  /// Per token: covered by an excluded shingle (the same rule as `ExcludedText.tokenMask`, from the
  /// shingles the fingerprint already holds).
  static func excludedTokens(shingles: [UInt64], count: Int, excluding: Set<UInt64>, k: Int) -> [Bool] {
    var mask = [Bool](repeating: false, count: count)
    guard !excluding.isEmpty else { return mask }
    let width = max(1, k)
    for (index, hash) in shingles.enumerated() where excluding.contains(hash) {
      for token in index..<min(index + width, count) { mask[token] = true }
    }
    return mask
  }
}
