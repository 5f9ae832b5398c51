/// Hashes of k-token shingles.
///
/// For a window of `m` tokens `x₀…x_{m-1}` (m = k, or the whole text when it is shorter than k):
/// each token becomes `tⱼ = StableHash.mix64(xⱼ ^ seed)`, the window folds to the polynomial
/// `f = t₀·Pᵐ⁻¹ + t₁·Pᵐ⁻² + … + t_{m-1}` modulo 2⁶⁴ with `P = 0xFF51_AFD7_ED55_8CCD` (so it can roll
/// from one window to the next in two multiplications), and the shingle hash is
/// `StableHash.mix64(f ^ (UInt64(m) &* 0xD6E8_FEB8_6659_FD93))`.
public enum Shingler {
  /// Multiplier of the rolling polynomial.
  public static let polynomialBase: UInt64 = 0xFF51_AFD7_ED55_8CCD

  /// One hash per start position i (tokens i..<i+k); count = max(0, n-k+1), except 0 < n < k gives one
  /// shingle of all tokens; n == 0 gives []. k < 1 is treated as 1.
  public static func shingleHashes(of text: NormalizedText, k: Int, seed: UInt64) -> [UInt64] {
    text.tokens.withUnsafeBufferPointer { shingleHashes(tokens: $0, k: k, seed: seed) }
  }

  public static func shingleHashes(tokens: UnsafeBufferPointer<UInt64>, k: Int, seed: UInt64)
    -> [UInt64]
  {
    let n = tokens.count
    guard n > 0 else { return [] }
    let window = min(max(k, 1), n)
    let count = n - window + 1
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
  public static func forEachShingle(
    tokens: UnsafeBufferPointer<UInt64>, k: Int, seed: UInt64, _ body: (UInt64) -> Void
  ) {
    let n = tokens.count
    guard n > 0, let base = tokens.baseAddress else { return }
    let window = min(max(k, 1), n)
    let lengthTerm = UInt64(window) &* StableHash.lengthMultiplier
    let p = polynomialBase
    var topPower: UInt64 = 1  // P^(window-1)
    for _ in 1..<max(window, 1) { topPower = topPower &* p }
    var fold: UInt64 = 0
    for j in 0..<window {
      fold = fold &* p &+ StableHash.mix64(base[j] ^ seed)
    }
    body(StableHash.mix64(fold ^ lengthTerm))
    var i = window
    while i < n {
      let outgoing = StableHash.mix64(base[i - window] ^ seed)
      fold = (fold &- outgoing &* topPower) &* p &+ StableHash.mix64(base[i] ^ seed)
      body(StableHash.mix64(fold ^ lengthTerm))
      i += 1
    }
  }
}
