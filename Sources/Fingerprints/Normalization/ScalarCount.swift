/// Unicode scalars of UTF-8 text, counted as the bytes that are not continuation bytes, eight
/// bytes per step: character counts and code-point offsets are needed for every ingested text,
/// and walking `unicodeScalars` decodes each scalar (measured at 4 % of an ingest).
package enum ScalarCount {
  package static func of(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { of($0) }
  }

  package static func of(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = utf8.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    let count = utf8.count
    var continuations = 0
    var index = 0
    let high: UInt64 = 0x8080_8080_8080_8080
    while index + 8 <= count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear. The flags (one bit per byte,
      // moved to bit 0) are summed by one multiplication: baseline x86-64 has no POPCNT.
      let flags = (word & ~(word &<< 1) & high) &>> 7
      continuations &+= Int(truncatingIfNeeded: (flags &* 0x0101_0101_0101_0101) &>> 56)
      index &+= 8
    }
    while index < count {
      if base[index] & 0xC0 == 0x80 { continuations &+= 1 }
      index &+= 1
    }
    return count - continuations
  }
}
