import Fingerprints

/// Which tokens of a text are template or common text.
package enum ExcludedText {
  /// Per token of `text`: true when some excluded shingle covers it.
  package static func tokenMask(
    of text: NormalizedText, k: Int, seed: UInt64, excluding: Set<UInt64>
  ) -> [Bool] {
    var mask = [Bool](repeating: false, count: text.count)
    guard !excluding.isEmpty else { return mask }
    let shingles = Shingler.shingleHashes(of: text, k: k, seed: seed)
    let width = max(1, k)
    for (index, hash) in shingles.enumerated() where excluding.contains(hash) {
      for token in index..<min(index + width, text.count) { mask[token] = true }
    }
    return mask
  }
}
