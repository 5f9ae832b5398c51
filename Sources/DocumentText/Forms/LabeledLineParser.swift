/// Reads `label：value` pairs from one line of text, e.g. `项目名称：智能装备研发` or
/// `项目负责人：张三　　学历：博士` (several pairs on one line, separated by spaces). Pure.
enum LabeledLineParser {
  struct Pair: Equatable {
    var label: String
    var value: String
  }

  /// The pairs whose label is a label of the form (a field or another known label), in order.
  /// A colon that does not follow a label belongs to the value (`10:30`, `http://…`).
  static func pairs(in line: String) -> [Pair] {
    let characters = Array(line)
    let colonPositions = characters.indices.filter { LabelText.colons.contains(characters[$0]) }
    guard let firstColon = colonPositions.first else { return [] }
    let firstLabel = String(characters[..<firstColon])
    guard isLeadingLabel(firstLabel) else { return [] }

    var pairs: [Pair] = []
    var label = firstLabel
    var valueStart = firstColon + 1
    for colon in colonPositions.dropFirst() where colon >= valueStart {
      // Only the last `longestLabel` characters before the colon can be the next label.
      // Most colons cannot end a label at all (`w:style`, `10:30`): a look at the few characters
      // before the colon settles that without trying every word start.
      guard FormLabelVocabulary.mayEndWithLabel(String(characters[max(valueStart, colon - 8)..<colon])) else {
        continue
      }
      let windowStart = max(valueStart, colon - longestLabel)
      let startsWord = windowStart == valueStart || LabelText.isSpace(characters[windowStart - 1])
      guard let split = labelSplit(Array(characters[windowStart..<colon]), startsWord: startsWord) else {
        continue
      }
      pairs.append(Pair(label: label, value: String(characters[valueStart..<(windowStart + split)])))
      label = String(characters[(windowStart + split)..<colon])
      valueStart = colon + 1
    }
    pairs.append(Pair(label: label, value: String(characters[valueStart...])))
    return pairs.map {
      Pair(label: LabelText.displayLabel($0.label), value: LabelText.trimmed($0.value))
    }
  }

  /// Where the text between two colons splits into the previous value and the next label: the
  /// earliest word start (after whitespace, or the very start) from which the rest is a label.
  /// `between` is at most ``longestLabel`` characters: a label is a short phrase, and trying every
  /// word start of all the text since the last split (text between colons that never splits, such
  /// as XML read as a text file) made a line cost its length cubed (found by the fuzz-xml
  /// harness). `startsWord`: whether `between` itself starts a word.
  private static func labelSplit(_ between: [Character], startsWord startsFirst: Bool) -> Int? {
    for index in between.indices {
      let startsWord = index == 0 ? startsFirst : LabelText.isSpace(between[index - 1])
      guard startsWord, !LabelText.isSpace(between[index]) else { continue }
      if FormLabelVocabulary.isKnownLabel(String(between[index...])) { return index }
    }
    return nil
  }

  /// More characters than any label of the form has, spaces and qualifiers such as `（万元）`
  /// included.
  static let longestLabel = 48

  /// The text before a line's first colon: a known label, or any short phrase without sentence
  /// punctuation (so that `联系方式：…` is skipped as a pair rather than read as prose).
  private static func isLeadingLabel(_ text: String) -> Bool {
    let trimmed = LabelText.trimmed(text)
    guard !trimmed.isEmpty else { return false }
    if FormLabelVocabulary.isKnownLabel(trimmed) { return true }
    return trimmed.count <= 12 && !trimmed.contains(where: { "，。；,;！？!?".contains($0) })
  }
}
