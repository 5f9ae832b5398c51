import ChachongModel

/// Who is who: enterprises by credit code, falling back to a normalised name; leads by ID
/// number, falling back to name plus organisation.
package enum EntityMatching {
  /// Words and marks that vary between spellings of one company name.
  static let organisationNoise = [
    "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团", "股份", "公司", "南通市", "南通",
  ]

  /// 「南通 XX 科技股份有限公司」, 「XX科技（南通）有限公司」 → 「xx科技」.
  package static func normalizedOrganisation(_ name: String) -> String {
    var text = ""
    for scalar in Timestamp.asciiFolded(name).unicodeScalars {
      switch scalar {
      case " ", "\t", "\u{3000}", "\u{A0}", "(", ")", "（", "）", "[", "]", "【", "】", "“", "”", "\"", "·":
        continue
      default: text.unicodeScalars.append(scalar)
      }
    }
    let original = text
    for noise in organisationNoise {
      text = text.replacingAll(noise, with: "")
    }
    return (text.isEmpty ? original : text).lowercased()
  }

  /// Names compare without spaces and with ASCII letters folded.
  package static func normalizedPerson(_ name: String) -> String {
    String(
      Timestamp.asciiFolded(name).unicodeScalars.filter { !" \t\u{3000}\u{A0}·.".unicodeScalars.contains($0) }
    ).lowercased()
  }

  /// The normalised credit code when it looks like one (18 characters), else nil.
  package static func normalizedCreditCode(_ code: String?) -> String? {
    guard let code else { return nil }
    let normalized = IdentityKey.normalize(code)
    return normalized.count == 18 ? normalized : nil
  }

  package static func sameOrganisation(
    creditCode lhsCode: String?, name lhsName: String?, creditCode rhsCode: String?, name rhsName: String?
  ) -> Bool {
    if let left = normalizedCreditCode(lhsCode), let right = normalizedCreditCode(rhsCode) {
      return left == right
    }
    guard let lhsName, let rhsName else { return false }
    let left = normalizedOrganisation(lhsName)
    return !left.isEmpty && left == normalizedOrganisation(rhsName)
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[rest.startIndex..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
