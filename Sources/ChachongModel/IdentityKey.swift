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

  /// Characters shown at each end of a masked number: two (the province and the last two
  /// characters), so a masked number narrows nothing down that a hash could be searched for.
  public static let shownAtEachEnd = 2

  /// Masks all but the first two and the last two characters (`32**************3X`).
  /// Numbers of six characters or fewer are masked entirely: showing both ends would show most.
  public static func mask(_ raw: String) -> String {
    let characters = Array(normalize(raw))
    guard characters.count > 3 * shownAtEachEnd else {
      return String(repeating: "*", count: characters.count)
    }
    let head = String(characters.prefix(shownAtEachEnd))
    let tail = String(characters.suffix(shownAtEachEnd))
    return head + String(repeating: "*", count: characters.count - 2 * shownAtEachEnd) + tail
  }

  /// Masks every resident ID number in free text, in every way forms write one: ASCII or
  /// full-width digits, grouped by single spaces or hyphens (`320602 19850312 0419`,
  /// `320602-19850312-0419`), with a check letter `X`/`x`/`Ｘ`, and the 15-digit numbers issued
  /// before 1999 (with a plausible birth date). Only digits are replaced, one `*` for each, so the
  /// text keeps its length in Unicode scalars and every stored section offset stays right.
  ///
  /// A number is bounded by characters that are not letters or digits, so hexadecimal hashes and
  /// longer account numbers are left alone; digits after a decimal point are a fraction.
  public static func maskingIDNumbers(in text: String) -> String {
    guard mayHoldIDNumber(text) else { return text }
    var scalars = Array(text.unicodeScalars)
    var changed = false
    var index = 0
    while index < scalars.count {
      guard digit(scalars[index]) != nil, index == 0 || !isAlphanumeric(scalars[index - 1]) else {
        index += 1
        continue
      }
      let run = NumberRun.read(scalars, from: index)
      // The digits after a decimal point (`0.0200000000000000033` in a JSON score) are a fraction,
      // not a number someone wrote: masking them would also break the JSON.
      let isFraction =
        index >= 2 && (scalars[index - 1] == "." || scalars[index - 1] == "．")
        && digit(scalars[index - 2]) != nil
      if !isFraction, run.end == scalars.count || !isAlphanumeric(scalars[run.end]) {
        for positions in run.idNumbers(in: scalars) {
          for position in positions.dropFirst(shownAtEachEnd).dropLast(shownAtEachEnd) {
            scalars[position] = "*"
          }
          changed = true
        }
      }
      index = max(run.end, index + 1)
    }
    guard changed else { return text }
    // Encoded by hand: appending scalars to a `String.UnicodeScalarView` one at a time cost more
    // than finding the numbers (every stored text of an ingest passes here).
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in scalars {
      let value = scalar.value
      switch value {
      case 0..<0x80:
        bytes.append(UInt8(value))
      case 0x80..<0x800:
        bytes.append(UInt8(0xC0 | (value >> 6)))
        bytes.append(UInt8(0x80 | (value & 0x3F)))
      case 0x800..<0x10000:
        bytes.append(UInt8(0xE0 | (value >> 12)))
        bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (value & 0x3F)))
      default:
        bytes.append(UInt8(0xF0 | (value >> 18)))
        bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
        bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (value & 0x3F)))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// False when `text` certainly holds no ID number: no 15 digits (ASCII or full-width) follow
  /// one another with at most three UTF-8 bytes (one separator character) between two of them.
  /// One pass over the bytes, so that the texts without one are not decoded into scalars.
  package static func mayHoldIDNumber(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var digits = 0
      var gap = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte >= 0x30 && byte <= 0x39 {
          digits += 1
          gap = 0
          index += 1
        } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC,
          bytes[index + 2] >= 0x90 && bytes[index + 2] <= 0x99
        {
          // A full-width digit, U+FF10…U+FF19.
          digits += 1
          gap = 0
          index += 3
        } else {
          gap += 1
          if gap > 3 { digits = 0 }
          index += 1
        }
        if digits >= 15 { return true }
      }
      return false
    }
  }

  /// Digits grouped by single separators, as a number is written: the positions of each group's
  /// characters (digits and a final check letter).
  private struct NumberRun {
    var groups: [[Int]]
    var end: Int

    static func read(_ scalars: [Unicode.Scalar], from start: Int) -> NumberRun {
      var groups: [[Int]] = []
      var current: [Int] = []
      var position = start
      while position < scalars.count {
        let scalar = scalars[position]
        if digit(scalar) != nil {
          current.append(position)
          position += 1
        } else if isCheckLetter(scalar), !current.isEmpty {
          current.append(position)
          position += 1
          break
        } else if isSeparator(scalar), !current.isEmpty, position + 1 < scalars.count,
          digit(scalars[position + 1]) != nil
        {
          groups.append(current)
          current = []
          position += 1
        } else {
          break
        }
      }
      if !current.isEmpty { groups.append(current) }
      return NumberRun(groups: groups, end: position)
    }

    /// The ID numbers among consecutive groups: 18 characters (17 digits and a digit or check
    /// letter), or 15 digits with a valid month and day.
    func idNumbers(in scalars: [Unicode.Scalar]) -> [[Int]] {
      var found: [[Int]] = []
      var first = 0
      while first < groups.count {
        var positions: [Int] = []
        var match: [Int]?
        for group in groups[first...] {
          positions += group
          if positions.count == 18, positions.dropLast().allSatisfy({ digit(scalars[$0]) != nil }) {
            match = positions
            break
          }
          if positions.count == 15, match == nil, isOldNumber(positions, scalars) { match = positions }
          if positions.count >= 18 { break }
        }
        if let match {
          found.append(match)
          var used = 0
          while used < match.count, first < groups.count {
            used += groups[first].count
            first += 1
          }
        } else {
          first += 1
        }
      }
      return found
    }

    private func isOldNumber(_ positions: [Int], _ scalars: [Unicode.Scalar]) -> Bool {
      let digits = positions.compactMap { digit(scalars[$0]) }
      guard digits.count == 15 else { return false }
      let month = digits[8] * 10 + digits[9]
      let day = digits[10] * 10 + digits[11]
      return (1...12).contains(month) && (1...31).contains(day)
    }
  }

  private static func digit(_ scalar: Unicode.Scalar) -> Int? {
    switch scalar.value {
    case 0x30...0x39: Int(scalar.value - 0x30)
    case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
    default: nil
    }
  }

  private static func isCheckLetter(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "X" || scalar == "x" || scalar.value == 0xFF38 || scalar.value == 0xFF58
  }

  private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20, 0x2D, 0xA0, 0x3000, 0xFF0D, 0x2010...0x2015, 0x2212: true
    default: false
    }
  }

  private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: true
    default: false
    }
  }
}
