/// Why an identity number (resident ID or unified social credit code) is not valid.
///
/// Descriptions never repeat the number itself: ID numbers are personal data and must not leak
/// into reports or logs unmasked.
package enum IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The number has `actual` characters; `expected` are required.
  case wrongLength(expected: Int, actual: Int)
  /// A 15-digit first-generation resident ID (GB 11643-1989), no longer valid.
  case legacyFifteenDigit
  /// The character at `position` (1-based) is not allowed there.
  case invalidCharacter(position: Int)
  /// The region code's province prefix does not exist.
  case unknownRegion
  /// The birth date (characters 7–14) is not a real date between 1850 and 2099.
  case invalidBirthDate
  /// The check character does not match the one computed from the other characters.
  case wrongCheckCharacter(expected: Character, actual: Character)

  package var description: String {
    switch self {
    case .wrongLength(let expected, let actual):
      return "wrong length: \(actual) characters, expected \(expected)"
    case .legacyFifteenDigit:
      return "15-digit first-generation resident ID, no longer valid"
    case .invalidCharacter(let position):
      return "character \(position) is not allowed there"
    case .unknownRegion:
      return "unknown region code"
    case .invalidBirthDate:
      return "birth date is not a valid date"
    case .wrongCheckCharacter(let expected, let actual):
      return "check character is \(actual), expected \(expected)"
    }
  }

  /// The same reason in Chinese, for reports in zh.
  package var chineseDescription: String {
    switch self {
    case .wrongLength(let expected, let actual):
      return "位数错误：\(actual)位，应为\(expected)位"
    case .legacyFifteenDigit:
      return "15位第一代身份证号码，已停止使用"
    case .invalidCharacter(let position):
      return "第\(position)位字符不合规"
    case .unknownRegion:
      return "行政区划代码不存在"
    case .invalidBirthDate:
      return "出生日期无效"
    case .wrongCheckCharacter(let expected, let actual):
      return "校验码为\(actual)，应为\(expected)"
    }
  }
}
