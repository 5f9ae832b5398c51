import Glibc

/// Decodes text files: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which covers
/// GBK and GB2312). Reports the encoding it used; never guesses silently.
enum TextDecoder {
  struct Decoded: Equatable {
    var text: String
    var encoding: String
  }

  static func decode(_ bytes: [UInt8]) -> Decoded? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { return nil }
      return Decoded(text: text, encoding: "UTF-8 with BOM")
    }
    if bytes.starts(with: [0xFF, 0xFE]) { return decodeUTF16(bytes.dropFirst(2), bigEndian: false) }
    if bytes.starts(with: [0xFE, 0xFF]) { return decodeUTF16(bytes.dropFirst(2), bigEndian: true) }
    if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: text, encoding: "UTF-8") }
    if let text = convert(bytes, from: "GB18030") { return Decoded(text: text, encoding: "GB18030") }
    return nil
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
