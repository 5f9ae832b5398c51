/// The parameters an index is built with; a different value of any of them gives different
/// shingles and signatures, so an index stores them and refuses to mix.
public struct FingerprintParameters: Sendable, Codable, Equatable, Hashable {
  /// k: tokens per shingle.
  package var shingleSize: Int
  /// Number of MinHash values (bins of the one-permutation hash).
  package var signatureSize: Int
  /// Seeds the shingle hash and the MinHash permutation.
  package var seed: UInt64

  /// `0x6368_6163_686F_6E67` is "chachong" in ASCII.
  package static let defaultSeed: UInt64 = 0x6368_6163_686F_6E67

  /// k = 5, 128 values, `defaultSeed`.
  public static let standard = FingerprintParameters(
    shingleSize: 5, signatureSize: 128, seed: defaultSeed)

  package init(shingleSize: Int = 5, signatureSize: Int = 128, seed: UInt64 = defaultSeed) {
    self.shingleSize = shingleSize
    self.signatureSize = signatureSize
    self.seed = seed
  }
}
