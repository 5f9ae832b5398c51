/// MinHash signatures by one-permutation hashing (OPH, Li, Owen & Zhang 2012) with optimal
/// densification (Shrivastava 2017), chosen by measurement over classic (a·x+b) mod p,
/// multiply-shift and C-MinHash (docs/BENCHMARKS.md, "MinHash scheme"): one hash per shingle instead
/// of one per signature value, with estimation error within that of independent permutations.
///
/// Exact scheme, K = `signatureSize`:
/// - each shingle hash x becomes `h = StableHash.mix64(x ^ permutationSeed)` with
///   `permutationSeed = StableHash.mix64(seed ^ 0x4F50_482D_7065_726D)`;
/// - its bin is `((h >> 32) · K) >> 32` (the top bits, fast range reduction); each bin keeps the
///   smallest h that falls in it;
/// - an empty bin i (texts with fewer shingles than about K·ln K) takes the minimum of bin
///   `j = ((mix64(densifySeed ^ (i << 32 | a)) >> 32) · K) >> 32` for the first attempt
///   a = 1, 2, … whose bin is non-empty, `densifySeed = StableHash.mix64(seed ^ 0x4445_4E53_4946_5921)`;
/// - the signature value is the low 32 bits of the bin's minimum. No shingles: every value is
///   `UInt32.max`.
public struct MinHasher: Sendable {
  public let parameters: FingerprintParameters
  let permutationSeed: UInt64
  let densifySeed: UInt64

  public init(parameters: FingerprintParameters) {
    self.parameters = parameters
    permutationSeed = StableHash.mix64(parameters.seed ^ 0x4F50_482D_7065_726D)
    densifySeed = StableHash.mix64(parameters.seed ^ 0x4445_4E53_4946_5921)
  }

  public func signature(of shingleHashes: [UInt64]) -> MinHashSignature {
    shingleHashes.withUnsafeBufferPointer { hashes in
      withMinima { minima in
        for hash in hashes { add(hash, to: minima) }
      }
    }
  }

  /// Runs `fill` on `signatureSize` bin minima (on the stack) set to `UInt64.max`, then densifies.
  @inline(__always)
  func withMinima(_ fill: (UnsafeMutablePointer<UInt64>) -> Void) -> MinHashSignature {
    let size = max(parameters.signatureSize, 1)
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { buffer in
      buffer.initialize(repeating: .max)
      guard let minima = buffer.baseAddress else { return MinHashSignature(values: []) }
      fill(minima)
      return Self.densified(UnsafeBufferPointer(buffer), densifySeed: densifySeed)
    }
  }

  @inline(__always)
  func add(_ shingleHash: UInt64, to minima: UnsafeMutablePointer<UInt64>) {
    let h = StableHash.mix64(shingleHash ^ permutationSeed)
    let bin = Int(truncatingIfNeeded: ((h >> 32) &* UInt64(parameters.signatureSize)) >> 32)
    if h < minima[bin] { minima[bin] = h }
  }

  /// Optimal densification of the bin minima, then the low 32 bits of each.
  static func densified(_ minima: UnsafeBufferPointer<UInt64>, densifySeed: UInt64)
    -> MinHashSignature
  {
    let count = minima.count
    let size = UInt64(count)
    var values = [UInt32](repeating: .max, count: count)
    guard minima.contains(where: { $0 != .max }) else { return MinHashSignature(values: values) }
    for bin in 0..<count {
      var minimum = minima[bin]
      var attempt: UInt64 = 1
      while minimum == .max {
        let probe = StableHash.mix64(densifySeed ^ (UInt64(bin) << 32 | attempt))
        minimum = minima[Int(truncatingIfNeeded: ((probe >> 32) &* size) >> 32)]
        attempt += 1
      }
      values[bin] = UInt32(truncatingIfNeeded: minimum)
    }
    return MinHashSignature(values: values)
  }

  /// Bin minima while shingles stream in (the fingerprinter feeds it without an intermediate pass).
  public struct Accumulator {
    let size: UInt64
    let permutationSeed: UInt64
    let densifySeed: UInt64
    var minima: [UInt64]

    public init(hasher: MinHasher) {
      size = UInt64(max(hasher.parameters.signatureSize, 1))
      permutationSeed = hasher.permutationSeed
      densifySeed = hasher.densifySeed
      minima = [UInt64](repeating: .max, count: Int(size))
    }

    @inline(__always)
    public mutating func add(_ shingleHash: UInt64) {
      let h = StableHash.mix64(shingleHash ^ permutationSeed)
      let bin = Int(truncatingIfNeeded: ((h >> 32) &* size) >> 32)
      minima.withUnsafeMutableBufferPointer { minima in
        if h < minima[bin] { minima[bin] = h }
      }
    }

    public func finish() -> MinHashSignature {
      minima.withUnsafeBufferPointer { MinHasher.densified($0, densifySeed: densifySeed) }
    }
  }
}
