/// The one identity key of resident ID numbers (GB 11643) and unified social credit codes
/// (GB 32100): how they are normalised before they are compared, hashed or checked, and how they
/// are masked before they are shown.
///
/// Forms, manifests and registries write the same number as `３２０６…` (full-width), with
/// spaces or hyphens (`320602-19800301-0113`) or with a lower-case check letter; all of these
/// are one key. Every layer that compares, hashes or masks a number goes through here, so ingest,
/// check, the stores and the service can never key one number two ways.
public enum IdentityKey {
  /// Trims whitespace, maps full-width ASCII (U+FF01…U+FF5E) to ASCII, upper-cases letters and
  /// drops inner spaces (ASCII, ideographic, no-break) and hyphens (ASCII, full-width, dashes).
  public static func normalize(_ raw: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in raw.unicodeScalars {
      var value = scalar.value
      if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
      if value == 0x3000 || value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D
        || value == 0x2D || value == 0xA0 || (0x2010...0x2015).contains(value) || value == 0x2212
      {
        continue
      }
      if (0x61...0x7A).contains(value) { value -= 0x20 }
      if let mapped = Unicode.Scalar(value) { scalars.append(mapped) }
    }
    return String(scalars)
  }

  /// The keyed hash of a number: `hash` (the store's keyed HMAC) of its normalised UTF-8 bytes.
  public static func keyed(_ raw: String, hash: ([UInt8]) -> String) -> String {
    hash(Array(normalize(raw).utf8))
  }

  /// Masks all but the first four and the last four characters (`3206**********123X`).
  /// Numbers of eight characters or fewer are masked entirely: showing both ends would show it all.
  public static func mask(_ raw: String) -> String {
    let characters = Array(normalize(raw))
    guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
    let head = String(characters.prefix(4))
    let tail = String(characters.suffix(4))
    return head + String(repeating: "*", count: characters.count - 8) + tail
  }

  /// Masks every run that looks like a resident ID number (17 ASCII digits and a digit or X) in
  /// free text, so excerpts of documents never show one.
  public static func maskingIDNumbers(in text: String) -> String {
    let characters = Array(text)
    var result = ""
    var index = 0
    func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
    while index < characters.count {
      if index + 18 <= characters.count, characters[index..<(index + 17)].allSatisfy(isDigit),
        isDigit(characters[index + 17]) || characters[index + 17] == "X" || characters[index + 17] == "x",
        index == 0 || !isDigit(characters[index - 1]),
        index + 18 == characters.count || !isDigit(characters[index + 18])
      {
        result += mask(String(characters[index..<(index + 18)]))
        index += 18
      } else {
        result.append(characters[index])
        index += 1
      }
    }
    return result
  }
}
