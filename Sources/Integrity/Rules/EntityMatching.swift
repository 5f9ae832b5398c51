import ChachongModel

/// Who is who: enterprises by credit code, falling back to a normalised name; leads by ID
/// number, falling back to name plus organisation.
package enum EntityMatching {
  /// Words and marks that vary between spellings of one company name.
  static let organisationNoise = [
    "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团", "股份", "公司", "南通市", "南通",
  ]

  static let organisationNoiseScalars = organisationNoise.map { Array($0.unicodeScalars) }

  /// 「南通 XX 科技股份有限公司」, 「XX科技（南通）有限公司」 → 「xx科技」.
  ///
  /// A check normalises every archived record's organisation once, tens of thousands of names, so
  /// the noise is removed on Unicode scalars where each scalar is a character of its own (the
  /// same result as removing it from the `String`, ``normalizedOrganisationByCharacters(_:)``,
  /// which names with other scalars still take: there a scalar may be part of a longer character).
  package static func normalizedOrganisation(_ name: String) -> String {
    var scalars: [Unicode.Scalar] = []
    var ownCharacters = true
    for scalar in Timestamp.asciiFolded(name).unicodeScalars where !isOrganisationPunctuation(scalar) {
      scalars.append(scalar)
      if ownCharacters && !isOwnCharacter(scalar) { ownCharacters = false }
    }
    guard ownCharacters else { return normalizedOrganisationByCharacters(name) }
    var text = scalars
    for noise in organisationNoiseScalars {
      text = removingAll(noise, from: text)
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: text.isEmpty ? scalars : text)
    return String(view).lowercased()
  }

  /// The same normalisation on `String` characters.
  package static func normalizedOrganisationByCharacters(_ name: String) -> String {
    var text = ""
    for scalar in Timestamp.asciiFolded(name).unicodeScalars where !isOrganisationPunctuation(scalar) {
      text.unicodeScalars.append(scalar)
    }
    let original = text
    for noise in organisationNoise {
      text = text.replacingAll(noise, with: "")
    }
    return (text.isEmpty ? original : text).lowercased()
  }

  static func isOrganisationPunctuation(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case " ", "\t", "\u{3000}", "\u{A0}", "(", ")", "（", "）", "[", "]", "【", "】", "“", "”", "\"", "·":
      return true
    default: return false
    }
  }

  /// Scalars that never join a neighbour into one character (no combining marks, joiners,
  /// variation selectors or Hangul jamo among them): ASCII and Latin-1, the CJK punctuation
  /// before the ideographic tone marks, CJK ideographs, full-width ASCII forms.
  static func isOwnCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x2FF, 0x3000...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return true
    default: return false
    }
  }

  /// `text` with every occurrence of `target` removed, left to right, not overlapping (as
  /// `String.replacingAll(_:with: "")`).
  static func removingAll(_ target: [Unicode.Scalar], from text: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard !target.isEmpty, text.count >= target.count else { return text }
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      if index + target.count <= text.count && text[index] == target[0]
        && text[index..<(index + target.count)].elementsEqual(target)
      {
        index += target.count
      } else {
        result.append(text[index])
        index += 1
      }
    }
    return result
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
