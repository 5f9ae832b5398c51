/// Section spans of plain text (a `.jsonl` record, a `.txt` file) from heading-like lines:
/// `一、…`, `（一）…`, `第一章…`, `1.…`/`1、…` when the line is short and does not end a sentence.
enum PlainTextSections {
  static let maximumHeadingLength = 40

  /// Spans in code points covering the whole text; the part before the first heading has the
  /// title "". Text without headings is one section.
  static func detect(_ text: String) -> [(title: String, start: Int, end: Int)] {
    var sections: [(title: String, start: Int, end: Int)] = []
    var currentTitle = ""
    var currentStart = 0
    var offset = 0
    var lineStart = 0
    // Only a line's first scalars are kept: longer lines are never headings.
    var line: [Unicode.Scalar] = []
    var lineLength = 0
    func finishLine() {
      if lineLength <= maximumHeadingLength + 8, let title = heading(line) {
        if lineStart > currentStart || !currentTitle.isEmpty {
          sections.append((currentTitle, currentStart, lineStart))
        }
        currentTitle = title
        currentStart = lineStart
      }
    }
    for scalar in text.unicodeScalars {
      if scalar == "\n" {
        finishLine()
        line.removeAll(keepingCapacity: true)
        lineLength = 0
        lineStart = offset + 1
      } else {
        lineLength += 1
        if lineLength <= maximumHeadingLength + 8 {
          line.append(scalar)
        }
      }
      offset += 1
    }
    finishLine()
    sections.append((currentTitle, currentStart, offset))
    return sections
  }

  private static let chineseNumerals: Set<Unicode.Scalar> = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "〇", "零",
  ]

  /// The heading text when `line` looks like a heading.
  static func heading(_ line: [Unicode.Scalar]) -> String? {
    let trimmed = Array(line.drop { $0 == " " || $0 == "\u{3000}" || $0 == "\t" })
    guard !trimmed.isEmpty, trimmed.count <= maximumHeadingLength else { return nil }
    if let last = trimmed.last, "。；;，,".unicodeScalars.contains(last) { return nil }
    var index = 0
    func skip(_ isMember: (Unicode.Scalar) -> Bool) -> Int {
      let begin = index
      while index < trimmed.count && isMember(trimmed[index]) { index += 1 }
      return index - begin
    }
    let title = String(String.UnicodeScalarView(trimmed))
    // 一、 / 十二．
    if skip({ chineseNumerals.contains($0) }) > 0, index < trimmed.count,
      "、.．".unicodeScalars.contains(trimmed[index])
    {
      return title
    }
    index = 0
    // （一） / (二)
    if "（(".unicodeScalars.contains(trimmed[0]) {
      index = 1
      if skip({ chineseNumerals.contains($0) }) > 0, index < trimmed.count,
        "）)".unicodeScalars.contains(trimmed[index])
      {
        return title
      }
    }
    index = 0
    // 第一章 / 第3部分
    if trimmed[0] == "第" {
      index = 1
      if skip({ chineseNumerals.contains($0) || ("0"..."9").contains($0) }) > 0, index < trimmed.count,
        "章节部分篇".unicodeScalars.contains(trimmed[index])
      {
        return title
      }
    }
    index = 0
    // 1、 / 2. / 3.1 (short lines only)
    if skip({ ("0"..."9").contains($0) }) > 0, index < trimmed.count, trimmed.count <= 25,
      "、.．".unicodeScalars.contains(trimmed[index])
    {
      return title
    }
    return nil
  }
}
