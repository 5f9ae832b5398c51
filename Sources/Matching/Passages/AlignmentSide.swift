import Fingerprints

/// What the aligner needs from one document: its shingle hashes and the token-to-text map.
struct AlignmentSide: Sendable {
  let shingles: [UInt64]
  let tokenCount: Int
  let starts: [Int32]
  let ends: [Int32]
  let k: Int

  init(text: NormalizedText, shingles: [UInt64], k: Int) {
    self.shingles = shingles
    self.tokenCount = text.count
    self.starts = text.starts
    self.ends = text.ends
    self.k = max(1, k)
  }

  /// Exclusive end token of the shingle starting at token `index`.
  func shingleEnd(_ index: Int) -> Int { min(index + k, tokenCount) }

  /// Offset in the original text where token `index` starts.
  func characterStart(ofToken index: Int) -> Int { Int(starts[index]) }

  /// Offset in the original text just after token `index`.
  func characterEnd(ofToken index: Int) -> Int { Int(ends[index]) }
}
