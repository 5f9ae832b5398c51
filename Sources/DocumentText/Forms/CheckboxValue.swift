/// Check-box answers such as `☑高新技术企业 □科技型中小企业`: the value is the ticked options.
enum CheckboxValue {
  static let unchecked: Set<Character> = ["□", "☐", "○", "◻"]
  static let checked: Set<Character> = ["☑", "☒", "■", "√", "✓", "✔", "◼", "●", "▣", "þ"]

  /// The ticked options joined by `、` when the value is a check-box list (it has an unticked box),
  /// "" when nothing is ticked; the value unchanged otherwise.
  static func resolve(_ value: String) -> String {
    guard value.contains(where: { unchecked.contains($0) }) else { return value }
    var selected: [String] = []
    var current: String?
    func finish() {
      if let option = current {
        let text = LabelText.trimmed(option.trimmingSeparators())
        if !text.isEmpty { selected.append(text) }
      }
      current = nil
    }
    for character in value {
      if checked.contains(character) {
        finish()
        current = ""
      } else if unchecked.contains(character) {
        finish()
      } else if current != nil {
        current?.append(character)
      }
    }
    finish()
    return selected.joined(separator: "、")
  }
}

extension String {
  fileprivate func trimmingSeparators() -> String {
    var text = self
    while let last = text.last, LabelText.isSpace(last) || "、，,;；".contains(last) { text.removeLast() }
    return text
  }
}
