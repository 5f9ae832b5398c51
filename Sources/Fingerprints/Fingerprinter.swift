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

  /// A fingerprint whose signature leaves out the shingles in `excluding`; `shingleHashes` keeps
  /// every shingle, so positions still line up with the tokens.
  public func fingerprint(_ text: String, excluding: Set<UInt64>) -> DocumentFingerprint {
    let full = fingerprint(NormalizedText(normalizing: text))
    guard !excluding.isEmpty else { return full }
    return DocumentFingerprint(
      normalized: full.normalized, shingleHashes: full.shingleHashes,
      signature: hasher.signature(of: full.shingleHashes, excluding: excluding))
  }

  /// For texts already normalised (e.g. stored ones).
  /// For texts already normalised (e.g. stored ones). Shingles and signature in one pass.
  public func fingerprint(_ normalized: NormalizedText) -> DocumentFingerprint {
    let n = normalized.count
    let k = parameters.shingleSize
    let count = n == 0 ? 0 : n - min(max(k, 1), n) + 1
    var signature = MinHashSignature(values: [])
    let hashes = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
      let filled = UnsafeBufferPointer(start: buffer.baseAddress, count: count)
      signature = hasher.withMinima(filled) { minima in
        var index = 0
        normalized.tokens.withUnsafeBufferPointer { tokens in
          Shingler.forEachShingle(tokens: tokens, k: k, seed: parameters.seed) { hash in
            buffer[index] = hash
            index &+= 1
            hasher.add(hash, to: minima)
          }
        }
      }
      initialized = count
    }
    return DocumentFingerprint(normalized: normalized, shingleHashes: hashes, signature: signature)
  }
}
