/// The 8-bit ("compressed") pieces of a Word 97 file: cp1252 by the specification, but some
/// Chinese writers store GBK (or Big5) bytes there, which only the document's language reveals.
enum CodePage {
  /// cp1252's 0x80…0x9F ([MS-DOC] 2.4.1 lists these exceptions to Latin-1); 0 where undefined.
  private static let windows1252High: [UInt16] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
    0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0, 0x017E, 0x0178,
  ]

  struct Decoded {
    var units: [UInt16]
    var usedDoubleByte: Bool
  }

  /// The double-byte code page a Chinese document language implies: GBK for simplified
  /// (zh-CN 0x0804, zh-SG 0x1004), Big5 for traditional (zh-TW 0x0404, zh-HK 0x0C04, zh-MO 0x1404).
  static func eightBit(language: Int, eastAsianLanguage: Int) -> String? {
    for lid in [language, eastAsianLanguage] {
      switch lid {
      case 0x0804, 0x1004: return "GBK"
      case 0x0404, 0x0C04, 0x1404: return "BIG5"
      default: continue
      }
    }
    return nil
  }

  /// One unit per byte. With a double-byte code page, a piece whose every high byte pairs into
  /// an EUC-style character (lead and trail both 0xA1…0xFE: never cp1252 punctuation such as
  /// curly quotes, which sit in 0x80…0x9F) is decoded in it; the trail byte's unit is
  /// ``StoryBuilder/secondByte``. Anything else is cp1252.
  static func decode(_ bytes: [UInt8], doubleByte: String?) -> Decoded {
    if let doubleByte, isDoubleByteText(bytes), let decoded = decodeDoubleByte(bytes, codePage: doubleByte) {
      return Decoded(units: decoded, usedDoubleByte: true)
    }
    return Decoded(
      units: bytes.map { byte in
        (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt16(byte)
      }, usedDoubleByte: false)
  }

  private static func isDoubleByteText(_ bytes: [UInt8]) -> Bool {
    var index = 0
    var pairs = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      guard (0xA1...0xFE).contains(byte), index + 1 < bytes.count, (0xA1...0xFE).contains(bytes[index + 1])
      else { return false }
      pairs += 1
      index += 2
    }
    return pairs > 0
  }

  private static func decodeDoubleByte(_ bytes: [UInt8], codePage: String) -> [UInt16]? {
    guard let text = TextDecoder.convert(bytes, from: codePage) else { return nil }
    let scalars = Array(text.unicodeScalars)
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count)
    var index = 0
    var scalarIndex = 0
    while index < bytes.count {
      guard scalarIndex < scalars.count, scalars[scalarIndex].value <= 0xFFFF else { return nil }
      units.append(UInt16(scalars[scalarIndex].value))
      scalarIndex += 1
      if bytes[index] < 0x80 {
        index += 1
      } else {
        units.append(StoryBuilder.secondByte)
        index += 2
      }
    }
    return scalarIndex == scalars.count ? units : nil
  }
}
