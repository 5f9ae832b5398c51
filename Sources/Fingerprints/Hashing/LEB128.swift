/// Unsigned LEB128 varints for the compact serialized forms.
enum LEB128 {
  static func append(_ value: UInt64, to out: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    out.append(UInt8(value))
  }

  struct Reader {
    let bytes: [UInt8]
    var position: Int

    /// The next varint, or nil when the bytes end inside it or it does not fit 64 bits.
    mutating func next() -> UInt64? {
      var result: UInt64 = 0
      var shift: UInt64 = 0
      while position < bytes.count {
        let byte = bytes[position]
        position += 1
        if shift == 63 && byte > 1 { return nil }
        result |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return result }
        shift += 7
        if shift > 63 { return nil }
      }
      return nil
    }
  }
}
