/// Text helpers for form labels and values. Pure.
enum LabelText {
  static let colons: Set<Character> = ["：", ":"]

  /// Whitespace as it appears in Chinese forms: ASCII, no-break and ideographic spaces, tabs.
  static func isSpace(_ character: Character) -> Bool {
    character.isWhitespace || character == "\u{3000}" || character == "\u{00A0}"
  }

  /// The comparison key of a label: no whitespace, no leading required-field marks, no trailing
  /// colon, full-width brackets and slashes folded to half-width.
  static func key(_ label: String) -> String {
    var result = ""
    for character in label where !isSpace(character) {
      switch character {
      case "（": result.append("(")
      case "）": result.append(")")
      case "／": result.append("/")
      case "，": result.append(",")
      default: result.append(character)
      }
    }
    while let first = result.first, "*＊★☆※".contains(first) { result.removeFirst() }
    while let last = result.last, colons.contains(last) || "*＊".contains(last) { result.removeLast() }
    return result
  }

  /// The key without its last bracketed qualifier (`研发总投入(万元)` → `研发总投入`) or a trailing
  /// `/万元`-style unit; nil when there is nothing to remove.
  static func removingTrailingQualifier(_ key: String) -> String? {
    if key.hasSuffix(")"), let open = key.lastIndex(of: "(") {
      let shorter = String(key[..<open])
      return shorter.isEmpty ? nil : shorter
    }
    if let slash = key.lastIndex(of: "/"), key.distance(from: slash, to: key.endIndex) <= 4 {
      let shorter = String(key[..<slash])
      return shorter.isEmpty ? nil : shorter
    }
    return nil
  }

  /// Trims form whitespace at both ends.
  static func trimmed(_ text: String) -> String {
    guard let first = text.firstIndex(where: { !isSpace($0) }),
      let last = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(text[first...last])
  }

  /// A value that is only a bracketed instruction, such as `（系统生成，无需填写）` or `(请填写)`:
  /// the field is not filled in.
  static func isPlaceholder(_ value: String) -> Bool {
    guard let first = value.first, let last = value.last, value.count >= 2 else { return false }
    let pairs: [Character: Character] = ["（": "）", "(": ")", "【": "】", "[": "]", "<": ">", "〈": "〉"]
    guard let close = pairs[first], last == close else { return false }
    // The opening bracket must close only at the very end: `(甲)(乙)` is not one placeholder.
    var depth = 0
    for (index, character) in value.enumerated() {
      if character == first { depth += 1 }
      if character == close { depth -= 1 }
      if depth == 0 && index < value.count - 1 { return false }
    }
    return true
  }

  /// The label as written, trimmed and without its trailing colon.
  static func displayLabel(_ text: String) -> String {
    var label = trimmed(text)
    while let last = label.last, colons.contains(last) { label.removeLast() }
    return trimmed(label)
  }
}
