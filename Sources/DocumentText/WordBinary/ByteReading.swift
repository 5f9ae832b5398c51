/// Little-endian reads from untrusted bytes: every read is bounds-checked and reports a missing
/// byte as nil, so a truncated or lying structure can never trap.
extension Array where Element == UInt8 {
  func uint8(at offset: Int) -> Int? {
    guard offset >= 0, offset < count else { return nil }
    return Int(self[offset])
  }

  func uint16(at offset: Int) -> Int? {
    guard offset >= 0, offset <= count - 2 else { return nil }
    return Int(self[offset]) | Int(self[offset + 1]) << 8
  }

  func uint32(at offset: Int) -> Int? {
    guard offset >= 0, offset <= count - 4 else { return nil }
    return Int(self[offset]) | Int(self[offset + 1]) << 8 | Int(self[offset + 2]) << 16
      | Int(self[offset + 3]) << 24
  }

  /// A copy of `length` bytes from `offset`, or nil when they are not all there.
  func bytes(at offset: Int, length: Int) -> [UInt8]? {
    guard offset >= 0, length >= 0, offset <= count - length else { return nil }
    return Array(self[offset..<(offset + length)])
  }
}
