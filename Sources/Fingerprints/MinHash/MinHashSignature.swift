/// A MinHash signature: `signatureSize` 32-bit values (the low 32 bits of the smallest 64-bit hash
/// in each bin; 32 bits make accidental equality of different minima a 2⁻³² event, negligible next
/// to the sampling error, at half the size of 64-bit values).
package struct MinHashSignature: Sendable, Equatable, Hashable {
  package var values: [UInt32]

  package init(values: [UInt32]) {
    self.values = values
  }

  /// Share of positions with equal values: an unbiased estimate of the Jaccard similarity of the two
  /// shingle sets. 0 when the sizes differ or are zero.
  package func estimatedJaccard(_ other: MinHashSignature) -> Double {
    guard values.count == other.values.count, !values.isEmpty else { return 0 }
    var equal = 0
    for index in values.indices where values[index] == other.values[index] { equal += 1 }
    return Double(equal) / Double(values.count)
  }

  private static let magic: [UInt8] = Array("CCMH".utf8)
  private static let version: UInt8 = 1

  /// `CCMH`, version byte 1, value count as UInt32 little-endian, values as UInt32 little-endian.
  package func serialized() -> [UInt8] {
    var out = Self.magic
    out.reserveCapacity(9 + values.count * 4)
    out.append(Self.version)
    appendLittleEndian(UInt32(values.count), to: &out)
    for value in values { appendLittleEndian(value, to: &out) }
    return out
  }

  package init(serialized bytes: [UInt8]) throws(FingerprintsError) {
    func fail(_ reason: FingerprintsError.Reason) -> FingerprintsError {
      FingerprintsError(what: "MinHashSignature", reason: reason)
    }
    guard bytes.count >= 9 else { throw fail(.truncated) }
    guard Array(bytes[0..<4]) == Self.magic else { throw fail(.badMagic) }
    guard bytes[4] == Self.version else { throw fail(.unsupportedVersion(bytes[4])) }
    let count = Int(readLittleEndian(bytes, at: 5))
    guard bytes.count == 9 + count * 4 else {
      throw fail(bytes.count < 9 + count * 4 ? .truncated : .malformed("trailing bytes"))
    }
    values = (0..<count).map { readLittleEndian(bytes, at: 9 + $0 * 4) }
  }
}

private func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
  for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) }
}

private func readLittleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
  var value: UInt32 = 0
  for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
  return value
}
