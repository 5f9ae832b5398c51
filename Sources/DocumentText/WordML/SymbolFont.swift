/// The Symbol font's code page (Adobe Symbol encoding) in Unicode, for `w:sym w:font="Symbol"`.
enum SymbolFont {
  static func unicode(_ code: UInt32) -> Unicode.Scalar? {
    guard code >= 0x20, code <= 0xFF else { return nil }
    if let letter = greek[code] { return letter }
    if let symbol = others[code] { return symbol }
    // The rest of the printable ASCII range (digits, brackets, operators) is ASCII in Symbol too.
    return code < 0x7F ? Unicode.Scalar(code) : nil
  }

  private static let greek: [UInt32: Unicode.Scalar] = {
    let upper = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"
    let lower = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"
    var table: [UInt32: Unicode.Scalar] = [:]
    for (offset, scalar) in upper.unicodeScalars.enumerated() { table[0x41 + UInt32(offset)] = scalar }
    for (offset, scalar) in lower.unicodeScalars.enumerated() { table[0x61 + UInt32(offset)] = scalar }
    return table
  }()

  private static let others: [UInt32: Unicode.Scalar] = [
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
    0xA0: "€", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤", 0xA4: "⁄", 0xA5: "∞", 0xA6: "ƒ", 0xA7: "♣", 0xA8: "♦",
    0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±",
    0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡",
    0xBB: "≈", 0xBC: "…", 0xBD: "⏐", 0xBE: "⎯", 0xBF: "↵", 0xC0: "ℵ", 0xC1: "ℑ", 0xC2: "ℜ", 0xC3: "℘",
    0xC4: "⊗", 0xC5: "⊕", 0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂",
    0xCD: "⊆", 0xCE: "∈", 0xCF: "∉", 0xD0: "∠", 0xD1: "∇", 0xD2: "®", 0xD3: "©", 0xD4: "™", 0xD5: "∏",
    0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒",
    0xDF: "⇓", 0xE0: "◊", 0xE1: "〈", 0xE2: "®", 0xE3: "©", 0xE4: "™", 0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
  ]
}
