/// Text helpers for form labels and values. Pure.
enum LabelText {
  static let colons: Set<Character> = ["：", ":"]

  /// Whitespace as it appears in Chinese forms: ASCII, no-break and ideographic spaces, tabs.
  static func isSpace(_ character: Character) -> Bool {
    character.isWhitespace || character == "\u{3000}" || character == "\u{00A0}"
  }

  /// `isSpace` for one scalar.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar == "\u{3000}" || scalar == "\u{00A0}"
  }

  /// The comparison key of a label: no whitespace, no leading required-field marks, no trailing
  /// colon, full-width brackets and slashes folded to half-width. Works on scalars: every table
  /// cell of a form is looked up, and walking Characters made this a sixth of a `.docx` ingest.
  static func key(_ label: String) -> String {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(label.utf8.count)
    for scalar in label.unicodeScalars where !isSpace(scalar) {
      switch scalar {
      case "（": scalars.append("(")
      case "）": scalars.append(")")
      case "／": scalars.append("/")
      case "，": scalars.append(",")
      default: scalars.append(scalar)
      }
    }
    var start = 0
    var end = scalars.count
    while start < end, leadingMarks.contains(scalars[start]) { start += 1 }
    while end > start, trailingMarks.contains(scalars[end - 1]) { end -= 1 }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars[start..<end])
    return String(result)
  }

  private static let leadingMarks: Set<Unicode.Scalar> = ["*", "＊", "★", "☆", "※"]
  private static let trailingMarks: Set<Unicode.Scalar> = ["：", ":", "*", "＊"]

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
    ScalarTrimming.trimmed(text, isSpace: isSpace)
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
