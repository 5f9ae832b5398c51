import Fingerprints

/// A MinHash permutation scheme under comparison. Every scheme gets shingle hashes (random-looking
/// 64-bit values) and returns 128 values whose position-wise equality estimates Jaccard.
protocol MinHashScheme {
  var name: String { get }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64]
}

/// Deterministic constants for the schemes.
struct SplitMix {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return StableHash.mix64(state)
  }
}

/// Reference: 128 independent, fully random hash functions (`mix64(x ^ seedᵢ)`).
struct IndependentScheme: MinHashScheme {
  let name = "independent (128 × mix64)"
  let seeds: [UInt64]
  init(size: Int) {
    var random = SplitMix(state: 1)
    seeds = (0..<size).map { _ in random.next() }
  }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    var minima = [UInt64](repeating: .max, count: seeds.count)
    seeds.withUnsafeBufferPointer { seeds in
      minima.withUnsafeMutableBufferPointer { minima in
        for x in hashes {
          for i in 0..<seeds.count {
            let h = StableHash.mix64(x ^ seeds[i])
            if h < minima[i] { minima[i] = h }
          }
        }
      }
    }
    return minima
  }
}

/// Classic (a·x + b) mod p with p = 2⁶¹ − 1 (x reduced mod p first), as datasketch (which uses a
/// 32-bit x and p = 2⁶¹ − 1).
struct ClassicModPrimeScheme: MinHashScheme {
  let name = "classic (a·x+b) mod 2^61-1"
  static let prime: UInt64 = (1 << 61) - 1
  let a: [UInt64]
  let b: [UInt64]
  init(size: Int) {
    var random = SplitMix(state: 2)
    a = (0..<size).map { _ in random.next() % (Self.prime - 1) + 1 }
    b = (0..<size).map { _ in random.next() % Self.prime }
  }
  @inline(__always) static func reduce(_ high: UInt64, _ low: UInt64) -> UInt64 {
    // (high·2⁶⁴ + low) mod 2⁶¹−1 for a product of two values < 2⁶¹.
    let value = (low & prime) &+ ((low >> 61) | (high << 3))
    let folded = (value & prime) &+ (value >> 61)
    return folded >= prime ? folded &- prime : folded
  }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    var minima = [UInt64](repeating: .max, count: a.count)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        minima.withUnsafeMutableBufferPointer { minima in
          for hash in hashes {
            let x = Self.reduce(0, hash)
            for i in 0..<a.count {
              let product = a[i].multipliedFullWidth(by: x)
              var h = Self.reduce(product.high, product.low) &+ b[i]
              if h >= Self.prime { h &-= Self.prime }
              if h < minima[i] { minima[i] = h }
            }
          }
        }
      }
    }
    return minima
  }
}

/// Multiply-shift (Dietzfelbinger): (a·x + b) >> 32 in 64-bit arithmetic, a odd.
struct MultiplyShiftScheme: MinHashScheme {
  let name = "multiply-shift (a·x+b)>>32"
  let a: [UInt64]
  let b: [UInt64]
  init(size: Int) {
    var random = SplitMix(state: 3)
    a = (0..<size).map { _ in random.next() | 1 }
    b = (0..<size).map { _ in random.next() }
  }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    var minima = [UInt64](repeating: .max, count: a.count)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        minima.withUnsafeMutableBufferPointer { minima in
          for x in hashes {
            for i in 0..<a.count {
              let h = (a[i] &* x &+ b[i]) >> 32
              if h < minima[i] { minima[i] = h }
            }
          }
        }
      }
    }
    return minima
  }
}

