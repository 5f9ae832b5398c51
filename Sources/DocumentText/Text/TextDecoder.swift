import Glibc

/// Decodes text files: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which covers
/// GBK and GB2312). Reports the encoding it used; never guesses silently.
enum TextDecoder {
  struct Decoded: Equatable {
    var text: String
    var encoding: String
    /// Set when the bytes were not all valid in `encoding` (invalid ones became U+FFFD).
    var warning: String? = nil
  }

  static func decode(_ bytes: [UInt8]) -> Decoded? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { return nil }
      return Decoded(text: text, encoding: "UTF-8 with BOM")
    }
    if bytes.starts(with: [0xFF, 0xFE]) { return decodeUTF16(bytes.dropFirst(2), bigEndian: false) }
    if bytes.starts(with: [0xFE, 0xFF]) { return decodeUTF16(bytes.dropFirst(2), bigEndian: true) }
    if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: text, encoding: "UTF-8") }
    // A UTF-8 file with a phrase pasted from a GBK source is UTF-8 with a flaw, not a GB18030 file:
    // read as GB18030 its every Chinese character would turn into mojibake.
    let (valid, invalid) = utf8Counts(bytes)
    if valid >= 16, valid > 4 * invalid { return mostlyUTF8(bytes, invalid: invalid) }
    if let text = convert(bytes, from: "GB18030") { return Decoded(text: text, encoding: "GB18030") }
    if valid > invalid { return mostlyUTF8(bytes, invalid: invalid) }
    return nil
  }

  private static func mostlyUTF8(_ bytes: [UInt8], invalid: Int) -> Decoded {
    Decoded(
      text: String(decoding: bytes, as: UTF8.self), encoding: "UTF-8",
      warning: "\(invalid) byte sequences are not valid UTF-8 (text in another encoding, such as GBK?); "
        + "they were replaced with U+FFFD")
  }

  /// Multi-byte scalars that decode as UTF-8, and invalid sequences.
  static func utf8Counts(_ bytes: [UInt8]) -> (valid: Int, invalid: Int) {
    var valid = 0
    var invalid = 0
    var iterator = bytes.makeIterator()
    var decoder = Unicode.UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): if scalar.value >= 0x80 { valid += 1 }
      case .error: invalid += 1
      case .emptyInput: break loop
      }
    }
    return (valid, invalid)
  }

  private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> Decoded? {
    guard bytes.count % 2 == 0 else { return nil }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(bigEndian ? first << 8 | second : second << 8 | first)
      index += 2
    }
    guard let text = String(validating: units, as: UTF16.self) else { return nil }
    return Decoded(text: text, encoding: bigEndian ? "UTF-16BE" : "UTF-16LE")
  }

  /// Converts with Glibc's iconv; nil when the bytes are not valid in `encoding`.
  static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
    let descriptor = iconv_open("UTF-8", encoding)
    guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
    defer { iconv_close(descriptor) }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
    let outputCapacity = output.count
    var inputLeft = input.count
    var outputLeft = outputCapacity
    let status = input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        var inputPointer = inputBuffer.baseAddress
        var outputPointer = outputBuffer.baseAddress
        return iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
      }
    }
    guard status != -1, inputLeft == 0 else { return nil }
    let produced = output[0..<(outputCapacity - outputLeft)].map { UInt8(bitPattern: $0) }
    return String(validating: produced, as: UTF8.self)
  }
}
