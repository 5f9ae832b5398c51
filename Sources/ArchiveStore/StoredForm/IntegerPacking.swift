/// Little-endian packing of 64-bit values into BLOBs (fingerprint lists).
package enum IntegerPacking {
  package static func pack(_ values: [UInt64]) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: values.count * 8)
    for (index, value) in values.enumerated() {
      for byte in 0..<8 {
        bytes[index * 8 + byte] = UInt8(truncatingIfNeeded: value >> UInt64(8 * byte))
      }
    }
    return bytes
  }

  package static func unpack(_ bytes: [UInt8]) -> [UInt64]? {
    guard bytes.count % 8 == 0 else { return nil }
    var values: [UInt64] = []
    values.reserveCapacity(bytes.count / 8)
    var index = 0
    while index < bytes.count {
      var value: UInt64 = 0
      for byte in 0..<8 {
        value |= UInt64(bytes[index + byte]) << UInt64(8 * byte)
      }
      values.append(value)
      index += 8
    }
    return values
  }
}
