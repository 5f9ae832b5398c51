import CDeflate

/// Schema version 1's stored texts: a 4-byte little-endian length, then a zlib stream. Still read
/// for indexes written by version 1; nothing writes them any more except the tests, which build a
/// version 1 blob with ``compress(_:level:)`` to check the upgrade.
package enum Deflate {
  package static func compress(_ bytes: [UInt8], level: Int32) -> [UInt8]? {
    guard bytes.count < Int(UInt32.max) else { return nil }
    var capacity = compressBound(uLong(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(capacity) + 4)
    let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
      guard let base = out.baseAddress else { return Z_MEM_ERROR }
      return bytes.withUnsafeBufferPointer { input in
        compress2(base + 4, &capacity, input.baseAddress, uLong(input.count), level)
      }
    }
    guard status == Z_OK else { return nil }
    let length = UInt32(bytes.count)
    for index in 0..<4 {
      output[index] = UInt8(truncatingIfNeeded: length >> UInt32(8 * index))
    }
    output.removeSubrange((Int(capacity) + 4)...)
    return output
  }

  package static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
    guard bytes.count >= 4 else { return nil }
    var length = 0
    for index in 0..<4 {
      length |= Int(bytes[index]) << (8 * index)
    }
    var written = uLongf(length)
    var output = [UInt8](repeating: 0, count: max(length, 1))
    let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
      bytes.withUnsafeBufferPointer { input in
        guard let source = input.baseAddress else { return Z_DATA_ERROR }
        return uncompress(out.baseAddress, &written, source + 4, uLong(input.count - 4))
      }
    }
    guard status == Z_OK, Int(written) == length else { return nil }
    output.removeSubrange(length...)
    return output
  }
}
