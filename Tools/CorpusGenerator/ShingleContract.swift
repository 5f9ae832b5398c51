/// The simple shingling contract the ground truth uses (the same as `../shared/peerbench`):
/// delete whitespace and Unicode punctuation (general category P*), nothing else; shingles are
/// the set of 5-code-point substrings; Jaccard and containments over those sets.
enum ShingleContract {
  static let size = 5

  /// Whitespace as Python's `str.isspace()` sees it (Unicode White_Space plus U+001C…U+001F).
  static func isDeleted(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value) { return true }
    switch scalar.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return true
    default:
      return false
    }
  }

  static func normalized(_ text: String) -> [UInt32] {
    var result: [UInt32] = []
    result.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars where !isDeleted(scalar) {
      result.append(scalar.value)
    }
    return result
  }

  /// A 5-gram packed exactly into two words (21 bits per code point), so sets are collision-free.
  struct Gram: Hashable {
    let high: UInt64
    let low: UInt64
  }

  static func shingles(_ text: String) -> Set<Gram> {
    let scalars = normalized(text)
    guard scalars.count >= size else { return [] }
    var result = Set<Gram>(minimumCapacity: scalars.count)
    for start in 0...(scalars.count - size) {
      let high = UInt64(scalars[start]) << 21 | UInt64(scalars[start + 1])
      let low =
        UInt64(scalars[start + 2]) << 42 | UInt64(scalars[start + 3]) << 21 | UInt64(scalars[start + 4])
      result.insert(Gram(high: high, low: low))
    }
    return result
  }

  struct Overlap: Codable, Equatable {
    var jaccard: Double
    var containmentAInB: Double
    var containmentBInA: Double
    var intersection: Int
    var shinglesA: Int
    var shinglesB: Int
  }

  static func overlap(_ first: Set<Gram>, _ second: Set<Gram>) -> Overlap {
    let shared =
      first.count <= second.count
      ? first.reduce(0) { $0 + (second.contains($1) ? 1 : 0) }
      : second.reduce(0) { $0 + (first.contains($1) ? 1 : 0) }
    let union = first.count + second.count - shared
    return Overlap(
      jaccard: rounded(union == 0 ? 0 : Double(shared) / Double(union)),
      containmentAInB: rounded(first.isEmpty ? 0 : Double(shared) / Double(first.count)),
      containmentBInA: rounded(second.isEmpty ? 0 : Double(shared) / Double(second.count)),
      intersection: shared, shinglesA: first.count, shinglesB: second.count)
  }

  /// Six decimals keep the JSON stable and short.
  static func rounded(_ value: Double) -> Double {
    (value * 1_000_000).rounded() / 1_000_000
  }
}
