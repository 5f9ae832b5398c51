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

  @Test func masksAllButTheFirstTwoAndLastTwo() throws {
    let id = try ResidentID(validating: "11010519491231002X")
    #expect(id.masked == "11**************2X")
    #expect("\(id)" == "11**************2X")
    #expect(IdentityKey.mask("320602198001011235") == "32**************35")
    #expect(IdentityKey.mask("12345678") == "12****78")
    #expect(IdentityKey.mask("123456") == "******")
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
        == "身份证号：11**************2X，电话13800000000")
    #expect(IdentityKey.maskingIDNumbers(in: "编号1234567890123456789") == "编号1234567890123456789")
    #expect(IdentityKey.maskingIDNumbers(in: "320602198001011235") == "32**************35")
  }

  /// Every way a form writes the number is masked, and the text keeps its length in scalars (the
  /// stored section offsets point into it).
  @Test(arguments: [
    ("证号：３２０６０２１９８５０３１２０４１９。", "证号：３２**************１９。"),
    ("证号 320602 19850312 0419 止", "证号 32**** ******** **19 止"),
    ("证号320602-19850312-0419，", "证号32****-********-**19，"),
    ("旧证320602850312041，", "旧证32***********41，"),
    ("尾号32060219850312041x；", "尾号32**************1x；"),
    ("甲320602198503120419 13800138000乙", "甲32**************19 13800138000乙"),
    // Separators of two and three UTF-8 bytes (no-break space, ideographic space, en dash,
    // full-width hyphen): the byte pre-check must still send these to the full pass.
    ("证号320602\u{A0}19850312\u{A0}0419止", "证号32****\u{A0}********\u{A0}**19止"),
    ("证号３２０６０２\u{3000}１９８５０３１２\u{3000}０４１９止", "证号３２****\u{3000}********\u{3000}**１９止"),
    ("证号320602\u{2013}19850312\u{2013}0419止", "证号32****\u{2013}********\u{2013}**19止"),
    ("证号320602－19850312－0419止", "证号32****－********－**19止"),
  ])
  func masksEveryWrittenForm(_ input: String, _ expected: String) {
    let masked = IdentityKey.maskingIDNumbers(in: input)
    #expect(masked == expected)
    #expect(masked.unicodeScalars.count == input.unicodeScalars.count)
  }

  /// Hashes, long account numbers, numbers glued to letters and decimal fractions (a JSON score) are
  /// not ID numbers.
  @Test(arguments: [
    "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "a1234567890123456789b", "账号 6222 0212 3456 7890 123", "预算12345678901234567元", "ID320602198503120419",
    "日期20230301，20230415", "{\"jaccard\" : 0.020000000000000000416}", "比例 12.320602198503120419",
  ])
  func leavesOtherNumbersAlone(_ input: String) {
    #expect(IdentityKey.maskingIDNumbers(in: input) == input)
  }

  /// The byte pre-check only says "certainly none" where no 15 digits follow one another with at
  /// most one separator character between them.
  @Test func thePreCheckPassesEveryNumberAndSkipsTextWithoutOne() {
    #expect(IdentityKey.mayHoldIDNumber("证号３２０６０２\u{3000}１９８５０３１２\u{3000}０４１９"))
    #expect(IdentityKey.mayHoldIDNumber("320602850312041"))
    #expect(!IdentityKey.mayHoldIDNumber("32060285031204"))
    #expect(!IdentityKey.mayHoldIDNumber("研发总投入300万元，申请资助100万元，日期2023年3月1日至2025年2月28日"))
    // Fifteen digits split by a four-byte gap (two characters) are two numbers.
    #expect(!IdentityKey.mayHoldIDNumber("3206028503——12041"))
  }
}
