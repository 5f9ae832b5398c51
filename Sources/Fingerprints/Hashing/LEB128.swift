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

  @inline(__always)
  static func write(_ value: UInt64, to cursor: inout UnsafeMutablePointer<UInt8>) {
    var value = value
    while value >= 0x80 {
      cursor.pointee = UInt8(truncatingIfNeeded: value) | 0x80
      cursor += 1
      value >>= 7
    }
    cursor.pointee = UInt8(value)
    cursor += 1
  }

  /// Reads varints from memory the caller keeps alive.
  struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int

    /// The next varint, or nil when the bytes end inside it or it does not fit 64 bits.
    /// Values below 2²¹ (CJK token ids, offsets) take the unrolled path.
    @inline(__always)
    mutating func next() -> UInt64? {
      if position &+ 3 <= bytes.count {
        let first = UInt64(bytes[position])
        if first < 0x80 {
          position &+= 1
          return first
        }
        let second = UInt64(bytes[position &+ 1])
        if second < 0x80 {
          position &+= 2
          return (first & 0x7F) | second << 7
        }
        let third = UInt64(bytes[position &+ 2])
        if third < 0x80 {
          position &+= 3
          return (first & 0x7F) | (second & 0x7F) << 7 | third << 14
        }
      }
      return nextSlow()
    }

    private mutating func nextSlow() -> UInt64? {
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
