/// Everything computed from one text: its tokens with offsets, its shingle hashes (in text order,
/// one per start position, duplicates kept) and its MinHash signature.
package struct DocumentFingerprint: Sendable, Equatable {
  package let normalized: NormalizedText
  package let shingleHashes: [UInt64]
  package let signature: MinHashSignature

  package init(normalized: NormalizedText, shingleHashes: [UInt64], signature: MinHashSignature) {
    self.normalized = normalized
    self.shingleHashes = shingleHashes
    self.signature = signature
  }
}
