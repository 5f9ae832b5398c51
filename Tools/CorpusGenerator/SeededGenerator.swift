/// A deterministic random source (SplitMix64 seeding xoshiro256**), identical on every platform,
/// so that the same seed always yields byte-identical corpora.
struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  init(seed: UInt64) {
    var splitMix = seed
    func nextSplitMix() -> UInt64 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var value = splitMix
      value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
      value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
      return value ^ (value >> 31)
    }
    state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
  }

  /// A generator for an independent stream, so that adding draws in one part of the world does not
  /// shift every other part.
  init(seed: UInt64, stream: String) {
    var mixed = seed ^ 0x5851_F42D_4C95_7F2D
    for byte in stream.utf8 {
      mixed = (mixed ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    self.init(seed: mixed)
  }

  mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }

  /// Uniform integer in the closed range, without modulo bias.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    let span = UInt64(range.upperBound - range.lowerBound) + 1
    let limit = UInt64.max - UInt64.max % span
    var value = next()
    while value >= limit { value = next() }
    return range.lowerBound + Int(value % span)
  }

  /// Uniform value in [0, 1).
  mutating func unit() -> Double {
    Double(next() >> 11) / Double(UInt64(1) << 53)
  }

  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }

  mutating func pick<T>(_ items: [T]) -> T {
    items[int(0...(items.count - 1))]
  }

  /// Fisher–Yates with this generator (the standard library's shuffle may change between releases).
  mutating func shuffled<T>(_ items: [T]) -> [T] {
    var result = items
    var index = result.count - 1
    while index > 0 {
      let other = int(0...index)
      result.swapAt(index, other)
      index -= 1
    }
    return result
  }

  /// `count` distinct items in random order.
  mutating func sample<T>(_ items: [T], count: Int) -> [T] {
    Array(shuffled(items).prefix(count))
  }
}
