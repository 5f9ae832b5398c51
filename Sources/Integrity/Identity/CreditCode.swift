import ChachongModel

/// Unified social credit code per GB 32100-2015: registration authority (1), organisation
/// category (1), region code (6 digits), organisation code (9, GB 11714) and a check character,
/// all from the 31-character set `0-9A-HJ-NPQRTUWXY` (no I, O, S, V, Z), check by MOD 31.
package struct CreditCode: Sendable, Hashable, CustomStringConvertible {
  /// The normalised 18-character code. Not personal data: codes are public.
  package let value: String

  /// Validates `raw` after normalisation (full-width characters, lower case, spaces).
  package init(validating raw: String) throws(IdentityError) {
    let normalized = IdentityKey.normalize(raw)
    try CreditCode.check(normalized)
    value = normalized
  }

  package var description: String { value }

  package var registrationAuthority: Character { value[value.startIndex] }
  package var regionCode: String { String(value.dropFirst(2).prefix(6)) }
  /// The embedded GB 11714 organisation code (9 characters).
  package var organizationCode: String { String(value.dropFirst(8).prefix(9)) }

  /// True when the embedded organisation code also carries a valid GB 11714 check character.
  /// Not part of validity: codes issued to sole proprietors do not always satisfy it.
  package var hasValidOrganizationCode: Bool {
    let code = Array(organizationCode)
    guard code.count == 9,
      let check = CreditCode.organizationCheckCharacter(forFirst8: String(code.prefix(8)))
    else { return false }
    return check == code[8]
  }

  /// The code's alphabet in value order: the character at index v has value v.
  package static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
  /// Weights 3^i mod 31 for positions 1…17.
  package static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

  private static let values: [Character: Int] = {
    var map: [Character: Int] = [:]
    for (index, character) in alphabet.enumerated() { map[character] = index }
    return map
  }()

  /// The check character for the first 17 characters, or nil when they are not 17 characters
  /// of the alphabet.
  package static func checkCharacter(forFirst17 first17: String) -> Character? {
    let characters = Array(first17)
    guard characters.count == 17 else { return nil }
    var sum = 0
    for (index, character) in characters.enumerated() {
      guard let value = values[character] else { return nil }
      sum += value * weights[index]
    }
    let check = (31 - sum % 31) % 31
    return alphabet[check]
  }

  /// GB 11714 check character of an organisation code's first 8 characters (0-9, A-Z).
  package static func organizationCheckCharacter(forFirst8 first8: String) -> Character? {
    let weights = [3, 7, 9, 10, 5, 8, 4, 2]
    let characters = Array(first8.unicodeScalars)
    guard characters.count == 8 else { return nil }
    var sum = 0
    for (index, scalar) in characters.enumerated() {
      let value: Int
      switch scalar.value {
      case 48...57: value = Int(scalar.value) - 48
      case 65...90: value = Int(scalar.value) - 55
      default: return nil
      }
      sum += value * weights[index]
    }
    let check = 11 - sum % 11
    switch check {
    case 10: return "X"
    case 11: return "0"
    default: return Character(String(check))
    }
  }

  package static func isValid(_ raw: String) -> Bool {
    (try? CreditCode(validating: raw)) != nil
  }

  /// Why `raw` is not valid, or nil when it is.
  package static func problem(with raw: String) -> IdentityError? {
    do {
      _ = try CreditCode(validating: raw)
      return nil
    } catch {
      return error
    }
  }

  /// Builds a valid code (used by the corpus generator): `prefix` is registration authority and
  /// category (e.g. "91" for a company), `region` six digits, `organizationBase` the first eight
  /// characters of the organisation code (its GB 11714 check is computed too).
  package static func make(prefix: String = "91", region: String, organizationBase: String) -> CreditCode? {
    guard prefix.count == 2, region.count == 6, region.allSatisfy({ $0.isASCII && $0.isNumber }),
      let organizationCheck = organizationCheckCharacter(forFirst8: organizationBase),
      values[organizationCheck] != nil
    else { return nil }
    let first17 = prefix + region + organizationBase + String(organizationCheck)
    guard let check = checkCharacter(forFirst17: first17) else { return nil }
    return try? CreditCode(validating: first17 + String(check))
  }

  private static func check(_ value: String) throws(IdentityError) {
    let characters = Array(value)
    guard characters.count == 18 else { throw .wrongLength(expected: 18, actual: characters.count) }
    for (index, character) in characters.enumerated() where values[character] == nil {
      throw .invalidCharacter(position: index + 1)
    }
    for index in 2..<8 where !(characters[index].isASCII && characters[index].isNumber) {
      throw .invalidCharacter(position: index + 1)
    }
    let expected = checkCharacter(forFirst17: String(characters.prefix(17))) ?? "?"
    guard expected == characters[17] else {
      throw .wrongCheckCharacter(expected: expected, actual: characters[17])
    }
  }
}