/// C-MinHash-(σ, π) (Li & Li 2021) with a cheap affine π: σ(x) = mix64(x ^ s), value k = min over
/// x of π(σ(x) + k) with π(y) = c·y + d (mod 2⁶⁴), i.e. c·σ(x) + (c·k + d): one multiply per
/// shingle, then one add and one compare per signature value.
struct CMinHashScheme: MinHashScheme {
  let name = "C-MinHash, affine π (c·y+d)"
  let sigmaSeed: UInt64
  let c: UInt64
  let offsets: [UInt64]
  init(size: Int) {
    var random = SplitMix(state: 4)
    sigmaSeed = random.next()
    c = random.next() | 1
    let d = random.next()
    offsets = (0..<size).map { [c] k in c &* UInt64(k) &+ d }
  }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    var minima = [UInt64](repeating: .max, count: offsets.count)
    offsets.withUnsafeBufferPointer { offsets in
      minima.withUnsafeMutableBufferPointer { minima in
        for x in hashes {
          let t = c &* StableHash.mix64(x ^ sigmaSeed)
          for k in 0..<offsets.count {
            let h = t &+ offsets[k]
            if h < minima[k] { minima[k] = h }
          }
        }
      }
    }
    return minima
  }
}

/// C-MinHash-(σ, π) with π a pseudo-random permutation of the 2⁶⁴ universe (mix64):
/// value k = min over x of mix64(σ(x) + k), σ(x) = mix64(x ^ s).
struct CMinHashMixScheme: MinHashScheme {
  let name = "C-MinHash, π = mix64"
  let sigmaSeed: UInt64
  let size: Int
  init(size: Int) {
    var random = SplitMix(state: 5)
    sigmaSeed = random.next()
    self.size = size
  }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    var minima = [UInt64](repeating: .max, count: size)
    minima.withUnsafeMutableBufferPointer { minima in
      for x in hashes {
        let sigma = StableHash.mix64(x ^ sigmaSeed)
        for k in 0..<minima.count {
          let h = StableHash.mix64(sigma &+ UInt64(k))
          if h < minima[k] { minima[k] = h }
        }
      }
    }
    return minima
  }
}

/// The product's scheme (`MinHasher`): OPH, empty bins from an independent MinHash.
struct OnePermutationScheme: MinHashScheme {
  let name = "OPH + independent fallback for empty bins (chachong)"
  let hasher: MinHasher
  init(size: Int) {
    hasher = MinHasher(parameters: FingerprintParameters(signatureSize: size))
  }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    hasher.signature(of: hashes).values.map { UInt64($0) }
  }
}

/// OPH with optimal densification (Shrivastava 2017): an empty bin i copies the minimum of bin
/// `hash(i, attempt) mod K` for the first attempt that lands on a non-empty bin.
struct OptimalDensificationScheme: MinHashScheme {
  let name = "OPH + optimal densification (Shrivastava 2017)"
  let size: UInt64
  init(size: Int) { self.size = UInt64(size) }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    var minima = [UInt64](repeating: .max, count: Int(size))
    minima.withUnsafeMutableBufferPointer { minima in
      for x in hashes {
        let h = StableHash.mix64(x ^ 0x5555)
        let bin = Int(((h >> 32) &* size) >> 32)
        if h < minima[bin] { minima[bin] = h }
      }
    }
    guard !hashes.isEmpty else { return minima }
    var values = minima
    for bin in 0..<Int(size) where minima[bin] == .max {
      var attempt: UInt64 = 1
      var copied = UInt64.max
      while copied == .max {
        let probe = StableHash.mix64(0xD0D0 ^ (UInt64(bin) << 32 | attempt))
        copied = minima[Int(((probe >> 32) &* size) >> 32)]
        attempt += 1
      }
      values[bin] = copied
    }
    return values
  }
}

/// One-permutation hashing without densification: empty bins compare unequal (the estimate is then
/// biased for short texts; shown to justify densification).
struct PlainOnePermutationScheme: MinHashScheme {
  let name = "OPH, no densification"
  let size: UInt64
  init(size: Int) { self.size = UInt64(size) }
  func signature(_ hashes: UnsafeBufferPointer<UInt64>) -> [UInt64] {
    var minima = [UInt64](repeating: .max, count: Int(size))
    for x in hashes {
      let h = StableHash.mix64(x ^ 0x5555)
      let bin = Int(((h >> 32) &* size) >> 32)
      if h < minima[bin] { minima[bin] = h }
    }
    // Distinct sentinels per side are not possible here; empty bins count as a mismatch.
    return minima
  }
}
