import CKernels

/// MinHash signatures by one-permutation hashing (OPH, Li, Owen & Zhang 2012) whose empty bins fall
/// back to an independent MinHash of the whole set. Chosen by measurement over classic
/// (a·x+b) mod p, multiply-shift, C-MinHash and OPH with optimal densification (docs/BENCHMARKS.md,
/// "MinHash scheme"): one hash per shingle instead of one per signature value, with estimation error
/// within that of 128 independent permutations for long and short texts alike.
///
/// Exact scheme, K = `signatureSize`:
/// - each shingle hash x becomes `h = StableHash.mix64(x ^ permutationSeed)` with
///   `permutationSeed = StableHash.mix64(seed ^ 0x4F50_482D_7065_726D)`;
/// - its bin is `((h >> 32) · K) >> 32` (the top bits, fast range reduction); each bin keeps the
///   smallest h that falls in it;
/// - a bin that no shingle fell in (texts with fewer than about K·ln K shingles) takes instead the
///   smallest `StableHash.mix64(x ^ binSeedᵢ)` over all shingles x, with
///   `binSeedᵢ = StableHash.mix64(fallbackSeed ^ i)` and
///   `fallbackSeed = StableHash.mix64(seed ^ 0x4445_4E53_4946_5921)`: an independent permutation
///   per empty bin. Equal values then occur with probability exactly J in every bin (both bins empty:
///   an ordinary MinHash; both non-empty: OPH; one empty: the union's minimum is outside the
///   intersection, and the values differ), so the estimate is unbiased, and short texts get
///   independent samples where optimal densification (Shrivastava 2017) would copy neighbours and
///   add 12–18 % to the error;
/// - the signature value is the low 32 bits of the bin's minimum. No shingles: every value is
///   `UInt32.max`.
package struct MinHasher: Sendable {
  package let parameters: FingerprintParameters
  let permutationSeed: UInt64
  let fallbackSeed: UInt64

  package init(parameters: FingerprintParameters) {
    self.parameters = parameters
    permutationSeed = StableHash.mix64(parameters.seed ^ 0x4F50_482D_7065_726D)
    fallbackSeed = StableHash.mix64(parameters.seed ^ 0x4445_4E53_4946_5921)
  }

  package func signature(of shingleHashes: [UInt64]) -> MinHashSignature {
    shingleHashes.withUnsafeBufferPointer { signature(of: $0) }
  }

  /// The signature of the shingles not in `excluding` (template shingles, shingles too frequent in
  /// the corpus: they make estimates of unrelated documents agree by accident).
  package func signature(of shingleHashes: [UInt64], excluding: Set<UInt64>) -> MinHashSignature {
    guard !excluding.isEmpty else { return signature(of: shingleHashes) }
    return signature(of: shingleHashes.filter { !excluding.contains($0) })
  }

  package func signature(of shingleHashes: UnsafeBufferPointer<UInt64>) -> MinHashSignature {
    withMinima(shingleHashes) { minima in
      for hash in shingleHashes { add(hash, to: minima) }
    }
  }

  /// Runs `fill` on `signatureSize` bin minima (on the stack) set to `UInt64.max`, then fills the
  /// empty bins from `hashes` (the same shingle hashes `fill` added).
  @inline(__always)
  func withMinima(
    _ hashes: UnsafeBufferPointer<UInt64>, _ fill: (UnsafeMutablePointer<UInt64>) -> Void
  ) -> MinHashSignature {
    let size = max(parameters.signatureSize, 1)
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { buffer in
      buffer.initialize(repeating: .max)
      guard let minima = buffer.baseAddress else { return MinHashSignature(values: []) }
      fill(minima)
      return finish(buffer, hashes: hashes)
    }
  }

  @inline(__always)
  func add(_ shingleHash: UInt64, to minima: UnsafeMutablePointer<UInt64>) {
    let (h, bin) = permute(shingleHash)
    if h < minima[bin] { minima[bin] = h }
  }

  /// The permuted value of a shingle and its bin.
  @inline(__always)
  func permute(_ shingleHash: UInt64) -> (UInt64, Int) {
    let h = StableHash.mix64(shingleHash ^ permutationSeed)
    return (h, Int(truncatingIfNeeded: ((h >> 32) &* UInt64(parameters.signatureSize)) >> 32))
  }

  /// Whether ``finish(_:hashes:)`` fills empty bins with AVX-512 (`CKernels`); same values.
  package static let fillsWithAVX512 = chachong_minhash_fill_avx512_available() == 1

  func finish(_ minima: UnsafeMutableBufferPointer<UInt64>, hashes: UnsafeBufferPointer<UInt64>)
    -> MinHashSignature
  {
    finish(minima, hashes: hashes, avx512: MinHasher.fillsWithAVX512)
  }

  /// `avx512: false` forces the portable fill (tests compare the two); `true` uses AVX-512 only
  /// where the processor has it (asked for on one without, it would be an illegal instruction).
  func finish(_ minima: UnsafeMutableBufferPointer<UInt64>, hashes: UnsafeBufferPointer<UInt64>, avx512: Bool)
    -> MinHashSignature
  {
    let count = minima.count
    guard !hashes.isEmpty, let minimaBase = minima.baseAddress else {
      return MinHashSignature(values: [UInt32](repeating: .max, count: count))
    }
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { scratch in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { emptyBins in
        guard let seeds = scratch.baseAddress, let bins = emptyBins.baseAddress else { return }
        var emptyCount = 0
        for bin in 0..<count where minimaBase[bin] == .max {
          bins[emptyCount] = bin
          seeds[emptyCount] = StableHash.mix64(fallbackSeed ^ UInt64(bin))
          emptyCount += 1
        }
        guard emptyCount > 0 else { return }
        let filled = seeds + count
        chachong_minhash_fill(
          hashes.baseAddress, hashes.count, seeds, filled, emptyCount,
          avx512 && MinHasher.fillsWithAVX512 ? 1 : 0)
        for index in 0..<emptyCount {
          minimaBase[bins[index]] = filled[index]
        }
      }
    }
    let values = [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
      for bin in 0..<count {
        values[bin] = UInt32(truncatingIfNeeded: minimaBase[bin])
      }
      initialized = count
    }
    return MinHashSignature(values: values)
  }

  /// Collects shingle hashes one at a time (for callers that produce them in a stream).
  package struct Accumulator {
    let hasher: MinHasher
    var hashes: [UInt64] = []

    package init(hasher: MinHasher) {
      self.hasher = hasher
    }

    package mutating func add(_ shingleHash: UInt64) {
      hashes.append(shingleHash)
    }

    package func finish() -> MinHashSignature {
      hasher.signature(of: hashes)
    }
  }
}
