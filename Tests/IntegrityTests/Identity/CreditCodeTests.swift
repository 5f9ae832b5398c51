import Testing

@testable import Integrity

@Suite struct CreditCodeTests {
  @Test func acceptsKnownValidCodes() {
    #expect(CreditCode.isValid("91350100M000100Y43"))
    #expect(CreditCode.isValid("91110000600037341L"))
  }

  @Test func computesTheCheckCharacter() {
    #expect(CreditCode.checkCharacter(forFirst17: "91350100M000100Y4") == "3")
    #expect(CreditCode.checkCharacter(forFirst17: "91110000600037341") == "L")
    #expect(CreditCode.checkCharacter(forFirst17: "91320600738283692") == "G")
    // I, O, S, V and Z are not in the alphabet.
    #expect(CreditCode.checkCharacter(forFirst17: "91350100I000100Y4") == nil)
    #expect(CreditCode.checkCharacter(forFirst17: "9135") == nil)
  }

  @Test func rejectsAWrongCheckCharacter() {
    #expect(
      CreditCode.problem(with: "91350100M000100Y44") == .wrongCheckCharacter(expected: "3", actual: "4"))
  }

  @Test func rejectsCharactersOutsideTheAlphabet() {
    #expect(CreditCode.problem(with: "91350100O000100Y43") == .invalidCharacter(position: 9))
    #expect(CreditCode.problem(with: "913501A0M000100Y43") == .invalidCharacter(position: 7))
    #expect(CreditCode.problem(with: "91350100M000100Y4") == .wrongLength(expected: 18, actual: 17))
  }

  @Test func normalizesLowerCaseAndFullWidth() throws {
    #expect(try CreditCode(validating: "91350100m000100y43").value == "91350100M000100Y43")
    #expect(CreditCode.isValid("９１３５０１００Ｍ０００１００Ｙ４３"))
  }

  @Test func makesValidCodesWithAValidOrganizationCode() throws {
    let code = try #require(CreditCode.make(region: "320602", organizationBase: "MA1X2B3C"))
    #expect(CreditCode.isValid(code.value))
    #expect(code.value.hasPrefix("91320602MA1X2B3C"))
    #expect(code.regionCode == "320602")
    #expect(code.hasValidOrganizationCode)
    #expect(code.registrationAuthority == "9")
    #expect(CreditCode.make(region: "3206", organizationBase: "MA1X2B3C") == nil)
  }

  @Test func checksTheEmbeddedOrganizationCode() throws {
    // GB 11714's own example: 12345678 → check 8 (sum 3+14+27+40+25+48+28+16 = 201, 11 - 201 % 11 = 8).
    #expect(CreditCode.organizationCheckCharacter(forFirst8: "12345678") == "8")
    #expect(try CreditCode(validating: "91110000600037341L").hasValidOrganizationCode)
  }
}
