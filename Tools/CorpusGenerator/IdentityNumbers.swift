import Integrity

/// Valid and deliberately invalid ID numbers and credit codes, built with the Integrity module's
/// GB 11643 / GB 32100 implementation (the generator never computes check digits itself).
enum IdentityNumbers {
  static func residentID(region: String, year: Int, month: Int, day: Int, sequence: Int) -> String? {
    ResidentID.make(region: region, year: year, month: month, day: day, sequence: sequence)?.value
  }

  static func creditCode(prefix: String, region: String, organizationBase: String) -> String? {
    CreditCode.make(prefix: prefix, region: region, organizationBase: organizationBase)?.value
  }

  /// The same number with a wrong final check character.
  static func corruptedResidentID(_ valid: String) -> String {
    corrupt(valid, alphabet: ResidentID.checkCharacters, isValid: ResidentID.isValid)
  }

  static func corruptedCreditCode(_ valid: String) -> String {
    corrupt(valid, alphabet: CreditCode.alphabet, isValid: CreditCode.isValid)
  }

  static func isValidResidentID(_ value: String) -> Bool { ResidentID.isValid(value) }
  static func isValidCreditCode(_ value: String) -> Bool { CreditCode.isValid(value) }

  private static func corrupt(_ valid: String, alphabet: [Character], isValid: (String) -> Bool) -> String {
    let body = String(valid.dropLast())
    let current = valid.last
    for candidate in alphabet where candidate != current {
      let attempt = body + String(candidate)
      if !isValid(attempt) { return attempt }
    }
    return body + "?"
  }
}
