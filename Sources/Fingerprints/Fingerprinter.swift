/// Text in, fingerprint out: normalise, shingle, sign.
package struct Fingerprinter: Sendable {
  package let parameters: FingerprintParameters
  package let hasher: MinHasher

  package init(parameters: FingerprintParameters) {
    self.parameters = parameters
    hasher = MinHasher(parameters: parameters)
  }

  package func fingerprint(_ text: String) -> DocumentFingerprint {
    fingerprint(NormalizedText(normalizing: text))
  }

  /// A fingerprint whose signature leaves out the shingles in `excluding`; `shingleHashes` keeps
  /// every shingle, so positions still line up with the tokens.
  package func fingerprint(_ text: String, excluding: Set<UInt64>) -> DocumentFingerprint {
    let full = fingerprint(NormalizedText(normalizing: text))
    guard !excluding.isEmpty else { return full }
    return DocumentFingerprint(
      normalized: full.normalized, shingleHashes: full.shingleHashes,
      signature: hasher.signature(of: full.shingleHashes, excluding: excluding))
  }

  /// For texts already normalised (e.g. stored ones). Shingles and signature in one pass.
  package func fingerprint(_ normalized: NormalizedText) -> DocumentFingerprint {
    let k = parameters.shingleSize
    let count = Shingler.shingleCount(tokens: normalized.count, k: k)
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

  /// ``fingerprint(_:)`` plus the signature of each shingle range that `ranges` picks from the
  /// normalised text (the sections an index signs separately), in the same pass: each shingle is
  /// permuted once for both. The signatures equal `hasher.signature(of:)` of the ranges' shingle
  /// hashes; empty ranges are left out. Ranges that are not ascending and disjoint are signed
  /// one by one instead. (Its loop is ``fingerprint(_:)``'s plus the ranges: serving both from
  /// this one made the plain fingerprint 15–20 % slower, measured with
  /// `chachong-fingerprint-bench throughput`.)
  package func fingerprint(_ text: String, signingRanges ranges: (NormalizedText) -> [Range<Int>])
    -> (fingerprint: DocumentFingerprint, rangeSignatures: [MinHashSignature])
  {
    let normalized = NormalizedText(normalizing: text)
    let k = parameters.shingleSize
    let count = Shingler.shingleCount(tokens: normalized.count, k: k)
    let wanted = ranges(normalized).filter { !$0.isEmpty }
    let inOrder =
      wanted.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= count }
      && zip(wanted, wanted.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }
    guard inOrder else {
      let whole = fingerprint(normalized)
      return (
        whole, wanted.map { hasher.signature(of: Array(whole.shingleHashes[$0.clamped(to: 0..<count)])) }
      )
    }
    var signature = MinHashSignature(values: [])
    var rangeSignatures: [MinHashSignature] = []
    rangeSignatures.reserveCapacity(wanted.count)
    let size = max(parameters.signatureSize, 1)
    let hashes = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
      let filled = UnsafeBufferPointer(start: buffer.baseAddress, count: count)
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { rangeMinima in
        rangeMinima.initialize(repeating: .max)
        guard let rangeBase = rangeMinima.baseAddress else { return }
        signature = hasher.withMinima(filled) { minima in
          var index = 0
          var next = 0
          var nextStart = wanted.first?.lowerBound ?? Int.max
          var nextEnd = wanted.first?.upperBound ?? Int.max
          normalized.tokens.withUnsafeBufferPointer { tokens in
            Shingler.forEachShingle(tokens: tokens, k: k, seed: parameters.seed) { hash in
              buffer[index] = hash
              let (h, bin) = hasher.permute(hash)
              if h < minima[bin] { minima[bin] = h }
              if index >= nextStart {
                if h < rangeBase[bin] { rangeBase[bin] = h }
                if index + 1 == nextEnd {
                  let shingles = UnsafeBufferPointer(rebasing: filled[nextStart..<nextEnd])
                  rangeSignatures.append(hasher.finish(rangeMinima, hashes: shingles))
                  rangeMinima.update(repeating: .max)
                  next += 1
                  nextStart = next < wanted.count ? wanted[next].lowerBound : Int.max
                  nextEnd = next < wanted.count ? wanted[next].upperBound : Int.max
                }
              }
              index &+= 1
            }
          }
        }
      }
      initialized = count
    }
    return (
      DocumentFingerprint(normalized: normalized, shingleHashes: hashes, signature: signature),
      rangeSignatures
    )
  }
}
