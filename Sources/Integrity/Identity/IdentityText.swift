/// Normalisation shared by the identity checks: forms and spreadsheets carry full-width digits,
/// lower-case letters and stray spaces that are not errors of the number itself.
public enum IdentityText {
  /// Trims whitespace, maps full-width ASCII (U+FF01…U+FF5E) to ASCII, upper-cases letters and
  /// drops inner spaces and hyphens.
  public static func normalize(_ raw: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in raw.unicodeScalars {
      var value = scalar.value
      if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
      if value == 0x3000 || value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D
        || value == 0x2D || value == 0xA0
      {
        continue
      }
      if (0x61...0x7A).contains(value) { value -= 0x20 }
      if let mapped = Unicode.Scalar(value) { scalars.append(mapped) }
    }
    return String(scalars)
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
}
