import ChachongModel

/// Resident identity number per GB 11643-1999: 6-digit region code, 8-digit birth date
/// (YYYYMMDD), 3-digit sequence (odd for men) and a check character computed with
/// ISO 7064 MOD 11-2.
package struct ResidentID: Sendable, Hashable, CustomStringConvertible {
  /// The normalised 18-character number. Personal data: show `masked` instead.
  package let value: String

  /// Validates `raw` after normalisation (full-width digits, lower-case x, spaces).
  package init(validating raw: String) throws(IdentityError) {
    let normalized = IdentityKey.normalize(raw)
    try ResidentID.check(normalized)
    value = normalized
  }

  /// `3206**********123X`.
  package var masked: String { IdentityKey.mask(value) }

  /// The masked form: a resident ID printed by accident must not leak.
  package var description: String { masked }

  package var regionCode: String { String(value.prefix(6)) }

  /// Year, month and day of birth.
  package var birthDate: (year: Int, month: Int, day: Int) {
    let digits = Array(value.utf8).map { Int($0) - 48 }
    return (
      number(digits[6..<10]), number(digits[10..<12]), number(digits[12..<14])
    )
  }

  /// The sequence code's last digit is odd for men, even for women.
  package var isMale: Bool {
    let digits = Array(value.utf8)
    return (Int(digits[16]) - 48) % 2 == 1
  }

  /// ISO 7064 MOD 11-2 weights, 2^(17-i) mod 11.
  package static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  /// The check character for each value of (weighted sum mod 11).
  package static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
  /// Province prefixes of GB/T 2260 plus 83 (Taiwan residents' residence permits).
  package static let provincePrefixes: Set<Int> = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
  ]

  /// The check character for the first 17 digits, or nil when `first17` is not 17 ASCII digits.
  package static func checkCharacter(forFirst17 first17: String) -> Character? {
    let digits = Array(first17.utf8)
    guard digits.count == 17, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
    var sum = 0
    for (index, digit) in digits.enumerated() { sum += (Int(digit) - 48) * weights[index] }
    return checkCharacters[sum % 11]
  }

  /// True when `raw` is a valid resident ID.
  package static func isValid(_ raw: String) -> Bool {
    (try? ResidentID(validating: raw)) != nil
  }

  /// Why `raw` is not valid, or nil when it is.
  package static func problem(with raw: String) -> IdentityError? {
    do {
      _ = try ResidentID(validating: raw)
      return nil
    } catch {
      return error
    }
  }

  /// Builds a valid number from its parts (used by the corpus generator): `region` is six digits,
  /// `sequence` 0…999. Returns nil for impossible parts.
  package static func make(region: String, year: Int, month: Int, day: Int, sequence: Int) -> ResidentID? {
    guard region.utf8.count == 6, region.utf8.allSatisfy({ (48...57).contains($0) }),
      (0...999).contains(sequence), isRealDate(year: year, month: month, day: day)
    else { return nil }
    let first17 = region + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(sequence, 3)
    guard let check = checkCharacter(forFirst17: first17) else { return nil }
    return try? ResidentID(validating: first17 + String(check))
  }

  private static func check(_ value: String) throws(IdentityError) {
    let bytes = Array(value.utf8)
    if bytes.count == 15 && bytes.allSatisfy({ (48...57).contains($0) }) {
      throw .legacyFifteenDigit
    }
    guard bytes.count == 18, value.unicodeScalars.count == 18 else {
      throw .wrongLength(expected: 18, actual: value.count)
    }
    for index in 0..<17 where !(48...57).contains(bytes[index]) {
      throw .invalidCharacter(position: index + 1)
    }
    let last = bytes[17]
    guard (48...57).contains(last) || last == 88 else { throw .invalidCharacter(position: 18) }
    let digits = bytes.map { Int($0) - 48 }
    guard provincePrefixes.contains(digits[0] * 10 + digits[1]) else { throw .unknownRegion }
    let year = number(digits[6..<10])
    let month = number(digits[10..<12])
    let day = number(digits[12..<14])
    guard (1850...2099).contains(year), isRealDate(year: year, month: month, day: day) else {
      throw .invalidBirthDate
    }
    let expected = checkCharacter(forFirst17: String(value.prefix(17))) ?? "?"
    let actual = Character(Unicode.Scalar(last))
    guard expected == actual else { throw .wrongCheckCharacter(expected: expected, actual: actual) }
  }

  static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}

private func number(_ digits: ArraySlice<Int>) -> Int {
  digits.reduce(0) { $0 * 10 + $1 }
}
