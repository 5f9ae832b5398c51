import ChachongModel
import Testing

@testable import Integrity

@Suite struct ResidentIDTests {
  @Test func acceptsTheStandardsExamples() throws {
    // Both examples are printed in GB 11643-1999.
    #expect(ResidentID.isValid("11010519491231002X"))
    #expect(ResidentID.isValid("440524188001010014"))
  }

  @Test func computesTheCheckCharacter() {
    #expect(ResidentID.checkCharacter(forFirst17: "11010519491231002") == "X")
    #expect(ResidentID.checkCharacter(forFirst17: "44052418800101001") == "4")
    #expect(ResidentID.checkCharacter(forFirst17: "32060219800101123") == "5")
    #expect(ResidentID.checkCharacter(forFirst17: "3206021980010112") == nil)
    #expect(ResidentID.checkCharacter(forFirst17: "3206021980010112A") == nil)
  }

  @Test func rejectsAWrongCheckCharacter() {
    #expect(
      ResidentID.problem(with: "110105194912310021") == .wrongCheckCharacter(expected: "X", actual: "1"))
  }

  @Test func normalizesFullWidthAndLowerCase() throws {
    let id = try ResidentID(validating: " １１０１０５１９４９１２３１００２ｘ ")
    #expect(id.value == "11010519491231002X")
    #expect(ResidentID.isValid("11010519491231002x"))
  }

  @Test func rejectsImpossibleBirthDates() throws {
    // 1981-02-29 does not exist; the check character is right for the digits.
    let first17 = "32060219810229123"
    let check = try #require(ResidentID.checkCharacter(forFirst17: first17))
    #expect(ResidentID.problem(with: first17 + String(check)) == .invalidBirthDate)
    let month13 = "32060219801301123"
    let check13 = try #require(ResidentID.checkCharacter(forFirst17: month13))
    #expect(ResidentID.problem(with: month13 + String(check13)) == .invalidBirthDate)
    // 2000-02-29 exists (leap year divisible by 400).
    let leap = "32060220000229123"
    let checkLeap = try #require(ResidentID.checkCharacter(forFirst17: leap))
    #expect(ResidentID.isValid(leap + String(checkLeap)))
  }

  @Test func rejectsWrongShapes() {
    #expect(ResidentID.problem(with: "3206021980010112") == .wrongLength(expected: 18, actual: 16))
    #expect(ResidentID.problem(with: "320602800101123") == .legacyFifteenDigit)
    #expect(ResidentID.problem(with: "3206021980A101123X") == .invalidCharacter(position: 11))
    #expect(ResidentID.problem(with: "32060219800101123A") == .invalidCharacter(position: 18))
    #expect(ResidentID.problem(with: "99060219800101123X") == .unknownRegion)
  }

  @Test func makesValidNumbers() throws {
    let id = try #require(ResidentID.make(region: "320602", year: 1985, month: 7, day: 9, sequence: 31))
    #expect(
      id.value == "32060219850709031"
        + String(ResidentID.checkCharacter(forFirst17: "32060219850709031") ?? "?"))
    #expect(ResidentID.isValid(id.value))
    #expect(id.birthDate.year == 1985 && id.birthDate.month == 7 && id.birthDate.day == 9)
    #expect(id.isMale)
    #expect(id.regionCode == "320602")
    #expect(ResidentID.make(region: "320602", year: 1985, month: 2, day: 30, sequence: 1) == nil)
    #expect(ResidentID.make(region: "32060", year: 1985, month: 2, day: 3, sequence: 1) == nil)
  }

  @Test func masksFirstFourAndLastFour() throws {
    let id = try ResidentID(validating: "11010519491231002X")
    #expect(id.masked == "1101**********002X")
    #expect("\(id)" == "1101**********002X")
    #expect(IdentityKey.mask("320602198001011235") == "3206**********1235")
    #expect(IdentityKey.mask("12345678") == "********")
    #expect(IdentityKey.mask("") == "")
  }

  @Test func errorDescriptionsNeverContainTheNumber() throws {
    let problem = try #require(ResidentID.problem(with: "110105194912310021"))
    let english = problem.description
    let chinese = problem.chineseDescription
    #expect(english == "check character is 1, expected X")
    #expect(chinese == "校验码为1，应为X")
    #expect(english.firstRange(of: "19491231") == nil)
  }

  @Test func masksIDNumbersInFreeText() {
    #expect(
      IdentityKey.maskingIDNumbers(in: "身份证号：11010519491231002X，电话13800000000")
        == "身份证号：1101**********002X，电话13800000000")
    #expect(IdentityKey.maskingIDNumbers(in: "编号1234567890123456789") == "编号1234567890123456789")
    #expect(IdentityKey.maskingIDNumbers(in: "320602198001011235") == "3206**********1235")
  }
}
