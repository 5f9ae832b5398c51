/// Text in, fingerprint out: normalise, shingle, sign.
public struct Fingerprinter: Sendable {
  public let parameters: FingerprintParameters
  public let hasher: MinHasher

  public init(parameters: FingerprintParameters) {
    self.parameters = parameters
    hasher = MinHasher(parameters: parameters)
  }

  public func fingerprint(_ text: String) -> DocumentFingerprint {
    fingerprint(NormalizedText(normalizing: text))
  }

  /// For texts already normalised (e.g. stored ones).
  public func fingerprint(_ normalized: NormalizedText) -> DocumentFingerprint {
    let hashes = Shingler.shingleHashes(
      of: normalized, k: parameters.shingleSize, seed: parameters.seed)
    return DocumentFingerprint(
      normalized: normalized, shingleHashes: hashes, signature: hasher.signature(of: hashes))
  }
}
