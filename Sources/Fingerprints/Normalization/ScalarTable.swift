import Foundation

/// Classification of every scalar, precomputed for the Basic Multilingual Plane (64 Ki entries,
/// built once per process, a few milliseconds) so that the normaliser's hot loop is one load per
/// scalar. Scalars above U+FFFF are classified on the fly (rare outside CJK extension B+, which is a
/// range check).
enum ScalarTable {
  /// `kinds`: `ScalarKind.rawValue` for U+0000…U+FFFF. `mapping`: for `.mapped` scalars of the BMP,
  /// the scalar NFKC + lowercasing maps them to; 0 elsewhere.
  static let bmp: (kinds: [UInt8], mapping: [UInt32]) = build()

  private static func build() -> (kinds: [UInt8], mapping: [UInt32]) {
    var kinds = [UInt8](repeating: ScalarKind.separator.rawValue, count: 0x10000)
    var mapping = [UInt32](repeating: 0, count: 0x10000)
    for value in UInt32(0)..<0x10000 {
      guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
      let (kind, target) = classify(scalar)
      kinds[Int(value)] = kind.rawValue
      if kind == .mapped, let target { mapping[Int(value)] = target.value }
    }
    return (kinds, mapping)
  }

  /// The kind of any scalar, and for `.mapped` the single scalar it maps to.
  static func classify(_ scalar: Unicode.Scalar) -> (ScalarKind, Unicode.Scalar?) {
    let properties = scalar.properties
    if scalar.value >= 0x80 && properties.changesWhenNFKCCaseFolded {
      let folded = foldedScalars(scalar)
      if folded.count == 1, let only = folded.first {
        let kind = baseKind(only)
        if kind == .separator || kind == .ignorable { return (kind, nil) }
        return (.mapped, only)
      }
      let kinds = folded.map(baseKind)
      if kinds.allSatisfy({ $0 == .ignorable }) { return (.ignorable, nil) }
      if kinds.allSatisfy({ $0 == .ignorable || $0 == .separator }) { return (.separator, nil) }
      return (.expands, nil)
    }
    return (baseKind(scalar), nil)
  }

  /// NFKC, then Unicode default lowercase mapping, then NFKC again (lowercasing can leave a
  /// decomposed sequence). Default-ignorable scalars are removed, as NFKC_Casefold does.
  static func foldedScalars(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
    fold(String(Character(scalar))).unicodeScalars.filter {
      !$0.properties.isDefaultIgnorableCodePoint
    }
  }

  static func fold(_ text: String) -> String {
    text.precomposedStringWithCompatibilityMapping.lowercased()
      .precomposedStringWithCompatibilityMapping
  }

  /// Kind of a scalar that NFKC + lowercasing leaves unchanged.
  static func baseKind(_ scalar: Unicode.Scalar) -> ScalarKind {
    let value = scalar.value
    if value < 0x80 {
      switch value {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .asciiAlphanumeric
      default: return .separator
      }
    }
    let properties = scalar.properties
    if properties.isDefaultIgnorableCodePoint { return .ignorable }
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber:
      return isIdeographic(value) ? .ideograph : .word
    case .nonspacingMark, .spacingMark, .enclosingMark:
      return .mark
    default:
      return .separator
    }
  }

  /// Scripts written without spaces whose characters are tokens one by one.
  static func isIdeographic(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x11FF,  // Hangul Jamo
      0x2E80...0x2FDF,  // CJK and Kangxi radicals
      0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C,  // 々〆〇, Hangzhou numerals
      0x3040...0x30FF,  // Hiragana, Katakana
      0x3100...0x312F, 0x3130...0x318F, 0x31A0...0x31BF, 0x31F0...0x31FF,  // Bopomofo, Jamo, Katakana ext.
      0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ext. A, unified ideographs
      0xA000...0xA4CF,  // Yi
      0xA960...0xA97F, 0xAC00...0xD7FF,  // Hangul
      0xF900...0xFAFF,  // CJK compatibility ideographs
      0xFF66...0xFF9F,  // half-width Katakana
      0x16FE0...0x16FFF, 0x17000...0x18AFF, 0x1B000...0x1B2FF,  // Tangut, kana supplement
      0x20000...0x3FFFF:  // CJK ext. B and later
      return true
    default:
      return false
    }
  }
}
