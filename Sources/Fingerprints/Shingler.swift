/// Hashes of k-token shingles.
///
/// For a window of `m` tokens `x₀…x_{m-1}` (m = k, or the whole text when it is shorter than k):
/// each token becomes `tⱼ = StableHash.mix64(xⱼ ^ seed)`; the window folds to the cyclic polynomial
/// (Buzhash) `f = rotl(t₀, m−1) ^ rotl(t₁, m−2) ^ … ^ t_{m-1}` (rotations of 64-bit words, counts
/// mod 64), which rolls from one window to the next as `f' = rotl(f, 1) ^ rotl(t_out, m) ^ t_in`;
/// the shingle hash is `StableHash.mix64(f ^ (UInt64(m) &* 0xD6E8_FEB8_6659_FD93))`.
package enum Shingler {
  /// One hash per start position i (tokens i..<i+k); count = max(0, n-k+1), except 0 < n < k gives one
  /// shingle of all tokens; n == 0 gives []. k < 1 is treated as 1.
  package static func shingleHashes(of text: NormalizedText, k: Int, seed: UInt64) -> [UInt64] {
    text.tokens.withUnsafeBufferPointer { shingleHashes(tokens: $0, k: k, seed: seed) }
  }

  /// How many shingles `n` tokens give (see ``shingleHashes(of:k:seed:)``).
  package static func shingleCount(tokens n: Int, k: Int) -> Int {
    n <= 0 ? 0 : n - min(max(k, 1), n) + 1
  }

  package static func shingleHashes(tokens: UnsafeBufferPointer<UInt64>, k: Int, seed: UInt64)
    -> [UInt64]
  {
    let count = shingleCount(tokens: tokens.count, k: k)
    guard count > 0 else { return [] }
    return [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
      var index = 0
      forEachShingle(tokens: tokens, k: k, seed: seed) { hash in
        buffer[index] = hash
        index += 1
      }
      initialized = count
    }
  }

  /// Calls `body` with each shingle hash in order without building an array.
  @inline(__always)
  package static func forEachShingle(
    tokens: UnsafeBufferPointer<UInt64>, k: Int, seed: UInt64, _ body: (UInt64) -> Void
  ) {
    let n = tokens.count
    guard n > 0, let base = tokens.baseAddress else { return }
    let window = min(max(k, 1), n)
    let lengthTerm = UInt64(window) &* StableHash.lengthMultiplier
    let outgoingRotation = UInt64(window & 63)
    // The window's token hashes, so the outgoing one is not recomputed.
    var ringSize = 1
    while ringSize < window { ringSize <<= 1 }
    let mask = ringSize - 1
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: ringSize) { ring in
      guard let ring = ring.baseAddress else { return }
      var fold: UInt64 = 0
      for j in 0..<window {
        let t = StableHash.mix64(base[j] ^ seed)
        ring[j & mask] = t
        fold = rotateLeft(fold, 1) ^ t
      }
      body(StableHash.mix64(fold ^ lengthTerm))
      var i = window
      while i < n {
        let t = StableHash.mix64(base[i] ^ seed)
        let outgoing = ring[(i &- window) & mask]
        ring[i & mask] = t
        fold = rotateLeft(fold, 1) ^ rotateLeft(outgoing, outgoingRotation) ^ t
        body(StableHash.mix64(fold ^ lengthTerm))
        i &+= 1
      }
    }
  }

  @inline(__always)
  static func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value &<< count) | (value &>> (64 &- count))
  }
}
